import CorridorNetwork
import Dispatch

/// Shortest-path betweenness by Brandes' algorithm on non-negative arc weights
/// (U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25, 2001).
/// Infinite weights are closed arcs. Paths of equal length count alike: ties are compared
/// exactly, so integer-valued weights give the same result as any exact implementation.
public enum Betweenness {
    /// One source's dependencies, accumulated into `score`. Reusable buffers keep the per-source
    /// cost at O(m log n) with no allocation.
    struct Worker {
        let graph: CSRGraph
        var dist: [Double]
        var sigma: [Double]
        var delta: [Double]
        var order: [Int32]
        var preds: [Int32]      // predecessor arcs' tails, grouped per node
        var predStart: [Int32]  // per node: start in `preds`
        var predCount: [Int32]
        var heap = BinaryHeap()
        var score: [Double]

        init(graph: CSRGraph) {
            self.graph = graph
            let n = graph.nodeCount
            dist = Array(repeating: .infinity, count: n)
            sigma = Array(repeating: 0, count: n)
            delta = Array(repeating: 0, count: n)
            order = []
            order.reserveCapacity(n)
            preds = Array(repeating: 0, count: graph.arcCount)
            predCount = Array(repeating: 0, count: n)
            // A node's predecessors are tails of its in-arcs: one slot per in-arc.
            var start = [Int32](repeating: 0, count: n + 1)
            for h in graph.head { start[Int(h) + 1] += 1 }
            for v in 0..<n { start[v + 1] += start[v] }
            predStart = Array(start.dropLast())
            score = Array(repeating: 0, count: n)
        }

        mutating func accumulate(source s: Int, weights: [Double]) {
            for v in order { let v = Int(v); dist[v] = .infinity; sigma[v] = 0; delta[v] = 0; predCount[v] = 0 }
            order.removeAll(keepingCapacity: true)
            heap.removeAll()
            dist[s] = 0
            sigma[s] = 1
            heap.push(s, 0)
            while let (u, du) = heap.pop() {
                // Stale entry: pushes happen only on a strict decrease, so exactly one entry
                // per node carries its final distance.
                if du > dist[u] { continue }
                order.append(Int32(u))
                for a in graph.arcs(of: u) {
                    let w = weights[a]
                    if !w.isFinite { continue }
                    let v = Int(graph.head[a])
                    let dv = du + w
                    if dv < dist[v] {
                        dist[v] = dv
                        sigma[v] = sigma[u]
                        predCount[v] = 1
                        preds[Int(predStart[v])] = Int32(u)
                        heap.push(v, dv)
                    } else if dv == dist[v] {
                        sigma[v] += sigma[u]
                        preds[Int(predStart[v] + predCount[v])] = Int32(u)
                        predCount[v] += 1
                    }
                }
            }
            for w in order.reversed() {
                let w = Int(w)
                let coefficient = (1 + delta[w]) / sigma[w]
                for i in Int(predStart[w])..<Int(predStart[w] + predCount[w]) {
                    let v = Int(preds[i])
                    delta[v] += sigma[v] * coefficient
                }
                if w != s { score[w] += delta[w] }
            }
        }
    }

    /// Exact betweenness over every source, for a symmetric (undirected) graph: each unordered
    /// pair is counted once (the directed sum halved), as networkx reports it unnormalised.
    /// - Parameter threads: workers; sources are split into fixed contiguous blocks and the
    ///   per-worker sums added in block order, so the result does not depend on scheduling.
    /// - Complexity: O(n m log n) work.
    public static func exact(_ graph: CSRGraph, weights: [Double], undirected: Bool = true, threads: Int = 1) -> [Double] {
        scores(graph, weights: weights, sources: Array(0..<graph.nodeCount), scale: undirected ? 0.5 : 1, threads: threads)
    }

    /// Betweenness estimated from `samples` sources drawn without replacement by a fixed-seed
    /// generator, scaled by n / samples (Brandes and Pich, 2007).
    public static func sampled(_ graph: CSRGraph, weights: [Double], samples: Int, seed: UInt64, undirected: Bool = true, threads: Int = 1) -> [Double] {
        let n = graph.nodeCount
        let k = min(samples, n)
        var rng = SplitMix64(seed: seed)
        var ids = Array(0..<n)
        for i in 0..<k { ids.swapAt(i, i + Int(rng.next() % UInt64(n - i))) }
        let scale = (undirected ? 0.5 : 1) * Double(n) / Double(max(k, 1))
        return scores(graph, weights: weights, sources: Array(ids[0..<k]).sorted(), scale: scale, threads: threads)
    }

    static func scores(_ graph: CSRGraph, weights: [Double], sources: [Int], scale: Double, threads: Int) -> [Double] {
        let blocks = max(1, min(threads, sources.count))
        let per = (sources.count + blocks - 1) / blocks
        // One block of sources per worker; each block's sums come back in block order.
        let partials = Parallel.map(blocks, threads: blocks, state: { Worker(graph: graph) }) { worker, b -> [Double] in
            for s in sources[min(sources.count, b * per)..<min(sources.count, (b + 1) * per)] {
                worker.accumulate(source: s, weights: weights)
            }
            return worker.score
        }
        var total = Array(repeating: 0.0, count: graph.nodeCount)
        for p in partials where !p.isEmpty {
            for v in 0..<total.count { total[v] += p[v] }
        }
        return total.map { $0 * scale }
    }
}

/// A small fixed-seed generator (Steele, Lea and Flood's SplitMix64), so sampled results
/// are reproducible across platforms.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
