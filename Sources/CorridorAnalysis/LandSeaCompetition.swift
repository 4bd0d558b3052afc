import CorridorData
import CorridorNetwork
import Foundation

/// Land against sea gateways: for cross-border pairs of the most populous places, the best
/// route by land (through border crossings, sea closed) against the best route that must go
/// by sea (every land border link closed), weighted by gravity P_a·P_b·exp(−β·t_best). A new
/// land corridor is competitive where it captures pairs from shipping.
public struct LandSeaCompetition: Sendable, Codable {
    public struct CountryPair: Sendable, Codable, Hashable {
        public var countries: String
        public var pairs: Int
        /// Gravity-weighted share of pairs where land is faster.
        public var landShare: Double
        /// Population-weighted mean hours, over pairs connected both ways.
        public var meanLandHours: Double?
        public var meanSeaHours: Double?
    }

    public struct CrossingCapture: Sendable, Codable, Hashable {
        public var crossing: String
        public var name: String
        /// Pairs whose land route passes the crossing.
        public var pairs: Int
        /// Gravity-weighted share of those pairs where land beats sea.
        public var landCaptureShare: Double
    }

    public var places: Int
    public var pairs: Int
    public var landShare: Double
    public var byCountryPair: [CountryPair]
    public var byCrossing: [CrossingCapture]

    public static func compute(_ network: TransportNetwork, places count: Int = 40, beta: Double = 0.1, threads: Int = 1) -> LandSeaCompetition {

        network.assumeTwoWay("land-sea competition")
        let chosen = network.mostPopulousPlaces(count)
        let p = chosen.map { network.places[$0] }, nodes = p.map { Int($0.node) }
        let land = network.arcSeconds(excluding: [.sea])
        var seaOnly = network.arcSeconds()
        for a in 0..<network.graph.arcCount {
            let e = Int(network.graph.arcEdge[a])
            if network.edgeIsBorder[e] && [.road, .rail].contains(network.edgeMode[e]) { seaOnly[a] = .infinity }
        }
        let graph = network.graph, sea = seaOnly
        // Per source: land times and the crossings on each land route; sea times.
        let rows = Parallel.map(nodes.count, threads: threads, state: { Dijkstra(graph: graph) }) { d, s -> ([Double], [[Int]], [Double]) in
            d.run(from: [nodes[s]], weights: land)
            let landTimes = nodes.map { d.distance(to: $0) }
            let crossings = nodes.map { t -> [Int] in
                (d.pathArcs(to: t) ?? []).compactMap { a in
                    let c = Int(network.edgeCrossing[Int(graph.arcEdge[a])])
                    return c >= 0 ? c : nil
                }
            }
            d.run(from: [nodes[s]], weights: sea)
            return (landTimes, crossings, nodes.map { d.distance(to: $0) })
        }
        struct Acc { var pairs = 0, landWeight = 0.0, weight = 0.0, landHours = 0.0, seaHours = 0.0, both = 0.0 }
        var byPair: [String: Acc] = [:], byCrossing: [Int: Acc] = [:]
        var total = Acc()
        for a in nodes.indices {
            for b in (a + 1)..<nodes.count where p[a].country != p[b].country {
                let tl = rows[a].0[b], ts = rows[a].2[b]
                let best = min(tl, ts)
                guard best.isFinite else { continue }
                let w = p[a].population * p[b].population * exp(-beta * best / 3600)
                let landWins = tl <= ts
                let key = [p[a].country, p[b].country].sorted().joined(separator: "-")
                var acc = byPair[key, default: Acc()]
                acc.pairs += 1
                acc.weight += w
                if landWins { acc.landWeight += w }
                if tl.isFinite && ts.isFinite {
                    let pw = p[a].population * p[b].population
                    acc.both += pw; acc.landHours += pw * tl / 3600; acc.seaHours += pw * ts / 3600
                }
                byPair[key] = acc
                total.pairs += 1; total.weight += w
                if landWins { total.landWeight += w }
                if tl.isFinite {
                    for c in Set(rows[a].1[b]) {
                        byCrossing[c, default: Acc()].pairs += 1
                        byCrossing[c]!.weight += w
                        if landWins { byCrossing[c]!.landWeight += w }
                    }
                }
            }
        }
        return LandSeaCompetition(
            places: nodes.count, pairs: total.pairs, landShare: total.weight > 0 ? total.landWeight / total.weight : 0,
            byCountryPair: byPair.sorted { $0.key < $1.key }.map { k, v in
                CountryPair(countries: k, pairs: v.pairs, landShare: v.weight > 0 ? v.landWeight / v.weight : 0,
                            meanLandHours: v.both > 0 ? v.landHours / v.both : nil, meanSeaHours: v.both > 0 ? v.seaHours / v.both : nil)
            },
            byCrossing: byCrossing.map { c, v in
                let x = network.crossings[c]
                return CrossingCapture(crossing: "\(x.id)/\(x.mode.rawValue)", name: x.name, pairs: v.pairs,
                                       landCaptureShare: v.weight > 0 ? v.landWeight / v.weight : 0)
            }.sorted { ($0.pairs, $1.crossing) > ($1.pairs, $0.crossing) })
    }
}
