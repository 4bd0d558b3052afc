import CorridorData
import CorridorNetwork
import Foundation

/// Two-sided catchment of a border crossing: the population each side can bring to it within
/// T hours over its own domestic network. A crossing whose far side is empty will not carry
/// trade, whatever is built on the near side: the smaller side binds.
public struct CrossingCatchment: Sendable, Codable, Hashable {
    public struct Side: Sendable, Codable, Hashable {
        public var country: String
        /// Population of the side's places within T hours of the crossing, domestic routes only.
        public var populationWithin: Double
        public var placesWithin: Int
        /// The side's most populous place reachable domestically, and the hours to it: how
        /// well the crossing is tied into the national trunk network.
        public var largestReachablePlace: String?
        public var hoursToLargestReachablePlace: Double?
        /// Hours to the nearest place of at least 100,000 people on this side.
        public var hoursToNearestCity: Double?
        /// Domestic feeder quality: Σ P·exp(−β t) over the side's own places (β per hour).
        public var domesticGravity: Double = 0
    }

    public var crossing: String
    public var name: String
    public var modes: [String]
    public var status: String
    public var sides: [Side]
    /// The side with the smaller catchment, when the two differ.
    public var bindingSide: String?
    /// Smaller over larger catchment (1 balanced, 0 one side empty).
    public var balance: Double
    public var lon: Double
    public var lat: Double
}

/// Catchments of the network's gateways over their domestic networks: the two sides of each
/// border crossing (`compute`) and the domestic feeders of each seaport (`seaportFeeders`).
public enum CrossingCatchments {
    /// Every crossing with border edges in the network (any status: a closed crossing's
    /// hinterlands are what opening it would connect), ranked by the binding side's
    /// population, largest first.
    /// - Parameters:
    ///   - network: the network whose crossings and places are measured.
    ///   - excluding: modes closed (e.g. `[.sea]`).
    ///   - withinHours: T, in hours.
    ///   - beta: exponential decay per hour of the domestic gravity.
    ///   - threads: workers (one crossing at a time per worker).
    public static func compute(_ network: TransportNetwork, excluding: Set<Mode> = [.sea], withinHours: Double = 4, beta: Double = 0.1,
                               threads: Int = 1) -> [CrossingCatchment] {
        network.assumeTwoWay("crossing catchments")
        let perEdge = network.edgeCosts(excluding: excluding)
        // Crossing id → its border edges (all modes).
        var edgesOf: [String: [Int]] = [:]
        for e in 0..<network.edgeCount where network.edgeCrossing[e] >= 0 {
            edgesOf[network.crossings[Int(network.edgeCrossing[e])].id, default: []].append(e)
        }
        let ids = edgesOf.keys.sorted()
        let countryOf = (0..<network.nodeCount).map { network.country(of: $0) }
        // Domestic weights per country: arcs with both ends in the country, or one end in it
        // and the other in none (structural cost: a crossing's own state does not matter for
        // its hinterland).
        let countries = Set(ids.flatMap { id in network.crossings.first { $0.id == id }!.countries })
        var domestic: [String: [Double]] = [:]
        for c in countries {
            domestic[c] = network.graph.arcEdge.indices.map { a in
                let e = Int(network.graph.arcEdge[a])
                // Nodes with no country (on the border line, or offshore) do not stop a route.
                let t = countryOf[Int(network.edgeTail[e])], h = countryOf[Int(network.edgeHead[e])]
                guard t ?? c == c, h ?? c == c, t != nil || h != nil else { return .infinity }
                return perEdge[e]
            }
        }
        let weights = domestic, edgeSets = edgesOf
        let limit = withinHours * 3600
        let graph = network.graph
        return Parallel.map(ids.count, threads: threads, state: { Dijkstra(graph: graph) }) { dijkstra, k -> CrossingCatchment in
            let id = ids[k], edges = edgeSets[id]!
            let modes = network.crossings.filter { $0.id == id }
            let first = modes[0]
            let sides = first.countries.sorted().map { c -> CrossingCatchment.Side in
                let all = Set(edges.flatMap { [Int(network.edgeTail[$0]), Int(network.edgeHead[$0])] })
                let ends = all.filter { countryOf[$0] == c }.sorted()
                var side = CrossingCatchment.Side(country: c, populationWithin: 0, placesWithin: 0)
                guard !ends.isEmpty, let w = weights[c] else { return side }
                dijkstra.run(from: ends, weights: w)
                var best: (pop: Double, name: String, hours: Double)?
                for p in network.places where p.country == c {
                    let t = dijkstra.distance(to: Int(p.node))
                    guard t.isFinite else { continue }
                    if t <= limit { side.populationWithin += p.population; side.placesWithin += 1 }
                    side.domesticGravity += p.population * exp(-beta * t / 3600)
                    if best == nil || p.population > best!.pop { best = (p.population, p.name, t / 3600) }
                    if p.population >= 100_000 { side.hoursToNearestCity = min(side.hoursToNearestCity ?? .infinity, t / 3600) }
                }
                side.largestReachablePlace = best?.name
                side.hoursToLargestReachablePlace = best?.hours
                return side
            }
            let pops = sides.map(\.populationWithin)
            let small = pops.min() ?? 0, large = pops.max() ?? 0
            return CrossingCatchment(
                crossing: id, name: first.name.isEmpty ? id : first.name, modes: modes.map(\.mode.rawValue).sorted(),
                status: modes.contains { $0.isOpen } ? "open" : first.status.rawValue, sides: sides,
                bindingSide: sides.count == 2 && pops[0] != pops[1] ? sides[pops[0] < pops[1] ? 0 : 1].country : nil,
                balance: large > 0 ? small / large : 0, lon: first.position.lon, lat: first.position.lat)
        }.sorted { (($0.sides.map(\.populationWithin).min() ?? 0), $1.crossing) > (($1.sides.map(\.populationWithin).min() ?? 0), $0.crossing) }
    }

    /// Domestic feeder quality of every seaport: its accessibility from its own country's
    /// places over the domestic land network (Σ P·exp(−β t), population within T, hours to the
    /// largest reachable place), weakest first. A port with a weak domestic link cannot serve
    /// its hinterland, whatever its quays.
    public static func seaportFeeders(_ network: TransportNetwork, withinHours: Double = 4, beta: Double = 0.1,
                                      threads: Int = 1) -> [GatewayFeeder] {
        network.assumeTwoWay("crossing catchments")
        let perEdge = network.edgeCosts(excluding: [.sea])
        let countryOf = (0..<network.nodeCount).map { network.country(of: $0) }
        var domestic: [String: [Double]] = [:]
        for c in Set(network.ports.map(\.country)) {
            domestic[c] = network.graph.arcEdge.indices.map { a in
                let e = Int(network.graph.arcEdge[a])
                let t = countryOf[Int(network.edgeTail[e])], h = countryOf[Int(network.edgeHead[e])]
                guard t ?? c == c, h ?? c == c else { return .infinity }
                return perEdge[e]
            }
        }
        let weights = domestic, graph = network.graph, limit = withinHours * 3600
        return Parallel.map(network.ports.count, threads: threads, state: { Dijkstra(graph: graph) }) { dijkstra, k -> GatewayFeeder in
            let port = network.ports[k]
            var f = GatewayFeeder(id: port.id, name: port.name, country: port.country, populationWithin: 0, domesticGravity: 0)
            guard let w = weights[port.country] else { return f }
            dijkstra.run(from: [Int(port.node)], weights: w)
            var best: (pop: Double, name: String, hours: Double)?
            for p in network.places where p.country == port.country {
                let t = dijkstra.distance(to: Int(p.node))
                guard t.isFinite else { continue }
                if t <= limit { f.populationWithin += p.population }
                f.domesticGravity += p.population * exp(-beta * t / 3600)
                if best == nil || p.population > best!.pop { best = (p.population, p.name, t / 3600) }
            }
            f.largestReachablePlace = best?.name
            f.hoursToLargestReachablePlace = best?.hours
            return f
        }.sorted { ($0.domesticGravity, $0.id) < ($1.domesticGravity, $1.id) }
    }
}

/// A gateway's domestic feeder: how well its own country reaches it by land.
public struct GatewayFeeder: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var country: String
    public var populationWithin: Double
    public var domesticGravity: Double
    public var largestReachablePlace: String?
    public var hoursToLargestReachablePlace: Double?
}
