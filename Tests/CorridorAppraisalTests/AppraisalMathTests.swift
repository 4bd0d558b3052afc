import CorridorAppraisal
import CorridorData
import CorridorFlows
import Foundation
import Testing

/// The appraisal's arithmetic, each against a hand calculation or a closed form.
@Suite struct AppraisalMathTests {
    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    /// Capital 100 in year 0, 30 a year in years 1...5, at 10 %: NPV = −100 + 30 · (1 − 1.1⁻⁵) / 0.1.
    @Test func npvIsTheAnnuityClosedForm() {
        let f = CashFlows(capital: 100, operatingPerYear: 0, firstYearBenefit: 30, growth: 0, constructionYears: 1, lifetimeYears: nil, horizonYears: 6)
        #expect(f.costs == [100, 0, 0, 0, 0, 0] && f.benefits == [0, 30, 30, 30, 30, 30])
        let annuity = 30 * (1 - pow(1.1, -5)) / 0.1
        #expect(close(f.netPresentValue(rate: 0.1), -100 + annuity))
        #expect(close(f.benefitCostRatio(rate: 0.1)!, annuity / 100))
        // The IRR solves −100 + 30 a(5, r) = 0; check it zeroes the NPV.
        let irr = f.internalRateOfReturn()!
        #expect(abs(f.netPresentValue(rate: irr)) < 1e-8 && irr > 0.15 && irr < 0.16)
    }

    /// 100 now, 110 next year: the IRR is exactly 10 %.
    @Test func irrOfOneYear() {
        let f = CashFlows(benefits: [0, 110], costs: [100, 0])
        #expect(close(f.internalRateOfReturn()!, 0.10, 1e-10))
        #expect(CashFlows(benefits: [0, 0], costs: [100, 0]).internalRateOfReturn() == nil)
    }

    /// Spread capital, growth and residual value: capital 120 over 2 years, benefits from year
    /// 2 growing 5 %, life 10 years, horizon 6 (4 years used): residual 120 · (1 − 4/10) = 72.
    @Test func timelineWithGrowthAndResidual() {
        let f = CashFlows(capital: 120, operatingPerYear: 2, firstYearBenefit: 10, growth: 0.05, constructionYears: 2, lifetimeYears: 10, horizonYears: 6)
        #expect(f.costs[0] == 60 && f.costs[1] == 60 && f.costs[2] == 2 && f.costs[4] == 2)
        #expect(close(f.costs[5], 2 - 72))
        #expect(close(f.benefits[2], 10) && close(f.benefits[5], 10 * pow(1.05, 3)))
    }

    @Test func moneyAcrossCurrenciesAndYears() throws {
        let d = AppraisalDefaults(currency: "USD", priceYear: 2024, discountRate: 0.06, discountRateSource: "test", horizonYears: 30,
                                  demandGrowthPerYear: 0, demandGrowthSource: "test", tripsPerPersonPerYear: 1, tripsSource: "test",
                                  segments: [ValueOfTimeSegment(name: "all", tripShare: 1, shareOfHourlyIncome: 0.5)], hoursPerYear: 2000,
                                  incomeYear: 2019, valueOfTimeSource: "test", laggingIncomeGroups: [],
                                  exchangeRates: [ExchangeRate(currency: "CAD", year: 2018, perUSD: 1.2957, source: "test")],
                                  priceIndex: [PriceIndexEntry(year: 2018, value: 251.107), PriceIndexEntry(year: 2024, value: 313.689)],
                                  priceIndexSource: "test")
        let m = MoneyConverter(d)
        #expect(close(try m.convert(100, from: "CAD", year: 2018), 100 / 1.2957 * 313.689 / 251.107))
        #expect(close(try m.convert(100, from: "USD", year: 2024), 100))
        #expect(throws: DataError.self) { try m.convert(1, from: "EUR", year: 2018) }
        #expect(throws: DataError.self) { try m.convert(1, from: "USD", year: 1990) }
    }

    /// The glove game: player 1 holds a left glove, 2 and 3 right ones; a pair is worth 1.
    /// By hand: φ = (2/3, 1/6, 1/6).
    @Test func shapleyOfTheGloveGame() {
        let v: (UInt32) -> Double = { m in (m & 1 != 0 && m & 6 != 0) ? 1 : 0 }
        let phi = Shapley.exact(players: 3, value: v)
        #expect(close(phi[0], 2.0 / 3) && close(phi[1], 1.0 / 6) && close(phi[2], 1.0 / 6))
        let sampled = Shapley.sampled(players: 3, permutations: 20_000, seed: 7, value: v)
        #expect(close(sampled.reduce(0, +), 1))
        #expect(abs(sampled[0] - 2.0 / 3) < 0.02)
        #expect(Shapley.sampled(players: 3, permutations: 500, seed: 7, value: v) == Shapley.sampled(players: 3, permutations: 500, seed: 7, value: v))
    }

    /// The axioms on random games: efficiency (shares add up to v(N) − v(∅)), symmetry (players
    /// 0 and 1 interchangeable get the same) and the dummy (player 3 adds nothing, gets 0).
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func shapleyAxioms(seed: UInt64) {
        var state = seed
        func random() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        var table = [Double](repeating: 0, count: 16)
        for m in 0..<16 { table[m] = random() * 10 }
        // Symmetric in players 0 and 1, and player 3 a dummy: v depends on (m & 4, popcount(m & 3)).
        func v(_ m: UInt32) -> Double {
            let key = Int(m & 4) | (Int((m & 3).nonzeroBitCount))
            return table[key]
        }
        let phi = Shapley.exact(players: 4, value: v)
        #expect(close(phi.reduce(0, +), v(15) - v(0), 1e-12))
        #expect(close(phi[0], phi[1], 1e-12))
        #expect(abs(phi[3]) < 1e-12)
    }

    /// Values 1 and 3, equal weights: Gini = Σ Σ |x_i − x_j| / (2 n² μ) = 4 / 16; Theil T =
    /// ½ (½ ln ½) + ½ (1.5 ln 1.5), all of it between the two groups.
    @Test func giniAndTheilByHand() {
        #expect(close(Inequality.gini([1, 3], weights: [1, 1]), 0.25))
        #expect(close(Inequality.gini([5, 5, 5], weights: [1, 2, 3]), 0))
        let t = Inequality.theil([1, 3], weights: [1, 1], groups: ["A", "B"])
        let expected = 0.5 * (0.5 * log(0.5)) + 0.5 * (1.5 * log(1.5))
        #expect(close(t.total, expected) && close(t.between, expected) && abs(t.within) < 1e-12)
        // The decomposition adds up on any grouping.
        let u = Inequality.theil([1, 2, 4, 8, 3], weights: [2, 1, 1, 3, 1], groups: ["A", "A", "B", "B", "C"])
        #expect(close(u.between + u.within, u.total, 1e-12))
    }

    /// 2 × 2 by hand: 10 → 12 trips from 1 to 2 at a cost 5 → 4; 20 trips from 2 to 1 at an
    /// unchanged 5: ½ (10 + 12)(5 − 4) = 11, half to each end.
    @Test func ruleOfHalfByHand() throws {
        let t0 = try ODMatrix(zoneCount: 2, trips: [0, 10, 20, 0]), t1 = try ODMatrix(zoneCount: 2, trips: [0, 12, 20, 0])
        let r = RuleOfHalf.benefit(before: t0, after: t1, costBefore: [0, 5, 5, 0], costAfter: [0, 4, 5, 0])
        #expect(r.total == 11 && r.byZone == [5.5, 5.5] && r.tripsOnNewOrLostPairs == 0)
        let opened = RuleOfHalf.benefit(before: t0, after: t1, costBefore: [0, .infinity, 5, 0], costAfter: [0, 4, 5, 0])
        #expect(opened.total == 0 && opened.tripsOnNewOrLostPairs == 12)
    }

    /// Benefits 70/30 against costs 50/50 (and a non-host with 0 cost and no benefit): D = 0.2;
    /// with B = 1000 the first party pays the second 200.
    @Test func dissimilarityAndCompensationByHand() {
        let b = ["A": 0.7, "B": 0.3], c = ["A": 0.5, "B": 0.5, "C": 0]
        #expect(close(Allocation.dissimilarity(benefitShares: b, costShares: c), 0.2))
        let t = Allocation.compensation(benefitShares: b, costShares: c, presentBenefits: 1000)
        #expect(close(t["A"]!, -200) && close(t["B"]!, 200) && t["C"] == 0)
        #expect(abs(t.values.reduce(0, +)) < 1e-9)
    }
}
