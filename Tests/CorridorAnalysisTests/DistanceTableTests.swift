import CorridorAnalysis
import CorridorGeo
import CorridorNetwork
import Foundation
import Testing

/// Many-to-many tables by bucket search agree with one Dijkstra per source.
@Suite struct DistanceTableTests {
    /// Integer weights: sums are exact, so equality is exact. Sources and targets overlap,
    /// include unreachable pairs (random_sparse_disconnected) and a node paired with itself.
    @Test(arguments: OracleGraph.names)
    func bucketTableMatchesDijkstra(_ name: String) throws {
        let g = try OracleGraph(name)
        let n = g.graph.nodeCount
        let ch = ContractionHierarchy(graph: g.graph, weights: g.weights)
        let sources = Array(stride(from: 0, to: n, by: 11)), targets = Array(stride(from: 3, to: n, by: 7)) + [0]
        let fast = try DistanceTable.compute(ch, sources: sources, targets: targets, threads: 2)
        let reference = DistanceTable.reference(g.graph, weights: g.weights, sources: sources, targets: targets)
        #expect(fast.count == sources.count * targets.count)
        #expect(fast == reference)
        if name == "random_sparse_disconnected" { #expect(fast.contains(.infinity)) }
    }

    /// On the real korea network (travel times in seconds, not integers) within 1e-9.
    @Test func koreaPlacesMatchDijkstra() throws {
        let network = try KoreaNetwork.build(DeterminismTests.geoData)
        let w = network.arcSeconds()
        let ch = ContractionHierarchy(graph: network.graph, weights: w)
        let nodes = network.mostPopulousPlaces(40).map { Int(network.places[$0].node) }
        let fast = try DistanceTable.compute(ch, sources: nodes, targets: nodes, threads: 2)
        let reference = DistanceTable.reference(network.graph, weights: w, sources: nodes, targets: nodes)
        for k in fast.indices {
            #expect(fast[k] == reference[k] || abs(fast[k] - reference[k]) <= 1e-9 * reference[k], "pair \(k)")
        }
        #expect(fast.contains { $0.isFinite && $0 > 0 })
    }

    /// A table that would not fit is refused before anything is allocated.
    @Test func oversizedTableIsRefused() throws {
        let g = try OracleGraph("random_tree")
        let ch = ContractionHierarchy(graph: g.graph, weights: g.weights)
        let many = Array(repeating: 0, count: 2_000_000)
        #expect(throws: ResourceError.self) { try DistanceTable.compute(ch, sources: many, targets: many) }
    }
}
