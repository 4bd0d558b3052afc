import CorridorData
import CorridorGeo
import CorridorNetwork

/// Two-step floating catchment area accessibility (W. Luo and F. Wang, "Measures of spatial
/// accessibility to health care in a GIS environment", Environ. Plann. B 30, 2003), here for
/// facilities such as seaports with a capacity:
/// step 1, each facility's supply-to-demand ratio R_j = S_j / Σ_{k: t_kj ≤ T} P_k;
/// step 2, each place's access A_i = Σ_{j: t_ij ≤ T} R_j.
public enum TwoStepFloatingCatchment {
    /// Port capacity from the World Port Index harbour size (an ordinal assumption:
    /// Large 4, Medium 3, Small 2, Very Small or unknown 1).
    public static func portCapacity(_ port: NetworkPort) -> Double {
        switch port.harborSize?.lowercased() {
        case "large": return 4
        case "medium": return 3
        case "small": return 2
        default: return 1
        }
    }

    /// Access per place (in `network.places` order) to the facilities at `facilityNodes`.
    /// - Parameters:
    ///   - network: the network whose places are the demand (their population).
    ///   - weights: travel seconds per arc of `network.graph`; a contraction hierarchy is built
    ///     on them.
    ///   - facilityNodes: the node of each facility.
    ///   - capacities: S_j, the supply of each facility, in `facilityNodes` order.
    ///   - catchmentSeconds: T, the catchment in travel seconds.
    ///   - threads: PHAST workers (one tree per facility).
    public static func access(_ network: TransportNetwork, weights: [Double], facilityNodes: [Int], capacities: [Double],
                              catchmentSeconds: Double, threads: Int = 1) -> [Double] {
        access(network, hierarchy: ContractionHierarchy(graph: network.graph, weights: weights), facilityNodes: facilityNodes,
               capacities: capacities, catchmentSeconds: catchmentSeconds, threads: threads)
    }

    /// The same on a hierarchy already built for the weights.
    public static func access(_ network: TransportNetwork, hierarchy ch: ContractionHierarchy, facilityNodes: [Int], capacities: [Double],
                              catchmentSeconds: Double, threads: Int = 1) -> [Double] {
        precondition(facilityNodes.count == capacities.count, "one capacity per facility")
        var ch = ch
        if let directed = ch.directedFallback {
            // One-way edges: trees from the facilities on the reversed network give t(place → facility).
            ch = ContractionHierarchy(graph: directed.graph, weights: network.reversedArcWeights(directed.weights))
        }
        let positions = network.places.map { Int(ch.position[Int($0.node)]) }
        // For each facility, the places inside its catchment: trees from the facility on the
        // reversed network (the network itself when symmetric: t_jk = t_kj).
        let reach = PHAST.trees(ch, sources: facilityNodes, threads: threads) { _, d -> [Int] in
            positions.indices.filter { d[positions[$0]] <= catchmentSeconds }
        }
        var access = [Double](repeating: 0, count: network.places.count)
        for (j, inside) in reach.enumerated() {
            let demand = inside!.reduce(0.0) { $0 + network.places[$1].population }
            guard demand > 0 else { continue }
            let ratio = capacities[j] / demand
            for i in inside! { access[i] += ratio }
        }
        return access
    }
}

/// The detour index of place pairs: length of the shortest network path over the geodesic
/// distance (1 = a perfectly direct link).
public enum DetourIndex {
    public struct Pair: Sendable, Codable, Hashable {
        public var from: String
        public var to: String
        public var networkKilometers: Double
        public var straightKilometers: Double
        public var index: Double
    }

    /// For every ordered pair of the given places (by index into `network.places`), using edge
    /// lengths as weights; closed crossings stay closed. Unreachable pairs are left out.
    public static func pairs(_ network: TransportNetwork, places: [Int], excluding: Set<Mode> = []) -> [Pair] {
        let seconds = network.arcSeconds(excluding: excluding)
        let lengths = zip(network.graph.arcEdge, seconds).map { e, s in s.isFinite ? network.edgeLengthMeters[Int(e)] : .infinity }
        let dijkstra = Dijkstra(graph: network.graph)
        var out: [Pair] = []
        for a in places {
            let pa = network.places[a]
            dijkstra.run(from: [Int(pa.node)], weights: lengths)
            for b in places where b != a {
                let pb = network.places[b]
                let meters = dijkstra.distance(to: Int(pb.node))
                let straight = Geodesic.wgs84.distanceMeters(network.coordinate(of: Int(pa.node)), network.coordinate(of: Int(pb.node)))
                guard meters.isFinite, straight > 0 else { continue }
                out.append(Pair(from: pa.name, to: pb.name, networkKilometers: meters / 1000, straightKilometers: straight / 1000, index: meters / straight))
            }
        }
        return out
    }
}
