import Foundation

/// The Shapley value of a cooperative game: each player's average marginal contribution over
/// every order in which the coalition could form (L. S. Shapley, "A value for n-person games",
/// 1953). Coalitions are bit masks over the players.
public enum Shapley {
    /// Exact: φ_i = Σ_{S ∌ i} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)).
    /// - Parameters:
    ///   - n: the number of players, at most 20 (2^n coalitions are evaluated once each).
    ///   - value: v(S) for a coalition mask; v(∅) is taken as given by `value(0)`.
    /// - Complexity: 2^n evaluations of `value` and O(n · 2^n) arithmetic.
    public static func exact(players n: Int, value: (UInt32) throws -> Double) rethrows -> [Double] {
        precondition(n >= 0 && n <= 20, "exact Shapley for at most 20 players")
        let count = 1 << n
        var v = [Double](repeating: 0, count: count)
        for mask in 0..<count { v[mask] = try value(UInt32(mask)) }
        // weight[s] = s! (n − s − 1)! / n!
        var weight = [Double](repeating: 0, count: max(1, n))
        for s in 0..<n { weight[s] = exp(lgamma(Double(s + 1)) + lgamma(Double(n - s)) - lgamma(Double(n + 1))) }
        var phi = [Double](repeating: 0, count: n)
        for mask in 0..<count {
            let size = mask.nonzeroBitCount
            for i in 0..<n where mask & (1 << i) == 0 {
                phi[i] += weight[size] * (v[mask | (1 << i)] - v[mask])
            }
        }
        return phi
    }

    /// Sampled: the mean marginal contribution over `permutations` random orders drawn with a
    /// fixed seed (the same estimate on every run). Each order adds every player once, so the
    /// estimates always sum to v(N) − v(∅).
    /// - Parameters:
    ///   - n: the number of players, at most 32.
    ///   - permutations: how many random orders to average over.
    ///   - seed: the generator's seed.
    ///   - value: v(S) for a coalition mask; each coalition is evaluated once.
    public static func sampled(players n: Int, permutations: Int, seed: UInt64, value: (UInt32) throws -> Double) rethrows -> [Double] {
        precondition(n >= 1 && n <= 32 && permutations >= 1)
        var rng = SplitMix64(seed: seed)
        var phi = [Double](repeating: 0, count: n)
        var cache: [UInt32: Double] = [:]
        func v(_ m: UInt32) throws -> Double {
            if let x = cache[m] { return x }
            let x = try value(m)
            cache[m] = x
            return x
        }
        var order = Array(0..<n)
        for _ in 0..<permutations {
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var mask: UInt32 = 0
            var before = try v(0)
            for p in order {
                mask |= 1 << UInt32(p)
                let after = try v(mask)
                phi[p] += after - before
                before = after
            }
        }
        return phi.map { $0 / Double(permutations) }
    }
}

/// A small, fast, seeded generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
