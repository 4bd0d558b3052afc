import CorridorData
import CorridorNetwork
import Foundation

/// Accessibility of each place: time to the nearest seaport and open border crossing,
/// cumulative opportunities (population reachable within a time), and gravity (Hansen)
/// accessibility with exponential and power decay
/// (W. G. Hansen, "How accessibility shapes land use", J. Am. Inst. Planners 25, 1959).
public struct AccessibilityResult: Sendable, Codable {
    public var placeIds: [String]
    public var placeNames: [String]
    public var countries: [String]
    public var population: [Double]
    public var hoursToNearestPort: [Double]
    public var hoursToNearestOpenCrossing: [Double]
    /// Population reachable within `withinHours` (the place's own included).
    public var populationWithin: [Double]
    /// Population reachable at all (the place's own included).
    public var populationReachable: [Double]
    /// Σ_j P_j · exp(-β t_ij), t in hours, own place included (t = 0).
    public var gravityExponential: [Double]
    /// Σ_{j≠i} P_j · t_ij^(-γ), t in hours, over places reached in positive time; with γ = 1
    /// this is Harris's market potential with population as the mass.
    public var gravityPower: [Double]
    /// Two-step floating catchment access to seaports within `withinHours`, capacity by
    /// harbour size (Large 4, Medium 3, Small 2, else 1), per person.
    public var seaportAccess2SFCA: [Double]
    public var withinHours: Double
    public var beta: Double
    public var gamma: Double
}

public enum Accessibility {
    /// Shortest time from every node to the nearest of `targets` (the graph is symmetric, so
    /// one multi-source run gives the distance to the nearest target).
    public static func nearest(_ network: TransportNetwork, weights: [Double], targets: [Int]) -> [Double] {
        guard !targets.isEmpty else { return Array(repeating: .infinity, count: network.nodeCount) }
        let d = Dijkstra(graph: network.graph)
        d.run(from: targets, weights: weights)
        return d.distances()
    }

    /// The nodes at either end of an open border edge.
    public static func openCrossingNodes(_ network: TransportNetwork) -> [Int] {
        var nodes = Set<Int>()
        for e in 0..<network.edgeCount where network.edgeIsBorder[e] && network.edgeSeconds(e).isFinite {
            nodes.insert(Int(network.edgeTail[e])); nodes.insert(Int(network.edgeHead[e]))
        }
        return nodes.sorted()
    }

    /// Per-place accessibility under the given weights.
    /// - Parameters:
    ///   - withinHours: the cumulative-opportunities threshold.
    ///   - beta: exponential decay per hour; `gamma`: power decay exponent.
    ///   - threads: PHAST workers; each place's sums come from one tree on one worker, so the
    ///     result does not depend on the thread count.
    public static func places(_ network: TransportNetwork, weights: [Double], withinHours: Double = 4,
                              beta: Double = 0.1, gamma: Double = 1, threads: Int = 1) -> AccessibilityResult {
        let places = network.places
        let toPort = nearest(network, weights: weights, targets: network.ports.map { Int($0.node) })
        let toCrossing = nearest(network, weights: weights, targets: openCrossingNodes(network))
        let ch = ContractionHierarchy(graph: network.graph, weights: weights)
        let positions = places.map { Int(ch.position[Int($0.node)]) }
        let pops = places.map(\.population)
        let limit = withinHours * 3600
        let sums = PHAST.trees(ch, sources: places.map { Int($0.node) }, threads: threads) { i, d -> PlaceSums in
            PlaceSums(source: i, populations: pops, limitSeconds: limit, beta: beta, gamma: gamma) { d[positions[$0]] }
        }
        let portAccess = TwoStepFloatingCatchment.access(
            network, hierarchy: ch, facilityNodes: network.ports.map { Int($0.node) },
            capacities: network.ports.map(TwoStepFloatingCatchment.portCapacity), catchmentSeconds: limit, threads: threads)
        return AccessibilityResult(
            placeIds: places.map(\.id), placeNames: places.map(\.name), countries: places.map(\.country), population: pops,
            hoursToNearestPort: places.map { toPort[Int($0.node)] / 3600 },
            hoursToNearestOpenCrossing: places.map { toCrossing[Int($0.node)] / 3600 },
            populationWithin: sums.map { $0!.within }, populationReachable: sums.map { $0!.reachable },
            gravityExponential: sums.map { $0!.exponential }, gravityPower: sums.map { $0!.power },
            seaportAccess2SFCA: portAccess,
            withinHours: withinHours, beta: beta, gamma: gamma)
    }
}

/// One place's accessibility sums over all places, from its travel times: the single formula
/// the full and the incremental evaluations share.
struct PlaceSums: Sendable, Hashable {
    var within = 0.0, exponential = 0.0, power = 0.0, reachable = 0.0

    /// - Parameter time: seconds from the source to place `j`.
    init(source i: Int, populations: [Double], limitSeconds: Double, beta: Double, gamma: Double, time: (Int) -> Double) {
        for j in populations.indices {
            let t = time(j)
            guard t.isFinite else { continue }
            let p = populations[j]
            reachable += p
            if t <= limitSeconds { within += p }
            let hours = t / 3600
            exponential += p * exp(-beta * hours)
            if j != i && hours > 0 { power += p * pow(hours, -gamma) }
        }
    }
}
