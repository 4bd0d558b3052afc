import CorridorData
import CorridorGeo
import CorridorNetwork

/// A named corridor through its waypoints: the fastest route leg by leg, with what a planner
/// asks of it: time and distance per leg and mode, detour, the crossings passed and their share
/// of the time, the slowest leg, and how much of the region's traffic it carries.
public struct CorridorEvaluation: Sendable, Codable {
    public struct Leg: Sendable, Codable, Hashable {
        public var from: String
        public var to: String
        public var reachable: Bool
        public var hours: Double
        public var kilometers: Double
        public var straightKilometers: Double
        public var detourIndex: Double
        public var kilometersPerHour: Double
        public var modes: [Route.Leg]
        public var crossings: [String]
    }

    public struct CrossingShare: Sendable, Codable, Hashable {
        public var crossing: String
        /// Border delay and gauge change together.
        public var delayHours: Double
        public var shareOfTime: Double
        /// The gauge change's part of `delayHours` (0 without one).
        public var gaugeChangeHours: Double = 0
        /// How the gauge is changed and the source, when it is.
        public var gaugeChange: String? = nil
    }

    public var id: String
    public var name: String
    public var complete: Bool
    public var hours: Double
    public var kilometers: Double
    public var detourIndex: Double
    public var legs: [Leg]
    public var crossings: [CrossingShare]
    public var slowestLeg: String?
    /// Share of fastest paths among the most populous places that use a corridor link.
    public var shareOfPaths: Double
    public var pathsConsidered: Int
    /// The line modes the corridor was measured on ("rail", "road+rail"), nil for every mode.
    public var modes: String? = nil

    /// - Parameters:
    ///   - network: the network the waypoints are places of.
    ///   - id: the corridor's identifier, as reported.
    ///   - name: the corridor's name, as reported.
    ///   - waypoints: place indices into `network.places`, in order.
    ///   - weights: travel seconds per arc of `network.graph` (infinite for a closed arc).
    ///   - pathPlaces: the share of paths using the corridor is taken over the fastest paths
    ///     among this many of the most populous places.
    public static func evaluate(_ network: TransportNetwork, id: String, name: String, waypoints: [Int],
                                weights: [Double], pathPlaces: Int = 40) -> CorridorEvaluation {
        network.assumeTwoWay("corridor evaluation")
        var legs: [Leg] = [], corridorEdges = Set<Int>(), crossingDelay: [String: Double] = [:], gauge: [String: (Double, String)] = [:]
        for (a, b) in zip(waypoints, waypoints.dropFirst()) {
            let pa = network.places[a], pb = network.places[b]
            let straight = Geodesic.wgs84.distanceMeters(network.coordinate(of: Int(pa.node)), network.coordinate(of: Int(pb.node))) / 1000
            guard let r = Route.fastest(in: network, from: Int(pa.node), to: Int(pb.node), weights: weights) else {
                legs.append(Leg(from: pa.name, to: pb.name, reachable: false, hours: .infinity, kilometers: .infinity, straightKilometers: straight,
                                detourIndex: .infinity, kilometersPerHour: 0, modes: [], crossings: []))
                continue
            }
            for e in r.edges where network.edgeMode[e] != .access { corridorEdges.insert(e) }
            for e in r.edges {
                let c = Int(network.edgeCrossing[e])
                guard c >= 0 else { continue }
                let x = network.crossings[c], key = "\(x.id)/\(x.mode.rawValue)"
                crossingDelay[key, default: 0] += x.passSeconds
                if let how = x.gaugeChangeDescription { gauge[key] = ((gauge[key]?.0 ?? 0) + x.gaugeChangeSeconds, how) }
            }
            let km = r.meters / 1000, h = r.seconds / 3600
            legs.append(Leg(from: pa.name, to: pb.name, reachable: true, hours: h, kilometers: km, straightKilometers: straight,
                            detourIndex: straight > 0 ? km / straight : 1, kilometersPerHour: h > 0 ? km / h : 0, modes: r.legs, crossings: r.crossings))
        }
        let complete = legs.allSatisfy(\.reachable)
        let hours = legs.reduce(0) { $0 + $1.hours }, km = legs.reduce(0) { $0 + $1.kilometers }
        let straight = legs.reduce(0) { $0 + $1.straightKilometers }
        let crossings = crossingDelay.sorted { $0.key < $1.key }.map {
            CrossingShare(crossing: $0.key, delayHours: $0.value / 3600, shareOfTime: complete && hours > 0 ? $0.value / 3600 / hours : 0,
                          gaugeChangeHours: (gauge[$0.key]?.0 ?? 0) / 3600, gaugeChange: gauge[$0.key]?.1)
        }
        let slowest = legs.filter(\.reachable).min { $0.kilometersPerHour < $1.kilometersPerHour }

        // Share of fastest paths among the most populous places that use a corridor link.
        let top = network.mostPopulousPlaces(pathPlaces)
        let dijkstra = Dijkstra(graph: network.graph)
        var used = 0, considered = 0
        for a in top {
            dijkstra.run(from: [Int(network.places[a].node)], weights: weights)
            for b in top where b > a {
                guard let arcs = dijkstra.pathArcs(to: Int(network.places[b].node)) else { continue }
                considered += 1
                if arcs.contains(where: { corridorEdges.contains(Int(network.graph.arcEdge[$0])) }) { used += 1 }
            }
        }
        return CorridorEvaluation(id: id, name: name, complete: complete, hours: complete ? hours : .infinity, kilometers: complete ? km : .infinity,
                                  detourIndex: complete && straight > 0 ? km / straight : .infinity, legs: legs, crossings: crossings,
                                  slowestLeg: slowest.map { "\($0.from)–\($0.to)" }, shareOfPaths: considered > 0 ? Double(used) / Double(considered) : 0,
                                  pathsConsidered: considered)
    }

    /// The named corridors of a region manifest, each through its waypoints and measured on
    /// its own modes (the manifest's `modes`: the Gyeongui line on rail, a highway corridor on
    /// road), unless `override` puts them all on the same modes; a corridor naming no modes
    /// runs on every mode but `excluding`.
    /// - Parameters:
    ///   - network: the network with every mode.
    ///   - corridors: the manifest's corridors.
    ///   - override: modes for every corridor instead of their own (`--modes`, `--land`).
    ///   - excluding: the modes closed for corridors that name none (e.g. `[.sea]` for a
    ///     land-only report).
    ///   - pathPlaces: the share of paths is taken over this many of the most populous places.
    /// - Throws: `DataError.invalid` naming the corridor for a waypoint not in the network or
    ///   a mode the network lacks.
    public static func named(_ network: TransportNetwork, corridors: [RegionManifest.ResolvedCorridor], override: ModeSelection? = nil,
                             excluding: Set<Mode> = [], pathPlaces: Int = 40) throws -> [CorridorEvaluation] {
        var views = CorridorViews(network, override: override, excluding: excluding)
        var weights: [ModeSelection?: [Double]] = [:]
        return try corridors.map { c in
            let waypoints = try views.waypoints(c)
            let selection = try views.selection(c)
            let n = try views.view(selection, corridor: c.id)
            if weights[selection] == nil { weights[selection] = n.arcSeconds(excluding: views.excluding(selection)) }
            let w = weights[selection]!
            var r = evaluate(n, id: c.id, name: c.name, waypoints: waypoints, weights: w, pathPlaces: pathPlaces)
            r.modes = selection?.description
            return r
        }
    }
}
