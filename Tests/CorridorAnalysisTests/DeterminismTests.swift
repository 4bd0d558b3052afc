import CorridorAnalysis
import CorridorNetwork
import Foundation
import Testing

/// The same inputs give the same outputs for 1, 2 and 8 threads on the korea region: identical
/// integers and identical floating-point values (reductions are order-stable).
@Suite struct DeterminismTests {
    static let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    @Test func koreaResultsIdenticalAcrossThreadCounts() throws {
        let network = try KoreaNetwork.build(Self.geoData)
        let w = network.arcSeconds(excluding: [.sea])
        // (Harmonic and closeness are checked across thread counts on the oracle graphs.)
        func run(_ threads: Int) -> ([Double], [Double], [Double], [Double]) {
            let a = Accessibility.places(network, weights: w, withinHours: 4, beta: 0.1, threads: threads)
            let b = Betweenness.sampled(network.graph, weights: w, samples: 32, seed: 9, threads: threads)
            let nodes = Accessibility.nodes(network, weights: w, withinHours: 4, beta: 0.1, threads: threads)
            return (a.gravityExponential, a.populationWithin, b, nodes.gravityExponential)
        }
        let one = run(1)
        for threads in [2, 8] {
            let other = run(threads)
            #expect(one.0 == other.0, "gravity, \(threads) threads")
            #expect(one.1 == other.1, "population within, \(threads) threads")
            #expect(one.2 == other.2, "betweenness, \(threads) threads")
            #expect(one.3 == other.3, "node gravity, \(threads) threads")
        }
        #expect(one.0.contains { $0 > 0 } && one.2.contains { $0 > 0 })
    }

    /// Per-node accessibility on the real network: at each place's node it equals the per-place
    /// result (one tree per place summed at the nodes vs. one tree per place summed over places),
    /// and a few nodes agree with a plain Dijkstra from the node.
    @Test func koreaNodeAccessibilityAgreesWithPlaces() throws {
        let network = try KoreaNetwork.build(Self.geoData)
        let w = network.arcSeconds(excluding: [.sea])
        let nodes = Accessibility.nodes(network, weights: w, withinHours: 4, beta: 0.1, threads: 2)
        let places = Accessibility.places(network, weights: w, withinHours: 4, beta: 0.1, threads: 2)
        for (i, p) in network.places.enumerated() {
            let v = Int(p.node)
            #expect(abs(nodes.gravityExponential[v] - places.gravityExponential[i]) <= 1e-9 * max(1, places.gravityExponential[i]))
            #expect(nodes.populationWithin[v] == places.populationWithin[i], "\(p.name)")
            #expect(nodes.hoursToOwnCapital[v] == places.hoursToOwnCapital[i])
        }
        let d = Dijkstra(graph: network.graph)
        for v in stride(from: 0, to: network.nodeCount, by: 997) {
            d.run(from: [v], weights: w)
            var gravity = 0.0, within = 0.0
            for p in network.places {
                let t = d.distance(to: Int(p.node))
                guard t.isFinite else { continue }
                gravity += p.population * exp(-0.1 * t / 3600)
                if t <= 4 * 3600 { within += p.population }
            }
            #expect(abs(nodes.gravityExponential[v] - gravity) <= 1e-9 * max(1, gravity), "node \(v)")
            #expect(nodes.populationWithin[v] == within, "node \(v)")
        }
    }

    /// Time to the own capital is the fastest route to it: Busan and Daegu to Seoul, Kaesŏng
    /// and Sinŭiju to Pyongyang (Seoul and Pyongyang are Natural Earth's Admin-0 capitals).
    @Test func koreaTimesToCapitals() throws {
        let network = try KoreaNetwork.build(Self.geoData)
        let w = network.arcSeconds()
        let a = Accessibility.places(network, weights: w, threads: 2)
        let capitals = Accessibility.capitalNodes(network)
        #expect(Set(capitals.keys) == ["KOR", "PRK"])
        for (name, capital) in [("Busan", "Seoul"), ("Daegu", "Seoul"), ("Kaesŏng", "Pyongyang"), ("Sinŭiju", "Pyongyang")] {
            let i = try #require(network.places.firstIndex { $0.name == name })
            let c = try #require(network.places.first { $0.name == capital })
            let route = try #require(Route.fastest(in: network, from: Int(network.places[i].node), to: Int(c.node)))
            #expect(abs(a.hoursToOwnCapital[i] - route.seconds / 3600) <= 1e-9 * route.seconds, "\(name)")
        }
    }
}
