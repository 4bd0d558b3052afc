import CorridorNetwork

/// A contraction hierarchy of a symmetric graph (R. Geisberger, P. Sanders, D. Schultes,
/// D. Delling, "Contraction hierarchies: faster and simpler hierarchical routing in road
/// networks", WEA 2008). Nodes are contracted one by one in order of a lazily updated priority
/// (edge difference plus contracted neighbours); a shortcut u–w replaces u–v–w unless a local
/// witness search finds a path no longer. The result keeps, per node, its arcs to higher-ranked
/// nodes, which is all PHAST needs.
///
/// Arcs with infinite weight (closed crossings) are left out: rebuild when states change.
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

    /// - Parameters:
    ///   - graph: a symmetric graph (each edge as two arcs).
    ///   - weights: one per arc of `graph`, symmetric; infinite arcs are ignored.
    ///   - witnessSettleLimit: how many nodes a witness search may settle before it gives up
    ///     (a bound on preprocessing time; a give-up only adds a redundant shortcut).
    /// - Complexity: roughly O(n · s log s) for s the settle limit on road-like graphs.
    public init(graph: CSRGraph, weights: [Double], witnessSettleLimit: Int = 60) {
        let n = graph.nodeCount
        nodeCount = n
        // Dynamic adjacency of the remaining graph: lightest arc per neighbour, no loops.
        var adj = [[(node: Int32, weight: Double)]](repeating: [], count: n)
        for u in 0..<n {
            for a in graph.arcs(of: u) {
                let v = Int(graph.head[a]), w = weights[a]
                guard v != u, w.isFinite else { continue }
                if let i = adj[u].firstIndex(where: { Int($0.node) == v }) {
                    adj[u][i].weight = min(adj[u][i].weight, w)
                } else {
                    adj[u].append((Int32(v), w))
                }
            }
        }
        var contracted = [Bool](repeating: false, count: n)
        var deletedNeighbours = [Int32](repeating: 0, count: n)
        var witness = WitnessSearch(nodeCount: n)
        var up = [[(node: Int32, weight: Double)]](repeating: [], count: n)
        var rankOf = [UInt32](repeating: 0, count: n)
        var shortcuts = 0

        /// The shortcuts contracting v would need: (u, w, weight) for u < w.
        func needed(_ v: Int) -> [(Int32, Int32, Double)] {
            var out: [(Int32, Int32, Double)] = []
            let nbrs = adj[v]
            guard nbrs.count > 1 else { return out }
            let maxW = nbrs.map(\.weight).max()!
            for (i, a) in nbrs.enumerated() {
                let limit = a.weight + maxW
                witness.run(from: Int(a.node), avoiding: v, limit: limit, settleLimit: witnessSettleLimit, adj: adj, contracted: contracted)
                for b in nbrs[(i + 1)...] {
                    let via = a.weight + b.weight
                    if witness.distance(to: Int(b.node)) > via { out.append((a.node, b.node, via)) }
                }
            }
            return out
        }
        func priority(_ v: Int) -> Double {
            Double(needed(v).count) - Double(adj[v].count) + Double(deletedNeighbours[v])
        }

        var queue = PriorityQueue()
        for v in 0..<n { queue.push(v, priority(v)) }
        var next: UInt32 = 0
        while let (v, p) = queue.pop() {
            if contracted[v] { continue }
            // Lazy update: recompute; if no longer the minimum, put it back.
            let current = priority(v)
            if current > p, let (_, top) = queue.peek(), current > top {
                queue.push(v, current)
                continue
            }
            for (a, b, w) in needed(v) {
                shortcuts += 1
                let (ai, bi) = (Int(a), Int(b))
                if let i = adj[ai].firstIndex(where: { $0.node == b }) { adj[ai][i].weight = min(adj[ai][i].weight, w) } else { adj[ai].append((b, w)) }
                if let i = adj[bi].firstIndex(where: { $0.node == a }) { adj[bi][i].weight = min(adj[bi][i].weight, w) } else { adj[bi].append((a, w)) }
            }
            contracted[v] = true
            rankOf[v] = next
            next += 1
            up[v] = adj[v]
            for nb in adj[v] {
                let u = Int(nb.node)
                adj[u].removeAll { Int($0.node) == v }
                deletedNeighbours[u] += 1
            }
            adj[v] = []
        }
        rank = rankOf
        shortcutCount = shortcuts

        var upFirst = [UInt32](repeating: 0, count: n + 1)
        for v in 0..<n { upFirst[v + 1] = upFirst[v] + UInt32(up[v].count) }
        var upHead: [UInt32] = [], upWeight: [Double] = []
        upHead.reserveCapacity(Int(upFirst[n])); upWeight.reserveCapacity(Int(upFirst[n]))
        for v in 0..<n {
            for a in up[v].sorted(by: { $0.node < $1.node }) { upHead.append(UInt32(a.node)); upWeight.append(a.weight) }
        }
        self.upFirst = upFirst
        self.upHead = upHead
        self.upWeight = upWeight

        var sweepNode = [UInt32](repeating: 0, count: n), position = [UInt32](repeating: 0, count: n)
        for v in 0..<n {
            let p = n - 1 - Int(rankOf[v])
            sweepNode[p] = UInt32(v)
            position[v] = UInt32(p)
        }
        self.sweepNode = sweepNode
        self.position = position
        // Downward arcs: for each upward arc v -> u (rank u > rank v), node v at position p
        // receives from u's (earlier) position.
        var downFirst = [UInt32](repeating: 0, count: n + 1)
        for p in 0..<n { downFirst[p + 1] = downFirst[p] + UInt32(up[Int(sweepNode[p])].count) }
        var downTail = [UInt32](repeating: 0, count: Int(downFirst[n])), downWeight = [Double](repeating: 0, count: Int(downFirst[n]))
        for p in 0..<n {
            let v = Int(sweepNode[p])
            // Tails in ascending position: reads walk memory forwards.
            let arcs = up[v].map { (position[Int($0.node)], $0.weight) }.sorted { $0.0 < $1.0 }
            for (i, a) in arcs.enumerated() {
                downTail[Int(downFirst[p]) + i] = a.0
                downWeight[Int(downFirst[p]) + i] = a.1
            }
        }
        self.downFirst = downFirst
        self.downTail = downTail
        self.downWeight = downWeight
    }
}

/// Bounded Dijkstra on the remaining graph during contraction.
struct WitnessSearch {
    private var dist: [Double]
    private var stamp: [UInt32]
    private var current: UInt32 = 0
    private var heap = BinaryHeap()

    init(nodeCount: Int) {
        dist = Array(repeating: .infinity, count: nodeCount)
        stamp = Array(repeating: 0, count: nodeCount)
    }

    mutating func run(from s: Int, avoiding x: Int, limit: Double, settleLimit: Int,
                      adj: [[(node: Int32, weight: Double)]], contracted: [Bool]) {
        current &+= 1
        if current == 0 { for i in stamp.indices { stamp[i] = 0 }; current = 1 }
        heap.removeAll()
        stamp[s] = current
        dist[s] = 0
        heap.push(s, 0)
        var settled = 0
        while let (u, du) = heap.pop() {
            if du > dist[u] { continue }
            if du > limit || settled >= settleLimit { break }
            settled += 1
            for a in adj[u] {
                let v = Int(a.node)
                if v == x || contracted[v] { continue }
                let dv = du + a.weight
                if stamp[v] != current || dv < dist[v] {
                    stamp[v] = current
                    dist[v] = dv
                    heap.push(v, dv)
                }
            }
        }
    }

    func distance(to v: Int) -> Double {
        stamp[v] == current ? dist[v] : .infinity
    }
}

/// Min-priority queue of (node, priority) with lazy deletion; ties broken by node id.
struct PriorityQueue {
    private var heap = BinaryHeap()
    mutating func push(_ v: Int, _ p: Double) { heap.push(v, p) }
    mutating func pop() -> (Int, Double)? { heap.pop() }
    func peek() -> (Int, Double)? { heap.peek() }
}

/// Dijkstra over the upward arcs of a hierarchy from one node: every node settled with its
/// upward distance. The first phase of PHAST and both phases of the bucket tables. Scratch
/// arrays are reused between runs.
struct UpwardSearch {
    let hierarchy: ContractionHierarchy
    var dist: [Double]
    var touched: [Int32] = []
    var settled: [(Int32, Double)] = []
    var heap = BinaryHeap()

    init(_ hierarchy: ContractionHierarchy) {
        self.hierarchy = hierarchy
        dist = Array(repeating: .infinity, count: hierarchy.nodeCount)
    }

    /// The nodes settled from `s`, each once, with its upward distance.
    mutating func run(from s: Int) -> [(Int32, Double)] {
        for v in touched { dist[Int(v)] = .infinity }
        touched.removeAll(keepingCapacity: true)
        settled.removeAll(keepingCapacity: true)
        heap.removeAll()
        dist[s] = 0
        touched.append(Int32(s))
        heap.push(s, 0)
        while let (u, du) = heap.pop() {
            if du > dist[u] { continue }
            settled.append((Int32(u), du))
            for a in Int(hierarchy.upFirst[u])..<Int(hierarchy.upFirst[u + 1]) {
                let v = Int(hierarchy.upHead[a])
                let dv = du + hierarchy.upWeight[a]
                if dv < dist[v] {
                    if dist[v] == .infinity { touched.append(Int32(v)) }
                    dist[v] = dv
                    heap.push(v, dv)
                }
            }
        }
        return settled
    }
}
