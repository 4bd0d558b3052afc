import CorridorData
import CorridorNetwork
import Foundation

/// Which gateways and hubs carry the region's main flows: for each border crossing, seaport
/// and road–rail terminal, the population-weighted share of fastest paths between the most
/// populous places that pass it. Compared before and after an option, it shows hub
/// succession (rank shifts) and the bypass losers (gateways whose share falls).
public struct GatewayUsage: Sendable, Codable {
    public struct Gateway: Sendable, Codable, Hashable {
        /// "crossing:ID", "port:ID" or "terminal:NAME".
        public var id: String
        public var name: String
        public var kind: String
        /// Share of the connected pairs' weight P_a·P_b whose fastest path passes the gateway.
        public var share: Double
        public var pairs: Int
    }

    public var places: Int
    /// By share, largest first.
    public var gateways: [Gateway]

    public static func compute(_ network: TransportNetwork, excluding: Set<Mode> = [], places count: Int = 40, threads: Int = 1) -> GatewayUsage {

        network.assumeTwoWay("gateway usage")
        let chosen = network.mostPopulousPlaces(count)
        let nodes = chosen.map { Int(network.places[$0].node) }, pops = chosen.map { network.places[$0].population }
        let weights = network.arcSeconds(excluding: excluding), graph = network.graph
        var hubName: [Int: (String, String, String)] = [:]
        for p in network.ports { hubName[Int(p.node)] = ("port:\(p.id)", p.name, "seaport") }
        for v in 0..<network.nodeCount where network.nodeKind[v] == .terminal && hubName[v] == nil {
            let c = network.coordinate(of: v)
            func d2(_ p: NetworkPlace) -> Double {
                let q = network.coordinate(of: Int(p.node))
                return (q.lon - c.lon) * (q.lon - c.lon) + (q.lat - c.lat) * (q.lat - c.lat)
            }
            let near = network.places.min { d2($0) < d2($1) }
            hubName[v] = ("terminal:\(v)", "terminal \(near?.name ?? "\(v)")", "terminal")
        }
        let hubs = hubName
        // Per source: for each later place, the gateways on its fastest path.
        let rows = Parallel.map(nodes.count, threads: threads, state: { Dijkstra(graph: graph) }) { d, s -> [[String]?] in
            d.run(from: [nodes[s]], weights: weights)
            return nodes.indices.map { t -> [String]? in
                guard t > s, let arcs = d.pathArcs(to: nodes[t]) else { return nil }
                var ids = Set<String>()
                for a in arcs {
                    let c = Int(network.edgeCrossing[Int(graph.arcEdge[a])])
                    if c >= 0 { ids.insert("crossing:\(network.crossings[c].id)") }
                    if let h = hubs[Int(graph.head[a])] { ids.insert(h.0) }
                }
                return ids.sorted()
            }
        }
        var weight: [String: Double] = [:], pairs: [String: Int] = [:]
        var total = 0.0
        for s in nodes.indices {
            for t in (s + 1)..<max(s + 1, nodes.count) {
                guard let ids = rows[s][t] else { continue }  // not connected
                let w = pops[s] * pops[t]
                total += w
                for id in ids { weight[id, default: 0] += w; pairs[id, default: 0] += 1 }
            }
        }
        var names: [String: (String, String)] = [:]
        for x in network.crossings { names["crossing:\(x.id)"] = (x.name.isEmpty ? x.id : x.name, "crossing") }
        for node in hubs.keys.sorted() { let h = hubs[node]!; names[h.0] = (h.1, h.2) }  // a repeated id: the last node's name
        return GatewayUsage(places: nodes.count, gateways: weight.map { id, w in
            Gateway(id: id, name: names[id]?.0 ?? id, kind: names[id]?.1 ?? "", share: total > 0 ? w / total : 0, pairs: pairs[id] ?? 0)
        }.sorted { ($0.share, $1.id) > ($1.share, $0.id) })
    }
}

/// Gateways before and after an option: ranks, shifts, and the bypass losers.
public struct HubSuccession: Sendable, Codable {
    public struct Row: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var kind: String
        public var shareBefore: Double
        public var shareAfter: Double
        /// 1-based; nil when the gateway carries no pair.
        public var rankBefore: Int?
        public var rankAfter: Int?
    }

    /// Every gateway used before or after, by rank after.
    public var rows: [Row]
    /// Gateways whose share falls by more than 0.1 percentage point, largest fall first.
    public var bypassed: [Row]

    public init(before: GatewayUsage, after: GatewayUsage) {
        let b = Dictionary(uniqueKeysWithValues: before.gateways.enumerated().map { ($1.id, ($0 + 1, $1)) })
        let a = Dictionary(uniqueKeysWithValues: after.gateways.enumerated().map { ($1.id, ($0 + 1, $1)) })
        rows = Set(b.keys).union(a.keys).map { id in
            let g = a[id]?.1 ?? b[id]!.1
            return Row(id: id, name: g.name, kind: g.kind, shareBefore: b[id]?.1.share ?? 0, shareAfter: a[id]?.1.share ?? 0,
                       rankBefore: b[id]?.0, rankAfter: a[id]?.0)
        }.sorted { ($0.rankAfter ?? Int.max, $0.id) < ($1.rankAfter ?? Int.max, $1.id) }
        bypassed = rows.filter { $0.shareAfter < $0.shareBefore - 0.001 }.sorted { ($0.shareBefore - $0.shareAfter, $1.id) > ($1.shareBefore - $1.shareAfter, $0.id) }
    }
}
