import CorridorAnalysis
import CorridorNetwork
import Testing

/// The hierarchy's invariants, and exact distances whatever the witness limit, the order, and
/// the awkward inputs (parallel arcs, zero weights, self-loops, closed arcs).
@Suite struct ContractionHierarchyTests {
    /// A small road-like random graph: a grid with random extra chords, parallel arcs, some
    /// zero-weight and infinite arcs and self-loops; integer weights so sums are exact.
    static func awkwardGraph(seed: UInt64, side: Int = 12) -> (CSRGraph, [Double]) {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let n = side * side
        var tails: [UInt32] = [], heads: [UInt32] = [], w: [Double] = []
        func add(_ a: Int, _ b: Int, _ weight: Double) { tails.append(UInt32(a)); heads.append(UInt32(b)); w.append(weight) }
        for r in 0..<side {
            for c in 0..<side {
                let v = r * side + c
                if c + 1 < side { add(v, v + 1, Double(next() % 20)) }        // zero weights occur
                if r + 1 < side { add(v, v + side, Double(1 + next() % 20)) }
            }
        }
        for _ in 0..<(n / 3) { add(Int(next() % UInt64(n)), Int(next() % UInt64(n)), Double(1 + next() % 60)) }  // chords, loops
        for _ in 0..<(n / 10) {                                             // parallel arcs
            let e = Int(next() % UInt64(tails.count))
            add(Int(tails[e]), Int(heads[e]), Double(next() % 30))
        }
        for _ in 0..<(n / 20) { w[Int(next() % UInt64(w.count))] = .infinity }  // closed edges
        let graph = CSRGraph(nodeCount: n, tails: tails, heads: heads)
        return (graph, graph.arcEdge.map { w[Int($0)] })
    }

    /// Every upward arc goes to a higher rank, ranks are a permutation, and the down arcs
    /// mirror the up arcs.
    static func checkInvariants(_ ch: ContractionHierarchy) {
        let n = ch.nodeCount
        #expect(Set(ch.rank).count == n && ch.rank.allSatisfy { Int($0) < n })
        for v in 0..<n {
            for a in Int(ch.upFirst[v])..<Int(ch.upFirst[v + 1]) {
                #expect(ch.rank[Int(ch.upHead[a])] > ch.rank[v], "up arc \(v)->\(ch.upHead[a]) goes down")
                #expect(Int(ch.upHead[a]) != v)
            }
        }
        #expect(ch.downFirst[n] == ch.upFirst[n])
        for p in 0..<n {
            for a in Int(ch.downFirst[p])..<Int(ch.downFirst[p + 1]) { #expect(Int(ch.downTail[a]) < p) }
        }
    }

    static func expectExact(_ ch: ContractionHierarchy, _ graph: CSRGraph, _ weights: [Double], label: String) {
        let dijkstra = Dijkstra(graph: graph)
        let phast = PHAST(hierarchy: ch)
        let n = graph.nodeCount
        for start in stride(from: 0, to: n, by: PHAST.lanes) {
            let sources = Array(start..<min(n, start + PHAST.lanes))
            phast.run(sources: sources)
            for (lane, s) in sources.enumerated() {
                dijkstra.run(from: [s], weights: weights)
                for v in 0..<n where phast.distance(lane: lane, to: v) != dijkstra.distance(to: v) {
                    Issue.record("\(label): \(s)->\(v) hierarchy \(phast.distance(lane: lane, to: v)), Dijkstra \(dijkstra.distance(to: v))")
                    return
                }
            }
        }
    }

    @Test(arguments: [1, 2, 5, 500])
    func exactForAnyWitnessLimit(_ limit: Int) {
        for seed in UInt64(1)...4 {
            let (graph, weights) = Self.awkwardGraph(seed: seed)
            let ch = ContractionHierarchy(graph: graph, weights: weights, witnessSettleLimit: limit)
            Self.checkInvariants(ch)
            Self.expectExact(ch, graph, weights, label: "seed \(seed), limit \(limit)")
        }
    }

    /// A smaller witness limit can only add shortcuts, never remove needed ones.
    @Test func smallerLimitsAddShortcuts() {
        let (graph, weights) = Self.awkwardGraph(seed: 9, side: 16)
        let tight = ContractionHierarchy(graph: graph, weights: weights, witnessSettleLimit: 1)
        let loose = ContractionHierarchy(graph: graph, weights: weights, witnessSettleLimit: 1000)
        #expect(tight.shortcutCount >= loose.shortcutCount)
    }

    /// Re-contraction with the order of another weighting: exact, same order kept, and with
    /// the same weights the same shortcuts as the first build.
    @Test func givenOrderReCustomises() {
        let (graph, weights) = Self.awkwardGraph(seed: 3, side: 14)
        let base = ContractionHierarchy(graph: graph, weights: weights)
        let same = ContractionHierarchy(graph: graph, weights: weights, order: base.rank)
        #expect(same.rank == base.rank)
        #expect(same.upHead == base.upHead && same.upWeight == base.upWeight)
        // New weights on the same topology: doubled, some closed, some opened at zero.
        var other = weights.map { $0 * 2 }
        for a in stride(from: 0, to: other.count, by: 17) { other[a] = .infinity }
        for a in stride(from: 5, to: other.count, by: 23) { other[a] = 0 }
        // Keep the arcs of one edge equal (the graph is symmetric).
        var byEdge = [Double](repeating: .nan, count: graph.arcEdge.map { Int($0) }.max()! + 1)
        for a in 0..<graph.arcCount where byEdge[Int(graph.arcEdge[a])].isNaN { byEdge[Int(graph.arcEdge[a])] = other[a] }
        other = graph.arcEdge.map { byEdge[Int($0)] }
        let recustomised = ContractionHierarchy(graph: graph, weights: other, order: base.rank)
        #expect(recustomised.rank == base.rank)
        Self.checkInvariants(recustomised)
        Self.expectExact(recustomised, graph, other, label: "given order")
        // Any permutation is exact, even a poor one.
        let reversed = (0..<graph.nodeCount).map { UInt32(graph.nodeCount - 1 - $0) }
        Self.expectExact(ContractionHierarchy(graph: graph, weights: weights, order: reversed), graph, weights, label: "reversed order")
    }

    /// By hand: a path a–b–c with a parallel, heavier a–b arc, a self-loop on b and a
    /// zero-weight b–c arc.
    @Test func handPath() {
        let graph = CSRGraph(nodeCount: 3, tails: [0, 0, 1, 1], heads: [1, 1, 1, 2])
        let w = graph.arcEdge.map { [4.0, 9.0, 1.0, 0.0][Int($0)] }
        let ch = ContractionHierarchy(graph: graph, weights: w)
        Self.checkInvariants(ch)
        let phast = PHAST(hierarchy: ch)
        phast.run(sources: [0])
        #expect(phast.distance(lane: 0, to: 1) == 4)
        #expect(phast.distance(lane: 0, to: 2) == 4)
        // Contracting b first needs the shortcut a–c of weight 4; any order gives the same distances.
        let bFirst = ContractionHierarchy(graph: graph, weights: w, order: [1, 0, 2])
        #expect(bFirst.shortcutCount == 1)
        let p2 = PHAST(hierarchy: bFirst)
        p2.run(sources: [2])
        #expect(p2.distance(lane: 0, to: 0) == 4)
    }
}
