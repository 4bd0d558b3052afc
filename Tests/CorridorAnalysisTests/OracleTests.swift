@testable import CorridorAnalysis
import CorridorNetwork
import Foundation
import Testing

/// A graph fixture with the values networkx and scipy computed on it
/// (Tests/Oracles/make_graph_oracles.py).
struct OracleGraph {
    struct Expected: Decodable {
        var nodes: Int
        var edges: Int
        var sources: [Int]
        var distances: [[Double?]]
        var betweenness: [Double]
        var closeness: [Double]
        var harmonic: [Double]
        var components: Int
        var bridges: [[Int]]
        var articulationPoints: [Int]
    }

    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let names = ["korea_seoul_roads", "random_dense", "random_sparse_disconnected", "random_tree"]

    let graph: CSRGraph
    let weights: [Double]
    let tails: [UInt32]
    let heads: [UInt32]
    let expected: Expected

    init(_ name: String) throws {
        expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.dir.appendingPathComponent("\(name).expected.json")))
        let csv = try String(contentsOf: Self.dir.appendingPathComponent("\(name).edges.csv"), encoding: .utf8)
        var t: [UInt32] = [], h: [UInt32] = [], w: [Double] = []
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",")
            t.append(UInt32(f[0])!); h.append(UInt32(f[1])!); w.append(Double(f[2])!)
        }
        tails = t
        heads = h
        graph = CSRGraph(nodeCount: expected.nodes, tails: t, heads: h)
        weights = graph.arcEdge.map { w[Int($0)] }
    }
}

func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

@Suite struct OracleTests {
    @Test(arguments: OracleGraph.names)
    func dijkstraMatchesScipy(_ name: String) throws {
        let g = try OracleGraph(name)
        #expect(g.graph.nodeCount == g.expected.nodes && g.tails.count == g.expected.edges)
        let d = Dijkstra(graph: g.graph)
        for (i, s) in g.expected.sources.enumerated() {
            d.run(from: [s], weights: g.weights)
            for (v, want) in g.expected.distances[i].enumerated() {
                #expect(d.distance(to: v) == (want ?? .infinity), "\(name) \(s)->\(v)")
            }
        }
    }

    @Test(arguments: OracleGraph.names)
    func betweennessMatchesNetworkX(_ name: String) throws {
        let g = try OracleGraph(name)
        for threads in [1, 2] {
            let b = Betweenness.exact(g.graph, weights: g.weights, threads: threads)
            for v in 0..<g.expected.nodes {
                #expect(close(b[v], g.expected.betweenness[v]), "\(name) node \(v) with \(threads) threads")
            }
        }
    }

    @Test(arguments: OracleGraph.names)
    func closenessAndHarmonicMatchNetworkX(_ name: String) throws {
        let g = try OracleGraph(name)
        let c = Centrality.closeness(g.graph, weights: g.weights, threads: 2)
        let h = Centrality.harmonic(g.graph, weights: g.weights, threads: 2)
        for v in 0..<g.expected.nodes {
            #expect(close(c[v], g.expected.closeness[v]), "\(name) closeness \(v)")
            #expect(close(h[v], g.expected.harmonic[v]), "\(name) harmonic \(v)")
        }
    }

    @Test(arguments: OracleGraph.names)
    func componentsBridgesAndCutsMatchNetworkX(_ name: String) throws {
        let g = try OracleGraph(name)
        #expect(Components.sizes(Components.labels(g.graph)).count == g.expected.components)
        let bc = BridgesAndCuts(g.graph)
        let bridges = bc.bridges.map { [Int(min(g.tails[$0], g.heads[$0])), Int(max(g.tails[$0], g.heads[$0]))] }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(bridges == g.expected.bridges)
        #expect(bc.articulationPoints == g.expected.articulationPoints)
    }

    /// Results are identical whatever the thread count (order-stable reductions). random_dense
    /// has tied shortest paths, so its betweenness is not integral and a sum in another order
    /// would show in the last bits.
    @Test(arguments: ["korea_seoul_roads", "random_dense"])
    func deterministicAcrossThreads(_ name: String) throws {
        let g = try OracleGraph(name)
        let one = Betweenness.exact(g.graph, weights: g.weights, threads: 1)
        #expect(one.contains { $0 != $0.rounded() } || name == "korea_seoul_roads")
        #expect(Betweenness.exact(g.graph, weights: g.weights, threads: 2) == one)
        #expect(Betweenness.exact(g.graph, weights: g.weights, threads: 8) == one)
        #expect(Centrality.harmonic(g.graph, weights: g.weights, threads: 1) == Centrality.harmonic(g.graph, weights: g.weights, threads: 8))
        #expect(one.reduce(0, +) > 0)
    }

    /// The raw-buffer worker (4-ary heap with decrease-key) against the plain reference
    /// (Swift arrays, lazy binary heap), including closed (infinite) arcs.
    @Test(arguments: OracleGraph.names)
    func fastBetweennessMatchesReference(_ name: String) throws {
        let g = try OracleGraph(name)
        var weights = g.weights
        for a in stride(from: 0, to: weights.count, by: 7) { weights[a] = .infinity }
        for w in [g.weights, weights] {
            let fast = Betweenness.exact(g.graph, weights: w, threads: 2)
            let reference = Betweenness.reference(g.graph, weights: w)
            for v in 0..<g.expected.nodes { #expect(close(fast[v], reference[v]), "\(name) node \(v)") }
        }
    }

    /// Sampling every node is the exact computation; a fixed seed repeats.
    @Test func sampledBetweenness() throws {
        let g = try OracleGraph("random_dense")
        let all = Betweenness.sampled(g.graph, weights: g.weights, samples: g.expected.nodes, seed: 1)
        for v in 0..<g.expected.nodes { #expect(close(all[v], g.expected.betweenness[v])) }
        let a = Betweenness.sampled(g.graph, weights: g.weights, samples: 50, seed: 42)
        let b = Betweenness.sampled(g.graph, weights: g.weights, samples: 50, seed: 42)
        #expect(a == b)
    }
}
