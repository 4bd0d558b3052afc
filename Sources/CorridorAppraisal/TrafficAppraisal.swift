import CorridorData
import CorridorFlows
import CorridorNetwork
import Foundation

/// An option's first-year benefit from traffic: the demand model at equilibrium before and
/// after, valued segment by segment (`FlowBenefits`), with the trips and vehicle-hours behind
/// every sum and the unit values used.
public struct TrafficBenefits: Sendable, Codable, Hashable {
    /// The unit values a segment was valued at.
    public struct Values: Sendable, Codable, Hashable {
        public var segment: String
        public var occupancy: Double
        public var occupancySource: String
        public var shareOfHourlyIncome: Double
        public var valueOfTimeSource: String
        /// Per vehicle-hour by country of origin, appraisal currency.
        public var valueOfTimePerVehicleHour: [String: Double]
        public var operatingCostPerKilometer: Double
        public var operatingCostSource: String
    }

    /// Where the benefit falls: a country or admin-1 unit as origin and as destination of the
    /// trips that gain.
    public struct Area: Sendable, Codable, Hashable {
        public var country: String
        /// The admin-1 unit ("CODE/name"), nil for a country row.
        public var admin1: String?
        public var asOrigin: Double
        public var asDestination: Double
        /// ½ (as origin + as destination): the area's part of the first-year benefit.
        public var benefit: Double
        /// Trips a year starting there through a crossing, before and after.
        public var crossBorderTripsBefore: Double
        public var crossBorderTripsAfter: Double
    }

    /// A crossing's traffic before and after, per segment (vehicles a year, both directions).
    public struct Crossing: Sendable, Codable, Hashable {
        public var crossingId: String
        public var name: String
        public var before: [Double]
        public var after: [Double]
    }

    public var method: String
    public var segments: [FlowBenefits.Segment]
    public var values: [Values]
    public var countries: [Area]
    /// Admin-1 units with at least 0.1 % of the absolute benefit.
    public var admin1: [Area]
    /// Crossings whose traffic changes, largest change first (at most 20).
    public var crossings: [Crossing]
    /// Σ of the segments' totals: the full-traffic benefit of the first operating year.
    public var firstYearBenefit: Double
    /// The part of it valued by the value of time (time saved and new connections).
    public var valueOfTimePart: Double
    public var rampUp: [Double]
    public var rampUpSource: String
    public var relativeGapBefore: Double
    public var relativeGapAfter: Double
}

/// What one option's traffic gives the appraiser: the benefits, and each place's part.
public struct TrafficEvaluation: Sendable {
    public var benefits: TrafficBenefits
    /// By place id: its part of the benefit of the trips starting in its zone (zone shares by
    /// population), and of those ending there, and the hours behind the first.
    public var asOrigin: [String: Double]
    public var asDestination: [String: Double]
    public var hours: [String: Double]
    /// By place id: the zone's trips through a crossing, before and after, by population share.
    public var crossBorderBefore: [String: Double]
    public var crossBorderAfter: [String: Double]
}

/// Values options by their traffic on one baseline equilibrium (`RegionFlowStudy`).
public struct TrafficAppraiser: Sendable {
    public let flows: RegionFlowStudy
    let values: [FlowSegmentValues]
    let valueOfTime: [[Double]]  // per segment, per zone
    let operatingCost: [Double]  // per segment, per km
    let tolls: [[String: Double]]  // per segment, by crossing
    let baseKilometers: [[Double]?]
    let baseTolls: [[Double]?]
    let rampUp: [Double]
    let rampUpSource: String
    let valueOfTimeByCountry: [[String: Double]]
    let cache = RunCache()
    /// The rail segments' appraiser, on their own equilibrium (nil: none).
    let railPart: [TrafficAppraiser]
    /// The unit values of every segment, road then rail.
    var allValues: [FlowSegmentValues] { values + railPart.flatMap(\.allValues) }

    /// The options' equilibria already computed, by the network they ran on: the appraisal's
    /// parts, its Shapley coalitions and a report's flows section ask for the same ones.
    final class RunCache: @unchecked Sendable {
        struct Key: Equatable {
            var edgeCount: Int
            var edgeBaseSeconds: [Double]
            var crossings: [NetworkCrossing]
            init(_ n: TransportNetwork) { edgeCount = n.edgeCount; edgeBaseSeconds = n.edgeBaseSeconds; crossings = n.crossings }
        }
        private let lock = NSLock()
        private var entries: [(key: Key, model: RegionFlowModel, run: RegionFlowRun)] = []
        func find(_ k: Key) -> (RegionFlowModel, RegionFlowRun)? {
            lock.lock(); defer { lock.unlock() }
            return entries.first { $0.key == k }.map { ($0.model, $0.run) }
        }
        func add(_ k: Key, _ m: RegionFlowModel, _ r: RegionFlowRun) {
            lock.lock(); defer { lock.unlock() }
            if !entries.contains(where: { $0.key == k }) { entries.append((k, m, r)) }
        }
    }

    /// - Parameters:
    ///   - flows: the baseline equilibrium and its demand model (the road segments).
    ///   - rail: the rail segments' baseline equilibrium, appraised beside the road's (nil: none).
    ///   - defaults: the appraisal's unit values (`flowValues`), currency tables and ramp-up.
    ///   - incomes: GDP per capita by country.
    /// - Throws: `DataError.invalid` when a segment has no unit values or a currency or year is missing.
    public init(flows: RegionFlowStudy, rail: RegionFlowStudy? = nil, defaults: AppraisalDefaults, incomes: [CountryIncome]) throws {
        self.flows = flows
        railPart = try rail.map { [try TrafficAppraiser(flows: $0, defaults: defaults, incomes: incomes)] } ?? []
        let converter = MoneyConverter(defaults)
        let income = Dictionary(incomes.map { ($0.code, $0.gdpPerCapitaUSD) }, uniquingKeysWith: { a, _ in a })
        var hourly: [String: Double] = [:]
        for c in Set(flows.baseModel.zones.map(\.country)).sorted() {
            hourly[c] = try converter.convert(income[c] ?? 0, from: "USD", year: defaults.incomeYear) / defaults.hoursPerYear
        }
        var chosen: [FlowSegmentValues] = []
        for s in flows.segments {
            guard let v = defaults.flowValues?.first(where: { $0.segment == s.name }) else {
                throw DataError.invalid("appraisal.flowValues", "no unit values for the flow segment '\(s.name)' (or use --benefit accessibility)")
            }
            chosen.append(v)
        }
        values = chosen
        valueOfTime = chosen.map { v in flows.baseModel.zones.map { v.occupancy * v.shareOfHourlyIncome * (hourly[$0.country] ?? 0) } }
        valueOfTimeByCountry = chosen.map { v in hourly.mapValues { v.occupancy * v.shareOfHourlyIncome * $0 } }
        operatingCost = try chosen.map { try converter.convert($0.operatingCostPerKilometer, from: $0.operatingCostCurrency, year: $0.operatingCostYear) }
        tolls = try flows.segments.map { s in
            var by: [String: Double] = [:]
            for t in flows.defaults.crossingTolls ?? [] where t.segment == s.name {
                by[t.crossing] = try converter.convert(t.amount, from: t.currency, year: t.priceYear)
            }
            return by
        }
        rampUp = defaults.rampUp ?? []
        rampUpSource = defaults.rampUpSource ?? "no ramp-up: full traffic from the opening year"
        let model = flows.baseModel, run = flows.baseRun
        baseKilometers = flows.segments.indices.map { model.pairKilometers(run, segment: $0) }
        let tolls = self.tolls
        baseTolls = flows.segments.indices.map { k in
            tolls[k].isEmpty ? nil : Self.pairTolls(model, run, segment: k, perCrossing: tolls[k])
        }
    }

    static func pairTolls(_ model: RegionFlowModel, _ run: RegionFlowRun, segment: Int, perCrossing: [String: Double]) -> [Double] {
        model.routeMeans(run, segment: segment, linkValues: model.linkValues(perCrossing: perCrossing)).map { $0.isNaN ? 0 : $0 }
    }

    /// The option's model and equilibrium (the baseline's when the option changes no edge
    /// time and no crossing), computed once per network.
    /// - Parameters:
    ///   - option: the network under the option.
    ///   - log: progress lines.
    public func run(option: TransportNetwork, log: @escaping (String) -> Void = { _ in }) throws -> (model: RegionFlowModel, run: RegionFlowRun) {
        let key = RunCache.Key(option)
        if key == RunCache.Key(flows.baseModel.network) { return (flows.baseModel, flows.baseRun) }
        if let hit = cache.find(key) { return hit }
        let r = try flows.run(option: option, log: log)
        cache.add(key, r.model, r.run)
        return r
    }

    /// The option's traffic and its value: the road segments', then the rail segments'.
    /// - Parameters:
    ///   - option: the network under the option (the baseline's nodes).
    ///   - places: each populated place's id, country and admin-1 unit (for the areas).
    ///   - log: progress lines.
    /// - Throws: `FlowError` when the option's model has other zones than the baseline's.
    public func evaluate(_ option: TransportNetwork, places: [(id: String, country: String, admin1: String)],
                         log: @escaping (String) -> Void = { _ in }) throws -> TrafficEvaluation {
        var e = try evaluatePart(option, places: places, log: log)
        for part in railPart {
            let r = try part.evaluate(option, places: places, log: log)
            var b = e.benefits
            b.segments += r.benefits.segments
            b.values += r.benefits.values
            func merge(_ a: [TrafficBenefits.Area], _ c: [TrafficBenefits.Area]) -> [TrafficBenefits.Area] {
                var by: [String: TrafficBenefits.Area] = [:]
                for x in a + c {
                    let key = x.admin1 ?? x.country
                    guard var y = by[key] else { by[key] = x; continue }
                    y.asOrigin += x.asOrigin
                    y.asDestination += x.asDestination
                    y.benefit += x.benefit
                    y.crossBorderTripsBefore += x.crossBorderTripsBefore
                    y.crossBorderTripsAfter += x.crossBorderTripsAfter
                    by[key] = y
                }
                return by.keys.sorted().map { by[$0]! }
            }
            b.countries = merge(b.countries, r.benefits.countries)
            b.admin1 = merge(b.admin1, r.benefits.admin1)
            // Rail crossings carry only the rail segments: their volumes sit after the road ones.
            let roadCount = e.benefits.segments.count
            b.crossings = b.crossings.map { c in
                var c = c
                c.before += Array(repeating: 0, count: r.benefits.segments.count)
                c.after += Array(repeating: 0, count: r.benefits.segments.count)
                return c
            } + r.benefits.crossings.map { c in
                var c = c
                c.before = Array(repeating: 0, count: roadCount) + c.before
                c.after = Array(repeating: 0, count: roadCount) + c.after
                return c
            }
            b.firstYearBenefit += r.benefits.firstYearBenefit
            b.valueOfTimePart += r.benefits.valueOfTimePart
            b.relativeGapBefore = max(b.relativeGapBefore, r.benefits.relativeGapBefore)
            b.relativeGapAfter = max(b.relativeGapAfter, r.benefits.relativeGapAfter)
            e.benefits = b
            for (k, v) in r.asOrigin { e.asOrigin[k, default: 0] += v }
            for (k, v) in r.asDestination { e.asDestination[k, default: 0] += v }
            for (k, v) in r.hours { e.hours[k, default: 0] += v }
            for (k, v) in r.crossBorderBefore { e.crossBorderBefore[k, default: 0] += v }
            for (k, v) in r.crossBorderAfter { e.crossBorderAfter[k, default: 0] += v }
        }
        return e
    }

    func evaluatePart(_ option: TransportNetwork, places: [(id: String, country: String, admin1: String)],
                      log: @escaping (String) -> Void) throws -> TrafficEvaluation {
        let (model, run) = try self.run(option: option, log: log)
        let base = flows.baseModel, baseRun = flows.baseRun
        guard model.zones.map(\.placeId) == base.zones.map(\.placeId) else {
            throw FlowError.invalid("flows", "the option changes the demand model's zones (a part of a country joined or cut off); the rule of half needs the same zones")
        }
        let z = base.zones.count
        var segments: [FlowBenefits.Segment] = []
        var origin = [Double](repeating: 0, count: z), destination = origin, hours = origin
        for (k, s) in flows.segments.enumerated() {
            let beta: Double?
            if case .exponential(let b) = try RegionFlowModel.deterrence(s) { beta = b } else { beta = nil }
            let km1 = model.pairKilometers(run, segment: k)
            let input = FlowBenefits.SegmentInput(
                name: s.name, beta: beta, tripsBefore: baseRun.demand[k], tripsAfter: run.demand[k], hoursBefore: baseRun.hours, hoursAfter: run.hours,
                kilometersBefore: km1 == nil ? nil : baseKilometers[k], kilometersAfter: baseKilometers[k] == nil ? nil : km1,
                tollsBefore: baseTolls[k], tollsAfter: tolls[k].isEmpty ? nil : Self.pairTolls(model, run, segment: k, perCrossing: tolls[k]),
                valueOfTime: valueOfTime[k], operatingCostPerKilometer: operatingCost[k])
            let r = try FlowBenefits.compute(input)
            var seg = r.segment
            seg.crossBorderTripsBefore = baseRun.crossBorder[k].total
            seg.crossBorderTripsAfter = run.crossBorder[k].total
            segments.append(seg)
            for i in 0..<z {
                origin[i] += r.byOrigin[i]
                destination[i] += r.byDestination[i]
                hours[i] += r.hoursByOrigin[i]
            }
        }
        // Zone amounts to places, by population within the zone.
        var zonePeople = [Double](repeating: 0, count: z)
        let byId = Dictionary(option.places.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for p in places { if let i = byId[p.id], base.placeZone[i] >= 0 { zonePeople[Int(base.placeZone[i])] += option.places[i].population } }
        var crossBefore = [Double](repeating: 0, count: z), crossAfter = crossBefore
        for k in flows.segments.indices {
            for i in 0..<z { for j in 0..<z {
                crossBefore[i] += baseRun.crossBorder[k][i, j]
                crossAfter[i] += run.crossBorder[k][i, j]
            } }
        }
        var eval = TrafficEvaluation(benefits: TrafficBenefits(method: "", segments: [], values: [], countries: [], admin1: [], crossings: [], firstYearBenefit: 0,
                                                               valueOfTimePart: 0, rampUp: rampUp, rampUpSource: rampUpSource,
                                                               relativeGapBefore: baseRun.result.relativeGap, relativeGapAfter: run.result.relativeGap),
                                     asOrigin: [:], asDestination: [:], hours: [:], crossBorderBefore: [:], crossBorderAfter: [:])
        var countryRows: [String: TrafficBenefits.Area] = [:], admin1Rows: [String: TrafficBenefits.Area] = [:]
        for p in places {
            guard let i = byId[p.id], base.placeZone[i] >= 0 else { continue }
            let k = Int(base.placeZone[i])
            let share = zonePeople[k] > 0 ? option.places[i].population / zonePeople[k] : 0
            let o = origin[k] * share, d = destination[k] * share
            eval.asOrigin[p.id] = o
            eval.asDestination[p.id] = d
            eval.hours[p.id] = hours[k] * share
            eval.crossBorderBefore[p.id] = crossBefore[k] * share
            eval.crossBorderAfter[p.id] = crossAfter[k] * share
            for (key, admin) in [(p.country, nil), (p.admin1, Optional(p.admin1))] as [(String, String?)] {
                var row = (admin == nil ? countryRows[key] : admin1Rows[key])
                    ?? TrafficBenefits.Area(country: p.country, admin1: admin, asOrigin: 0, asDestination: 0, benefit: 0,
                                            crossBorderTripsBefore: 0, crossBorderTripsAfter: 0)
                row.asOrigin += o
                row.asDestination += d
                row.benefit += (o + d) / 2
                row.crossBorderTripsBefore += crossBefore[k] * share
                row.crossBorderTripsAfter += crossAfter[k] * share
                if admin == nil { countryRows[key] = row } else { admin1Rows[key] = row }
            }
        }
        let total = segments.reduce(0) { $0 + $1.total }
        let absolute = admin1Rows.keys.sorted().reduce(0) { $0 + abs(admin1Rows[$1]!.benefit) }
        let change = try RegionFlowModel.change(base: baseRun, option: run)
        eval.benefits.method = "rule of half on the demand model's trips at equilibrium (time at each segment's value of a vehicle-hour, vehicle operating cost per kilometre, tolls as a transfer), and the trips an option newly connects or cuts off valued by the gravity model's logsum; traffic ramps up and grows as stated"
        eval.benefits.segments = segments
        eval.benefits.values = zip(values, operatingCost).enumerated().map { k, x in
            TrafficBenefits.Values(segment: x.0.segment, occupancy: x.0.occupancy, occupancySource: x.0.occupancySource,
                                   shareOfHourlyIncome: x.0.shareOfHourlyIncome, valueOfTimeSource: x.0.valueOfTimeSource,
                                   valueOfTimePerVehicleHour: valueOfTimeByCountry[k], operatingCostPerKilometer: x.1,
                                   operatingCostSource: x.0.operatingCostSource)
        }
        eval.benefits.countries = countryRows.keys.sorted().map { countryRows[$0]! }
        eval.benefits.admin1 = admin1Rows.keys.sorted().map { admin1Rows[$0]! }.filter { absolute > 0 && abs($0.benefit) >= 0.001 * absolute }
        eval.benefits.crossings = change.crossings.prefix(20).map { .init(crossingId: $0.crossingId, name: $0.name, before: $0.before, after: $0.after) }
        eval.benefits.firstYearBenefit = total
        eval.benefits.valueOfTimePart = segments.reduce(0) { $0 + $1.timeBenefit + $1.newConnectionBenefit }
        return eval
    }
}
