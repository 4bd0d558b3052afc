import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// A path through the network as the governance measures take it: its nodes, its edges and
/// each edge's time.
public struct GovernancePath: Sendable {
    public var nodes: [Int]
    public var edges: [Int]
    /// Seconds per edge of `edges`, crossing delays included.
    public var seconds: [Double]

    public init(nodes: [Int], edges: [Int], seconds: [Double]) {
        precondition((nodes.isEmpty || nodes.count == edges.count + 1) && seconds.count == edges.count, "a path has one more node than edges")
        self.nodes = nodes
        self.edges = edges
        self.seconds = seconds
    }

    /// A route with each edge timed by `edgeCosts` (seconds by edge id).
    public init(_ route: Route, edgeCosts: [Double]) {
        self.init(nodes: route.nodes, edges: route.edges, seconds: route.edges.map { edgeCosts[$0] })
    }


}

/// Concentration of a quantity (length or time) over jurisdictions.
public struct Fragmentation: Sendable, Codable, Hashable {
    /// Σ s², from 1/n (even) to 1 (one jurisdiction).
    public var herfindahl: Double
    /// 1 / Herfindahl: how many equal jurisdictions would give the same concentration.
    public var effectiveNumber: Double
    /// −Σ s ln s / ln n, 0 for one jurisdiction, 1 for an even split.
    public var normalizedEntropy: Double

    /// From non-negative amounts (normalised here); zero amounts are left out.
    public init(amounts: [Double]) {
        let total = amounts.reduce(0, +)
        let shares = total > 0 ? amounts.filter { $0 > 0 }.map { $0 / total } : []
        herfindahl = shares.reduce(0) { $0 + $1 * $1 }
        effectiveNumber = herfindahl > 0 ? 1 / herfindahl : 0
        let h = -shares.reduce(0) { $0 + $1 * log($1) }
        normalizedEntropy = shares.count > 1 ? h / log(Double(shares.count)) : 0
    }
}

/// The weights of the coordination-complexity score. The defaults are documented
/// assumptions (a ranking device, not a measured quantity): a second sovereign party weighs
/// as much as three provinces; a border crossing as four provincial boundary crossings;
/// the lack of a common superior as much as two more countries.
public struct ComplexityWeights: Sendable, Codable, Hashable {
    /// Per country beyond the first.
    public var extraCountry = 3.0
    /// Per admin-1 unit beyond the first.
    public var extraAdmin1 = 1.0
    /// Per crossing of a national border.
    public var countryBoundaryCrossing = 2.0
    /// Per crossing of an admin-1 boundary inside a country.
    public var admin1BoundaryCrossing = 0.5
    /// Per re-entry into a jurisdiction already passed (either level).
    public var reEntry = 1.0
    /// When no jurisdiction stands above all the parties.
    public var noCommonSuperior = 6.0
    /// Times (effective number of countries by time − 1): an even split needs more give and take.
    public var timeFragmentation = 2.0

    public init() {}
}

/// How a route or corridor sits in the jurisdiction tree: which jurisdictions it passes and
/// how often it crosses their boundaries, the lowest common superior, how length and time are
/// shared, and a coordination-complexity score.
public struct JurisdictionProfile: Sendable, Codable {
    public struct Share: Sendable, Codable, Hashable {
        public var jurisdiction: String
        public var kilometers: Double
        public var hours: Double
        public var shareOfLength: Double
        public var shareOfTime: Double
    }

    public struct Level: Sendable, Codable {
        public var level: String
        /// Jurisdictions in the order passed, one entry per stay (a re-entry repeats a name).
        public var sequence: [String]
        public var distinct: Int
        /// Changes of jurisdiction along the path (sequence count − 1).
        public var boundaryCrossings: Int
        /// Stays in a jurisdiction already left once (sequence count − distinct).
        public var reEntries: Int
        public var crossingsPer100Kilometers: Double
        public var shares: [Share]
        public var lengthFragmentation: Fragmentation
        public var timeFragmentation: Fragmentation
    }

    public var kilometers: Double
    public var hours: Double
    public var levels: [Level]
    /// The lowest jurisdiction above every part of the path; nil: no common superior (the
    /// path spans sovereign states, so no central-led arrangement is possible).
    public var commonSuperior: String?
    /// admin1, country or none.
    public var commonSuperiorLevel: String
    /// Initiatives in force whose members cover every country passed (the frameworks a
    /// negotiated arrangement could use), by name.
    public var frameworks: [String]
    public var complexity: Double
    /// The score's terms, by name (they add up to `complexity`).
    public var complexityTerms: [String: Double]

    /// The profile of a path.
    /// - Parameters:
    ///   - path: nodes, edges and edge times.
    ///   - model: the jurisdictions.
    ///   - weights: the complexity weights.
    /// An edge whose ends lie in two jurisdictions counts half to each; nodes outside every
    /// jurisdiction of a level (at sea) neither start nor end a stay.
    public static func of(_ path: GovernancePath, model: JurisdictionModel, weights: ComplexityWeights = ComplexityWeights()) -> JurisdictionProfile {
        of(legs: [path], model: model, weights: weights)
    }

    /// The profile of a corridor given leg by leg (a leg may start where the previous one
    /// did not end, when a leg between them has no route).
    /// - Parameters:
    ///   - legs: the legs' paths, in order.
    ///   - model: the jurisdictions.
    ///   - weights: the complexity weights.
    public static func of(legs: [GovernancePath], model: JurisdictionModel, weights: ComplexityWeights = ComplexityWeights()) -> JurisdictionProfile {
        let network = model.network
        let meters = legs.reduce(0) { $0 + $1.edges.reduce(0) { $0 + network.edgeLengthMeters[$1] } }
        let seconds = legs.reduce(0) { $0 + $1.seconds.reduce(0, +) }
        var levels: [Level] = []
        for level in model.levels {
            var sequence: [String] = []
            var km: [String: Double] = [:], hours: [String: Double] = [:]
            for path in legs {
                for v in path.nodes {
                    if let j = model.jurisdiction(of: v, at: level), sequence.last != j { sequence.append(j) }
                }
                for (k, e) in path.edges.enumerated() {
                    let a = model.jurisdiction(of: path.nodes[k], at: level), b = model.jurisdiction(of: path.nodes[k + 1], at: level)
                    let parts = [a, b].compactMap { $0 }
                    for j in parts {
                        km[j, default: 0] += network.edgeLengthMeters[e] / 1000 / Double(parts.count)
                        hours[j, default: 0] += path.seconds[k] / 3600 / Double(parts.count)
                    }
                }
            }
            let names = Set(sequence)
            let totalKm = km.sumInKeyOrder, totalH = hours.sumInKeyOrder
            let shares = names.sorted().map { j in
                Share(jurisdiction: j, kilometers: km[j] ?? 0, hours: hours[j] ?? 0,
                      shareOfLength: totalKm > 0 ? (km[j] ?? 0) / totalKm : 0, shareOfTime: totalH > 0 ? (hours[j] ?? 0) / totalH : 0)
            }
            let crossings = max(0, sequence.count - 1)
            levels.append(Level(level: level.name, sequence: sequence, distinct: names.count, boundaryCrossings: crossings,
                                reEntries: sequence.count - names.count,
                                crossingsPer100Kilometers: meters > 0 ? Double(crossings) / (meters / 100_000) : 0,
                                shares: shares, lengthFragmentation: Fragmentation(amounts: shares.map(\.kilometers)),
                                timeFragmentation: Fragmentation(amounts: shares.map(\.hours))))
        }
        let country = levels.first { $0.level == JurisdictionLevel.country.name }
        let admin1 = levels.first { $0.level == JurisdictionLevel.admin1.name }
        let countries = Set(country?.sequence ?? []), units = Set(admin1?.sequence ?? [])
        let superior = JurisdictionModel.commonSuperior(countries: countries, admin1: units)
        var terms: [String: Double] = [:]
        terms["countries"] = weights.extraCountry * Double(max(0, countries.count - 1))
        terms["admin1 units"] = weights.extraAdmin1 * Double(max(0, units.count - 1))
        terms["border crossings"] = weights.countryBoundaryCrossing * Double(country?.boundaryCrossings ?? 0)
        // Admin-1 boundary changes that are not also national borders.
        var provincial = 0
        if let a = admin1 {
            for (x, y) in zip(a.sequence, a.sequence.dropFirst()) where x.prefix(3) == y.prefix(3) { provincial += 1 }
        }
        terms["admin-1 boundary crossings"] = weights.admin1BoundaryCrossing * Double(provincial)
        terms["re-entries"] = weights.reEntry * Double((country?.reEntries ?? 0) + (admin1?.reEntries ?? 0))
        terms["no common superior"] = superior == nil && !countries.isEmpty ? weights.noCommonSuperior : 0
        terms["time fragmentation"] = weights.timeFragmentation * max(0, (country?.timeFragmentation.effectiveNumber ?? 1) - 1)
        return JurisdictionProfile(
            kilometers: meters / 1000, hours: seconds / 3600, levels: levels,
            commonSuperior: superior?.name, commonSuperiorLevel: superior?.level ?? "none",
            frameworks: model.frameworks(covering: countries).map(\.name),
            complexity: terms.sumInKeyOrder, complexityTerms: terms)
    }

    /// The level's entry, when the model had it.
    public func level(_ level: JurisdictionLevel) -> Level? { levels.first { $0.level == level.name } }
}
