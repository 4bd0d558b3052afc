import CorridorGeo
import CorridorNetwork

/// Many-to-many travel-time tables on a contraction hierarchy by bucket search
/// (S. Knopp, P. Sanders, D. Schultes, F. Schulz, D. Wagner, "Computing many-to-many shortest
/// paths using highway hierarchies", ALENEX 2007; the same scheme on CH in Geisberger et al.).
/// The graph is symmetric, so a target's backward search is an upward search too:
/// 1. from every target t, an upward search leaves (t, d(t, u)) in the bucket of each node u
///    it settles;
/// 2. from every source s, an upward search scans the buckets of the nodes it settles:
///    d(s, t) = min over u of d↑(s, u) + d↑(t, u).
/// Each search settles only the few hundred nodes above its start, so the cost grows with
/// (|S| + |T|) · search space + the bucket entries scanned, not with |S| · n.
public enum DistanceTable {
    /// Seconds from each source to each target, row-major: `table[i * targets.count + j]`;
    /// infinite when unreachable.
    /// - Throws: `ResourceError.memory` when the table would not fit.
    public static func compute(_ hierarchy: ContractionHierarchy, sources: [Int], targets: [Int], threads: Int = 1) throws -> [Double] {
        try MemoryBudget.check(MemoryBudget.bytes(MemoryBudget.bytes(sources.count, each: targets.count), each: 8),
                               for: "a \(sources.count) × \(targets.count) travel-time table")
        if let fallback = hierarchy.directedFallback {
            // Directed weights: one Dijkstra per source, stopping once every target is settled.
            let rows = Parallel.map(sources.count, threads: threads, state: { Dijkstra(graph: fallback.graph) }) { d, i -> [Double] in
                d.run(from: [sources[i]], weights: fallback.weights, targets: targets)
                return targets.map { d.distance(to: $0) }
            }
            return Array(rows.joined())
        }
        // 1. Target searches, in parallel; each returns its settled (node, distance) list.
        let spaces = Parallel.map(targets.count, threads: threads, state: { UpwardSearch(hierarchy) }) { search, j in
            search.run(from: targets[j])
        }
        let buckets = Buckets(spaces, nodeCount: hierarchy.nodeCount)
        // 2. Source searches, one row each, in parallel.
        let m = targets.count
        let rows = Parallel.map(sources.count, threads: threads, state: { UpwardSearch(hierarchy) }) { search, i -> [Double] in
            var row = [Double](repeating: .infinity, count: m)
            for (u, du) in search.run(from: sources[i]) {
                for k in buckets.start[Int(u)]..<buckets.start[Int(u) + 1] {
                    let j = Int(buckets.target[k])
                    let d = du + buckets.distance[k]
                    if d < row[j] { row[j] = d }
                }
            }
            return row
        }
        return Array(rows.joined())
    }

    /// The reference: one Dijkstra per source on the full graph.
    public static func reference(_ graph: CSRGraph, weights: [Double], sources: [Int], targets: [Int]) -> [Double] {
        let d = Dijkstra(graph: graph)
        var out: [Double] = []
        out.reserveCapacity(sources.count * targets.count)
        for s in sources {
            d.run(from: [s], weights: weights)
            out.append(contentsOf: targets.map { d.distance(to: $0) })
        }
        return out
    }
}

/// The target searches' entries grouped by node (a counting sort): node u's entries are
/// `start[u] ..< start[u + 1]`, each a target index and its upward distance.
struct Buckets: Sendable {
    let start: [Int]
    let target: [Int32]
    let distance: [Double]

    init(_ spaces: [[(Int32, Double)]], nodeCount n: Int) {
        var start = [Int](repeating: 0, count: n + 1)
        for space in spaces { for (u, _) in space { start[Int(u) + 1] += 1 } }
        for u in 0..<n { start[u + 1] += start[u] }
        var fill = start
        var target = [Int32](repeating: 0, count: start[n])
        var distance = [Double](repeating: 0, count: start[n])
        for (j, space) in spaces.enumerated() {
            for (u, d) in space {
                target[fill[Int(u)]] = Int32(j)
                distance[fill[Int(u)]] = d
                fill[Int(u)] += 1
            }
        }
        self.start = start
        self.target = target
        self.distance = distance
    }
}
