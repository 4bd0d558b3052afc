import CorridorData
import CorridorNetwork
import Foundation

/// Cohesion of a named city cluster (an agglomeration or a cross-border city pair): how
/// quickly its cities reach each other, and how much the network can lose before they
/// drift apart.
public struct ClusterCohesion: Sendable, Codable {
    public struct Pair: Sendable, Codable, Hashable {
        public var from: String
        public var to: String
        public var hours: Double
        /// The fastest time once every link of the fastest route is removed (infinity when
        /// no link-disjoint alternative exists).
        public var alternativeHours: Double
    }

    public var name: String
    public var cities: [String]
    public var pairs: [Pair]
    public var connectedPairs: Int
    public var meanHours: Double
    public var maxHours: Double
    public var shareWithin1Hour: Double
    public var shareWithin2Hours: Double
    /// Share of connected pairs with a link-disjoint alternative route.
    public var shareWithAlternative: Double
    /// Mean of alternative over fastest time, over pairs that have an alternative.
    public var meanAlternativeRatio: Double?

    /// - Parameters:
    ///   - network: the network the cities are places of.
    ///   - name: the cluster's name, as reported.
    ///   - cities: place indices into `network.places`.
    ///   - weights: travel seconds per arc of `network.graph` (infinite for a closed arc).
    public static func compute(_ network: TransportNetwork, name: String, cities: [Int], weights: [Double]) -> ClusterCohesion {
        network.assumeTwoWay("cluster cohesion")
        var pairs: [Pair] = []
        let dijkstra = Dijkstra(graph: network.graph)
        for (k, a) in cities.enumerated() {
            for b in cities[(k + 1)...] {
                let s = Int(network.places[a].node), t = Int(network.places[b].node)
                dijkstra.run(from: [s], weights: weights, target: t)
                let best = dijkstra.distance(to: t)
                var alternative = Double.infinity
                if best.isFinite, let arcs = dijkstra.pathArcs(to: t) {
                    // Remove every non-access link of the route (both directions).
                    let cut = Set(arcs.map { Int(network.graph.arcEdge[$0]) }.filter { network.edgeMode[$0] != .access })
                    var w = weights
                    for arc in 0..<network.graph.arcCount where cut.contains(Int(network.graph.arcEdge[arc])) { w[arc] = .infinity }
                    dijkstra.run(from: [s], weights: w, target: t)
                    alternative = dijkstra.distance(to: t)
                }
                pairs.append(Pair(from: network.places[a].name, to: network.places[b].name, hours: best / 3600, alternativeHours: alternative / 3600))
            }
        }
        let connected = pairs.filter { $0.hours.isFinite }
        let n = Double(max(1, connected.count))
        let withAlternative = connected.filter { $0.alternativeHours.isFinite }
        return ClusterCohesion(
            name: name, cities: cities.map { network.places[$0].name }, pairs: pairs, connectedPairs: connected.count,
            meanHours: connected.isEmpty ? .infinity : connected.reduce(0) { $0 + $1.hours } / n,
            maxHours: pairs.isEmpty ? 0 : (connected.count < pairs.count ? .infinity : connected.map(\.hours).max()!),
            shareWithin1Hour: Double(connected.filter { $0.hours <= 1 }.count) / Double(max(1, pairs.count)),
            shareWithin2Hours: Double(connected.filter { $0.hours <= 2 }.count) / Double(max(1, pairs.count)),
            shareWithAlternative: connected.isEmpty ? 0 : Double(withAlternative.count) / n,
            meanAlternativeRatio: withAlternative.isEmpty ? nil : withAlternative.reduce(0) { $0 + $1.alternativeHours / $1.hours } / Double(withAlternative.count))
    }
}
