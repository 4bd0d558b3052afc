import CorridorData
import CorridorNetwork

/// Which links a network cannot afford to lose.
/// - Crossings: close each open crossing in turn and measure the population-weighted hours
///   added between the most populous places, and the pairs it disconnects.
/// - Bridges: every edge whose loss splits its component; the population cut off is the
///   smaller side's, from depth-first subtree sums (one pass, O(n + m)). Place access arcs are
///   left out (every leaf's arc is a bridge).
public enum Criticality {
    public struct CrossingLoss: Sendable, Codable, Hashable {
        public var crossing: String
        public var name: String
        public var weightedHoursAdded: Double
        public var pairsDisconnected: Int
        public var pairsUsing: Int
    }

    public struct BridgeLoss: Sendable, Codable, Hashable {
        public var edge: Int
        public var mode: String
        public var source: String
        public var populationCutOff: Double
        public var lon: Double
        public var lat: Double
    }

    public static func crossings(_ network: TransportNetwork, excluding: Set<Mode> = [], places count: Int = 40) -> [CrossingLoss] {
        let top = network.mostPopulousPlaces(count)
        let nodes = top.map { Int(network.places[$0].node) }, pops = top.map { network.places[$0].population }
        func matrix(_ n: TransportNetwork) -> [[Double]] {
            let w = n.arcSeconds(excluding: excluding)
            let d = Dijkstra(graph: n.graph)
            return nodes.map { s in d.run(from: [s], weights: w); return nodes.map { d.distance(to: $0) } }
        }
        let base = matrix(network)
        var out: [CrossingLoss] = []
        for (i, x) in network.crossings.enumerated() where x.isOpen && network.edgeCrossing.contains(Int32(i)) {
            var closed = network
            closed.crossings[i].status = .closed
            let after = matrix(closed)
            var added = 0.0, weights = 0.0, lost = 0, using = 0
            for a in 0..<nodes.count {
                for b in (a + 1)..<max(a + 1, nodes.count) where base[a][b].isFinite {
                    let w = pops[a] * pops[b]
                    if !after[a][b].isFinite { lost += 1; using += 1; continue }
                    if after[a][b] > base[a][b] + 1e-3 { using += 1 }
                    added += w * (after[a][b] - base[a][b]) / 3600
                    weights += w
                }
            }
            out.append(CrossingLoss(crossing: "\(x.id)/\(x.mode.rawValue)", name: x.name, weightedHoursAdded: weights > 0 ? added / weights : 0,
                                    pairsDisconnected: lost, pairsUsing: using))
        }
        return out.sorted { ($0.pairsDisconnected, $0.weightedHoursAdded, $1.crossing) > ($1.pairsDisconnected, $1.weightedHoursAdded, $0.crossing) }
    }

    public static func bridges(_ network: TransportNetwork, excluding: Set<Mode> = []) -> [BridgeLoss] {
        let w = network.arcSeconds(excluding: excluding)
        let g = network.graph
        var placePopulation = [Double](repeating: 0, count: network.nodeCount)
        for p in network.places { placePopulation[Int(p.node)] += p.population }
        // Iterative DFS: order, parent edge, subtree population; low-links for bridges.
        var index = [Int](repeating: -1, count: g.nodeCount), low = [Int](repeating: 0, count: g.nodeCount)
        var subtree = placePopulation, rootOf = [Int](repeating: 0, count: g.nodeCount)
        var componentPopulation: [Int: Double] = [:]
        var bridges: [(edge: Int, child: Int)] = []
        var counter = 0
        for root in 0..<g.nodeCount where index[root] < 0 {
            var stack: [(node: Int, via: Int, next: Int)] = [(root, -1, Int(g.firstOut[root]))]
            index[root] = counter; low[root] = counter; counter += 1
            while !stack.isEmpty {
                let top = stack.count - 1
                let (u, via, next) = stack[top]
                rootOf[u] = root
                if next < Int(g.firstOut[u + 1]) {
                    stack[top].next += 1
                    guard w[next].isFinite else { continue }
                    let e = Int(g.arcEdge[next])
                    if e == via { continue }
                    let v = Int(g.head[next])
                    if index[v] < 0 {
                        index[v] = counter; low[v] = counter; counter += 1
                        stack.append((v, e, Int(g.firstOut[v])))
                    } else { low[u] = min(low[u], index[v]) }
                } else {
                    stack.removeLast()
                    guard let parent = stack.last?.node else { continue }
                    low[parent] = min(low[parent], low[u])
                    subtree[parent] += subtree[u]
                    if low[u] > index[parent] { bridges.append((via, u)) }
                }
            }
            componentPopulation[root] = subtree[root]
        }
        return bridges.compactMap { edge, child -> BridgeLoss? in
            guard network.edgeMode[edge] != .access else { return nil }
            let inside = subtree[child], total = componentPopulation[rootOf[child]] ?? inside
            let cut = min(inside, total - inside)
            let s = network.shape(of: edge)
            let mid = s[s.count / 2]
            return BridgeLoss(edge: edge, mode: network.edgeMode[edge].rawValue, source: network.edgeSource[edge], populationCutOff: cut, lon: mid.lon, lat: mid.lat)
        }.sorted { ($0.populationCutOff, $1.edge) > ($1.populationCutOff, $0.edge) }
    }
}
