import Foundation

/// What a corridor option costs, as its source states it: an amount in a currency of a price
/// year, with the source or the word "assumption" in `source`.
public struct OptionCost: Sendable, Hashable, Codable {
    /// Capital cost in `currency` of `priceYear`.
    public var capital: Double
    public var currency: String
    /// The price year of `capital` and `operatingPerYear`; required with any currency.
    public var priceYear: Int?
    /// Yearly operating and maintenance cost, same currency and year.
    public var operatingPerYear: Double?
    /// Capital is spent evenly over these first years (default 1); benefits start after.
    public var constructionYears: Int?
    /// Economic life of the works, for the residual value at the horizon (default: none left).
    public var lifetimeYears: Int?
    /// Where the numbers come from, or "assumption: ..." with the reasoning.
    public var source: String
    /// The reference class of the works for the cost-overrun risk: "rail", "road" or
    /// "fixed-link" (bridges and tunnels); nil: from the option's new links.
    public var projectType: String?

    public init(capital: Double, currency: String, priceYear: Int?, operatingPerYear: Double? = nil,
                constructionYears: Int? = nil, lifetimeYears: Int? = nil, source: String, projectType: String? = nil) {
        self.projectType = projectType
        self.capital = capital
        self.currency = currency
        self.priceYear = priceYear
        self.operatingPerYear = operatingPerYear
        self.constructionYears = constructionYears
        self.lifetimeYears = lifetimeYears
        self.source = source
    }

    /// Checks the values; `label` names the option in the error.
    /// - Throws: `DataError.invalid` naming the option and the value at fault.
    public func validate(_ label: String) throws {
        guard capital.isFinite, capital >= 0 else { throw DataError.invalid(label, "cost: capital \(capital) must be a finite number >= 0") }
        guard !currency.isEmpty else { throw DataError.invalid(label, "cost: no currency") }
        guard priceYear != nil else { throw DataError.invalid(label, "cost: currency \(currency) without a price year (\"priceYear\")") }
        if let o = operatingPerYear { guard o.isFinite, o >= 0 else { throw DataError.invalid(label, "cost: operatingPerYear \(o) must be >= 0") } }
        if let k = constructionYears { guard k >= 1, k <= 50 else { throw DataError.invalid(label, "cost: constructionYears \(k) must be 1...50") } }
        if let l = lifetimeYears { guard l >= 1 else { throw DataError.invalid(label, "cost: lifetimeYears \(l) must be >= 1") } }
        guard !source.isEmpty else { throw DataError.invalid(label, "cost: no source (give one, or \"assumption: ...\")") }
        if let t = projectType, !["rail", "road", "fixed-link"].contains(t) {
            throw DataError.invalid(label, "cost: projectType '\(t)' is not rail, road or fixed-link")
        }
    }
}

/// A region's appraisal defaults: the discounting, growth, trip and value-of-time parameters
/// and the currency tables, each with its source or labelled an assumption. The CLI can
/// override the numbers.
public struct AppraisalDefaults: Sendable, Hashable, Codable {
    /// The currency and price year every result is stated in.
    public var currency: String
    public var priceYear: Int
    /// Real discount rate per year (0.06 is 6 %).
    public var discountRate: Double
    public var discountRateSource: String
    /// Years appraised from the start of construction.
    public var horizonYears: Int
    /// Yearly growth of the benefits (traffic growth).
    public var demandGrowthPerYear: Double
    public var demandGrowthSource: String
    /// Trips per person per year over the corridor-scale network, for the accessibility
    /// (logsum) benefit when the region has no demand model.
    public var tripsPerPersonPerYear: Double
    public var tripsSource: String
    /// Trip purposes with their share of trips and their value of time as a share of the
    /// hourly income (GDP per capita over `hoursPerYear`).
    public var segments: [ValueOfTimeSegment]
    public var hoursPerYear: Double
    /// The US-dollar year of the countries' GDP per capita (Natural Earth's `gdp_md`).
    public var incomeYear: Int
    public var valueOfTimeSource: String
    /// Income groups (Natural Earth's `income_group`) counted as lagging for the equity share.
    public var laggingIncomeGroups: [String]
    /// Units of a currency per US dollar, by year.
    public var exchangeRates: [ExchangeRate]
    /// A US price index by year (CPI-U), to move amounts between price years.
    public var priceIndex: [PriceIndexEntry]
    public var priceIndexSource: String
    /// Unit values of the demand model's segments, for the flow-based benefit (nil: the
    /// region's appraisal has none, and only the accessibility benefit is available).
    public var flowValues: [FlowSegmentValues]?
    /// Share of the full traffic in each of the first operating years (then 1), with its source.
    public var rampUp: [Double]?
    public var rampUpSource: String?

    public init(currency: String, priceYear: Int, discountRate: Double, discountRateSource: String, horizonYears: Int,
                demandGrowthPerYear: Double, demandGrowthSource: String, tripsPerPersonPerYear: Double, tripsSource: String,
                segments: [ValueOfTimeSegment], hoursPerYear: Double, incomeYear: Int, valueOfTimeSource: String,
                laggingIncomeGroups: [String], exchangeRates: [ExchangeRate], priceIndex: [PriceIndexEntry], priceIndexSource: String) {
        self.currency = currency
        self.priceYear = priceYear
        self.discountRate = discountRate
        self.discountRateSource = discountRateSource
        self.horizonYears = horizonYears
        self.demandGrowthPerYear = demandGrowthPerYear
        self.demandGrowthSource = demandGrowthSource
        self.tripsPerPersonPerYear = tripsPerPersonPerYear
        self.tripsSource = tripsSource
        self.segments = segments
        self.hoursPerYear = hoursPerYear
        self.incomeYear = incomeYear
        self.valueOfTimeSource = valueOfTimeSource
        self.laggingIncomeGroups = laggingIncomeGroups
        self.exchangeRates = exchangeRates
        self.priceIndex = priceIndex
        self.priceIndexSource = priceIndexSource
    }
}

extension AppraisalDefaults {
    /// Checks the values; `label` names the file in the error.
    /// - Throws: `DataError.invalid` naming the value at fault.
    public func validate(_ label: String) throws {
        func fail(_ why: String) -> DataError { .invalid("\(label): appraisal", why) }
        guard discountRate.isFinite, discountRate > -1 else { throw fail("discountRate \(discountRate) must be > -1") }
        guard horizonYears >= 1, horizonYears <= 200 else { throw fail("horizonYears \(horizonYears) must be 1...200") }
        guard demandGrowthPerYear.isFinite, demandGrowthPerYear > -1 else { throw fail("demandGrowthPerYear must be > -1") }
        guard tripsPerPersonPerYear.isFinite, tripsPerPersonPerYear >= 0 else { throw fail("tripsPerPersonPerYear must be >= 0") }
        guard hoursPerYear > 0 else { throw fail("hoursPerYear must be > 0") }
        guard !segments.isEmpty, abs(segments.reduce(0) { $0 + $1.tripShare } - 1) < 1e-9 else { throw fail("segment trip shares must add up to 1") }
        for r in exchangeRates where !(r.perUSD > 0) { throw fail("exchange rate \(r.currency) \(r.year): perUSD must be > 0") }
        guard priceIndex.contains(where: { $0.year == priceYear }) else { throw fail("the price index has no entry for the price year \(priceYear)") }
        for r in rampUp ?? [] where !(r.isFinite && r >= 0 && r <= 1) { throw fail("rampUp \(r) must be in [0, 1]") }
        var seen = Set<String>()
        for v in flowValues ?? [] {
            let at = " flowValues \(v.segment)"
            guard seen.insert(v.segment).inserted else { throw fail(at + ": given twice") }
            guard v.occupancy.isFinite, v.occupancy > 0 else { throw fail(at + ": occupancy \(v.occupancy) must be > 0") }
            guard v.shareOfHourlyIncome.isFinite, v.shareOfHourlyIncome >= 0 else { throw fail(at + ": shareOfHourlyIncome must be >= 0") }
            guard v.operatingCostPerKilometer.isFinite, v.operatingCostPerKilometer >= 0 else { throw fail(at + ": operatingCostPerKilometer must be >= 0") }
            guard v.valueOfTimeRange.count == 2, v.valueOfTimeRange[0] <= v.shareOfHourlyIncome, v.shareOfHourlyIncome <= v.valueOfTimeRange[1] else {
                throw fail(at + ": valueOfTimeRange must be [low, high] around shareOfHourlyIncome")
            }
        }
    }
}

/// The unit values of one segment of the demand model, for the flow-based benefit: its value
/// of time per vehicle-hour (occupancy × a share of the hourly income of the trip's origin
/// country) and its vehicle operating cost per kilometre, each with its source.
public struct FlowSegmentValues: Sendable, Hashable, Codable {
    /// The demand model's segment ("local", "freight").
    public var segment: String
    /// Persons a vehicle carries whose time counts (the driver alone for a truck).
    public var occupancy: Double
    public var occupancySource: String
    /// Value of a person-hour as a share of the hourly income.
    public var shareOfHourlyIncome: Double
    /// The plausible range [low, high] of that share, for the risk analysis.
    public var valueOfTimeRange: [Double]
    public var valueOfTimeSource: String
    /// Running cost of a vehicle-kilometre (fuel, tyres, maintenance, mileage depreciation) in
    /// `operatingCostCurrency` of `operatingCostYear`.
    public var operatingCostPerKilometer: Double
    public var operatingCostCurrency: String
    public var operatingCostYear: Int
    public var operatingCostSource: String

    public init(segment: String, occupancy: Double, occupancySource: String, shareOfHourlyIncome: Double, valueOfTimeRange: [Double],
                valueOfTimeSource: String, operatingCostPerKilometer: Double, operatingCostCurrency: String, operatingCostYear: Int,
                operatingCostSource: String) {
        self.segment = segment
        self.occupancy = occupancy
        self.occupancySource = occupancySource
        self.shareOfHourlyIncome = shareOfHourlyIncome
        self.valueOfTimeRange = valueOfTimeRange
        self.valueOfTimeSource = valueOfTimeSource
        self.operatingCostPerKilometer = operatingCostPerKilometer
        self.operatingCostCurrency = operatingCostCurrency
        self.operatingCostYear = operatingCostYear
        self.operatingCostSource = operatingCostSource
    }
}

/// A trip purpose: its share of trips and its value of time as a share of the hourly income.
public struct ValueOfTimeSegment: Sendable, Hashable, Codable {
    public var name: String
    public var tripShare: Double
    /// Value of an hour as a share of the hourly income.
    public var shareOfHourlyIncome: Double

    public init(name: String, tripShare: Double, shareOfHourlyIncome: Double) {
        self.name = name
        self.tripShare = tripShare
        self.shareOfHourlyIncome = shareOfHourlyIncome
    }
}

/// Units of a currency per US dollar in a year (an annual average, with its source).
public struct ExchangeRate: Sendable, Hashable, Codable {
    public var currency: String
    public var year: Int
    /// Units of `currency` per US dollar, annual average.
    public var perUSD: Double
    public var source: String

    public init(currency: String, year: Int, perUSD: Double, source: String) {
        self.currency = currency
        self.year = year
        self.perUSD = perUSD
        self.source = source
    }
}

/// The US price index (CPI-U) of a year.
public struct PriceIndexEntry: Sendable, Hashable, Codable {
    public var year: Int
    public var value: Double

    public init(year: Int, value: Double) {
        self.year = year
        self.value = value
    }
}

/// A region's demand model: zones, trip segments and crossing capacities, each parameter
/// with its source or labelled an assumption (for `corridor demand`, `assign --region` and
/// `validate`).
public struct FlowDefaults: Sendable, Hashable, Codable {
    /// Places of at least this population are zone centres; smaller places join the nearest
    /// centre of their country.
    public var minimumZonePopulation: Double
    /// The cost of a trip within a zone, in hours.
    public var intrazonalHours: Double
    public var segments: [FlowSegmentSpec]
    /// Vehicles a road crossing clears per hour (booths times a processing rate).
    public var roadCrossingCapacityPerHour: Double
    /// Trains a rail crossing clears per hour, for segments of mode "rail".
    public var railCrossingCapacityPerHour: Double?
    /// Hours a year the crossings work, to turn hourly capacity into yearly capacity.
    public var operatingHoursPerYear: Double
    /// BPR parameters of the crossing congestion delay: t = t0 (1 + b (v/c)^power).
    public var congestionB: Double
    public var congestionPower: Double
    public var capacitySource: String
    /// Crossings whose capacity differs from `roadCrossingCapacityPerHour`, each with its source.
    public var crossingCapacities: [CrossingCapacity]?
    /// Tolls or fees a vehicle pays to pass a crossing, by segment (a transfer between users
    /// and the operator in the appraisal).
    public var crossingTolls: [CrossingToll]?
    /// Rounds of demand–assignment feedback (trips redistributed over congested hours); 1 or
    /// nil: demand from free-flow hours only.
    public var feedbackLoops: Int?

    public init(minimumZonePopulation: Double, intrazonalHours: Double, segments: [FlowSegmentSpec], roadCrossingCapacityPerHour: Double,
                operatingHoursPerYear: Double, congestionB: Double, congestionPower: Double, capacitySource: String,
                crossingCapacities: [CrossingCapacity]? = nil, feedbackLoops: Int? = nil, railCrossingCapacityPerHour: Double? = nil) {
        self.railCrossingCapacityPerHour = railCrossingCapacityPerHour
        self.crossingCapacities = crossingCapacities
        self.feedbackLoops = feedbackLoops
        self.minimumZonePopulation = minimumZonePopulation
        self.intrazonalHours = intrazonalHours
        self.segments = segments
        self.roadCrossingCapacityPerHour = roadCrossingCapacityPerHour
        self.operatingHoursPerYear = operatingHoursPerYear
        self.congestionB = congestionB
        self.congestionPower = congestionPower
        self.capacitySource = capacitySource
    }
}

extension FlowDefaults {
    /// Checks the values; `label` names the file in the error.
    /// - Throws: `DataError.invalid` naming the segment and value at fault.
    public func validate(_ label: String) throws {
        func fail(_ what: String, _ why: String) -> DataError { .invalid("\(label): flows\(what)", why) }
        guard minimumZonePopulation > 0 else { throw fail("", "minimumZonePopulation must be > 0") }
        guard intrazonalHours.isFinite, intrazonalHours > 0 else { throw fail("", "intrazonalHours must be > 0") }
        guard roadCrossingCapacityPerHour > 0, operatingHoursPerYear > 0 else { throw fail("", "crossing capacity and operating hours must be > 0") }
        if let k = feedbackLoops, !(1...50).contains(k) { throw fail("", "feedbackLoops must be 1...50, not \(k)") }
        if let r = railCrossingCapacityPerHour, !(r.isFinite && r > 0) { throw fail("", "railCrossingCapacityPerHour must be > 0, not \(r)") }
        if segments.contains(where: { $0.mode == .rail }) && railCrossingCapacityPerHour == nil {
            throw fail("", "a rail segment needs railCrossingCapacityPerHour")
        }
        var seen = Set<String>()
        for c in crossingCapacities ?? [] {
            guard [Mode.road, .rail].contains(c.mode ?? .road) else { throw fail(" crossing \(c.crossing)", "mode '\(c.mode?.rawValue ?? "")' is not road or rail") }
            guard c.vehiclesPerHour.isFinite, c.vehiclesPerHour > 0 else { throw fail(" crossing \(c.crossing)", "vehiclesPerHour must be > 0, not \(c.vehiclesPerHour)") }
            guard seen.insert(c.crossing + "/" + (c.mode ?? .road).rawValue).inserted else { throw fail(" crossing \(c.crossing)", "capacity given twice") }
        }
        var tolled = Set<String>()
        for t in crossingTolls ?? [] {
            guard t.amount.isFinite, t.amount >= 0 else { throw fail(" toll \(t.crossing)", "amount \(t.amount) must be >= 0") }
            guard segments.contains(where: { $0.name == t.segment }) else { throw fail(" toll \(t.crossing)", "no segment '\(t.segment)'") }
            guard !t.currency.isEmpty, !t.source.isEmpty else { throw fail(" toll \(t.crossing)", "a toll needs a currency and a source") }
            guard tolled.insert(t.crossing + "/" + t.segment).inserted else { throw fail(" toll \(t.crossing)", "given twice for \(t.segment)") }
        }
        for s in segments {
            for (name, v) in [("alpha", s.alpha), ("beta", s.beta)] { if let v, !(v.isFinite && v >= 0) {
                throw fail(" segment \(s.name)", "negative or non-finite decay: \(name) \(v)")
            } }
            guard s.tripsPerMassPerYear.isFinite, s.tripsPerMassPerYear >= 0 else { throw fail(" segment \(s.name)", "tripsPerMassPerYear must be >= 0") }
            guard s.passengerCarEquivalent > 0 else { throw fail(" segment \(s.name)", "passengerCarEquivalent must be > 0") }
            guard [Mode.road, .rail].contains(s.mode ?? .road) else { throw fail(" segment \(s.name)", "mode '\(s.mode?.rawValue ?? "")' is not road or rail") }
        }
    }
}

/// What a vehicle of one segment pays to pass a crossing, once per passage.
public struct CrossingToll: Sendable, Hashable, Codable {
    public var crossing: String
    public var segment: String
    public var amount: Double
    public var currency: String
    public var priceYear: Int
    public var source: String

    public init(crossing: String, segment: String, amount: Double, currency: String, priceYear: Int, source: String) {
        self.crossing = crossing
        self.segment = segment
        self.amount = amount
        self.currency = currency
        self.priceYear = priceYear
        self.source = source
    }
}

/// The road capacity of one crossing (all its border edges together, each direction).
public struct CrossingCapacity: Sendable, Hashable, Codable {
    /// The crossing id.
    public var crossing: String
    /// Vehicles (trains, for mode "rail") an hour the crossing clears in each direction.
    public var vehiclesPerHour: Double
    /// Road (nil) or rail.
    public var mode: Mode?
    /// Where the figure comes from, or how it was assumed.
    public var source: String

    public init(crossing: String, vehiclesPerHour: Double, source: String, mode: Mode? = nil) {
        self.mode = mode
        self.crossing = crossing
        self.vehiclesPerHour = vehiclesPerHour
        self.source = source
    }
}

/// One trip segment of a region's demand model.
public struct FlowSegmentSpec: Sendable, Hashable, Codable {
    public var name: String
    /// What generates the segment's trips.
    public var mass: FlowMass
    /// Trips a year per unit of mass (per person, or per dollar of GDP).
    public var tripsPerMassPerYear: Double
    /// The deterrence function's form, with `alpha` and `beta` (per hour).
    public var deterrence: DeterrenceForm
    public var alpha: Double?
    public var beta: Double?
    public var passengerCarEquivalent: Double
    /// The BTS measure the segment is checked against ("personal_vehicles", "trucks", "trains").
    public var observedMeasure: String
    /// Road (nil) or rail: the network its trips use, and the crossings they pass.
    public var mode: Mode?
    public var source: String

    public init(name: String, mass: FlowMass, tripsPerMassPerYear: Double, deterrence: DeterrenceForm, alpha: Double?, beta: Double?,
                passengerCarEquivalent: Double, observedMeasure: String, source: String, mode: Mode? = nil) {
        self.mode = mode
        self.name = name
        self.mass = mass
        self.tripsPerMassPerYear = tripsPerMassPerYear
        self.deterrence = deterrence
        self.alpha = alpha
        self.beta = beta
        self.passengerCarEquivalent = passengerCarEquivalent
        self.observedMeasure = observedMeasure
        self.source = source
    }
}

/// What generates a segment's trips.
public enum FlowMass: String, Sendable, Hashable, Codable, CaseIterable {
    /// A place's population.
    case population
    /// Population times the country's GDP per capita (a proxy of economic activity).
    case economic

    public init(from decoder: Decoder) throws {
        self = try decodeNamed(decoder, what: "mass")
    }
}

/// The form of a gravity model's deterrence function of travel time t (hours).
public enum DeterrenceForm: String, Sendable, Hashable, Codable, CaseIterable {
    /// exp(−beta·t)
    case exponential
    /// t^−alpha
    case power
    /// t^−alpha · exp(−beta·t) (Tanner's combined form)
    case tanner

    public init(from decoder: Decoder) throws {
        self = try decodeNamed(decoder, what: "deterrence")
    }
}

/// A string enum decoded with one clear error naming the value and the ones allowed.
private func decodeNamed<T: RawRepresentable & CaseIterable>(_ decoder: Decoder, what: String) throws -> T where T.RawValue == String {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let value = T(rawValue: text) else {
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown \(what) '\(text)' (\(T.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    return value
}
