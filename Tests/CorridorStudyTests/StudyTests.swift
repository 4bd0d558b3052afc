import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorNetwork
import CorridorStudy
import Foundation
import Testing

/// The study facade on the embedded korea region, through the library only.
@Suite struct StudyTests {
    static let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    static func korea(open: [String] = []) throws -> Study {
        var c = StudyConfiguration(.region("korea"))
        c.geoData = geoData
        c.open = open
        return try Study(c)
    }

    @Test func opensOnceAndTakesOptionsAsValues() throws {
        let study = try Self.korea()
        #expect(study.region?.name == "korea")
        let option = StudyOption(presets: ["reconnect-gyeongui"])
        let under = try study.network(under: option)
        // The option adds a rail link and opens the Dorasan–Kaesong crossing; the baseline is untouched.
        #expect(under.edgeCount == study.network.edgeCount + 1)
        let ids = study.network.crossingIndices(id: "gyeongui-dorasan-kaesong")
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { !study.network.crossings[$0].isOpen })
        #expect(ids.allSatisfy { under.crossings[$0].isOpen })
        // The empty option is the baseline itself.
        #expect(try study.network(under: StudyOption()).edgeCount == study.network.edgeCount)
    }

    @Test func listsCombineInAFixedOrder() throws {
        let study = try Self.korea()
        let option = StudyOption(presets: ["reconnect-gyeongui"], close: ["gyeongui-dorasan-kaesong"], delayMinutes: ["new-yalu-river-bridge": 90])
        let s = try #require(try study.scenario(for: option))
        #expect(s.id == "reconnect-gyeongui+close:gyeongui-dorasan-kaesong+delay:new-yalu-river-bridge=90")
        let n = try study.network(under: option)
        // Closed after the preset opened it.
        #expect(n.crossingIndices(id: "gyeongui-dorasan-kaesong").allSatisfy { !n.crossings[$0].isOpen })
        #expect(n.crossingIndices(id: "new-yalu-river-bridge").allSatisfy { abs(n.crossings[$0].passSeconds - 5400) < 1e-9 })
    }

    @Test func unknownNamesAreRefusedWithSuggestions() throws {
        let study = try Self.korea()
        #expect(throws: DataError.self) { try study.network(under: StudyOption(presets: ["reconect-gyeongui"])) }
        do {
            _ = try study.network(under: StudyOption(close: ["gyeongui-dorasan-kaesongg"]))
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("--close gyeongui-dorasan-kaesongg: no such crossing"))
            #expect("\(error)".contains("gyeongui-dorasan-kaesong"))
        }
        #expect(throws: DataError.self) { try StudyOption.delays(parsing: ["x=-1"]) }
        #expect(throws: DataError.self) { try StudyOption.delays(parsing: ["x"]) }
        #expect(try StudyOption.delays(parsing: ["a=1.5", "b=0"]) == ["a": 1.5, "b": 0])
    }

    @Test func factsAreTheLayersOnes() throws {
        let study = try Self.korea()
        let facts = try study.facts()
        let codes = Set(facts.incomes.map(\.code))
        #expect(codes.isSuperset(of: ["KOR", "PRK", "CHN"]))
        #expect(facts.gdpPerCapita["KOR"]! > facts.gdpPerCapita["PRK"] ?? 0)
    }

    @Test func flowsAreBuiltOnceAndSharedByOptions() throws {
        let study = try Self.korea()
        let before = ProcessCounters.value(.contractions)
        let a = try study.flows(threads: 2)
        let b = try study.flows(threads: 2)
        #expect(a.baseRun.result.relativeGap == b.baseRun.result.relativeGap)
        let change = try a.change(option: try study.network(under: StudyOption(presets: ["reconnect-gyeongui"]))) { _ in }
        #expect(change.segments.count == a.segments.count)
        // One hierarchy from scratch at most for the study's nodes (other suites may contract in parallel).
        #expect(study.session.contractions <= 1)
        _ = before
    }

    @Test func openedCrossingsAreTheBaselines() throws {
        let study = try Self.korea(open: ["gyeongui-dorasan-kaesong"])
        #expect(study.network.crossingIndices(id: "gyeongui-dorasan-kaesong").allSatisfy { study.network.crossings[$0].isOpen })
        var c = StudyConfiguration(.region("korea"))
        c.geoData = Self.geoData
        c.open = ["nowhere"]
        #expect(throws: DataError.self) { try Study(c) }
    }

    @Test func anUnknownRegionIsOneLine() throws {
        var c = StudyConfiguration(.region("koera"))
        c.geoData = Self.geoData
        do { _ = try Study(c); Issue.record("no error") } catch { #expect("\(error)".contains("korea")) }
    }
}

/// The appraisal from traffic agrees with the flows it is read from.
@Suite struct TrafficAppraisalTests {
    /// Gyeongui on korea: the rule-of-half hours of each segment are `scenario --flows`'s, and
    /// with one income everywhere the first-year time benefit is those hours times the one
    /// value of a vehicle-hour.
    @Test func timeBenefitIsScenarioFlowsHoursTimesValueOfTime() throws {
        let study = try StudyTests.korea()
        let preset = try Scenario(preset: try #require(study.region?.manifest.scenarios.first { $0.id == "reconnect-gyeongui" }))
        let flows = try study.flows(gap: 1e-4, threads: 2)
        let change = try flows.change(option: try study.network.applying(preset)) { _ in }
        var defaults = try study.appraisalDefaults()
        defaults.rampUp = nil
        let countries = Set(flows.baseModel.zones.map(\.country)).sorted()
        let income = 30_000.0
        let traffic = try TrafficAppraiser(flows: flows, defaults: defaults, incomes: countries.map { CountryIncome(code: $0, gdpPerCapitaUSD: income, incomeGroup: "") })
        let places = study.network.places.map { (id: $0.id, country: $0.country, admin1: "") }
        let t = try traffic.evaluate(try study.network.applying(preset), places: places)
        let hourly = try MoneyConverter(defaults).convert(income, from: "USD", year: defaults.incomeYear) / defaults.hoursPerYear
        #expect(t.benefits.segments.map(\.name) == change.segments.map(\.name))
        for (s, c) in zip(t.benefits.segments, change.segments) {
            #expect(s.hoursSaved == c.hoursSaved)
            #expect(s.tripsNewlyConnected == c.tripsNewlyConnected)
            #expect(s.crossBorderTripsAfter == c.crossBorderTripsAfter)
            let values = try #require(defaults.flowValues?.first { $0.segment == s.name })
            let vot = values.occupancy * values.shareOfHourlyIncome * hourly
            #expect(abs(s.timeBenefit - s.hoursSaved * vot) <= 1e-9 * max(1, abs(s.timeBenefit)))
            #expect(abs(s.valueOfTimePerVehicleHour - vot) < 1e-9 * vot)
        }
        // The option newly connects the two Koreas: that benefit is valued, and positive.
        #expect(t.benefits.segments.allSatisfy { $0.tripsNewlyConnected > 0 && $0.newConnectionBenefit > 0 })
        // Every place's part adds up to the whole, as origin and as destination.
        let total = t.benefits.segments.reduce(0) { $0 + $1.total }
        #expect(abs(t.asOrigin.values.sorted().reduce(0, +) - total) < 1e-6 * abs(total))
        #expect(abs(t.asDestination.values.sorted().reduce(0, +) - total) < 1e-6 * abs(total))
    }

    /// The appraisal through the study: flows by default, the accessibility benefit on request,
    /// and the risk block reproducible by its seed.
    @Test func appraiseFromTrafficWithRisk() throws {
        let study = try StudyTests.korea()
        let preset = try Scenario(preset: try #require(study.region?.manifest.scenarios.first { $0.id == "new-yalu-river-bridge" }))
        let params = AppraisalParameters(defaults: try study.appraisalDefaults())
        let a = try #require(try study.appraise([preset], parameters: params, excluding: [.sea], risk: RiskSettings(draws: 500, seed: 4), threads: 2).first)
        let b = try #require(try study.appraise([preset], parameters: params, excluding: [.sea], risk: RiskSettings(draws: 500, seed: 4), threads: 2).first)
        #expect(a.benefitMethod.hasPrefix("rule of half"))
        let traffic = try #require(a.traffic)
        #expect(abs(traffic.firstYearBenefit - a.firstYearBenefit) < 1e-9 * max(1, abs(a.firstYearBenefit)))
        #expect(a.risk == b.risk && a.risk?.draws == 500)
        let access = try #require(try study.appraise([preset], parameters: params, excluding: [.sea], benefit: .accessibility, threads: 2).first)
        #expect(access.traffic == nil && access.benefitMethod.contains("not a flow-based") && access.risk == nil)
    }
}
