/// Trips between zones: an origin–destination matrix, dense and row-major (`trips[o * n + d]`),
/// in Float64. Build it dense, or sparse from (origin, destination, trips) entries.
///
/// Invariant: every entry is finite and >= 0 (checked by the throwing initialisers; the
/// subscript setter checks with a precondition).
public struct ODMatrix: Sendable, Hashable {
    public let zoneCount: Int
    public private(set) var trips: [Double]

    /// An empty (all-zero) matrix.
    public init(zoneCount: Int) {
        precondition(zoneCount >= 0)
        self.zoneCount = zoneCount
        trips = Array(repeating: 0, count: zoneCount * zoneCount)
    }

    /// A dense matrix, row-major.
    /// - Throws: `FlowError.invalid` naming the origin and destination (1-based) of a negative,
    ///   NaN or infinite entry, or a size that is not zoneCount².
    public init(zoneCount: Int, trips: [Double]) throws {
        guard zoneCount >= 0, trips.count == zoneCount * zoneCount else {
            throw FlowError.invalid("OD matrix", "\(trips.count) entries for \(zoneCount) zones (expected \(zoneCount * zoneCount))")
        }
        for (i, t) in trips.enumerated() where !(t.isFinite && t >= 0) {
            throw FlowError.invalid("OD matrix", "origin \(i / zoneCount + 1), destination \(i % zoneCount + 1): trips \(t) must be finite and >= 0")
        }
        self.zoneCount = zoneCount
        self.trips = trips
    }

    /// A matrix from sparse entries (0-based zones); entries for the same pair add up.
    public init(zoneCount: Int, entries: [(origin: Int, destination: Int, trips: Double)]) throws {
        self.init(zoneCount: zoneCount)
        for e in entries {
            guard e.origin >= 0, e.origin < zoneCount, e.destination >= 0, e.destination < zoneCount else {
                throw FlowError.invalid("OD matrix", "zone pair (\(e.origin + 1), \(e.destination + 1)) outside the \(zoneCount) zones")
            }
            guard e.trips.isFinite, e.trips >= 0 else {
                throw FlowError.invalid("OD matrix", "origin \(e.origin + 1), destination \(e.destination + 1): trips \(e.trips) must be finite and >= 0")
            }
            trips[e.origin * zoneCount + e.destination] += e.trips
        }
    }

    public subscript(origin: Int, destination: Int) -> Double {
        get { trips[origin * zoneCount + destination] }
        set {
            precondition(newValue.isFinite && newValue >= 0, "trips are finite and >= 0")
            trips[origin * zoneCount + destination] = newValue
        }
    }

    /// All trips.
    public var total: Double { trips.reduce(0, +) }

    /// Trips leaving each zone (productions).
    public var rowSums: [Double] {
        (0..<zoneCount).map { o in trips[o * zoneCount ..< (o + 1) * zoneCount].reduce(0, +) }
    }

    /// Trips arriving at each zone (attractions).
    public var columnSums: [Double] {
        var sums = [Double](repeating: 0, count: zoneCount)
        for o in 0..<zoneCount { for d in 0..<zoneCount { sums[d] += trips[o * zoneCount + d] } }
        return sums
    }

    /// Pairs with trips > 0.
    public var nonZeroCount: Int { trips.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// Every entry times `factor` (>= 0): the doubled Chicago Sketch demand, growth scenarios.
    public func scaled(by factor: Double) -> ODMatrix {
        precondition(factor.isFinite && factor >= 0, "a finite, non-negative factor")
        var m = self
        for i in m.trips.indices { m.trips[i] *= factor }
        return m
    }

    /// The origins with any trips, and for each its destinations with trips > 0.
    func destinationsByOrigin() -> [(origin: Int, destinations: [Int])] {
        (0..<zoneCount).compactMap { o in
            let ds = (0..<zoneCount).filter { trips[o * zoneCount + $0] > 0 }
            return ds.isEmpty ? nil : (o, ds)
        }
    }

    /// How trips spread over a cost (time, distance) matrix of the same zones: a histogram with
    /// bins of `binWidth` from 0, the trip-weighted mean cost, and the trips whose cost is
    /// infinite (no path).
    /// - Parameters:
    ///   - costs: row-major zoneCount² costs, e.g. the shortest-path times of an
    ///     assignment (`AssignmentResult.zoneCosts`).
    ///   - binWidth: the width of each histogram bin, in the unit of `costs`; positive and finite.
    public func tripLengthDistribution(costs: [Double], binWidth: Double) -> TripLengthDistribution {
        precondition(costs.count == trips.count, "one cost per zone pair")
        precondition(binWidth > 0 && binWidth.isFinite, "a positive bin width")
        var bins: [Double] = []
        var weighted = 0.0, routed = 0.0, unreachable = 0.0
        for i in trips.indices where trips[i] > 0 {
            let c = costs[i]
            guard c.isFinite else { unreachable += trips[i]; continue }
            let b = max(0, Int((c / binWidth).rounded(.down)))
            if b >= bins.count { bins.append(contentsOf: repeatElement(0, count: b + 1 - bins.count)) }
            bins[b] += trips[i]
            weighted += trips[i] * c
            routed += trips[i]
        }
        return TripLengthDistribution(binWidth: binWidth, trips: bins, meanCost: routed > 0 ? weighted / routed : .nan,
                                      unreachableTrips: unreachable)
    }
}

/// Trips by cost band (see `ODMatrix.tripLengthDistribution`).
public struct TripLengthDistribution: Sendable, Hashable, Codable {
    /// Bin `k` holds trips with cost in [k · binWidth, (k + 1) · binWidth).
    public var binWidth: Double
    public var trips: [Double]
    /// Trip-weighted mean cost of the trips that have a path.
    public var meanCost: Double
    /// Trips whose cost is infinite.
    public var unreachableTrips: Double
}
