import CorridorNetwork

/// One-to-all shortest paths on a directed CSR by Dijkstra's algorithm with a 4-ary heap with
/// decrease-key, recording the order in which nodes settle and each node's parent arc: what an
/// all-or-nothing loading needs to push demand down the tree in reverse settle order.
///
/// A reusable query object: `run` resets in O(1) through a run stamp, so one object serves
/// every origin of a worker. Buffers are allocated once and owned here (freed in deinit).
///
/// Rules of the search: infinite arc weights are closed arcs; nodes below `blockedBelow` other
/// than the origin are settled but never expanded (zones that are not passed through); the
/// search stops once every marked target is settled, since distances and parents of settled
/// nodes are final. Ties between equal keys break by node id, so a tree never depends on
/// anything but the graph, the weights and the origin. Nodes with a single incoming arc skip
/// the heap (see `run`).
/// - Complexity: O((n + m) log₄ n) per run, less with targets.
final class ShortestPathTree {
    let nodeCount: Int
    private let firstOut: UnsafeMutableBufferPointer<UInt32>
    private let head: UnsafeMutableBufferPointer<UInt32>
    /// Distance of each node reached in the current run.
    let distance: UnsafeMutableBufferPointer<Double>
    /// The arc into each settled node (-1 for the origin).
    let parentArc: UnsafeMutableBufferPointer<Int32>
    /// Settled nodes in settle order; the first `settledCount` entries are valid.
    let order: UnsafeMutableBufferPointer<UInt32>
    private(set) var settledCount = 0
    private let reached: UnsafeMutableBufferPointer<UInt32>
    private let settled: UnsafeMutableBufferPointer<UInt32>
    private let target: UnsafeMutableBufferPointer<UInt32>
    /// The heap's entries, key and node side by side (one cache line holds a node's 4 children).
    private let heap: UnsafeMutableBufferPointer<HeapEntry>
    private let position: UnsafeMutableBufferPointer<Int32>
    private var heapCount = 0
    private var stamp: UInt32 = 0
    /// Nodes with one incoming arc: final as soon as their one predecessor is settled.
    private let inDegreeOne: UnsafeMutableBufferPointer<Bool>
    /// Such nodes reached and waiting to be settled, ahead of the heap.
    private let ready: UnsafeMutableBufferPointer<UInt32>

    init(graph: CSRGraph) {
        nodeCount = graph.nodeCount
        func copy(_ a: [UInt32]) -> UnsafeMutableBufferPointer<UInt32> {
            let b = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, a.count))
            _ = b.initialize(from: a)
            return b
        }
        firstOut = copy(graph.firstOut)
        head = copy(graph.head)
        let n = max(1, nodeCount)
        distance = .allocate(capacity: n); distance.initialize(repeating: .infinity)
        parentArc = .allocate(capacity: n); parentArc.initialize(repeating: -1)
        order = .allocate(capacity: n); order.initialize(repeating: 0)
        reached = .allocate(capacity: n); reached.initialize(repeating: 0)
        settled = .allocate(capacity: n); settled.initialize(repeating: 0)
        target = .allocate(capacity: n); target.initialize(repeating: 0)
        heap = .allocate(capacity: n); heap.initialize(repeating: HeapEntry(key: 0, node: 0))
        position = .allocate(capacity: n); position.initialize(repeating: -1)
        inDegreeOne = .allocate(capacity: n); inDegreeOne.initialize(repeating: false)
        var inDegree = [UInt32](repeating: 0, count: n)
        for h in graph.head { inDegree[Int(h)] += 1 }
        for v in 0..<nodeCount { inDegreeOne[v] = inDegree[v] == 1 }
        ready = .allocate(capacity: n); ready.initialize(repeating: 0)
    }

    deinit {
        for b in [firstOut, head, order, reached, settled, target, ready] { b.deallocate() }
        inDegreeOne.deallocate()
        distance.deallocate(); parentArc.deallocate(); heap.deallocate(); position.deallocate()
    }

    /// Runs from `origin` over `arcWeights` (one per CSR arc; +infinity closes an arc).
    /// - Parameters:
    ///   - blockedBelow: nodes `< blockedBelow` other than the origin are not expanded.
    ///   - targets: stop once all of these are settled (nil: the whole reachable graph).
    func run(origin: Int, arcWeights: UnsafeBufferPointer<Double>, blockedBelow: Int, targets: [Int]?) {
        stamp &+= 1
        if stamp == 0 {  // wrapped: clear the stamps once every 2^32 runs
            reached.update(repeating: 0); settled.update(repeating: 0); target.update(repeating: 0)
            stamp = 1
        }
        let s = stamp
        var remaining = Int.max
        if let targets {
            remaining = 0
            for t in targets where target[t] != s { target[t] = s; remaining += 1 }
        }
        settledCount = 0
        heapCount = 0
        reached[origin] = s
        distance[origin] = 0
        parentArc[origin] = -1
        push(UInt32(origin), 0)
        var readyCount = 0
        while true {
            // A node with one incoming arc is final once its predecessor is: it is settled
            // straight away, without the heap. Its distance is at least its predecessor's, so
            // every key it pushes is at least the last key popped, as Dijkstra requires, and the
            // settle order stays a topological order of the tree (parents before children).
            let u: UInt32
            if readyCount > 0 { readyCount -= 1; u = ready[readyCount] }
            else if heapCount > 0 { u = popMin() }
            else { break }
            let ui = Int(u)
            settled[ui] = s
            order[settledCount] = u
            settledCount += 1
            if remaining != Int.max && target[ui] == s {
                remaining -= 1
                if remaining == 0 { break }
            }
            if ui < blockedBelow && ui != origin { continue }
            let du = distance[ui]
            for a in Int(firstOut[ui])..<Int(firstOut[ui + 1]) {
                let w = arcWeights[a]
                if w == .infinity { continue }
                let v = Int(head[a])
                let dv = du + w
                if reached[v] != s {
                    reached[v] = s
                    distance[v] = dv
                    parentArc[v] = Int32(a)
                    if inDegreeOne[v] { ready[readyCount] = UInt32(v); readyCount += 1 }
                    else { push(UInt32(v), dv) }
                } else if dv < distance[v] {  // never true for a settled node: weights are >= 0
                    distance[v] = dv
                    parentArc[v] = Int32(a)
                    decrease(UInt32(v), dv)
                }
            }
        }
    }

    /// Whether `v` was settled in the last run (its distance and parent are final).
    @inline(__always)
    func isSettled(_ v: Int) -> Bool { settled[v] == stamp }

    // MARK: 4-ary heap with positions

    struct HeapEntry {
        var key: Double
        var node: UInt32
    }

    @inline(__always)
    private static func less(_ a: HeapEntry, _ b: HeapEntry) -> Bool {
        a.key < b.key || (a.key == b.key && a.node < b.node)
    }

    private func push(_ v: UInt32, _ key: Double) {
        let i = heapCount
        heapCount += 1
        siftUp(i, HeapEntry(key: key, node: v))
    }

    private func decrease(_ v: UInt32, _ key: Double) {
        siftUp(Int(position[Int(v)]), HeapEntry(key: key, node: v))
    }

    @inline(__always)
    private func siftUp(_ start: Int, _ e: HeapEntry) {
        var i = start
        while i > 0 {
            let p = (i - 1) >> 2
            let pe = heap[p]
            if !Self.less(e, pe) { break }
            heap[i] = pe; position[Int(pe.node)] = Int32(i)
            i = p
        }
        heap[i] = e; position[Int(e.node)] = Int32(i)
    }

    private func popMin() -> UInt32 {
        let top = heap[0].node
        heapCount -= 1
        let n = heapCount
        if n > 0 {
            let e = heap[n]
            var i = 0
            while true {
                let c = 4 * i + 1
                if c >= n { break }
                var best = c
                var b = heap[c]
                let end = min(c + 4, n)
                var j = c + 1
                while j < end {
                    let x = heap[j]
                    if Self.less(x, b) { best = j; b = x }
                    j += 1
                }
                if !Self.less(b, e) { break }
                heap[i] = b; position[Int(b.node)] = Int32(i)
                i = best
            }
            heap[i] = e; position[Int(e.node)] = Int32(i)
        }
        return top
    }
}
