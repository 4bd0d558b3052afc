import CorridorAnalysis
import CorridorData
import CorridorGeo
@testable import CorridorNetwork  // hand-made crossing states and edge times
import Foundation
import Testing

/// Every scenario operation and the gains table on the two-countries fixture, by hand.
/// Baseline Alpha–Beta by road: 0.9° at 10 m/s plus 30 minutes at the river bridge.
@Suite struct ScenarioTests {
    static func m(_ degrees: Double) -> Double { NetworkBuilderTests.meters(degrees: degrees) }

    static func scenario(_ ops: String) throws -> Scenario {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("{\"name\": \"test\", \"operations\": [\(ops)]}".utf8).write(to: url)
        return try Scenario(file: url.path)
    }

    static func alphaBeta(_ n: TransportNetwork) -> Double? {
        Route.fastest(in: n, from: Int(n.place(named: "Alpha")!.node), to: Int(n.place(named: "Beta")!.node))?.seconds
    }

    @Test func crossingOperations() throws {
        let (base, _) = try NetworkBuilderTests.build()
        #expect(isClose(Self.alphaBeta(base)!, Self.m(0.9) / 10 + 1800))
        let closed = try base.applying(Self.scenario(#"{"op": "close_crossing", "crossing": "river-bridge"}"#))
        #expect(Self.alphaBeta(closed) == nil)
        let faster = try base.applying(Self.scenario(#"{"op": "set_delay", "crossing": "river-bridge", "mode": "road", "delayMinutes": 10}"#))
        #expect(isClose(Self.alphaBeta(faster)!, Self.m(0.9) / 10 + 600))
        // Opening the rail bridge with a 5-minute delay: rail 0.6 -> 1.1 is 0.5° at 20 m/s + 300 s.
        let rail = try base.applying(Self.scenario(#"{"op": "open_crossing", "crossing": "rail-bridge", "delayMinutes": 5}"#))
        let a = try #require(NetworkBuilderTests.node(rail, .rail, .network, lon: 0.6)), b = try #require(NetworkBuilderTests.node(rail, .rail, .network, lon: 1.1))
        #expect(isClose(try #require(Route.fastest(in: rail, from: a, to: b)).seconds, Self.m(0.5) / 20 + 300))
        #expect(Route.fastest(in: base, from: a, to: b) == nil)
        // The base network is untouched: scenarios work on a copy.
        #expect(isClose(Self.alphaBeta(base)!, Self.m(0.9) / 10 + 1800))
    }

    @Test func addLink() throws {
        let (base, _) = try NetworkBuilderTests.build()
        // A 5-minute road link from Alpha's road node (0.6) to Beta's (1.5), as a second
        // structure of the river bridge: it carries the bridge's 30 minutes.
        let linked = try base.applying(Self.scenario(#"{"op": "add_link", "mode": "road", "from": "Alpha", "to": [1.5, 0], "minutes": 5, "crossing": "river-bridge"}"#))
        #expect(linked.edgeCount == base.edgeCount + 1)
        #expect(isClose(Self.alphaBeta(linked)!, 300 + 1800))
        // Without a crossing the link crosses the border unmatched: closed, like any unknown crossing.
        let unknown = try base.applying(Self.scenario(#"{"op": "add_link", "mode": "road", "from": "Alpha", "to": [1.5, 0], "minutes": 5}"#))
        #expect(isClose(Self.alphaBeta(unknown)!, Self.m(0.9) / 10 + 1800))
        // Speed instead of minutes: 0.9° at 90 km/h (25 m/s) plus the bridge.
        let bySpeed = try base.applying(Self.scenario(#"{"op": "add_link", "mode": "road", "from": "Alpha", "to": "Beta", "kilometersPerHour": 90, "crossing": "river-bridge"}"#))
        #expect(isClose(Self.alphaBeta(bySpeed)!, Self.m(0.9) / 25 + 1800))
    }

    @Test func removeLinks() throws {
        let (base, _) = try NetworkBuilderTests.build()
        #expect(Self.alphaBeta(try base.applying(Self.scenario(#"{"op": "remove_links", "ids": ["road:3"]}"#))) == nil)
        #expect(Self.alphaBeta(try base.applying(Self.scenario(#"{"op": "remove_links", "crossing": "river-bridge"}"#))) == nil)
        let polygon = #"{"op": "remove_links", "polygon": [[0.85, -0.1], [1.15, -0.1], [1.15, 0.1], [0.85, 0.1]]}"#
        #expect(Self.alphaBeta(try base.applying(Self.scenario(polygon))) == nil)
        // A polygon elsewhere (around the spur) leaves Alpha–Beta as it was.
        let elsewhere = #"{"op": "remove_links", "polygon": [[1.52, -0.1], [1.7, -0.1], [1.7, 0.1], [1.52, 0.1]]}"#
        #expect(isClose(Self.alphaBeta(try base.applying(Self.scenario(elsewhere)))!, Self.m(0.9) / 10 + 1800))
    }

    @Test func setSpeed() throws {
        let (base, _) = try NetworkBuilderTests.build()
        let everywhere = try base.applying(Self.scenario(#"{"op": "set_speed", "mode": "road", "kilometersPerHour": 72}"#))
        #expect(isClose(Self.alphaBeta(everywhere)!, Self.m(0.9) / 20 + 1800))
        // Only in BBB (5 m/s): 0.3° + half the bridge edge in AAA at 10 m/s; the other half and 0.4° in BBB at 5 m/s.
        let b = try base.applying(Self.scenario(#"{"op": "set_speed", "mode": "road", "country": "BBB", "kilometersPerHour": 18}"#))
        #expect(isClose(Self.alphaBeta(b)!, Self.m(0.4) / 10 + Self.m(0.5) / 5 + 1800))
    }

    @Test(arguments: [
        (#"{"op": "open"}"#, "operation 1: unknown op 'open'"),
        (#"{"op": "close_crossing"}"#, "missing \"crossing\""),
        (#"{"op": "set_delay", "crossing": "x", "delayMinutes": -5}"#, "outside 0.0...100000.0"),
        (#"{"op": "add_link", "mode": "tram", "from": "Alpha", "to": "Beta"}"#, "unknown mode 'tram'"),
        (#"{"op": "set_speed", "mode": "road", "kilometersPerHour": 0}"#, "outside 0.1...1000.0"),
        (#"{"op": "remove_links"}"#, "needs \"ids\", \"crossing\" or \"polygon\""),
        (#"{"op": "add_link", "mode": "road", "from": [500, 0], "to": "Beta"}"#, "outside lon"),
    ])
    func badOperationsAreNamed(_ op: String, _ message: String) throws {
        do {
            _ = try Self.scenario(op)
            Issue.record("accepted \(op)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func unknownCrossingOrPlace() throws {
        let (base, _) = try NetworkBuilderTests.build()
        for (op, message) in [(#"{"op": "open_crossing", "crossing": "nope"}"#, "unknown crossing 'nope'"),
                              (#"{"op": "add_link", "mode": "road", "from": "Atlantis", "to": "Beta"}"#, "unknown place 'Atlantis'"),
                              (#"{"op": "open_crossing", "crossing": "river-bridge", "mode": "rail"}"#, "has no rail mode")] {
            do {
                _ = try base.applying(Self.scenario(op))
                Issue.record("accepted \(op)")
            } catch {
                #expect("\(error)".contains("operation 1") && "\(error)".contains(message), "\(error)")
            }
        }
    }

    /// Closing the bridge: each place keeps only itself in its gravity sum. With β = 0.1/h and
    /// t = Alpha–Beta hours, G_Alpha goes from 1000 + 2000·e^(−βt) to 1000, G_Beta from
    /// 2000 + 1000·e^(−βt) to 2000; the country groups are one place each.
    @Test func gainsTable() throws {
        let (base, _) = try NetworkBuilderTests.build()
        let s = try Self.scenario(#"{"op": "close_crossing", "crossing": "river-bridge"}"#)
        let r = ScenarioEvaluation.evaluate(base: base, option: try base.applying(s), scenario: s, withinHours: 4, beta: 0.1, pairPlaces: 2)
        let e = exp(-0.1 * (Self.m(0.9) / 10 + 1800) / 3600)
        let alpha = try #require(r.byCountry.first { $0.name == "AAA" }), beta = try #require(r.byCountry.first { $0.name == "BBB" })
        #expect(isClose(alpha.gravityChangePercent, (1000 - (1000 + 2000 * e)) / (1000 + 2000 * e) * 100))
        #expect(isClose(beta.gravityChangePercent, (2000 - (2000 + 1000 * e)) / (2000 + 1000 * e) * 100))
        #expect(alpha.placesLosing == 1 && alpha.placesGaining == 0)
        // Overall: Σ P·G after over before, P = 1000 and 2000.
        let before = 1000 * (1000 + 2000 * e) + 2000 * (2000 + 1000 * e), after = 1000.0 * 1000 + 2000 * 2000
        #expect(isClose(r.gravityChangePercent, (after - before) / before * 100))
        // Alpha–Beta took 3.28 h, inside the 4 h threshold, and becomes unreachable: each place
        // loses the other's population from "within 4 h".
        #expect(r.pairs.pairs == 1 && r.pairs.noLongerReachable == 1 && r.pairs.newlyReachable == 0)
        #expect(isClose(alpha.populationWithinChange, -2000) && isClose(beta.populationWithinChange, -1000))
        #expect(r.newlyConnectedPopulation == 0)
    }
}

/// Corridor evaluation on the fixture, by hand: Alpha to Beta is 0.9° of road at 10 m/s plus
/// the 30-minute bridge; straight and network distances are equal (detour 1).
@Suite struct CorridorEvaluationTests {
    @Test func fixtureCorridor() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let alpha = n.places.firstIndex { $0.name == "Alpha" }!, beta = n.places.firstIndex { $0.name == "Beta" }!
        let r = CorridorEvaluation.evaluate(n, id: "ab", name: "Alpha–Beta", waypoints: [alpha, beta], weights: n.arcSeconds())
        let seconds = NetworkBuilderTests.meters(degrees: 0.9) / 10 + 1800
        #expect(r.complete)
        #expect(isClose(r.hours, seconds / 3600))
        #expect(isClose(r.kilometers, NetworkBuilderTests.meters(degrees: 0.9) / 1000))
        #expect(isClose(r.detourIndex, 1))
        #expect(r.crossings.map(\.crossing) == ["river-bridge/road"])
        #expect(isClose(r.crossings[0].shareOfTime, 1800 / seconds))
        #expect(r.slowestLeg == "Alpha–Beta")
        // The one pair of places uses the corridor.
        #expect(r.pathsConsidered == 1 && r.shareOfPaths == 1)
        // Closed bridge: the corridor is incomplete.
        var closed = n
        for i in closed.crossingIndices(id: "river-bridge") { closed.crossings[i].status = .closed }
        let c = CorridorEvaluation.evaluate(closed, id: "ab", name: "Alpha–Beta", waypoints: [alpha, beta], weights: closed.arcSeconds())
        #expect(!c.complete && c.legs[0].reachable == false)
    }
}

@Suite struct CriticalityTests {
    @Test func fixtureBridgesAndCrossings() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let bridges = Criticality.bridges(n)
        let byEdge = Dictionary(bridges.filter { $0.mode == "road" }.map { ($0.source, $0.populationCutOff) }, uniquingKeysWith: { a, _ in a })
        // Beta's side (2,000) against Alpha's (1,000): the smaller side is cut off.
        #expect(byEdge["road:2"] == 1000 && byEdge["road:3"] == 1000 && byEdge["road:4"] == 1000)
        // The spur end and the port's road cut off nobody.
        #expect(byEdge["road:5"] == 0 && byEdge["road:1"] == 0)
        #expect(bridges.first?.populationCutOff == 1000)
        let crossings = Criticality.crossings(n, places: 2)
        #expect(crossings.map(\.crossing) == ["river-bridge/road"])
        #expect(crossings[0].pairsDisconnected == 1)
    }

    /// Two places, one road between them through the river bridge: every link on that road is
    /// a bridge whose loss cuts the one pair; links off the path are not tested.
    @Test func fixtureLinks() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let r = Criticality.links(n, places: 2, threads: 2)
        let path = try #require(Route.fastest(in: n, from: Int(n.place(named: "Alpha")!.node), to: Int(n.place(named: "Beta")!.node)))
        let onPath = Set(path.edges.filter { n.edgeMode[$0] != .access })
        #expect(Set(r.links.flatMap(\.edges)) == onPath && r.edgesOnPaths == onPath.count && r.pairQueries == r.linksTested)
        #expect(r.links.count == r.linksTested && r.linksTested <= onPath.count)
        for l in r.links {
            #expect(l.pairsDisconnected == 1 && l.pairsUsing == 1 && l.isBridge && l.weightedHoursAdded == 0)
        }
        #expect(r.links.contains { $0.crossing == "river-bridge/road" })
        // One base for both lists gives what the two separate calls give.
        let both = Criticality.linksAndCrossings(n, places: 2, threads: 2)
        #expect(both.links.links == r.links && both.crossings == Criticality.crossings(n, places: 2))
    }
}

/// Link criticality against brute force on korea: removing any tested link and recomputing
/// every tree gives the same loss, and removing an untested link changes nothing.
@Suite struct LinkCriticalityTests {
    @Test func matchesBruteForce() throws {
        let (n, _) = try RealRegions.build("korea")
        let places = 12
        let r = Criticality.links(n, excluding: [.sea], places: places, threads: 2)
        let weights = n.arcSeconds(excluding: [.sea])
        let top = n.mostPopulousPlaces(places)
        let nodes = top.map { Int(n.places[$0].node) }, pops = top.map { n.places[$0].population }
        let d = Dijkstra(graph: n.graph)
        func matrix(_ w: [Double]) -> [[Double]] { nodes.map { s in d.run(from: [s], weights: w); return nodes.map { d.distance(to: $0) } } }
        let base = matrix(weights)
        func brute(_ e: Int) -> (hours: Double, cut: Int) {
            var w = weights
            for a in 0..<n.graph.arcCount where Int(n.graph.arcEdge[a]) == e { w[a] = .infinity }
            let after = matrix(w)
            var added = 0.0, weight = 0.0, cut = 0
            for a in nodes.indices {
                for b in (a + 1)..<nodes.count where base[a][b].isFinite {
                    if !after[a][b].isFinite { cut += 1; continue }
                    added += pops[a] * pops[b] * (after[a][b] - base[a][b]) / 3600
                    weight += pops[a] * pops[b]
                }
            }
            return (weight > 0 ? added / weight : 0, cut)
        }
        #expect(r.edgesOnPaths > 0 && r.edgesOnPaths < n.edgeCount / 4 && r.linksTested < r.edgesOnPaths)
        // The top ten and ten more spread over the ranking.
        let sample = Array(r.links.prefix(10)) + stride(from: 10, to: r.links.count, by: max(1, r.links.count / 10)).map { r.links[$0] }
        for l in sample {
            // Any edge of the chain: the representative and the chain's first.
            for e in Set([l.edge, l.edges[0]]) {
                let b = brute(e)
                #expect(l.pairsDisconnected == b.cut, "edge \(e)")
                #expect(abs(l.weightedHoursAdded - b.hours) < 1e-9 * max(1, b.hours), "edge \(e): \(l.weightedHoursAdded) vs \(b.hours)")
            }
        }
        let tested = Set(r.links.flatMap(\.edges))
        for e in stride(from: 0, to: n.edgeCount, by: 97) where !tested.contains(e) && n.edgeMode[e] != .access {
            let b = brute(e)
            #expect(b.cut == 0 && b.hours == 0, "untested edge \(e) matters")
        }
    }
}

/// The gain distribution by hand: Gini of [0, 0, 0, 4] is Σ|xi − xj| / (2 n² mean) =
/// 24 / 32 = 0.75; equal gains give 0; the top tenth of ten places holds the largest value.
@Suite struct GainDistributionTests {
    @Test func giniAndShares() {
        #expect(GainDistribution.gini([1, 1, 1, 1]) == 0)
        #expect(isClose(GainDistribution.gini([0, 0, 0, 4]), 0.75))
        // [1, 2, 3]: the pairwise |differences| sum to 8, n² = 9, mean 2.
        let expected: Double = 8.0 / 36.0
        #expect(isClose(GainDistribution.gini([1, 2, 3]), expected))
        #expect(isClose(GainDistribution.topShare([1, 1, 1, 1, 1, 1, 1, 1, 1, 11], fraction: 0.1), 11.0 / 20))
        // Places: A gains 10 % (P 100), B loses (P 300), C unchanged (P 600).
        let d = GainDistribution(population: [100, 300, 600], before: [10, 10, 10], after: [11, 9, 10])
        #expect(isClose(d.populationShareGaining, 0.1) && isClose(d.populationShareLosing, 0.3))
        // Gains P·ΔG: [100, 0, 0]: one place takes all.
        #expect(isClose(d.giniOfGains, 2.0 / 3) && d.topDecileShare == 1)
    }
}
