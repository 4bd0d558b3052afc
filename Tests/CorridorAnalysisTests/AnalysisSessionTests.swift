import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation
import Testing

/// A session contracts a weighting once, keeps it, and re-customises other weightings of the
/// same nodes in its order; every hierarchy it hands out gives Dijkstra's distances.
@Suite struct AnalysisSessionTests {
    static func korea() throws -> TransportNetwork {
        let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("GeoData")
        return try KoreaNetwork.build(geoData)
    }

    static func expectDijkstra(_ ch: ContractionHierarchy, _ graph: CSRGraph, _ weights: [Double], sources: [Int]) {
        let phast = PHAST(hierarchy: ch)
        let dijkstra = Dijkstra(graph: graph)
        phast.run(sources: sources)
        for (lane, s) in sources.enumerated() {
            dijkstra.run(from: [s], weights: weights)
            for v in 0..<graph.nodeCount {
                let a = phast.distance(lane: lane, to: v), b = dijkstra.distance(to: v)
                #expect(a == b || abs(a - b) <= 1e-9 * max(1, b), "\(s)->\(v): \(a) vs \(b)")
            }
        }
    }

    @Test func profilesAreContractedOnceThenReCustomised() throws {
        let network = try Self.korea()
        let session = AnalysisSession(network: network)
        let land = CostProfile(excluding: [.sea])
        let base = session.hierarchy(land)
        #expect(session.contractions == 1 && session.recustomisations == 0)
        // The same profile again: kept.
        let again = session.hierarchy(land)
        #expect(session.reuses == 1 && again.upHead == base.upHead)
        // Another weighting of the same nodes: re-customised in the first one's order.
        let opened = CostProfile(excluding: [.sea], crossingStatus: ["gyeongui-dorasan-kaesong": .open])
        let ch = session.hierarchy(opened)
        #expect(session.contractions == 1 && session.recustomisations == 1)
        #expect(ch.rank == base.rank)
        let sources = network.places.prefix(8).map { Int($0.node) }
        Self.expectDijkstra(ch, network.graph, opened.arcSeconds(network), sources: sources)
        // Doubled delays.
        let slow = CostProfile(excluding: [.sea], delayScale: 2)
        Self.expectDijkstra(session.hierarchy(slow), network.graph, slow.arcSeconds(network), sources: sources)
        #expect(session.recustomisations == 2)
    }

    /// By hand on the profile: the Gyeongui crossing's edges are closed in the region and open
    /// with its delay under the profile; a delay scale of 2 doubles every open crossing's delay.
    @Test func costProfileWeights() throws {
        let network = try Self.korea()
        let indices = network.crossingIndices(id: "gyeongui-dorasan-kaesong")
        let edges = (0..<network.edgeCount).filter { indices.contains(Int(network.edgeCrossing[$0])) }
        #expect(!edges.isEmpty)
        let closed = network.edgeCosts()
        #expect(edges.allSatisfy { closed[$0] == .infinity })
        let opened = CostProfile(crossingStatus: ["gyeongui-dorasan-kaesong": .open]).applied(to: network)
        for e in edges {
            let c = network.crossings[Int(network.edgeCrossing[e])]
            #expect(opened.edgeCosts()[e] == network.edgeBaseSeconds[e] + c.delaySeconds)
        }
        let doubled = CostProfile(delayScale: 2).applied(to: network)
        for e in 0..<network.edgeCount where network.edgeCrossing[e] >= 0 {
            let c = network.crossings[Int(network.edgeCrossing[e])]
            guard c.isOpen else { continue }
            // Border friction scales the delay; a gauge change is physical and keeps its time.
            #expect(doubled.edgeCosts()[e] == network.edgeBaseSeconds[e] + 2 * c.delaySeconds + c.gaugeChangeSeconds)
        }
    }
}
