import CorridorAnalysis
import CorridorData
import CorridorGovernance
import CorridorNetwork
import Foundation
import Testing

/// Governance on the embedded korea region with its curated initiatives and gates.
@Suite struct KoreaGovernanceTests {
    static let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    static func region() throws -> Region { try RegionCatalog(directory: geoData).region("korea") }

    /// Seoul–Dandong by land through the reopened Gyeongui crossing: KOR, PRK, CHN with no
    /// common superior; the DPRK is the cut point whose withdrawal cuts the route, and no
    /// jurisdiction path avoids it.
    @Test func gyeonguiRouteHasNoCommonSuperiorAndTheDPRKHoldsItUp() throws {
        let region = try Self.region()
        let base = try NetworkBuilder.build(region: region).0
        let preset = try #require(region.manifest.scenarios.first { $0.id == "reconnect-gyeongui" })
        let n = try base.applying(Scenario(preset: preset))
        let model = try JurisdictionModel(network: n, governance: region.manifest.governance, asOf: "2026-01-01")
        let seoul = try #require(n.place(named: "Seoul")), dandong = try #require(n.place(named: "Dandong"))
        let costs = n.edgeCosts(excluding: [.sea])
        let route = try #require(Route.fastest(in: n, from: Int(seoul.node), to: Int(dandong.node), weights: n.graph.arcEdge.map { costs[Int($0)] }))
        #expect(route.crossings.contains { $0.hasPrefix("gyeongui-dorasan-kaesong/") })
        let p = JurisdictionProfile.of(GovernancePath(route, edgeCosts: costs), model: model)
        #expect(p.level(.country)?.sequence == ["KOR", "PRK", "CHN"])
        #expect(p.commonSuperior == nil && p.commonSuperiorLevel == "none")
        // No initiative in force covers KOR, PRK and CHN together in 2026.
        #expect(p.frameworks.isEmpty)

        let h = HoldUpAnalysis.analyse(model: model, legs: [GovernanceLeg(from: Int(seoul.node), to: Int(dandong.node), fromName: "Seoul", toName: "Dandong")],
                                       excluding: [.sea])
        let prk = try #require(h.withdrawals.first { $0.jurisdiction == "PRK" })
        #expect(prk.legsCut == ["Seoul–Dandong"] && prk.cutPoint && !prk.holdsEndpoint && prk.alternativesAvoiding == 0)
        #expect(h.withdrawals.first?.jurisdiction == "PRK" || h.withdrawals.first?.legsCut.count == 1)
        #expect(h.articulationPoints.contains("PRK"), "on land the DPRK joins the ROK to the continent")
    }

    /// With the curated states (2026) the West Sea belt's only blocks are the closed Gyeongui
    /// road crossing and the unopened New Yalu River Bridge, each explained by gates.
    @Test func westSeaBeltIsBlockedOnlyByItsGates() throws {
        let region = try Self.region()
        let n = try NetworkBuilder.build(region: region).0
        let spec = try #require(region.manifest.governance)
        let book = try GateBook(spec)
        let statuses = try GateAnalysis.named(n, corridors: region.manifest.corridors, book: book,
                                              presets: try region.manifest.scenarios.map { try Scenario(preset: $0) })
        let west = try #require(statuses.first { $0.id == "west-sea-belt" })
        #expect(west.blockedOnlyByGates)
        #expect(west.blocked.allSatisfy { $0.kind == "gated" } && west.blocked.contains { $0.crossings.contains("gyeongui-dorasan-kaesong/road") })
        #expect(west.gates.contains("inter-korean-relations") && west.gates.contains("sanctions-relief"))
        #expect(west.continuity < 1 && west.gateBurden > 0)
        // The Gyeongui line is not: its track ends short of the DMZ at Dorasan, which only the
        // reconnection preset builds.
        let line = try #require(statuses.first { $0.id == "gyeongui-line" })
        #expect(!line.blockedOnlyByGates && line.blocked.contains { $0.kind == "missing" && $0.providedBy == ["reconnect-gyeongui"] })
        // Every gate met: nothing gated remains.
        let allMet = try GateBook(spec, overrides: Dictionary(uniqueKeysWithValues: spec.gates.map { ($0.id, GateState.met) }))
        let freed = try GateAnalysis.named(n, corridors: region.manifest.corridors, book: allMet)
        #expect(freed.first { $0.id == "west-sea-belt" }?.gateBurden == 0)
        #expect(freed.first { $0.id == "west-sea-belt" }?.blocked.allSatisfy { $0.kind == "closed" } == true)
    }

    /// The DPRK left the Greater Tumen Initiative in November 2009.
    @Test func gtiMembershipChangesIn2009() throws {
        let spec = try #require(try Self.region().manifest.governance)
        let gti = try #require(spec.initiatives.first { $0.id == "gti" })
        #expect(gti.members(on: "2009-01-01").contains("PRK"))
        #expect(!gti.members(on: "2010-01-01").contains("PRK"))
        #expect(gti.members(on: "2010-01-01").contains("CHN") && gti.members(on: "2010-01-01").contains("RUS"))
    }

    /// Docking hotspots while the New Economic Map's belts were policy (2019): Rason's port
    /// Rajin, Dandong and Pyongyang at the top; Busan claimed by at least three.
    @Test func dockingHotspots() throws {
        let region = try Self.region()
        let n = try NetworkBuilder.build(region: region).0
        let d = DockingAnalysis.compute(model: try JurisdictionModel(network: n, governance: region.manifest.governance, asOf: "2019-01-01"),
                                        corridors: region.manifest.corridors)
        let places = d.hotspots.filter { $0.kind == "place" }.map(\.name)
        for name in ["Rajin", "Dandong", "Pyongyang"] { #expect(places.prefix(6).contains(name), "\(name) in \(places.prefix(6))") }
        #expect((d.hotspots.first { $0.name == "Busan" }?.initiatives.count ?? 0) >= 3)
        // The belts lapsed in 2022: fewer claims today.
        let today = DockingAnalysis.compute(model: try JurisdictionModel(network: n, governance: region.manifest.governance, asOf: "2026-01-01"))
        #expect((today.hotspots.first { $0.name == "Busan" }?.initiatives.count ?? 0) < (d.hotspots.first { $0.name == "Busan" }?.initiatives.count ?? 0))
    }

    /// Every claim and twin city of the shared curation names a place of korea or
    /// northeast-asia, and every gate's crossing exists.
    @Test func curationResolves() throws {
        let catalog = try RegionCatalog(directory: Self.geoData)
        let korea = try NetworkBuilder.build(region: catalog.region("korea")).0
        let nea = try NetworkBuilder.build(region: catalog.region("northeast-asia")).0
        let spec = try #require(catalog.region("korea").manifest.governance)
        var names = spec.initiatives.flatMap { ($0.claims ?? []).compactMap(\.place) }
        names += (spec.twinCities ?? []).flatMap { [$0.a, $0.b] }
        for name in Set(names) {
            let found = (try? korea.resolvePlace(name, option: "claim")) ?? (try? nea.resolvePlace(name, option: "claim"))
            #expect(found != nil, "\(name)")
        }
        let crossings = Set(korea.crossings.map(\.id) + nea.crossings.map(\.id))
        for g in spec.gates { for s in g.applies { if let c = s.crossing { #expect(crossings.contains(c), "\(g.id): \(c)") } } }
    }
}
