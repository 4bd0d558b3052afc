import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

/// The graph of jurisdictions at one level induced by the open network: two jurisdictions
/// are adjacent when an open edge joins their nodes, or when the same stretch of open network
/// outside every jurisdiction (a sea lane) touches both.
public struct JurisdictionGraph: Sendable {
    public let names: [String]
    /// Neighbours per jurisdiction (indices into `names`), ascending.
    public let adjacency: [[Int]]

    /// - Parameters:
    ///   - model: the jurisdictions.
    ///   - level: the level whose jurisdictions are the vertices.
    ///   - edgeCosts: seconds per edge; an infinite cost is a closed edge.
    ///   - network: the network the costs belong to (the model's by default; a restricted
    ///     view of it for a rail corridor).
    public init(model: JurisdictionModel, level: JurisdictionLevel, edgeCosts: [Double], network: TransportNetwork? = nil) {
        let network = network ?? model.network
        let (labels, names) = model.labels(at: level)
        self.names = names
        var sets = [Set<Int>](repeating: [], count: names.count)
        var outside = UnionFind(count: network.nodeCount)
        for e in 0..<network.edgeCount where edgeCosts[e].isFinite {
            let a = Int(network.edgeTail[e]), b = Int(network.edgeHead[e])
            let la = Int(labels[a]), lb = Int(labels[b])
            if la >= 0 && lb >= 0 && la != lb { sets[la].insert(lb); sets[lb].insert(la) }
            if la < 0 && lb < 0 { outside.union(a, b) }
        }
        // Jurisdictions touching the same outside component are adjacent through it.
        var touching: [Int: Set<Int>] = [:]
        for e in 0..<network.edgeCount where edgeCosts[e].isFinite {
            let a = Int(network.edgeTail[e]), b = Int(network.edgeHead[e])
            for (x, y) in [(a, b), (b, a)] where labels[x] < 0 && labels[y] >= 0 {
                touching[outside.find(x), default: []].insert(Int(labels[y]))
            }
        }
        for group in touching.values {
            for x in group { for y in group where x != y { sets[x].insert(y) } }
        }
        adjacency = sets.map { $0.sorted() }
    }

    /// Hop distances from `source` avoiding `avoid`, -1 where unreachable.
    func hops(from source: Int, avoiding avoid: Int?) -> [Int] {
        var d = [Int](repeating: -1, count: names.count)
        guard source != avoid else { return d }
        d[source] = 0
        var queue = [source], head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            for w in adjacency[v] where d[w] < 0 && w != avoid { d[w] = d[v] + 1; queue.append(w) }
        }
        return d
    }

    /// The cut points: jurisdictions whose removal leaves more components among the others.
    public func articulationPoints() -> [String] {
        func components(without x: Int?) -> Int {
            var seen = [Bool](repeating: false, count: names.count), count = 0
            for s in names.indices where s != x && !seen[s] && !adjacency[s].isEmpty {
                count += 1
                var stack = [s]; seen[s] = true
                while let v = stack.popLast() {
                    for w in adjacency[v] where w != x && !seen[w] { seen[w] = true; stack.append(w) }
                }
            }
            return count
        }
        let base = components(without: nil)
        return names.indices.filter { !adjacency[$0].isEmpty && components(without: $0) > base }.map { names[$0] }.sorted()
    }

    /// Does removing `x` disconnect `a` from `b`?
    public func separates(_ x: String, _ a: String, _ b: String) -> Bool {
        guard let xi = names.firstIndex(of: x), let ai = names.firstIndex(of: a), let bi = names.firstIndex(of: b), xi != ai, xi != bi else { return false }
        return hops(from: ai, avoiding: nil)[bi] >= 0 && hops(from: ai, avoiding: xi)[bi] < 0
    }

    /// The simple paths of jurisdictions from `a` to `b` that avoid `x`, with at most `slack`
    /// more steps than the fewest possible (without avoiding anything); counting stops at
    /// `cap`. Nil when `a` and `b` are not both jurisdictions of the graph.
    public func alternatives(from a: String, to b: String, avoiding x: String?, slack: Int = 2, cap: Int = 1000) -> (count: Int, capped: Bool)? {
        guard let ai = names.firstIndex(of: a), let bi = names.firstIndex(of: b) else { return nil }
        let xi = x.flatMap { names.firstIndex(of: $0) }
        if let xi, xi == ai || xi == bi { return (0, false) }
        if ai == bi { return (1, false) }
        let shortest = hops(from: ai, avoiding: nil)[bi]
        guard shortest >= 0 else { return (0, false) }
        let toB = hops(from: bi, avoiding: xi)
        let bound = shortest + slack
        var count = 0, onPath = [Bool](repeating: false, count: names.count), steps = 0
        func walk(_ v: Int, _ depth: Int) {
            if count >= cap || steps > 2_000_000 { return }
            steps += 1
            if v == bi { count += 1; return }
            onPath[v] = true
            for w in adjacency[v] where w != xi && !onPath[w] && toB[w] >= 0 && depth + 1 + toB[w] <= bound {
                walk(w, depth + 1)
            }
            onPath[v] = false
        }
        walk(ai, 0)
        return (count, count >= cap || steps > 2_000_000)
    }
}

/// One origin–destination leg of a route or corridor, by network node.
public struct GovernanceLeg: Sendable, Hashable {
    public var from: Int
    public var to: Int
    public var fromName: String
    public var toName: String

    public init(from: Int, to: Int, fromName: String, toName: String) {
        self.from = from
        self.to = to
        self.fromName = fromName
        self.toName = toName
    }

    /// The legs between consecutive places (a corridor through its waypoints).
    public static func through(_ places: [NetworkPlace]) -> [GovernanceLeg] {
        zip(places, places.dropFirst()).map { GovernanceLeg(from: Int($0.node), to: Int($1.node), fromName: $0.name, toName: $1.name) }
    }
}

/// Hold-up power: what each jurisdiction a route or corridor touches could take away by
/// withdrawing (its territory closed), which jurisdictions are cut points of the jurisdiction
/// graph, and how many alternatives avoid each.
public struct HoldUpAnalysis: Sendable, Codable {
    public struct LegTime: Sendable, Codable, Hashable {
        public var from: String
        public var to: String
        /// Baseline hours (infinite when unreachable).
        public var hours: Double
    }

    /// What the rest of the network loses (from the incremental scenario evaluation).
    public struct NetworkLoss: Sendable, Codable, Hashable {
        /// Pairs among the most populous places reachable before and not after.
        public var pairsCut: Int
        /// Gravity accessibility lost by places outside the jurisdiction, percent.
        public var othersGravityLossPercent: Double
        /// Population outside the jurisdiction that reaches fewer people than before.
        public var othersPopulationLosing: Double
        /// Places whose trees were recomputed.
        public var placesRecomputed: Int
    }

    public struct Withdrawal: Sendable, Codable, Hashable {
        public var jurisdiction: String
        /// The jurisdiction holds an end of a leg (withdrawing cuts that leg by definition).
        public var holdsEndpoint: Bool
        /// Legs unreachable once it withdraws (reachable before).
        public var legsCut: [String]
        /// Hours added over the legs still reachable.
        public var hoursAdded: Double
        /// A cut point between the route's end jurisdictions in the jurisdiction graph.
        public var cutPoint: Bool
        /// Jurisdiction paths between the ends that avoid it (see `JurisdictionGraph.alternatives`).
        public var alternativesAvoiding: Int
        public var alternativesCapped: Bool
        public var network: NetworkLoss?
    }

    public var level: String
    public var legs: [LegTime]
    /// Jurisdictions the route passes, in order of first passage.
    public var jurisdictions: [String]
    /// Cut points of the whole jurisdiction graph.
    public var articulationPoints: [String]
    /// One per jurisdiction passed, the strongest hold-up first (legs cut, transit before an
    /// end, hours added, network loss).
    public var withdrawals: [Withdrawal]

    /// - Parameters:
    ///   - model: the jurisdictions.
    ///   - legs: the route (one leg) or corridor (its waypoint legs).
    ///   - level: country or admin-1 (or an overlay).
    ///   - network: the network the legs run on (the model's by default; a restricted view of
    ///     it for a rail corridor, same node ids).
    ///   - excluding: modes closed throughout.
    ///   - losses: the network-wide loss of each withdrawal (skipped when nil); share one
    ///     between analyses at the same level, as the loss does not depend on the route.
    public static func analyse(model: JurisdictionModel, legs: [GovernanceLeg], level: JurisdictionLevel = .country,
                               network: TransportNetwork? = nil, excluding: Set<Mode> = [],
                               losses: WithdrawalLosses? = nil) -> HoldUpAnalysis {
        let network = network ?? model.network
        let costs = network.edgeCosts(excluding: excluding)
        let weights = network.graph.arcEdge.map { costs[Int($0)] }
        let dijkstra = Dijkstra(graph: network.graph)
        func legTimes(_ w: [Double]) -> [Double] {
            legs.map { l in
                dijkstra.run(from: [l.from], weights: w, target: l.to)
                return dijkstra.distance(to: l.to)
            }
        }
        // The baseline legs: their times and the jurisdictions their routes pass, in order.
        var base: [Double] = [], passed: [String] = []
        for l in legs {
            dijkstra.run(from: [l.from], weights: weights, target: l.to)
            base.append(dijkstra.distance(to: l.to))
            guard let arcs = dijkstra.pathArcs(to: l.to) else { continue }
            for v in [l.from] + arcs.map({ Int(network.graph.head[$0]) }) {
                if let j = model.jurisdiction(of: v, at: level), !passed.contains(j) { passed.append(j) }
            }
        }
        for l in legs {
            for v in [l.from, l.to] {
                if let j = model.jurisdiction(of: v, at: level), !passed.contains(j) { passed.append(j) }
            }
        }
        let graph = JurisdictionGraph(model: model, level: level, edgeCosts: costs, network: network)
        let origin = legs.first.flatMap { model.jurisdiction(of: $0.from, at: level) }
        let destination = legs.last.flatMap { model.jurisdiction(of: $0.to, at: level) }
        let ends = Set(legs.flatMap { [model.jurisdiction(of: $0.from, at: level), model.jurisdiction(of: $0.to, at: level)] }.compactMap { $0 })
        let names = model.labels(at: level).names

        var withdrawals: [Withdrawal] = []
        for j in passed where names.contains(j) {
            let option = model.withdrawn(j, at: level, from: network)
            let optionCosts = option.edgeCosts(excluding: excluding)
            let after = legTimes(option.graph.arcEdge.map { optionCosts[Int($0)] })
            var cut: [String] = [], added = 0.0
            for (k, l) in legs.enumerated() where base[k].isFinite {
                if after[k].isFinite { added += (after[k] - base[k]) / 3600 } else { cut.append("\(l.fromName)–\(l.toName)") }
            }
            let loss = losses?.loss(j)
            let alternatives = origin.flatMap { o in destination.flatMap { d in graph.alternatives(from: o, to: d, avoiding: j) } } ?? (0, false)
            withdrawals.append(Withdrawal(
                jurisdiction: j, holdsEndpoint: ends.contains(j), legsCut: cut, hoursAdded: added,
                cutPoint: origin.flatMap { o in destination.map { d in graph.separates(j, o, d) } } ?? false,
                alternativesAvoiding: alternatives.count, alternativesCapped: alternatives.capped, network: loss))
        }
        // The strongest first: legs cut, then a transit jurisdiction before one holding an end
        // (which cuts its own legs by definition), then hours added, then the network loss.
        withdrawals.sort {
            ($0.legsCut.count, $0.holdsEndpoint ? 0 : 1, $0.hoursAdded, $0.network?.othersGravityLossPercent ?? 0, $1.jurisdiction)
                > ($1.legsCut.count, $1.holdsEndpoint ? 0 : 1, $1.hoursAdded, $1.network?.othersGravityLossPercent ?? 0, $0.jurisdiction)
        }
        return HoldUpAnalysis(level: level.name,
                              legs: zip(legs, base).map { LegTime(from: $0.fromName, to: $0.toName, hours: $1 / 3600) },
                              jurisdictions: passed, articulationPoints: graph.articulationPoints(), withdrawals: withdrawals)
    }
}

/// The network-wide loss when a jurisdiction withdraws (every edge touching its territory
/// closed), by the incremental scenario evaluation, computed once per jurisdiction.
public final class WithdrawalLosses: @unchecked Sendable {
    public let evaluator: ScenarioEvaluator
    public let model: JurisdictionModel
    public let level: JurisdictionLevel
    private let lock = NSLock()
    private var cache: [String: HoldUpAnalysis.NetworkLoss] = [:]

    /// - Parameters:
    ///   - evaluator: the incremental evaluator on the baseline (its network, excluded modes
    ///     and settings are used).
    ///   - model: the jurisdictions (of the evaluator's network).
    ///   - level: the level whose jurisdictions withdraw.
    public init(evaluator: ScenarioEvaluator, model: JurisdictionModel, level: JurisdictionLevel) {
        self.evaluator = evaluator
        self.model = model
        self.level = level
    }

    /// The loss when `jurisdiction` withdraws.
    public func loss(_ jurisdiction: String) -> HoldUpAnalysis.NetworkLoss {
        lock.lock()
        if let l = cache[jurisdiction] { lock.unlock(); return l }
        lock.unlock()
        let network = evaluator.base
        let r = evaluator.evaluate(option: model.withdrawn(jurisdiction, at: level, from: network), scenario: Scenario(id: "withdraw-\(jurisdiction)", name: "\(jurisdiction) withdraws", operations: []))
        var g0 = 0.0, g1 = 0.0, losing = 0.0
        for (i, p) in r.places.enumerated() where model.jurisdiction(of: Int(network.places[i].node), at: level) != jurisdiction {
            g0 += p.population * p.gravityBefore
            g1 += p.population * p.gravityAfter
            if p.populationReachableAfter < p.populationReachableBefore { losing += p.population }
        }
        let l = HoldUpAnalysis.NetworkLoss(pairsCut: r.pairs.noLongerReachable, othersGravityLossPercent: g0 > 0 ? (g0 - g1) / g0 * 100 : 0,
                                           othersPopulationLosing: losing, placesRecomputed: r.placesRecomputed)
        lock.lock()
        cache[jurisdiction] = l
        lock.unlock()
        return l
    }
}
