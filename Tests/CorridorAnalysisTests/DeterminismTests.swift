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
        func run(_ threads: Int) -> ([Double], [Double], [Double]) {
            let a = Accessibility.places(network, weights: w, withinHours: 4, beta: 0.1, threads: threads)
            let b = Betweenness.sampled(network.graph, weights: w, samples: 32, seed: 9, threads: threads)
            return (a.gravityExponential, a.populationWithin, b)
        }
        let one = run(1)
        for threads in [2, 8] {
            let other = run(threads)
            #expect(one.0 == other.0, "gravity, \(threads) threads")
            #expect(one.1 == other.1, "population within, \(threads) threads")
            #expect(one.2 == other.2, "betweenness, \(threads) threads")
        }
        #expect(one.0.contains { $0 > 0 } && one.2.contains { $0 > 0 })
    }
}
