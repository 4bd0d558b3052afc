import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

/// How a project's cost is shared among the countries that host it.
public enum CostRule: String, Sendable, Codable, CaseIterable {
    /// In proportion to the new links' length inside each territory (a new link's length counts
    /// half to the country, or admin-1 unit, of each of its ends); options without new links (a
    /// crossing opened, a delay cut) split equally between their hosts.
    case length
    /// In proportion to the host countries' population.
    case population
    /// In proportion to each host's share of the benefits.
    case benefit
    /// Equal shares among the hosts.
    case equal
}

/// The numbers an appraisal runs on: the region's defaults with the user's overrides.
public struct AppraisalParameters: Sendable {
    public var defaults: AppraisalDefaults
    /// Exponential decay per hour of the gravity accessibility the logsum benefit is read from.
    public var beta: Double
    public var costRule: CostRule
    /// Players above this count get a sampled Shapley value (fixed seed) instead of the exact one.
    public var exactShapleyPlayers: Int = 12

    public init(defaults: AppraisalDefaults, beta: Double = 0.1, costRule: CostRule = .length) {
        self.defaults = defaults
        self.beta = beta
        self.costRule = costRule
    }
}

/// What an option is worth and how its costs and benefits fall across countries.
public struct OptionAppraisal: Sendable, Codable {
    public struct Share: Sendable, Codable, Hashable {
        public var country: String
        /// First-year benefit in the appraisal currency (negative: a loss).
        public var firstYearBenefit: Double
        public var benefitShare: Double
        public var costShare: Double
        /// benefitShare − costShare.
        public var imbalance: Double
        /// Present-value transfer to this country that leaves every party a net benefit in
        /// proportion to its cost share: (costShare − benefitShare) × PV benefits.
        public var compensation: Double
        public var shapley: Double?
        public var isHost: Bool
    }

    /// An admin-1 unit's part within its country: its share of the country's benefit, and of
    /// the country's cost among the country's host units by the same cost rule.
    public struct RegionalShare: Sendable, Codable, Hashable {
        public var country: String
        public var admin1: String
        public var firstYearBenefit: Double
        public var benefitShareWithinCountry: Double
        public var costShareWithinCountry: Double
        public var isHost: Bool
    }

    public struct Spillover: Sendable, Codable, Hashable {
        public var host: String
        /// First-year benefit in each country from the parts of the option in `host`.
        public var benefitTo: [String: Double]
        /// Share of those benefits outside the host.
        public var spilloverRatio: Double
        /// The host carries a large cost share (>= 25 %) with a benefit share under half of it:
        /// the classic case for under-provision without a side payment.
        public var underProvisionRisk: Bool
    }

    public struct SensitivityRow: Sendable, Codable, Hashable {
        public var parameter: String
        public var low: String
        public var high: String
        public var npvLow: Double
        public var npvHigh: Double
    }

    public struct Equity: Sendable, Codable, Hashable {
        public var giniBefore: Double
        public var giniAfter: Double
        public var theilBefore: Double
        public var theilAfter: Double
        public var theilBetweenCountriesBefore: Double
        public var theilBetweenCountriesAfter: Double
        public var theilWithinCountriesBefore: Double
        public var theilWithinCountriesAfter: Double
        /// Share of the benefits reaching places in lagging countries (by income group).
        public var laggingShare: Double
        public var laggingCountries: [String]
    }

    public struct Scorecard: Sendable, Codable, Hashable {
        // Economy
        public var capitalCost: Double
        public var newLinkKilometers: Double
        public var costPerKilometer: Double?
        // Efficiency
        public var costPerUnitBenefit: Double?
        public var benefitCostRatio: Double?
        // Effectiveness
        public var equivalentHoursPerYear: Double
        public var weightedMeanHoursSavedAmongMainPlaces: Double
        public var newlyConnectedPopulation: Double
        // Equity
        public var dissimilarity: Double
        public var giniChange: Double
        public var theilChange: Double
        public var laggingShare: Double
    }

    public var scenario: String
    public var name: String
    public var currency: String
    public var priceYear: Int
    /// How the benefits were measured. Without a demand model this is the accessibility
    /// (logsum) benefit: (1/β) ln(A1/A0) hours per trip at each place, times its trips and
    /// value of time. It is not a flow-based consumer surplus.
    public var benefitMethod: String
    public var costSource: String
    public var capitalCost: Double
    public var operatingCostPerYear: Double
    public var firstYearBenefit: Double
    public var presentBenefits: Double
    public var presentCosts: Double
    public var netPresentValue: Double
    public var benefitCostRatio: Double?
    public var internalRateOfReturn: Double?
    public var firstYearRateOfReturn: Double?
    /// The cost increase (percent) at which the NPV reaches 0.
    public var switchingCostIncreasePercent: Double?
    /// The benefit fall (percent) at which the NPV reaches 0.
    public var switchingBenefitFallPercent: Double?
    public var sensitivity: [SensitivityRow]
    public var costRule: CostRule
    public var hosts: [String]
    public var shares: [Share]
    /// D = ½ Σ |b_i − c_i|: 0 when benefits fall as costs do, 1 when they fall elsewhere.
    public var dissimilarity: Double
    /// Admin-1 units within each country: those hosting a part of the option and those with
    /// at least 0.1 % of their country's benefit.
    public var admin1Shares: [RegionalShare]
    public var shapleyMethod: String
    public var spillovers: [Spillover]
    public var equity: Equity
    public var scorecard: Scorecard
    public var cashFlows: CashFlows
    /// The traffic behind a flow-based benefit: trips, vehicle-hours and kilometres per
    /// segment, the unit values, where the benefit falls (nil for the accessibility benefit).
    public var traffic: TrafficBenefits?
    /// The Monte Carlo spread of the NPV (nil when not asked for).
    public var risk: RiskAnalysis?
}

/// How an appraisal measures the benefit.
public enum BenefitMethod: String, Sendable, Codable, CaseIterable {
    /// Rule of half on the demand model's trips at equilibrium (regions with a demand model).
    case flows
    /// The accessibility (logsum) benefit of every place (regions without demand).
    case accessibility
}

/// How many Monte Carlo draws an appraisal takes, from which seed.
public struct RiskSettings: Sendable {
    public var draws: Int
    public var seed: UInt64

    public init(draws: Int = 10_000, seed: UInt64 = 1) {
        self.draws = draws
        self.seed = seed
    }
}

/// Appraises corridor options against one baseline (`ScenarioEvaluator`), reusing its trees.
public struct Appraiser: Sendable {
    public let evaluator: ScenarioEvaluator
    public let base: TransportNetwork
    public let parameters: AppraisalParameters
    public let incomes: [String: CountryIncome]
    let converter: MoneyConverter
    /// Values the options by their traffic (nil: the accessibility benefit).
    public var traffic: TrafficAppraiser?
    /// The Monte Carlo draws (nil: none).
    public var risk: RiskSettings?

    /// - Parameters:
    ///   - evaluator: the baseline the options are compared with.
    ///   - parameters: discounting, value of time, cost rule.
    ///   - incomes: GDP per capita and income group per country code.
    /// - Throws: `DataError.invalid` when the parameters are out of range or a country of the
    ///   network has no income.
    public init(evaluator: ScenarioEvaluator, parameters: AppraisalParameters, incomes: [CountryIncome]) throws {
        try parameters.defaults.validate("appraisal parameters")
        guard parameters.beta.isFinite, parameters.beta > 0 else { throw DataError.invalid("appraisal parameters", "beta \(parameters.beta) must be > 0") }
        self.evaluator = evaluator
        base = evaluator.base
        self.parameters = parameters
        self.incomes = Dictionary(incomes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        converter = MoneyConverter(parameters.defaults)
        _ = try converter.convert(1, from: "USD", year: parameters.defaults.incomeYear)
    }

    /// Value of an hour at a place of `country`, trip-weighted over the segments.
    func valueOfTime(_ country: String) throws -> Double {
        guard let income = incomes[country], income.gdpPerCapitaUSD > 0 else { return 0 }
        let d = parameters.defaults
        let hourly = try converter.convert(income.gdpPerCapitaUSD, from: "USD", year: d.incomeYear) / d.hoursPerYear
        return d.segments.reduce(0) { $0 + $1.tripShare * $1.shareOfHourlyIncome * hourly }
    }

    /// First-year benefit per place and the equivalent hours, from an evaluation.
    func placeBenefits(_ e: ScenarioEvaluation) throws -> (money: [Double], hours: [Double]) {
        let trips = parameters.defaults.tripsPerPersonPerYear
        var vot: [String: Double] = [:]
        var money: [Double] = [], hours: [Double] = []
        for p in e.places {
            let perTrip = p.gravityBefore > 0 && p.gravityAfter > 0 ? log(p.gravityAfter / p.gravityBefore) / parameters.beta : 0
            let h = p.population * trips * perTrip
            if vot[p.country] == nil { vot[p.country] = try valueOfTime(p.country) }
            hours.append(h)
            money.append(h * vot[p.country]!)
        }
        return (money, hours)
    }

    /// Each place's first-year benefit and hours under an option, by the appraiser's method,
    /// and the traffic behind them (flows only).
    func benefits(_ scenario: Scenario, _ e: ScenarioEvaluation) throws -> (money: [Double], hours: [Double], traffic: TrafficEvaluation?) {
        guard let traffic else {
            let (m, h) = try placeBenefits(e)
            return (m, h, nil)
        }
        let t = try traffic.evaluate(try base.applying(scenario), places: e.places.map { ($0.placeId, $0.country, $0.admin1) })
        let money = e.places.map { ((t.asOrigin[$0.placeId] ?? 0) + (t.asDestination[$0.placeId] ?? 0)) / 2 }
        return (money, e.places.map { t.hours[$0.placeId] ?? 0 }, t)
    }

    /// The reference class of an option's works: the cost's `projectType`, or rail when it
    /// adds a rail link, a fixed link when it adds a road link through a crossing named a
    /// bridge or tunnel, road otherwise.
    static func referenceClass(_ scenario: Scenario) -> ReferenceClass {
        if let t = scenario.cost?.projectType, let c = ReferenceClass(rawValue: t) { return c }
        var road = false, fixed = false
        for op in scenario.operations {
            if case .addLink(let mode, _, _, _, _, _, let crossing) = op {
                if mode == .rail { return .rail }
                road = true
                if let c = crossing?.lowercased(), c.contains("bridge") || c.contains("tunnel") { fixed = true }
            }
        }
        if fixed { return .fixedLink }
        if !road, scenario.operations.allSatisfy({
            switch $0 {
            case .openCrossing(_, let m, _), .closeCrossing(_, let m), .setDelay(_, let m, _): return m == .rail
            default: return false
            }
        }) { return .rail }
        return .road
    }

    struct OperationFootprint {
        var hosts: Set<String>
        var kilometersByCountry: [String: Double]
        var admin1Hosts: Set<String>
        var kilometersByAdmin1: [String: Double]
    }

    /// The countries an operation touches, and its new links' length by country.
    func footprint(_ op: ScenarioOperation, in scenario: Scenario) throws -> OperationFootprint {
        let option = try base.applying(Scenario(id: scenario.id, name: scenario.name, operations: [op]))
        var hosts = Set<String>(), km: [String: Double] = [:]
        var admin1 = Set<String>(), kmAdmin1: [String: Double] = [:]
        func touch(_ e: Int, newLink: Bool) {
            for node in [Int(option.edgeTail[e]), Int(option.edgeHead[e])] {
                guard let c = option.country(of: node) else { continue }
                hosts.insert(c)
                if newLink { km[c, default: 0] += option.edgeLengthMeters[e] / 2000 }
                if let a = option.admin1(of: node) {
                    admin1.insert(a)
                    if newLink { kmAdmin1[a, default: 0] += option.edgeLengthMeters[e] / 2000 }
                }
            }
        }
        for e in 0..<base.edgeCount where option.edgeBaseSeconds[e] != base.edgeBaseSeconds[e] { touch(e, newLink: false) }
        for e in base.edgeCount..<option.edgeCount where option.edgeMode[e] != .access { touch(e, newLink: true) }
        for c in base.crossings.indices where option.crossings[c] != base.crossings[c] {
            hosts.formUnion(base.crossings[c].countries)
            // The admin-1 units at the crossing: those of its border edges' ends.
            for e in 0..<base.edgeCount where base.edgeCrossing[e] == Int32(c) {
                for node in [Int(base.edgeTail[e]), Int(base.edgeHead[e])] { if let a = base.admin1(of: node) { admin1.insert(a) } }
            }
        }
        return OperationFootprint(hosts: hosts, kilometersByCountry: km, admin1Hosts: admin1, kilometersByAdmin1: kmAdmin1)
    }

    /// - Parameter scenario: the option, with its cost (`Scenario.cost`); an option without
    ///   one is appraised at zero cost and says so in `costSource`.
    /// - Throws: `DataError.invalid` for a cost in a currency or year the tables lack.
    public func appraise(_ scenario: Scenario) throws -> OptionAppraisal {
        let d = parameters.defaults
        let r = d.discountRate
        let cost = scenario.cost
        try cost?.validate("option \(scenario.id)")
        let capital = try cost.map { try converter.convert($0.capital, from: $0.currency, year: $0.priceYear!) } ?? 0
        let operating = try cost.map { c in try c.operatingPerYear.map { try converter.convert($0, from: c.currency, year: c.priceYear!) } ?? 0 } ?? 0
        let k = cost?.constructionYears ?? 1
        let ramp = traffic == nil ? [] : (d.rampUp ?? [])
        func flows(firstYear b: Double, capitalScale: Double = 1, growth: Double = d.demandGrowthPerYear) -> CashFlows {
            CashFlows(capital: capital * capitalScale, operatingPerYear: operating * capitalScale, firstYearBenefit: b, growth: growth,
                      constructionYears: k, lifetimeYears: cost?.lifetimeYears, horizonYears: d.horizonYears, rampUp: ramp)
        }

        // The whole option.
        let full = try evaluator.evaluate(scenario)
        let (money, hours, trafficEval) = try benefits(scenario, full)
        let firstYear = trafficEval?.benefits.firstYearBenefit ?? money.reduce(0, +)
        // The part of the benefit the value of time scales.
        let timePart = trafficEval?.benefits.valueOfTimePart ?? firstYear
        let cash = flows(firstYear: firstYear)
        let pvB = cash.presentBenefits(rate: r), pvC = cash.presentCosts(rate: r), npv = cash.netPresentValue(rate: r)

        // Sensitivity, one parameter at a time.
        func npvWith(benefit: Double = 1, costScale: Double = 1, rate: Double = r, growth: Double = d.demandGrowthPerYear, time: Double = 1) -> Double {
            flows(firstYear: (firstYear + timePart * (time - 1)) * benefit, capitalScale: costScale, growth: growth).netPresentValue(rate: rate)
        }
        let sensitivity = [
            OptionAppraisal.SensitivityRow(parameter: "capital and operating cost", low: "-20%", high: "+20%", npvLow: npvWith(costScale: 0.8), npvHigh: npvWith(costScale: 1.2)),
            OptionAppraisal.SensitivityRow(parameter: "demand (trips)", low: "-20%", high: "+20%", npvLow: npvWith(benefit: 0.8), npvHigh: npvWith(benefit: 1.2)),
            OptionAppraisal.SensitivityRow(parameter: "value of time", low: "-20%", high: "+20%", npvLow: npvWith(time: 0.8), npvHigh: npvWith(time: 1.2)),
            OptionAppraisal.SensitivityRow(parameter: "discount rate", low: String(format: "%.1f%%", (r - 0.02) * 100), high: String(format: "%.1f%%", (r + 0.02) * 100),
                                           npvLow: npvWith(rate: r - 0.02), npvHigh: npvWith(rate: r + 0.02)),
            OptionAppraisal.SensitivityRow(parameter: "demand growth", low: String(format: "%.1f%%", (d.demandGrowthPerYear - 0.01) * 100),
                                           high: String(format: "%.1f%%", (d.demandGrowthPerYear + 0.01) * 100),
                                           npvLow: npvWith(growth: d.demandGrowthPerYear - 0.01), npvHigh: npvWith(growth: d.demandGrowthPerYear + 0.01)),
        ].sorted { abs($0.npvHigh - $0.npvLow) > abs($1.npvHigh - $1.npvLow) }

        // Who hosts what.
        let ops = scenario.operations
        let prints = try ops.map { try footprint($0, in: scenario) }
        let hosts = Array(prints.reduce(into: Set<String>()) { $0.formUnion($1.hosts) }).sorted()
        let countries = Array(Set(full.places.map(\.country)).union(hosts)).sorted()
        var benefitBy: [String: Double] = [:]
        for (i, p) in full.places.enumerated() { benefitBy[p.country, default: 0] += money[i] }
        let denominator = benefitBy.keys.sorted().reduce(0) { $0 + abs(benefitBy[$1]!) }
        // Shares of the benefits' absolute total: a country that loses gets a negative share.
        func bShare(_ c: String) -> Double { denominator > 0 ? (benefitBy[c] ?? 0) / denominator : 0 }
        var costShare: [String: Double] = [:]
        switch parameters.costRule {
        case .length:
            var km: [String: Double] = [:]
            for p in prints { for (c, x) in p.kilometersByCountry { km[c, default: 0] += x } }
            let total = km.sumInKeyOrder
            for h in hosts { costShare[h] = total > 0 ? (km[h] ?? 0) / total : 1 / Double(max(1, hosts.count)) }
        case .population:
            var pop: [String: Double] = [:]
            for p in full.places { pop[p.country, default: 0] += p.population }
            let total = hosts.reduce(0) { $0 + (pop[$1] ?? 0) }
            for h in hosts { costShare[h] = total > 0 ? (pop[h] ?? 0) / total : 1 / Double(max(1, hosts.count)) }
        case .benefit:
            let total = hosts.reduce(0) { $0 + max(0, benefitBy[$1] ?? 0) }
            for h in hosts { costShare[h] = total > 0 ? max(0, benefitBy[h] ?? 0) / total : 1 / Double(max(1, hosts.count)) }
        case .equal:
            for h in hosts { costShare[h] = 1 / Double(max(1, hosts.count)) }
        }

        // The option's parts: the first-year benefit by country of any subset of its operations,
        // each subset evaluated once.
        let allOps: UInt64 = ops.count >= 64 ? ~0 : (1 << UInt64(ops.count)) - 1
        var partCache: [UInt64: [String: Double]] = [allOps: benefitBy, 0: [:]]
        func part(_ opsMask: UInt64) throws -> [String: Double] {
            if let c = partCache[opsMask] { return c }
            let chosen = ops.indices.filter { opsMask & (1 << UInt64($0)) != 0 }
            let sub = Scenario(id: scenario.id, name: scenario.name, operations: chosen.map { ops[$0] })
            let e = try evaluator.evaluate(sub)
            let m = try benefits(sub, e).money
            var by: [String: Double] = [:]
            for (j, p) in e.places.enumerated() { by[p.country, default: 0] += m[j] }
            partCache[opsMask] = by
            return by
        }

        // Shapley over the hosts: a coalition builds the operations hosted wholly inside it and
        // pays their part of the cost (an equal part per operation).
        let hostIndex = Dictionary(uniqueKeysWithValues: hosts.enumerated().map { ($0.element, $0.offset) })
        func coalitionValue(_ mask: UInt32) throws -> Double {
            var opsMask: UInt64 = 0
            for (i, p) in prints.enumerated() where !p.hosts.isEmpty && p.hosts.allSatisfy({ mask & (1 << UInt32(hostIndex[$0]!)) != 0 }) {
                opsMask |= 1 << UInt64(i)
            }
            if opsMask == allOps { return npv }
            if opsMask == 0 { return 0 }
            let b = try part(opsMask).sumInKeyOrder
            let built = Double(opsMask.nonzeroBitCount) / Double(ops.count)
            return flows(firstYear: b, capitalScale: built).netPresentValue(rate: r)
        }
        let shapley: [Double]
        let shapleyMethod: String
        if hosts.count <= parameters.exactShapleyPlayers {
            shapley = try Shapley.exact(players: hosts.count, value: coalitionValue)
            shapleyMethod = "exact over \(hosts.count) host countries"
        } else {
            shapley = try Shapley.sampled(players: hosts.count, permutations: 2000, seed: 42, value: coalitionValue)
            shapleyMethod = "sampled: 2000 orders of \(hosts.count) host countries, seed 42"
        }

        // Spillovers: each operation's part of every country's benefit is its Shapley value over
        // the operations (so parts that only work together, a bridge and its approach, share the
        // credit), split equally among the operation's hosts. Beyond 12 operations each one is
        // evaluated alone instead.
        var opShare = [[String: Double]](repeating: [:], count: ops.count)
        if ops.count <= 12 {
            for c in countries {
                let phi = try Shapley.exact(players: ops.count) { m in try part(UInt64(m))[c] ?? 0 }
                for i in ops.indices { opShare[i][c] = phi[i] }
            }
        } else {
            for i in ops.indices { opShare[i] = try part(1 << UInt64(i)) }
        }
        var matrix: [String: [String: Double]] = [:]
        for (i, p) in prints.enumerated() where !p.hosts.isEmpty {
            for h in p.hosts { for (c, x) in opShare[i] { matrix[h, default: [:]][c, default: 0] += x / Double(p.hosts.count) } }
        }
        let spillovers = hosts.map { h -> OptionAppraisal.Spillover in
            let row = matrix[h] ?? [:]
            let total = row.sumInKeyOrder
            let outside = row.filter { $0.key != h }.sumInKeyOrder
            let cs = costShare[h] ?? 0
            return OptionAppraisal.Spillover(host: h, benefitTo: row, spilloverRatio: total != 0 ? outside / total : 0,
                                             underProvisionRisk: cs >= 0.25 && bShare(h) < cs / 2)
        }

        let benefitShares = Dictionary(uniqueKeysWithValues: countries.map { ($0, bShare($0)) })
        let compensation = Allocation.compensation(benefitShares: benefitShares, costShares: costShare, presentBenefits: pvB)
        let shares = countries.map { c -> OptionAppraisal.Share in
            let b = benefitShares[c] ?? 0, cs = costShare[c] ?? 0
            return OptionAppraisal.Share(country: c, firstYearBenefit: benefitBy[c] ?? 0, benefitShare: b, costShare: cs, imbalance: b - cs,
                                         compensation: compensation[c] ?? 0, shapley: hostIndex[c].map { shapley[$0] }, isHost: hostIndex[c] != nil)
        }.sorted { $0.firstYearBenefit > $1.firstYearBenefit || ($0.firstYearBenefit == $1.firstYearBenefit && $0.country < $1.country) }
        let dissimilarity = Allocation.dissimilarity(benefitShares: benefitShares, costShares: costShare)

        // Admin-1 units within each country, by the same rules.
        var benefitByAdmin1: [String: Double] = [:], popByAdmin1: [String: Double] = [:]
        // An admin-1 unit is named "CODE/name"; its country is the code.
        var countryOf: [String: String] = [:]
        for (i, p) in full.places.enumerated() {
            benefitByAdmin1[p.admin1, default: 0] += money[i]
            popByAdmin1[p.admin1, default: 0] += p.population
            countryOf[p.admin1] = String(p.admin1.prefix { $0 != "/" })
        }
        let admin1Hosts = prints.reduce(into: Set<String>()) { $0.formUnion($1.admin1Hosts) }
        var kmAdmin1: [String: Double] = [:]
        for p in prints { for (a, x) in p.kilometersByAdmin1 { kmAdmin1[a, default: 0] += x } }
        for a in admin1Hosts { countryOf[a] = String(a.prefix { $0 != "/" }) }
        var admin1Shares: [OptionAppraisal.RegionalShare] = []
        for c in countries {
            let units = countryOf.filter { $0.value == c }.map(\.key).sorted()
            let total = units.reduce(0) { $0 + abs(benefitByAdmin1[$1] ?? 0) }
            let hostUnits = units.filter { admin1Hosts.contains($0) }
            func weight(_ a: String) -> Double {
                switch parameters.costRule {
                case .length: return kmAdmin1[a] ?? 0
                case .population: return popByAdmin1[a] ?? 0
                case .benefit: return max(0, benefitByAdmin1[a] ?? 0)
                case .equal: return 1
                }
            }
            let weights = hostUnits.reduce(0) { $0 + weight($1) }
            for a in units {
                let b = total > 0 ? (benefitByAdmin1[a] ?? 0) / total : 0
                let host = admin1Hosts.contains(a)
                let cs = host ? (weights > 0 ? weight(a) / weights : 1 / Double(hostUnits.count)) : 0
                guard host || abs(b) >= 0.001 else { continue }
                admin1Shares.append(OptionAppraisal.RegionalShare(country: c, admin1: a, firstYearBenefit: benefitByAdmin1[a] ?? 0,
                                                                   benefitShareWithinCountry: b, costShareWithinCountry: cs, isHost: host))
            }
        }
        admin1Shares.sort { $0.country != $1.country ? $0.country < $1.country : ($0.firstYearBenefit != $1.firstYearBenefit ? $0.firstYearBenefit > $1.firstYearBenefit : $0.admin1 < $1.admin1) }

        // Equity of accessibility across places.
        let pop = full.places.map(\.population), group = full.places.map(\.country)
        let before = full.places.map(\.gravityBefore), after = full.places.map(\.gravityAfter)
        let t0 = Inequality.theil(before, weights: pop, groups: group), t1 = Inequality.theil(after, weights: pop, groups: group)
        let lagging = Set(incomes.values.filter { d.laggingIncomeGroups.contains($0.incomeGroup) }.map(\.code))
        let laggingBenefit = full.places.indices.filter { lagging.contains(full.places[$0].country) }.reduce(0) { $0 + money[$1] }
        let equity = OptionAppraisal.Equity(
            giniBefore: Inequality.gini(before, weights: pop), giniAfter: Inequality.gini(after, weights: pop),
            theilBefore: t0.total, theilAfter: t1.total, theilBetweenCountriesBefore: t0.between, theilBetweenCountriesAfter: t1.between,
            theilWithinCountriesBefore: t0.within, theilWithinCountriesAfter: t1.within,
            laggingShare: firstYear != 0 ? laggingBenefit / firstYear : 0, laggingCountries: lagging.sorted())

        let newKm = prints.reduce(0) { $0 + $1.kilometersByCountry.sumInKeyOrder }
        let bcr = cash.benefitCostRatio(rate: r)
        let scorecard = OptionAppraisal.Scorecard(
            capitalCost: capital, newLinkKilometers: newKm, costPerKilometer: newKm > 0 ? capital / newKm : nil,
            costPerUnitBenefit: pvB > 0 ? pvC / pvB : nil, benefitCostRatio: bcr,
            equivalentHoursPerYear: hours.reduce(0, +), weightedMeanHoursSavedAmongMainPlaces: full.pairs.weightedMeanHoursSaved,
            newlyConnectedPopulation: full.newlyConnectedPopulation, dissimilarity: dissimilarity,
            giniChange: equity.giniAfter - equity.giniBefore, theilChange: equity.theilAfter - equity.theilBefore, laggingShare: equity.laggingShare)

        return OptionAppraisal(
            scenario: scenario.id, name: scenario.name, currency: d.currency, priceYear: d.priceYear,
            benefitMethod: trafficEval?.benefits.method
                ?? "accessibility (logsum) benefit: (1/β) ln(A1/A0) hours per trip at each place × \(d.tripsPerPersonPerYear) trips per person per year (\(d.tripsSource)) × value of time (\(d.valueOfTimeSource)); not a flow-based consumer surplus",
            costSource: cost?.source ?? "no cost given: appraised at zero cost",
            capitalCost: capital, operatingCostPerYear: operating, firstYearBenefit: firstYear,
            presentBenefits: pvB, presentCosts: pvC, netPresentValue: npv, benefitCostRatio: bcr,
            internalRateOfReturn: cash.internalRateOfReturn(),
            firstYearRateOfReturn: capital > 0 ? (firstYear - operating) / capital : nil,
            switchingCostIncreasePercent: pvC > 0 ? npv / pvC * 100 : nil,
            switchingBenefitFallPercent: pvB > 0 ? npv / pvB * 100 : nil,
            sensitivity: sensitivity, costRule: parameters.costRule, hosts: hosts, shares: shares, dissimilarity: dissimilarity,
            admin1Shares: admin1Shares,
            shapleyMethod: shapleyMethod, spillovers: spillovers, equity: equity, scorecard: scorecard, cashFlows: cash,
            traffic: trafficEval?.benefits, risk: risk.map { riskAnalysis($0, scenario: scenario, capital: capital, operating: operating, firstYear: firstYear, timePart: timePart,
                                                                      ramp: ramp, segmentParts: trafficEval?.benefits.segments.map { $0.timeBenefit + $0.newConnectionBenefit }) })
    }

    /// The Monte Carlo spread of the NPV: capital cost and demand from the option's reference
    /// class, the value of time over each segment's plausible range, growth and opening delay.
    func riskAnalysis(_ settings: RiskSettings, scenario: Scenario, capital: Double, operating: Double, firstYear: Double, timePart: Double,
                      ramp: [Double], segmentParts: [Double]?) -> RiskAnalysis {
        let d = parameters.defaults
        let rc = Self.referenceClass(scenario)
        let votRanges: [Distribution]
        if let traffic, segmentParts != nil {
            votRanges = traffic.allValues.map { v in
                .triangular(low: v.valueOfTimeRange[0] / max(v.shareOfHourlyIncome, 1e-12), mode: 1,
                            high: v.valueOfTimeRange[1] / max(v.shareOfHourlyIncome, 1e-12))
            }
        } else {
            votRanges = [.triangular(low: 0.7, mode: 1, high: 1.2)]
        }
        let parts = segmentParts ?? [timePart]
        let inputs = RiskInputs(
            draws: settings.draws, seed: settings.seed,
            capitalCost: capital > 0 ? .lognormal(mean: rc.costRatio.mean, standardDeviation: rc.costRatio.standardDeviation) : nil,
            demand: .lognormal(mean: rc.demandRatio.mean, standardDeviation: rc.demandRatio.standardDeviation),
            valueOfTime: votRanges, growth: .normal(mean: d.demandGrowthPerYear, standardDeviation: 0.01),
            openingDelay: .discrete(probabilities: [0.5, 0.25, 0.15, 0.1]),
            sources: ["capital cost factor": ReferenceClass.costSource + " (\(rc.rawValue))",
                      "demand factor": ReferenceClass.demandSource + " (\(rc.rawValue))",
                      "demand growth": "assumption: the appraisal's growth, normal with a standard deviation of one percentage point",
                      "opening delay (years)": "assumption: half the options open on time, a quarter a year late, 15 % two years and 10 % three years late"]
                .merging(Dictionary(uniqueKeysWithValues: votRanges.indices.map { ("value of time factor \($0 + 1)",
                    traffic != nil && segmentParts != nil ? "the plausible range of the segment's share of the hourly income (\(traffic!.allValues[$0].valueOfTimeSource))"
                        : "US DOT Revised Departmental Guidance on Valuation of Travel Time (2016): plausible range 35-60 % of hourly income around 50 % for personal travel") }),
                         uniquingKeysWith: { a, _ in a }))
        let central = RiskDraw(capitalCost: 1, demand: 1, valueOfTime: votRanges.map { _ in 1 }, growth: d.demandGrowthPerYear, openingDelayYears: 0)
        let rest = firstYear - parts.reduce(0, +)
        return MonteCarlo.run(inputs, deterministic: central, referenceClass: rc) { x in
            let b = x.demand * (rest + zip(parts, x.valueOfTime).reduce(0) { $0 + $1.0 * $1.1 })
            let cash = CashFlows(capital: capital * x.capitalCost, operatingPerYear: operating, firstYearBenefit: b, growth: x.growth,
                                 constructionYears: scenario.cost?.constructionYears ?? 1, lifetimeYears: scenario.cost?.lifetimeYears,
                                 horizonYears: d.horizonYears, rampUp: ramp, openingDelayYears: x.openingDelayYears)
            return (cash.netPresentValue(rate: d.discountRate), cash.benefitCostRatio(rate: d.discountRate))
        }
    }
}
