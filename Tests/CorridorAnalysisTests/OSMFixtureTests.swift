@testable import CorridorAnalysis
@testable import CorridorNetwork
import CorridorData
import CorridorGeo
import Foundation
import Testing

/// The hand-made OpenStreetMap file Fixtures/border_town.osm, built with the car profile:
/// every count, direction and time below is worked out by hand from the file.
///
/// Lengths by hand: on the WGS 84 ellipsoid (a = 6378137 m, e² = 0.00669437999014) at latitude
/// φ a degree of longitude is N cos φ · π/180 and a degree of latitude M · π/180, with
/// N = a / √(1 − e² sin²φ) and M = a (1 − e²) / (1 − e² sin²φ)^{3/2}; for steps of a few
/// hundred metres the straight step √(dx² + dy²) at the mid latitude is the geodesic to well
/// under 1e-6.
struct BorderTown {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func metres(_ points: [(lon: Double, lat: Double)]) -> Double {
        let a = 6378137.0, e2 = 0.00669437999014
        var total = 0.0
        for (p, q) in zip(points, points.dropFirst()) {
            let phi = (p.lat + q.lat) / 2 * .pi / 180
            let w = 1 - e2 * sin(phi) * sin(phi)
            let n = a / w.squareRoot(), m = a * (1 - e2) / (w * w.squareRoot())
            let dx = n * cos(phi) * (q.lon - p.lon) * .pi / 180, dy = m * (q.lat - p.lat) * .pi / 180
            total += (dx * dx + dy * dy).squareRoot()
        }
        return total
    }

    // The OSM nodes' positions.
    static let n1 = (lon: 9.990, lat: 50.000), n2 = (lon: 9.995, lat: 50.000), n3 = (lon: 9.999, lat: 50.000)
    static let n4 = (lon: 10.001, lat: 50.000), n5 = (lon: 10.005, lat: 50.000), n6 = (lon: 10.0075, lat: 50.0005)
    static let n7 = (lon: 10.0075, lat: 49.9995), n8 = (lon: 10.010, lat: 50.000), n9 = (lon: 10.011, lat: 50.001)
    static let n10 = (lon: 10.012, lat: 50.000), n11 = (lon: 10.011, lat: 49.999), n12 = (lon: 10.011, lat: 50.006)
    static let n15 = (lon: 10.016, lat: 50.006)

    /// Seconds over a way at a speed in km/h.
    static func seconds(_ points: [(lon: Double, lat: Double)], kmh: Double) -> Double { metres(points) / (kmh / 3.6) }

    // Car profile speeds: primary at maxspeed 40 mph, secondary 55, tertiary 40, residential 25,
    // unclassified 25 km/h; border control 30 minutes.
    static let t100 = seconds([n1, n2, n3, n4, n5], kmh: 40 * 1.609344)
    static let t101 = seconds([n5, n6, n8], kmh: 55)
    static let t102 = seconds([n8, n7, n5], kmh: 55)
    static let t103a = seconds([n8, n11, n10, n9], kmh: 40)  // the roundabout from 8 round to 9
    static let t103b = seconds([n9, n8], kmh: 40)            // and on from 9 back to 8
    static let t104 = seconds([n9, n12], kmh: 25)
    static let t107 = seconds([n15, n12], kmh: 25)
    static let border = 30.0 * 60

    static func build() throws -> (TransportNetwork, BuildReport, OSMImport.Summary) {
        let (layers, summary) = try OSMImport.layers(path: dir.appendingPathComponent("border_town.osm").path, profile: OSMProfile.load("car"))
        var inputs = NetworkInputs(layers: layers)
        let countries = try NetworkInputs.files(["countries=" + dir.appendingPathComponent("border_town_countries.geojson").path])
        inputs.layers[.countries] = countries.layers[.countries]
        let options = NetworkOptions.openStreetMap
        let (network, report) = try NetworkBuilder(options: options).build(inputs)
        return (network, report, summary)
    }

    static func node(_ network: TransportNetwork, _ p: (lon: Double, lat: Double)) -> Int? {
        (0..<network.nodeCount).first { network.nodeKind[$0] == .network && abs(network.nodeLon[$0] - p.lon) < 1e-9 && abs(network.nodeLat[$0] - p.lat) < 1e-9 }
    }
}

@Suite struct OSMFixtureTests {
    @Test func waysTagsAndCountsByHand() throws {
        let (network, report, summary) = try BorderTown.build()
        // Ways 100-107: the private road 105 and footway 106 are left out; 101, 102, 103
        // (roundabout, implied) and 107 (oneway=-1) are one-way; the mph maxspeed parses.
        #expect(summary.waysRead == 8 && summary.waysUsed == 6 && summary.accessDenied == 1)
        #expect(summary.oneWayWays == 4 && summary.maxspeedUsed == 1 && summary.maxspeedIgnored.isEmpty)
        #expect(summary.borderControls == 1 && summary.places == 1)
        // Road nodes where ways end or share a node: 1, 5, 8, 9, 12, 15 (2, 3, 4, 6, 7, 10, 11
        // are inside one way). Edges: 100, 101, 102, the roundabout cut at 8 and 9 into two,
        // 104 and 107; none merges (12 joins a two-way and a one-way edge). Plus the town and
        // its access edge.
        #expect(report.modes["road"]?.nodes == 6 && report.modes["road"]?.edges == 7 && report.modes["road"]?.oneWayEdges == 5)
        #expect(network.nodeCount == 7 && network.edgeCount == 8)
        #expect(network.isDirected && network.edgeOneWay.filter { $0 }.count == 5)
        // One border edge (100, from AAA to BBB), matched to the border control point.
        let borderEdges = (0..<network.edgeCount).filter { network.edgeIsBorder[$0] }
        #expect(borderEdges.count == 1)
        let e = borderEdges[0]
        #expect(network.edgeSource[e] == "road:100" && network.edgeCrossing[e] >= 0)
        let crossing = network.crossings[Int(network.edgeCrossing[e])]
        #expect(crossing.id == "osm:node/3" && crossing.name == "Test Border" && crossing.delaySeconds == BorderTown.border)
        #expect(network.places.count == 1 && network.places[0].name == "Testville" && network.places[0].population == 12000)
    }

    @Test func directionsAndTimesByHand() throws {
        let (network, _, _) = try BorderTown.build()
        let w = network.arcSeconds()
        let d = Dijkstra(graph: network.graph)
        func time(_ a: (lon: Double, lat: Double), _ b: (lon: Double, lat: Double)) throws -> Double {
            let s = try #require(BorderTown.node(network, a)), t = try #require(BorderTown.node(network, b))
            d.run(from: [s], weights: w)
            return d.distance(to: t)
        }
        func near(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-6 * max(1, y) }
        let t = (BorderTown.t100, BorderTown.t101, BorderTown.t102, BorderTown.t103a, BorderTown.t103b, BorderTown.t104, BorderTown.t107)
        // Out across the border, the northbound carriageway, three quarters round the roundabout.
        #expect(near(try time(BorderTown.n1, BorderTown.n9), t.0 + BorderTown.border + t.1 + t.3))
        // Back: a quarter round, the southbound carriageway, the border.
        #expect(near(try time(BorderTown.n9, BorderTown.n1), t.4 + t.2 + t.0 + BorderTown.border))
        // 107 is tagged oneway=-1 from 12 to 15: only 15 -> 12 is open.
        #expect(near(try time(BorderTown.n15, BorderTown.n12), t.6))
        #expect(try time(BorderTown.n12, BorderTown.n15) == .infinity)
        #expect(near(try time(BorderTown.n12, BorderTown.n1), t.5 + t.4 + t.2 + t.0 + BorderTown.border))
        // 40 mph is 17.8816 m/s over 0.015 degrees of longitude at 50° N.
        #expect(abs(BorderTown.t100 - BorderTown.metres([BorderTown.n1, BorderTown.n5]) / 17.8816) < 1e-9)
    }

    @Test func oneWayTimesSurviveTheCompiledFile() throws {
        let (network, report, _) = try BorderTown.build()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("border-town-\(UUID().uuidString).corridor").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try NetworkFile.write(network, report: report, inputsKey: "", options: NetworkOptions(), region: nil, writer: "test", to: path)
        let back = try NetworkFile.read(path: path).network
        #expect(back.edgeOneWay == network.edgeOneWay && back.arcSeconds() == network.arcSeconds())
    }

    @Test func maxspeedValuesParse() {
        func p(_ s: String) -> Double? { OSMProfile.parseMaxspeed(s, walkKmh: 6, noneKmh: 130) }
        #expect(p("50") == 50 && p("30 mph") == 30 * 1.609344 && p("10 knots") == 18.52 && p("60 km/h") == 60)
        #expect(p("walk") == 6 && p("none") == 130 && p("50;70") == 60 && p("FI:urban") == nil && p("0") == nil && p("signals") == nil)
        #expect(p("FI:urban;40") == 40)
    }

    @Test func onewayAccessAndHstoreRules() throws {
        let car = try OSMProfile.load("car"), rail = try OSMProfile.load("rail")
        #expect(car.direction(["oneway": "yes"]) == .forward && car.direction(["oneway": "-1"]) == .backward)
        #expect(car.direction(["highway": "motorway"]) == .forward && car.direction(["highway": "motorway", "oneway": "no"]) == .both)
        #expect(car.direction(["junction": "circular"]) == .forward && car.direction(["oneway": "reversible"]) == .both)
        #expect(rail.direction(["oneway": "yes"]) == .both)
        #expect(!car.isAllowed(["access": "no"]) && car.isAllowed(["access": "no", "motor_vehicle": "yes"]))
        #expect(!car.isAllowed(["access": "yes", "motorcar": "private"]))
        let truck = try OSMProfile.load("truck")
        #expect(truck.speedKmh(["highway": "motorway", "maxspeed": "120"]) == 80 && truck.speedKmh(["highway": "primary", "hgv": "no"]) == nil)
        #expect(car.speedKmh(["route": "ferry"]) == 5 && car.speedKmh(["highway": "footway"]) == nil)
        let pairs = OSMImport.parseHstore(#""oneway"=>"yes","name"=>"Say \"hi\"","a\\b"=>"c""#)
        #expect(pairs.map(\.0) == ["oneway", "name", #"a\b"#] && pairs.map(\.1) == ["yes", #"Say "hi""#, "c"])
    }

    @Test func badProfilesAndFilesAreRefusedByName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("osm-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = try #require(OSMProfile.builtInText("car"))
        text = text.replacingOccurrences(of: "\"residential\": 25", with: "\"residential\": -25")
        let profile = dir.appendingPathComponent("negative.json").path
        try text.write(toFile: profile, atomically: true, encoding: .utf8)
        #expect { try OSMProfile.load(profile) } throws: { "\($0)".contains("negative.json") && "\($0)".contains("speeds_kmh.residential -25.0") }
        // An OSM file with nodes and no ways.
        let noWays = dir.appendingPathComponent("nodes-only.osm").path
        try #"<?xml version="1.0"?><osm version="0.6"><node id="1" version="1" lat="50" lon="10"/></osm>"#.write(toFile: noWays, atomically: true, encoding: .utf8)
        #expect { try OSMImport.layers(path: noWays, profile: OSMProfile.load("car")) } throws: { "\($0)".contains("nodes-only.osm") && "\($0)".contains("no way usable") }
        // A truncated PBF: the first 40 % of the Helsinki extract.
        let pbf = BorderTown.sharedExtract("Helsinki.osm.pbf")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pbf))
        let cut = dir.appendingPathComponent("cut.osm.pbf").path
        try bytes.prefix(bytes.count * 2 / 5).write(to: URL(fileURLWithPath: cut))
        #expect { try OSMImport.layers(path: cut, profile: OSMProfile.load("car")) } throws: { "\($0)".contains("cut.osm.pbf") }
    }
}

extension BorderTown {
    static func sharedExtract(_ name: String) -> String {
        let shared = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("shared/data")
        return shared.appendingPathComponent("osm_extracts").appendingPathComponent(name).path
    }
}

/// Helsinki against OSMnx (Tests/Oracles/make_osm_oracles.py): the same ways, the same
/// simplification rule, and travel times between 50 sampled node pairs.
@Suite struct OSMnxComparisonTests {
    struct Fixture: Decodable {
        struct End: Decodable { var osmid: Int; var x: Double; var y: Double }
        struct Pair: Decodable { var from: End; var to: End; var seconds: Double?; var seconds_geodesic: Double? }
        struct Counts: Decodable { var nodes: Int; var edges: Int }
        struct Ways: Decodable { var kept: Int; var oneWay: Int }
        var simplified: Counts
        var ways: Ways
        var pairs: [Pair]
    }

    @Test func helsinkiMatchesOSMnx() throws {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: BorderTown.dir.appendingPathComponent("../../CorridorNetworkTests/Fixtures/osm_helsinki_osmnx.json")))
        let (layers, summary) = try OSMImport.layers(path: BorderTown.sharedExtract("Helsinki.osm.pbf"), profile: OSMProfile.load("car"))
        let options = NetworkOptions.openStreetMap
        var inputs = NetworkInputs(layers: layers)
        inputs.layers[.places] = nil  // OSMnx has no places
        let (network, _) = try NetworkBuilder(options: options).build(inputs)
        // The same ways: OSMnx keeps 878, Corridor the same 878 plus one ferry (route=ferry,
        // which the oracle leaves out), whose only nodes in the extract are its two ends at one
        // position: a zero-length line that gives one isolated node and no edge.
        #expect(summary.waysUsed == fixture.ways.kept + 1 && summary.waysByClass["ferry"] == 1)
        #expect(summary.oneWayWays == fixture.ways.oneWay)
        // Nodes: Corridor has two more than OSMnx (347 against 345) and one more usable arc
        // (643 against 642), each explained (compared node by node, by position):
        // - the ferry's isolated node;
        // - a one-way loop that leaves a junction and comes back to it through one node: OSMnx
        //   removes that node and keeps the loop as a self-loop (one arc); Corridor keeps no
        //   self-loops (no use to shortest paths), so the node stays, with its two one-way
        //   edges (two arcs).
        let roadNodes = network.nodeCount
        #expect(roadNodes == fixture.simplified.nodes + 2, "nodes \(roadNodes) vs OSMnx \(fixture.simplified.nodes)")
        // Usable arcs: two per two-way edge, one per one-way edge.
        let arcs = network.arcSeconds().filter(\.isFinite).count
        #expect(arcs == fixture.simplified.edges + 1, "arcs \(arcs) vs OSMnx \(fixture.simplified.edges)")
        // Times between the sampled pairs: equal within 1e-6 to OSMnx's paths re-measured on the
        // WGS 84 ellipsoid (OSMnx's own haversine lengths run 0.23-0.34 % shorter).
        let w = network.arcSeconds()
        let d = Dijkstra(graph: network.graph)
        func node(_ e: Fixture.End) throws -> Int {
            try #require((0..<network.nodeCount).first { abs(network.nodeLon[$0] - e.x) < 1e-7 && abs(network.nodeLat[$0] - e.y) < 1e-7 })
        }
        var compared = 0
        for p in fixture.pairs {
            let s = try node(p.from), t = try node(p.to)
            d.run(from: [s], weights: w)
            let got = d.distance(to: t)
            if let want = p.seconds_geodesic {
                #expect(abs(got - want) <= 1e-6 * max(1, want), "\(p.from.osmid) -> \(p.to.osmid): \(got) vs \(want)")
                if let h = p.seconds { #expect(abs(got - h) / h < 0.005) }
                compared += 1
            } else {
                #expect(got == .infinity, "\(p.from.osmid) -> \(p.to.osmid) should be unreachable")
            }
        }
        #expect(compared >= 45)
    }
}
