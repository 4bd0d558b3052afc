import CorridorNetwork

/// Shortest paths from one or more sources by Dijkstra's algorithm on an `IndexedMinHeap`
/// (decrease-key): the one Dijkstra of the package, for routes and trees, the plain reference
/// every faster routine (PHAST, the bucket tables, the scenario shortcuts) is tested against,
/// and the tree of every origin in traffic assignment.
/// (E. W. Dijkstra, "A note on two problems in connexion with graphs", 1959.)
///
/// A reusable query object: buffers are allocated once and owned here (freed in deinit), and a
/// run resets in O(1) through `TimestampedSet`s, so one object serves every source of a worker.
///
/// Rules of the search: weights are non-negative; an infinite (or NaN) weight closes its arc;
/// nodes farther than `limit` are not reached; nodes below `blockedBelow` other than the sources
/// are settled but never expanded (zones that are not passed through); with targets, the search
/// stops once every target is settled, since the distances and parents of settled nodes are
/// final. Ties between equal keys break by node id, so a tree depends only on the graph, the
/// weights, the sources and the option below.
///
/// With `skipsHeapForSingleInArcNodes`, a node with one incoming arc is settled as soon as its
/// one predecessor is, without the heap: its distance is already final. It saves heap work in
/// the trees of traffic assignment, whose results are defined with it; it changes which of
/// several equally short paths is found, so it is off by default.
/// - Complexity: O((n + m) log₄ n) per run, less with targets or a limit.
public final class Dijkstra {
    public let graph: CSRGraph
    /// Distance of each node reached in the last run (valid where `reached` holds the node).
    private let distance: UnsafeMutableBufferPointer<Double>
    /// The arc into each reached node, -1 for a source.
    private let parentArc: UnsafeMutableBufferPointer<Int32>
    /// Settled nodes in settle order; the first `settledCount` entries are valid.
    private let order: UnsafeMutableBufferPointer<UInt32>
    /// How many nodes the last run settled (0 after ``distance(from:to:weights:potential:)``).
    public private(set) var settledCount = 0
    private let reached: TimestampedSet
    private let settled: TimestampedSet
    /// The targets of the current run; made on the first run with targets.
    private var targetSet: TimestampedSet?
    private let heap: IndexedMinHeap
    /// Nodes with one incoming arc (nil without the shortcut): final as soon as their one
    /// predecessor is settled.
    private let singleInArc: UnsafeMutableBufferPointer<Bool>?
    /// Such nodes reached and waiting to be settled, ahead of the heap.
    private let ready: UnsafeMutableBufferPointer<UInt32>?

    /// - Parameters:
    ///   - graph: the graph the runs search.
    ///   - skipsHeapForSingleInArcNodes: settle a node with one incoming arc as soon as its
    ///     predecessor, without the heap (the trees of traffic assignment).
    public init(graph: CSRGraph, skipsHeapForSingleInArcNodes: Bool = false) {
        self.graph = graph
        let n = max(1, graph.nodeCount)
        distance = .allocate(capacity: n); distance.initialize(repeating: .infinity)
        parentArc = .allocate(capacity: n); parentArc.initialize(repeating: -1)
        order = .allocate(capacity: n); order.initialize(repeating: 0)
        reached = TimestampedSet(capacity: n)
        settled = TimestampedSet(capacity: n)
        heap = IndexedMinHeap(capacity: n)
        if skipsHeapForSingleInArcNodes {
            var inDegree = [UInt32](repeating: 0, count: n)
            for h in graph.head { inDegree[Int(h)] += 1 }
            let single = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
            for v in 0..<n { single.initializeElement(at: v, to: inDegree[v] == 1) }
            singleInArc = single
            ready = .allocate(capacity: n); ready!.initialize(repeating: 0)
        } else {
            singleInArc = nil
            ready = nil
        }
    }

    deinit {
        distance.deallocate(); parentArc.deallocate(); order.deallocate()
        singleInArc?.deallocate(); ready?.deallocate()
    }

    /// Runs from `sources` (all at distance 0) with arc weights in seconds (or any unit);
    /// infinite weights are closed arcs. Stops early once `target` is settled, if given.
    /// - Complexity: O((n + m) log n).
    public func run(from sources: [Int], weights: [Double], target: Int? = nil) {
        run(from: sources, weights: weights, targets: target.map { [$0] })
    }

    /// Runs from `sources` and stops once every node of `targets` is settled (or cannot be
    /// reached); distances to the targets are then final, others may not be. Nodes farther
    /// than `limit` are not reached (their distance reads as infinity).
    public func run(from sources: [Int], weights: [Double], targets: [Int]?, limit: Double = .infinity) {
        weights.withUnsafeBufferPointer { run(from: sources, weights: $0, targets: targets, limit: limit) }
    }

    /// Runs from `sources` (all at distance 0) over `weights`, one per arc.
    /// - Parameters:
    ///   - sources: where the paths start.
    ///   - weights: one non-negative weight per arc of `graph`; infinity closes the arc.
    ///   - targets: stop once all of these are settled (nil: the whole reachable graph; empty:
    ///     nothing to do).
    ///   - limit: nodes farther than this are not reached.
    ///   - blockedBelow: nodes `< blockedBelow` other than the sources are settled but not
    ///     expanded.
    /// - Complexity: O((n + m) log₄ n).
    public func run(from sources: [Int], weights: UnsafeBufferPointer<Double>, targets: [Int]? = nil,
                    limit: Double = .infinity, blockedBelow: Int = 0) {
        precondition(weights.count == graph.arcCount, "one weight per arc")
        startRun()
        var remaining = Int.max
        if let targets {
            let marks = targetSet ?? TimestampedSet(capacity: graph.nodeCount)
            targetSet = marks
            marks.removeAll()
            remaining = 0
            for t in targets where !marks.contains(t) { marks.insert(t); remaining += 1 }
            if remaining == 0 { return }
        }
        for s in sources where !reached.contains(s) {
            reached.insert(s)
            distance[s] = 0
            parentArc[s] = -1
            heap.insert(s, key: 0)
        }
        let targetMarks = targetSet
        var count = 0
        var readyCount = 0
        graph.firstOut.withUnsafeBufferPointer { firstOut in
            graph.head.withUnsafeBufferPointer { head in
                while true {
                    // A node with one incoming arc is final once its predecessor is: it is settled
                    // straight away. Its distance is at least its predecessor's, so every key it
                    // pushes is at least the last key popped, as Dijkstra requires, and the settle
                    // order stays a topological order of the tree (parents before children).
                    let u: Int
                    if readyCount > 0, let ready { readyCount -= 1; u = Int(ready[readyCount]) }
                    else if let top = heap.popMin() { u = top.id }
                    else { break }
                    settled.insert(u)
                    order[count] = UInt32(u)
                    count += 1
                    if remaining != Int.max, let targetMarks, targetMarks.contains(u) {
                        remaining -= 1
                        if remaining == 0 { break }
                    }
                    if u < blockedBelow && parentArc[u] >= 0 { continue }
                    let du = distance[u]
                    for a in Int(firstOut[u])..<Int(firstOut[u + 1]) {
                        let w = weights[a]
                        if !w.isFinite { continue }
                        let v = Int(head[a])
                        let dv = du + w
                        if dv > limit { continue }
                        if !reached.contains(v) {
                            reached.insert(v)
                            distance[v] = dv
                            parentArc[v] = Int32(a)
                            if let singleInArc, let ready, singleInArc[v] { ready[readyCount] = UInt32(v); readyCount += 1 }
                            else { heap.insert(v, key: dv) }
                        } else if dv < distance[v] {
                            // v is in the heap: with weights >= 0 a settled node never improves,
                            // and a node of one incoming arc is reached once.
                            distance[v] = dv
                            parentArc[v] = Int32(a)
                            heap.decreaseKey(of: v, to: dv)
                        }
                    }
                }
            }
        }
        settledCount = count
    }

    /// The distance from `s` to `t` by A* with a consistent potential: `potential[v]` must not
    /// exceed the true distance from v to t and must satisfy potential[u] ≤ w(u, v) + potential[v]
    /// for every arc. Exact distances to t in the same graph with weights no larger than these
    /// qualify (e.g. before links were removed); they make the search explore little more
    /// than the new shortest path. Nodes with an infinite potential cannot reach t and are
    /// never entered. A node whose distance drops after it left the heap (a potential that
    /// rounding made slightly inconsistent) goes back in, so the distance stays exact.
    public func distance(from s: Int, to t: Int, weights: [Double], potential: UnsafeBufferPointer<Double>) -> Double {
        precondition(weights.count == graph.arcCount && potential.count == graph.nodeCount)
        startRun()
        guard potential[s].isFinite else { return .infinity }
        reached.insert(s)
        distance[s] = 0
        parentArc[s] = -1
        heap.insert(s, key: potential[s])
        while let (u, _) = heap.popMin() {
            let du = distance[u]
            if u == t { return du }
            for a in graph.arcs(of: u) {
                let w = weights[a]
                if !w.isFinite { continue }
                let v = Int(graph.head[a])
                let hv = potential[v]
                if !hv.isFinite { continue }
                let dv = du + w
                if !reached.contains(v) || dv < distance[v] {
                    reached.insert(v)
                    distance[v] = dv
                    parentArc[v] = Int32(a)
                    heap.update(v, key: dv + hv)
                }
            }
        }
        return .infinity
    }

    /// Forgets the last run: O(1) but for the heap entries an early stop left.
    private func startRun() {
        reached.removeAll()
        settled.removeAll()
        heap.removeAll()
        settledCount = 0
    }

    /// The distance to `v` from the last run (infinity when unreached).
    public func distance(to v: Int) -> Double {
        reached.contains(v) ? distance[v] : .infinity
    }

    /// All distances from the last run.
    public func distances() -> [Double] {
        (0..<graph.nodeCount).map(distance(to:))
    }

    /// Whether `v` was settled in the last run (its distance and parent are final).
    public func isSettled(_ v: Int) -> Bool { settled.contains(v) }

    /// The nodes the last run settled, in settle order (parents before children).
    package var settleOrder: UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(rebasing: order[0..<settledCount])
    }

    /// The arc into each node of the last run (-1 for a source); valid for reached nodes.
    package var parentArcs: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(parentArc) }

    /// The arcs of a shortest path to `v`, source first; nil when unreached.
    public func pathArcs(to v: Int) -> [Int]? {
        guard reached.contains(v) else { return nil }
        var arcs: [Int] = []
        var x = v
        while parentArc[x] >= 0 {
            let a = Int(parentArc[x])
            arcs.append(a)
            // The tail of arc a: the node whose arc range holds it.
            x = tail(of: a)
        }
        return arcs.reversed()
    }

    /// The tail node of an arc, by binary search over `firstOut`.
    public func tail(of arc: Int) -> Int {
        var lo = 0, hi = graph.nodeCount
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if Int(graph.firstOut[mid]) <= arc { lo = mid } else { hi = mid }
        }
        return lo
    }
}
