import CorridorNetwork

/// The upward search of a contraction hierarchy: ``Dijkstra`` over the arcs to higher-ranked
/// nodes from one node, every node it reaches settled with its upward distance. The first phase
/// of PHAST and both phases of the bucket tables. One query object, reused between runs.
struct UpwardSearch {
    let hierarchy: ContractionHierarchy
    private let dijkstra: Dijkstra
    private var settled: [(Int32, Double)] = []

    init(_ hierarchy: ContractionHierarchy) {
        self.hierarchy = hierarchy
        // The upward arcs as a graph of their own; arc a stands for itself.
        let upward = CSRGraph(nodeCount: hierarchy.nodeCount, firstOut: hierarchy.upFirst, head: hierarchy.upHead,
                              arcEdge: Array(0..<UInt32(hierarchy.upHead.count)))
        dijkstra = Dijkstra(graph: upward)
    }

    /// The nodes settled from `s`, each once and in settle order, with its upward distance.
    mutating func run(from s: Int) -> [(Int32, Double)] {
        dijkstra.run(from: [s], weights: hierarchy.upWeight)
        settled.removeAll(keepingCapacity: true)
        for v in dijkstra.settleOrder { settled.append((Int32(v), dijkstra.distance(to: Int(v)))) }
        return settled
    }
}
