/// How costs and benefits fall across parties.
public enum Allocation {
    /// The dissimilarity index D = ½ Σ_i |b_i − c_i| between benefit and cost shares (0: each
    /// party's benefit share equals its cost share; 1: benefits fall wholly where no cost is
    /// borne). Parties missing from one side have a share of 0 there.
    public static func dissimilarity(benefitShares b: [String: Double], costShares c: [String: Double]) -> Double {
        0.5 * Set(b.keys).union(c.keys).sorted().reduce(0) { $0 + abs((b[$1] ?? 0) - (c[$1] ?? 0)) }
    }

    /// The transfers (present value, positive: received) that leave every party a net benefit
    /// in proportion to its cost share: t_i = (c_i − b_i) · B, for total benefits B. With
    /// them, party i nets b_i B − c_i C + t_i = c_i (B − C). They add up to 0.
    public static func compensation(benefitShares b: [String: Double], costShares c: [String: Double], presentBenefits: Double) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: Set(b.keys).union(c.keys).map { ($0, ((c[$0] ?? 0) - (b[$0] ?? 0)) * presentBenefits) })
    }
}
