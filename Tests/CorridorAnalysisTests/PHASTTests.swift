import CorridorAnalysis
import CorridorNetwork
import Foundation
import Testing

/// PHAST trees (SIMD lanes, parallel batches) agree with the reference Dijkstra.
@Suite struct PHASTTests {
    @Test(arguments: OracleGraph.names)
    func treesMatchDijkstraExactly(_ name: String) throws {
        let g = try OracleGraph(name)
        let ch = ContractionHierarchy(graph: g.graph, weights: g.weights)
        #expect(Set(ch.rank).count == g.graph.nodeCount)
        let dijkstra = Dijkstra(graph: g.graph)
        let phast = PHAST(hierarchy: ch)
        let n = g.graph.nodeCount
        // Every node as a source, in batches of 8 (the last one partial).
        for start in stride(from: 0, to: n, by: PHAST.lanes) {
            let sources = Array(start..<min(n, start + PHAST.lanes))
            phast.run(sources: sources)
            for (lane, s) in sources.enumerated() {
                dijkstra.run(from: [s], weights: g.weights)
                for v in 0..<n {
                    // Integer weights: sums are exact, so equality is exact.
                    #expect(phast.distance(lane: lane, to: v) == dijkstra.distance(to: v), "\(name) \(s)->\(v)")
                }
            }
        }
    }

    @Test func parallelTreesAreDeterministic() throws {
        let g = try OracleGraph("korea_seoul_roads")
        let ch = ContractionHierarchy(graph: g.graph, weights: g.weights)
        let sources = Array(stride(from: 0, to: g.graph.nodeCount, by: 7))
        func sums(_ threads: Int) -> [Double] {
            PHAST.trees(ch, sources: sources, threads: threads) { _, d in d.reduce(0) { $0 + ($1.isFinite ? $1 : 0) } }.map { $0! }
        }
        let one = sums(1)
        #expect(one == sums(2))
        #expect(one == sums(8))
        let dijkstra = Dijkstra(graph: g.graph)
        dijkstra.run(from: [sources[3]], weights: g.weights)
        #expect(one[3] == dijkstra.distances().filter(\.isFinite).reduce(0, +))
    }

    /// On the real korea network (real-valued seconds, closed crossings) PHAST agrees with
    /// Dijkstra to 1e-9 relative: sums are taken in a different order.
    @Test func koreaNetworkAgreesWithDijkstra() throws {
        let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("GeoData")
        let network = try KoreaNetwork.build(geoData)
        let weights = network.arcSeconds()
        let ch = ContractionHierarchy(graph: network.graph, weights: weights)
        let dijkstra = Dijkstra(graph: network.graph)
        let phast = PHAST(hierarchy: ch)
        let sources = network.places.prefix(8).map { Int($0.node) }
        phast.run(sources: sources)
        for (lane, s) in sources.enumerated() {
            dijkstra.run(from: [s], weights: weights)
            for v in 0..<network.nodeCount {
                let a = phast.distance(lane: lane, to: v), b = dijkstra.distance(to: v)
                #expect(a == b || abs(a - b) <= 1e-9 * max(1, b), "\(s)->\(v)")
            }
        }
    }
}
