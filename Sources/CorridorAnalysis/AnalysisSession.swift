import CorridorData
import CorridorNetwork
import Foundation

/// What arcs cost for one question: the modes closed, crossing states changed and crossing
/// delays scaled on top of a network's own. One type instead of ad hoc weight views; a session
/// keys its hierarchies by the weights a profile yields.
public struct CostProfile: Hashable, Sendable {
    /// Modes whose edges are closed (e.g. `[.sea]` for land-only routes).
    public var excluding: Set<Mode>
    /// Every crossing delay (and the delay of unknown crossings) times this factor.
    public var delayScale: Double
    /// Crossing states by crossing id, over the network's own.
    public var crossingStatus: [String: CrossingStatus]

    /// - Parameters:
    ///   - excluding: modes closed for this use.
    ///   - delayScale: factor on every crossing delay (1 keeps them).
    ///   - crossingStatus: crossing states by id, over the network's own.
    public init(excluding: Set<Mode> = [], delayScale: Double = 1, crossingStatus: [String: CrossingStatus] = [:]) {
        self.excluding = excluding
        self.delayScale = delayScale
        self.crossingStatus = crossingStatus
    }

    /// The network with the profile's crossing states and delay scale applied.
    /// - Parameter network: the network to cost.
    public func applied(to network: TransportNetwork) -> TransportNetwork {
        guard delayScale != 1 || !crossingStatus.isEmpty else { return network }
        let statuses = crossingStatus
        return network.scalingCrossingDelays(by: delayScale).changingCrossings { c in
            if let s = statuses[c.id] { c.status = s }
        }
    }

    /// Every arc's seconds under this profile, in CSR order.
    /// - Parameter network: the network to cost.
    public func arcSeconds(_ network: TransportNetwork) -> [Double] {
        applied(to: network).arcSeconds(excluding: excluding)
    }
}

/// One network, many questions: a session holds a network and the contraction hierarchies
/// built on it, so that each weighting is contracted once and every further weighting of the
/// same nodes (a scenario, a delay scale, an as-of day, the domestic-only weights of a demand
/// model) is re-customised in the order of the first, a fraction of a full contraction.
/// Thread-safe; hierarchies are handed out as values (the session keeps the last few).
public final class AnalysisSession: @unchecked Sendable {
    /// The network the session answers on; read-only to algorithms.
    public let network: TransportNetwork
    private let lock = NSLock()
    private var order: [UInt32]?
    private var kept: [(graph: CSRGraph, weights: [Double], hierarchy: ContractionHierarchy)] = []
    private let keep: Int
    /// The weightings asked for so far, by their hash in this process (to count the distinct ones).
    private var seen = Set<Int>()
    /// How many hierarchies were contracted from scratch, re-customised, and found kept.
    public private(set) var contractions = 0, recustomisations = 0, reuses = 0

    /// - Parameters:
    ///   - network: the network to answer on.
    ///   - keep: how many hierarchies to keep for reuse (the most recent).
    public init(network: TransportNetwork, keep: Int = 6) {
        self.network = network
        self.keep = max(1, keep)
    }

    /// The hierarchy of the session's graph under a cost profile.
    /// - Parameter profile: the modes closed, crossing states and delay scale.
    public func hierarchy(_ profile: CostProfile) -> ContractionHierarchy {
        hierarchy(graph: network.graph, weights: profile.arcSeconds(network))
    }

    /// The hierarchy of a graph with these weights: kept from earlier, re-customised in the
    /// session's order when the graph has the session's nodes (a scenario's network may add
    /// edges), or contracted from scratch (and its order becomes the session's).
    /// - Parameters:
    ///   - graph: the session's graph or one on the same nodes (e.g. an option network's).
    ///   - weights: one per arc of `graph`, symmetric; infinite arcs are closed.
    public func hierarchy(graph: CSRGraph, weights: [Double]) -> ContractionHierarchy {
        lock.lock()
        defer { lock.unlock() }
        if let i = kept.firstIndex(where: { $0.graph == graph && $0.weights == weights }) {
            reuses += 1
            let entry = kept.remove(at: i)
            kept.append(entry)
            return entry.hierarchy
        }
        // A kept weighting was counted when first seen; only a miss (far costlier than the
        // hash) can be a new one.
        if seen.insert(weights.hashValue).inserted { ProcessCounters.increment(.weightings) }
        let ch: ContractionHierarchy
        if let order, order.count == graph.nodeCount {
            ch = ContractionHierarchy(graph: graph, weights: weights, order: order)
            recustomisations += 1
        } else {
            ch = ContractionHierarchy(graph: graph, weights: weights)
            if graph.nodeCount == network.nodeCount { order = ch.rank }
            contractions += 1
        }
        kept.append((graph, weights, ch))
        if kept.count > keep { kept.removeFirst() }
        return ch
    }
}

extension ContractionHierarchy {
    /// From the session when there is one, else contracted here.
    package static func of(_ graph: CSRGraph, weights: [Double], session: AnalysisSession?) -> ContractionHierarchy {
        session?.hierarchy(graph: graph, weights: weights) ?? ContractionHierarchy(graph: graph, weights: weights)
    }
}
