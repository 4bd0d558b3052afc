import CorridorData
import CorridorNetwork
import Foundation

/// Baseline against scenario: who gains, by country and admin-1, and what changes between
/// the main places. Gains are population-weighted changes in gravity accessibility
/// (Σ P_i ΔG_i / Σ P_i G_i), so partners can see who benefits and could share costs.
public struct ScenarioEvaluation: Sendable, Codable {
    public struct Group: Sendable, Codable, Hashable {
        public var name: String
        public var population: Double
        /// Population-weighted change in gravity accessibility, percent.
        public var gravityChangePercent: Double
        /// Change in population reachable within the threshold, summed over the group's
        /// places weighted by their population share.
        public var populationWithinChange: Double
        public var placesGaining: Int
        public var placesLosing: Int
    }

    public struct PlaceChange: Sendable, Codable, Hashable {
        public var placeId: String
        public var name: String
        public var country: String
        public var admin1: String
        public var population: Double
        public var gravityBefore: Double
        public var gravityAfter: Double
        public var populationWithinBefore: Double
        public var populationWithinAfter: Double
        public var populationReachableBefore: Double
        public var populationReachableAfter: Double
    }

    public struct PairSummary: Sendable, Codable, Hashable {
        /// How many of the most populous places the pairs are drawn from.
        public var places: Int
        public var pairs: Int
        public var reachableBefore: Int
        public var reachableAfter: Int
        public var newlyReachable: Int
        public var noLongerReachable: Int
        /// Mean hours saved over pairs reachable in both, weighted by P_i · P_j.
        public var weightedMeanHoursSaved: Double
        /// The pair with the largest time saving among pairs reachable in both.
        public var largestSaving: String?
        public var largestSavingHours: Double
    }

    public var scenario: String
    public var name: String
    public var gravityChangePercent: Double
    /// Population of places that reach more population than before.
    public var newlyConnectedPopulation: Double
    public var byCountry: [Group]
    public var byAdmin1: [Group]
    public var pairs: PairSummary
    /// Shares gaining and losing, and how concentrated the gains are.
    public var distribution: GainDistribution
    /// Gateways before and after (hub succession, bypass losers), when asked for.
    public var hubs: HubSuccession?
    public var places: [PlaceChange]

    /// How many places' trees were recomputed for the option (all of them in a full
    /// evaluation; only those the change can reach in an incremental one).
    public var placesRecomputed: Int

    /// Per-place sums the gains are assembled from.
    struct Measures {
        var within: [Double], exponential: [Double], reachable: [Double]
        init(_ r: AccessibilityResult) { within = r.populationWithin; exponential = r.gravityExponential; reachable = r.populationReachable }
    }

    /// The plain reference: baseline and option each computed in full (a hierarchy and PHAST
    /// trees from every place). `ScenarioEvaluator` gives the same result with less work.
    /// - Parameters:
    ///   - base: the baseline network.
    ///   - option: the network with the scenario applied (e.g. `base.applying(scenario)`).
    ///   - scenario: the scenario `option` was made from; its id and name label the result.
    ///   - excluding: modes closed for this evaluation (e.g. `[.sea]` for land only).
    ///   - withinHours: the cumulative-opportunities threshold, in hours.
    ///   - beta: exponential decay per hour of the gravity accessibility.
    ///   - pairPlaces: the pair table uses this many of the most populous places.
    ///   - threads: PHAST workers.
    public static func evaluate(base: TransportNetwork, option: TransportNetwork, scenario: Scenario,
                                excluding: Set<Mode> = [], withinHours: Double = 4, beta: Double = 0.1,
                                pairPlaces: Int = 100, threads: Int = 1) -> ScenarioEvaluation {
        let before = Accessibility.places(base, weights: base.arcSeconds(excluding: excluding), withinHours: withinHours, beta: beta, threads: threads)
        let after = Accessibility.places(option, weights: option.arcSeconds(excluding: excluding), withinHours: withinHours, beta: beta, threads: threads)
        let chosen = base.mostPopulousPlaces(pairPlaces)
        return assemble(base: base, scenario: scenario, before: Measures(before), after: Measures(after), pairPlaces: chosen,
                        pairTimesBefore: pairTimes(base, places: chosen, excluding: excluding, threads: threads),
                        pairTimesAfter: pairTimes(option, places: chosen, excluding: excluding, threads: threads),
                        placesRecomputed: base.places.count)
    }

    static func assemble(base: TransportNetwork, scenario: Scenario, before: Measures, after: Measures, pairPlaces chosen: [Int],
                         pairTimesBefore t0: [[Double]], pairTimesAfter t1: [[Double]], placesRecomputed: Int) -> ScenarioEvaluation {
        let places = base.places.indices.map { i -> PlaceChange in
            let p = base.places[i]
            let node = Int(p.node)
            let road = base.graph.arcs(of: node).first.map { Int(base.graph.head[$0]) }
            return PlaceChange(
                placeId: p.id, name: p.name, country: p.country,
                admin1: road.flatMap { base.admin1(of: $0) } ?? "\(p.country)/unknown", population: p.population,
                gravityBefore: before.exponential[i], gravityAfter: after.exponential[i],
                populationWithinBefore: before.within[i], populationWithinAfter: after.within[i],
                populationReachableBefore: before.reachable[i], populationReachableAfter: after.reachable[i])
        }
        func groups(_ key: (PlaceChange) -> String) -> [Group] {
            Dictionary(grouping: places, by: key).map { name, members in
                let pop = members.reduce(0) { $0 + $1.population }
                let g0 = members.reduce(0) { $0 + $1.population * $1.gravityBefore }
                let g1 = members.reduce(0) { $0 + $1.population * $1.gravityAfter }
                let within = pop > 0 ? members.reduce(0) { $0 + $1.population * ($1.populationWithinAfter - $1.populationWithinBefore) } / pop : 0
                return Group(name: name, population: pop, gravityChangePercent: g0 > 0 ? (g1 - g0) / g0 * 100 : 0,
                             populationWithinChange: within,
                             placesGaining: members.filter { $0.gravityAfter > $0.gravityBefore * (1 + 1e-12) }.count,
                             placesLosing: members.filter { $0.gravityAfter < $0.gravityBefore * (1 - 1e-12) }.count)
            }.sorted { $0.gravityChangePercent > $1.gravityChangePercent || ($0.gravityChangePercent == $1.gravityChangePercent && $0.name < $1.name) }
        }
        let g0 = places.reduce(0) { $0 + $1.population * $1.gravityBefore }
        let g1 = places.reduce(0) { $0 + $1.population * $1.gravityAfter }
        return ScenarioEvaluation(
            scenario: scenario.id, name: scenario.name,
            gravityChangePercent: g0 > 0 ? (g1 - g0) / g0 * 100 : 0,
            newlyConnectedPopulation: places.filter { $0.populationReachableAfter > $0.populationReachableBefore }.reduce(0) { $0 + $1.population },
            byCountry: groups(\.country), byAdmin1: groups(\.admin1),
            pairs: pairSummary(base, places: chosen, before: t0, after: t1),
            distribution: GainDistribution(population: places.map(\.population), before: places.map(\.gravityBefore), after: places.map(\.gravityAfter)),
            places: places, placesRecomputed: placesRecomputed)
    }

    /// Travel times among `places` (indices into `network.places`), by PHAST trees.
    static func pairTimes(_ network: TransportNetwork, places chosen: [Int], excluding: Set<Mode>, threads: Int,
                          session: AnalysisSession? = nil) -> [[Double]] {
        let nodes = chosen.map { Int(network.places[$0].node) }
        let ch = ContractionHierarchy.of(network.graph, weights: network.arcSeconds(excluding: excluding), session: session)
        let positions = nodes.map { Int(ch.position[$0]) }
        return PHAST.trees(ch, sources: nodes, threads: threads) { _, d in positions.map { d[$0] } }.map { $0! }
    }

    static func pairSummary(_ base: TransportNetwork, places idx: [Int], before t0: [[Double]], after t1: [[Double]]) -> PairSummary {
        var s = PairSummary(places: idx.count, pairs: 0, reachableBefore: 0, reachableAfter: 0, newlyReachable: 0, noLongerReachable: 0,
                            weightedMeanHoursSaved: 0, largestSaving: nil, largestSavingHours: 0)
        var weighted = 0.0, weights = 0.0
        for i in 0..<idx.count {
            for j in (i + 1)..<max(i + 1, idx.count) {
                s.pairs += 1
                // Two hierarchies add the same path in different orders: differences below a
                // millisecond are rounding, not change.
                let a = t0[i][j]
                var b = t1[i][j]
                if a.isFinite && b.isFinite && abs(a - b) < 1e-3 { b = a }
                if a.isFinite { s.reachableBefore += 1 }
                if b.isFinite { s.reachableAfter += 1 }
                if !a.isFinite && b.isFinite { s.newlyReachable += 1 }
                if a.isFinite && !b.isFinite { s.noLongerReachable += 1 }
                guard a.isFinite, b.isFinite else { continue }
                let w = base.places[idx[i]].population * base.places[idx[j]].population
                weighted += w * (a - b) / 3600
                weights += w
                // Savings equal to a micro-hour are ties (many pairs share one new link; two
                // hierarchies sum the same path in different orders): the first pair, by
                // population rank, keeps the place.
                if (a - b) / 3600 > s.largestSavingHours + 1e-6 {
                    s.largestSavingHours = (a - b) / 3600
                    s.largestSaving = "\(base.places[idx[i]].name)–\(base.places[idx[j]].name)"
                }
            }
        }
        s.weightedMeanHoursSaved = weights > 0 ? weighted / weights : 0
        return s
    }
}
