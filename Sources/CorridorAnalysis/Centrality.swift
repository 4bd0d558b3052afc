import CorridorNetwork


/// Distance-based centralities from one shortest-path tree per node.
public enum Centrality {
    /// Closeness with the Wasserman-Faust correction for disconnected graphs, as networkx
    /// computes it: ((r - 1) / Σd) · ((r - 1) / (n - 1)) with r the nodes reachable from v
    /// (v included); 0 when nothing is reachable.
    /// - Parameters:
    ///   - graph: the graph.
    ///   - weights: one weight per arc; infinite closes the arc.
    ///   - threads: workers.
    ///   - shard: the share of the nodes whose values to compute (in node order).
    public static func closeness(_ graph: CSRGraph, weights: [Double], threads: Int = 1, shard: Shard = .whole) -> [Double] {
        let n = graph.nodeCount
        return perNode(graph, weights: weights, threads: threads, shard: shard) { _, dist in
            var sum = 0.0, reached = 0
            for d in dist where d.isFinite { sum += d; reached += 1 }
            guard reached > 1, sum > 0, n > 1 else { return 0 }
            let r = Double(reached - 1)
            return (r / sum) * (r / Double(n - 1))
        }
    }

    /// Harmonic centrality: Σ 1/d(v, u) over the other nodes u reachable from v.
    /// - Parameters:
    ///   - graph: the graph.
    ///   - weights: one weight per arc; infinite closes the arc.
    ///   - threads: workers.
    ///   - shard: the share of the nodes whose values to compute (in node order).
    public static func harmonic(_ graph: CSRGraph, weights: [Double], threads: Int = 1, shard: Shard = .whole) -> [Double] {
        perNode(graph, weights: weights, threads: threads, shard: shard) { v, dist in
            var h = 0.0
            for (u, d) in dist.enumerated() where u != v && d.isFinite && d > 0 { h += 1 / d }
            return h
        }
    }

    /// Straightness: the mean over reachable nodes of straight-line distance / network
    /// distance (1 for a perfectly direct network), given each node's coordinates and a
    /// distance function in the same unit as the weights.
    public static func straightness(_ graph: CSRGraph, weights: [Double], threads: Int = 1,
                                    euclidean: @escaping @Sendable (Int, Int) -> Double) -> [Double] {
        perNode(graph, weights: weights, threads: threads) { v, dist in
            var s = 0.0, count = 0
            for (u, d) in dist.enumerated() where u != v && d.isFinite && d > 0 {
                s += euclidean(v, u) / d
                count += 1
            }
            return count > 0 ? s / Double(count) : 0
        }
    }

    /// Runs one Dijkstra per node in contiguous blocks on `threads` workers; each node's value
    /// is computed by one worker alone, so results do not depend on scheduling.
    static func perNode(_ graph: CSRGraph, weights: [Double], threads: Int, shard: Shard = .whole,
                        _ value: @escaping @Sendable (Int, [Double]) -> Double) -> [Double] {
        let nodes = shard.range(of: graph.nodeCount)
        return Parallel.map(nodes.count, threads: threads, state: { Dijkstra(graph: graph) }) { dijkstra, i in
            let v = nodes.lowerBound + i
            dijkstra.run(from: [v], weights: weights)
            return value(v, dijkstra.distances())
        }
    }
}
