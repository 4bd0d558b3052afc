import CorridorFlows
import Foundation

/// The user benefit of an option from the demand model's trips, one segment at a time: the
/// rule-of-half consumer surplus on the zone pairs connected before and after, split into
/// time, vehicle operating cost and tolls, and the trips the option newly connects (or cuts
/// off) valued by the gravity model's own logsum.
///
/// For a pair with trips T₀, T₁ and costs c₀, c₁ (hours), k₀, k₁ (kilometres), τ₀, τ₁
/// (tolls):
/// - time: ½ (T₀ + T₁)(c₀ − c₁) × the value of a vehicle-hour of the pair's origin;
/// - operating cost: ½ (T₀ + T₁)(k₀ − k₁) × the cost of a vehicle-kilometre;
/// - tolls: users gain ½ (T₀ + T₁)(τ₀ − τ₁), the operator gains Σ T₁τ₁ − Σ T₀τ₀; the sum of
///   the two is what the appraisal counts (a transfer nets out).
///
/// Pairs connected only after (or only before) have no finite cost on one side, so the rule
/// of half cannot price them. The doubly constrained gravity model T = aᵢ bⱼ exp(−β c) has the
/// composite cost W(c) = (1/β)(Σᵢ Oᵢ ln aᵢ + Σⱼ Dⱼ ln bⱼ) up to a constant (Williams 1977), whose
/// fall is the consumer surplus gained, so
/// the new pairs are worth [W(c₁ on pairs of both) − W(c₁)] − [W(c₀ on pairs of both) − W(c₀)]
/// hours: what the after-only pairs add at the after costs, less what the before-only pairs
/// gave at the before costs.
public enum FlowBenefits {
    /// One segment's trips and costs before and after, and its unit values.
    public struct SegmentInput: Sendable {
        public var name: String
        /// Exponential decay per hour of the segment's deterrence (nil: not exponential, and
        /// the newly connected trips are counted but not valued).
        public var beta: Double?
        public var tripsBefore: ODMatrix
        public var tripsAfter: ODMatrix
        /// Zone-pair hours (zones² row-major); infinity: no route.
        public var hoursBefore: [Double]
        public var hoursAfter: [Double]
        /// Zone-pair kilometres (nil: no operating cost).
        public var kilometersBefore: [Double]?
        public var kilometersAfter: [Double]?
        /// Zone-pair tolls in the appraisal currency (nil: none).
        public var tollsBefore: [Double]?
        public var tollsAfter: [Double]?
        /// Value of a vehicle-hour by origin zone, appraisal currency.
        public var valueOfTime: [Double]
        /// Cost of a vehicle-kilometre, appraisal currency.
        public var operatingCostPerKilometer: Double

        public init(name: String, beta: Double?, tripsBefore: ODMatrix, tripsAfter: ODMatrix, hoursBefore: [Double], hoursAfter: [Double],
                    kilometersBefore: [Double]? = nil, kilometersAfter: [Double]? = nil, tollsBefore: [Double]? = nil, tollsAfter: [Double]? = nil,
                    valueOfTime: [Double], operatingCostPerKilometer: Double) {
            self.name = name
            self.beta = beta
            self.tripsBefore = tripsBefore
            self.tripsAfter = tripsAfter
            self.hoursBefore = hoursBefore
            self.hoursAfter = hoursAfter
            self.kilometersBefore = kilometersBefore
            self.kilometersAfter = kilometersAfter
            self.tollsBefore = tollsBefore
            self.tollsAfter = tollsAfter
            self.valueOfTime = valueOfTime
            self.operatingCostPerKilometer = operatingCostPerKilometer
        }
    }

    /// One segment's first-year benefit and the traffic behind it.
    public struct Segment: Sendable, Codable, Hashable {
        public var name: String
        public var tripsBefore: Double
        public var tripsAfter: Double
        /// Trips a year whose route passes a crossing, before and after (set by the caller
        /// that knows the routes; 0 otherwise).
        public var crossBorderTripsBefore: Double
        public var crossBorderTripsAfter: Double
        /// Σ T c over the pairs with a route (vehicle-hours a year), before and after.
        public var vehicleHoursBefore: Double
        public var vehicleHoursAfter: Double
        /// Σ T k over the pairs with a route (vehicle-kilometres a year); nil without lengths.
        public var vehicleKilometersBefore: Double?
        public var vehicleKilometersAfter: Double?
        /// ½ Σ (T₀ + T₁)(c₀ − c₁) over pairs connected before and after: `scenario --flows`'s
        /// hours saved.
        public var hoursSaved: Double
        /// ½ Σ (T₀ + T₁)(k₀ − k₁).
        public var kilometersSaved: Double
        /// The value of a vehicle-hour, weighted by the pairs' ½ (T₀ + T₁).
        public var valueOfTimePerVehicleHour: Double
        public var operatingCostPerKilometer: Double
        public var timeBenefit: Double
        public var operatingCostBenefit: Double
        /// Users' gain from tolls (negative: they pay more).
        public var tollUserBenefit: Double
        /// The operators' change in toll revenue.
        public var tollRevenueChange: Double
        public var tripsNewlyConnected: Double
        public var tripsCutOff: Double
        /// The logsum value of the connections made and lost, in vehicle-hours.
        public var newConnectionHours: Double
        /// Those hours at the value of time of the new pairs' origins.
        public var newConnectionBenefit: Double
        /// time + operating cost + tolls (users and operators) + new connections.
        public var total: Double
    }

    /// A segment's benefit and where it falls.
    public struct Result: Sendable {
        public var segment: Segment
        /// Per zone, the benefit of the pairs starting there (a pair's whole benefit).
        public var byOrigin: [Double]
        /// Per zone, the benefit of the pairs ending there.
        public var byDestination: [Double]
        /// Per zone, the hours behind `byOrigin` (time saved plus the new connections' hours).
        public var hoursByOrigin: [Double]
    }

    /// - Parameter s: the segment's trips, costs and unit values over the same zones.
    /// - Throws: `FlowError.invalid` when the inputs have other sizes than the zones².
    public static func compute(_ s: SegmentInput) throws -> Result {
        let n = s.tripsBefore.zoneCount, nn = n * n
        guard s.tripsAfter.zoneCount == n, s.hoursBefore.count == nn, s.hoursAfter.count == nn, s.valueOfTime.count == n,
              [s.kilometersBefore, s.kilometersAfter, s.tollsBefore, s.tollsAfter].allSatisfy({ $0 == nil || $0!.count == nn }),
              (s.kilometersBefore == nil) == (s.kilometersAfter == nil) else {
            throw FlowError.invalid("benefit \(s.name)", "trips, costs and values over other zones")
        }
        let t0 = s.tripsBefore.trips, t1 = s.tripsAfter.trips
        var seg = Segment(name: s.name, tripsBefore: s.tripsBefore.total, tripsAfter: s.tripsAfter.total, crossBorderTripsBefore: 0, crossBorderTripsAfter: 0, vehicleHoursBefore: 0, vehicleHoursAfter: 0,
                          vehicleKilometersBefore: s.kilometersBefore == nil ? nil : 0, vehicleKilometersAfter: s.kilometersAfter == nil ? nil : 0,
                          hoursSaved: 0, kilometersSaved: 0, valueOfTimePerVehicleHour: 0, operatingCostPerKilometer: s.operatingCostPerKilometer,
                          timeBenefit: 0, operatingCostBenefit: 0, tollUserBenefit: 0, tollRevenueChange: 0, tripsNewlyConnected: 0, tripsCutOff: 0,
                          newConnectionHours: 0, newConnectionBenefit: 0, total: 0)
        var byOrigin = [Double](repeating: 0, count: n), byDestination = byOrigin, hoursByOrigin = byOrigin
        var weight = 0.0, weightedValue = 0.0
        var newTrips = [Double](repeating: 0, count: nn)  // trips on pairs connected on one side only
        var newValue = 0.0, newWeight = 0.0
        for i in 0..<nn where t0[i] > 0 || t1[i] > 0 {
            let o = i / n, d = i % n
            let c0 = s.hoursBefore[i], c1 = s.hoursAfter[i]
            if c0.isFinite { seg.vehicleHoursBefore += t0[i] * c0 }
            if c1.isFinite { seg.vehicleHoursAfter += t1[i] * c1 }
            if let k0 = s.kilometersBefore?[i], k0.isFinite { seg.vehicleKilometersBefore! += t0[i] * k0 }
            if let k1 = s.kilometersAfter?[i], k1.isFinite { seg.vehicleKilometersAfter! += t1[i] * k1 }
            if c0.isFinite, let tau = s.tollsBefore?[i], tau.isFinite { seg.tollRevenueChange -= t0[i] * tau }
            if c1.isFinite, let tau = s.tollsAfter?[i], tau.isFinite { seg.tollRevenueChange += t1[i] * tau }
            switch (c0.isFinite, c1.isFinite) {
            case (true, true):
                let half = 0.5 * (t0[i] + t1[i])
                let hours = half * (c0 - c1)
                var money = hours * s.valueOfTime[o]
                seg.hoursSaved += hours
                seg.timeBenefit += money
                weight += half
                weightedValue += half * s.valueOfTime[o]
                if let k0 = s.kilometersBefore?[i], let k1 = s.kilometersAfter?[i], k0.isFinite, k1.isFinite {
                    seg.kilometersSaved += half * (k0 - k1)
                    seg.operatingCostBenefit += half * (k0 - k1) * s.operatingCostPerKilometer
                    money += half * (k0 - k1) * s.operatingCostPerKilometer
                }
                let tau0 = s.tollsBefore?[i] ?? 0, tau1 = s.tollsAfter?[i] ?? 0
                seg.tollUserBenefit += half * (tau0 - tau1)
                // The toll transfer nets out against the operator's revenue below, pair by pair.
                money += half * (tau0 - tau1) + (t1[i] * tau1 - t0[i] * tau0)
                byOrigin[o] += money
                byDestination[d] += money
                hoursByOrigin[o] += hours
            case (false, true):
                seg.tripsNewlyConnected += t1[i]
                newTrips[i] = t1[i]
                newValue += t1[i] * s.valueOfTime[o]
                newWeight += t1[i]
                let revenue = t1[i] * (s.tollsAfter?[i] ?? 0)
                byOrigin[o] += revenue
                byDestination[d] += revenue
            case (true, false):
                seg.tripsCutOff += t0[i]
                newTrips[i] = t0[i]
                newValue += t0[i] * s.valueOfTime[o]
                newWeight += t0[i]
                let revenue = -t0[i] * (s.tollsBefore?[i] ?? 0)
                byOrigin[o] += revenue
                byDestination[d] += revenue
            case (false, false):
                break
            }
        }
        seg.valueOfTimePerVehicleHour = weight > 0 ? weightedValue / weight : (newWeight > 0 ? newValue / newWeight : 0)
        if let beta = s.beta, beta > 0, seg.tripsNewlyConnected > 0 || seg.tripsCutOff > 0 {
            // What the connections made and lost are worth: the logsum with and without them.
            let both0 = zip(s.hoursBefore, s.hoursAfter).map { $1.isFinite ? $0 : .infinity }
            let both1 = zip(s.hoursBefore, s.hoursAfter).map { $0.isFinite ? $1 : .infinity }
            let gained = seg.tripsNewlyConnected > 0
                ? try compositeCost(s.tripsAfter, costs: both1, beta: beta) - compositeCost(s.tripsAfter, costs: s.hoursAfter, beta: beta) : 0
            let lost = seg.tripsCutOff > 0
                ? try compositeCost(s.tripsBefore, costs: both0, beta: beta) - compositeCost(s.tripsBefore, costs: s.hoursBefore, beta: beta) : 0
            seg.newConnectionHours = gained - lost
            let value = newWeight > 0 ? newValue / newWeight : 0
            seg.newConnectionBenefit = seg.newConnectionHours * value
            // The gain spread over the new pairs by their trips, the loss over the lost pairs.
            let newTotal = (0..<nn).reduce(0.0) { $0 + (s.hoursAfter[$1].isFinite ? newTrips[$1] : 0) }
            let lostTotal = (0..<nn).reduce(0.0) { $0 + (s.hoursAfter[$1].isFinite ? 0 : newTrips[$1]) }
            for i in 0..<nn where newTrips[i] > 0 {
                let isNew = s.hoursAfter[i].isFinite
                let hours = isNew ? gained * newTrips[i] / newTotal : -lost * newTrips[i] / lostTotal
                byOrigin[i / n] += hours * value
                byDestination[i % n] += hours * value
                hoursByOrigin[i / n] += hours
            }
        }
        seg.total = seg.timeBenefit + seg.operatingCostBenefit + seg.tollUserBenefit + seg.tollRevenueChange + seg.newConnectionBenefit
        return Result(segment: seg, byOrigin: byOrigin, byDestination: byDestination, hoursByOrigin: hoursByOrigin)
    }

    /// W(c) = (1/β)(Σᵢ Oᵢ ln aᵢ + Σⱼ Dⱼ ln bⱼ) for the doubly constrained gravity model with
    /// the row and column sums of `trips` as its productions and attractions, deterrence
    /// exp(−β c), balanced to a relative error of 1e-11: the trips' composite cost at costs
    /// c, in hours, up to a constant that is the same for any costs. The consumer surplus
    /// gained from c₀ to c₁ is W(c₀) − W(c₁).
    /// - Throws: `FlowError.invalid` when the balancing does not converge in 10,000 rounds.
    public static func compositeCost(_ trips: ODMatrix, costs: [Double], beta: Double) throws -> Double {
        let n = trips.zoneCount
        var rows = [Double](repeating: 0, count: n), cols = rows
        for i in 0..<n { for j in 0..<n { rows[i] += trips[i, j]; cols[j] += trips[i, j] } }
        // The regions' models have equal productions and attractions per zone, up to their own
        // balancing tolerance: where they agree that closely, both targets are their mean, so
        // every connected part of the network balances exactly.
        for i in 0..<n where abs(rows[i] - cols[i]) <= 1e-6 * max(rows[i], cols[i]) { let m = (rows[i] + cols[i]) / 2; rows[i] = m; cols[i] = m }
        // f scaled per row by its largest entry keeps exp() in range; the scale enters a.
        var f = [Double](repeating: 0, count: n * n), shift = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let least = (0..<n).reduce(Double.infinity) { min($0, costs[i * n + $1]) }
            shift[i] = least.isFinite ? least : 0
            for j in 0..<n where costs[i * n + j].isFinite { f[i * n + j] = exp(-beta * (costs[i * n + j] - shift[i])) }
        }
        // A zone that sends (or receives) nothing keeps a factor of 0.
        var a = rows.map { $0 > 0 ? 1.0 : 0 }, b = cols.map { $0 > 0 ? 1.0 : 0 }
        var converged = false
        var colSum = [Double](repeating: 0, count: n)
        for _ in 0..<10_000 {
            for i in 0..<n where rows[i] > 0 {
                var s = 0.0
                for j in 0..<n { s += f[i * n + j] * b[j] }
                a[i] = s > 0 ? rows[i] / s : 0
            }
            for j in 0..<n { colSum[j] = 0 }
            for i in 0..<n where a[i] > 0 { for j in 0..<n { colSum[j] += a[i] * f[i * n + j] * b[j] } }
            var worst = 0.0
            for j in 0..<n where cols[j] > 0 { worst = max(worst, abs(colSum[j] - cols[j]) / cols[j]) }
            if worst < 1e-11 { converged = true; break }
            for j in 0..<n where cols[j] > 0 && colSum[j] > 0 { b[j] *= cols[j] / colSum[j] }
        }
        // T = a f' b with f' = exp(−β(c − shiftᵢ)): the true row factor is aᵢ exp(−β shiftᵢ).
        var w = 0.0
        for i in 0..<n where rows[i] > 0 && a[i] > 0 { w += rows[i] * (log(a[i]) + beta * shift[i]) }
        for j in 0..<n where cols[j] > 0 && b[j] > 0 { w += cols[j] * log(b[j]) }
        return w / beta
    }
}
