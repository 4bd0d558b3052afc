import CorridorData
import CorridorNetwork

/// A contraction hierarchy of a symmetric graph (R. Geisberger, P. Sanders, D. Schultes,
/// D. Delling, "Contraction hierarchies: faster and simpler hierarchical routing in road
/// networks", WEA 2008). Nodes are contracted one by one; a shortcut u–w replaces u–v–w unless
/// a local witness search finds a path no longer. The result keeps, per node, its arcs to
/// higher-ranked nodes, which is all PHAST and the bucket tables need.
///
/// Two ways to build one:
/// - ``init(graph:weights:witnessSettleLimit:)`` finds an order: the node with the lowest
///   priority (level + added arcs / removed arcs + added hops / removed hops, the measure
///   RoutingKit and the CH literature use) goes next; a node whose neighbourhood changed is
///   re-simulated when it reaches the top and put back if it is no longer the minimum (lazy
///   updates; the simulation that confirms a node is the one its contraction uses).
/// - ``init(graph:weights:order:witnessSettleLimit:)`` contracts in a given order (the `rank` of
///   an earlier hierarchy on the same topology): one witness round per node and no priority
///   work, the way to re-customise a hierarchy for new weights (a scenario, a delay scale, an
///   as-of day) in a fraction of the full time.
///
/// The remaining graph is a flat dynamic adjacency (one block of arcs per node in shared
/// arrays, a block moved to the end when it fills), neighbour tests go through a stamped slot
/// table, never a scan, and witness searches stop as soon as every target is settled, or at the
/// hop, settle and distance limits. Any limit only adds redundant shortcuts: distances are exact
/// whatever the limits.
///
/// Arcs with infinite weight (closed crossings) are left out; self-loops are dropped and
/// parallel arcs keep the lightest. Weights that differ by direction (one-way edges) are not
/// contracted: see ``directedFallback``.
public struct ContractionHierarchy: Sendable {
    public let nodeCount: Int
    /// rank[v]: the order of contraction (0 first, n - 1 last = most important).
    public let rank: [UInt32]
    /// Upward arcs by original node id: `upFirst[v] ..< upFirst[v + 1]`.
    public let upFirst: [UInt32]
    public let upHead: [UInt32]
    public let upWeight: [Double]
    /// Sweep order: position p holds the node of rank n - 1 - p.
    public let sweepNode: [UInt32]
    public let position: [UInt32]
    /// Downward arcs by target position: for position p, `downFirst[p] ..< downFirst[p + 1]`
    /// give the (earlier) positions of its higher-ranked neighbours and the weights.
    public let downFirst: [UInt32]
    public let downTail: [UInt32]
    public let downWeight: [Double]
    public let shortcutCount: Int
    /// The graph and weights when the weights are not symmetric (one-way edges): the contraction
    /// here assumes w(u→v) = w(v→u), so a directed network is not contracted and PHAST and the
    /// distance tables answer with Dijkstra on these weights instead (exact, slower). Nil for a
    /// contracted hierarchy.
    public let directedFallback: DirectedGraph?

    /// A graph with weights that differ by direction.
    public struct DirectedGraph: Sendable {
        public let graph: CSRGraph
        public let weights: [Double]
    }

    /// Whether every arc weighs the same as the arc of its edge in the other direction (every
    /// edge having exactly two arcs, `CSRGraph.pairedArcs()`). Infinite and finite weights
    /// count as different; a NaN weight matches anything.
    /// - Complexity: O(m).
    public static func isSymmetric(graph: CSRGraph, weights: [Double]) -> Bool {
        guard let twin = graph.pairedArcs() else { return false }
        return (0..<graph.arcCount).allSatisfy { a in
            let w = weights[a], v = weights[Int(twin[a])]
            return w == v || w.isNaN || v.isNaN
        }
    }

    /// The identity layout that stands for a hierarchy over directed weights.
    private init(directed graph: CSRGraph, weights: [Double]) {
        let n = graph.nodeCount
        nodeCount = n
        rank = (0..<n).map { UInt32($0) }
        upFirst = [UInt32](repeating: 0, count: n + 1)
        upHead = []
        upWeight = []
        sweepNode = rank
        position = rank
        downFirst = upFirst
        downTail = []
        downWeight = []
        shortcutCount = 0
        directedFallback = DirectedGraph(graph: graph, weights: weights)
    }

    /// Contracts the graph in an order it finds.
    /// - Parameters:
    ///   - graph: a symmetric graph (each edge as two arcs).
    ///   - weights: one per arc of `graph`, symmetric; infinite arcs are ignored.
    ///   - witnessSettleLimit: how many nodes a witness search may settle before it gives up
    ///     (a bound on preprocessing time; a give-up only adds a redundant shortcut).
    /// - Complexity: roughly O(n · s log s) for s the settle limit on road-like graphs.
    public init(graph: CSRGraph, weights: [Double], witnessSettleLimit: Int = 500) {
        guard Self.isSymmetric(graph: graph, weights: weights) else {
            self.init(directed: graph, weights: weights)
            return
        }
        ProcessCounters.increment(.contractions)
        var c = Contractor(graph: graph, weights: weights, settleLimit: witnessSettleLimit)
        c.contractByPriority()
        self.init(c)
    }

    /// Contracts the graph in a given order: the re-customisation for new weights on one topology.
    /// - Parameters:
    ///   - graph: a symmetric graph (each edge as two arcs).
    ///   - weights: one per arc of `graph`, symmetric; infinite arcs are ignored.
    ///   - order: a rank per node, a permutation of `0 ..< nodeCount` (typically the `rank` of a
    ///     hierarchy built on the same graph with other weights). Any permutation gives exact
    ///     distances; a good one gives few shortcuts.
    ///   - witnessSettleLimit: as in ``init(graph:weights:witnessSettleLimit:)``.
    public init(graph: CSRGraph, weights: [Double], order: [UInt32], witnessSettleLimit: Int = 500) {
        precondition(order.count == graph.nodeCount, "one rank per node")
        guard Self.isSymmetric(graph: graph, weights: weights) else {
            self.init(directed: graph, weights: weights)
            return
        }
        ProcessCounters.increment(.recustomisations)
        var c = Contractor(graph: graph, weights: weights, settleLimit: witnessSettleLimit)
        c.contract(inOrder: order)
        self.init(c)
    }

    /// The contracted graph laid out for queries and sweeps.
    private init(_ c: Contractor) {
        let n = c.n
        nodeCount = n
        rank = c.rankOf
        shortcutCount = c.shortcuts

        // Upward arcs by node id, each node's arcs by head.
        var upFirst = [UInt32](repeating: 0, count: n + 1)
        for v in 0..<n { upFirst[v + 1] = upFirst[v] + UInt32(c.upCount[v]) }
        var upHead = [UInt32](repeating: 0, count: Int(upFirst[n]))
        var upWeight = [Double](repeating: 0, count: Int(upFirst[n]))
        var scratch: [(UInt32, Double)] = []
        for v in 0..<n {
            let s = Int(c.upStart[v])
            scratch.removeAll(keepingCapacity: true)
            for i in s..<(s + Int(c.upCount[v])) { scratch.append((UInt32(c.upArcHead[i]), c.upArcWeight[i])) }
            scratch.sort { $0.0 < $1.0 }
            for (i, a) in scratch.enumerated() {
                upHead[Int(upFirst[v]) + i] = a.0
                upWeight[Int(upFirst[v]) + i] = a.1
            }
        }
        self.upFirst = upFirst
        self.upHead = upHead
        self.upWeight = upWeight

        var sweepNode = [UInt32](repeating: 0, count: n), position = [UInt32](repeating: 0, count: n)
        for v in 0..<n {
            let p = n - 1 - Int(c.rankOf[v])
            sweepNode[p] = UInt32(v)
            position[v] = UInt32(p)
        }
        self.sweepNode = sweepNode
        self.position = position
        // Downward arcs: for each upward arc v -> u (rank u > rank v), node v at position p
        // receives from u's (earlier) position; tails ascending so reads walk memory forwards.
        var downFirst = [UInt32](repeating: 0, count: n + 1)
        for p in 0..<n { downFirst[p + 1] = downFirst[p] + UInt32(c.upCount[Int(sweepNode[p])]) }
        var downTail = [UInt32](repeating: 0, count: Int(downFirst[n])), downWeight = [Double](repeating: 0, count: Int(downFirst[n]))
        for p in 0..<n {
            let v = Int(sweepNode[p])
            scratch.removeAll(keepingCapacity: true)
            for a in Int(upFirst[v])..<Int(upFirst[v + 1]) { scratch.append((position[Int(upHead[a])], upWeight[a])) }
            scratch.sort { $0.0 < $1.0 }
            for (i, a) in scratch.enumerated() {
                downTail[Int(downFirst[p]) + i] = a.0
                downWeight[Int(downFirst[p]) + i] = a.1
            }
        }
        self.downFirst = downFirst
        self.downTail = downTail
        self.downWeight = downWeight
        directedFallback = nil
    }
}

/// The contraction itself: the remaining graph, the witness search and the queue.
private struct Contractor {
    let n: Int
    let settleLimit: Int
    /// Nodes whose neighbourhood changed since their priority was computed: refreshed when
    /// they reach the top of the queue (lazy updates; eager updates of every neighbour cost
    /// 1.5-3x more time on the regions and DIMACS NY for 10-15 % fewer shortcuts, and no
    /// faster trees).
    var dirty: [Bool]
    /// Witness searches relax paths of at most this many arcs.
    let hopLimit: Int32 = 16

    // The remaining graph: node v's arcs are `first[v] ..< first[v] + count[v]` of the arc
    // arrays, with room for `capacity[v]`. Blocks hold uncontracted heads only.
    var first: [Int32]
    var count: [Int32]
    var capacity: [Int32]
    var arcHead: [Int32] = []
    var arcWeight: [Double] = []
    var arcHops: [Int32] = []

    var contracted: [Bool]
    var level: [Int32]
    var rankOf: [UInt32]
    var shortcuts = 0

    // The upward arcs of each node as it was contracted (its remaining arcs then).
    var upStart: [Int32]
    var upCount: [Int32]
    var upArcHead: [Int32] = []
    var upArcWeight: [Double] = []

    // Witness search scratch: dist and hops are valid for the nodes `seen` holds (reset in O(1)).
    var dist: [Double]
    var hops: [Int32]
    let seen: TimestampedSet
    /// The nodes the current witness search must settle.
    let isTarget: TimestampedSet
    let heap: IndexedMinHeap
    /// The contraction queue by priority.
    let queue: IndexedMinHeap

    // Slot table for neighbour tests: slot[w] is w's offset in the current node's block
    // while `slotted` holds w.
    var slot: [Int32]
    let slotted: TimestampedSet

    // A shortcut list found by `simulate`: pairs of neighbour indices of the contracted node.
    var pairA: [Int32] = []
    var pairB: [Int32] = []
    var pairWeight: [Double] = []
    var pairHops: [Int32] = []
    // The contracted node's neighbourhood, copied out before its arcs change.
    var nbr: [Int32] = []
    var nbrWeight: [Double] = []
    var nbrHops: [Int32] = []
    // `contract`'s pairs by neighbour index (counting sort).
    var start: [Int32] = []
    var fill: [Int32] = []
    var other: [Int32] = []
    var which: [Int32] = []

    init(graph: CSRGraph, weights: [Double], settleLimit: Int) {
        let n = graph.nodeCount
        self.n = n
        self.settleLimit = max(1, settleLimit)
        dirty = [Bool](repeating: false, count: n)
        first = [Int32](repeating: 0, count: n)
        count = [Int32](repeating: 0, count: n)
        capacity = [Int32](repeating: 0, count: n)
        contracted = [Bool](repeating: false, count: n)
        level = [Int32](repeating: 0, count: n)
        rankOf = [UInt32](repeating: 0, count: n)
        upStart = [Int32](repeating: 0, count: n)
        upCount = [Int32](repeating: 0, count: n)
        dist = [Double](repeating: .infinity, count: n)
        hops = [Int32](repeating: 0, count: n)
        seen = TimestampedSet(capacity: n)
        isTarget = TimestampedSet(capacity: n)
        heap = IndexedMinHeap(capacity: n)
        queue = IndexedMinHeap(capacity: n)
        slot = [Int32](repeating: 0, count: n)
        slotted = TimestampedSet(capacity: n)
        arcHead.reserveCapacity(graph.arcCount + graph.arcCount / 2)
        arcWeight.reserveCapacity(graph.arcCount + graph.arcCount / 2)
        arcHops.reserveCapacity(graph.arcCount + graph.arcCount / 2)
        // Initial blocks: lightest arc per neighbour, no loops, no infinite arcs; a little slack.
        for u in 0..<n {
            slotted.removeAll()
            first[u] = Int32(arcHead.count)
            var k: Int32 = 0
            for a in graph.arcs(of: u) {
                let v = Int(graph.head[a]), w = weights[a]
                guard v != u, w.isFinite else { continue }
                if slotted.contains(v) {
                    let i = Int(first[u] + slot[v])
                    if w < arcWeight[i] { arcWeight[i] = w }
                } else {
                    slotted.insert(v); slot[v] = k
                    arcHead.append(Int32(v)); arcWeight.append(w); arcHops.append(1)
                    k += 1
                }
            }
            let room = k + 2
            for _ in k..<room { arcHead.append(-1); arcWeight.append(0); arcHops.append(0) }
            count[u] = k
            capacity[u] = room
        }
    }

    // MARK: Orders

    /// Contracts every node, lowest priority first, refreshing the neighbours' priorities
    /// after each contraction.
    mutating func contractByPriority() {
        for v in 0..<n {
            // Simulate first: `priority(_:simulated:)` reads self, and a mutation inside its
            // argument list would copy every array.
            let simulated = simulate(v, collect: false)
            queue.insert(v, key: priority(v, simulated: simulated))
        }
        var next: UInt32 = 0
        while let (v, p) = queue.popMin() {
            if dirty[v] {
                // Lazy update: the node's neighbourhood changed since its priority was computed.
                dirty[v] = false
                let simulated = simulate(v, collect: true)
                let current = priority(v, simulated: simulated)
                if current > p, let top = queue.min, current > top.key {
                    queue.insert(v, key: current)
                    continue
                }
            } else {
                _ = simulate(v, collect: true)
            }
            contract(v, rank: next)
            next += 1
            for i in nbr.indices {
                let u = Int(nbr[i])
                if level[u] < level[v] + 1 { level[u] = level[v] + 1 }
                dirty[u] = true
            }
        }
    }

    /// Contracts every node in the order of `order` (a rank per node).
    mutating func contract(inOrder order: [UInt32]) {
        var byRank = [Int32](repeating: -1, count: n)
        for v in 0..<n {
            let r = Int(order[v])
            precondition(r < n && byRank[r] == -1, "the order is a permutation of the node ids")
            byRank[r] = Int32(v)
        }
        for r in 0..<n {
            let v = Int(byRank[r])
            _ = simulate(v, collect: true)
            contract(v, rank: UInt32(r))
        }
    }

    /// Level plus edge quotient plus hop quotient (lower goes first).
    func priority(_ v: Int, simulated: (added: Int, addedHops: Int)) -> Double {
        let removed = Int(count[v])
        var removedHops = 0
        let s = Int(first[v])
        for i in s..<(s + removed) { removedHops += Int(arcHops[i]) }
        let edgeQuotient = removed == 0 ? 0 : Double(simulated.added) / Double(removed)
        let hopQuotient = removedHops == 0 ? 0 : Double(simulated.addedHops) / Double(removedHops)
        return Double(level[v]) + edgeQuotient + hopQuotient
    }

    // MARK: Witness search and contraction

    /// The shortcuts contracting v needs, counted both ways (u–w and w–u are two arcs). With
    /// `collect` the pairs are kept in `pair*` and v's neighbourhood in `nbr*`.
    mutating func simulate(_ v: Int, collect: Bool) -> (added: Int, addedHops: Int) {

        let s = Int(first[v]), d = Int(count[v])
        if collect {
            pairA.removeAll(keepingCapacity: true); pairB.removeAll(keepingCapacity: true)
            pairWeight.removeAll(keepingCapacity: true); pairHops.removeAll(keepingCapacity: true)
            nbr.removeAll(keepingCapacity: true); nbrWeight.removeAll(keepingCapacity: true); nbrHops.removeAll(keepingCapacity: true)
            for i in s..<(s + d) { nbr.append(arcHead[i]); nbrWeight.append(arcWeight[i]); nbrHops.append(arcHops[i]) }
        }
        guard d > 1 else { return (0, 0) }
        var added = 0, addedHops = 0
        for i in 0..<(d - 1) {
            let u = Int(arcHead[s + i]), wu = arcWeight[s + i]
            // Targets: the later neighbours; the search stops once all are settled.
            seen.removeAll()
            isTarget.removeAll()
            var maxVia = 0.0
            for j in (i + 1)..<d {
                let w = Int(arcHead[s + j])
                isTarget.insert(w)
                maxVia = max(maxVia, wu + arcWeight[s + j])
            }
            witness(from: u, avoiding: v, limit: maxVia, targets: d - 1 - i)
            for j in (i + 1)..<d {
                let w = Int(arcHead[s + j])
                let via = wu + arcWeight[s + j]
                let found = seen.contains(w) ? dist[w] : .infinity
                if found > via {
                    let h = Int(arcHops[s + i] + arcHops[s + j])
                    added += 2; addedHops += 2 * h
                    if collect {
                        pairA.append(Int32(i)); pairB.append(Int32(j)); pairWeight.append(via); pairHops.append(Int32(h))
                    }
                }
            }
        }
        return (added, addedHops)
    }

    /// Bounded Dijkstra on the remaining graph from `s`, not through `x`, until every target
    /// is settled or a limit is reached.
    mutating func witness(from s: Int, avoiding x: Int, limit: Double, targets: Int) {
        heap.removeAll()
        seen.insert(s); dist[s] = 0; hops[s] = 0
        heap.insert(s, key: 0)
        var settled = 0, remaining = targets
        while let (u, du) = heap.popMin() {
            if du > limit { break }
            if isTarget.contains(u) {
                remaining -= 1
                if remaining == 0 { break }
            }
            settled += 1
            if settled >= settleLimit { break }
            let hu = hops[u]
            if hu >= hopLimit { continue }
            let b = Int(first[u]), e = b + Int(count[u])
            for a in b..<e {
                let w = Int(arcHead[a])
                if w == x { continue }
                let dw = du + arcWeight[a]
                if dw > limit { continue }
                if !seen.contains(w) {
                    seen.insert(w); dist[w] = dw; hops[w] = hu + 1
                    heap.insert(w, key: dw)
                } else if dw < dist[w] {
                    dist[w] = dw; hops[w] = hu + 1
                    heap.update(w, key: dw)
                }
            }
        }
    }

    /// Contracts v with the shortcuts of the last collecting `simulate(v)`.
    mutating func contract(_ v: Int, rank: UInt32) {
        rankOf[v] = rank
        contracted[v] = true
        shortcuts += pairA.count
        // v's remaining arcs are its upward arcs.
        upStart[v] = Int32(upArcHead.count)
        upCount[v] = Int32(nbr.count)
        for i in nbr.indices { upArcHead.append(nbr[i]); upArcWeight.append(nbrWeight[i]) }
        count[v] = 0

        // Per neighbour: drop v from its block, then add or lower its shortcuts.
        let d = nbr.count
        // The pairs of each neighbour index, both ways (counting sort by neighbour index).
        start.removeAll(keepingCapacity: true)
        start.append(contentsOf: repeatElement(0, count: d + 1))
        for k in pairA.indices { start[Int(pairA[k]) + 1] += 1; start[Int(pairB[k]) + 1] += 1 }
        for i in 0..<d { start[i + 1] += start[i] }
        fill.removeAll(keepingCapacity: true)
        fill.append(contentsOf: start)
        other.removeAll(keepingCapacity: true)
        other.append(contentsOf: repeatElement(0, count: Int(start[d])))
        which.removeAll(keepingCapacity: true)
        which.append(contentsOf: repeatElement(0, count: Int(start[d])))
        for k in pairA.indices {
            let a = Int(pairA[k]), b = Int(pairB[k])
            other[Int(fill[a])] = Int32(b); which[Int(fill[a])] = Int32(k); fill[a] += 1
            other[Int(fill[b])] = Int32(a); which[Int(fill[b])] = Int32(k); fill[b] += 1
        }
        for i in 0..<d {
            let u = Int(nbr[i])
            slotted.removeAll()
            var b = Int(first[u]), c = Int(count[u])
            var k = 0
            while k < c {
                let h = Int(arcHead[b + k])
                if h == v {
                    c -= 1
                    arcHead[b + k] = arcHead[b + c]; arcWeight[b + k] = arcWeight[b + c]; arcHops[b + k] = arcHops[b + c]
                    continue
                }
                slotted.insert(h); slot[h] = Int32(k)
                k += 1
            }
            count[u] = Int32(c)
            for q in Int(start[i])..<Int(start[i + 1]) {
                let w = Int(nbr[Int(other[q])]), p = Int(which[q])
                let weight = pairWeight[p], h = pairHops[p]
                if slotted.contains(w) {
                    let at = b + Int(slot[w])
                    if weight < arcWeight[at] { arcWeight[at] = weight; arcHops[at] = h }
                    continue
                }
                if count[u] == capacity[u] {
                    // Move the block to the end with twice the room.
                    let newCap = max(4, 2 * Int(capacity[u]))
                    let newFirst = arcHead.count
                    for j in 0..<Int(count[u]) {
                        arcHead.append(arcHead[b + j]); arcWeight.append(arcWeight[b + j]); arcHops.append(arcHops[b + j])
                    }
                    for _ in Int(count[u])..<newCap { arcHead.append(-1); arcWeight.append(0); arcHops.append(0) }
                    first[u] = Int32(newFirst); capacity[u] = Int32(newCap)
                    b = newFirst
                }
                let at = b + Int(count[u])
                arcHead[at] = Int32(w); arcWeight[at] = weight; arcHops[at] = h
                slotted.insert(w); slot[w] = count[u]
                count[u] += 1
            }
        }
    }
}
