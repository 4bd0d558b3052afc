import CorridorAnalysis
import CorridorNetwork
import Foundation
import FuzzDriver

@_cdecl("FuzzDIMACS_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let parsed = try? DIMACSGraph.parse(Data(bytes(data, size)), label: "fuzz.gr") else { return 0 }
        // Graphs that parse are routed: the reference Dijkstra and the hierarchy must agree.
        guard parsed.nodeCount <= 2_000 else { return 0 }
        let (graph, weights) = parsed.csr()
        let dijkstra = Dijkstra(graph: graph)
        dijkstra.run(from: [0], weights: weights)
        let hierarchy = ContractionHierarchy(graph: graph, weights: weights)
        // PHAST hands over the tree in sweep order.
        let tree = PHAST.trees(hierarchy, sources: [0], threads: 1) { _, d in Array(d) }[0]!
        for v in 0..<graph.nodeCount {
            let fast = tree[Int(hierarchy.position[v])], reference = dijkstra.distance(to: v)
            if fast != reference { fatalError("PHAST and Dijkstra disagree at node \(v): \(fast) vs \(reference)") }
        }
        return 0
    }
}
