import CorridorAnalysis
import CorridorNetwork
import Testing

/// The query object's options against its plain runs and against hand-made graphs.
@Suite struct DijkstraTests {
    /// With the single-in-arc shortcut (the trees of traffic assignment) distances are those of
    /// the plain search, and in both modes the settle order puts every parent before its child.
    @Test(arguments: OracleGraph.names)
    func shortcutKeepsDistancesAndTreeOrder(_ name: String) throws {
        let g = try OracleGraph(name)
        let plain = Dijkstra(graph: g.graph)
        let fast = Dijkstra(graph: g.graph, skipsHeapForSingleInArcNodes: true)
        for s in g.expected.sources {
            plain.run(from: [s], weights: g.weights)
            g.weights.withUnsafeBufferPointer { fast.run(from: [s], weights: $0) }
            #expect(plain.distances() == fast.distances(), "\(name) from \(s)")
            for d in [plain, fast] {
                let reached = (0..<g.graph.nodeCount).filter { d.distance(to: $0).isFinite }
                #expect(d.settledCount == reached.count)
                #expect(reached.allSatisfy(d.isSettled))
                var seen = Set<Int>()
                for v in d.settleOrder.map({ Int($0) }) {
                    if let arcs = d.pathArcs(to: v), let last = arcs.last {
                        #expect(seen.contains(d.tail(of: last)), "\(name): \(v) settled before its parent")
                    }
                    seen.insert(v)
                }
            }
        }
    }

    /// A path 0 - 1 - 2 - 3 with unit weights. Nodes below `blockedBelow` are settled but not
    /// passed through, unless they are a source.
    @Test func blockedNodesAreEndsOnly() {
        let graph = CSRGraph(nodeCount: 4, tails: [0, 1, 2], heads: [1, 2, 3])
        let w = [Double](repeating: 1, count: graph.arcCount)
        let d = Dijkstra(graph: graph)
        w.withUnsafeBufferPointer { d.run(from: [3], weights: $0, blockedBelow: 2) }
        #expect(d.distances() == [.infinity, 2, 1, 0])
        #expect(d.isSettled(1) && !d.isSettled(0))
        w.withUnsafeBufferPointer { d.run(from: [1], weights: $0, blockedBelow: 2) }
        #expect(d.distances() == [1, 0, 1, 2])
    }

    /// Targets stop the search once all are settled; a repeated source counts once.
    @Test func targetsAndRepeatedSources() throws {
        let g = try OracleGraph("korea_seoul_roads")
        let full = Dijkstra(graph: g.graph), early = Dijkstra(graph: g.graph)
        let s = g.expected.sources[0]
        full.run(from: [s], weights: g.weights)
        let targets = Array(stride(from: 0, to: g.graph.nodeCount, by: 97))
        early.run(from: [s, s], weights: g.weights, targets: targets)
        for t in targets { #expect(early.distance(to: t) == full.distance(to: t)) }
        #expect(early.settledCount <= full.settledCount)
        early.run(from: [s], weights: g.weights, targets: [])
        #expect(early.settledCount == 0 && early.distance(to: s) == .infinity)
    }
}
