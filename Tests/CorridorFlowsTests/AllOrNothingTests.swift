import CorridorAnalysis
import CorridorFlows
import Foundation
import Testing

@Suite struct AllOrNothingTests {
    struct Oracle: Decodable {
        var link_costs: [Double]
        var link_flows: [Double]
        var shortest_path_cost: Double
    }

    /// Sioux Falls loaded by networkx shortest paths at costs where every tree is unique
    /// (Tests/Oracles/make_flow_oracles.py).
    @Test func siouxFallsEqualsNetworkx() throws {
        let (net, trips, _) = try FlowPaths.load("SiouxFalls")
        let oracle = try JSONDecoder().decode(Oracle.self, from: Data(contentsOf: FlowPaths.fixtures.appendingPathComponent("siouxfalls_aon.json")))
        let r = AllOrNothing.load(network: net, demand: trips, linkCosts: oracle.link_costs, threads: 2)
        #expect(r.linkFlows == oracle.link_flows)  // sums of whole trips: exact
        #expect(abs(r.shortestPathCost - oracle.shortest_path_cost) <= 1e-9 * oracle.shortest_path_cost)
        #expect(r.unroutedTrips == 0)
    }

    /// A loading cut into shares of its origin chunks (as processes on other machines compute
    /// them) and combined is bit for bit the loading of one process; an equilibrium whose
    /// loadings all come from shares is the single-process equilibrium.
    @Test func sharesCombineToTheLoadingAndTheEquilibrium() throws {
        let (net, trips, best) = try FlowPaths.load("Chicago-Sketch")
        let costs = net.costs.costs(at: best!)
        let whole = AllOrNothing.load(network: net, demand: trips, linkCosts: costs, threads: 2)
        let chunks = AllOrNothing.chunkCount(network: net, demand: trips)
        #expect(chunks == 56)  // 387 origins in chunks of ⌈387 / 64⌉ = 7
        for n in [1, 3, 7, 100] {
            let parts = (0..<n).map { AllOrNothing.partial(network: net, demand: trips, linkCosts: costs, shard: Shard(index: $0, count: n), threads: 2) }
            let combined = try AllOrNothing.combine(parts, network: net, demand: trips)
            #expect(combined.linkFlows == whole.linkFlows && combined.shortestPathCost == whole.shortestPathCost, "\(n) shares")
            #expect(combined.zoneCosts == whole.zoneCosts && combined.unroutedTrips == whole.unroutedTrips)
        }
        let one = AllOrNothing.partial(network: net, demand: trips, linkCosts: costs, shard: Shard(index: 0, count: 2), threads: 1)
        #expect(throws: FlowError.self) { try AllOrNothing.combine([one], network: net, demand: trips) }

        let (sioux, siouxTrips, _) = try FlowPaths.load("SiouxFalls")
        var options = AssignmentOptions(algorithm: .biconjugateFrankWolfe, targetRelativeGap: 1e-4, maxIterations: 200, threads: 2)
        let local = try TrafficAssignment.run(network: sioux, classes: [TrafficClass(name: "all", demand: siouxTrips)], options: options)
        options.externalLoading = { _, linkCosts, _ in
            (0..<3).map { AllOrNothing.partial(network: sioux, demand: siouxTrips, linkCosts: linkCosts, shard: Shard(index: $0, count: 3), threads: 1) }
        }
        let shared = try TrafficAssignment.run(network: sioux, classes: [TrafficClass(name: "all", demand: siouxTrips)], options: options)
        #expect(shared.linkFlows == local.linkFlows && shared.relativeGap == local.relativeGap && shared.iterations == local.iterations)
        options.algorithm = .gradientProjection
        #expect(throws: FlowError.self) { try TrafficAssignment.run(network: sioux, classes: [TrafficClass(name: "all", demand: siouxTrips)], options: options) }
    }

    /// Tree accumulation equals path-by-path unpacking, with zones that are not passed through.
    @Test(arguments: ["Anaheim", "Chicago-Sketch"])
    func equalsPathByPathReference(_ name: String) throws {
        let (net, trips, best) = try FlowPaths.load(name)
        let costs = net.costs.costs(at: best!)
        let fast = AllOrNothing.load(network: net, demand: trips, linkCosts: costs, threads: 2)
        let slow = AllOrNothing.reference(network: net, demand: trips, linkCosts: costs)
        #expect(largestDifference(fast.linkFlows, slow.linkFlows) < 1e-12)
        #expect(abs(fast.shortestPathCost - slow.shortestPathCost) <= 1e-9 * slow.shortestPathCost)
        #expect(zip(fast.zoneCosts, slow.zoneCosts).allSatisfy { $0 == $1 || abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
    }

    /// Anaheim's zones 1...38 are not passed through: with every connector of zone 1 but one
    /// closed, no other zone's path may use zone 1 as a shortcut, and nothing goes unrouted
    /// that a path through zones would have carried.
    @Test func zonesAreNotShortcuts() throws {
        let (net, trips, best) = try FlowPaths.load("Anaheim")
        let r = AllOrNothing.load(network: net, demand: trips, linkCosts: net.costs.costs(at: best!), threads: 1)
        for z in 0..<net.zoneCount {
            let inflow = (0..<net.linkCount).filter { Int(net.heads[$0]) == z }.reduce(0) { $0 + r.linkFlows[$1] }
            let outflow = (0..<net.linkCount).filter { Int(net.tails[$0]) == z }.reduce(0) { $0 + r.linkFlows[$1] }
            // What enters a zone ends there; what leaves starts there.
            #expect(abs(inflow - trips.columnSums[z] + trips[z, z]) < 1e-6)
            #expect(abs(outflow - trips.rowSums[z] + trips[z, z]) < 1e-6)
        }
    }

    @Test func closedLinksAndUnroutedTrips() throws {
        // 0 -> 2 -> 1 and 0 -> 1 directly; zone 1 cannot reach zone 0.
        let costs = try BPRCosts(freeFlowTime: [1, 1, 5], b: [0, 0, 0], power: [4, 4, 4], capacity: [1, 1, 1])
        let net = try AssignmentNetwork(nodeCount: 3, zoneCount: 2, firstThroughNode: 0, tails: [0, 2, 0], heads: [2, 1, 1], costs: costs)
        let demand = try ODMatrix(zoneCount: 2, trips: [0, 10, 3, 0])
        let open = AllOrNothing.load(network: net, demand: demand, linkCosts: [1, 1, 5], threads: 1)
        #expect(open.linkFlows == [10, 10, 0] && open.unroutedTrips == 3 && open.shortestPathCost == 20)
        let closed = AllOrNothing.load(network: net, demand: demand, linkCosts: [1, .infinity, 5], threads: 1)
        #expect(closed.linkFlows == [0, 0, 10] && closed.shortestPathCost == 50)
    }
}
