/// One of `count` contiguous shares of a job's items (places, nodes, options, links, sources),
/// so that a job can run as several processes whose parts merge into exactly the result of
/// one process (`corridor ... --shard I/N`, `corridor merge`).
///
/// Every sharded computation computes each item the same way whatever the shard, and sums
/// over items in fixed point (``FixedPointSums``), so the merged result does not depend on
/// the number of shards.
public struct Shard: Sendable, Hashable, Codable {
    /// 0-based, below `count`.
    public let index: Int
    /// How many shares the items are cut into.
    public let count: Int

    /// - Parameters:
    ///   - index: the share, 0-based.
    ///   - count: the number of shares (at least 1, more than `index`).
    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard \(index) of \(count)")
        self.index = index
        self.count = count
    }

    /// A share as the command line gives it.
    /// - Parameter text: `I/N`, 1-based (`--shard 2/4` is the second of four).
    /// - Returns: nil unless 1 <= I <= N <= 100000.
    public init?(parsing text: String) {
        let f = text.split(separator: "/")
        guard f.count == 2, let i = Int(f[0]), let n = Int(f[1]), n >= 1, n <= 100_000, i >= 1, i <= n else { return nil }
        self.init(index: i - 1, count: n)
    }

    /// All the items in one share.
    public static let whole = Shard(index: 0, count: 1)

    /// The items this share takes of `total`: [⌊total·i/N⌋, ⌊total·(i+1)/N⌋).
    public func range(of total: Int) -> Range<Int> {
        (total * index / count)..<(total * (index + 1) / count)
    }
}

/// Sums of non-negative terms kept in fixed point (Int64 multiples of 2^-exponent), so that
/// partial sums from any split of the terms add to the identical total in any order. The
/// exponent is chosen from a bound on the total, so the sum cannot overflow.
public struct FixedPointSums: Sendable, Codable, Hashable {
    /// Binary digits after the point.
    public let exponent: Int
    /// The sums, in units of 2^-exponent.
    public var units: [Int64]

    /// - Parameters:
    ///   - count: how many sums.
    ///   - bound: an upper bound on any one sum (the exponent keeps bound·2^exponent below 2^62).
    public init(count: Int, bound: Double) {
        let b = max(1, bound.isFinite ? bound : 1)
        exponent = max(0, min(32, 61 - Int(b.exponent)))
        units = Array(repeating: 0, count: count)
    }

    /// The same exponent with every sum zero.
    public func zeroed() -> FixedPointSums {
        var z = self
        z.units = Array(repeating: 0, count: units.count)
        return z
    }

    /// One term in units (rounded to the nearest unit).
    @inline(__always)
    public func units(of value: Double) -> Int64 { Int64((value * scale).rounded()) }

    /// 2^exponent.
    public var scale: Double { Double(sign: .plus, exponent: exponent, significand: 1) }

    /// Adds another split's sums (same exponent and count).
    public mutating func add(_ other: FixedPointSums) {
        precondition(other.exponent == exponent && other.units.count == units.count, "fixed-point sums of different shape")
        for i in units.indices { units[i] &+= other.units[i] }
    }

    /// The sums as doubles.
    public var values: [Double] {
        let s = scale
        return units.map { Double($0) / s }
    }
}
