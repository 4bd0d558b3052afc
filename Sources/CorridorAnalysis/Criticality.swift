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

    /// Each open crossing closed in turn (all its border edges), re-routing only the pairs
    /// whose base paths pass it (see `links`).
    public static func crossings(_ network: TransportNetwork, excluding: Set<Mode> = [], places count: Int = 40, threads: Int = 1) -> [CrossingLoss] {
        network.assumeTwoWay("criticality")
        return crossings(network, base: PairBase(network, excluding: excluding, places: count, threads: threads), threads: threads)
    }

    /// Links and crossings from one set of base trees (what `corridor criticality` and the
    /// report need): the same as calling `links` and `crossings`, with the base built once.
    ///   - shard: the share of the tested links and of the open crossings to compute: the
    ///     links of every share merged by ``LinkCriticality/merged(_:)`` and the crossings by
    ///     ``ranked(_:)`` are the whole result.
    public static func linksAndCrossings(_ network: TransportNetwork, excluding: Set<Mode> = [], places count: Int = 40,
                                         threads: Int = 1, shard: Shard = .whole) -> (links: LinkCriticality, crossings: [CrossingLoss]) {
        network.assumeTwoWay("criticality")
        let p = PairBase(network, excluding: excluding, places: count, threads: threads)
        return (links(network, base: p, threads: threads, shard: shard), crossings(network, base: p, threads: threads, shard: shard))
    }

    /// Crossing losses in their order: pairs cut first, then hours added, then by id.
    /// - Parameter losses: the losses of one or more shares.
    public static func ranked(_ losses: [CrossingLoss]) -> [CrossingLoss] {
        losses.sorted { ($0.pairsDisconnected, $0.weightedHoursAdded, $1.crossing) > ($1.pairsDisconnected, $1.weightedHoursAdded, $0.crossing) }
    }

    /// The open crossings with border edges (the ones `linksAndCrossings` closes), and each
    /// crossing's edges.
    static func testedCrossings(_ network: TransportNetwork) -> (open: [Int], edgesOf: [Int: [Int]]) {
        var edgesOf: [Int: [Int]] = [:]
        for e in 0..<network.edgeCount where network.edgeCrossing[e] >= 0 { edgesOf[Int(network.edgeCrossing[e]), default: []].append(e) }
        return (network.crossings.indices.filter { network.crossings[$0].isOpen && edgesOf[$0] != nil }, edgesOf)
    }

    static func crossings(_ network: TransportNetwork, base p: PairBase, threads: Int, shard: Shard = .whole) -> [CrossingLoss] {
        let (allOpen, edgeSets) = testedCrossings(network)
        let open = Array(allOpen[shard.range(of: allOpen.count)])
        let losses = Parallel.map(open.count, threads: threads, state: { p.worker() }) { state, k -> CrossingLoss in
            let i = open[k], x = network.crossings[i]
            let who = Array(Set(edgeSets[i]!.flatMap { p.users[$0] ?? [] })).sorted()
            let l = p.loss(removing: edgeSets[i]!, users: who, state: &state)
            return CrossingLoss(crossing: "\(x.id)/\(x.mode.rawValue)", name: x.name, weightedHoursAdded: l.weightedHours,
                                pairsDisconnected: l.lost, pairsUsing: l.affected)
        }
        return ranked(losses)
    }

    /// How many open crossings `linksAndCrossings` tests (the items its crossings are shared by).
    /// - Parameter network: the network.
    public static func testedCrossingCount(_ network: TransportNetwork) -> Int { testedCrossings(network).open.count }

    public static func bridges(_ network: TransportNetwork, excluding: Set<Mode> = []) -> [BridgeLoss] {
        network.assumeTwoWay("criticality")
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
    /// populous places, and the pairs it cuts. A link is a chain of edges between junctions
    /// (its inner nodes have degree 2 and hold no place), so losing any of its edges loses
    /// all of it.
    public struct LinkLoss: Sendable, Codable, Hashable {
        /// The representative edge: the chain's crossing edge if it has one, else its longest.
        public var edge: Int
        /// Every edge of the chain, ascending.
        public var edges: [Int]
        public var kilometers: Double
        public var mode: String
        public var source: String
        /// "id/mode" when the chain passes a border crossing.
        public var crossing: String?
        /// Σ P_a P_b Δt / Σ P_a P_b over the pairs still connected, hours.
        public var weightedHoursAdded: Double
        public var pairsDisconnected: Int
        /// Pairs whose time rises or that are cut.
        public var pairsAffected: Int
        /// Pairs with the link on one of their shortest paths.
        public var pairsUsing: Int
        public var isBridge: Bool
        /// One of the link's ends is an articulation point.
        public var touchesArticulationPoint: Bool
        public var lon: Double
        public var lat: Double
    }

    public struct LinkCriticality: Sendable, Codable {
        /// Links in their order: pairs cut first, then hours added, then by edge.
        /// - Parameter losses: the losses of one or more shares.
        public static func ranked(_ losses: [LinkLoss]) -> [LinkLoss] {
            losses.sorted { ($0.pairsDisconnected, $0.weightedHoursAdded, $1.edge) > ($1.pairsDisconnected, $1.weightedHoursAdded, $0.edge) }
        }

        /// The shares (``Shard``) of one job as the whole: their links together, ranked.
        /// - Parameter parts: the results of every share of the same inputs.
        public static func merged(_ parts: [LinkCriticality]) -> LinkCriticality {
            var out = parts[0]
            out.links = ranked(parts.flatMap(\.links))
            return out
        }

        /// Ranked: pairs cut first, then hours added.
        public var links: [LinkLoss]
        public var places: Int
        public var edgesTotal: Int
        /// Edges on at least one pair's shortest path: the only ones whose loss can matter.
        public var edgesOnPaths: Int
        /// Links (chains) those edges form; each is removed once.
        public var linksTested: Int
        /// Pairs checked for the removals (at most one A* query each; only pairs with a
        /// removed link on a shortest path are re-routed).
        public var pairQueries: Int
    }

    /// Every link's loss, computed only where it can be non-zero.
    ///
    /// A pair (a, b) can only lose if the link lies on a's shortest paths to the chosen places
    /// (otherwise a's paths survive) and on b's. So the base trees from the `places` most
    /// populous places give, for each edge, the places that use it; an edge used by fewer than
    /// two is skipped. Edges of one chain share their users and their loss, so each chain is
    /// removed once, and a removal re-routes only the pairs among its users, by A* with the
    /// base tree of the destination as the potential (exact before the removal, a lower bound
    /// after), which explores little beyond the detour. Chains are spread over `threads` workers, each with its own
    /// weights and Dijkstra; place access links are left out (every place's is a bridge to
    /// that place alone).
    public static func links(_ network: TransportNetwork, excluding: Set<Mode> = [], places count: Int = 40, threads: Int = 1) -> LinkCriticality {
        network.assumeTwoWay("criticality")
        return links(network, base: PairBase(network, excluding: excluding, places: count, threads: threads), threads: threads)
    }

    static func links(_ network: TransportNetwork, base p: PairBase, threads: Int, shard: Shard = .whole) -> LinkCriticality {
        let weights = p.weights, graph = network.graph, nodes = p.nodes, users = p.users
        let onPaths = users.keys.filter { users[$0]!.count >= 2 && network.edgeMode[$0] != .access }.sorted()

        // Chains: edges joined at open nodes of degree 2.
        var degree = [Int](repeating: 0, count: graph.nodeCount)
        for v in 0..<graph.nodeCount {
            for a in graph.arcs(of: v) where weights[a].isFinite { degree[v] += 1 }
        }
        var chains = UnionFind(count: network.edgeCount)
        var firstEdgeAt = [Int](repeating: -1, count: graph.nodeCount)
        let placeNodes = Set(nodes)
        for a in 0..<graph.arcCount where weights[a].isFinite {
            let v = Int(graph.head[a])
            guard degree[v] == 2 && !placeNodes.contains(v) else { continue }
            let e = Int(graph.arcEdge[a])
            if firstEdgeAt[v] < 0 { firstEdgeAt[v] = e } else { chains.union(firstEdgeAt[v], e) }
        }
        var members: [Int: [Int]] = [:]
        for e in onPaths { members[chains.find(e), default: []].append(e) }
        let groups = members.keys.sorted().map { members[$0]! }
        let candidates = groups.map { $0[0] }

        let cuts = BridgesAndCuts(graph, weights: weights)
        let bridges = Set(cuts.bridges), articulation = Set(cuts.articulationPoints)
        let mine = shard.range(of: candidates.count)
        let losses = Parallel.map(mine.count, threads: threads, state: { p.worker() }) { state, i -> LinkLoss in
            let k = mine.lowerBound + i
            let e = candidates[k], chain = groups[k]
            let l = p.loss(removing: [e], users: users[e]!, state: &state)
            let shown = chain.first { network.edgeCrossing[$0] >= 0 } ?? chain.max { network.edgeLengthMeters[$0] < network.edgeLengthMeters[$1] }!
            let shape = network.shape(of: shown)
            let mid = shape[shape.count / 2]
            let c = Int(network.edgeCrossing[shown])
            return LinkLoss(edge: shown, edges: chain, kilometers: chain.reduce(0) { $0 + network.edgeLengthMeters[$1] } / 1000,
                            mode: network.edgeMode[shown].rawValue, source: network.edgeSource[shown],
                            crossing: c >= 0 ? "\(network.crossings[c].id)/\(network.crossings[c].mode.rawValue)" : nil,
                            weightedHoursAdded: l.weightedHours, pairsDisconnected: l.lost, pairsAffected: l.affected,
                            pairsUsing: l.using, isBridge: chain.contains { bridges.contains($0) },
                            touchesArticulationPoint: chain.contains { articulation.contains(Int(network.edgeTail[$0])) || articulation.contains(Int(network.edgeHead[$0])) },
                            lon: mid.lon, lat: mid.lat)
        }
        return LinkCriticality(links: LinkCriticality.ranked(losses), places: nodes.count, edgesTotal: network.edgeCount, edgesOnPaths: onPaths.count,
                               linksTested: candidates.count, pairQueries: candidates.reduce(0) { let u = users[$1]!.count; return $0 + u * (u - 1) / 2 })
    }
}

/// The base of every removal: trees from the most populous places, which edges each place's
/// paths use, and the loss of removing a set of edges, re-routing only the pairs that used it.
struct PairBase: Sendable {
    let network: TransportNetwork
    let weights: [Double]
    let nodes: [Int]
    let pops: [Double]
    /// Times among the chosen places.
    let times: [[Double]]
    /// Each place's full base tree: the exact A* potential towards it.
    let trees: [[Double]]
    /// Per edge, the places (ascending) whose paths to the other places use it.
    let users: [Int: [Int]]
    /// Σ P_a P_b over connected pairs.
    let connectedWeight: Double

    init(_ network: TransportNetwork, excluding: Set<Mode>, places count: Int, threads: Int) {
        let graph = network.graph, weights = network.arcSeconds(excluding: excluding)
        let top = network.mostPopulousPlaces(count)
        let nodes = top.map { Int(network.places[$0].node) }
        let base = Parallel.map(nodes.count, threads: threads, state: { Dijkstra(graph: graph) }) { d, s -> ([Double], [Int], [Double]) in
            d.run(from: [nodes[s]], weights: weights)
            var used = Set<Int>()
            for t in nodes.indices where t != s {
                for a in d.pathArcs(to: nodes[t]) ?? [] { used.insert(Int(graph.arcEdge[a])) }
            }
            return (nodes.map { d.distance(to: $0) }, used.sorted(), d.distances())
        }
        var users: [Int: [Int]] = [:]
        for (s, row) in base.enumerated() { for e in row.1 { users[e, default: []].append(s) } }
        let pops = top.map { network.places[$0].population }
        var w = 0.0
        for a in nodes.indices { for b in (a + 1)..<max(a + 1, nodes.count) where base[a].0[b].isFinite { w += pops[a] * pops[b] } }
        self.network = network
        self.weights = weights
        self.nodes = nodes
        self.pops = pops
        times = base.map(\.0)
        trees = base.map(\.2)
        self.users = users
        connectedWeight = w
    }

    struct Worker {
        var dijkstra: Dijkstra
        var weights: [Double]
    }

    func worker() -> Worker { Worker(dijkstra: Dijkstra(graph: network.graph), weights: weights) }

    struct Loss { var weightedHours = 0.0, lost = 0, affected = 0, using = 0 }

    /// The loss when `edges` are removed, over the pairs among `who` (ascending place
    /// indices: the only pairs that can lose) that have a removed arc on one of their
    /// shortest paths (tested with the two base trees). Each is re-routed once by A* from the
    /// smaller index to the larger, guided by the larger's base tree (removing links never
    /// shortens a path, so the base distances are a consistent lower bound).
    func loss(removing edges: [Int], users who: [Int], state: inout Worker) -> Loss {
        let graph = network.graph
        var arcs: [Int] = [], removed: [(tail: Int, head: Int, weight: Double)] = []
        for e in Set(edges).sorted() {
            for v in Set([Int(network.edgeTail[e]), Int(network.edgeHead[e])]).sorted() {
                for a in graph.arcs(of: v) where Int(graph.arcEdge[a]) == e {
                    arcs.append(a)
                    removed.append((v, Int(graph.head[a]), weights[a]))
                }
            }
        }
        for a in arcs { state.weights[a] = .infinity }
        var l = Loss()
        var added = 0.0, lostWeight = 0.0
        for (k, s) in who.enumerated() where k + 1 < who.count {
            for t in who[(k + 1)...] {
                let before = times[s][t]
                guard before.isFinite else { continue }
                // Only a pair with a removed arc on one of its shortest paths can lose:
                // d(s, u) + w(u, v) + d(v, t) = d(s, t).
                let fromS = trees[s], toT = trees[t]
                let slack = 1e-9 * before + 1e-6
                guard removed.contains(where: { fromS[$0.tail] + $0.weight + toT[$0.head] <= before + slack }) else { continue }
                l.using += 1
                let after = trees[t].withUnsafeBufferPointer {
                    state.dijkstra.distance(from: nodes[s], to: nodes[t], weights: state.weights, potential: $0)
                }
                let w = pops[s] * pops[t]
                if !after.isFinite { l.lost += 1; l.affected += 1; lostWeight += w; continue }
                if after > before + 1e-6 { l.affected += 1; added += w * (after - before) / 3600 }
            }
        }
        for a in arcs { state.weights[a] = weights[a] }
        let remaining = connectedWeight - lostWeight
        l.weightedHours = remaining > 0 ? added / remaining : 0
        return l
    }
}
