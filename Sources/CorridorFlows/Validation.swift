import Foundation

/// How well modelled volumes match observed counts: the statistics transport modellers report.
public struct ValidationStatistics: Sendable, Hashable, Codable {
    public var count: Int
    /// Spearman's rank correlation (ties share their average rank).
    public var spearman: Double
    /// The squared Pearson correlation of log volumes, over pairs where both are > 0.
    public var r2Log: Double
    /// Share of sites whose GEH statistic on average daily flows is below 5:
    /// GEH = sqrt(2 (M − C)² / (M + C)), M modelled, C counted, per day (annual / 365).
    public var gehBelow5Share: Double
    /// Share of the observed total that passes the model's five busiest sites.
    public var observedShareOfModelTopFive: Double
    /// The coefficient of determination of log(1 + predicted) for log(1 + observed), with the
    /// predictions taken as they are (no refit): 1 − SS_res / SS_tot over every site; negative
    /// when the predictions do worse than the mean.
    public var r2Log1pAsIs: Double
    /// Share of sites whose GEH on average hourly flows (annual / 8,760) is below 5: the
    /// criterion of the UK TAG unit M3.1 for link flows.
    public var gehHourlyBelow5Share: Double
    /// Sites with a count whose prediction lies within a factor of 2 of it.
    public var withinFactorTwo: Int

    /// - Parameters:
    ///   - observed: counts per site, per year.
    ///   - predicted: modelled volumes per site, per year, in the same order.
    public init(observed: [Double], predicted: [Double]) {
        precondition(observed.count == predicted.count, "one prediction per observation")
        count = observed.count
        spearman = Self.spearman(observed, predicted)
        let both = observed.indices.filter { observed[$0] > 0 && predicted[$0] > 0 }
        let r = Self.pearson(both.map { log(observed[$0]) }, both.map { log(predicted[$0]) })
        r2Log = r * r
        let geh = observed.indices.map { i -> Double in
            let m = predicted[i] / 365, c = observed[i] / 365
            return m + c > 0 ? (2 * (m - c) * (m - c) / (m + c)).squareRoot() : 0
        }
        gehBelow5Share = count > 0 ? Double(geh.filter { $0 < 5 }.count) / Double(count) : .nan
        let top = observed.indices.sorted { predicted[$0] > predicted[$1] || (predicted[$0] == predicted[$1] && $0 < $1) }.prefix(5)
        let total = observed.reduce(0, +)
        observedShareOfModelTopFive = total > 0 ? top.reduce(0) { $0 + observed[$1] } / total : .nan
        let hourly = observed.indices.map { i in Self.geh(modelled: predicted[i] / 8760, counted: observed[i] / 8760) }
        gehHourlyBelow5Share = count > 0 ? Double(hourly.filter { $0 < 5 }.count) / Double(count) : .nan
        let lo = observed.map { log1p($0) }, lp = predicted.map { log1p($0) }
        let mean = lo.reduce(0, +) / Double(max(count, 1))
        let residual = lo.indices.reduce(0.0) { $0 + (lo[$1] - lp[$1]) * (lo[$1] - lp[$1]) }
        let spread = lo.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        r2Log1pAsIs = spread > 0 ? 1 - residual / spread : .nan
        withinFactorTwo = observed.indices.filter { Self.withinFactorTwo(observed: observed[$0], predicted: predicted[$0]) }.count
    }

    /// GEH = sqrt(2 (M − C)² / (M + C)); 0 when both are 0.
    /// - Parameters:
    ///   - m: the modelled flow (per hour or day, as the criterion is stated).
    ///   - c: the counted flow, per the same period.
    public static func geh(modelled m: Double, counted c: Double) -> Double {
        m + c > 0 ? (2 * (m - c) * (m - c) / (m + c)).squareRoot() : 0
    }

    /// A prediction within a factor of 2 of a positive count: count / 2 <= predicted <= 2 count.
    /// - Parameters:
    ///   - observed: the count.
    ///   - predicted: the prediction.
    public static func withinFactorTwo(observed: Double, predicted: Double) -> Bool {
        observed > 0 && predicted >= observed / 2 && predicted <= observed * 2
    }

    /// Ranks from 1, ties sharing their average rank.
    static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for k in i...j { r[order[k]] = average }
            i = j + 1
        }
        return r
    }

    /// Pearson's correlation (nan for fewer than two values or no spread).
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard x.count >= 2 else { return .nan }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my) }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    /// Spearman's rank correlation: Pearson's on the ranks.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        pearson(ranks(x), ranks(y))
    }
}
