import Foundation

/// Who gains and who loses from an option, beyond the averages: how much of the population
/// gains or loses, and how concentrated the gains are.
public struct GainDistribution: Sendable, Codable, Hashable {
    /// Share of the population whose gravity accessibility rises (falls) by more than 1e-9.
    public var populationShareGaining: Double
    public var populationShareLosing: Double
    /// Gini coefficient of the places' absolute gains P_i·ΔG_i (positive parts): 0 when every
    /// place gains alike, towards 1 when one place takes everything.
    public var giniOfGains: Double
    /// Share of the total gain received by the top tenth of places (by gain, at least one).
    public var topDecileShare: Double

    /// - Parameters:
    ///   - population: P_i per place.
    ///   - before: G_i per place without the option.
    ///   - after: G_i per place with the option.
    public init(population: [Double], before: [Double], after: [Double]) {
        let total = population.reduce(0, +)
        var gaining = 0.0, losing = 0.0
        var gains: [Double] = []
        for i in population.indices {
            let relative = before[i] > 0 ? (after[i] - before[i]) / before[i] : (after[i] > 0 ? 1 : 0)
            if relative > 1e-9 { gaining += population[i] }
            if relative < -1e-9 { losing += population[i] }
            gains.append(max(0, population[i] * (after[i] - before[i])))
        }
        populationShareGaining = total > 0 ? gaining / total : 0
        populationShareLosing = total > 0 ? losing / total : 0
        giniOfGains = Self.gini(gains)
        topDecileShare = Self.topShare(gains, fraction: 0.1)
    }

    /// The Gini coefficient Σ_i Σ_j |x_i − x_j| / (2 n² mean), from the sorted values in
    /// O(n log n): G = Σ_i (2i − n − 1) x_(i) / (n Σ x), i = 1…n.
    public static func gini(_ values: [Double]) -> Double {
        let x = values.sorted()
        let n = Double(x.count), sum = x.reduce(0, +)
        guard n > 0, sum > 0 else { return 0 }
        var acc = 0.0
        for (k, v) in x.enumerated() { acc += (2 * Double(k + 1) - n - 1) * v }
        return acc / (n * sum)
    }

    /// Share of the sum held by the largest ⌈fraction·n⌉ values.
    public static func topShare(_ values: [Double], fraction: Double) -> Double {
        let sum = values.reduce(0, +)
        guard sum > 0 else { return 0 }
        let k = max(1, Int((fraction * Double(values.count)).rounded(.up)))
        return values.sorted(by: >).prefix(k).reduce(0, +) / sum
    }
}
