import CorridorAnalysis
import CorridorData
import CorridorGeo
@testable import CorridorNetwork  // hand-made crossing states and edge times
import Foundation
import Testing

/// The two-countries fixture (see Fixtures/two-countries/README.md), every value by hand.
/// On the equator a geodesic is the equator: length = a · Δλ, a = 6,378,137 m.
@Suite struct NetworkBuilderTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/two-countries")
    static func meters(degrees: Double) -> Double { 6_378_137 * degrees * .pi / 180 }

    // Speeds chosen for easy arithmetic: road 10 m/s, rail 20 m/s, sea 5 m/s, access 10 m/s.
    static let speeds = [
        SpeedAssumption(mode: .road, country: nil, kilometersPerHour: 36, source: "test"),
        SpeedAssumption(mode: .rail, country: nil, kilometersPerHour: 72, source: "test"),
        SpeedAssumption(mode: .sea, country: nil, kilometersPerHour: 18, source: "test"),
        SpeedAssumption(mode: .access, country: nil, kilometersPerHour: 36, source: "test"),
    ]
    // Half-transfers: road (60 + 120 - 120)/2 = 30 min, rail 30 min, sea (120 + 120 - 60)/2 = 90 min.
    static let transfers = [
        TransferAssumption(between: [.road, .rail], minutes: 60, source: "test"),
        TransferAssumption(between: [.road, .sea], minutes: 120, source: "test"),
        TransferAssumption(between: [.rail, .sea], minutes: 120, source: "test"),
    ]

    static func inputs(without: Set<String> = []) throws -> NetworkInputs {
        let all = ["road": "roads", "rail": "rail", "sea": "sea", "borders": "borders", "crossings": "crossings",
                   "ports": "ports", "places": "places", "countries": "countries"]
        var specs: [String] = []
        for (kind, file) in all.sorted(by: { $0.key < $1.key }) where !without.contains(kind) {
            specs.append("\(kind)=\(dir.appendingPathComponent("\(file).geojson").path)")
        }
        var inputs = try NetworkInputs.files(specs)
        inputs.speeds = speeds
        inputs.transfers = transfers
        return inputs
    }

    static func build(without: Set<String> = [], unknownDelay: Double? = nil) throws -> (TransportNetwork, BuildReport) {
        var options = NetworkOptions()
        options.terminalMinPopulation = 1000
        options.unknownCrossingDelaySeconds = unknownDelay
        return try NetworkBuilder(options: options).build(inputs(without: without))
    }

    static func node(_ n: TransportNetwork, _ mode: Mode?, _ kind: NodeKind, lon: Double, lat: Double = 0) -> Int? {
        (0..<n.nodeCount).first { n.nodeMode[$0] == mode && n.nodeKind[$0] == kind && abs(n.nodeLon[$0] - lon) < 1e-12 && abs(n.nodeLat[$0] - lat) < 1e-12 }
    }

    static func edge(_ n: TransportNetwork, _ a: Int, _ b: Int) -> Int? {
        (0..<n.edgeCount).first { Set([Int(n.edgeTail[$0]), Int(n.edgeHead[$0])]) == Set([a, b]) }
    }

    @Test func graphShape() throws {
        let (n, report) = try Self.build()
        // road 8 (0.2 0.6 0.9 1.1 1.5 1.6 and the overpass's two ends), rail 4, sea 2,
        // places 2, one terminal (Alpha: rail at 0 m), one port.
        #expect(n.nodeCount == 18)
        #expect(n.nodeMode.filter { $0 == .road }.count == 8)
        #expect(n.nodeMode.filter { $0 == .rail }.count == 4)
        #expect(n.nodeMode.filter { $0 == .sea }.count == 2)
        #expect(n.nodeKind.filter { $0 == .place }.count == 2)
        #expect(n.nodeKind.filter { $0 == .terminal }.count == 1)
        #expect(n.nodeKind.filter { $0 == .port }.count == 1)
        // road 6, rail 3, sea 1, access 2, transfer 4 (terminal 2, port 2: no rail within 10 km of the port).
        #expect(n.edgeCount == 16)
        #expect(n.edgeMode.filter { $0 == .road }.count == 6)
        #expect(n.edgeMode.filter { $0 == .transfer }.count == 4)
        #expect(n.graph.arcCount == 32)
        #expect(report.modes["road"]?.snappedEnds == 1)
        #expect(report.modes["road"]?.danglingEnds == 4)  // 0.2, 1.6 and the overpass's two ends
        #expect(report.borderEdgesMatched == 2)
        #expect(report.unmatchedBorderEdges.isEmpty)
        #expect(report.terminals == 1)
    }

    @Test func overpassIsNotJoinedAndSpurIsSnapped() throws {
        let (n, _) = try Self.build()
        let a = try #require(Self.node(n, .road, .network, lon: 0.6)), b = try #require(Self.node(n, .road, .network, lon: 0.9))
        let e = try #require(Self.edge(n, a, b))
        #expect(isClose(n.edgeLengthMeters[e], Self.meters(degrees: 0.3)))
        #expect(Self.node(n, .road, .network, lon: 0.75) == nil)
        let end = try #require(Self.node(n, .road, .network, lon: 1.5)), spurEnd = try #require(Self.node(n, .road, .network, lon: 1.6))
        #expect(Self.edge(n, end, spurEnd) != nil)
        #expect(Self.node(n, .road, .network, lon: 1.5, lat: 0.0001) == nil)
    }

    @Test func countriesAndBorderEdges() throws {
        let (n, _) = try Self.build()
        let west = try #require(Self.node(n, .road, .network, lon: 0.9)), east = try #require(Self.node(n, .road, .network, lon: 1.1))
        #expect(n.country(of: west) == "AAA")
        #expect(n.country(of: east) == "BBB")
        #expect(n.country(of: try #require(Self.node(n, .sea, .network, lon: -0.5))) == nil)
        let road = try #require(Self.edge(n, west, east))
        #expect(n.edgeIsBorder[road])
        #expect(n.crossings[Int(n.edgeCrossing[road])].id == "river-bridge")
        // 0.2° at 10 m/s plus the 30-minute crossing delay.
        #expect(isClose(n.edgeSeconds(road), Self.meters(degrees: 0.2) / 10 + 1800))
        let railWest = try #require(Self.node(n, .rail, .network, lon: 0.9)), railEast = try #require(Self.node(n, .rail, .network, lon: 1.1))
        let rail = try #require(Self.edge(n, railWest, railEast))
        #expect(n.crossings[Int(n.edgeCrossing[rail])].id == "rail-bridge")
        #expect(n.edgeSeconds(rail) == .infinity)  // closed
    }

    @Test func hubsChargeHalfTransfers() throws {
        let (n, _) = try Self.build()
        let port = try #require(n.nodeKind.firstIndex(of: .port))
        let seaEnd = try #require(Self.node(n, .sea, .network, lon: 0.2)), roadEnd = try #require(Self.node(n, .road, .network, lon: 0.2))
        #expect(isClose(n.edgeSeconds(try #require(Self.edge(n, port, seaEnd))), 5400))  // 0 m + 90 min
        #expect(isClose(n.edgeSeconds(try #require(Self.edge(n, port, roadEnd))), 1800))  // 0 m + 30 min
        let terminal = try #require(n.nodeKind.firstIndex(of: .terminal))
        let railAlpha = try #require(Self.node(n, .rail, .network, lon: 0.6))
        #expect(isClose(n.edgeSeconds(try #require(Self.edge(n, terminal, railAlpha))), 1800))
        // The sea lane: 0.7° at 5 m/s.
        let seaStart = try #require(Self.node(n, .sea, .network, lon: -0.5))
        #expect(isClose(n.edgeSeconds(try #require(Self.edge(n, seaStart, seaEnd))), Self.meters(degrees: 0.7) / 5))
    }

    @Test func routeCostsAndCrossingState() throws {
        var (n, _) = try Self.build()
        let alpha = try #require(n.place(named: "Alpha")), beta = try #require(n.place(named: "Beta"))
        // Alpha (0.6) to Beta (1.5) by road: 0.9° at 10 m/s plus 30 minutes at the bridge.
        let r = try #require(Route.fastest(in: n, from: Int(alpha.node), to: Int(beta.node)))
        #expect(isClose(r.seconds, Self.meters(degrees: 0.9) / 10 + 1800))
        #expect(r.crossings == ["river-bridge/road"])
        #expect(r.legs.map(\.mode) == ["access", "road", "access"])
        // From the open sea to Alpha: sea 0.7° at 5 m/s, port 90 + 30 min, road 0.4° at 10 m/s.
        let sea = try #require(Self.node(n, .sea, .network, lon: -0.5))
        let s = try #require(Route.fastest(in: n, from: sea, to: Int(alpha.node)))
        #expect(isClose(s.seconds, Self.meters(degrees: 0.7) / 5 + 5400 + 1800 + Self.meters(degrees: 0.4) / 10))
        // Close the bridge: Beta is cut off (the rail bridge is closed too).
        for i in n.crossingIndices(id: "river-bridge") { n.crossings[i].status = .closed }
        #expect(Route.fastest(in: n, from: Int(alpha.node), to: Int(beta.node)) == nil)
        // A 10-minute delay instead: the route follows.
        for i in n.crossingIndices(id: "river-bridge") { n.crossings[i].status = .open; n.crossings[i].delaySeconds = 600 }
        #expect(isClose(try #require(Route.fastest(in: n, from: Int(alpha.node), to: Int(beta.node))).seconds, Self.meters(degrees: 0.9) / 10 + 600))
    }

    @Test func unknownCrossingsAreClosedUnlessOpened() throws {
        let (closed, report) = try Self.build(without: ["crossings"])
        #expect(report.unmatchedBorderEdges.count == 2)
        let alpha = try #require(closed.place(named: "Alpha")), beta = try #require(closed.place(named: "Beta"))
        #expect(Route.fastest(in: closed, from: Int(alpha.node), to: Int(beta.node)) == nil)
        let (open, _) = try Self.build(without: ["crossings"], unknownDelay: 900)
        let r = try #require(Route.fastest(in: open, from: Int(alpha.node), to: Int(beta.node)))
        #expect(isClose(r.seconds, Self.meters(degrees: 0.9) / 10 + 900))
    }

    @Test func csrInvariants() throws {
        let (n, _) = try Self.build()
        let g = n.graph
        #expect(g.firstOut.count == n.nodeCount + 1)
        #expect(g.firstOut.first == 0 && Int(g.firstOut.last!) == g.arcCount)
        // Every arc has its reverse, on the same edge.
        for u in 0..<g.nodeCount {
            for a in g.arcs(of: u) {
                let v = Int(g.head[a])
                #expect(g.arcs(of: v).contains { Int(g.head[$0]) == u && g.arcEdge[$0] == g.arcEdge[a] })
            }
        }
    }
}

func isClose(_ a: Double, _ b: Double, relative tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

/// Kansky indices on the two-countries fixture, by hand.
@Suite struct KanskyTests {
    @Test func fixtureIndices() throws {
        let (n, _) = try NetworkBuilderTests.build()
        // Road: v = 8, e = 6, p = 2 (the overpass is its own component): μ = 0, α = 0,
        // β = 6/8, γ = 6 / (3·6).
        let road = KanskyIndices(n, mode: .road)
        #expect(road.vertices == 8 && road.edges == 6 && road.components == 2 && road.cyclomatic == 0)
        #expect(road.alpha == 0 && road.beta == 0.75 && isClose(road.gamma, 1.0 / 3))
        // η: 1.3° along the equator plus the spur and the overpass, over 6 edges.
        let spurAndOverpass = (0..<n.edgeCount).filter { n.edgeSource[$0] == "road:5" || n.edgeSource[$0] == "road:6" }.map { n.edgeLengthMeters[$0] }.reduce(0, +)
        #expect(isClose(road.etaKilometers, (NetworkBuilderTests.meters(degrees: 1.3) + spurAndOverpass) / 1000 / 6))
        // Rail: v = 4, e = 3, p = 1 (structure counts the closed bridge): μ = 0, β = 3/4, γ = 3/6.
        let rail = KanskyIndices(n, mode: .rail)
        #expect(rail.vertices == 4 && rail.edges == 3 && rail.components == 1 && rail.cyclomatic == 0)
        #expect(rail.beta == 0.75 && rail.gamma == 0.5)
        // Whole network: v = 18, e = 16; one component but for the overpass: p = 2, μ = 0.
        let all = KanskyIndices(n, mode: nil)
        #expect(all.vertices == 18 && all.edges == 16 && all.components == 2 && all.cyclomatic == 0)
    }
}

/// 2SFCA and detour index on the two-countries fixture, by hand.
@Suite struct CatchmentAndDetourTests {
    /// Port A (capacity 1: no harbour size) reaches Alpha in 30 min + 0.4° at 10 m/s = 1.74 h and
    /// Beta in 30 min + 1.3° at 10 m/s + 30 min at the bridge = 5.02 h.
    @Test func twoStepFloatingCatchment() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let w = n.arcSeconds()
        let port = Int(n.ports[0].node)
        let capacity = TwoStepFloatingCatchment.portCapacity(n.ports[0])
        #expect(capacity == 1)
        // T = 3 h: only Alpha (1,000 people) is inside: R = 1/1000; Alpha 0.001, Beta 0.
        let three = TwoStepFloatingCatchment.access(n, weights: w, facilityNodes: [port], capacities: [capacity], catchmentSeconds: 3 * 3600)
        let alpha = n.places.firstIndex { $0.name == "Alpha" }!, beta = n.places.firstIndex { $0.name == "Beta" }!
        #expect(isClose(three[alpha], 0.001) && three[beta] == 0)
        // T = 6 h: both (3,000 people): R = 1/3000 for each.
        let six = TwoStepFloatingCatchment.access(n, weights: w, facilityNodes: [port], capacities: [capacity], catchmentSeconds: 6 * 3600)
        #expect(isClose(six[alpha], 1.0 / 3000) && isClose(six[beta], 1.0 / 3000))
    }

    /// Alpha and Beta lie on the equator and the road follows it: index 1 both ways.
    @Test func detourIndexOnTheEquator() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let pairs = DetourIndex.pairs(n, places: Array(n.places.indices))
        #expect(pairs.count == 2)
        for p in pairs {
            #expect(isClose(p.networkKilometers, NetworkBuilderTests.meters(degrees: 0.9) / 1000))
            #expect(isClose(p.index, 1))
        }
    }
}

/// Capitals and per-node accessibility on the two-countries fixture, by hand. Alpha is AAA's
/// capital; BBB has none.
@Suite struct CapitalAndNodeAccessTests {
    static let alphaToBeta = NetworkBuilderTests.meters(degrees: 0.9) / 10 + 1800

    /// Beta reaches the nearest capital (Alpha) by road over the bridge: 0.9° at 10 m/s + 30 min.
    /// Its own capital is unknown, so that time is infinite; Alpha is its own capital (0 h).
    @Test func timesToCapitals() throws {
        let (n, _) = try NetworkBuilderTests.build()
        #expect(n.places.map(\.capital) == ["country", ""])
        #expect(Accessibility.capitalNodes(n) == ["AAA": Int(n.places[0].node)])
        let r = Accessibility.places(n, weights: n.arcSeconds())
        #expect(r.hoursToNearestCapital[0] == 0 && r.hoursToOwnCapital[0] == 0)
        #expect(isClose(r.hoursToNearestCapital[1], Self.alphaToBeta / 3600))
        #expect(r.hoursToOwnCapital[1] == .infinity)
    }

    /// The road node at lon 0.9 (AAA side of the bridge): Alpha is 0.3° away at 10 m/s, Beta
    /// 0.6° plus 30 minutes at the bridge. Within 4 h both (3,000 people); within 1 h only Alpha.
    /// Gravity: 1000·e^(−0.1·t_A) + 2000·e^(−0.1·t_B), t in hours.
    @Test func nodeAccessibilityByHand() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let v = try #require(NetworkBuilderTests.node(n, .road, .network, lon: 0.9))
        let tA = NetworkBuilderTests.meters(degrees: 0.3) / 10 / 3600
        let tB = (NetworkBuilderTests.meters(degrees: 0.6) / 10 + 1800) / 3600
        let four = Accessibility.nodes(n, weights: n.arcSeconds(), withinHours: 4, beta: 0.1, threads: 2)
        #expect(four.populationWithin[v] == 3000)
        #expect(isClose(four.gravityExponential[v], 1000 * exp(-0.1 * tA) + 2000 * exp(-0.1 * tB)))
        #expect(isClose(four.hoursToNearestCapital[v], tA) && isClose(four.hoursToOwnCapital[v], tA))
        let one = Accessibility.nodes(n, weights: n.arcSeconds(), withinHours: 1, beta: 0.1, threads: 1)
        #expect(one.populationWithin[v] == 1000)
        // A place's own node carries the place's values.
        let places = Accessibility.places(n, weights: n.arcSeconds(), withinHours: 4, beta: 0.1)
        for (i, p) in n.places.enumerated() {
            #expect(four.populationWithin[Int(p.node)] == places.populationWithin[i])
            #expect(isClose(four.gravityExponential[Int(p.node)], places.gravityExponential[i]))
        }
    }
}
