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

extension Criticality {
    /// The loss when one link is removed: population-weighted hours added between the most
    /// populous places, and the pairs it cuts.
    public struct LinkLoss: Sendable, Codable, Hashable {
        public var edge: Int
        public var mode: String
        public var source: String
        /// "id/mode" when the link is a border crossing's edge.
        public var crossing: String?
        /// Σ P_a P_b Δt / Σ P_a P_b over the pairs still connected, hours.
        public var weightedHoursAdded: Double
        public var pairsDisconnected: Int
        /// Pairs whose time rises or that are cut.
        public var pairsAffected: Int
        /// Pairs whose shortest path (as found) uses the link.
        public var pairsUsing: Int
        public var isBridge: Bool
        /// One of the link's ends is an articulation point.
        public var touchesArticulationPoint: Bool
        public var lon: Double
        public var lat: Double
    }

    public struct LinkCriticality: Sendable, Codable {
        /// Ranked: pairs cut first, then hours added.
        public var links: [LinkLoss]
        public var places: Int
        public var edgesTotal: Int
        /// Links on at least one pair's shortest path: the only ones whose loss can matter.
        public var edgesTested: Int
        /// Dijkstra trees run for the removals.
        public var treesRecomputed: Int
    }

    /// Every link's loss, computed only where it can be non-zero.
    ///
    /// A pair (a, b) can only lose if the link lies on a's shortest paths to the chosen places
    /// (otherwise a's paths survive) and on b's. So the base trees from the `places` most
    /// populous places give, for each link, the places that use it; a link used by fewer than
    /// two is skipped, and removing a link recomputes only its users' trees. Links are spread
    /// over `threads` workers, each with its own weights and Dijkstra; place access links are
    /// left out (every place's is a bridge to that place alone).
    public static func links(_ network: TransportNetwork, excluding: Set<Mode> = [], places count: Int = 40, threads: Int = 1) -> LinkCriticality {
        let weights = network.arcSeconds(excluding: excluding)
        let graph = network.graph
        let top = network.mostPopulousPlaces(count)
        let nodes = top.map { Int(network.places[$0].node) }, pops = top.map { network.places[$0].population }
        // Base rows and, per source, the edges on its paths to the other places.
        let base = Parallel.map(nodes.count, threads: threads, state: { Dijkstra(graph: graph) }) { d, s -> ([Double], [Int]) in
            d.run(from: [nodes[s]], weights: weights)
            var used = Set<Int>()
            for t in nodes.indices where t != s {
                for a in d.pathArcs(to: nodes[t]) ?? [] { used.insert(Int(graph.arcEdge[a])) }
            }
            return (nodes.map { d.distance(to: $0) }, used.sorted())
        }
        var users: [Int: [Int]] = [:]
        for (s, row) in base.enumerated() { for e in row.1 { users[e, default: []].append(s) } }
        let candidates = users.keys.filter { users[$0]!.count >= 2 && network.edgeMode[$0] != .access }.sorted()
        var arcsOf: [Int: [Int]] = [:]
        let wanted = Set(candidates)
        for a in 0..<graph.arcCount where wanted.contains(Int(graph.arcEdge[a])) { arcsOf[Int(graph.arcEdge[a]), default: []].append(a) }
        var connectedWeight = 0.0
        for a in nodes.indices { for b in (a + 1)..<max(a + 1, nodes.count) where base[a].0[b].isFinite { connectedWeight += pops[a] * pops[b] } }

        let cuts = BridgesAndCuts(graph, weights: weights)
        let bridges = Set(cuts.bridges), articulation = Set(cuts.articulationPoints)
        let totalWeight = connectedWeight, arcsByEdge = arcsOf, usersByEdge = users
        let losses = Parallel.map(candidates.count, threads: threads, state: { (Dijkstra(graph: graph), weights) }) { state, k -> LinkLoss in
            let e = candidates[k]
            let arcs = arcsByEdge[e] ?? []
            for a in arcs { state.1[a] = .infinity }
            let who = usersByEdge[e]!
            var added = 0.0, lostWeight = 0.0, lost = 0, affected = 0, using = 0
            // Each pair once, from its smaller index; the last user has no pair left.
            for (k, s) in who.enumerated() where k + 1 < who.count {
                let later = who[(k + 1)...]
                state.0.run(from: [nodes[s]], weights: state.1, targets: later.map { nodes[$0] })
                for t in later {
                    using += 1
                    let before = base[s].0[t], after = state.0.distance(to: nodes[t])
                    let w = pops[s] * pops[t]
                    if !after.isFinite { lost += 1; affected += 1; lostWeight += w; continue }
                    if after > before + 1e-6 { affected += 1; added += w * (after - before) / 3600 }
                }
            }
            for a in arcs { state.1[a] = weights[a] }
            let shape = network.shape(of: e)
            let mid = shape[shape.count / 2]
            let c = Int(network.edgeCrossing[e])
            let remaining = totalWeight - lostWeight
            return LinkLoss(edge: e, mode: network.edgeMode[e].rawValue, source: network.edgeSource[e],
                            crossing: c >= 0 ? "\(network.crossings[c].id)/\(network.crossings[c].mode.rawValue)" : nil,
                            weightedHoursAdded: remaining > 0 ? added / remaining : 0, pairsDisconnected: lost, pairsAffected: affected,
                            pairsUsing: using, isBridge: bridges.contains(e),
                            touchesArticulationPoint: articulation.contains(Int(network.edgeTail[e])) || articulation.contains(Int(network.edgeHead[e])),
                            lon: mid.lon, lat: mid.lat)
        }
        let ranked = losses.sorted { ($0.pairsDisconnected, $0.weightedHoursAdded, $1.edge) > ($1.pairsDisconnected, $1.weightedHoursAdded, $0.edge) }
        return LinkCriticality(links: ranked, places: nodes.count, edgesTotal: network.edgeCount, edgesTested: candidates.count,
                               treesRecomputed: candidates.reduce(0) { $0 + users[$1]!.count - 1 })
    }
}
