import CorridorAnalysis
import CorridorAppraisal
import CorridorData
import CorridorNetwork
import Foundation
import Testing

/// Appraisals of the embedded regions' presets: who gains, and the numbers adding up.
@Suite struct AppraisalRegionTests {
    static let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    static func appraise(_ regionName: String, _ preset: String, rule: CostRule = .length, excluding: Set<Mode> = [.sea]) throws -> OptionAppraisal {
        let region = try RegionCatalog(directory: geoData).region(regionName)
        let (network, _) = try NetworkBuilder.build(region: region)
        let layer = try region.layer("countries")
        let incomes = layer.features.compactMap { f -> CountryIncome? in
            guard let code = layer.value(f, "adm0_a3").stringValue else { return nil }
            return CountryIncome(code: code, gdpPerCapitaUSD: layer.value(f, "gdp_per_capita_usd").doubleValue ?? 0,
                                 incomeGroup: layer.value(f, "income_group").stringValue ?? "")
        }
        let evaluator = ScenarioEvaluator(base: network, excluding: excluding, threads: 2)
        let appraiser = try Appraiser(evaluator: evaluator, parameters: AppraisalParameters(defaults: region.manifest.appraisal!, costRule: rule),
                                      incomes: incomes)
        let p = try #require(region.manifest.scenarios.first { $0.id == preset })
        return try appraiser.appraise(Scenario(preset: p))
    }

    /// Gyeongui: the two Koreas host it and take most of the benefit; China, which hosts
    /// nothing, gains through Dandong (the spillover the literature expects).
    @Test func gyeonguiBenefitsTheKoreasAndSpillsToChina() throws {
        let a = try Self.appraise("korea", "reconnect-gyeongui")
        #expect(a.hosts == ["KOR", "PRK"])
        let share = Dictionary(uniqueKeysWithValues: a.shares.map { ($0.country, $0) })
        #expect((share["KOR"]!.benefitShare + share["PRK"]!.benefitShare) > 0.5)
        #expect(share["CHN"]!.benefitShare > 0.01 && share["CHN"]!.costShare == 0 && !share["CHN"]!.isHost)
        // Shares and transfers add up; Shapley values add up to the NPV of the whole option
        // (every coalition without both hosts builds only the southern track).
        #expect(abs(a.shares.reduce(0) { $0 + $1.benefitShare } - 1) < 1e-9)
        #expect(abs(a.shares.reduce(0) { $0 + $1.costShare } - 1) < 1e-9)
        #expect(abs(a.shares.reduce(0) { $0 + $1.compensation }) < 1e-6 * a.presentBenefits)
        let shapley = a.shares.compactMap(\.shapley)
        #expect(shapley.count == 2 && abs(shapley.reduce(0, +) - a.netPresentValue) < 1e-6 * abs(a.netPresentValue))
        // The NPV is the cash flows discounted; the BCR their ratio.
        #expect(abs(a.cashFlows.netPresentValue(rate: 0.06) - a.netPresentValue) < 1e-6)
        #expect(a.benefitCostRatio.map { abs($0 - a.presentBenefits / a.presentCosts) < 1e-12 } == true)
        #expect(a.benefitMethod.contains("logsum") && a.benefitMethod.contains("not a flow-based"))
        #expect(a.costSource.hasPrefix("assumption"))
        // Within each host country, the host admin-1 units carry the whole of its cost; the
        // track restored at Dorasan lies in Gyeonggi.
        for host in a.hosts {
            let units = a.admin1Shares.filter { $0.country == host && $0.isHost }
            #expect(!units.isEmpty && abs(units.reduce(0) { $0 + $1.costShareWithinCountry } - 1) < 1e-9, "\(host)")
            #expect(a.admin1Shares.filter { $0.country == host }.allSatisfy { $0.admin1.hasPrefix(host + "/") })
        }
        #expect(a.admin1Shares.contains { $0.admin1 == "KOR/Gyeonggi" && $0.isHost })
    }

    /// Gordie Howe: both Canada and the United States gain.
    @Test func gordieHoweBenefitsBothCountries() throws {
        let a = try Self.appraise("north-america", "gordie-howe-bridge", rule: .equal)
        #expect(a.hosts == ["CAN", "USA"])
        let share = Dictionary(uniqueKeysWithValues: a.shares.map { ($0.country, $0.benefitShare) })
        #expect(share["CAN"]! > 0 && share["USA"]! > 0)
        #expect(a.capitalCost > 5e9)  // C$5.7 billion of 2018 in US dollars of 2024
        #expect(a.shares.filter(\.isHost).allSatisfy { $0.costShare == 0.5 })
    }
}
