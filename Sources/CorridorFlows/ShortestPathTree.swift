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
/// anything but the graph, the weights and the origin.
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
    private let heapNode: UnsafeMutableBufferPointer<UInt32>
    private let heapKey: UnsafeMutableBufferPointer<Double>
    private let position: UnsafeMutableBufferPointer<Int32>
    private var heapCount = 0
    private var stamp: UInt32 = 0

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
        heapNode = .allocate(capacity: n); heapNode.initialize(repeating: 0)
        heapKey = .allocate(capacity: n); heapKey.initialize(repeating: 0)
        position = .allocate(capacity: n); position.initialize(repeating: -1)
    }

    deinit {
        for b in [firstOut, head, order, reached, settled, target, heapNode] { b.deallocate() }
        distance.deallocate(); parentArc.deallocate(); heapKey.deallocate(); position.deallocate()
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
        while heapCount > 0 {
            let u = popMin()
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
                    push(UInt32(v), dv)
                } else if dv < distance[v] && settled[v] != s {
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

    @inline(__always)
    private func less(_ ka: Double, _ a: UInt32, _ kb: Double, _ b: UInt32) -> Bool {
        ka < kb || (ka == kb && a < b)
    }

    private func push(_ v: UInt32, _ key: Double) {
        let i = heapCount
        heapCount += 1
        siftUp(i, v, key)
    }

    private func decrease(_ v: UInt32, _ key: Double) {
        siftUp(Int(position[Int(v)]), v, key)
    }

    @inline(__always)
    private func siftUp(_ start: Int, _ v: UInt32, _ key: Double) {
        var i = start
        while i > 0 {
            let p = (i - 1) >> 2
            let pn = heapNode[p], pk = heapKey[p]
            if !less(key, v, pk, pn) { break }
            heapNode[i] = pn; heapKey[i] = pk; position[Int(pn)] = Int32(i)
            i = p
        }
        heapNode[i] = v; heapKey[i] = key; position[Int(v)] = Int32(i)
    }

    private func popMin() -> UInt32 {
        let top = heapNode[0]
        heapCount -= 1
        let n = heapCount
        if n > 0 {
            let v = heapNode[n], key = heapKey[n]
            var i = 0
            while true {
                let c = 4 * i + 1
                if c >= n { break }
                var best = c
                var bk = heapKey[c], bn = heapNode[c]
                let end = min(c + 4, n)
                var j = c + 1
                while j < end {
                    let kj = heapKey[j], nj = heapNode[j]
                    if less(kj, nj, bk, bn) { best = j; bk = kj; bn = nj }
                    j += 1
                }
                if !less(bk, bn, key, v) { break }
                heapNode[i] = bn; heapKey[i] = bk; position[Int(bn)] = Int32(i)
                i = best
            }
            heapNode[i] = v; heapKey[i] = key; position[Int(v)] = Int32(i)
        }
        return top
    }
}
