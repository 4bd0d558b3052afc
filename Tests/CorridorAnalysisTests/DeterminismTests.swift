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

    /// Shares (`Shard`) of the places, nodes, source chunks and links give, put together,
    /// exactly the whole result: the rule `corridor merge` rests on.
    @Test func koreaSharesMergeToTheWhole() throws {
        let network = try KoreaNetwork.build(Self.geoData)
        let w = network.arcSeconds(excluding: [.sea])
        let shards = (0..<3).map { Shard(index: $0, count: 3) }
        #expect(shards.map { $0.range(of: 10) } == [0..<3, 3..<6, 6..<10])
        #expect(Shard(index: 4, count: 5).range(of: 3) == 2..<3 && Shard(index: 0, count: 5).range(of: 3).isEmpty)

        let places = Accessibility.places(network, weights: w, threads: 2)
        let parts = AccessibilityResult.concatenated(shards.map { Accessibility.places(network, weights: w, threads: 2, shard: $0) })
        #expect(parts.gravityExponential == places.gravityExponential && parts.seaportAccess2SFCA == places.seaportAccess2SFCA)
        #expect(parts.placeIds == places.placeIds && parts.hoursToOwnCapital == places.hoursToOwnCapital)

        let nodes = Accessibility.nodes(network, weights: w, threads: 2)
        var sums = Accessibility.nodeSums(network, weights: w, threads: 1, shard: shards[2])
        for s in shards.prefix(2) { sums.add(Accessibility.nodeSums(network, weights: w, threads: 2, shard: s)) }
        let merged = Accessibility.nodes(network, weights: w, withinHours: 4, beta: 0.1, sums: sums)
        #expect(merged.gravityExponential == nodes.gravityExponential && merged.populationWithin == nodes.populationWithin)

        let exact = Betweenness.sampled(network.graph, weights: network.arcSeconds(), samples: 100, seed: 3, threads: 2)
        let chunks = shards.flatMap { Betweenness.chunkSums(network.graph, weights: network.arcSeconds(), samples: 100, seed: 3, shard: $0, threads: 2) }
        #expect(chunks.count == Betweenness.chunkTotal(network.graph, samples: 100))
        #expect(Betweenness.combine(chunks, graph: network.graph, samples: 100, seed: 3) == exact)

        let whole = Criticality.linksAndCrossings(network, excluding: [.sea], places: 15, threads: 2)
        let bits = shards.map { Criticality.linksAndCrossings(network, excluding: [.sea], places: 15, threads: 1, shard: $0) }
        #expect(Criticality.LinkCriticality.merged(bits.map(\.links)).links == whole.links.links)
        #expect(Criticality.ranked(bits.flatMap(\.crossings)) == whole.crossings)
        #expect(bits.map(\.links.links.count).reduce(0, +) == whole.links.linksTested)
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
