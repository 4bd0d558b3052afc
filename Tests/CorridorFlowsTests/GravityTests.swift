import CorridorFlows
import Foundation
import Testing

@Suite struct GravityTests {
    /// Seed of ones, rows 3 and 1, columns 2 and 2: one row pass gives [[1.5, 1.5], [0.5, 0.5]],
    /// whose columns already add up.
    @Test func furnessTwoByTwoByHand() throws {
        let b = try Gravity.furness(seed: [1, 1, 1, 1], rowTargets: [3, 1], columnTargets: [2, 2])
        #expect(b.trips.trips == [1.5, 1.5, 0.5, 0.5] && b.iterations == 1)
    }

    /// A 3 × 3 fit whose answer is known by construction: T = diag(a) · S · diag(b) has the row
    /// and column sums used as targets, and the fit of S to them is unique, so Furness must
    /// return T; the seed's cross-product ratios (1·5 / 2·4 = 0.625) survive.
    @Test func furnessThreeByThreeRecoversAKnownFit() throws {
        let s: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9], a: [Double] = [2, 0.5, 1], b: [Double] = [1, 3, 0.25]
        var t = [Double](repeating: 0, count: 9)
        for i in 0..<3 { for j in 0..<3 { t[i * 3 + j] = a[i] * s[i * 3 + j] * b[j] } }
        let rows = (0..<3).map { i in (0..<3).reduce(0) { $0 + t[i * 3 + $1] } }
        let cols = (0..<3).map { j in (0..<3).reduce(0) { $0 + t[$1 * 3 + j] } }
        let fit = try Gravity.furness(seed: s, rowTargets: rows, columnTargets: cols, tolerance: 1e-12)
        #expect(fit.largestRelativeError <= 1e-12)
        for k in 0..<9 { #expect(abs(fit.trips.trips[k] - t[k]) < 1e-9 * t[k], "cell \(k)") }
        let f = fit.trips.trips
        #expect(abs(f[0] * f[4] / (f[1] * f[3]) - 0.625) < 1e-12)
    }

    /// O = (100, 0), D = (1, 3), cost 10 between the zones, exp(−0.1 c): the weights are 1 and
    /// 3/e, so zone 1 keeps 100 / (1 + 3/e) trips.
    @Test func singlyConstrainedByHand() throws {
        let m = try Gravity.singlyConstrained(productions: [100, 0], attractions: [1, 3], costs: [0, 10, 10, 0], deterrence: .exponential(beta: 0.1))
        let keep = 100 / (1 + 3 / M_E)
        #expect(abs(m[0, 0] - keep) < 1e-9 && abs(m[0, 1] - (100 - keep)) < 1e-9 && m.rowSums[1] == 0)
        #expect(Deterrence.power(alpha: 2).value(4) == 1.0 / 16 && Deterrence.tanner(alpha: 1, beta: 0.5).value(2) == exp(-1) / 2)
    }

    /// A synthetic region distributed with β = 0.3; calibrating to its mean trip cost from
    /// Hyman's start finds β again.
    @Test func hymanRecoversAKnownBeta() throws {
        var state: UInt64 = 42
        func random() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        let n = 8
        let x = (0..<n).map { _ in random() * 20 }, y = (0..<n).map { _ in random() * 20 }
        var costs = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { costs[i * n + j] = i == j ? 1 : ((x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])).squareRoot() } }
        let o = (0..<n).map { _ in 100 + random() * 900 }
        var d = (0..<n).map { _ in 100 + random() * 900 }
        let scale = o.reduce(0, +) / d.reduce(0, +)
        d = d.map { $0 * scale }
        let truth = try Gravity.doublyConstrained(productions: o, attractions: d, costs: costs, deterrence: .exponential(beta: 0.3), tolerance: 1e-12)
        let target = Gravity.meanCost(truth.trips, costs: costs)
        let fit = try Gravity.calibrateExponential(productions: o, attractions: d, costs: costs, targetMeanCost: target, tolerance: 1e-9)
        #expect(abs(fit.beta - 0.3) < 1e-5, "\(fit.beta) after \(fit.iterations) iterations")
        #expect(abs(fit.meanCost - target) <= 1e-9 * target)
    }

    @Test func badInput() {
        #expect(throws: FlowError.self) { try Gravity.singlyConstrained(productions: [1, 2], attractions: [1], costs: [0, 1, 1, 0], deterrence: .exponential(beta: 0.1)) }
        #expect(throws: FlowError.self) { try Gravity.singlyConstrained(productions: [1, 2], attractions: [1, 1], costs: [0, 1, 1, 0], deterrence: .exponential(beta: -0.1)) }
        #expect(throws: FlowError.self) { try Gravity.furness(seed: [1, 1, 1, 1], rowTargets: [3, 1], columnTargets: [1, 1]) }
        #expect(throws: FlowError.self) { try Gravity.furness(seed: [1, 0, 0, 0], rowTargets: [1, 1], columnTargets: [1, 1]) }
    }
}
