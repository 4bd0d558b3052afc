import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorGovernance
@testable import CorridorNetwork  // hand-made crossing states and edge times
import Foundation
import Testing

/// Governance measures on the three-jurisdictions fixture (Fixtures/three-jurisdictions/README.md),
/// every value by hand. On the equator a geodesic is the equator: length = a · Δλ.
@Suite struct GovernanceFixtureTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/three-jurisdictions")
    static let twoCountries = tests.appendingPathComponent("CorridorNetworkTests/Fixtures/two-countries")
    static func m(_ degrees: Double) -> Double { 6_378_137 * degrees * .pi / 180 }

    static func build() throws -> TransportNetwork {
        var specs = ["road=roads", "rail=rail", "sea=sea", "ports=ports", "places=places"].map { s -> String in
            let (k, f) = (s.split(separator: "=")[0], s.split(separator: "=")[1])
            return "\(k)=\(twoCountries.appendingPathComponent("\(f).geojson").path)"
        }
        specs += ["borders", "crossings", "countries", "admin1"].map { "\($0)=\(dir.appendingPathComponent("\($0).geojson").path)" }
        var inputs = try NetworkInputs.files(specs)
        // Road 10 m/s, rail 20 m/s, sea 5 m/s, access 10 m/s (as NetworkBuilderTests).
        inputs.speeds = [
            SpeedAssumption(mode: .road, country: nil, kilometersPerHour: 36, source: "test"),
            SpeedAssumption(mode: .rail, country: nil, kilometersPerHour: 72, source: "test"),
            SpeedAssumption(mode: .sea, country: nil, kilometersPerHour: 18, source: "test"),
            SpeedAssumption(mode: .access, country: nil, kilometersPerHour: 36, source: "test"),
        ]
        inputs.transfers = [
            TransferAssumption(between: [.road, .rail], minutes: 60, source: "test"),
            TransferAssumption(between: [.road, .sea], minutes: 120, source: "test"),
            TransferAssumption(between: [.rail, .sea], minutes: 120, source: "test"),
        ]
        var options = NetworkOptions()
        options.terminalMinPopulation = 1000
        return try NetworkBuilder(options: options).build(inputs).0
    }

    static func roadNode(_ n: TransportNetwork, _ lon: Double) throws -> Int {
        try #require((0..<n.nodeCount).first { n.nodeMode[$0] == .road && n.nodeKind[$0] == .network && abs(n.nodeLon[$0] - lon) < 1e-12 && n.nodeLat[$0] == 0 })
    }

    static func path(_ n: TransportNetwork, _ a: Int, _ b: Int) throws -> GovernancePath {
        let costs = n.edgeCosts()
        return GovernancePath(try #require(Route.fastest(in: n, from: a, to: b)), edgeCosts: costs)
    }

    static let spec = GovernanceSpec(initiatives: [
        .init(id: "abc-pact", name: "ABC pact", kind: "agreement", from: "2000-01-01", source: "test",
              members: [.init(jurisdiction: "AAA", from: "2000-01-01"), .init(jurisdiction: "BBB", from: "2000-01-01"),
                        .init(jurisdiction: "CCC", from: "2005-01-01", until: "2010-01-01"), .init(jurisdiction: "CCC", from: "2015-01-01")],
              claims: [.init(place: "Beta"), .init(crossing: "east-gate")]),
        .init(id: "east-zone", name: "East zone", kind: "initiative", from: "2001-01-01", source: "test",
              members: [.init(jurisdiction: "BBB", from: "2001-01-01"), .init(jurisdiction: "CCC/C1", from: "2001-01-01")],
              claims: [.init(place: "Beta"), .init(place: "Nowhere")]),
    ], gates: [
        .init(id: "river-treaty", name: "River treaty", state: .unmet, weight: 2, source: "test", applies: [.init(crossing: "river-bridge", mode: .road)]),
        .init(id: "east-customs", name: "East customs union", state: .partial, source: "test", applies: [.init(between: ["BBB", "CCC"])]),
        .init(id: "speed-law", name: "Speed law", state: .met, source: "test", applies: [.init(scenario: "speed-ccc")]),
    ])

    /// Road from lon 0.2 to 1.5: edges 0.2-0.6, 0.6-0.9 in AAA, 0.9-1.1 across the river
    /// bridge (30 min), 1.1-1.5 across the east gate (20 min).
    @Test func profileOfATransitRoute() throws {
        let n = try Self.build()
        let model = try JurisdictionModel(network: n, governance: Self.spec, asOf: "2020-06-01")
        let p = JurisdictionProfile.of(try Self.path(n, try Self.roadNode(n, 0.2), try Self.roadNode(n, 1.5)), model: model)
        let m = Self.m
        #expect(isClose(p.kilometers, m(1.3) / 1000))
        let country = try #require(p.level(.country))
        #expect(country.sequence == ["AAA", "BBB", "CCC"] && country.distinct == 3 && country.boundaryCrossings == 2 && country.reEntries == 0)
        #expect(isClose(country.crossingsPer100Kilometers, 2 / (m(1.3) / 100_000)))
        // P, Q, P again, then B1 and C1: four distinct, four boundaries, one re-entry.
        let admin1 = try #require(p.level(.admin1))
        #expect(admin1.sequence == ["AAA/P", "AAA/Q", "AAA/P", "BBB/B1", "CCC/C1"])
        #expect(admin1.distinct == 4 && admin1.boundaryCrossings == 4 && admin1.reEntries == 1)
        // Length by country (a border edge half to each side): AAA 0.4 + 0.3 + 0.1, BBB 0.1 + 0.2,
        // CCC 0.2 degrees: shares 8/13, 3/13, 2/13.
        let s = [8.0 / 13, 3.0 / 13, 2.0 / 13]
        #expect(isClose(country.lengthFragmentation.herfindahl, 77.0 / 169))
        #expect(isClose(country.lengthFragmentation.effectiveNumber, 169.0 / 77))
        #expect(isClose(country.lengthFragmentation.normalizedEntropy, -s.reduce(0) { $0 + $1 * log($1) } / log(3)))
        // Time: AAA m(0.7)/10 + (m(0.2)/10 + 1800)/2; BBB the other half + (m(0.4)/10 + 1200)/2; CCC that half.
        let e3 = m(0.2) / 10 + 1800, e4 = m(0.4) / 10 + 1200
        let t = [m(0.7) / 10 + e3 / 2, e3 / 2 + e4 / 2, e4 / 2]
        let total = t.reduce(0, +)
        #expect(isClose(p.hours, total / 3600))
        #expect(isClose(country.timeFragmentation.herfindahl, t.reduce(0) { $0 + ($1 / total) * ($1 / total) }))
        #expect(isClose(try #require(country.shares.first { $0.jurisdiction == "BBB" }).shareOfTime, t[1] / total))
        // Three countries: no common superior; the pact covers all three in 2020 (CCC rejoined in 2015).
        #expect(p.commonSuperior == nil && p.commonSuperiorLevel == "none")
        #expect(p.frameworks == ["ABC pact"])
        let earlier = JurisdictionProfile.of(try Self.path(n, try Self.roadNode(n, 0.2), try Self.roadNode(n, 1.5)),
                                             model: try JurisdictionModel(network: n, governance: Self.spec, asOf: "2012-01-01"))
        #expect(earlier.frameworks.isEmpty, "CCC was out of the pact from 2010 to 2015")
        // Complexity with the default weights: 3·2 countries + 1·3 admin-1 units + 2·2 borders
        // + 0.5·2 provincial boundaries + 1·1 re-entry + 6 (no superior) + 2·(1/HHI_time − 1).
        let hhiTime = country.timeFragmentation.herfindahl
        #expect(isClose(p.complexity, 6 + 3 + 4 + 1 + 1 + 6 + 2 * (1 / hhiTime - 1)))
    }

    @Test func commonSuperiorAndOverlay() throws {
        let n = try Self.build()
        let overlay = try FunctionalOverlay.read(path: Self.dir.appendingPathComponent("overlay.geojson").path, network: n)
        let model = try JurisdictionModel(network: n, governance: Self.spec, asOf: "2020-06-01", overlays: [overlay])
        // Inside AAA across P and Q: the country is the common superior.
        let inAAA = JurisdictionProfile.of(try Self.path(n, try Self.roadNode(n, 0.2), try Self.roadNode(n, 0.9)), model: model)
        #expect(inAAA.commonSuperior == "AAA" && inAAA.commonSuperiorLevel == "country")
        // One admin-1 unit: that unit.
        let one = JurisdictionProfile.of(GovernancePath(nodes: [try Self.roadNode(n, 0.9)], edges: [], seconds: []), model: model)
        #expect(one.commonSuperior == "AAA/P" && one.commonSuperiorLevel == "admin1")
        // The overlay covers lon 0.5..1.2: nodes 0.6, 0.9 and 1.1 of the transit route.
        let route = JurisdictionProfile.of(try Self.path(n, try Self.roadNode(n, 0.2), try Self.roadNode(n, 1.5)), model: model)
        let o = try #require(route.level(.overlay("overlay")))
        #expect(o.sequence == ["river-metro"] && o.boundaryCrossings == 0)
    }

    /// BBB is the only way from AAA to CCC: its withdrawal cuts the route, it is the graph's
    /// cut point, no alternative avoids it; the network loses the Alpha–Beta pair.
    @Test func holdUpOfATransitCountry() throws {
        let n = try Self.build()
        let model = try JurisdictionModel(network: n, governance: Self.spec, asOf: "2020-06-01")
        let alpha = try #require(n.place(named: "Alpha")), beta = try #require(n.place(named: "Beta"))
        let evaluator = ScenarioEvaluator(base: n, pairPlaces: 2)
        let losses = WithdrawalLosses(evaluator: evaluator, model: model, level: .country)
        let h = HoldUpAnalysis.analyse(model: model, legs: [GovernanceLeg(from: Int(alpha.node), to: Int(beta.node), fromName: "Alpha", toName: "Beta")],
                                       losses: losses)
        let t0 = Self.m(0.9) / 10 + 1800 + 1200
        #expect(isClose(h.legs[0].hours, t0 / 3600))
        #expect(h.jurisdictions == ["AAA", "BBB", "CCC"])
        #expect(h.articulationPoints == ["BBB"])
        let bbb = try #require(h.withdrawals.first { $0.jurisdiction == "BBB" })
        #expect(bbb.legsCut == ["Alpha–Beta"] && bbb.cutPoint && !bbb.holdsEndpoint && bbb.alternativesAvoiding == 0)
        let aaa = try #require(h.withdrawals.first { $0.jurisdiction == "AAA" })
        #expect(aaa.holdsEndpoint && !aaa.cutPoint)
        // Network: the one pair is cut; gravity G_i = Σ_j P_j exp(−0.1 t_ij) (self included)
        // loses the other place's term at both places.
        let loss = try #require(bbb.network)
        #expect(loss.pairsCut == 1)
        let e = exp(-0.1 * t0 / 3600)
        let g0 = 1000 * (1000 + 2000 * e) + 2000 * (2000 + 1000 * e)
        #expect(isClose(loss.othersGravityLossPercent, (1000 * 2000 * e + 2000 * 1000 * e) / g0 * 100, tolerance: 1e-9))
        #expect(loss.othersPopulationLosing == 3000)
        // Alternatives through the graph: with BBB in place, one path AAA–BBB–CCC.
        let graph = JurisdictionGraph(model: model, level: .country, edgeCosts: n.edgeCosts())
        #expect(graph.alternatives(from: "AAA", to: "CCC", avoiding: nil)?.count == 1)
    }

    /// Three candidates on the Alpha–Beta road (t0 = m(0.9)/10 + 3000 s): the river bridge at
    /// 10 min (saves 1200 s; gate river-treaty unmet, weight 2), the east gate at 5 min (saves
    /// 900 s; east-customs partial: burden 0.5) and CCC's roads at 72 km/h (saves the CCC half
    /// of edge 1.1-1.5 at 20 instead of 10 m/s, m(0.2)/20 s; its gate is met).
    @Test func roadmapOfThreeCandidates() throws {
        let n = try Self.build()
        let book = try GateBook(Self.spec)
        let evaluator = ScenarioEvaluator(base: n, pairPlaces: 2)
        let candidates = [
            RoadmapCandidate(id: "faster-river", name: "River bridge at 10 min", kind: "scenario",
                             scenario: Scenario(id: "faster-river", name: "r", operations: [.setDelay(crossing: "river-bridge", mode: .road, delayMinutes: 10)])),
            RoadmapCandidate(id: "faster-east", name: "East gate at 5 min", kind: "scenario",
                             scenario: Scenario(id: "faster-east", name: "e", operations: [.setDelay(crossing: "east-gate", mode: .road, delayMinutes: 5)])),
            RoadmapCandidate(id: "speed-ccc", name: "CCC roads at 72 km/h", kind: "scenario",
                             scenario: Scenario(id: "speed-ccc", name: "s", operations: [.setSpeed(mode: .road, country: "CCC", kilometersPerHour: 72)])),
        ]
        let r = try Roadmap.plan(candidates, evaluator: evaluator, book: book, pairPlaces: 2)
        #expect(r.candidates.map(\.gateBurden) == [2, 0.5, 0])
        #expect(r.candidates.map(\.jurisdictions) == [["AAA", "BBB"], ["BBB", "CCC"], ["BBB", "CCC"]])
        #expect(r.easyFirst.candidates == ["speed-ccc", "faster-east", "faster-river"])
        // Savings add up on the one path; pair gravity grows by exp(0.1 · saved / 3600), so the
        // largest saving first is best: river (1200), speed (1113.2), east (900).
        let saving = ["faster-river": 1200.0, "faster-east": 900.0, "speed-ccc": Self.m(0.2) / 20]
        #expect(r.greedy.candidates == ["faster-river", "speed-ccc", "faster-east"])
        #expect(r.exact?.candidates == ["faster-river", "speed-ccc", "faster-east"])
        // The east gate's delay and CCC's speed change the same edge: together they save more
        // than either alone, so the subsets are scored on their own networks.
        #expect(r.subsetsScored == 8 && r.exactNote?.hasPrefix("the candidates interact") == true)
        func total(_ order: [String]) -> Double {
            var s = 0.0, sum = 0.0
            for c in order { s += saving[c]!; sum += (exp(0.1 * s / 3600) - 1) * 100 }
            return sum
        }
        #expect(isClose(r.exact!.totalGain, total(["faster-river", "speed-ccc", "faster-east"]), tolerance: 1e-9))
        #expect(isClose(r.easyFirst.totalGain, total(["speed-ccc", "faster-east", "faster-river"]), tolerance: 1e-9))
        // Stages measured by the evaluator: both places gain at every stage, no new pair; the
        // cumulative gravity change after all three: Σ P_i G_i = 5e6 + 4e6 exp(−0.1 t/3600).
        let t0 = Self.m(0.9) / 10 + 3000
        let before = 5e6 + 4e6 * exp(-0.1 * t0 / 3600), after = 5e6 + 4e6 * exp(-0.1 * (t0 - 1200 - 900 - Self.m(0.2) / 20) / 3600)
        let last = try #require(r.exact?.stages.last)
        #expect(isClose(last.cumulativeGainPercent, (after - before) / before * 100, tolerance: 1e-9))
        #expect(r.exact!.stages.allSatisfy { $0.populationGaining == 3000 && $0.newlyReachablePairs == 0 })
        #expect(isClose(r.exact!.stages.reduce(0) { $0 + $1.gainPercent }, last.cumulativeGainPercent, tolerance: 1e-9))
        // Without the interaction, the subsets are scored by the closure over the changed
        // edges' ends: the same totals.
        let two = try Roadmap.plan(Array(candidates.prefix(2)), evaluator: evaluator, book: book, pairPlaces: 2)
        #expect(two.exactNote == nil && two.subsetsScored == 4)
        #expect(two.exact?.candidates == ["faster-river", "faster-east"] && two.easyFirst.candidates == ["faster-east", "faster-river"])
        #expect(isClose(two.exact!.totalGain, total(["faster-river", "faster-east"]), tolerance: 1e-9))
        #expect(isClose(try #require(two.candidates.first).aloneGainPercent, (exp(0.1 * 1200 / 3600) - 1) * 100, tolerance: 1e-9))
    }

    /// A preset that closes or slows a link (a closure stress test) is not a roadmap step: the
    /// default candidates and the report's roadmap leave it out; given explicitly it is refused.
    @Test func closurePresetsAreNotRoadmapSteps() throws {
        let n = try Self.build()
        let presets = try JSONDecoder().decode([ScenarioPreset].self, from: Data(#"""
            [{"id": "faster-river", "name": "River bridge at 10 min", "description": "d",
              "operations": [{"op": "set_delay", "crossing": "river-bridge", "mode": "road", "delayMinutes": 10}]},
             {"id": "close-river", "name": "River bridge closed", "description": "d",
              "operations": [{"op": "close_crossing", "crossing": "river-bridge", "mode": "road"}]},
             {"id": "slower-east", "name": "East gate at 90 min", "description": "d",
              "operations": [{"op": "set_delay", "crossing": "east-gate", "mode": "road", "delayMinutes": 90}]}]
            """#.utf8))
        #expect(try RoadmapCandidate.presets(n, presets).map(\.id) == ["faster-river"])
        let defaults = try RoadmapCandidate.defaults(n, presets: presets).map(\.id)
        #expect(defaults.first == "faster-river" && !defaults.contains("close-river") && !defaults.contains("slower-east"))
        let closing = RoadmapCandidate(id: "close-river", name: "c", kind: "preset", scenario: try Scenario(preset: presets[1]))
        #expect(throws: DataError.self) {
            try Roadmap.plan([closing], evaluator: ScenarioEvaluator(base: n, pairPlaces: 2), book: try GateBook(Self.spec), pairPlaces: 2)
        }
    }

    @Test func gatesDockingAndMemberships() throws {
        let n = try Self.build()
        let book = try GateBook(Self.spec)
        let river = try #require(n.crossings.first { $0.id == "river-bridge" && $0.mode == .road })
        let east = try #require(n.crossings.first { $0.id == "east-gate" })
        #expect(book.gates(for: river).map(\.id) == ["river-treaty"])
        #expect(book.gates(for: east).map(\.id) == ["east-customs"])
        #expect(book.burden(["river-treaty", "east-customs", "speed-law"]) == 2.5)
        #expect(try GateBook(Self.spec, overrides: ["river-treaty": .met]).burden(["river-treaty"]) == 0)
        #expect(throws: DataError.self) { try GateBook(Self.spec, overrides: ["no-such-gate": .met]) }
        // Memberships over time: CCC left the pact in 2010 and rejoined in 2015.
        let pact = Self.spec.initiatives[0]
        #expect(pact.members(on: "2007-01-01") == ["AAA", "BBB", "CCC"])
        #expect(pact.members(on: "2012-01-01") == ["AAA", "BBB"])
        // Docking: Beta is claimed by both initiatives, the east gate by one; "Nowhere" is outside.
        let d = DockingAnalysis.compute(model: try JurisdictionModel(network: n, governance: Self.spec, asOf: "2020-06-01"))
        #expect(d.hotspots.map(\.id) == ["pb", "east-gate"] && d.hotspots[0].initiatives == ["abc-pact", "east-zone"])
        #expect(d.claimsOutside == ["Nowhere"])
        // Overlap: pact {AAA, BBB, CCC}, zone {BBB, CCC/C1}: shared BBB, CCC/C1 (inside CCC),
        // union of 4 names: 2/4.
        #expect(d.overlaps.count == 1 && d.overlaps[0].jaccard == 0.5 && d.overlaps[0].shared == ["BBB", "CCC/C1"])
    }

    /// A closed crossing with an unmet gate on the alignment: blocked only by that gate.
    @Test func corridorBlockedOnlyByGates() throws {
        var n = try Self.build()
        for i in n.crossings.indices where n.crossings[i].id == "river-bridge" { n.crossings[i].status = .closed }
        let book = try GateBook(Self.spec)
        let alpha = try #require(n.place(named: "Alpha")), beta = try #require(n.place(named: "Beta"))
        var aligned = n
        for i in aligned.crossings.indices { aligned.crossings[i].status = .open }
        let s = GateAnalysis.evaluate(id: "ab", name: "Alpha–Beta", legs: [GovernanceLeg(from: Int(alpha.node), to: Int(beta.node), fromName: "Alpha", toName: "Beta")],
                                      actual: n, aligned: aligned, excluding: [.rail, .sea], book: book)
        // Road links on the alignment: 0.6-0.9, 0.9-1.1 (closed), 1.1-1.5: one of three blocked.
        #expect(s.links == 3 && s.operableLinks == 2)
        #expect(isClose(s.continuityByLength, (Self.m(0.3) + Self.m(0.4)) / Self.m(0.9)))
        #expect(s.blocked.count == 1 && s.blocked[0].kind == "gated" && s.blocked[0].gates == ["river-treaty"])
        #expect(s.blockedOnlyByGates && s.gates == ["river-treaty"] && s.gateBurden == 2)
        // The east gate is open but its customs union is only partial: a condition, not a block.
        #expect(s.conditionalOn == ["east-customs"])
    }

    @Test func badInput() throws {
        func check(_ json: String, _ expected: String) throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("governance-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: url) }
            try Data(json.utf8).write(to: url)
            do {
                _ = try GovernanceSpec.load(path: url.path)
                Issue.record("accepted: \(json)")
            } catch let e as DataError {
                #expect(e.description == "\(url.path): \(expected)")
            }
        }
        try check(#"{"initiatives": [], "gates": [{"id": "g1", "name": "G", "state": "maybe", "source": "s", "applies": [{"between": ["AAA", "BBB"]}]}]}"#,
                  "gate g1: unknown state 'maybe' (met, partial, unmet)")
        try check(#"{"initiatives": [{"id": "i1", "name": "I", "kind": "agreement", "source": "s", "members": [{"jurisdiction": "AAA", "from": "2010-01-01", "until": "2009-01-01"}]}], "gates": []}"#,
                  "initiative i1 member AAA: ends (2009-01-01) before it starts (2010-01-01)")
        let n = try Self.build()
        let csv = Self.dir.appendingPathComponent("overlay-without-crs.csv").path
        #expect(throws: DataError.invalid(csv, "overlay has no CRS; write it with one (e.g. EPSG:4326)")) {
            try FunctionalOverlay.read(path: csv, network: n)
        }
    }
}

func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
