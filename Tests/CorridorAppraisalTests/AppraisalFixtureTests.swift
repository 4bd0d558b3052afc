import CorridorAnalysis
import CorridorAppraisal
import CorridorData
import CorridorNetwork
import Foundation
import Testing

/// An appraisal on the two-countries fixture (Tests/CorridorNetworkTests/Fixtures/two-countries),
/// every number by hand. Alpha (1,000 people, AAA) and Beta (2,000, BBB) are joined by 0.9° of
/// road on the equator (a · 0.9 · π/180 m at 36 km/h) through the river bridge (30 minutes);
/// the rail bridge is closed. The option cuts the bridge's delay to 0.
@Suite struct AppraisalFixtureTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CorridorNetworkTests/Fixtures/two-countries")

    @Test func delayCutByHand() throws {
        var specs: [String] = []
        for (kind, file) in [("road", "roads"), ("rail", "rail"), ("countries", "countries"), ("crossings", "crossings"), ("places", "places")] {
            specs.append("\(kind)=\(Self.dir.appendingPathComponent("\(file).geojson").path)")
        }
        var inputs = try NetworkInputs.files(specs)
        inputs.speeds = [SpeedAssumption(mode: .road, country: nil, kilometersPerHour: 36, source: "test"),
                         SpeedAssumption(mode: .rail, country: nil, kilometersPerHour: 72, source: "test"),
                         SpeedAssumption(mode: .access, country: nil, kilometersPerHour: 36, source: "test")]
        let (network, _) = try NetworkBuilder().build(inputs)
        // One segment at half the hourly income; GDP per capita 20,800 and 41,600 dollars over
        // 2,080 hours: 5 and 10 dollars an hour. One trip per person per year; 10 % over 3 years.
        let defaults = AppraisalDefaults(
            currency: "USD", priceYear: 2019, discountRate: 0.1, discountRateSource: "test", horizonYears: 3, demandGrowthPerYear: 0,
            demandGrowthSource: "test", tripsPerPersonPerYear: 1, tripsSource: "test",
            segments: [ValueOfTimeSegment(name: "all", tripShare: 1, shareOfHourlyIncome: 0.5)], hoursPerYear: 2080, incomeYear: 2019,
            valueOfTimeSource: "test", laggingIncomeGroups: ["5. Low income"], exchangeRates: [],
            priceIndex: [PriceIndexEntry(year: 2019, value: 100)], priceIndexSource: "test")
        let evaluator = ScenarioEvaluator(base: network, threads: 1)
        let appraiser = try Appraiser(evaluator: evaluator, parameters: AppraisalParameters(defaults: defaults, beta: 0.1, costRule: .equal),
                                      incomes: [CountryIncome(code: "AAA", gdpPerCapitaUSD: 20_800, incomeGroup: "5. Low income"),
                                                CountryIncome(code: "BBB", gdpPerCapitaUSD: 41_600, incomeGroup: "1. High income")])
        let option = Scenario(id: "cut", name: "Cut the bridge delay", operations: [.setDelay(crossing: "river-bridge", mode: .road, delayMinutes: 0)],
                              cost: OptionCost(capital: 1000, currency: "USD", priceYear: 2019, source: "test"))
        let a = try appraiser.appraise(option)

        let t1 = 6_378_137 * 0.9 * .pi / 180 / 10 / 3600  // hours by road at 10 m/s
        let t0 = t1 + 0.5
        func hoursPerTrip(own: Double, other: Double) -> Double {
            log((own + other * exp(-0.1 * t1)) / (own + other * exp(-0.1 * t0))) / 0.1
        }
        let alpha = 1000 * hoursPerTrip(own: 1000, other: 2000) * 5
        let beta = 2000 * hoursPerTrip(own: 2000, other: 1000) * 10
        let b = alpha + beta
        #expect(abs(a.firstYearBenefit - b) < 1e-6 * b, "\(a.firstYearBenefit) vs \(b)")
        // Capital in year 0, benefits in years 1 and 2.
        let npv = -1000 + b / 1.1 + b / 1.21
        #expect(abs(a.netPresentValue - npv) < 1e-6 * abs(npv))
        // Shares: benefits by residence; the crossing's two countries host it and split the
        // cost equally; each alone builds nothing, so the Shapley values halve the NPV.
        let share = Dictionary(uniqueKeysWithValues: a.shares.map { ($0.country, $0) })
        #expect(a.hosts == ["AAA", "BBB"])
        #expect(abs(share["AAA"]!.benefitShare - alpha / b) < 1e-9 && abs(share["BBB"]!.benefitShare - beta / b) < 1e-9)
        #expect(share["AAA"]!.costShare == 0.5 && share["BBB"]!.costShare == 0.5)
        #expect(abs(a.dissimilarity - abs(alpha / b - 0.5)) < 1e-9)
        #expect(abs(share["AAA"]!.shapley! - npv / 2) < 1e-6 * abs(npv) && abs(share["BBB"]!.shapley! - npv / 2) < 1e-6 * abs(npv))
        #expect(abs(share["AAA"]!.compensation - (0.5 - alpha / b) * a.presentBenefits) < 1e-6)
        // AAA is the lagging country.
        #expect(abs(a.equity.laggingShare - alpha / b) < 1e-9)
    }
}
