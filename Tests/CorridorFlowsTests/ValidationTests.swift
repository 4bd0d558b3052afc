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
        var geh_hourly_below_5_share: Double
        var r2_log1p_as_is: Double
        var within_factor_two: Int
    }

    @Test func matchesScipy() throws {
        let o = try JSONDecoder().decode(Oracle.self, from: Data(contentsOf: FlowPaths.fixtures.appendingPathComponent("validation_statistics.json")))
        let s = ValidationStatistics(observed: o.observed, predicted: o.predicted)
        #expect(abs(s.spearman - o.spearman) < 1e-12)
        #expect(abs(s.r2Log - o.r2_log) < 1e-12)
        #expect(s.gehBelow5Share == o.geh_below_5_share)
        #expect(abs(s.observedShareOfModelTopFive - o.top_five_share) < 1e-12)
        #expect(s.count == o.observed.count)
        #expect(s.gehHourlyBelow5Share == o.geh_hourly_below_5_share)
        #expect(abs(s.r2Log1pAsIs - o.r2_log1p_as_is) < 1e-12)
        #expect(s.withinFactorTwo == o.within_factor_two)
    }

    /// By hand: counts (9, 99), predictions (9, 9): log(1+n) = (ln 10, ln 100) against
    /// (ln 10, ln 10); SS_res = (ln 10)², SS_tot = 2 (ln 10 / 2)² = (ln 10)² / 2, so R² = 1 − 2 = −1.
    /// Hourly GEH of 8,760 a year counted against 35,040 modelled (1 and 4 an hour) is
    /// sqrt(2 · 9 / 5) ≈ 1.90; within a factor of 2 only the first.
    @Test func asIsFitByHand() {
        let s = ValidationStatistics(observed: [9, 99], predicted: [9, 9])
        #expect(abs(s.r2Log1pAsIs + 1) < 1e-12)
        #expect(s.withinFactorTwo == 1)
        #expect(abs(ValidationStatistics.geh(modelled: 35_040 / 8760, counted: 8760 / 8760) - (18.0 / 5).squareRoot()) < 1e-12)
        #expect(ValidationStatistics.withinFactorTwo(observed: 10, predicted: 20) && !ValidationStatistics.withinFactorTwo(observed: 10, predicted: 20.01))
    }

    /// The largest ports: per border by count (ties by code), with ratio and the factor-of-2 flag.
    @Test func largestPortsByHand() {
        func port(_ code: String, _ border: String, _ observed: Double, _ predicted: Double?) -> RegionValidation.Port {
            RegionValidation.Port(code: code, crossingId: "c" + code, name: "P" + code, border: border, observed: observed,
                                  heldOutPrediction: predicted, decayPerHour: nil, delayScale: nil, reason: predicted == nil ? "none" : nil)
        }
        let ports = [port("1", "A", 100, 150), port("2", "A", 300, 100), port("3", "A", 300, nil), port("4", "B", 50, 26), port("5", "A", 10, 10)]
        let l = RegionValidation.largest(ports, perBorder: 2)
        #expect(l.map(\.code) == ["2", "3", "4"])
        #expect(l[0].ratio == 100.0 / 300 && l[0].withinFactorTwo == false)
        #expect(l[1].ratio == nil && l[1].withinFactorTwo == false)
        #expect(l[2].withinFactorTwo == true)
    }

    /// By hand: perfect order gives 1, reversed order −1; ties share their rank.
    @Test func spearmanByHand() {
        #expect(abs(ValidationStatistics.spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-12)
        #expect(abs(ValidationStatistics.spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12)
        // Ranks (1.5, 1.5, 3) against (1, 2, 3): Pearson of those ranks is √3/2.
        #expect(abs(ValidationStatistics.spearman([5, 5, 9], [1, 2, 3]) - 3.0.squareRoot() / 2) < 1e-12)
    }
}
