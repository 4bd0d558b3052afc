@testable import CorridorAnalysis
@testable import CorridorNetwork
import CorridorData
import Foundation
import Testing

/// One-way edges against networkx on a directed graph (Tests/Oracles/make_directed_oracles.py):
/// the network keeps a symmetric CSR and one-way edges make the reverse arc infinite.
struct DirectedOracle {
    struct Expected: Decodable {
        var nodes: Int
        var edges: Int
        var oneWay: Int
        var sources: [Int]
        var distances: [[Double?]]
        var betweenness: [Double]
        var closeness: [Double]
        var harmonic: [Double]
        var targets: [Int]
        var toNearestTarget: [Double?]
        var weakComponents: Int
        var strongComponents: Int
    }

    let network: TransportNetwork
    let weights: [Double]
    let expected: Expected

    init() throws {
        let dir = OracleGraph.dir
        expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: dir.appendingPathComponent("random_directed.expected.json")))
        let csv = try String(contentsOf: dir.appendingPathComponent("random_directed.edges.csv"), encoding: .utf8)
        var t: [UInt32] = [], h: [UInt32] = [], w: [Double] = [], one: [Bool] = []
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",")
            t.append(UInt32(f[0])!); h.append(UInt32(f[1])!); w.append(Double(f[2])!); one.append(f[3] == "1")
        }
        let n = expected.nodes, m = t.count
        var shapeStart: [UInt32] = [0], lon: [Double] = [], lat: [Double] = []
        for e in 0..<m {
            lon += [Double(t[e]) * 0.01, Double(h[e]) * 0.01]; lat += [0, 0]
            shapeStart.append(UInt32(lon.count))
        }
        network = TransportNetwork(
            graph: CSRGraph(nodeCount: n, tails: t, heads: h),
            nodeLon: (0..<n).map { Double($0) * 0.01 }, nodeLat: Array(repeating: 0, count: n),
            nodeKind: Array(repeating: .network, count: n), nodeMode: Array(repeating: .road, count: n),
            nodeCountry: Array(repeating: -1, count: n), nodeAdmin1: Array(repeating: -1, count: n),
            countries: [], admin1Names: [],
            edgeTail: t, edgeHead: h, edgeMode: Array(repeating: .road, count: m), edgeLengthMeters: w, edgeBaseSeconds: w,
            edgeCrossing: Array(repeating: -1, count: m), edgeIsBorder: Array(repeating: false, count: m),
            edgeSource: Array(repeating: "", count: m), edgeShapeStart: shapeStart, shapeLon: lon, shapeLat: lat,
            crossings: [], places: [], ports: [], unknownCrossingDelaySeconds: nil, speeds: [], edgeOneWay: one)
        weights = network.arcSeconds()
    }
}

@Suite struct DirectedOracleTests {
    @Test func fixtureIsDirected() throws {
        let g = try DirectedOracle()
        #expect(g.network.isDirected && g.network.edgeOneWay.filter { $0 }.count == g.expected.oneWay)
        #expect(!ContractionHierarchy.isSymmetric(graph: g.network.graph, weights: g.weights))
        // Every arc against a one-way edge is closed, every other arc carries the edge's cost.
        let closed = g.weights.filter { !$0.isFinite }.count
        #expect(closed == g.expected.oneWay)
    }

    @Test func distancesMatchNetworkX() throws {
        let g = try DirectedOracle()
        let ch = ContractionHierarchy(graph: g.network.graph, weights: g.weights)
        #expect(ch.directedFallback != nil)
        let table = try DistanceTable.compute(ch, sources: g.expected.sources, targets: Array(0..<g.expected.nodes), threads: 2)
        let trees = PHAST.trees(ch, sources: g.expected.sources, threads: 2) { _, d in Array(d) }
        let dijkstra = Dijkstra(graph: g.network.graph)
        for (i, s) in g.expected.sources.enumerated() {
            dijkstra.run(from: [s], weights: g.weights)
            for v in 0..<g.expected.nodes {
                let want = g.expected.distances[i][v] ?? .infinity
                #expect(dijkstra.distance(to: v) == want, "dijkstra \(s)->\(v)")
                #expect(table[i * g.expected.nodes + v] == want, "table \(s)->\(v)")
                #expect(trees[i]![Int(ch.position[v])] == want, "phast \(s)->\(v)")
            }
        }
    }

    @Test func betweennessClosenessAndHarmonicMatchNetworkX() throws {
        let g = try DirectedOracle()
        let graph = g.network.graph
        // Every ordered pair (undirected: false), as networkx counts a DiGraph.
        let b = Betweenness.exact(graph, weights: g.weights, undirected: false, threads: 2)
        // networkx's closeness and harmonic of a DiGraph use the times *to* each node.
        let reversed = g.network.reversedArcWeights(g.weights)
        let c = Centrality.closeness(graph, weights: reversed, threads: 2)
        let h = Centrality.harmonic(graph, weights: reversed, threads: 2)
        for v in 0..<g.expected.nodes {
            #expect(close(b[v], g.expected.betweenness[v]), "betweenness \(v): \(b[v]) vs \(g.expected.betweenness[v])")
            #expect(close(c[v], g.expected.closeness[v]), "closeness \(v): \(c[v]) vs \(g.expected.closeness[v])")
            #expect(close(h[v], g.expected.harmonic[v]), "harmonic \(v): \(h[v]) vs \(g.expected.harmonic[v])")
        }
    }

    @Test func timeToTheNearestTargetSearchesBackwards() throws {
        let g = try DirectedOracle()
        let d = Accessibility.nearest(g.network, weights: g.weights, targets: g.expected.targets)
        for v in 0..<g.expected.nodes {
            #expect(d[v] == (g.expected.toNearestTarget[v] ?? .infinity), "node \(v)")
        }
        // The same network with every edge two-way is symmetric and contracts as before.
        var twoWay = g.network
        twoWay.edgeOneWay = []
        let w = twoWay.arcSeconds()
        #expect(ContractionHierarchy.isSymmetric(graph: twoWay.graph, weights: w))
        #expect(ContractionHierarchy(graph: twoWay.graph, weights: w).directedFallback == nil)
        #expect(twoWay.reversedArcWeights(w) == w)
    }

    @Test func twinArcsPairTheTwoDirections() throws {
        let g = try DirectedOracle()
        let graph = g.network.graph
        let twin = graph.twinArcs()
        for a in 0..<graph.arcCount {
            let b = Int(twin[a])
            #expect(Int(twin[b]) == a && graph.arcEdge[a] == graph.arcEdge[b] && a != b)
        }
    }
}
