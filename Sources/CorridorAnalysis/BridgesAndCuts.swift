import CorridorNetwork

/// Bridges (edges whose removal disconnects their component) and articulation points (nodes
/// whose removal does), by an iterative depth-first search with low-link values (R. Tarjan,
/// "Depth-first search and linear graph algorithms", SIAM J. Comput. 1, 1972). Parallel edges
/// are distinct, so a doubled link is not a bridge. Arcs with infinite weight are absent.
public struct BridgesAndCuts: Sendable {
    /// Edge ids (`arcEdge` values) of the bridges, ascending.
    public var bridges: [Int]
    /// Articulation points, ascending.
    public var articulationPoints: [Int]

    /// - Parameters:
    ///   - graph: symmetric (each edge as two arcs sharing an `arcEdge`).
    ///   - weights: one per arc of `graph`; arcs with an infinite weight are left out. Nil keeps
    ///     every arc.
    /// - Complexity: O(n + m).
    public init(_ graph: CSRGraph, weights: [Double]? = nil) {
        let n = graph.nodeCount
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var isCut = [Bool](repeating: false, count: n)
        var bridgeEdges: [Int] = []
        var counter = 0
        // Stack frames: node, the edge it was entered by, next arc to scan.
        var stack: [(node: Int, viaEdge: Int, next: Int)] = []
        for root in 0..<n where index[root] < 0 {
            index[root] = counter; low[root] = counter; counter += 1
            stack.append((root, -1, Int(graph.firstOut[root])))
            var rootChildren = 0
            while !stack.isEmpty {
                let top = stack.count - 1
                let (u, via, next) = stack[top]
                if next < Int(graph.firstOut[u + 1]) {
                    stack[top].next += 1
                    if let w = weights, !w[next].isFinite { continue }
                    let e = Int(graph.arcEdge[next])
                    if e == via { continue }  // the tree edge back to the parent, not a parallel one
                    let v = Int(graph.head[next])
                    if index[v] < 0 {
                        index[v] = counter; low[v] = counter; counter += 1
                        if u == root { rootChildren += 1 }
                        stack.append((v, e, Int(graph.firstOut[v])))
                    } else {
                        low[u] = min(low[u], index[v])
                    }
                } else {
                    stack.removeLast()
                    guard let parent = stack.last?.node else { continue }
                    low[parent] = min(low[parent], low[u])
                    if low[u] > index[parent] { bridgeEdges.append(via) }
                    if parent != root && low[u] >= index[parent] { isCut[parent] = true }
                }
            }
            if rootChildren > 1 { isCut[root] = true }
        }
        bridges = bridgeEdges.sorted()
        articulationPoints = (0..<n).filter { isCut[$0] }
    }
}
