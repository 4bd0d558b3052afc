import CorridorNetwork
import Dispatch

/// Shortest-path betweenness by Brandes' algorithm on non-negative arc weights
/// (U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25, 2001).
/// Infinite weights are closed arcs. Paths of equal length count alike: ties are compared
/// exactly, so integer-valued weights give the same result as any exact implementation.
public enum Betweenness {
    /// Exact betweenness over every source, for a symmetric (undirected) graph: each unordered
    /// pair is counted once (the directed sum halved), as networkx reports it unnormalised.
    /// - Parameters:
    ///   - graph: the graph; every node is a source.
    ///   - weights: one non-negative weight per arc of `graph`; an infinite weight closes the arc.
    ///   - undirected: halve the directed sums, counting each unordered pair once (for a
    ///     symmetric graph); `false` keeps the directed sums.
    ///   - threads: workers. Sources are cut into a fixed number of chunks whatever
    ///     the thread count; workers take chunks as they finish one, and the chunk sums are added
    ///     in chunk order, so the result is bit-identical for any number of threads.
    /// - Complexity: O(n m log n) work.
    public static func exact(_ graph: CSRGraph, weights: [Double], undirected: Bool = true, threads: Int = 1) -> [Double] {
        scores(graph, weights: weights, sources: Array(0..<graph.nodeCount), scale: undirected ? 0.5 : 1, threads: threads)
    }

    /// Betweenness estimated from `samples` sources drawn without replacement by a fixed-seed
    /// generator, scaled by n / samples (Brandes and Pich, 2007).
    public static func sampled(_ graph: CSRGraph, weights: [Double], samples: Int, seed: UInt64, undirected: Bool = true, threads: Int = 1) -> [Double] {
        let (sources, scale) = plan(graph, samples: samples, seed: seed, undirected: undirected)
        return scores(graph, weights: weights, sources: sources, scale: scale, threads: threads)
    }

    /// The sources (all nodes, or `samples` drawn by `seed`) and the factor on their sums.
    static func plan(_ graph: CSRGraph, samples: Int?, seed: UInt64, undirected: Bool) -> (sources: [Int], scale: Double) {
        let n = graph.nodeCount
        guard let samples else { return (Array(0..<n), undirected ? 0.5 : 1) }
        let k = min(samples, n)
        var rng = SplitMix64(seed: seed)
        var ids = Array(0..<n)
        for i in 0..<k { ids.swapAt(i, i + Int(rng.next() % UInt64(n - i))) }
        return (Array(ids[0..<k]).sorted(), (undirected ? 0.5 : 1) * Double(n) / Double(max(k, 1)))
    }

    /// Chunks of sources, independent of the thread count (the determinism rests on it).
    static let chunkCount = 64

    /// How many source chunks `exact` or `sampled` cuts its sources into (the items of
    /// ``chunkSums(_:weights:samples:seed:shard:threads:)``).
    /// - Parameters:
    ///   - graph: the graph.
    ///   - samples: sampled sources, or nil for every node.
    public static func chunkTotal(_ graph: CSRGraph, samples: Int?) -> Int {
        min(chunkCount, samples.map { min($0, graph.nodeCount) } ?? graph.nodeCount)
    }

    /// The unscaled sums of a share of the source chunks, one array per chunk in chunk order:
    /// ``combine(_:graph:samples:seed:undirected:)`` of every share's chunks, in share order,
    /// is exactly `exact` (samples nil) or `sampled`.
    /// - Parameters:
    ///   - graph: the graph.
    ///   - weights: one weight per arc; infinite closes the arc.
    ///   - samples: sampled sources, or nil for every node.
    ///   - seed: the sample's seed.
    ///   - shard: which of the chunks.
    ///   - threads: workers.
    public static func chunkSums(_ graph: CSRGraph, weights: [Double], samples: Int?, seed: UInt64, shard: Shard, threads: Int = 1) -> [[Double]] {
        let (sources, _) = plan(graph, samples: samples, seed: seed, undirected: true)
        return partials(graph, weights: weights, sources: sources, chunks: shard.range(of: min(chunkCount, sources.count)), threads: threads)
    }

    /// Every chunk's sums added in chunk order and scaled.
    /// - Parameters:
    ///   - chunks: all the chunks' sums, in chunk order.
    ///   - graph: the graph.
    ///   - samples: as given to `chunkSums`.
    ///   - seed: as given to `chunkSums`.
    ///   - undirected: halve (count each unordered pair once).
    public static func combine(_ chunks: [[Double]], graph: CSRGraph, samples: Int?, seed: UInt64, undirected: Bool = true) -> [Double] {
        let (_, scale) = plan(graph, samples: samples, seed: seed, undirected: undirected)
        return total(chunks, count: graph.nodeCount, scale: scale)
    }

    static func scores(_ graph: CSRGraph, weights: [Double], sources: [Int], scale: Double, threads: Int) -> [Double] {
        total(partials(graph, weights: weights, sources: sources, chunks: 0..<min(chunkCount, sources.count), threads: threads),
              count: graph.nodeCount, scale: scale)
    }

    static func partials(_ graph: CSRGraph, weights: [Double], sources: [Int], chunks: Range<Int>, threads: Int) -> [[Double]] {
        let open = OpenArcs(graph: graph, weights: weights)
        let all = min(chunkCount, sources.count)
        let per = all == 0 ? 0 : (sources.count + all - 1) / all
        return Parallel.map(chunks.count, threads: threads, state: { BrandesWorker(open) }) { worker, i -> [Double] in
            let c = chunks.lowerBound + i
            worker.clearScore()
            for s in sources[min(sources.count, c * per)..<min(sources.count, (c + 1) * per)] {
                worker.accumulate(source: s)
            }
            return worker.scoreArray()
        }
    }

    static func total(_ partials: [[Double]], count: Int, scale: Double) -> [Double] {
        var total = Array(repeating: 0.0, count: count)
        for p in partials {
            for v in 0..<total.count { total[v] += p[v] }
        }
        return total.map { $0 * scale }
    }

    /// The reference: one source at a time on Swift arrays, as in the paper. Kept to test
    /// `BrandesWorker` against.
    static func reference(_ graph: CSRGraph, weights: [Double], undirected: Bool = true) -> [Double] {
        let n = graph.nodeCount
        var score = Array(repeating: 0.0, count: n)
        let heap = IndexedMinHeap(capacity: n)
        for s in 0..<n {
            var dist = Array(repeating: Double.infinity, count: n), sigma = Array(repeating: 0.0, count: n)
            var delta = Array(repeating: 0.0, count: n), preds = Array(repeating: [Int](), count: n)
            var order: [Int] = []
            dist[s] = 0; sigma[s] = 1
            heap.insert(s, key: 0)
            while let (u, du) = heap.popMin() {
                order.append(u)
                for a in graph.arcs(of: u) where weights[a].isFinite {
                    let v = Int(graph.head[a]), dv = du + weights[a]
                    if dv < dist[v] {
                        dist[v] = dv; sigma[v] = sigma[u]; preds[v] = [u]
                        heap.update(v, key: dv)
                    } else if dv == dist[v] {
                        sigma[v] += sigma[u]; preds[v].append(u)
                    }
                }
            }
            for w in order.reversed() {
                for v in preds[w] { delta[v] += sigma[v] * (1 + delta[w]) / sigma[w] }
                if w != s { score[w] += delta[w] }
            }
        }
        return score.map { $0 * (undirected ? 0.5 : 1) }
    }
}

/// The open arcs (finite weight) in CSR form, with each node's in-arc count for the
/// predecessor slots. Shared read-only by the workers.
final class OpenArcs: @unchecked Sendable {
    let nodeCount: Int
    let firstOut: UnsafeMutableBufferPointer<Int32>
    let head: UnsafeMutableBufferPointer<Int32>
    let weight: UnsafeMutableBufferPointer<Double>
    /// Per node: where its predecessor slots start (one slot per open in-arc).
    let predStart: UnsafeMutableBufferPointer<Int32>

    init(graph: CSRGraph, weights: [Double]) {
        let n = graph.nodeCount
        nodeCount = n
        let open = (0..<graph.arcCount).filter { weights[$0].isFinite }
        firstOut = .allocate(capacity: n + 1)
        head = .allocate(capacity: max(1, open.count))
        weight = .allocate(capacity: max(1, open.count))
        predStart = .allocate(capacity: n + 1)
        predStart.initialize(repeating: 0)
        var k = 0
        for v in 0..<n {
            firstOut[v] = Int32(k)
            for a in graph.arcs(of: v) where weights[a].isFinite {
                head[k] = Int32(graph.head[a])
                weight[k] = weights[a]
                predStart[Int(graph.head[a]) + 1] += 1
                k += 1
            }
        }
        firstOut[n] = Int32(k)
        for v in 0..<n { predStart[v + 1] += predStart[v] }
    }

    deinit {
        firstOut.deallocate(); head.deallocate(); weight.deallocate(); predStart.deallocate()
    }
}

/// One worker's scratch space for Brandes' algorithm: raw buffers allocated once and held in
/// `let` properties (no copy-on-write or exclusivity checks in the inner loops), and an
/// `IndexedMinHeap` (decrease-key), so each node enters the heap once.
final class BrandesWorker {
    let g: OpenArcs
    let dist: UnsafeMutableBufferPointer<Double>
    let sigma: UnsafeMutableBufferPointer<Double>
    let delta: UnsafeMutableBufferPointer<Double>
    let score: UnsafeMutableBufferPointer<Double>
    let order: UnsafeMutableBufferPointer<Int32>
    let preds: UnsafeMutableBufferPointer<Int32>
    let predCount: UnsafeMutableBufferPointer<Int32>
    let heap: IndexedMinHeap

    init(_ g: OpenArcs) {
        self.g = g
        let n = g.nodeCount
        func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, count))
            b.initialize(repeating: value)
            return b
        }
        dist = buffer(n, .infinity); sigma = buffer(n, 0); delta = buffer(n, 0); score = buffer(n, 0)
        order = buffer(n, 0); preds = buffer(Int(g.predStart[n]), 0); predCount = buffer(n, 0)
        heap = IndexedMinHeap(capacity: n)
    }

    deinit {
        for b in [dist, sigma, delta, score] { b.deallocate() }
        for b in [order, preds, predCount] { b.deallocate() }
    }

    func clearScore() { score.update(repeating: 0) }
    func scoreArray() -> [Double] { Array(score.prefix(g.nodeCount)) }

    /// Adds source `s`'s dependencies to `score`.
    func accumulate(source s: Int) {
        let firstOut = g.firstOut, head = g.head, weight = g.weight, predStart = g.predStart
        let dist = dist, sigma = sigma, delta = delta, order = order, preds = preds, predCount = predCount
        let heap = heap
        var settled = 0

        dist[s] = 0
        sigma[s] = 1
        heap.insert(s, key: 0)
        while let (u, du) = heap.popMin() {
            order[settled] = Int32(u)
            settled += 1
            let su = sigma[u]
            for a in Int(firstOut[u])..<Int(firstOut[u + 1]) {
                let v = Int(head[a])
                let dv = du + weight[a]
                let old = dist[v]
                if dv < old {
                    dist[v] = dv
                    sigma[v] = su
                    predCount[v] = 1
                    preds[Int(predStart[v])] = Int32(u)
                    // Reached before (a finite distance) and not settled (weights >= 0): in the heap.
                    if old < .infinity { heap.decreaseKey(of: v, to: dv) } else { heap.insert(v, key: dv) }
                } else if dv == old {
                    sigma[v] += su
                    preds[Int(predStart[v] + predCount[v])] = Int32(u)
                    predCount[v] += 1
                }
            }
        }
        // Dependencies in reverse order of distance, then the reset for the next source.
        var k = settled - 1
        while k >= 0 {
            let w = Int(order[k])
            let coefficient = (1 + delta[w]) / sigma[w]
            let start = Int(predStart[w])
            for i in start..<(start + Int(predCount[w])) {
                let v = Int(preds[i])
                delta[v] += sigma[v] * coefficient
            }
            if w != s { score[w] += delta[w] }
            k -= 1
        }
        for k in 0..<settled {
            let v = Int(order[k])
            dist[v] = .infinity; sigma[v] = 0; delta[v] = 0; predCount[v] = 0
        }
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
