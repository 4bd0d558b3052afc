import CorridorData
import CorridorNetwork

/// Kansky's graph-theoretic indices of a transport network (K. J. Kansky, "Structure of
/// transportation networks", University of Chicago, 1963), with the planar bounds:
/// cyclomatic μ = e − v + p, α = μ / (2v − 5), β = e / v, γ = e / (3(v − 2)),
/// η = network length / e. Structural: every edge counts, whatever its crossing's state.
public struct KanskyIndices: Sendable, Codable, Hashable {
    public var vertices: Int
    public var edges: Int
    public var components: Int
    public var cyclomatic: Int
    public var alpha: Double
    public var beta: Double
    public var gamma: Double
    /// Kilometres per edge.
    public var etaKilometers: Double

    /// The indices of the subgraph of edges of `mode` (and the nodes they touch), or of the
    /// whole network when `mode` is nil.
    public init(_ network: TransportNetwork, mode: Mode?) {
        let edges = (0..<network.edgeCount).filter { mode == nil || network.edgeMode[$0] == mode }
        var nodes = Set<UInt32>()
        for e in edges { nodes.insert(network.edgeTail[e]); nodes.insert(network.edgeHead[e]) }
        if mode == nil { nodes = Set((0..<UInt32(network.nodeCount))) }
        // Components of the subgraph by union-find over local ids.
        let ids = Dictionary(uniqueKeysWithValues: nodes.sorted().enumerated().map { ($0.element, $0.offset) })
        var sets = UnionFind(count: ids.count)
        var km = 0.0
        for e in edges {
            sets.union(ids[network.edgeTail[e]]!, ids[network.edgeHead[e]]!)
            km += network.edgeLengthMeters[e] / 1000
        }
        let v = ids.count, e = edges.count
        let p = Set(sets.roots()).count
        vertices = v
        self.edges = e
        components = p
        cyclomatic = e - v + p
        alpha = v > 2 ? Double(cyclomatic) / Double(2 * v - 5) : 0
        beta = v > 0 ? Double(e) / Double(v) : 0
        gamma = v > 2 ? Double(e) / Double(3 * (v - 2)) : 0
        etaKilometers = e > 0 ? km / Double(e) : 0
    }
}
