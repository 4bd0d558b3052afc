import CorridorAnalysis
import CorridorNetwork
import Foundation

/// A select-link query: the OD pairs whose path uses any of these links (a link, or the arcs
/// of a border crossing), and where their trips go.
public struct SelectLinkQuery: Sendable, Hashable, Codable {
    public var name: String
    /// 0-based link ids.
    public var links: [Int]

    public init(name: String, links: [Int]) {
        self.name = name
        self.links = links
    }
}

/// What one loading (or a convex combination of loadings) puts on the network for one class:
/// link flows and, per select-link query, the trips through the query's links by OD pair and
/// their flows on every link. Every part is linear in the loading, so an equilibrium's
/// select-link result is the same combination of its loadings as its flows.
struct ClassLoad: Sendable {
    var flows: [Double]
    /// Per query, zoneCount² trips (row-major) whose path uses the query's links.
    var selectTrips: [[Double]]
    /// Per query, the flow on every link of the trips in `selectTrips`.
    var selectFlows: [[Double]]

    /// self ← self + step · (target − self).
    mutating func move(toward target: ClassLoad, step: Double) {
        Self.axpy(&flows, target.flows, step)
        for q in selectTrips.indices {
            Self.axpy(&selectTrips[q], target.selectTrips[q], step)
            Self.axpy(&selectFlows[q], target.selectFlows[q], step)
        }
    }

    private static func axpy(_ x: inout [Double], _ y: [Double], _ step: Double) {
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                for i in xs.indices { xs[i] += step * (ys[i] - xs[i]) }
            }
        }
    }

    /// Σ weights[k] · parts[k], element by element.
    static func combination(_ parts: [ClassLoad], _ weights: [Double]) -> ClassLoad {
        func mix(_ pick: (ClassLoad) -> [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: pick(parts[0]).count)
            for (p, w) in zip(parts, weights) where w != 0 {
                let v = pick(p)
                for i in out.indices { out[i] += w * v[i] }
            }
            return out
        }
        return ClassLoad(flows: mix { $0.flows },
                         selectTrips: parts[0].selectTrips.indices.map { q in mix { $0.selectTrips[q] } },
                         selectFlows: parts[0].selectFlows.indices.map { q in mix { $0.selectFlows[q] } })
    }
}

/// An all-or-nothing loading and what it measured on the way.
struct Loading: Sendable {
    var load: ClassLoad
    /// Σ trips · shortest-path cost over the routed pairs.
    var shortestPathCost: Double
    /// Trips with no path (closed links, disconnected zones).
    var unroutedTrips: Double
    /// zoneCount² shortest-path costs of the pairs with trips (infinity elsewhere).
    var zoneCosts: [Double]
}

/// All-or-nothing loading: every trip on a shortest path. One tree per origin, its demand
/// accumulated up the tree in reverse settle order (each node passes its load to its parent
/// arc), never path by path. Origins run in fixed chunks taken by the workers as they finish
/// one; chunk sums are added in chunk order, so flows are bit-identical for any thread count.
/// - Complexity: O(Z · (n + m) log n) for Z origins with trips.
struct AllOrNothingLoader: Sendable {
    let network: AssignmentNetwork
    let threads: Int
    /// Per query, a flag per CSR arc.
    let selectedArcs: [[Bool]]
    /// Origins with trips and their destinations, fixed for the demand.
    let plan: [(origin: Int, destinations: [Int])]
    let demand: ODMatrix

    /// Origins per chunk: at most 64 chunks, whatever the thread count.
    var chunkSize: Int { max(1, (plan.count + 63) / 64) }

    init(network: AssignmentNetwork, demand: ODMatrix, selectLinks: [SelectLinkQuery], threads: Int) {
        self.network = network
        self.demand = demand
        self.threads = threads
        plan = demand.destinationsByOrigin()
        let g = network.graph
        selectedArcs = selectLinks.map { q in
            let links = Set(q.links)
            return (0..<g.arcCount).map { links.contains(Int(g.arcEdge[$0])) }
        }
    }

    private final class Worker {
        let tree: Dijkstra
        var nodeLoad: [Double]
        var uses: [Bool]
        init(_ network: AssignmentNetwork) {
            tree = Dijkstra(graph: network.graph, skipsHeapForSingleInArcNodes: true)
            nodeLoad = Array(repeating: 0, count: network.nodeCount)
            uses = Array(repeating: false, count: network.nodeCount)
        }
    }

    private struct ChunkSum: Sendable {
        var arcFlows: [Double]
        var selectArcFlows: [[Double]]
        var shortestPathCost = 0.0
        var unrouted = 0.0
    }

    /// Loads the demand on shortest paths under `linkCosts` (one per link; +infinity closes a link).
    func load(linkCosts: [Double]) -> Loading {
        let selectRows = SelectRows(queries: selectedArcs.count, size: network.zoneCount * network.zoneCount)
        let (sums, zoneCosts) = runChunks(linkCosts: linkCosts, chunks: 0..<chunkCount, selectRows: selectRows)
        return loading(sums, zoneCosts: zoneCosts, selectTrips: selectRows.arrays())
    }

    /// How many chunks the origins are cut into (the items a loading's shares split).
    var chunkCount: Int { (plan.count + chunkSize - 1) / chunkSize }

    /// The sums of the given chunks and the zone costs their origins write (each origin only
    /// its own row of zoneCosts and of the select-link trips).
    private func runChunks(linkCosts: [Double], chunks: Range<Int>, selectRows: SelectRows) -> (sums: [ChunkSum], zoneCosts: [Double]) {
        let g = network.graph, n = network.zoneCount
        let arcWeights = (0..<g.arcCount).map { linkCosts[Int(g.arcEdge[$0])] }
        var zoneCosts = [Double](repeating: .infinity, count: n * n)
        let sums: [ChunkSum] = arcWeights.withUnsafeBufferPointer { w in
            zoneCosts.withUnsafeMutableBufferPointer { zc in
                nonisolated(unsafe) let w = w, zc = zc
                let network = self.network
                return Parallel.map(chunks.count, threads: threads, state: { Worker(network) }) { worker, i in
                    self.runChunk(chunks.lowerBound + i, worker: worker, arcWeights: w, zoneCosts: zc, selectRows: selectRows)
                }
            }
        }
        return (sums, zoneCosts)
    }

    /// The loading of every chunk's sums, added in chunk order: the same sums for any thread
    /// count and any split into shares.
    private func loading(_ sums: [ChunkSum], zoneCosts: [Double], selectTrips: [[Double]]) -> Loading {
        let g = network.graph, queries = selectTrips.count
        var arcFlows = [Double](repeating: 0, count: g.arcCount)
        var selectArc = [[Double]](repeating: [Double](repeating: 0, count: g.arcCount), count: queries)
        var spc = 0.0, unrouted = 0.0
        for s in sums {
            for a in arcFlows.indices { arcFlows[a] += s.arcFlows[a] }
            for q in 0..<queries { for a in arcFlows.indices { selectArc[q][a] += s.selectArcFlows[q][a] } }
            spc += s.shortestPathCost
            unrouted += s.unrouted
        }
        func perLink(_ arcs: [Double]) -> [Double] {
            var links = [Double](repeating: 0, count: network.linkCount)
            for a in arcs.indices { links[Int(g.arcEdge[a])] = arcs[a] }
            return links
        }
        return Loading(load: ClassLoad(flows: perLink(arcFlows), selectTrips: selectTrips, selectFlows: selectArc.map(perLink)),
                       shortestPathCost: spc, unroutedTrips: unrouted, zoneCosts: zoneCosts)
    }

    /// One share of the loading: the chunk sums of the share's chunks and its origins' rows
    /// of shortest costs. ``combine(_:)`` of every share's partial, in share order, is
    /// exactly `load(linkCosts:)` (without select-link queries).
    func partial(linkCosts: [Double], shard: Shard) -> AllOrNothing.Partial {
        precondition(selectedArcs.isEmpty, "a sharded loading has no select-link queries")
        let n = network.zoneCount
        let chunks = shard.range(of: chunkCount)
        let (sums, zoneCosts) = runChunks(linkCosts: linkCosts, chunks: chunks, selectRows: SelectRows(queries: 0, size: n * n))
        let origins = chunks.isEmpty ? [] : (chunks.lowerBound * chunkSize..<min(plan.count, chunks.upperBound * chunkSize)).map { plan[$0].origin }
        return AllOrNothing.Partial(
            chunks: chunks.lowerBound, chunkTotal: chunkCount, arcFlows: sums.map(\.arcFlows),
            shortestPathCosts: sums.map(\.shortestPathCost), unroutedTrips: sums.map(\.unrouted),
            origins: origins, zoneCostRows: origins.map { Array(zoneCosts[$0 * n..<($0 + 1) * n]) })
    }

    /// The loading of every share's partial, added in chunk order as `load` adds them.
    /// - Throws: `FlowError.invalid` when the partials are not every chunk once, in order, of
    ///   this network's arcs and zones.
    func combine(_ parts: [AllOrNothing.Partial]) throws -> Loading {
        let g = network.graph, n = network.zoneCount
        var next = 0
        for p in parts {
            guard p.chunks == next, p.chunkTotal == chunkCount, p.arcFlows.allSatisfy({ $0.count == g.arcCount }),
                  p.zoneCostRows.count == p.origins.count, p.zoneCostRows.allSatisfy({ $0.count == n }),
                  p.origins.allSatisfy({ (0..<n).contains($0) }) else {
                throw FlowError.invalid("all-or-nothing parts", "chunks \(p.chunks)+\(p.arcFlows.count) of \(p.chunkTotal) do not continue chunk \(next) of \(chunkCount) on this network")
            }
            next += p.arcFlows.count
        }
        guard next == chunkCount else { throw FlowError.invalid("all-or-nothing parts", "\(next) of \(chunkCount) chunks") }
        var zoneCosts = [Double](repeating: .infinity, count: n * n)
        var sums: [ChunkSum] = []
        for p in parts {
            for k in p.arcFlows.indices {
                sums.append(ChunkSum(arcFlows: p.arcFlows[k], selectArcFlows: [], shortestPathCost: p.shortestPathCosts[k], unrouted: p.unroutedTrips[k]))
            }
            for (o, row) in zip(p.origins, p.zoneCostRows) { zoneCosts.replaceSubrange(o * n..<(o + 1) * n, with: row) }
        }
        return loading(sums, zoneCosts: zoneCosts, selectTrips: [])
    }

    private func runChunk(_ c: Int, worker: Worker, arcWeights: UnsafeBufferPointer<Double>,
                          zoneCosts: UnsafeMutableBufferPointer<Double>, selectRows: SelectRows) -> ChunkSum {
        let g = network.graph, n = network.zoneCount, queries = selectedArcs.count
        var sum = ChunkSum(arcFlows: Array(repeating: 0, count: g.arcCount),
                           selectArcFlows: Array(repeating: Array(repeating: 0, count: g.arcCount), count: queries))
        let tree = worker.tree
        for p in (c * chunkSize)..<min(plan.count, (c + 1) * chunkSize) {
            let (o, destinations) = plan[p]
            tree.run(from: [o], weights: arcWeights, targets: destinations, blockedBelow: network.firstThroughNode)
            var routed: [Int] = []
            routed.reserveCapacity(destinations.count)
            for d in destinations {
                let t = demand.trips[o * n + d]
                let cost = tree.distance(to: d)
                guard tree.isSettled(d), cost.isFinite else { sum.unrouted += t; continue }
                zoneCosts[o * n + d] = cost
                sum.shortestPathCost += t * cost
                worker.nodeLoad[d] += t
                routed.append(d)
            }
            accumulate(tree: tree, load: &worker.nodeLoad, into: &sum.arcFlows)
            for q in 0..<queries {
                markUses(tree: tree, selected: selectedArcs[q], uses: &worker.uses)
                for d in routed where worker.uses[d] {
                    let t = demand.trips[o * n + d]
                    selectRows.rows[q][o * n + d] = t
                    worker.nodeLoad[d] += t
                }
                accumulate(tree: tree, load: &worker.nodeLoad, into: &sum.selectArcFlows[q])
            }
        }
        return sum
    }

    /// Pushes each settled node's load to its parent arc and the arc's tail, leaves first;
    /// clears the loads on the way.
    private func accumulate(tree: Dijkstra, load: inout [Double], into arcFlows: inout [Double]) {
        let order = tree.settleOrder, parentArc = tree.parentArcs
        load.withUnsafeMutableBufferPointer { l in
            arcFlows.withUnsafeMutableBufferPointer { f in
                network.arcTail.withUnsafeBufferPointer { tail in
                    var k = order.count - 1
                    while k > 0 {
                        let v = Int(order[k])
                        let x = l[v]
                        if x != 0 {
                            let a = Int(parentArc[v])
                            f[a] += x
                            l[Int(tail[a])] += x
                            l[v] = 0
                        }
                        k -= 1
                    }
                    l[Int(order[0])] = 0  // the origin: intrazonal trips use no link
                }
            }
        }
    }

    /// uses[v] = whether the tree path to settled node v passes a selected arc.
    private func markUses(tree: Dijkstra, selected: [Bool], uses: inout [Bool]) {
        let order = tree.settleOrder, parentArc = tree.parentArcs
        uses[Int(order[0])] = false
        for k in 1..<max(1, order.count) {
            let v = Int(order[k])
            let a = Int(parentArc[v])
            uses[v] = selected[a] || uses[Int(network.arcTail[a])]
        }
    }
}

/// The select-link trip matrices, written by the workers: each origin writes only its own
/// row, so no two workers touch the same element. Owns its buffers (freed in deinit).
private final class SelectRows: @unchecked Sendable {
    let rows: [UnsafeMutableBufferPointer<Double>]
    let size: Int

    init(queries: Int, size: Int) {
        self.size = size
        rows = (0..<queries).map { _ in
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, size))
            b.initialize(repeating: 0)
            return b
        }
    }

    deinit { for r in rows { r.deallocate() } }

    func arrays() -> [[Double]] {
        rows.map { Array(UnsafeBufferPointer(rebasing: $0[0..<size])) }
    }
}

/// All-or-nothing loading as a library call: every trip of `demand` on a shortest path under
/// fixed link costs.
public enum AllOrNothing {
    /// One share (`Shard`) of an all-or-nothing loading, as a process computes it for
    /// ``TrafficAssignment`` on other machines: the origins run in at most 64 fixed chunks;
    /// per chunk the arc flows, Σ trips · cost and the unrouted trips (added in chunk order by
    /// the combining process, exactly as one process adds them), and the share's origins' rows
    /// of shortest costs.
    public struct Partial: Sendable, Codable, Hashable {
        /// The first chunk of the share.
        public var chunks: Int
        /// Chunks of the whole loading.
        public var chunkTotal: Int
        /// Per chunk of the share, the flow on every CSR arc.
        public var arcFlows: [[Double]]
        public var shortestPathCosts: [Double]
        public var unroutedTrips: [Double]
        /// The share's origins (zones) in chunk order.
        public var origins: [Int]
        /// Per origin, its zoneCount shortest costs (infinity for pairs without trips).
        public var zoneCostRows: [[Double]]
    }

    /// How many chunks the loading of `demand` is cut into (the items its shares split).
    /// - Parameters:
    ///   - network: the assignment network.
    ///   - demand: the trips.
    public static func chunkCount(network: AssignmentNetwork, demand: ODMatrix) -> Int {
        AllOrNothingLoader(network: network, demand: demand, selectLinks: [], threads: 1).chunkCount
    }

    /// One share of the loading of `demand` under `linkCosts`.
    /// - Parameters:
    ///   - network: the assignment network.
    ///   - demand: the trips.
    ///   - linkCosts: one per link; +infinity closes a link.
    ///   - shard: which of the origin chunks.
    ///   - threads: workers.
    public static func partial(network: AssignmentNetwork, demand: ODMatrix, linkCosts: [Double], shard: Shard, threads: Int) -> Partial {
        AllOrNothingLoader(network: network, demand: demand, selectLinks: [], threads: threads).partial(linkCosts: linkCosts, shard: shard)
    }

    /// The loading of every share: bit for bit ``load(network:demand:linkCosts:threads:)``.
    /// - Parameters:
    ///   - parts: every share's partial, in share order.
    ///   - network: the assignment network.
    ///   - demand: the trips.
    /// - Throws: `FlowError.invalid` when the parts do not cover every chunk once, in order.
    public static func combine(_ parts: [Partial], network: AssignmentNetwork, demand: ODMatrix) throws -> Result {
        let l = try AllOrNothingLoader(network: network, demand: demand, selectLinks: [], threads: 1).combine(parts)
        return Result(linkFlows: l.load.flows, zoneCosts: l.zoneCosts, shortestPathCost: l.shortestPathCost, unroutedTrips: l.unroutedTrips)
    }

    public struct Result: Sendable {
        public var linkFlows: [Double]
        /// zoneCount² shortest-path costs of the pairs with trips (infinity elsewhere).
        public var zoneCosts: [Double]
        /// Σ trips · shortest-path cost.
        public var shortestPathCost: Double
        public var unroutedTrips: Double
    }

    /// - Parameters:
    ///   - network: the links and zones; paths do not pass through zones below its first
    ///     through node.
    ///   - demand: the trips between the network's zones.
    ///   - linkCosts: one per link; +infinity closes a link.
    ///   - threads: workers. Origins run in fixed chunks whatever the thread count and the chunk
    ///     sums are added in chunk order, so the flows are bit-identical for any thread count.
    /// - Complexity: one Dijkstra per origin with trips.
    public static func load(network: AssignmentNetwork, demand: ODMatrix, linkCosts: [Double], threads: Int) -> Result {
        precondition(linkCosts.count == network.linkCount && demand.zoneCount == network.zoneCount)
        let l = AllOrNothingLoader(network: network, demand: demand, selectLinks: [], threads: threads).load(linkCosts: linkCosts)
        return Result(linkFlows: l.load.flows, zoneCosts: l.zoneCosts, shortestPathCost: l.shortestPathCost, unroutedTrips: l.unroutedTrips)
    }

    /// The plain reference: the project's reference `Dijkstra` per origin, with the arcs leaving
    /// the other non-through zones closed (they end paths but are not passed through), then
    /// every OD pair's path unpacked link by link. Slow; for tests of `load`.
    public static func reference(network: AssignmentNetwork, demand: ODMatrix, linkCosts: [Double]) -> Result {
        let z = network.zoneCount, g = network.graph
        var flows = [Double](repeating: 0, count: network.linkCount)
        var zoneCosts = [Double](repeating: .infinity, count: z * z)
        var spc = 0.0, unrouted = 0.0
        let dijkstra = Dijkstra(graph: g)
        let open = (0..<g.arcCount).map { linkCosts[Int(g.arcEdge[$0])] }
        for o in 0..<z {
            let row = (0..<z).filter { demand[o, $0] > 0 }
            if row.isEmpty { continue }
            var weights = open
            for v in 0..<network.firstThroughNode where v != o { for a in g.arcs(of: v) { weights[a] = .infinity } }
            dijkstra.run(from: [o], weights: weights)
            for d in row {
                let t = demand[o, d]
                guard let arcs = dijkstra.pathArcs(to: d) else { unrouted += t; continue }
                let cost = dijkstra.distance(to: d)
                zoneCosts[o * z + d] = cost
                spc += t * cost
                for a in arcs { flows[Int(g.arcEdge[a])] += t }
            }
        }
        return Result(linkFlows: flows, zoneCosts: zoneCosts, shortestPathCost: spc, unroutedTrips: unrouted)
    }
}
