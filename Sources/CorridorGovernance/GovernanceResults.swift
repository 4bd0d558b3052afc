import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

/// A route or corridor's jurisdiction profile, as `corridor governance` writes it.
public struct GovernanceProfileResult: Sendable, Codable {
    public var id: String
    public var name: String
    public var modes: String?
    public var day: String
    /// Legs with no open route, profiled with every crossing open.
    public var legsThroughClosedCrossings: [String]
    /// Legs with no route even with every crossing open (left out of the profile).
    public var legsMissing: [String]
    public var profile: JurisdictionProfile
    /// The profiled path's edges (for the map).
    public var edges: [Int]

    public init(id: String, name: String, modes: String?, day: String, legsThroughClosedCrossings: [String], legsMissing: [String],
                profile: JurisdictionProfile, edges: [Int]) {
        self.id = id
        self.name = name
        self.modes = modes
        self.day = day
        self.legsThroughClosedCrossings = legsThroughClosedCrossings
        self.legsMissing = legsMissing
        self.profile = profile
        self.edges = edges
    }

    /// The profile of a route or corridor: each leg on `network` as it is, or, where a leg has
    /// no open route, with every crossing open (listed in `legsThroughClosedCrossings`); legs
    /// with no route even then are left out (`legsMissing`).
    /// - Parameters:
    ///   - id: the path's id, as reported.
    ///   - name: its name, as reported.
    ///   - modes: the modes it is measured on, as reported (nil for every mode).
    ///   - legs: the waypoint legs.
    ///   - network: the network view the legs run on (same node ids as the model's).
    ///   - excluding: modes closed.
    ///   - model: the jurisdictions.
    public static func profile(id: String, name: String, modes: String?, legs: [GovernanceLeg], network: TransportNetwork,
                               excluding: Set<Mode>, model: JurisdictionModel) -> GovernanceProfileResult {
        network.assumeTwoWay("jurisdiction profiles")
        let costs = network.edgeCosts(excluding: excluding)
        let weights = network.graph.arcEdge.map { costs[Int($0)] }
        let open = GateAnalysis.allOpen(network)
        let openCosts = open.edgeCosts(excluding: excluding)
        let openWeights = open.graph.arcEdge.map { openCosts[Int($0)] }
        var paths: [GovernancePath] = [], closed: [String] = [], missing: [String] = []
        for l in legs {
            if let r = Route.fastest(in: network, from: l.from, to: l.to, weights: weights) {
                paths.append(GovernancePath(r, edgeCosts: costs))
            } else if let r = Route.fastest(in: open, from: l.from, to: l.to, weights: openWeights) {
                paths.append(GovernancePath(r, edgeCosts: openCosts))
                closed.append("\(l.fromName)–\(l.toName)")
            } else {
                missing.append("\(l.fromName)–\(l.toName)")
            }
        }
        return GovernanceProfileResult(id: id, name: name, modes: modes, day: model.day, legsThroughClosedCrossings: closed, legsMissing: missing,
                                       profile: JurisdictionProfile.of(legs: paths, model: model), edges: paths.flatMap(\.edges))
    }
}

/// A route or corridor's hold-up analysis, as `corridor holdup` writes it.
public struct HoldUpResult: Sendable, Codable {
    public var id: String
    public var name: String
    public var modes: String?
    public var holdUp: HoldUpAnalysis

    public init(id: String, name: String, modes: String?, holdUp: HoldUpAnalysis) {
        self.id = id
        self.name = name
        self.modes = modes
        self.holdUp = holdUp
    }

    /// The hold-up of each selected route or corridor, each on its own network view.
    /// - Parameters:
    ///   - paths: the selected paths (``SelectedPath/select(on:route:via:corridors:named:override:excluding:)``).
    ///   - model: the jurisdictions (same nodes as every path's view).
    ///   - level: the jurisdictions that withdraw: countries or admin-1 units.
    ///   - losses: the network-wide loss of each withdrawal (left out when nil).
    ///   - progress: a line per path.
    public static func analyse(_ paths: [SelectedPath], model: JurisdictionModel, level: JurisdictionLevel, losses: WithdrawalLosses?,
                               progress: (String) -> Void = { _ in }) -> [HoldUpResult] {
        paths.map { p in
            progress("hold-up: \(p.id)")
            return HoldUpResult(id: p.id, name: p.name, modes: p.modes,
                                holdUp: HoldUpAnalysis.analyse(model: model, legs: p.legs, level: level, network: p.network, excluding: p.excluding, losses: losses))
        }
    }
}

/// The gates and the corridors' gate status, as `corridor gates` writes them and the report's
/// governance summary holds them.
public struct GatesResult: Sendable, Codable {
    /// The gates with their states (a what-if's where given).
    public var gates: [GovernanceSpec.Gate]
    /// Each named corridor's continuity, blocked stretches and the gates that block them.
    public var corridors: [CorridorGateStatus]

    /// - Parameters:
    ///   - gates: the gates with their states.
    ///   - corridors: the corridors' gate status.
    public init(gates: [GovernanceSpec.Gate], corridors: [CorridorGateStatus]) {
        self.gates = gates
        self.corridors = corridors
    }
}

/// Docking hotspots, membership overlaps and twin cities, as `corridor docking` writes them.
public struct DockingResult: Sendable, Codable {
    /// The hotspots and the initiatives' membership overlaps.
    public var docking: DockingAnalysis
    /// The curated twin and sister cities, joined on the network.
    public var twinCities: [TwinCityLink]
    /// Curated pairs with a place outside the network.
    public var twinCitiesOutside: [String]

    /// - Parameters:
    ///   - docking: the hotspots and overlaps.
    ///   - twinCities: the twin cities joined on the network.
    ///   - twinCitiesOutside: the curated pairs with a place outside it.
    public init(docking: DockingAnalysis, twinCities: [TwinCityLink], twinCitiesOutside: [String]) {
        self.docking = docking
        self.twinCities = twinCities
        self.twinCitiesOutside = twinCitiesOutside
    }
}
