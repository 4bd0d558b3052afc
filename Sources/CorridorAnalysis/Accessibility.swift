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
    /// Hours to the nearest national capital (any country's) in the network.
    public var hoursToNearestCapital: [Double]
    /// Hours to the place's own country's capital; infinite when that capital is not in the
    /// network (outside the study region) or cannot be reached.
    public var hoursToOwnCapital: [Double]
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

/// Accessibility measures over a network: travel time to the nearest facility, cumulative
/// opportunities, gravity accessibility and seaport access, per place (`places`) or per node
/// (`nodes`). Times are in seconds on the arcs and reported in hours.
public enum Accessibility {
    /// Shortest time from every node to the nearest of `targets`: one multi-source run on the
    /// reversed network (the same weights when no edge is one-way).
    public static func nearest(_ network: TransportNetwork, weights: [Double], targets: [Int]) -> [Double] {
        nearest(network, reversedWeights: network.reversedArcWeights(weights), targets: targets)
    }

    /// The same, on weights already reversed (``TransportNetwork/reversedArcWeights(_:)``).
    static func nearest(_ network: TransportNetwork, reversedWeights: [Double], targets: [Int]) -> [Double] {
        guard !targets.isEmpty else { return Array(repeating: .infinity, count: network.nodeCount) }
        let d = Dijkstra(graph: network.graph)
        d.run(from: targets, weights: reversedWeights)
        return d.distances()
    }

    /// Times from every node to the nearest seaport, the nearest open crossing, the nearest
    /// national capital and each country's capital: what the per-place and per-node results
    /// share, on one reversed copy of the weights.
    static func facilityTimes(_ network: TransportNetwork, weights: [Double])
        -> (toPort: [Double], toCrossing: [Double], capitals: (nearest: [Double], byCountry: [String: [Double]])) {
        let reversed = network.reversedArcWeights(weights)
        let capitals = capitalNodes(network)
        var byCountry: [String: [Double]] = [:]
        for (country, node) in capitals { byCountry[country] = nearest(network, reversedWeights: reversed, targets: [node]) }
        return (nearest(network, reversedWeights: reversed, targets: network.ports.map { Int($0.node) }),
                nearest(network, reversedWeights: reversed, targets: openCrossingNodes(network)),
                (nearest(network, reversedWeights: reversed, targets: capitals.values.sorted()), byCountry))
    }

    /// The nodes at either end of an open border edge.
    public static func openCrossingNodes(_ network: TransportNetwork) -> [Int] {
        var nodes = Set<Int>()
        for e in 0..<network.edgeCount where network.edgeIsBorder[e] && network.edgeSeconds(e).isFinite {
            nodes.insert(Int(network.edgeTail[e])); nodes.insert(Int(network.edgeHead[e]))
        }
        return nodes.sorted()
    }

    /// Nodes of the national capitals, by country (the first capital listed when a country has
    /// more than one).
    public static func capitalNodes(_ network: TransportNetwork) -> [String: Int] {
        var out: [String: Int] = [:]
        for p in network.places where p.capital == "country" && out[p.country] == nil { out[p.country] = Int(p.node) }
        return out
    }

    /// Per-place accessibility under the given weights.
    /// - Parameters:
    ///   - network: the network whose places, seaports, open crossings and capitals are measured.
    ///   - weights: travel seconds per arc of `network.graph` (infinite for a closed arc), e.g.
    ///     from `arcSeconds(excluding:)`.
    ///   - withinHours: the cumulative-opportunities threshold, in hours; also the seaport
    ///     catchment of the two-step floating catchment measure.
    ///   - beta: exponential decay per hour.
    ///   - gamma: power decay exponent.
    ///   - threads: PHAST workers; each place's sums come from one tree on one worker, so the
    ///     result does not depend on the thread count.
    ///   - session: a session on `network` whose hierarchies to use and keep (nil: contract here).
    ///   - shard: the share of the places whose rows to compute (the rows of every share,
    ///     concatenated in share order by ``AccessibilityResult/concatenated(_:)``, are the
    ///     whole result).
    public static func places(_ network: TransportNetwork, weights: [Double], withinHours: Double = 4,
                              beta: Double = 0.1, gamma: Double = 1, threads: Int = 1, session: AnalysisSession? = nil,
                              shard: Shard = .whole) -> AccessibilityResult {
        let rows = shard.range(of: network.places.count)
        let allPlaces = network.places
        let places = Array(allPlaces[rows])
        let (toPort, toCrossing, capitals) = facilityTimes(network, weights: weights)
        let ch = ContractionHierarchy.of(network.graph, weights: weights, session: session)
        let positions = allPlaces.map { Int(ch.position[Int($0.node)]) }
        let allPops = allPlaces.map(\.population)
        let pops = places.map(\.population)
        let limit = withinHours * 3600
        let first = rows.lowerBound
        let sums = PHAST.trees(ch, sources: places.map { Int($0.node) }, threads: threads) { i, d -> PlaceSums in
            PlaceSums(source: first + i, populations: allPops, limitSeconds: limit, beta: beta, gamma: gamma) { d[positions[$0]] }
        }
        let portAccessAll = TwoStepFloatingCatchment.access(
            network, hierarchy: ch, facilityNodes: network.ports.map { Int($0.node) },
            capacities: network.ports.map(TwoStepFloatingCatchment.portCapacity), catchmentSeconds: limit, threads: threads)
        let portAccess = shard == .whole ? portAccessAll : Array(portAccessAll[rows])
        return AccessibilityResult(
            placeIds: places.map(\.id), placeNames: places.map(\.name), countries: places.map(\.country), population: pops,
            hoursToNearestPort: places.map { toPort[Int($0.node)] / 3600 },
            hoursToNearestOpenCrossing: places.map { toCrossing[Int($0.node)] / 3600 },
            hoursToNearestCapital: places.map { capitals.nearest[Int($0.node)] / 3600 },
            hoursToOwnCapital: places.map { capitals.byCountry[$0.country]?[Int($0.node)] ?? .infinity }.map { $0 / 3600 },
            populationWithin: sums.map { $0!.within }, populationReachable: sums.map { $0!.reachable },
            gravityExponential: sums.map { $0!.exponential }, gravityPower: sums.map { $0!.power },
            seaportAccess2SFCA: portAccess,
            withinHours: withinHours, beta: beta, gamma: gamma)
    }
}

extension AccessibilityResult {
    /// The rows of several shares (``Shard``) in share order: the result of all the places.
    /// - Parameter parts: results of the same inputs for consecutive shares.
    public static func concatenated(_ parts: [AccessibilityResult]) -> AccessibilityResult {
        var out = parts[0]
        for p in parts.dropFirst() {
            out.placeIds += p.placeIds; out.placeNames += p.placeNames; out.countries += p.countries
            out.population += p.population; out.hoursToNearestPort += p.hoursToNearestPort
            out.hoursToNearestOpenCrossing += p.hoursToNearestOpenCrossing; out.hoursToNearestCapital += p.hoursToNearestCapital
            out.hoursToOwnCapital += p.hoursToOwnCapital; out.populationWithin += p.populationWithin
            out.populationReachable += p.populationReachable; out.gravityExponential += p.gravityExponential
            out.gravityPower += p.gravityPower; out.seaportAccess2SFCA += p.seaportAccess2SFCA
        }
        return out
    }

    /// The rows of several shards' parts, in the order given (``concatenated(_:)``), checked.
    /// - Parameter parts: each shard's rows, nil for a part that carries none.
    /// - Throws: `DataError.invalid` when a part has no per-place rows.
    public static func merged(_ parts: [AccessibilityResult?]) throws -> AccessibilityResult {
        try concatenated(parts.map { p in
            guard let p else { throw DataError.invalid("merge", "parts without per-place rows") }
            return p
        })
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

/// Accessibility of every network node, for maps of the whole network rather than of places.
public struct NodeAccessibility: Sendable, Codable {
    public var hoursToNearestPort: [Double]
    public var hoursToNearestOpenCrossing: [Double]
    public var hoursToNearestCapital: [Double]
    /// Hours to the capital of the node's own country (infinite when unknown or unreached); a
    /// place's node counts in the place's country.
    public var hoursToOwnCapital: [Double]
    /// Population of the places reachable within `withinHours`.
    public var populationWithin: [Double]
    /// Σ_j P_j · exp(-β t_vj), t in hours.
    public var gravityExponential: [Double]
    public var withinHours: Double
    public var beta: Double
}

/// The per-node sums over a share of the places (``Accessibility/nodeSums(_:weights:withinHours:beta:threads:shard:session:)``):
/// population within the threshold and exponential gravity, in fixed point so that the sums
/// of any split of the places add to the identical total.
public struct NodeAccessSums: Sendable, Codable, Hashable {
    /// Population of the places within `withinHours` of each node.
    public var within: FixedPointSums
    /// Σ_j P_j · exp(-β t_vj) at each node.
    public var gravity: FixedPointSums

    /// The sums of several shards' parts, in the order given.
    /// - Parameter parts: each shard's sums, nil for a part that carries none.
    /// - Throws: `DataError.invalid` when a part has no sums or sums of another network.
    public static func merged(_ parts: [NodeAccessSums?]) throws -> NodeAccessSums {
        guard var sums = parts.first ?? nil else { throw DataError.invalid("merge", "parts without per-node sums") }
        for p in parts.dropFirst() {
            guard let more = p, more.within.units.count == sums.within.units.count else { throw DataError.invalid("merge", "parts without per-node sums") }
            sums.add(more)
        }
        return sums
    }

    /// Adds the sums of another share of the same places.
    /// - Parameter other: sums over other places of the same network and parameters.
    public mutating func add(_ other: NodeAccessSums) {
        within.add(other.within)
        gravity.add(other.gravity)
    }
}

extension Accessibility {
    /// Chunks of a share's places for the per-node sums (work units for the threads).
    static let nodeChunkCount = 32

    /// Per-node accessibility. The sums over places for every node come from one tree per
    /// place (not one per node), grown on the reversed network (the same weights when no edge
    /// is one-way), so it holds the time from every node to the place: each place's tree adds
    /// its population to the nodes that reach it. Each term is added in fixed point (``FixedPointSums``, 2^-k
    /// with k up to 32 chosen from the total population), so the result is bit-identical for
    /// any thread count and any split into shards.
    public static func nodes(_ network: TransportNetwork, weights: [Double], withinHours: Double = 4,
                             beta: Double = 0.1, threads: Int = 1) -> NodeAccessibility {
        nodes(network, weights: weights, withinHours: withinHours, beta: beta,
              sums: nodeSums(network, weights: weights, withinHours: withinHours, beta: beta, threads: threads))
    }

    /// The per-node sums over one share of the places: the expensive part of ``nodes(_:weights:withinHours:beta:threads:)``
    /// (one tree per place), which shares add up (``NodeAccessSums/add(_:)``).
    /// - Parameters:
    ///   - network: the network whose places are summed.
    ///   - weights: travel seconds per arc.
    ///   - withinHours: the cumulative-opportunities threshold, hours.
    ///   - beta: exponential decay per hour.
    ///   - threads: PHAST workers.
    ///   - shard: which of the places.
    ///   - session: the session whose hierarchies to share (contracted here when nil).
    public static func nodeSums(_ network: TransportNetwork, weights: [Double], withinHours: Double = 4,
                                beta: Double = 0.1, threads: Int = 1, shard: Shard = .whole, session: AnalysisSession? = nil) -> NodeAccessSums {
        let n = network.nodeCount
        let places = Array(network.places[shard.range(of: network.places.count)])
        let bound = network.places.reduce(0) { $0 + max(0, $1.population) }
        let zero = FixedPointSums(count: n, bound: bound)
        var total = NodeAccessSums(within: zero, gravity: zero)
        guard !places.isEmpty else { return total }
        let ch = ContractionHierarchy.of(network.graph, weights: network.reversedArcWeights(weights), session: session)
        let limit = withinHours * 3600
        let scale = zero.scale
        let chunks = min(nodeChunkCount, places.count)
        let per = (places.count + chunks - 1) / chunks
        // Per chunk: sums by sweep position, (within, gravity) interleaved.
        let partials = Parallel.map(chunks, threads: threads, state: { () }) { _, c -> [Int64] in
            let members = Array(places[min(places.count, c * per)..<min(places.count, (c + 1) * per)])
            let box = UnitBuffer(2 * n)
            _ = PHAST.trees(ch, sources: members.map { Int($0.node) }, threads: 1) { k, d -> Bool in
                let population = members[k].population
                let whole = Int64((population * scale).rounded())
                box.values.withUnsafeMutableBufferPointer { sums in
                    for q in 0..<n where d[q].isFinite {
                        if d[q] <= limit { sums[2 * q] &+= whole }
                        sums[2 * q + 1] &+= Int64((population * exp(-beta * d[q] / 3600) * scale).rounded())
                    }
                }
                return true
            }
            return box.values
        }
        for sums in partials {
            for v in 0..<n {
                let q = Int(ch.position[v])
                total.within.units[v] &+= sums[2 * q]
                total.gravity.units[v] &+= sums[2 * q + 1]
            }
        }
        return total
    }

    /// Per-node accessibility from the sums over all the places (of every share, added):
    /// the times to the nearest port, open crossing and capitals are computed here.
    /// - Parameters:
    ///   - network: the network the sums were computed on.
    ///   - weights: travel seconds per arc, as for the sums.
    ///   - withinHours: the threshold the sums used.
    ///   - beta: the decay the sums used.
    ///   - sums: the sums over all the places.
    public static func nodes(_ network: TransportNetwork, weights: [Double], withinHours: Double, beta: Double,
                             sums: NodeAccessSums) -> NodeAccessibility {
        let n = network.nodeCount
        let (toPort, toCrossing, capitals) = facilityTimes(network, weights: weights)
        // A place's node takes the place's country (its attribute), as in the per-place result;
        // other nodes the country polygon they lie in.
        var country = (0..<n).map { network.country(of: $0) }
        for p in network.places { country[Int(p.node)] = p.country }
        let own = (0..<n).map { v in country[v].flatMap { capitals.byCountry[$0]?[v] } ?? .infinity }
        return NodeAccessibility(
            hoursToNearestPort: toPort.map { $0 / 3600 }, hoursToNearestOpenCrossing: toCrossing.map { $0 / 3600 },
            hoursToNearestCapital: capitals.nearest.map { $0 / 3600 }, hoursToOwnCapital: own.map { $0 / 3600 },
            populationWithin: sums.within.values, gravityExponential: sums.gravity.values, withinHours: withinHours, beta: beta)
    }
}

/// Fixed-point sums one sequential worker adds to from inside a `@Sendable` callback.
final class UnitBuffer: @unchecked Sendable {
    var values: [Int64]
    init(_ count: Int) { values = Array(repeating: 0, count: count) }
}
