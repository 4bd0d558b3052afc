import CorridorNetwork

/// Single-source shortest paths by Dijkstra's algorithm with a binary heap: the plain
/// reference every faster routine is tested against. A reusable query object: `run` resets
/// in O(1) through timestamps, so many sources cost no reallocation.
/// (E. W. Dijkstra, "A note on two problems in connexion with graphs", 1959.)
public final class Dijkstra {
    public let graph: CSRGraph
    private var distance: [Double]
    private var parentArc: [Int32]
    private var stamp: [UInt32]
    private var targetStamp: [UInt32] = []
    private var current: UInt32 = 0
    private var heap = BinaryHeap()

    public init(graph: CSRGraph) {
        self.graph = graph
        distance = Array(repeating: .infinity, count: graph.nodeCount)
        parentArc = Array(repeating: -1, count: graph.nodeCount)
        stamp = Array(repeating: 0, count: graph.nodeCount)
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
        precondition(weights.count == graph.arcCount, "one weight per arc")
        current &+= 1
        if current == 0 {  // wrapped: clear the stamps once every 2^32 runs
            for i in stamp.indices { stamp[i] = 0 }
            for i in targetStamp.indices { targetStamp[i] = 0 }
            current = 1
        }
        var remaining = Int.max
        if let targets {
            if targetStamp.isEmpty { targetStamp = Array(repeating: 0, count: graph.nodeCount) }
            remaining = 0
            for t in targets where targetStamp[t] != current { targetStamp[t] = current; remaining += 1 }
            if remaining == 0 { return }
        }
        heap.removeAll()
        for s in sources {
            stamp[s] = current
            distance[s] = 0
            parentArc[s] = -1
            heap.push(s, 0)
        }
        while let (u, du) = heap.pop() {
            if du > distance[u] { continue }
            if remaining != Int.max && targetStamp[u] == current {
                remaining -= 1
                if remaining == 0 { break }
            }
            for a in graph.arcs(of: u) {
                let w = weights[a]
                if !w.isFinite { continue }
                let v = Int(graph.head[a])
                let dv = du + w
                if dv > limit { continue }
                if stamp[v] != current || dv < distance[v] {
                    stamp[v] = current
                    distance[v] = dv
                    parentArc[v] = Int32(a)
                    heap.push(v, dv)
                }
            }
        }
    }

    /// The distance from `s` to `t` by A* with a consistent potential: `potential[v]` must not
    /// exceed the true distance from v to t and must satisfy potential[u] ≤ w(u, v) + potential[v]
    /// for every arc. Exact distances to t in the same graph with weights no larger than these
    /// qualify (e.g. before links were removed); they make the search explore little more
    /// than the new shortest path. Nodes with an infinite potential cannot reach t and are
    /// never entered.
    public func distance(from s: Int, to t: Int, weights: [Double], potential: UnsafeBufferPointer<Double>) -> Double {
        precondition(weights.count == graph.arcCount && potential.count == graph.nodeCount)
        current &+= 1
        if current == 0 {
            for i in stamp.indices { stamp[i] = 0 }
            for i in targetStamp.indices { targetStamp[i] = 0 }
            current = 1
        }
        heap.removeAll()
        guard potential[s].isFinite else { return .infinity }
        stamp[s] = current
        distance[s] = 0
        parentArc[s] = -1
        heap.push(s, potential[s])
        while let (u, key) = heap.pop() {
            let du = distance[u]
            if key > du + potential[u] { continue }
            if u == t { return du }
            for a in graph.arcs(of: u) {
                let w = weights[a]
                if !w.isFinite { continue }
                let v = Int(graph.head[a])
                let hv = potential[v]
                if !hv.isFinite { continue }
                let dv = du + w
                if stamp[v] != current || dv < distance[v] {
                    stamp[v] = current
                    distance[v] = dv
                    parentArc[v] = Int32(a)
                    heap.push(v, dv + hv)
                }
            }
        }
        return .infinity
    }

    /// The distance to `v` from the last run (infinity when unreached).
    public func distance(to v: Int) -> Double {
        stamp[v] == current ? distance[v] : .infinity
    }

    /// All distances from the last run.
    public func distances() -> [Double] {
        (0..<graph.nodeCount).map(distance(to:))
    }

    /// The arcs of a shortest path to `v`, source first; nil when unreached.
    public func pathArcs(to v: Int) -> [Int]? {
        guard stamp[v] == current else { return nil }
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

/// A binary min-heap of (node, key) with lazy deletion (stale entries are skipped on pop).
struct BinaryHeap {
    private var nodes: [Int] = []
    private var keys: [Double] = []

    mutating func removeAll() {
        nodes.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }

    mutating func push(_ node: Int, _ key: Double) {
        nodes.append(node)
        keys.append(key)
        var i = nodes.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if keys[p] < keys[i] || (keys[p] == keys[i] && nodes[p] <= nodes[i]) { break }
            nodes.swapAt(p, i); keys.swapAt(p, i)
            i = p
        }
    }

    func peek() -> (Int, Double)? {
        nodes.first.map { ($0, keys[0]) }
    }

    mutating func pop() -> (Int, Double)? {
        guard let top = nodes.first else { return nil }
        let key = keys[0]
        let lastNode = nodes.removeLast(), lastKey = keys.removeLast()
        if !nodes.isEmpty {
            nodes[0] = lastNode; keys[0] = lastKey
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < nodes.count && (keys[l] < keys[m] || (keys[l] == keys[m] && nodes[l] < nodes[m])) { m = l }
                if r < nodes.count && (keys[r] < keys[m] || (keys[r] == keys[m] && nodes[r] < nodes[m])) { m = r }
                if m == i { break }
                nodes.swapAt(m, i); keys.swapAt(m, i)
                i = m
            }
        }
        return (top, key)
    }
}
