import CorridorFlows
import Foundation
import Testing

/// The validation statistics against scipy.stats and numpy on a committed fixture
/// (Tests/Oracles/make_validation_oracles.py), with ties and zeros as real counts have.
@Suite struct ValidationTests {
    struct Oracle: Decodable {
        var observed: [Double]
        var predicted: [Double]
        var spearman: Double
        var r2_log: Double
        var geh_below_5_share: Double
        var top_five_share: Double
    }

    @Test func matchesScipy() throws {
        let o = try JSONDecoder().decode(Oracle.self, from: Data(contentsOf: FlowPaths.fixtures.appendingPathComponent("validation_statistics.json")))
        let s = ValidationStatistics(observed: o.observed, predicted: o.predicted)
        #expect(abs(s.spearman - o.spearman) < 1e-12)
        #expect(abs(s.r2Log - o.r2_log) < 1e-12)
        #expect(s.gehBelow5Share == o.geh_below_5_share)
        #expect(abs(s.observedShareOfModelTopFive - o.top_five_share) < 1e-12)
        #expect(s.count == o.observed.count)
    }

    /// By hand: perfect order gives 1, reversed order −1; ties share their rank.
    @Test func spearmanByHand() {
        #expect(abs(ValidationStatistics.spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-12)
        #expect(abs(ValidationStatistics.spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12)
        // Ranks (1.5, 1.5, 3) against (1, 2, 3): Pearson of those ranks is √3/2.
        #expect(abs(ValidationStatistics.spearman([5, 5, 9], [1, 2, 3]) - 3.0.squareRoot() / 2) < 1e-12)
    }
}
