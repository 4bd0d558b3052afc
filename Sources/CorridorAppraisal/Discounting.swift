import Foundation

/// Yearly cash flows of an option from the start of construction (year 0): benefits, costs,
/// and the discounted results planners compare options by.
///
/// Timeline: the capital cost is spent evenly over the construction years 0 ..< K; benefits
/// and operating costs run from year K to the end of the horizon, benefits growing by g a
/// year; what is left of the works at the horizon (straight-line over their life) counts as
/// a negative cost in the last year.
public struct CashFlows: Sendable, Hashable, Codable {
    public var benefits: [Double]
    public var costs: [Double]

    public init(benefits: [Double], costs: [Double]) {
        precondition(benefits.count == costs.count, "one benefit and one cost per year")
        self.benefits = benefits
        self.costs = costs
    }

    /// - Parameters:
    ///   - capital: the capital cost, spent evenly over `constructionYears`.
    ///   - operatingPerYear: cost of each operating year.
    ///   - firstYearBenefit: the benefit of year `constructionYears` at full traffic (before any
    ///     ramp-up), growing by `growth` a year from then.
    ///   - growth: yearly growth of the benefit.
    ///   - constructionYears: K >= 1.
    ///   - lifetimeYears: economic life of the works (nil: nothing left at the horizon).
    ///   - horizonYears: years appraised, construction included.
    ///   - rampUp: share of the full benefit in each of the first operating years (then 1).
    ///   - openingDelayYears: years the opening slips after construction: no benefit and no
    ///     operating cost then; traffic grows meanwhile, as it would have.
    public init(capital: Double, operatingPerYear: Double, firstYearBenefit: Double, growth: Double,
                constructionYears: Int, lifetimeYears: Int?, horizonYears: Int, rampUp: [Double] = [], openingDelayYears: Int = 0) {
        let k = max(1, constructionYears), h = max(1, horizonYears), open = k + max(0, openingDelayYears)
        var b = [Double](repeating: 0, count: h), c = [Double](repeating: 0, count: h)
        for t in 0..<h {
            if t < k { c[t] += capital / Double(k) } else if t >= open {
                let ramp = t - open < rampUp.count ? rampUp[t - open] : 1
                b[t] = firstYearBenefit * Foundation.pow(1 + growth, Double(t - k)) * ramp
                c[t] += operatingPerYear
            }
        }
        if let life = lifetimeYears, h > k {
            let used = Double(h - k)
            c[h - 1] -= capital * max(0, 1 - used / Double(life))
        }
        self.init(benefits: b, costs: c)
    }

    /// Σ x_t / (1 + r)^t.
    static func present(_ x: [Double], rate r: Double) -> Double {
        var sum = 0.0, factor = 1.0
        for v in x { sum += v * factor; factor /= (1 + r) }
        return sum
    }

    public func presentBenefits(rate: Double) -> Double { Self.present(benefits, rate: rate) }
    public func presentCosts(rate: Double) -> Double { Self.present(costs, rate: rate) }

    /// Net present value at a real discount rate.
    public func netPresentValue(rate: Double) -> Double {
        Self.present(zip(benefits, costs).map { $0 - $1 }, rate: rate)
    }

    /// Present benefits over present costs (nil when the costs are 0).
    public func benefitCostRatio(rate: Double) -> Double? {
        let c = presentCosts(rate: rate)
        return c > 0 ? presentBenefits(rate: rate) / c : nil
    }

    /// The rate at which the NPV is 0, by bisection on (−0.99, 10]; nil when the NPV does not
    /// change sign there (no cost, or never worth it).
    public func internalRateOfReturn() -> Double? {
        var lo = -0.99, hi = 10.0
        var flo = netPresentValue(rate: lo), fhi = netPresentValue(rate: hi)
        guard flo.isFinite, fhi.isFinite, flo * fhi < 0 else { return nil }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            let f = netPresentValue(rate: mid)
            if f == 0 { return mid }
            if (f < 0) == (flo < 0) { lo = mid; flo = f } else { hi = mid; fhi = f }
            if hi - lo < 1e-12 { break }
        }
        return (lo + hi) / 2
    }
}
