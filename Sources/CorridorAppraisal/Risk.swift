import Foundation

/// The class of past projects an option's cost and demand risks are read from (reference
/// class forecasting, Flyvbjerg 2006).
public enum ReferenceClass: String, Sendable, Codable, CaseIterable {
    case rail
    case road
    /// Bridges and tunnels.
    case fixedLink = "fixed-link"

    /// Actual over estimated capital cost: mean and standard deviation of the class, and the
    /// source (Flyvbjerg, Holm and Buhl 2002, "Underestimating costs in public works projects:
    /// error or lie?", Journal of the American Planning Association 68(3), Table 2: average
    /// cost escalation 44.7 % (sd 38.4, 58 projects) for rail, 33.8 % (sd 62.4, 33) for fixed
    /// links, 20.4 % (sd 29.9, 167) for roads).
    public var costRatio: (mean: Double, standardDeviation: Double) {
        switch self {
        case .rail: return (1.447, 0.384)
        case .fixedLink: return (1.338, 0.624)
        case .road: return (1.204, 0.299)
        }
    }

    /// Actual over forecast traffic: mean and standard deviation (Flyvbjerg, Holm and Buhl
    /// 2005, "How (in)accurate are demand forecasts in public works projects?", Journal of
    /// the American Planning Association 71(2): rail passenger traffic 51.4 % below forecast
    /// on average (sd 28.1, 25 projects), road traffic 9.5 % above (sd 44.3, 183 projects);
    /// fixed links take the road figure, the paper having no class of their own).
    public var demandRatio: (mean: Double, standardDeviation: Double) {
        switch self {
        case .rail: return (0.486, 0.281)
        case .road, .fixedLink: return (1.095, 0.443)
        }
    }

    public static let costSource = "Flyvbjerg, Holm and Buhl (2002), Underestimating costs in public works projects: error or lie?, Journal of the American Planning Association 68(3), cost escalation by project type"
    public static let demandSource = "Flyvbjerg, Holm and Buhl (2005), How (in)accurate are demand forecasts in public works projects?, Journal of the American Planning Association 71(2), actual over forecast traffic (fixed links: the road class)"
}

/// A distribution an uncertain input is drawn from.
public enum Distribution: Sendable, Hashable, Codable {
    /// Log-normal with this mean and standard deviation (of the value, not of its log).
    case lognormal(mean: Double, standardDeviation: Double)
    case normal(mean: Double, standardDeviation: Double)
    case triangular(low: Double, mode: Double, high: Double)
    /// Whole numbers 0, 1, 2, … with these probabilities.
    case discrete(probabilities: [Double])

    /// The distribution's mean.
    public var mean: Double {
        switch self {
        case .lognormal(let m, _), .normal(let m, _): return m
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .discrete(let p): return p.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element } / max(p.reduce(0, +), 1e-300)
        }
    }

    /// One draw, by inversion of uniforms from `rng` (two for a normal or log-normal).
    func draw(_ rng: inout SplitMix64) -> Double {
        switch self {
        case .normal(let m, let s):
            return m + s * rng.standardNormal()
        case .lognormal(let m, let s):
            guard m > 0, s > 0 else { return m }
            let v = log(1 + s * s / (m * m))
            return exp(log(m) - v / 2 + v.squareRoot() * rng.standardNormal())
        case .triangular(let a, let c, let b):
            let u = rng.uniform()
            guard b > a else { return c }
            let f = (c - a) / (b - a)
            return u < f ? a + ((b - a) * (c - a) * u).squareRoot() : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
        case .discrete(let p):
            let total = p.reduce(0, +)
            var u = rng.uniform() * total
            for (k, x) in p.enumerated() { if u < x { return Double(k) }; u -= x }
            return Double(max(0, p.count - 1))
        }
    }

    var label: String {
        func f(_ x: Double) -> String { String(format: "%.4g", x) }
        switch self {
        case .lognormal(let m, let s): return "log-normal, mean \(f(m)), sd \(f(s))"
        case .normal(let m, let s): return "normal, mean \(f(m)), sd \(f(s))"
        case .triangular(let a, let c, let b): return "triangular (\(f(a)), \(f(c)), \(f(b)))"
        case .discrete(let p): return "years 0...\(p.count - 1) with probabilities " + p.map(f).joined(separator: ", ")
        }
    }
}

extension SplitMix64 {
    /// Uniform on [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// Standard normal by Box–Muller (one of the pair).
    mutating func standardNormal() -> Double {
        let u1 = max(uniform(), 0x1p-60), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// The uncertain inputs of an appraisal and how many draws to take.
public struct RiskInputs: Sendable {
    public var draws: Int
    public var seed: UInt64
    /// Factor on the capital cost (nil: certain).
    public var capitalCost: Distribution?
    /// Factor on the traffic, and so on every benefit.
    public var demand: Distribution?
    /// Factor on each segment's value of time (time and new-connection benefits), one per
    /// segment in the order of the appraisal's traffic.
    public var valueOfTime: [Distribution]?
    /// Yearly traffic growth.
    public var growth: Distribution?
    /// Years the opening slips.
    public var openingDelay: Distribution?
    /// The source or assumption of each input, by name.
    public var sources: [String: String]

    public init(draws: Int, seed: UInt64, capitalCost: Distribution? = nil, demand: Distribution? = nil, valueOfTime: [Distribution]? = nil,
                growth: Distribution? = nil, openingDelay: Distribution? = nil, sources: [String: String] = [:]) {
        self.draws = draws
        self.seed = seed
        self.capitalCost = capitalCost
        self.demand = demand
        self.valueOfTime = valueOfTime
        self.growth = growth
        self.openingDelay = openingDelay
        self.sources = sources
    }
}

/// One draw of the uncertain inputs.
public struct RiskDraw: Sendable {
    public var capitalCost: Double
    public var demand: Double
    public var valueOfTime: [Double]
    public var growth: Double
    public var openingDelayYears: Int

    public init(capitalCost: Double, demand: Double, valueOfTime: [Double], growth: Double, openingDelayYears: Int) {
        self.capitalCost = capitalCost
        self.demand = demand
        self.valueOfTime = valueOfTime
        self.growth = growth
        self.openingDelayYears = openingDelayYears
    }
}

/// What the draws give: the NPV's spread and the chance the option is worth its cost.
public struct RiskAnalysis: Sendable, Codable, Hashable {
    public struct Input: Sendable, Codable, Hashable {
        public var parameter: String
        public var distribution: String
        public var mean: Double
        public var source: String
    }

    public var draws: Int
    public var seed: UInt64
    public var referenceClass: String?
    public var inputs: [Input]
    public var netPresentValueP10: Double
    public var netPresentValueP50: Double
    public var netPresentValueP90: Double
    public var netPresentValueMean: Double
    /// The NPV with every input at its central value, for comparison.
    public var deterministicNetPresentValue: Double
    /// Share of the draws with a BCR above 1 (present benefits above present costs; without
    /// costs, the share with a positive NPV).
    public var probabilityBenefitCostRatioAboveOne: Double
    public var benefitCostRatioP10: Double?
    public var benefitCostRatioP50: Double?
    public var benefitCostRatioP90: Double?
    /// NPV of every draw in steps of one twentieth of the draws, sorted (for a plot).
    public var netPresentValueQuantiles: [Double]
}

/// Seeded Monte Carlo draws of an appraisal's uncertain inputs, summarised as the NPV's
/// percentiles and the probability that the option is worth its cost.
public enum MonteCarlo {
    /// Draws the inputs `inputs.draws` times from `inputs.seed`, in a fixed order per draw
    /// (capital, demand, each value of time, growth, delay), and summarises `value`.
    /// - Parameters:
    ///   - inputs: the distributions, draws and seed.
    ///   - deterministic: the draw with every input at its central value (for the
    ///     deterministic NPV reported beside the spread).
    ///   - referenceClass: the class the cost and demand risks come from, for the record.
    ///   - value: NPV and BCR (nil without costs) of one draw.
    public static func run(_ inputs: RiskInputs, deterministic: RiskDraw, referenceClass: ReferenceClass?,
                           value: (RiskDraw) -> (npv: Double, bcr: Double?)) -> RiskAnalysis {
        var rng = SplitMix64(seed: inputs.seed)
        var npvs: [Double] = [], bcrs: [Double] = []
        npvs.reserveCapacity(inputs.draws)
        var above = 0
        for _ in 0..<max(1, inputs.draws) {
            var d = deterministic
            if let x = inputs.capitalCost { d.capitalCost = max(0, x.draw(&rng)) }
            if let x = inputs.demand { d.demand = max(0, x.draw(&rng)) }
            if let v = inputs.valueOfTime { d.valueOfTime = v.map { max(0, $0.draw(&rng)) } }
            if let x = inputs.growth { d.growth = max(-0.99, x.draw(&rng)) }
            if let x = inputs.openingDelay { d.openingDelayYears = Int(x.draw(&rng)) }
            let r = value(d)
            npvs.append(r.npv)
            if let b = r.bcr { bcrs.append(b); if b > 1 { above += 1 } }
        }
        let sorted = npvs.sorted(), sortedB = bcrs.sorted()
        func q(_ x: [Double], _ p: Double) -> Double {
            let h = p * Double(x.count - 1), lo = Int(h.rounded(.down)), hi = min(lo + 1, x.count - 1)
            return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
        }
        var described: [RiskAnalysis.Input] = []
        func add(_ name: String, _ d: Distribution?) {
            guard let d else { return }
            described.append(.init(parameter: name, distribution: d.label, mean: d.mean, source: inputs.sources[name] ?? "assumption"))
        }
        add("capital cost factor", inputs.capitalCost)
        add("demand factor", inputs.demand)
        for (k, v) in (inputs.valueOfTime ?? []).enumerated() { add("value of time factor \(k + 1)", v) }
        add("demand growth", inputs.growth)
        add("opening delay (years)", inputs.openingDelay)
        // Compensated sum in draw order: the same for any run with this seed.
        var mean = 0.0, carry = 0.0
        for x in npvs { let y = x - carry; let t = mean + y; carry = (t - mean) - y; mean = t }
        return RiskAnalysis(
            draws: npvs.count, seed: inputs.seed, referenceClass: referenceClass?.rawValue, inputs: described,
            netPresentValueP10: q(sorted, 0.1), netPresentValueP50: q(sorted, 0.5), netPresentValueP90: q(sorted, 0.9),
            netPresentValueMean: mean / Double(npvs.count), deterministicNetPresentValue: value(deterministic).npv,
            probabilityBenefitCostRatioAboveOne: bcrs.isEmpty ? Double(npvs.filter { $0 > 0 }.count) / Double(npvs.count) : Double(above) / Double(bcrs.count),
            benefitCostRatioP10: sortedB.isEmpty ? nil : q(sortedB, 0.1), benefitCostRatioP50: sortedB.isEmpty ? nil : q(sortedB, 0.5),
            benefitCostRatioP90: sortedB.isEmpty ? nil : q(sortedB, 0.9),
            netPresentValueQuantiles: (0...20).map { q(sorted, Double($0) / 20) })
    }
}
