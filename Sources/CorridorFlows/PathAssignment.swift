import CorridorAnalysis
import CorridorNetwork

/// User equilibrium by path-based gradient projection (R. Jayakrishnan, W. K. Tsai, J. N.
/// Prashker and S. Rajadhyaksha, "A faster path-based algorithm for traffic assignment",
/// Transportation Research Record 1443, 1994).
///
/// Every OD pair keeps the paths it uses, with their flows. An iteration first finds, for every
/// origin, the shortest-path tree at the current costs (in parallel; these trees also measure
/// the gap of the current flows), adds each pair's shortest path to its set, then moves flow
/// pair by pair (sequentially, so each move sees the costs the moves before it left): from
/// every path of the pair to its cheapest path, by the Newton step (cᵖ − c*) / (pce · s), s the
/// sum of the cost derivatives over the links the two paths do not share, at most the path's
/// flow. Paths left without flow are dropped. Each class keeps its own path sets; classes with
/// the same closed links share the trees.
///
/// Because the moves are sequential in origin and destination order and the trees do not
/// depend on the thread count, the flows are the same for any number of threads.
struct PathAssignment {
    let network: AssignmentNetwork
    let classes: [TrafficClass]
    let options: AssignmentOptions
    /// Per class, the path sets of an earlier run to start from (a warm start): each pair's
    /// paths keep their shares of the pair's trips; pairs new to the demand start all or nothing.
    var initialPaths: [[Int: OriginPaths]]? = nil

    /// One origin's OD pairs of one class and their paths: for destination k, paths
    /// `pathStart[k] ..< pathStart[k + 1]`; path p has links `linkStart[p] ..< linkStart[p + 1]`.
    struct OriginPaths {
        var destinations: [Int] = []
        var trips: [Double] = []
        var pathStart: [Int] = [0]
        var linkStart: [Int] = [0]
        var links: [Int32] = []
        var flow: [Double] = []
    }

    /// A shortest-path tree's answer for one origin: per destination, its cost and its path.
    struct Tree {
        var cost: [Double]
        var linkStart: [Int]
        var links: [Int32]
    }

    func solve(progress: ((IterationRecord) -> Void)?) -> AssignmentResult { solveKeepingPaths(progress: progress).result }

    /// The equilibrium and the path sets it ended with (to warm-start a later run).
    func solveKeepingPaths(progress: ((IterationRecord) -> Void)?) -> (result: AssignmentResult, paths: [[Int: OriginPaths]]) {
        let linkCount = network.linkCount, zones = network.zoneCount
        let cost = network.costs
        let pce = classes.map(\.passengerCarEquivalent)
        // Classes with the same closed links share one tree per origin.
        var groupOf: [Int] = [], groupClosed: [Set<Int>] = []
        for c in classes {
            if let g = groupClosed.firstIndex(of: c.closedLinks) { groupOf.append(g) } else { groupOf.append(groupClosed.count); groupClosed.append(c.closedLinks) }
        }
        let plans = classes.map { $0.demand.destinationsByOrigin() }
        // Per group, the origins with trips in any of its classes and their destinations.
        var groupTargets = [[Int: Set<Int>]](repeating: [:], count: groupClosed.count)
        for (c, plan) in plans.enumerated() {
            for (o, ds) in plan { groupTargets[groupOf[c]][o, default: []].formUnion(ds) }
        }
        let groupOrigins = groupTargets.map { $0.keys.sorted() }
        let groupTargetLists = groupTargets.map { $0.mapValues { $0.sorted() } }
        var paths: [[Int: OriginPaths]] = plans.enumerated().map { c, plan in
            Dictionary(uniqueKeysWithValues: plan.map { o, ds in
                let trips = ds.map { classes[c].demand.trips[o * zones + $0] }
                var op = OriginPaths(destinations: ds, trips: trips)
                guard let old = initialPaths?[c][o] else {
                    op.pathStart = Array(repeating: 0, count: ds.count + 1)
                    return (o, op)
                }
                let oldIndex = Dictionary(uniqueKeysWithValues: old.destinations.enumerated().map { ($1, $0) })
                for (i, d) in ds.enumerated() {
                    if let j = oldIndex[d], old.trips[j] > 0 {
                        let share = trips[i] / old.trips[j]
                        for p in old.pathStart[j]..<old.pathStart[j + 1] {
                            op.links.append(contentsOf: old.links[old.linkStart[p]..<old.linkStart[p + 1]])
                            op.linkStart.append(op.links.count)
                            op.flow.append(old.flow[p] * share)
                        }
                    }
                    op.pathStart.append(op.flow.count)
                }
                return (o, op)
            })
        }
        var flows = [Double](repeating: 0, count: linkCount)
        var classFlows = [[Double]](repeating: [Double](repeating: 0, count: linkCount), count: classes.count)
        // Origins in ascending order (the plans' order), never the dictionary's: the starting
        // flows are sums of Doubles, and hash order changes from one process to the next.
        for c in classes.indices {
            for (o, _) in plans[c] {
                guard let op = paths[c][o] else { continue }
                for p in op.flow.indices {
                    for j in op.linkStart[p]..<op.linkStart[p + 1] {
                        let a = Int(op.links[j])
                        classFlows[c][a] += op.flow[p]
                        flows[a] += pce[c] * op.flow[p]
                    }
                }
            }
        }
        var linkCost = cost.costs(at: flows)
        var linkDerivative = [Double](repeating: 0, count: linkCount)
        for a in 0..<linkCount { linkDerivative[a] = cost.derivative(a, flow: flows[a]) }
        var records: [IterationRecord] = []
        var gap = Double.infinity
        var lastTrees: [[Int: Tree]] = []
        var unrouted = [Double](repeating: 0, count: classes.count)
        var mark = [Int32](repeating: -1, count: linkCount)
        let split = ThroughSplit(network)

        for k in 1... {
            // 1. Trees at the current costs, per group and origin.
            lastTrees = groupClosed.indices.map { g in
                var w = linkCost
                for l in groupClosed[g] { w[l] = .infinity }
                let origins = groupOrigins[g]
                let trees = Self.trees(network: network, split: split, origins: origins, targets: groupTargetLists[g], linkCosts: w, threads: options.threads)
                return Dictionary(uniqueKeysWithValues: zip(origins, trees))
            }
            // 2. The gap of the current flows (none before the first loading).
            var sptt = 0.0
            for c in classes.indices {
                unrouted[c] = 0
                for (o, ds) in plans[c] {
                    let tree = lastTrees[groupOf[c]][o]!
                    for d in ds {
                        let t = classes[c].demand.trips[o * zones + d], sp = tree.cost[d]
                        if sp.isFinite { sptt += pce[c] * t * sp } else { unrouted[c] += t }
                    }
                }
            }
            var tstt = 0.0
            for a in 0..<linkCount where flows[a] > 0 { tstt += flows[a] * linkCost[a] }
            let measured = k > 1 || initialPaths != nil
            if measured {
                gap = tstt > 0 ? max(0, tstt - sptt) / tstt : 0
                if gap <= options.targetRelativeGap || k > options.maxIterations {
                    let r = IterationRecord(iteration: k, relativeGap: gap, beckmann: cost.beckmann(at: flows), stepSize: 0, directionWeights: [])
                    records.append(r); progress?(r)
                    break
                }
            }
            // 3. Column generation and the flow moves, pair by pair.
            for c in classes.indices {
                let w = pce[c]
                for (o, _) in plans[c] {
                    let tree = lastTrees[groupOf[c]][o]!
                    var op = paths[c][o]!
                    var next = OriginPaths(destinations: op.destinations, trips: op.trips)
                    next.pathStart = [0]
                    for (i, d) in op.destinations.enumerated() {
                        // The pair's paths carried over, then its shortest path if it is new.
                        let first = next.flow.count
                        for p in op.pathStart[i]..<op.pathStart[i + 1] {
                            next.links.append(contentsOf: op.links[op.linkStart[p]..<op.linkStart[p + 1]])
                            next.linkStart.append(next.links.count)
                            next.flow.append(op.flow[p])
                        }
                        if tree.cost[d].isFinite {
                            let sp = tree.links[tree.linkStart[d]..<tree.linkStart[d + 1]]
                            let known = (first..<next.flow.count).contains { next.links[next.linkStart[$0]..<next.linkStart[$0 + 1]].elementsEqual(sp) }
                            if !known {
                                next.links.append(contentsOf: sp)
                                next.linkStart.append(next.links.count)
                                // A pair without paths (the first loading, or new to a warm
                                // start) takes its shortest path with all its trips.
                                let fresh = next.flow.count == first
                                next.flow.append(fresh ? op.trips[i] : 0)
                                if fresh {
                                    Self.add(next, next.flow.count - 1, op.trips[i], pce: w, flows: &flows, classFlows: &classFlows[c], cost: cost,
                                             linkCost: &linkCost, linkDerivative: &linkDerivative)
                                }
                            }
                        }
                        if next.flow.count - first > 1 {
                            Self.equilibrate(&next, first..<next.flow.count, pce: w, mark: &mark, flows: &flows, classFlows: &classFlows[c], cost: cost,
                                             linkCost: &linkCost, linkDerivative: &linkDerivative)
                            // Drop the paths left without flow (in place, keeping the order).
                            var kept = first
                            for p in first..<next.flow.count where next.flow[p] > 0 {
                                if kept != p {
                                    let start = next.linkStart[kept], length = next.linkStart[p + 1] - next.linkStart[p]
                                    for j in 0..<length { next.links[start + j] = next.links[next.linkStart[p] + j] }
                                    next.linkStart[kept + 1] = start + length
                                    next.flow[kept] = next.flow[p]
                                }
                                kept += 1
                            }
                            next.links.removeLast(next.links.count - next.linkStart[kept])
                            next.linkStart.removeLast(next.linkStart.count - kept - 1)
                            next.flow.removeLast(next.flow.count - kept)
                        }
                        next.pathStart.append(next.flow.count)
                    }
                    op = next
                    paths[c][o] = op
                }
            }
            let r = IterationRecord(iteration: k, relativeGap: measured ? gap : nil, beckmann: cost.beckmann(at: flows), stepSize: 1, directionWeights: [])
            records.append(r); progress?(r)
        }
        var tstt = 0.0
        for a in 0..<linkCount { tstt += flows[a] * linkCost[a] }
        // Zone costs per class from the last trees; select links from the path sets.
        let zoneCosts: [[Double]] = classes.indices.map { c in
            var out = [Double](repeating: .infinity, count: zones * zones)
            for (o, ds) in plans[c] { let tree = lastTrees[groupOf[c]][o]!; for d in ds { out[o * zones + d] = tree.cost[d] } }
            return out
        }
        var selectResults: [SelectLinkResult] = []
        for q in options.selectLinks {
            let selected = Set(q.links.map(Int32.init))
            for (c, cls) in classes.enumerated() {
                var trips = ODMatrix(zoneCount: zones)
                var linkFlows = [Double](repeating: 0, count: linkCount)
                for o in paths[c].keys.sorted() {
                    let op = paths[c][o]!
                    for (i, d) in op.destinations.enumerated() {
                        for p in op.pathStart[i]..<op.pathStart[i + 1] where op.links[op.linkStart[p]..<op.linkStart[p + 1]].contains(where: selected.contains) {
                            trips[o, d] += op.flow[p]
                            for l in op.links[op.linkStart[p]..<op.linkStart[p + 1]] { linkFlows[Int(l)] += op.flow[p] }
                        }
                    }
                }
                selectResults.append(SelectLinkResult(query: q, className: cls.name, trips: trips, linkFlows: linkFlows))
            }
        }
        return (AssignmentResult(
            algorithm: options.algorithm, linkFlows: flows, classFlows: classFlows, linkCosts: linkCost,
            iterations: records, relativeGap: gap, converged: gap <= options.targetRelativeGap,
            beckmann: cost.beckmann(at: flows), totalTravelCost: tstt, unroutedTrips: unrouted,
            zoneCosts: zoneCosts, selectLinks: selectResults), paths)
    }

    /// Adds `amount` vehicles of one class to path `p` and updates its links' costs.
    static func add(_ paths: OriginPaths, _ p: Int, _ amount: Double, pce: Double, flows: inout [Double], classFlows: inout [Double], cost: BPRCosts,
                    linkCost: inout [Double], linkDerivative: inout [Double]) {
        for j in paths.linkStart[p]..<paths.linkStart[p + 1] {
            let a = Int(paths.links[j])
            classFlows[a] = max(0, classFlows[a] + amount)
            flows[a] = max(0, flows[a] + pce * amount)
            linkCost[a] = cost.cost(a, flow: flows[a])
            linkDerivative[a] = cost.derivative(a, flow: flows[a])
        }
    }

    /// Moves one pair's flow (paths `range` of `paths`) towards its cheapest path: for each
    /// other path, the Newton step on the cost difference, at most the path's flow. Costs are
    /// read fresh for every move.
    static func equilibrate(_ paths: inout OriginPaths, _ range: Range<Int>, pce: Double, mark: inout [Int32],
                            flows: inout [Double], classFlows: inout [Double], cost: BPRCosts,
                            linkCost: inout [Double], linkDerivative: inout [Double]) {
        func pathCost(_ p: Int) -> Double {
            var c = 0.0
            for j in paths.linkStart[p]..<paths.linkStart[p + 1] { c += linkCost[Int(paths.links[j])] }
            return c
        }
        var best = range.lowerBound, bestCost = pathCost(best)
        for p in range.dropFirst() { let c = pathCost(p); if c < bestCost { best = p; bestCost = c } }
        for p in range where p != best && paths.flow[p] > 0 {
            let difference = pathCost(p) - pathCost(best)
            guard difference > 0 else {
                if difference < 0 { best = p }
                continue
            }
            // s: derivatives over the links the two paths do not share.
            let bestLinks = paths.linkStart[best]..<paths.linkStart[best + 1], pLinks = paths.linkStart[p]..<paths.linkStart[p + 1]
            for j in bestLinks { mark[Int(paths.links[j])] = Int32(best) }
            var s = 0.0
            for j in pLinks where mark[Int(paths.links[j])] != Int32(best) { s += linkDerivative[Int(paths.links[j])] }
            for j in bestLinks { mark[Int(paths.links[j])] = -1 }
            for j in pLinks { mark[Int(paths.links[j])] = Int32(p) }
            for j in bestLinks where mark[Int(paths.links[j])] != Int32(p) { s += linkDerivative[Int(paths.links[j])] }
            for j in pLinks { mark[Int(paths.links[j])] = -1 }
            let step = s > 0 && s.isFinite ? min(paths.flow[p], difference / (pce * s)) : paths.flow[p]
            guard step > 0 else { continue }
            paths.flow[p] -= step
            paths.flow[best] += step
            add(paths, p, -step, pce: pce, flows: &flows, classFlows: &classFlows, cost: cost, linkCost: &linkCost, linkDerivative: &linkDerivative)
            add(paths, best, step, pce: pce, flows: &flows, classFlows: &classFlows, cost: cost, linkCost: &linkCost, linkDerivative: &linkDerivative)
            if paths.flow[p] < 1e-12 * max(1, paths.flow[best]) { paths.flow[p] = 0 }
        }
    }

    /// The network split for trees from zones no path passes through: the arcs into through
    /// nodes as a graph of their own (each tail's arcs in the network's order), and each
    /// blocked zone's incoming links. A tree then runs Dijkstra over the through nodes only
    /// and reads a zone's cost as the cheapest of its incoming links from the settled nodes,
    /// so the zones, most of the nodes and most of the arcs, never enter the heap.
    struct ThroughSplit {
        /// Arcs whose head is a through node (`>= firstThroughNode`), any tail.
        let through: CSRGraph
        /// The link of each edge of `through`.
        let throughLink: [UInt32]
        /// The tail of each arc of `through`.
        let throughArcTail: [UInt32]
        /// Per blocked zone z (`< firstThroughNode`), its incoming arcs of the network in CSR
        /// order: `inStart[z] ..< inStart[z + 1]`.
        let inStart: [Int]
        let inTail: [UInt32]
        let inLink: [UInt32]

        init(_ network: AssignmentNetwork) {
            let ftn = network.firstThroughNode
            var tails: [UInt32] = [], heads: [UInt32] = [], links: [UInt32] = []
            for l in 0..<network.linkCount where Int(network.heads[l]) >= ftn {
                tails.append(network.tails[l]); heads.append(network.heads[l]); links.append(UInt32(l))
            }
            through = CSRGraph(nodeCount: network.nodeCount, tails: tails, heads: heads, directed: true)
            throughLink = links
            var arcTail = [UInt32](repeating: 0, count: through.arcCount)
            for v in 0..<network.nodeCount { for a in through.arcs(of: v) { arcTail[a] = UInt32(v) } }
            throughArcTail = arcTail
            let g = network.graph
            var count = [Int](repeating: 0, count: ftn + 1)
            for a in 0..<g.arcCount where Int(g.head[a]) < ftn { count[Int(g.head[a]) + 1] += 1 }
            for z in 0..<ftn { count[z + 1] += count[z] }
            var next = count
            var inTail = [UInt32](repeating: 0, count: count[ftn]), inLink = [UInt32](repeating: 0, count: count[ftn])
            for a in 0..<g.arcCount where Int(g.head[a]) < ftn {
                let z = Int(g.head[a])
                inTail[next[z]] = network.arcTail[a]; inLink[next[z]] = g.arcEdge[a]; next[z] += 1
            }
            inStart = count
            self.inTail = inTail
            self.inLink = inLink
        }
    }

    /// Shortest-path trees from `origins` at `linkCosts` (+infinity closes a link), each reduced
    /// to its targets' costs and paths (links from the origin on); `targets` per origin, ascending.
    ///
    /// Dijkstra runs over the through nodes (`split.through`); a blocked zone's cost is then
    /// the cheapest of its incoming links from the origin or a settled through node, ties to
    /// the tail settled first and then the first arc: the choice a Dijkstra over the whole
    /// network makes (blocked zones relax nothing, so they do not change the through nodes'
    /// settle order), hence the same trees, at a fraction of the heap operations.
    static func trees(network: AssignmentNetwork, split: ThroughSplit, origins: [Int], targets: [Int: [Int]], linkCosts: [Double],
                      threads: Int) -> [Tree] {
        let sub = split.through
        let arcWeights = (0..<sub.arcCount).map { linkCosts[Int(split.throughLink[Int(sub.arcEdge[$0])])] }
        // The incoming links' costs in the order of the scan.
        let inCost = split.inLink.map { linkCosts[Int($0)] }
        let ftn = network.firstThroughNode, zones = network.zoneCount, nodes = network.nodeCount
        final class State {
            let tree: Dijkstra
            /// Per node: its distance when settled, else infinity; its settle rank.
            var dist: [Double]
            var rank: [Int32]
            init(_ g: CSRGraph, _ n: Int) {
                tree = Dijkstra(graph: g, skipsHeapForSingleInArcNodes: true)
                dist = [Double](repeating: .infinity, count: n)
                rank = [Int32](repeating: .max, count: n)
            }
        }
        return arcWeights.withUnsafeBufferPointer { w in
            nonisolated(unsafe) let w = w
            return Parallel.map(origins.count, threads: threads, state: { State(sub, nodes) }) { state, i in
                let tree = state.tree
                let o = origins[i]
                let ds = targets[o]!
                let throughTargets = ds.filter { $0 >= ftn }
                // Every through node when a blocked zone is a target (its cost needs them all).
                tree.run(from: [o], weights: w, targets: throughTargets.count == ds.count ? throughTargets : nil, blockedBelow: ftn)
                let order = tree.settleOrder
                for (r, v) in order.enumerated() { state.dist[Int(v)] = tree.distance(to: Int(v)); state.rank[Int(v)] = Int32(r) }
                defer { for v in order { state.dist[Int(v)] = .infinity; state.rank[Int(v)] = .max } }
                let parentArc = tree.parentArcs
                var out = Tree(cost: [Double](repeating: .infinity, count: zones),
                               linkStart: [Int](repeating: 0, count: zones + 1), links: [])
                var reversed: [Int32] = []
                // The links from the origin to through node v, appended reversed.
                func walk(_ from: Int) {
                    var v = from
                    while v != o {
                        let a = Int(parentArc[v])
                        reversed.append(Int32(split.throughLink[Int(sub.arcEdge[a])]))
                        v = Int(split.throughArcTail[a])
                    }
                }
                state.dist.withUnsafeBufferPointer { dist in
                    state.rank.withUnsafeBufferPointer { rank in
                        inCost.withUnsafeBufferPointer { inCost in
                            split.inTail.withUnsafeBufferPointer { inTail in
                                var next = 0
                                for d in 0..<zones {
                                    out.linkStart[d] = out.links.count
                                    guard next < ds.count, ds[next] == d else { continue }
                                    next += 1
                                    reversed.removeAll(keepingCapacity: true)
                                    if d >= ftn || d == o {
                                        guard dist[d].isFinite else { continue }
                                        out.cost[d] = dist[d]
                                        walk(d)
                                    } else {
                                        // Unsettled nodes and blocked zones read infinity.
                                        var best = Double.infinity, bestIn = -1
                                        for j in split.inStart[d]..<split.inStart[d + 1] {
                                            let c = dist[Int(inTail[j])] + inCost[j]
                                            if c < best || (c == best && bestIn >= 0 && rank[Int(inTail[j])] < rank[Int(inTail[bestIn])]) {
                                                best = c; bestIn = j
                                            }
                                        }
                                        guard bestIn >= 0, best.isFinite else { continue }
                                        out.cost[d] = best
                                        reversed.append(Int32(split.inLink[bestIn]))
                                        walk(Int(inTail[bestIn]))
                                    }
                                    out.links += reversed.reversed()
                                }
                            }
                        }
                    }
                }
                out.linkStart[zones] = out.links.count
                return out
            }
        }
    }
}
