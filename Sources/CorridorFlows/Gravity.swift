import Foundation

/// How the willingness to travel falls with cost (time, distance, generalised cost).
public enum Deterrence: Sendable, Hashable, Codable {
    /// f(c) = exp(−β c)
    case exponential(beta: Double)
    /// f(c) = c^(−α); f(0) is taken as 1 (a zero cost deters nothing).
    case power(alpha: Double)
    /// f(c) = c^(−α) exp(−β c), the combined (Tanner) function; f(0) = 1.
    case tanner(alpha: Double, beta: Double)

    /// f(c); 0 for an infinite cost (no path).
    public func value(_ c: Double) -> Double {
        guard c.isFinite else { return 0 }
        switch self {
        case .exponential(let b): return exp(-b * c)
        case .power(let a): return c > 0 ? pow(c, -a) : 1
        case .tanner(let a, let b): return c > 0 ? pow(c, -a) * exp(-b * c) : 1
        }
    }

    /// Checks the parameters: finite and not negative.
    /// - Throws: `FlowError.invalid` naming the parameter.
    public func validate() throws {
        switch self {
        case .exponential(let b): guard b.isFinite, b >= 0 else { throw FlowError.invalid("deterrence", "beta \(b) must be finite and >= 0") }
        case .power(let a): guard a.isFinite, a >= 0 else { throw FlowError.invalid("deterrence", "alpha \(a) must be finite and >= 0") }
        case .tanner(let a, let b):
            guard a.isFinite, a >= 0, b.isFinite, b >= 0 else { throw FlowError.invalid("deterrence", "alpha \(a) and beta \(b) must be finite and >= 0") }
        }
    }
}

/// Trip distribution by the gravity model: trips between zones grow with their masses and
/// fall with the cost between them (A. G. Wilson, "Entropy in urban and regional modelling",
/// 1970). Costs are zones² row-major; an infinite cost means no trips.
public enum Gravity {
    /// Production-constrained: T_ij = O_i · D_j f(c_ij) / Σ_k D_k f(c_ik). Row sums equal the
    /// productions (rows that reach no destination stay empty).
    /// - Parameters:
    ///   - productions: trips leaving each zone, O_i.
    ///   - attractions: the attractiveness of each zone, D_j (any scale).
    ///   - costs: zones² costs.
    ///   - deterrence: f.
    public static func singlyConstrained(productions: [Double], attractions: [Double], costs: [Double], deterrence: Deterrence) throws -> ODMatrix {
        let n = productions.count
        try check(n, attractions, costs, deterrence)
        var trips = [Double](repeating: 0, count: n * n)
        for i in 0..<n where productions[i] > 0 {
            var sum = 0.0
            for j in 0..<n { let w = attractions[j] * deterrence.value(costs[i * n + j]); trips[i * n + j] = w; sum += w }
            guard sum > 0 else { for j in 0..<n { trips[i * n + j] = 0 }; continue }
            for j in 0..<n { trips[i * n + j] *= productions[i] / sum }
        }
        return try ODMatrix(zoneCount: n, trips: trips)
    }

    /// The result of a doubly constrained distribution.
    public struct Balanced: Sendable {
        public var trips: ODMatrix
        /// Row and column balancing passes made.
        public var iterations: Int
        /// max over rows and columns of |sum − target| / target at the end.
        public var largestRelativeError: Double
    }

    /// Doubly constrained: T_ij = a_i O_i b_j D_j f(c_ij), with the balancing factors found by
    /// Furness's iterative proportional fitting (alternately scaling rows to the productions
    /// and columns to the attractions) until every sum is within `tolerance` of its target.
    /// - Parameters:
    ///   - productions: trips leaving each zone, O_i.
    ///   - attractions: trips arriving at each zone, D_j, with Σ D = Σ O (checked to 1e-9).
    ///   - costs: zones² costs.
    ///   - deterrence: f.
    ///   - tolerance: relative error at which to stop.
    ///   - maxIterations: passes at most.
    /// - Throws: `FlowError.invalid` when the totals differ or a row or column with a target
    ///   reaches nothing (the fit cannot exist).
    public static func doublyConstrained(productions: [Double], attractions: [Double], costs: [Double], deterrence: Deterrence,
                                         tolerance: Double = 1e-9, maxIterations: Int = 10_000) throws -> Balanced {
        let n = productions.count
        try check(n, attractions, costs, deterrence)
        var seed = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { seed[i * n + j] = deterrence.value(costs[i * n + j]) } }
        return try furness(seed: seed, rowTargets: productions, columnTargets: attractions, tolerance: tolerance, maxIterations: maxIterations)
    }

    /// Furness / iterative proportional fitting of a non-negative seed matrix to row and column
    /// targets. The fitted matrix keeps the seed's cross-product ratios (T_ij T_kl / T_il T_kj).
    /// - Parameters:
    ///   - seed: zones² starting values (row-major), e.g. f(c_ij).
    ///   - rowTargets: the row sums to reach.
    ///   - columnTargets: the column sums to reach (same total).
    ///   - tolerance: relative error at which to stop.
    ///   - maxIterations: passes at most.
    public static func furness(seed: [Double], rowTargets: [Double], columnTargets: [Double], tolerance: Double = 1e-9,
                               maxIterations: Int = 10_000) throws -> Balanced {
        let n = rowTargets.count
        guard columnTargets.count == n, seed.count == n * n else { throw FlowError.invalid("Furness", "\(n) rows, \(columnTargets.count) columns, \(seed.count) seed cells") }
        guard seed.allSatisfy({ $0.isFinite && $0 >= 0 }), rowTargets.allSatisfy({ $0.isFinite && $0 >= 0 }),
              columnTargets.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw FlowError.invalid("Furness", "seed and targets must be finite and >= 0")
        }
        let rowTotal = rowTargets.reduce(0, +), columnTotal = columnTargets.reduce(0, +)
        guard abs(rowTotal - columnTotal) <= 1e-9 * max(1, rowTotal) else {
            throw FlowError.invalid("Furness", "productions add up to \(rowTotal), attractions to \(columnTotal)")
        }
        for i in 0..<n where rowTargets[i] > 0 && (0..<n).allSatisfy({ seed[i * n + $0] == 0 || columnTargets[$0] == 0 }) {
            throw FlowError.invalid("Furness", "zone \(i + 1) produces \(rowTargets[i]) trips but reaches no attracting zone")
        }
        for j in 0..<n where columnTargets[j] > 0 && (0..<n).allSatisfy({ seed[$0 * n + j] == 0 || rowTargets[$0] == 0 }) {
            throw FlowError.invalid("Furness", "zone \(j + 1) attracts \(columnTargets[j]) trips but no producing zone reaches it")
        }
        // The fitted matrix is seed_ij · a_i · b_j: each iteration sets the row factors from the
        // current column factors, then the column factors from the new row factors, in two
        // row-major passes (the column sums accumulate in a vector, no strided pass). The row
        // products of the next iteration give the rows' error at the same time.
        var a = [Double](repeating: 1, count: n), b = [Double](repeating: 1, count: n)
        var rowDot = [Double](repeating: 0, count: n), columnSum = [Double](repeating: 0, count: n)
        var iterations = 0
        var e = Double.infinity
        seed.withUnsafeBufferPointer { s in
            func rowProducts() {
                b.withUnsafeBufferPointer { bb in
                    for i in 0..<n {
                        var sum = 0.0
                        let row = i * n
                        for j in 0..<n { sum += s[row + j] * bb[j] }
                        rowDot[i] = sum
                    }
                }
            }
            rowProducts()
            while iterations < maxIterations {
                iterations += 1
                for i in 0..<n { a[i] = rowDot[i] > 0 ? rowTargets[i] / rowDot[i] : 0 }
                columnSum.withUnsafeMutableBufferPointer { cs in
                    for j in 0..<n { cs[j] = 0 }
                    for i in 0..<n where a[i] != 0 {
                        let ai = a[i], row = i * n
                        for j in 0..<n { cs[j] += s[row + j] * ai }
                    }
                }
                for j in 0..<n { b[j] = columnSum[j] > 0 ? columnTargets[j] / columnSum[j] : 0 }
                rowProducts()
                var worst = 0.0
                for i in 0..<n where rowTargets[i] > 0 { worst = max(worst, abs(a[i] * rowDot[i] - rowTargets[i]) / rowTargets[i]) }
                for j in 0..<n where columnTargets[j] > 0 { worst = max(worst, abs(b[j] * columnSum[j] - columnTargets[j]) / columnTargets[j]) }
                e = worst
                if e <= tolerance { break }
            }
        }
        var t = seed
        for i in 0..<n {
            let ai = a[i], row = i * n
            for j in 0..<n { t[row + j] = t[row + j] * ai * b[j] }
        }
        return Balanced(trips: try ODMatrix(zoneCount: n, trips: t), iterations: iterations, largestRelativeError: e)
    }

    /// The trip-weighted mean cost of a distribution (pairs without a path left out).
    /// - Parameters:
    ///   - trips: the distribution.
    ///   - costs: zones² costs.
    public static func meanCost(_ trips: ODMatrix, costs: [Double]) -> Double {
        var w = 0.0, s = 0.0
        for k in trips.trips.indices where trips.trips[k] > 0 && costs[k].isFinite { w += trips.trips[k]; s += trips.trips[k] * costs[k] }
        return w > 0 ? s / w : .nan
    }

    /// The result of a calibration.
    public struct Calibration: Sendable {
        public var beta: Double
        public var meanCost: Double
        public var iterations: Int
        public var trips: ODMatrix
    }

    /// Calibrates the exponential deterrence's β of a doubly constrained model so that the
    /// modelled mean trip cost meets `targetMeanCost`, by Hyman's method: start at β = 1.5 / c*,
    /// then β · c̄ / c*, then secant steps on c̄(β) (G. M. Hyman, "The calibration of trip
    /// distribution models", Environment and Planning 1, 1969).
    /// - Parameters:
    ///   - productions: trips leaving each zone.
    ///   - attractions: trips arriving at each zone (same total).
    ///   - costs: zones² costs.
    ///   - targetMeanCost: the observed mean trip cost to reproduce.
    ///   - tolerance: relative error of the mean cost at which to stop.
    ///   - maxIterations: model runs at most.
    /// - Throws: `FlowError.invalid` for a target outside what the costs allow, or no
    ///   convergence within `maxIterations`.
    public static func calibrateExponential(productions: [Double], attractions: [Double], costs: [Double], targetMeanCost: Double,
                                            tolerance: Double = 1e-6, maxIterations: Int = 50) throws -> Calibration {
        guard targetMeanCost.isFinite, targetMeanCost > 0 else { throw FlowError.invalid("calibration", "target mean cost \(targetMeanCost) must be > 0") }
        func run(_ beta: Double) throws -> (ODMatrix, Double) {
            let b = try doublyConstrained(productions: productions, attractions: attractions, costs: costs,
                                          deterrence: .exponential(beta: max(0, beta)), tolerance: 1e-10)
            return (b.trips, meanCost(b.trips, costs: costs))
        }
        var b0 = 1.5 / targetMeanCost
        let (first, firstMean) = try run(b0)
        if abs(firstMean - targetMeanCost) <= tolerance * targetMeanCost { return Calibration(beta: b0, meanCost: firstMean, iterations: 1, trips: first) }
        var c0 = firstMean
        var b1 = b0 * c0 / targetMeanCost
        var (t1, c1) = try run(b1)
        for k in 2...maxIterations {
            if abs(c1 - targetMeanCost) <= tolerance * targetMeanCost { return Calibration(beta: b1, meanCost: c1, iterations: k, trips: t1) }
            guard c1 != c0 else { break }
            let next = ((targetMeanCost - c0) * b1 - (targetMeanCost - c1) * b0) / (c1 - c0)
            guard next.isFinite else { break }
            b0 = b1; c0 = c1
            b1 = max(1e-12, next)
            (t1, c1) = try run(b1)
        }
        throw FlowError.invalid("calibration", "no β gives a mean cost of \(targetMeanCost) (reached \(c1) at β = \(b1))")
    }

    static func check(_ n: Int, _ attractions: [Double], _ costs: [Double], _ deterrence: Deterrence) throws {
        guard attractions.count == n else { throw FlowError.invalid("gravity", "\(n) productions but \(attractions.count) attractions (zone count mismatch)") }
        guard costs.count == n * n else { throw FlowError.invalid("gravity", "\(costs.count) costs for \(n) zones (expected \(n * n))") }
        try deterrence.validate()
        for (i, c) in costs.enumerated() where c.isNaN || c < 0 {
            throw FlowError.invalid("gravity", "cost \(c) from zone \(i / max(1, n) + 1) to zone \(i % max(1, n) + 1) must be >= 0")
        }
    }
}
