import CorridorAnalysis
@testable import CorridorFlows
import Foundation
import Testing

/// The trees of gradient projection run Dijkstra over the through nodes only and read each
/// blocked zone off its incoming links (`PathAssignment.ThroughSplit`). The reference is the
/// project's Dijkstra over the whole network with the zones blocked, the trees the assignment
/// used before: costs and paths must be the same, ties included.
@Suite struct ThroughSplitTreeTests {
    /// A network of `zones` blocked zones and `through` through nodes with costs 0, 1 or 2
    /// (many equal-cost paths, zero-cost links among them), links zone → node, node → zone, node → node and zone → zone,
    /// from a fixed linear congruential sequence.
    static func network(zones: Int, through: Int, firstThroughNode: Int, seed: UInt64) throws -> (AssignmentNetwork, [Double]) {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let n = zones + through
        var tails: [UInt32] = [], heads: [UInt32] = []
        var seen = Set<Int>()
        for _ in 0..<(6 * n) {
            let a = next(n), b = next(n)
            // Parallel links are kept (twice at most): they tie by construction.
            guard a != b, !seen.contains(a * n + b) || next(3) == 0 else { continue }
            seen.insert(a * n + b)
            tails.append(UInt32(a)); heads.append(UInt32(b))
        }
        // Every zone reaches and is reached from some through node.
        for z in 0..<zones {
            tails.append(UInt32(z)); heads.append(UInt32(zones + next(through)))
            tails.append(UInt32(zones + next(through))); heads.append(UInt32(z))
        }
        let m = tails.count
        let costs = try BPRCosts(freeFlowTime: (0..<m).map { _ in Double(next(3)) }, b: Array(repeating: 0, count: m),
                                 power: Array(repeating: 1, count: m), capacity: Array(repeating: 1, count: m))
        let net = try AssignmentNetwork(nodeCount: n, zoneCount: zones, firstThroughNode: firstThroughNode, tails: tails, heads: heads, costs: costs)
        // Some links closed.
        let w = (0..<m).map { l in next(10) == 0 ? Double.infinity : costs.freeFlowTime[l] }
        return (net, w)
    }

    @Test(arguments: [(8, 30, 8), (12, 40, 12), (10, 25, 4), (6, 20, 0)])
    func splitTreesEqualWholeNetworkDijkstra(zones: Int, through: Int, firstThroughNode: Int) throws {
        for seed: UInt64 in [1, 2, 3, 4, 5] {
            let (net, w) = try Self.network(zones: zones, through: through, firstThroughNode: firstThroughNode, seed: seed)
            let origins = Array(0..<zones)
            let targets = Dictionary(uniqueKeysWithValues: origins.map { o in (o, (0..<zones).filter { ($0 + o + Int(seed)) % 3 != 0 || $0 == o }) })
            let trees = PathAssignment.trees(network: net, split: PathAssignment.ThroughSplit(net), origins: origins, targets: targets,
                                             linkCosts: w, threads: 2)
            let reference = Dijkstra(graph: net.graph, skipsHeapForSingleInArcNodes: true)
            let arcWeights = (0..<net.graph.arcCount).map { w[Int(net.graph.arcEdge[$0])] }
            for (i, o) in origins.enumerated() {
                arcWeights.withUnsafeBufferPointer { reference.run(from: [o], weights: $0, targets: targets[o]!, blockedBelow: net.firstThroughNode) }
                for d in targets[o]! {
                    let settled = reference.isSettled(d) && reference.distance(to: d).isFinite
                    let cost = settled ? reference.distance(to: d) : .infinity
                    #expect(trees[i].cost[d] == cost, "seed \(seed) \(o) → \(d)")
                    let path = settled ? reference.pathArcs(to: d)!.map { Int32(net.graph.arcEdge[$0]) } : []
                    #expect(Array(trees[i].links[trees[i].linkStart[d]..<trees[i].linkStart[d + 1]]) == path, "seed \(seed) \(o) → \(d)")
                }
            }
        }
    }
}
