import CorridorAnalysis
import CorridorData
import CorridorGeo
@testable import CorridorNetwork  // hand-made crossing states and edge times
import Foundation
import Testing

/// `NetworkQA` on a hand-made network near the equator, each finding checked against a hand
/// calculation, and the repairs, modes and gauge changes on the embedded regions.
///
/// The fixture (lon, lat in degrees; a degree of latitude at the equator is 110,574.3 m):
/// - main road A (0,0)-(0.1,0)-(0.15,0)-(0.2,0), with a loop H from (0.2,0) back to (0.15,0)
///   through (0.2,-0.02) and (0.15,-0.02), and a second, identical (0.1,0)-(0.15,0) line;
/// - E (0,0)-(0,0.03)-(0.05,0.03) and D (0.05,0.03)-(0.05,0.009): D's end stops 0.009 deg
///   of latitude (995.2 m) north of A, reached over E by 11 km: a near miss;
/// - the town: F (0.15,0.02)-(0.16,0.02) joined to (0.2,0) by G only, with Town (100,000
///   people) at (0.155,0.021); F's end lies 0.02 deg (2,211.5 m) north of A's node
///   (0.15,0), 11.6 km away over G: G is a suspect bridge;
/// - a 1.1 cm line at (0.2,0): zero length; an island line with Island (5,000 people):
///   a populated component; Remote (1,000 people) at (0.1,-0.15), 0.15 deg (16,586 m)
///   from the node (0.1,0): a long access arc.
@Suite struct NetworkQATests {
    static func fixture() throws -> (TransportNetwork, BuildReport) {
        func line(_ pts: [(Double, Double)]) -> Shape { .lineString(pts.map { Coordinate(lon: $0.0, lat: $0.1) }) }
        let roads: [Shape] = [
            line([(0, 0), (0.1, 0)]), line([(0.1, 0), (0.15, 0)]), line([(0.15, 0), (0.2, 0)]),
            line([(0.2, 0), (0.2, -0.02), (0.15, -0.02), (0.15, 0)]),
            line([(0.1, 0), (0.15, 0)]),
            line([(0, 0), (0, 0.03), (0.05, 0.03)]), line([(0.05, 0.03), (0.05, 0.009)]),
            line([(0.15, 0.02), (0.16, 0.02)]), line([(0.16, 0.02), (0.2, 0)]),
            line([(0.2, 0), (0.2000001, 0)]),
            line([(0.5, 0.5), (0.51, 0.5)]),
        ]
        let roadLayer = VectorLayerData(name: "roads", geometryKind: .lineString, crs: .wgs84, fields: [FieldDefinition("id", .integer)],
                                        features: roads.enumerated().map { Feature(id: Int64($0.offset), values: [.integer(Int64($0.offset))], shape: $0.element) })
        let places: [(String, Double, Double, Double)] = [("City", 0, -0.001, 200_000), ("Town", 0.155, 0.021, 100_000),
                                                          ("Island", 0.505, 0.501, 5_000), ("Remote", 0.1, -0.15, 1_000)]
        let placeLayer = VectorLayerData(name: "places", geometryKind: .point, crs: .wgs84,
                                         fields: [FieldDefinition("name", .string), FieldDefinition("population", .real)],
                                         features: places.enumerated().map { i, p in
                                             Feature(id: Int64(i), values: [.string(p.0), .real(p.3)], shape: .point(Coordinate(lon: p.1, lat: p.2)))
                                         })
        var options = NetworkOptions()
        options.snapToleranceMeters = 0
        options.minimumComponentNodes = 1
        return try NetworkBuilder(options: options).build(NetworkInputs(layers: [
            .road: InputLayer(data: roadLayer, label: "roads"), .places: InputLayer(data: placeLayer, label: "places"),
        ]))
    }

    @Test func findsEachKindWithItsNumbers() throws {
        var (n, report) = try Self.fixture()
        // A crossing no edge passes and a border edge no crossing covers (as the builder
        // reports them), and one edge with an impossible time.
        n.crossings.append(NetworkCrossing(id: "x", name: "X", mode: .road, countries: ["AAA", "BBB"], status: .open, delaySeconds: 0,
                                           position: Coordinate(lon: 0.3, lat: 0.3)))
        report.crossingsWithoutEdge = ["x/road"]
        report.unmatchedBorderEdges = [.init(edge: 0, mode: "road", countries: ["AAA", "BBB"], lon: 0.05, lat: 0)]
        let fast = try #require((0..<n.edgeCount).first { n.edgeMode[$0] == .road && n.edgeLengthMeters[$0] > 5_000 })
        n.edgeBaseSeconds[fast] = 1
        let qa = NetworkQA.review(n, report: report)
        func only(_ k: NetworkQA.Kind) throws -> NetworkQA.Finding {
            let list = qa.findings.filter { $0.kind == k }
            #expect(list.count == 1, "\(k): \(list)")
            return try #require(list.first)
        }
        let miss = try only(.nearMiss)
        #expect(abs(miss.lon - 0.05) < 1e-9 && abs(miss.lat - 0.009) < 1e-9)
        #expect(abs(miss.values["gapMeters"]! - 995.2) <= 1)
        #expect(abs(miss.toLon! - 0.05) < 1e-6 && abs(miss.toLat!) < 1e-6)

        let bridge = try only(.suspectBridge)
        #expect(bridge.values["population"] == 100_000)
        #expect(abs(bridge.values["gapMeters"]! - 2_211.5) <= 1)
        #expect(abs(bridge.lon - 0.15) < 1e-9 && abs(bridge.lat - 0.02) < 1e-9 && abs(bridge.toLon! - 0.15) < 1e-9 && abs(bridge.toLat!) < 1e-9)

        let comp = try only(.component)
        #expect(comp.values["population"] == 5_000 && comp.values["nodes"] == 3)

        let access = try only(.longAccess)
        #expect(access.detail.hasPrefix("Remote") && abs(access.values["meters"]! - 16_586) <= 1)

        #expect(try only(.duplicateEdge).values["meters"].map { abs($0 - 5_566) <= 1 } == true)
        #expect(try only(.zeroLength).values["meters"]! < 0.02)
        #expect(try only(.speedOutOfRange).edge == fast)
        #expect(try only(.crossingWithoutEdge).detail.contains("x/road"))
        #expect(try only(.unmatchedBorderEdge).edge == 0)
        #expect(qa.counts.values.reduce(0, +) == qa.findings.count && qa.findings.count == 9)
    }

    @Test func repairsLowerKoreasCountsAndJeonjuIsNoLongerABridge() throws {
        let region = try RegionCatalog(directory: RealRegionsQA.geoData).region("korea")
        var without = NetworkOptions(for: region)
        without.applyRepairs = false
        let (before, beforeReport) = try NetworkBuilder(options: without).build(NetworkInputs.region(region))
        let (after, afterReport) = try NetworkBuilder.build(region: region)
        let qaBefore = NetworkQA.review(before, report: beforeReport), qaAfter = NetworkQA.review(after, report: afterReport)
        #expect(qaAfter.findings.count < qaBefore.findings.count)
        #expect(qaAfter.counts["suspect-bridge"]! < qaBefore.counts["suspect-bridge"]!)
        // Jeonju's centre: a bridge cutting off 638,421 people before, none after.
        func jeonju(_ n: TransportNetwork) -> [Criticality.BridgeLoss] {
            Criticality.bridges(n).filter { abs($0.lon - 127.14) < 0.03 && abs($0.lat - 35.815) < 0.03 && $0.populationCutOff > 100_000 }
        }
        #expect(!jeonju(before).isEmpty)
        #expect(jeonju(after).isEmpty)
        #expect(after.edgeSource.filter { $0.hasPrefix("repair:") }.count == 4)
    }

    @Test func gyeonguiLineByRailPassesDorasanKaesongOnRail() throws {
        let region = try RegionCatalog(directory: RealRegionsQA.geoData).region("korea")
        let (n, _) = try NetworkBuilder.build(region: region)
        let preset = try #require(region.manifest.scenarios.first { $0.id == "reconnect-gyeongui" })
        let reconnected = try n.applying(Scenario(preset: preset))
        let corridor = try #require(region.manifest.corridors.first { $0.id == "gyeongui-line" })
        #expect(corridor.modes == [.rail])
        let r = try #require(CorridorEvaluation.named(reconnected, corridors: [corridor], override: nil).first)
        #expect(r.modes == "rail")
        let leg = try #require(r.legs.first { $0.from == "Dorasan" })
        #expect(leg.reachable && leg.crossings == ["gyeongui-dorasan-kaesong/rail"], "\(r.legs)")
        #expect(leg.modes.allSatisfy { $0.mode == "rail" || $0.mode == "access" })
        #expect(r.legs.allSatisfy { $0.modes.allSatisfy { $0.mode == "rail" || $0.mode == "access" } })
    }

    @Test func manzhouliZabaikalskByRailIncludesTheGaugeChange() throws {
        let (n, _) = try NetworkBuilder.build(region: RegionCatalog(directory: RealRegionsQA.geoData).region("northeast-asia"))
        let rail = try n.restricted(to: ModeSelection([.rail]))
        let a = try rail.resolvePlace("Manzhouli", option: "--from"), b = try rail.resolvePlace("Zabaykal’sk", option: "--to")
        let w = rail.arcSeconds(excluding: try ModeSelection([.rail]).excluding)
        let r = try #require(Route.fastest(in: rail, from: Int(a.node), to: Int(b.node), weights: w))
        #expect(r.crossings == ["manzhouli-zabaikalsk/rail"])
        let g = try #require(r.gaugeChanges.first)
        // Curated: 240 min customs plus 1,200 min transshipment, the 1,440 min it was in all.
        #expect(g.hours == 20 && g.how.hasPrefix("transshipment 1435/1520 mm"))
        let x = try #require(rail.crossings.first { $0.id == "manzhouli-zabaikalsk" && $0.mode == .rail })
        #expect(x.delaySeconds == 240 * 60 && x.passSeconds == 1_440 * 60)
        #expect(r.legs.allSatisfy { $0.mode == "rail" || $0.mode == "access" })
        #expect(r.seconds >= x.passSeconds)
    }

    @Test func modeSelectionErrors() throws {
        #expect(throws: DataError.invalid("--modes tram", "unknown mode 'tram'; modes are road, rail, sea, ferry")) {
            try ModeSelection(parsing: "tram")
        }
        let (n, _) = try Self.fixture()
        #expect(throws: DataError.invalid("--modes rail", "this network has no rail links (it has road)")) {
            try n.restricted(to: ModeSelection([.rail]))
        }
        #expect(try ModeSelection(parsing: "Rail+road").description == "road+rail")
    }
}

enum RealRegionsQA {
    static let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")
}
