import CorridorFlows

/// User benefit of a change in generalised cost with demand before and after, by the rule of a
/// half: ½ Σ_od (T0 + T1)(c0 − c1) (the consumer-surplus change under a linear demand curve).
public enum RuleOfHalf {
    public struct Result: Sendable, Hashable, Codable {
        /// Σ over pairs, in the unit of trips × cost.
        public var total: Double
        /// Each pair's benefit split half to its origin and half to its destination zone.
        public var byZone: [Double]
        /// Trips on pairs with a path only after (or only before), left out of the sum: their
        /// benefit needs a demand model's new-connection term.
        public var tripsOnNewOrLostPairs: Double
    }

    /// - Parameters:
    ///   - before: trips before (T0).
    ///   - after: trips after (T1), over the same zones.
    ///   - costBefore: zone² costs before, c0 (row-major); an infinite cost marks a pair
    ///     without a path.
    ///   - costAfter: zone² costs after, c1.
    public static func benefit(before: ODMatrix, after: ODMatrix, costBefore: [Double], costAfter: [Double]) -> Result {
        let n = before.zoneCount
        precondition(after.zoneCount == n && costBefore.count == n * n && costAfter.count == n * n)
        var byZone = [Double](repeating: 0, count: n)
        var total = 0.0, skipped = 0.0
        for o in 0..<n {
            for d in 0..<n {
                let t0 = before[o, d], t1 = after[o, d]
                guard t0 > 0 || t1 > 0 else { continue }
                let c0 = costBefore[o * n + d], c1 = costAfter[o * n + d]
                guard c0.isFinite, c1.isFinite else { skipped += max(t0, t1); continue }
                let b = 0.5 * (t0 + t1) * (c0 - c1)
                total += b
                byZone[o] += b / 2
                byZone[d] += b / 2
            }
        }
        return Result(total: total, byZone: byZone, tripsOnNewOrLostPairs: skipped)
    }
}
