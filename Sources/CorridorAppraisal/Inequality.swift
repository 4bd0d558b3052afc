import Foundation

/// Inequality of a quantity (accessibility) across places, each weighted by its population.
public enum Inequality {
    /// The Gini index from the Lorenz curve of the weighted values (0 equal, 1 all in one place).
    /// - Complexity: O(n log n).
    public static func gini(_ values: [Double], weights: [Double]) -> Double {
        precondition(values.count == weights.count)
        let order = values.indices.filter { weights[$0] > 0 }.sorted { values[$0] < values[$1] }
        let w = order.reduce(0) { $0 + weights[$1] }
        let total = order.reduce(0) { $0 + weights[$1] * values[$1] }
        guard w > 0, total > 0 else { return 0 }
        var area = 0.0, cumulative = 0.0
        for i in order {
            let next = cumulative + weights[i] * values[i]
            area += weights[i] / w * (cumulative + next) / total
            cumulative = next
        }
        return 1 - area
    }

    /// Theil's T index, split into the part between groups and the part within them:
    /// T = Σ_g s_g T_g + Σ_g s_g ln(μ_g / μ), with s_g the group's share of the weighted total.
    /// (H. Theil, "Economics and Information Theory", 1967.)
    public static func theil(_ values: [Double], weights: [Double], groups: [String]) -> (total: Double, between: Double, within: Double) {
        precondition(values.count == weights.count && values.count == groups.count)
        func t(_ idx: [Int]) -> (t: Double, w: Double, sum: Double) {
            let w = idx.reduce(0) { $0 + weights[$1] }
            let sum = idx.reduce(0) { $0 + weights[$1] * values[$1] }
            guard w > 0, sum > 0 else { return (0, w, sum) }
            let mu = sum / w
            var x = 0.0
            for i in idx where values[i] > 0 { x += weights[i] / w * (values[i] / mu) * log(values[i] / mu) }
            return (x, w, sum)
        }
        let all = t(Array(values.indices))
        guard all.w > 0, all.sum > 0 else { return (0, 0, 0) }
        let mu = all.sum / all.w
        var between = 0.0, within = 0.0
        // Groups in name order: the terms are Doubles, and a dictionary's order changes per process.
        for (_, idx) in Dictionary(grouping: values.indices, by: { groups[$0] }).sorted(by: { $0.key < $1.key }) {
            let g = t(idx)
            guard g.sum > 0 else { continue }
            let share = g.sum / all.sum
            within += share * g.t
            between += share * log((g.sum / g.w) / mu)
        }
        return (all.t, between, within)
    }
}
