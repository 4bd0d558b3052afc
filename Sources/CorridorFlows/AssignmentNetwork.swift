import CorridorNetwork

/// A directed network for traffic assignment: links with BPR costs between nodes, the first
/// `zoneCount` nodes being zones (centroids) where demand starts and ends.
///
/// Zones below `firstThroughNode` may start and end paths but not be passed through (the TNTP
/// "first thru node" rule: centroid connectors are not shortcuts). With `firstThroughNode == 0`
/// every node may be passed through.
///
/// Invariants (checked at construction): `zoneCount <= nodeCount`; `firstThroughNode <=
/// zoneCount`; one tail, head and cost per link; tails and heads are node ids; no link joins
/// a node to itself.
public struct AssignmentNetwork: Sendable {
    public let nodeCount: Int
    public let zoneCount: Int
    public let firstThroughNode: Int
    public let tails: [UInt32]
    public let heads: [UInt32]
    public let costs: BPRCosts
    /// The links as a directed CSR; `graph.arcEdge[a]` is the link of arc `a`.
    public let graph: CSRGraph
    /// The tail node of every arc (CSR order).
    let arcTail: [UInt32]

    public var linkCount: Int { tails.count }

    /// - Throws: `FlowError.invalid` naming the link (0-based) at fault.
    public init(nodeCount: Int, zoneCount: Int, firstThroughNode: Int, tails: [UInt32], heads: [UInt32], costs: BPRCosts) throws {
        guard zoneCount >= 0, zoneCount <= nodeCount else { throw FlowError.invalid("network", "\(zoneCount) zones but \(nodeCount) nodes") }
        guard firstThroughNode >= 0, firstThroughNode <= zoneCount else {
            throw FlowError.invalid("network", "first through node \(firstThroughNode) beyond the \(zoneCount) zones")
        }
        guard tails.count == heads.count, costs.linkCount == tails.count else {
            throw FlowError.invalid("network", "\(tails.count) tails, \(heads.count) heads, \(costs.linkCount) link costs")
        }
        for i in tails.indices {
            guard Int(tails[i]) < nodeCount, Int(heads[i]) < nodeCount else {
                throw FlowError.invalid("link \(i)", "node \(max(tails[i], heads[i])) outside the \(nodeCount) nodes")
            }
            guard tails[i] != heads[i] else { throw FlowError.invalid("link \(i)", "joins node \(tails[i]) to itself") }
        }
        self.nodeCount = nodeCount
        self.zoneCount = zoneCount
        self.firstThroughNode = firstThroughNode
        self.tails = tails
        self.heads = heads
        self.costs = costs
        graph = CSRGraph(nodeCount: nodeCount, tails: tails, heads: heads, directed: true)
        var arcTail = [UInt32](repeating: 0, count: graph.arcCount)
        for v in 0..<nodeCount { for a in graph.arcs(of: v) { arcTail[a] = UInt32(v) } }
        self.arcTail = arcTail
    }

    /// The same topology and zones with other link costs (a scenario, a scaled demand test).
    public func with(costs: BPRCosts) throws -> AssignmentNetwork {
        try AssignmentNetwork(nodeCount: nodeCount, zoneCount: zoneCount, firstThroughNode: firstThroughNode,
                              tails: tails, heads: heads, costs: costs)
    }

    /// The link from `tail` to `head` (0-based nodes), the first one if several; nil if none.
    public func link(from tail: Int, to head: Int) -> Int? {
        guard tail >= 0, tail < nodeCount else { return nil }
        return graph.arcs(of: tail).first { Int(graph.head[$0]) == head }.map { Int(graph.arcEdge[$0]) }
    }
}
