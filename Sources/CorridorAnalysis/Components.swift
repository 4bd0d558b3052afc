import CorridorNetwork

/// Connected components by union-find, over the arcs
/// whose weight is finite (closed crossings split components).
public enum Components {
    /// A component label per node: labels are 0, 1, ... in order of each component's smallest
    /// node id.
    /// - Complexity: O(m α(n)).
    public static func labels(_ graph: CSRGraph, weights: [Double]? = nil) -> [Int] {
        var sets = UnionFind(count: graph.nodeCount)
        for u in 0..<graph.nodeCount {
            for a in graph.arcs(of: u) where weights?[a].isFinite ?? true { sets.union(u, Int(graph.head[a])) }
        }
        var label = [Int](repeating: -1, count: graph.nodeCount)
        var byRoot: [Int: Int] = [:]
        for v in 0..<graph.nodeCount {
            let r = sets.find(v)
            if let l = byRoot[r] { label[v] = l } else { byRoot[r] = byRoot.count; label[v] = byRoot[r]! }
        }
        return label
    }

    /// Component sizes, largest first.
    public static func sizes(_ labels: [Int]) -> [Int] {
        var counts = [Int](repeating: 0, count: (labels.max() ?? -1) + 1)
        for l in labels { counts[l] += 1 }
        return counts.sorted(by: >)
    }
}
