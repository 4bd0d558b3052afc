import CorridorAnalysis
import CorridorNetwork
import Foundation

/// A place as outputs name it: names repeat (korea has two Gwangju), so with its id, country
/// and admin-1 unit.
public struct PlaceReference: Encodable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var country: String
    public var admin1: String?

    /// - Parameters:
    ///   - p: the place.
    ///   - network: the network it is a place of (for its admin-1 unit).
    public init(_ p: NetworkPlace, _ network: TransportNetwork) {
        id = p.id
        name = p.name
        country = p.country
        admin1 = network.admin1(of: Int(p.node))
    }
}

/// The fastest route between two places (`corridor route`): hours, kilometres, legs by mode,
/// crossings passed and gauge changes; unreachable under the crossing states when nil.
public struct RouteAnswer: Encodable, Sendable {
    public var from: String, to: String
    /// The two places with their ids, countries and admin-1 units (names repeat).
    public var fromPlace: PlaceReference, toPlace: PlaceReference
    public var reachable: Bool
    public var hours: Double?
    public var kilometers: Double?
    public var legs: [Route.Leg]
    public var crossings: [String]
    public var gaugeChanges: [Route.GaugeChange] = []

    /// The fastest route on a network (an option applied, the modes chosen).
    /// - Parameters:
    ///   - network: the network.
    ///   - from: the origin's name, id or "name, AAA".
    ///   - to: the destination's.
    ///   - excluding: modes closed.
    /// - Throws: `DataError.invalid` naming a place not found, with the nearest names.
    public init(on network: TransportNetwork, from: String, to: String, excluding: Set<Mode> = []) throws {
        let a = try network.resolvePlace(from, option: "--from"), b = try network.resolvePlace(to, option: "--to")
        self.from = a.name
        self.to = b.name
        fromPlace = PlaceReference(a, network)
        toPlace = PlaceReference(b, network)
        let r = Route.fastest(in: network, from: Int(a.node), to: Int(b.node), weights: network.arcSeconds(excluding: excluding))
        reachable = r != nil
        hours = r.map { $0.seconds / 3600 }
        kilometers = r.map { $0.meters / 1000 }
        legs = r?.legs ?? []
        crossings = r?.crossings ?? []
        gaugeChanges = r?.gaugeChanges ?? []
    }
}

/// A many-to-many table of travel times between places, as `corridor matrix` writes it.
public struct TravelTimeTable: Encodable, Sendable {
    /// The origins' names (names repeat; see `originPlaces`).
    public var origins: [String]
    /// The destinations' names.
    public var destinations: [String]
    /// The origins with their ids, countries and admin-1 units.
    public var originPlaces: [PlaceReference]
    /// The destinations with their ids, countries and admin-1 units.
    public var destinationPlaces: [PlaceReference]
    /// hours[i][j] from origin i to destination j, nil when unreachable.
    public var hours: [[Double?]]

    /// - Parameters:
    ///   - seconds: the times, row by row (origins × destinations), infinite when unreachable.
    ///   - origins: indices into the network's places.
    ///   - destinations: indices into the network's places.
    ///   - network: the network the places belong to.
    /// - Throws: `DataError.invalid` when `seconds` does not hold one time per pair (parts merged wrongly).
    public init(seconds: [Double], origins: [Int], destinations: [Int], network: TransportNetwork) throws {
        guard seconds.count == origins.count * destinations.count else {
            throw DataError.invalid("merge", "the parts hold \(seconds.count) times, the table has \(origins.count * destinations.count)")
        }
        let m = destinations.count
        self.origins = origins.map { network.places[$0].name }
        self.destinations = destinations.map { network.places[$0].name }
        originPlaces = origins.map { PlaceReference(network.places[$0], network) }
        destinationPlaces = destinations.map { PlaceReference(network.places[$0], network) }
        hours = origins.indices.map { i in (0..<m).map { j in seconds[i * m + j].isFinite ? seconds[i * m + j] / 3600 : nil } }
    }
}

/// A node's score with where it lies, as `corridor centrality` lists the top nodes.
public struct NodeScore: Encodable, Sendable {
    /// The node, 0-based.
    public var node: Int
    /// Its kind (place, junction, crossing, port, ...).
    public var kind: String
    /// Its country (nil off land).
    public var country: String?
    public var lon: Double
    public var lat: Double
    public var value: Double

    /// The nodes with the highest values, highest first (ties by node).
    /// - Parameters:
    ///   - values: one value per node.
    ///   - network: the network the values are of.
    ///   - count: how many.
    public static func top(_ values: [Double], network: TransportNetwork, count: Int) -> [NodeScore] {
        values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }.prefix(count).map {
            NodeScore(node: $0, kind: "\(network.nodeKind[$0])", country: network.country(of: $0), lon: network.nodeLon[$0], lat: network.nodeLat[$0],
                      value: values[$0])
        }
    }
}

/// The links and crossings a network cannot afford to lose, as `corridor criticality --json`
/// writes them.
public struct CriticalityAnswer: Encodable, Sendable {
    /// The most critical links, by hours added and pairs cut.
    public var links: [Criticality.LinkLoss]
    /// Edges on a shortest path between two of the chosen places.
    public var edgesOnPaths: Int
    /// Links whose removal was tested.
    public var linksTested: Int
    /// Shortest-path queries run.
    public var pairQueries: Int
    public var crossings: [Criticality.CrossingLoss]
    public var bridges: [Criticality.BridgeLoss]
    /// The flow segments of `flowLosses` (nil without flows).
    public var flowSegments: [String]?
    /// Each open road crossing's flow-weighted loss (nil without flows).
    public var flowLosses: [CrossingFlowLoss]?

    /// - Parameters:
    ///   - links: every link tested, ranked.
    ///   - top: how many links to keep.
    ///   - crossings: the crossings' losses, ranked.
    ///   - bridges: the bridges, ranked.
    ///   - flowSegments: the flow segments.
    ///   - flowLosses: the crossings' flow-weighted losses (nil without flows; the segments are then left out).
    public init(links: Criticality.LinkCriticality, top: Int, crossings: [Criticality.CrossingLoss], bridges: [Criticality.BridgeLoss],
                flowSegments: [String], flowLosses: [CrossingFlowLoss]?) {
        self.links = Array(links.links.prefix(top))
        (edgesOnPaths, linksTested, pairQueries) = (links.edgesOnPaths, links.linksTested, links.pairQueries)
        (self.crossings, self.bridges) = (crossings, bridges)
        self.flowSegments = flowLosses == nil ? nil : flowSegments
        self.flowLosses = flowLosses
    }
}

/// Options compared with their flow changes, as `corridor scenario --flows --json` writes them.
public struct ScenarioFlowChanges: Encodable, Sendable {
    /// Each option's accessibility gains, ranked.
    public var scenarios: [ScenarioEvaluation]
    /// Each option's change in the region's flows at equilibrium, by option id.
    public var flows: [String: RegionFlowChange]

    /// - Parameters:
    ///   - scenarios: the options' evaluations, ranked.
    ///   - flows: their flow changes by option id.
    public init(scenarios: [ScenarioEvaluation], flows: [String: RegionFlowChange]) {
        self.scenarios = scenarios
        self.flows = flows
    }
}
