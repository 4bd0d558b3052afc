/// A static graph in compressed sparse row form: the arcs leaving node `v` are
/// `firstOut[v] ..< firstOut[v + 1]`, each with its `head` and the `arcEdge` it belongs to.
/// Undirected edges are stored as two arcs. 32-bit ids throughout.
///
/// Invariants (checked once at construction): `firstOut` has `nodeCount + 1` entries, starts at
/// 0, never decreases and ends at `arcCount`; every head is a node id.
public struct CSRGraph: Sendable, Hashable {
    public let nodeCount: Int
    public let firstOut: [UInt32]
    public let head: [UInt32]
    /// The edge each arc comes from (an index into the caller's edge table).
    public let arcEdge: [UInt32]

    public var arcCount: Int { head.count }

    /// Builds the CSR from edges. Arcs of a node are ordered by edge index, then direction, so
    /// the layout is deterministic.
    /// - Parameters:
    ///   - nodeCount: the number of nodes; ids run from 0 to `nodeCount - 1`.
    ///   - tails: the tail node of each edge; an edge's index becomes the `arcEdge` of its arcs.
    ///   - heads: the head node of each edge, one per tail.
    ///   - directed: when false each edge gives a tail->head and a head->tail arc.
    /// - Complexity: O(n + m).
    public init(nodeCount: Int, tails: [UInt32], heads: [UInt32], directed: Bool = false) {
        precondition(tails.count == heads.count, "one head per tail")
        precondition(nodeCount < Int(UInt32.max), "node ids are 32-bit")
        var degree = [UInt32](repeating: 0, count: nodeCount + 1)
        for i in 0..<tails.count {
            degree[Int(tails[i]) + 1] += 1
            if !directed { degree[Int(heads[i]) + 1] += 1 }
        }
        for v in 0..<nodeCount { degree[v + 1] += degree[v] }
        let arcCount = Int(degree[nodeCount])
        var next = degree
        var head = [UInt32](repeating: 0, count: arcCount)
        var arcEdge = [UInt32](repeating: 0, count: arcCount)
        for i in 0..<tails.count {
            let t = Int(tails[i]), h = Int(heads[i])
            head[Int(next[t])] = UInt32(h); arcEdge[Int(next[t])] = UInt32(i); next[t] += 1
            if !directed { head[Int(next[h])] = UInt32(t); arcEdge[Int(next[h])] = UInt32(i); next[h] += 1 }
        }
        self.init(nodeCount: nodeCount, firstOut: degree, head: head, arcEdge: arcEdge)
    }

    /// Wraps arrays that already form a CSR.
    public init(nodeCount: Int, firstOut: [UInt32], head: [UInt32], arcEdge: [UInt32]) {
        precondition(firstOut.count == nodeCount + 1 && firstOut.first == 0 && Int(firstOut.last!) == head.count,
                     "firstOut has n+1 entries, first 0, last = arc count")
        precondition(arcEdge.count == head.count, "one edge per arc")
        precondition(zip(firstOut, firstOut.dropFirst()).allSatisfy { $0 <= $1 }, "firstOut never decreases")
        precondition(head.allSatisfy { Int($0) < nodeCount }, "heads are node ids")
        self.nodeCount = nodeCount
        self.firstOut = firstOut
        self.head = head
        self.arcEdge = arcEdge
    }

    /// For each arc, the arc of the same edge in the other direction (the CSR of an undirected
    /// graph holds each edge as two arcs).
    /// - Precondition: every edge has exactly two arcs.
    /// - Complexity: O(n + m).
    public func twinArcs() -> [UInt32] {
        guard let twin = pairedArcs() else { preconditionFailure("every edge has exactly two arcs") }
        return twin
    }

    /// The twin of every arc (see ``twinArcs()``), or nil when some edge has one arc or more
    /// than two (a directed CSR).
    /// - Complexity: O(n + m).
    public func pairedArcs() -> [UInt32]? {
        let edges = (arcEdge.max().map { Int($0) + 1 }) ?? 0
        var first = [Int32](repeating: -1, count: edges), count = [UInt8](repeating: 0, count: edges)
        var twin = [UInt32](repeating: 0, count: arcCount)
        for a in 0..<arcCount {
            let e = Int(arcEdge[a])
            count[e] &+= 1
            if first[e] < 0 {
                first[e] = Int32(a)
            } else {
                twin[a] = UInt32(first[e]); twin[Int(first[e])] = UInt32(a)
            }
        }
        return count.allSatisfy { $0 == 0 || $0 == 2 } ? twin : nil
    }

    /// The arc range of node `v`.
    @inline(__always)
    public func arcs(of v: Int) -> Range<Int> {
        Int(firstOut[v])..<Int(firstOut[v + 1])
    }
}
