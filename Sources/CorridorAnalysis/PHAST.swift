import CorridorNetwork
import Dispatch

/// One-to-all shortest paths by PHAST (D. Delling, A. V. Goldberg, A. Nowatzyk, R. F. Werneck,
/// "PHAST: Hardware-accelerated shortest path trees", IPDPS 2011): an upward Dijkstra from the
/// source in the contraction hierarchy, then one linear sweep over the nodes in descending rank
/// relaxing each node's arcs from higher-ranked nodes. The sweep runs `lanes` sources at once
/// in SIMD lanes. A reusable query object; one per thread.
public final class PHAST {
    public static let lanes = 8
    public typealias Lane = SIMD8<Double>

    public let hierarchy: ContractionHierarchy
    /// Distances by sweep position, one lane per source of the current batch.
    private var sweep: [Lane]
    private var search: UpwardSearch
    /// Upward-search results of the current batch: (position, lane, distance).
    private var seeds: [(UInt32, UInt8, Double)] = []

    /// Dijkstra on the directed fallback's weights (positions are node ids there).
    private let dijkstra: Dijkstra?

    public init(hierarchy: ContractionHierarchy) {
        self.hierarchy = hierarchy
        sweep = Array(repeating: Lane(repeating: .infinity), count: hierarchy.nodeCount)
        search = UpwardSearch(hierarchy)
        dijkstra = hierarchy.directedFallback.map { Dijkstra(graph: $0.graph) }
    }

    /// Runs up to `lanes` sources; read the results with `distance(lane:to:)` or `tree(lane:)`.
    /// - Complexity: O(upward search + m↓ · lanes / SIMD width) per batch.
    public func run(sources: [Int]) {
        precondition(sources.count <= Self.lanes, "at most \(Self.lanes) sources per sweep")
        let h = hierarchy
        let n = h.nodeCount
        if let fallback = h.directedFallback, let dijkstra {
            for p in 0..<n { sweep[p] = Lane(repeating: .infinity) }
            for (lane, s) in sources.enumerated() {
                dijkstra.run(from: [s], weights: fallback.weights)
                for v in 0..<n { sweep[v][lane] = dijkstra.distance(to: v) }
            }
            return
        }
        // Phase 1: one upward search per lane; the settled (position, lane, distance) triples,
        // sorted by position, seed the sweep (no separate pass to clear the array).
        seeds.removeAll(keepingCapacity: true)
        for (lane, s) in sources.enumerated() {
            for (v, d) in search.run(from: s) { seeds.append((h.position[Int(v)], UInt8(lane), d)) }
        }
        seeds.sort { $0.0 < $1.0 }
        // Phase 2: the downward sweep in position order.
        h.downFirst.withUnsafeBufferPointer { first in
            h.downTail.withUnsafeBufferPointer { tail in
                h.downWeight.withUnsafeBufferPointer { weight in
                    seeds.withUnsafeBufferPointer { seed in
                        sweep.withUnsafeMutableBufferPointer { d in
                            var next = 0
                            let seedCount = seed.count
                            for p in 0..<n {
                                var best = Lane(repeating: .infinity)
                                while next < seedCount && Int(seed[next].0) == p {
                                    best[Int(seed[next].1)] = seed[next].2
                                    next += 1
                                }
                                for a in Int(first[p])..<Int(first[p + 1]) {
                                    // `replace(with:where:)` inlines to a compare and a blend;
                                    // the generic `pointwiseMin` was a call per arc.
                                    let candidate = d[Int(tail[a])] + Lane(repeating: weight[a])
                                    best.replace(with: candidate, where: candidate .< best)
                                }
                                d[p] = best
                            }
                        }
                    }
                }
            }
        }
    }

    /// The distance from lane `lane`'s source to node `v` (original id).
    public func distance(lane: Int, to v: Int) -> Double {
        sweep[Int(hierarchy.position[v])][lane]
    }

    /// All distances from one lane's source, by original node id.
    public func tree(lane: Int) -> [Double] {
        (0..<hierarchy.nodeCount).map { sweep[Int(hierarchy.position[$0])][lane] }
    }

    /// Trees from many sources on `threads` workers: sources are cut into batches of `lanes`,
    /// batches into contiguous blocks per worker. `reduce` sees each source's tree (by sweep
    /// position) on the worker that computed it and returns a value; the values come back in
    /// source order, so the result does not depend on scheduling.
    public static func trees<T: Sendable>(_ hierarchy: ContractionHierarchy, sources: [Int], threads: Int,
                                         reduce: @escaping @Sendable (Int, UnsafeBufferPointer<Double>) -> T) -> [T?] {
        let batches = stride(from: 0, to: sources.count, by: lanes).map { Array(sources[$0..<min(sources.count, $0 + lanes)]) }
        let workers = max(1, min(threads, batches.count))
        let results = SlotArray<T>(sources.count)
        let per = (batches.count + workers - 1) / workers
        results.values.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let phast = PHAST(hierarchy: hierarchy)
                let n = hierarchy.nodeCount
                // All lanes transposed into columns in one pass over the sweep array.
                var columns = [Double](repeating: 0, count: n * lanes)
                for b in min(batches.count, w * per)..<min(batches.count, (w + 1) * per) {
                    phast.run(sources: batches[b])
                    phast.sweep.withUnsafeBufferPointer { d in
                        columns.withUnsafeMutableBufferPointer { c in
                            for p in 0..<n {
                                let x = d[p]
                                for lane in 0..<lanes { c[lane * n + p] = x[lane] }
                            }
                        }
                    }
                    columns.withUnsafeBufferPointer { c in
                        for lane in 0..<batches[b].count {
                            let index = b * lanes + lane
                            out[index] = reduce(index, UnsafeBufferPointer(rebasing: c[(lane * n)..<((lane + 1) * n)]))
                        }
                    }
                }
            }
        }
        return results.values
    }
}

/// Per-index result slots for parallel workers. Each index is written by exactly one worker,
/// and the array is sized before the workers start, so no two threads touch the same element.
package final class SlotArray<T>: @unchecked Sendable {
    package var values: [T?]
    package init(_ n: Int) { values = Array(repeating: nil, count: n) }
}
