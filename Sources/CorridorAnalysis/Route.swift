import CorridorData
import CorridorNetwork

/// A fastest route with its legs by mode and the crossings it passes.
public struct Route: Sendable {
    public struct Leg: Sendable, Hashable, Codable {
        public var mode: String
        public var seconds: Double
        public var meters: Double
    }

    public var nodes: [Int]
    public var edges: [Int]
    public var seconds: Double
    public var meters: Double
    /// Consecutive edges of one mode merged into legs.
    public var legs: [Leg]
    /// Crossing ids (with mode) in the order passed.
    public var crossings: [String]
    /// The gauge changes passed (rail crossings between 1,435 mm and 1,520 mm networks), in
    /// order; their time is part of the rail leg that crosses.
    public var gaugeChanges: [GaugeChange] = []

    /// A change of track gauge on the route.
    public struct GaugeChange: Sendable, Hashable, Codable {
        /// "id/rail".
        public var crossing: String
        public var hours: Double
        /// Method, gauges and source.
        public var how: String
    }

    /// The fastest route between two nodes under the network's current costs, or nil when the
    /// destination cannot be reached.
    public static func fastest(in network: TransportNetwork, from a: Int, to b: Int, weights: [Double]? = nil) -> Route? {
        let w = weights ?? network.arcSeconds()
        let dijkstra = Dijkstra(graph: network.graph)
        dijkstra.run(from: [a], weights: w, target: b)
        guard let arcs = dijkstra.pathArcs(to: b) else { return nil }
        var nodes = [a], edges: [Int] = [], legs: [Leg] = [], crossings: [String] = [], gauges: [GaugeChange] = []
        var meters = 0.0
        for arc in arcs {
            let e = Int(network.graph.arcEdge[arc])
            edges.append(e)
            nodes.append(Int(network.graph.head[arc]))
            meters += network.edgeLengthMeters[e]
            let mode = network.edgeMode[e].rawValue
            if legs.last?.mode == mode {
                legs[legs.count - 1].seconds += w[arc]
                legs[legs.count - 1].meters += network.edgeLengthMeters[e]
            } else {
                legs.append(Leg(mode: mode, seconds: w[arc], meters: network.edgeLengthMeters[e]))
            }
            let c = Int(network.edgeCrossing[e])
            if c >= 0 {
                let x = network.crossings[c]
                crossings.append("\(x.id)/\(x.mode.rawValue)")
                if let how = x.gaugeChangeDescription {
                    gauges.append(GaugeChange(crossing: "\(x.id)/\(x.mode.rawValue)", hours: x.gaugeChangeSeconds / 3600, how: how))
                }
            }
        }
        return Route(nodes: nodes, edges: edges, seconds: dijkstra.distance(to: b), meters: meters, legs: legs, crossings: crossings,
                     gaugeChanges: gauges)
    }
}
