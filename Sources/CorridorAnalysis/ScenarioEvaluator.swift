import CorridorData
import CorridorNetwork
import Foundation

/// Evaluates many scenarios against one baseline without redoing the baseline's work, and
/// recomputes for each option only the places its changes can reach.
///
/// The baseline (a hierarchy and PHAST trees from every place) is computed once. For an option,
/// the changed edges are found by comparing edge costs (scenarios keep node and edge ids and
/// only append links). A place's whole tree is unchanged when
/// - no cheaper or new edge (a, b) improves on its baseline distances:
///   d(s, a) + w' ≥ d(s, b) and d(s, b) + w' ≥ d(s, a); then the baseline distances remain a
///   feasible potential, so no distance falls; and
/// - no dearer or removed edge is tight in its baseline tree: d(s, a) + w < d(s, b) and
///   d(s, b) + w < d(s, a); then every baseline shortest path survives, so no distance rises.
/// The distances d(s, ·) at the changed edges' ends come from one baseline Dijkstra per end
/// (the graph is symmetric). Only the other places get a new Dijkstra tree on the option.
/// When the change touches more ends than a quarter of the places, every place is recomputed.
/// Many places to recompute get one hierarchy on the option and PHAST sweeps; a few get one
/// Dijkstra each.
public final class ScenarioEvaluator: @unchecked Sendable {
    public let base: TransportNetwork
    public let excluding: Set<Mode>
    public let withinHours: Double, beta: Double, threads: Int
    public let baseline: AccessibilityResult
    /// From this many places to recompute, the option gets a hierarchy and PHAST sweeps
    /// instead of one Dijkstra per place.
    public static let hierarchyThreshold = 256
    let baseEdgeCosts: [Double]
    /// The baseline's travel seconds per arc, with the excluded modes closed.
    public let baseWeights: [Double]
    let pairPlaces: [Int]
    let pairTimes: [[Double]]
    /// The hierarchies of the baseline and the options (options re-customised in the baseline's order).
    public let session: AnalysisSession

    /// - Parameters:
    ///   - base: the baseline network every scenario is applied to.
    ///   - excluding: modes closed in the baseline and every option (e.g. `[.sea]` for land only).
    ///   - withinHours: the cumulative-opportunities threshold, in hours.
    ///   - beta: exponential decay per hour of the gravity accessibility.
    ///   - pairPlaces: the pair table uses this many of the most populous places.
    ///   - threads: workers for the trees.
    ///   - baseline: the baseline's accessibility when already computed with the same
    ///     network, excluded modes, threshold and β (e.g. by `RegionSummary`); computed if nil.
    ///   - session: a session on `base` to share hierarchies with other analyses (one is
    ///     opened if nil).
    public init(base: TransportNetwork, excluding: Set<Mode> = [], withinHours: Double = 4, beta: Double = 0.1,
                pairPlaces: Int = 100, threads: Int = 1, baseline: AccessibilityResult? = nil, session: AnalysisSession? = nil) {
        base.assumeTwoWay("scenario evaluation")
        self.base = base
        let session = session ?? AnalysisSession(network: base)
        self.session = session
        self.excluding = excluding
        self.withinHours = withinHours
        self.beta = beta
        self.threads = threads
        let costs = base.edgeCosts(excluding: excluding)
        let weights = base.graph.arcEdge.map { costs[Int($0)] }
        baseEdgeCosts = costs
        baseWeights = weights
        if let given = baseline {
            precondition(given.withinHours == withinHours && given.beta == beta && given.placeIds.count == base.places.count,
                         "the given baseline must match the evaluator's settings")
            self.baseline = given
        } else {
            self.baseline = Accessibility.places(base, weights: weights, withinHours: withinHours, beta: beta, threads: threads, session: session)
        }
        self.pairPlaces = base.mostPopulousPlaces(pairPlaces)
        pairTimes = ScenarioEvaluation.pairTimes(base, places: self.pairPlaces, excluding: excluding, threads: threads, session: session)
    }

    /// Applies the scenario to the baseline network and evaluates it.
    /// - Parameters:
    ///   - scenario: the changes to apply to `base`.
    ///   - hubPlaces: with a count, also the gateways' shares of the fastest paths
    ///     among that many of the most populous places, before and after (hub succession).
    /// - Throws: when the scenario does not fit the baseline network (see
    ///   `TransportNetwork.applying(_:)`).
    public func evaluate(_ scenario: Scenario, hubPlaces: Int? = nil) throws -> ScenarioEvaluation {
        let option = try base.applying(scenario)
        var r = evaluate(option: option, scenario: scenario)
        if let k = hubPlaces {
            let before = baselineUsage(k)
            r.hubs = HubSuccession(before: before, after: GatewayUsage.compute(option, excluding: excluding, places: k, threads: threads))
        }
        return r
    }

    private let usageLock = NSLock()
    private var usage: [Int: GatewayUsage] = [:]

    /// The baseline's gateway usage over `k` places, computed once.
    func baselineUsage(_ k: Int) -> GatewayUsage {
        usageLock.lock()
        defer { usageLock.unlock() }
        if let u = usage[k] { return u }
        let u = GatewayUsage.compute(base, excluding: excluding, places: k, threads: threads)
        usage[k] = u
        return u
    }

    /// Evaluates an option network derived from the baseline (same nodes; edges may be
    /// appended, never removed or reordered).
    public func evaluate(option: TransportNetwork, scenario: Scenario) -> ScenarioEvaluation {
        precondition(option.nodeCount == base.nodeCount && option.edgeCount >= base.edgeCount, "the option must extend the baseline network")
        let affected = placesReached(by: option)
        let afterWeights = option.arcSeconds(excluding: excluding)
        let pops = base.places.map(\.population)
        let placeNodes = base.places.map { Int($0.node) }
        let limit = withinHours * 3600, beta = self.beta, gamma = baseline.gamma
        let graph = option.graph
        // New trees for the affected places only, with their rows among the pair places.
        let pairColumn = Dictionary(uniqueKeysWithValues: pairPlaces.enumerated().map { ($1, $0) })
        let pairNodes = pairPlaces.map { placeNodes[$0] }
        let fresh: [(PlaceSums, [Double])]
        if affected.count >= Self.hierarchyThreshold {
            // Many trees: a hierarchy on the option and PHAST sweeps beat one Dijkstra each.
            let ch = session.hierarchy(graph: graph, weights: afterWeights)
            let positions = placeNodes.map { Int(ch.position[$0]) }
            let pairPositions = pairNodes.map { Int(ch.position[$0]) }
            fresh = PHAST.trees(ch, sources: affected.map { placeNodes[$0] }, threads: threads) { k, d -> (PlaceSums, [Double]) in
                let i = affected[k]
                let sums = PlaceSums(source: i, populations: pops, limitSeconds: limit, beta: beta, gamma: gamma) { d[positions[$0]] }
                return (sums, pairColumn[i] == nil ? [] : pairPositions.map { d[$0] })
            }.map { $0! }
        } else {
            fresh = Parallel.map(affected.count, threads: threads, state: { Dijkstra(graph: graph) }) { dijkstra, k -> (PlaceSums, [Double]) in
                let i = affected[k]
                dijkstra.run(from: [placeNodes[i]], weights: afterWeights)
                let sums = PlaceSums(source: i, populations: pops, limitSeconds: limit, beta: beta, gamma: gamma) { dijkstra.distance(to: placeNodes[$0]) }
                return (sums, pairColumn[i] == nil ? [] : pairNodes.map { dijkstra.distance(to: $0) })
            }
        }
        var after = ScenarioEvaluation.Measures(baseline)
        var t1 = pairTimes
        for (k, i) in affected.enumerated() {
            let (sums, row) = fresh[k]
            after.within[i] = sums.within; after.exponential[i] = sums.exponential; after.reachable[i] = sums.reachable
            if let r = pairColumn[i] {
                // The graph is symmetric: the row is also the column.
                for c in row.indices { t1[r][c] = row[c]; t1[c][r] = row[c] }
            }
        }
        return ScenarioEvaluation.assemble(base: base, scenario: scenario, before: ScenarioEvaluation.Measures(baseline), after: after,
                                           pairPlaces: pairPlaces, pairTimesBefore: pairTimes, pairTimesAfter: t1, placesRecomputed: affected.count)
    }

    /// Indices of the places whose shortest-path trees the option can change (see the type's
    /// documentation), ascending.
    public func placesReached(by option: TransportNetwork) -> [Int] {
        let after = option.edgeCosts(excluding: excluding)
        var changed: [(a: Int, b: Int, before: Double, after: Double)] = []
        for e in 0..<option.edgeCount {
            let w0 = e < baseEdgeCosts.count ? baseEdgeCosts[e] : .infinity, w1 = after[e]
            if w0 != w1 { changed.append((Int(option.edgeTail[e]), Int(option.edgeHead[e]), w0, w1)) }
        }
        guard !changed.isEmpty else { return [] }
        let ends = Array(Set(changed.flatMap { [$0.a, $0.b] })).sorted()
        let all = Array(base.places.indices)
        guard ends.count <= max(8, base.places.count / 4) else { return all }
        let weights = baseWeights
        let placeNodes = base.places.map { Int($0.node) }
        let graph = base.graph
        let fromEnd = Parallel.map(ends.count, threads: threads, state: { Dijkstra(graph: graph) }) { dijkstra, k -> [Double] in
            dijkstra.run(from: [ends[k]], weights: weights)
            return placeNodes.map { dijkstra.distance(to: $0) }
        }
        let row = Dictionary(uniqueKeysWithValues: ends.enumerated().map { ($1, $0) })
        // Ties count as reached: the test may recompute a place needlessly, never skip one.
        let slack = 1e-6
        return all.filter { i in
            changed.contains { c in
                let da = fromEnd[row[c.a]!][i], db = fromEnd[row[c.b]!][i]
                if c.after < c.before {
                    return da + c.after < db + slack || db + c.after < da + slack
                }
                guard da.isFinite || db.isFinite else { return false }
                return da + c.before <= db + slack || db + c.before <= da + slack
            }
        }
    }
}
