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
