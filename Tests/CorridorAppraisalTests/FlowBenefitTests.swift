import CorridorAppraisal
import CorridorFlows
import Foundation
import Testing

/// The benefit from traffic, term by term, on two zones worked by hand; the logsum of new
/// connections against the surplus integrated from the gravity model's closed form; the Monte
/// Carlo draws.
@Suite struct FlowBenefitTests {
    static func matrix(_ rows: [[Double]]) throws -> ODMatrix {
        try ODMatrix(zoneCount: rows.count, trips: rows.flatMap { $0 })
    }

    /// Two zones connected before and after; the option cuts the time and the distance and
    /// adds a toll of 5 each way.
    /// - Time: pair 0→1 ½(100 + 120)(2 − 1.5) = 55 h at 20 = 1,100; pair 1→0 ½(50 + 60)(0.5) =
    ///   27.5 h at 10 = 275; 82.5 h, 1,375 in all.
    /// - Operating cost: ½(220)(150 − 120) = 3,300 km and ½(110)(30) = 1,650 km, 4,950 km at
    ///   0.2 = 990.
    /// - Tolls: users ½(220)(0 − 5) + ½(110)(0 − 5) = −825; the operator 120·5 + 60·5 = 900; net 75.
    /// - Total 1,375 + 990 + 75 = 2,440; by origin 1,100 + 660 + 50 = 1,810 and 275 + 330 + 25 = 630.
    @Test func everyTermOfTheRuleOfHalfByHand() throws {
        let input = FlowBenefits.SegmentInput(
            name: "cars", beta: 1, tripsBefore: try Self.matrix([[0, 100], [50, 0]]), tripsAfter: try Self.matrix([[0, 120], [60, 0]]),
            hoursBefore: [0.5, 2, 2, 0.5], hoursAfter: [0.5, 1.5, 1.5, 0.5], kilometersBefore: [0, 150, 150, 0], kilometersAfter: [0, 120, 120, 0],
            tollsBefore: [0, 0, 0, 0], tollsAfter: [0, 5, 5, 0], valueOfTime: [20, 10], operatingCostPerKilometer: 0.2)
        let r = try FlowBenefits.compute(input)
        let s = r.segment
        #expect(abs(s.hoursSaved - 82.5) < 1e-12)
        #expect(abs(s.timeBenefit - 1375) < 1e-9)
        #expect(abs(s.kilometersSaved - 4950) < 1e-9)
        #expect(abs(s.operatingCostBenefit - 990) < 1e-9)
        #expect(abs(s.tollUserBenefit - -825) < 1e-9)
        #expect(abs(s.tollRevenueChange - 900) < 1e-9)
        #expect(abs(s.total - 2440) < 1e-9)
        #expect(abs(r.byOrigin[0] - 1810) < 1e-9 && abs(r.byOrigin[1] - 630) < 1e-9)
        #expect(abs(r.byDestination[1] - 1810) < 1e-9 && abs(r.byDestination[0] - 630) < 1e-9)
        // The traffic behind the sums: vehicle-hours 100·2 + 50·2 and 120·1.5 + 60·1.5.
        #expect(abs(s.vehicleHoursBefore - 300) < 1e-12 && abs(s.vehicleHoursAfter - 270) < 1e-12)
        #expect(abs(s.vehicleKilometersBefore! - 22_500) < 1e-9 && abs(s.vehicleKilometersAfter! - 21_600) < 1e-9)
        // The value of a vehicle-hour, weighted by ½(T₀ + T₁): (110·20 + 55·10) / 165.
        #expect(abs(s.valueOfTimePerVehicleHour - 2750.0 / 165) < 1e-12)
        #expect(s.tripsNewlyConnected == 0 && s.newConnectionBenefit == 0)
    }

    /// Two zones of P₁ = 100 and P₂ = 60 trips, joined only after the option at 3 h (1 h
    /// within a zone), β = 0.5. The doubly constrained model gives T₁₂ = T₂₁ = x with
    /// (P₁ − x)(P₂ − x) / x² = K = exp(2β(c − c₀)); the surplus of bringing the pair's cost
    /// down from infinity to c is ∫_c^∞ 2x(u) du, integrated here by Simpson's rule; the
    /// logsum measure must equal it.
    @Test func newConnectionValuedByTheLogsum() throws {
        let p1 = 100.0, p2 = 60.0, beta = 0.5, c0 = 1.0, c = 3.0
        func x(_ u: Double) -> Double {
            let k = exp(2 * beta * (u - c0))
            guard abs(k - 1) > 1e-12 else { return p1 * p2 / (p1 + p2) }
            return (-(p1 + p2) + ((p1 + p2) * (p1 + p2) + 4 * (k - 1) * p1 * p2).squareRoot()) / (2 * (k - 1))
        }
        let steps = 200_000, upper = c + 80 / beta, h = (upper - c) / Double(steps)
        var integral = 2 * x(c) + 2 * x(upper)
        for i in 1..<steps { integral += (i % 2 == 1 ? 4 : 2) * 2 * x(c + Double(i) * h) }
        integral *= h / 3
        let xc = x(c)
        let input = FlowBenefits.SegmentInput(
            name: "cars", beta: beta, tripsBefore: try Self.matrix([[p1, 0], [0, p2]]), tripsAfter: try Self.matrix([[p1 - xc, xc], [xc, p2 - xc]]),
            hoursBefore: [c0, .infinity, .infinity, c0], hoursAfter: [c0, c, c, c0], valueOfTime: [12, 12], operatingCostPerKilometer: 0)
        let s = try FlowBenefits.compute(input).segment
        #expect(abs(s.tripsNewlyConnected - 2 * xc) < 1e-9)
        #expect(abs(s.newConnectionHours - integral) < 1e-6 * integral, "logsum \(s.newConnectionHours) vs integral \(integral)")
        #expect(abs(s.newConnectionBenefit - 12 * s.newConnectionHours) < 1e-9 * integral)
        #expect(s.hoursSaved == 0, "the intrazonal costs do not change")
        // Cut the pair again: the loss is the same amount.
        let back = FlowBenefits.SegmentInput(
            name: "cars", beta: beta, tripsBefore: input.tripsAfter, tripsAfter: input.tripsBefore, hoursBefore: input.hoursAfter,
            hoursAfter: input.hoursBefore, valueOfTime: [12, 12], operatingCostPerKilometer: 0)
        let lost = try FlowBenefits.compute(back).segment
        #expect(abs(lost.newConnectionHours + s.newConnectionHours) < 1e-6 * integral)
        #expect(abs(lost.tripsCutOff - 2 * xc) < 1e-9)
    }

    /// One pair with fixed trips: the composite cost falls by exactly T Δc.
    @Test func compositeCostOfFixedTrips() throws {
        let t = try Self.matrix([[0, 40], [0, 0]])
        let w0 = try FlowBenefits.compositeCost(t, costs: [1, 5, 1, 1], beta: 0.3)
        let w1 = try FlowBenefits.compositeCost(t, costs: [1, 3.5, 1, 1], beta: 0.3)
        #expect(abs((w0 - w1) - 40 * 1.5) < 1e-9)
    }

    @Test func monteCarloIsReproducibleBySeed() {
        let inputs = RiskInputs(draws: 2000, seed: 7, capitalCost: .lognormal(mean: 1.3, standardDeviation: 0.4), demand: .lognormal(mean: 1.1, standardDeviation: 0.4),
                                valueOfTime: [.triangular(low: 0.7, mode: 1, high: 1.2)], growth: .normal(mean: 0.02, standardDeviation: 0.01),
                                openingDelay: .discrete(probabilities: [0.5, 0.3, 0.2]))
        let central = RiskDraw(capitalCost: 1, demand: 1, valueOfTime: [1], growth: 0.02, openingDelayYears: 0)
        func value(_ d: RiskDraw) -> (npv: Double, bcr: Double?) {
            let cash = CashFlows(capital: 100 * d.capitalCost, operatingPerYear: 1, firstYearBenefit: 12 * d.demand * d.valueOfTime[0], growth: d.growth,
                                 constructionYears: 2, lifetimeYears: nil, horizonYears: 30, openingDelayYears: d.openingDelayYears)
            return (cash.netPresentValue(rate: 0.06), cash.benefitCostRatio(rate: 0.06))
        }
        let a = MonteCarlo.run(inputs, deterministic: central, referenceClass: .road, value: value)
        let b = MonteCarlo.run(inputs, deterministic: central, referenceClass: .road, value: value)
        #expect(a == b)
        var other = inputs
        other.seed = 8
        let c = MonteCarlo.run(other, deterministic: central, referenceClass: .road, value: value)
        #expect(c.netPresentValueP50 != a.netPresentValueP50)
        #expect(a.netPresentValueP10 <= a.netPresentValueP50 && a.netPresentValueP50 <= a.netPresentValueP90)
        #expect(a.probabilityBenefitCostRatioAboveOne >= 0 && a.probabilityBenefitCostRatioAboveOne <= 1)
        #expect(a.deterministicNetPresentValue == value(central).npv)
    }

    /// NPV linear in the demand factor, demand drawn with mean 1: the mean NPV converges to
    /// the deterministic one, within four standard errors.
    @Test func monteCarloMeanConvergesOnALinearCase() {
        let central = RiskDraw(capitalCost: 1, demand: 1, valueOfTime: [], growth: 0.02, openingDelayYears: 0)
        let capital = 500.0
        func value(_ d: RiskDraw) -> (npv: Double, bcr: Double?) {
            let cash = CashFlows(capital: capital, operatingPerYear: 0, firstYearBenefit: 50 * d.demand, growth: 0.02, constructionYears: 3,
                                 lifetimeYears: nil, horizonYears: 40)
            return (cash.netPresentValue(rate: 0.05), cash.benefitCostRatio(rate: 0.05))
        }
        let deterministic = value(central).npv
        let perUnit = value(RiskDraw(capitalCost: 1, demand: 2, valueOfTime: [], growth: 0.02, openingDelayYears: 0)).npv - deterministic
        for (dist, sd) in [(Distribution.normal(mean: 1, standardDeviation: 0.3), 0.3), (.triangular(low: 0.5, mode: 1, high: 1.5), (0.25 / 6).squareRoot()),
                           (.lognormal(mean: 1, standardDeviation: 0.4), 0.4)] {
            let n = 40_000
            let r = MonteCarlo.run(RiskInputs(draws: n, seed: 3, demand: dist), deterministic: central, referenceClass: nil, value: value)
            let standardError = abs(perUnit) * sd / Double(n).squareRoot()
            #expect(abs(r.netPresentValueMean - deterministic) < 4 * standardError, "\(dist): \(r.netPresentValueMean) vs \(deterministic)")
        }
    }

    /// Ramp-up and a late opening on the cash flows, by hand: capital 90 over 3 years, a
    /// benefit of 10 growing 10 % a year from year 3, at 50 % then 80 % in the first years.
    @Test func rampUpAndOpeningDelayByHand() {
        let c = CashFlows(capital: 90, operatingPerYear: 1, firstYearBenefit: 10, growth: 0.1, constructionYears: 3, lifetimeYears: nil,
                          horizonYears: 8, rampUp: [0.5, 0.8], openingDelayYears: 1)
        #expect(c.costs == [30, 30, 30, 0, 1, 1, 1, 1])
        let b = c.benefits
        #expect(b[0...3] == [0, 0, 0, 0])
        #expect(abs(b[4] - 10 * 1.1 * 0.5) < 1e-12 && abs(b[5] - 10 * 1.21 * 0.8) < 1e-12 && abs(b[6] - 10 * 1.331) < 1e-12)
    }
}
