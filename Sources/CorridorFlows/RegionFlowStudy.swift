import CorridorData
import Foundation

/// A region's demand at equilibrium: the segments' trips (scaled), the assignment on the
/// model's compact network, the crossing volumes and the zone-to-zone hours the trips pay.
public struct RegionFlowRun: Sendable {
    /// A segment as a run keeps it: its name and passenger-car equivalent.
    public struct Segment: Sendable, Hashable, Codable {
        public var name: String
        public var passengerCarEquivalent: Double
    }

    public var segments: [Segment]
    /// Per segment, the factor applied to its trip rate.
    public var scales: [Double]
    /// Per segment, all trips between zones (a year).
    public var demand: [ODMatrix]
    /// Per segment, the trips whose route passes a crossing (the assigned ones).
    public var crossBorder: [ODMatrix]
    public var result: AssignmentResult
    public var volumes: [RegionFlowModel.CrossingVolume]
    /// Zone-to-zone hours at equilibrium (zones² row-major): the assignment's path cost for the
    /// pairs it routed, the domestic time for the others.
    public var hours: [Double]
    /// Demand–assignment rounds run (1: demand at free-flow hours only).
    public var feedbackLoops: Int
    /// Per segment, the path sets the equilibrium ended with (path-based assignment only):
    /// what a pair's trips pay along their routes besides time (kilometres, tolls).
    var paths: [[Int: PathAssignment.OriginPaths]]? = nil
}

/// What an option changes in a region's flows.
public struct RegionFlowChange: Sendable, Codable {
    public struct Crossing: Sendable, Codable, Hashable {
        public var crossingId: String
        public var name: String
        /// Per segment: vehicles a year through the crossing, both directions.
        public var before: [Double]
        public var after: [Double]
        public var volumeCapacityBefore: Double
        public var volumeCapacityAfter: Double
        /// The crossing's congested hours through, after the option.
        public var hoursAfter: Double
    }

    public struct Segment: Sendable, Codable, Hashable {
        public var name: String
        public var tripsBefore: Double
        public var tripsAfter: Double
        public var crossBorderTripsBefore: Double
        public var crossBorderTripsAfter: Double
        /// Σ ½ (T₀ + T₁)(c₀ − c₁) over the zone pairs connected before and after: the rule of
        /// half, in vehicle-hours a year. Negative when the option's extra traffic congests
        /// crossings that existing trips use more than it saves them.
        public var hoursSaved: Double
        /// Trips a year between zones the option connects (no route before): their benefit has
        /// no finite before-cost, so the rule of half cannot price it; counted instead.
        public var tripsNewlyConnected: Double
        /// Trips a year between zones the option disconnects.
        public var tripsCutOff: Double
    }

    /// Every crossing with flow before or after, largest change first.
    public var crossings: [Crossing]
    public var segments: [Segment]
    /// Crossings loaded beyond their capacity after the option (v/c > 1), by name.
    public var overCapacity: [String]
    public var relativeGapBefore: Double
    public var relativeGapAfter: Double
}

extension RegionFlowModel {
    /// One global scale per segment: the factor that makes the segment's free-flow entries into
    /// `country` add up to the counted total of its measure (2024) over the modelled crossings
    /// (1 where the region has no count).
    /// - Parameters:
    ///   - segments: the segments to scale.
    ///   - counts: per crossing id and measure ("trucks_2024"), the counted volume.
    ///   - country: the country whose entries the counts record.
    ///   - threads: loading workers.
    /// - Returns: per segment, its scale, the counted total it aims at, and its trips scaled
    ///   (the gravity model is linear in the trip rate, so these are the scaled model's trips).
    public func scales(_ segments: [FlowSegmentSpec], counts: [String: [String: Double]], inbound country: String,
                       threads: Int) throws -> [(scale: Double, target: Double, demand: ODMatrix)] {
        try segments.map { s in
            let od = try demand(s)
            let fit = scaleToCounts(crossBorderTrips(od), counts: counts, measure: s.observedMeasure + "_2024", inbound: country, threads: threads)
            return (fit.scale, fit.target, od.scaled(by: fit.scale))
        }
    }

    /// The segments' trips, scaled, at user equilibrium over the congested crossings, with
    /// `defaults.feedbackLoops` rounds of demand–assignment feedback: after each equilibrium
    /// the trips are distributed again over its congested hours and averaged into the demand
    /// (the method of successive averages on the trips), so demand backs away from crossings
    /// the gravity model alone would load far beyond capacity.
    /// - Parameters:
    ///   - segments: the segments, each a traffic class with its passenger-car equivalent.
    ///   - scales: one factor per segment on its trip rate (from `scales` on the base network,
    ///     so that options are compared on equal trip rates).
    ///   - options: the assignment's algorithm, target gap, iterations and threads.
    ///   - inbound: the country whose entries count as inbound in the volumes.
    ///   - initial: the segments' trips at free-flow hours when already computed (from `scales`
    ///     on this model); nil computes them.
    ///   - progress: called after each iteration of each equilibrium.
    public func equilibrium(_ segments: [FlowSegmentSpec], scales: [Double], options: AssignmentOptions, inbound: String,
                            demand initial: [ODMatrix]? = nil, progress: ((IterationRecord) -> Void)? = nil) throws -> RegionFlowRun {
        guard scales.count == segments.count else { throw FlowError.invalid("flows", "\(scales.count) scales for \(segments.count) segments") }
        let loops = max(1, defaults.feedbackLoops ?? 1)
        // Round 1 distributes over free-flow hours; each later round distributes over the last
        // equilibrium's hours and averages the result into the demand (method of successive
        // averages on the trips, which damps the swing a steep crossing delay would cause).
        if let initial, initial.count != segments.count || initial.contains(where: { $0.zoneCount != zones.count }) {
            throw FlowError.invalid("flows", "the given demand has other segments or zones than the model")
        }
        var demand = try initial ?? zip(segments, scales).map { try self.demand($0, scale: $1) }
        var run: RegionFlowRun? = nil
        var warm: [[Int: PathAssignment.OriginPaths]]? = nil
        for loop in 1...loops {
            let border = demand.map(crossBorderTrips)
            let classes = zip(segments, border).map { TrafficClass(name: $0.name, demand: $1, passengerCarEquivalent: $0.passengerCarEquivalent) }
            let result: AssignmentResult
            if options.algorithm == .gradientProjection {
                // Each round starts from the last round's paths: the demand moves little
                // between rounds, so a few iterations re-balance it.
                let solved = PathAssignment(network: assignmentNetwork, classes: classes, options: options, initialPaths: warm)
                    .solveKeepingPaths(progress: progress)
                result = solved.result
                warm = solved.paths
            } else {
                warm = nil
                result = try TrafficAssignment.run(network: assignmentNetwork, classes: classes, options: options, progress: progress)
            }
            let hours = equilibriumHours(result, crossBorder: border)
            run = RegionFlowRun(segments: segments.map { RegionFlowRun.Segment(name: $0.name, passengerCarEquivalent: $0.passengerCarEquivalent) },
                                scales: scales, demand: demand, crossBorder: border, result: result,
                                volumes: crossingVolumes(result, inbound: inbound), hours: hours, feedbackLoops: loop, paths: warm)
            guard loop < loops else { break }
            let weight = 1 / Double(loop + 1)
            for (k, (s, scale)) in zip(segments, scales).enumerated() {
                let next = try self.demand(s, scale: scale, hours: hours)
                demand[k] = try ODMatrix(zoneCount: demand[k].zoneCount,
                                         trips: zip(demand[k].trips, next.trips).map { $0 + ($1 - $0) * weight })
            }
        }
        return run!
    }

    /// A trip matrix of the user's (one class, passenger-car equivalent 1, no scale, no
    /// feedback) at user equilibrium over the congested crossings.
    /// - Parameters:
    ///   - trips: trips a year between this model's zones.
    ///   - name: the class's name in the run.
    ///   - options: the assignment's algorithm, target gap, iterations and threads.
    ///   - inbound: the country whose entries count as inbound in the volumes.
    ///   - progress: called after each iteration.
    /// - Throws: `FlowError.invalid` for a matrix over another number of zones.
    public func equilibrium(trips: ODMatrix, name: String = "od", options: AssignmentOptions, inbound: String,
                            progress: ((IterationRecord) -> Void)? = nil) throws -> RegionFlowRun {
        guard trips.zoneCount == zones.count else {
            throw FlowError.invalid("OD matrix", "\(trips.zoneCount) zones, the region's model has \(zones.count)")
        }
        let border = crossBorderTrips(trips)
        let classes = [TrafficClass(name: name, demand: border)]
        let result: AssignmentResult
        var paths: [[Int: PathAssignment.OriginPaths]]? = nil
        if options.algorithm == .gradientProjection {
            guard options.maxIterations >= 1, options.targetRelativeGap >= 0 else {
                throw FlowError.invalid("assignment", "at least one iteration and a target gap >= 0")
            }
            let solved = PathAssignment(network: assignmentNetwork, classes: classes, options: options, initialPaths: nil).solveKeepingPaths(progress: progress)
            (result, paths) = (solved.result, solved.paths)
        } else {
            result = try TrafficAssignment.run(network: assignmentNetwork, classes: classes, options: options, progress: progress)
        }
        return RegionFlowRun(segments: [RegionFlowRun.Segment(name: name, passengerCarEquivalent: 1)], scales: [1], demand: [trips],
                             crossBorder: [border], result: result, volumes: crossingVolumes(result, inbound: inbound),
                             hours: equilibriumHours(result, crossBorder: [border]), feedbackLoops: 1, paths: paths)
    }

    /// Zone-to-zone hours after an assignment: its path costs for the pairs it routed, the
    /// domestic time for the others, the intrazonal cost on the diagonal.
    func equilibriumHours(_ result: AssignmentResult, crossBorder: [ODMatrix]) -> [Double] {
        let z = zones.count
        var hours = domesticZoneHours
        for i in 0..<(z * z) where !hours[i].isFinite || i / z == i % z { hours[i] = zoneHours[i] }
        for (c, costs) in result.zoneCosts.enumerated() {
            for i in 0..<(z * z) where crossBorder[c].trips[i] > 0 && costs[i].isFinite { hours[i] = costs[i] }
        }
        return hours
    }

    /// What `option` (an equilibrium on this region with an option applied) changes against
    /// `base` (this model's own equilibrium): crossing volumes, the rule-of-half hours saved per
    /// segment, and the crossings left beyond capacity.
    /// - Throws: `FlowError.invalid` when the two runs have other zones or segments.
    public static func change(base: RegionFlowRun, option: RegionFlowRun) throws -> RegionFlowChange {
        guard base.segments == option.segments, base.hours.count == option.hours.count else {
            throw FlowError.invalid("flows", "the option's run has other segments or zones than the base's")
        }
        var byId: [String: RegionFlowChange.Crossing] = [:]
        let n = base.segments.count
        func total(_ v: CrossingVolume) -> [Double] { (0..<n).map { v.inbound[$0] + v.outbound[$0] } }
        for v in base.volumes {
            byId[v.crossingId] = .init(crossingId: v.crossingId, name: v.name, before: total(v), after: Array(repeating: 0, count: n),
                                       volumeCapacityBefore: v.volumeCapacityRatio, volumeCapacityAfter: 0, hoursAfter: .infinity)
        }
        for v in option.volumes {
            var c = byId[v.crossingId] ?? .init(crossingId: v.crossingId, name: v.name, before: Array(repeating: 0, count: n),
                                                after: [], volumeCapacityBefore: 0, volumeCapacityAfter: 0, hoursAfter: 0)
            c.after = total(v)
            c.volumeCapacityAfter = v.volumeCapacityRatio
            c.hoursAfter = v.congestedHours
            byId[v.crossingId] = c
        }
        func moved(_ c: RegionFlowChange.Crossing) -> Double { zip(c.before, c.after).reduce(0) { $0 + abs($1.1 - $1.0) } }
        let crossings = byId.values.sorted { moved($0) != moved($1) ? moved($0) > moved($1) : $0.crossingId < $1.crossingId }
        let segments = (0..<n).map { k -> RegionFlowChange.Segment in
            let t0 = base.demand[k].trips, t1 = option.demand[k].trips
            var saved = 0.0, newTrips = 0.0, lostTrips = 0.0
            for i in t0.indices where t0[i] > 0 || t1[i] > 0 {
                let c0 = base.hours[i], c1 = option.hours[i]
                switch (c0.isFinite, c1.isFinite) {
                case (true, true): saved += 0.5 * (t0[i] + t1[i]) * (c0 - c1)
                case (false, true): newTrips += t1[i]
                case (true, false): lostTrips += t0[i]
                case (false, false): break
                }
            }
            return .init(name: base.segments[k].name, tripsBefore: base.demand[k].total, tripsAfter: option.demand[k].total,
                         crossBorderTripsBefore: base.crossBorder[k].total, crossBorderTripsAfter: option.crossBorder[k].total,
                         hoursSaved: saved, tripsNewlyConnected: newTrips, tripsCutOff: lostTrips)
        }
        return RegionFlowChange(crossings: crossings, segments: segments,
                                overCapacity: crossings.filter { $0.volumeCapacityAfter > 1 }.map(\.name),
                                relativeGapBefore: base.result.relativeGap, relativeGapAfter: option.result.relativeGap)
    }
}

/// What losing one crossing costs the region's flows, at the equilibrium's link costs
/// (congestion held: each trip moves to its next best route as the crossings are loaded now).
public struct CrossingFlowLoss: Sendable, Codable, Hashable {
    public var crossingId: String
    public var name: String
    /// Per segment: vehicles a year through the crossing at equilibrium, both ways.
    public var volume: [Double]
    /// Per segment: Σ trips × hours added on the next best route, vehicle-hours a year.
    public var hoursAdded: [Double]
    /// Per segment: trips a year left without a route.
    public var tripsCutOff: [Double]
}

extension RegionFlowModel {
    /// Each crossing closed in turn (all its border edges), every cross-border trip re-routed at
    /// the equilibrium's link costs: the flow-weighted loss beside the population-weighted one
    /// of `Criticality`. Holding congestion makes this a first-order measure: it leaves out the
    /// delay the re-routed trips add at the crossings they move to. Largest loss first.
    /// - Parameters:
    ///   - run: an equilibrium of this model.
    ///   - threads: loading workers.
    public func crossingLosses(_ run: RegionFlowRun, threads: Int) throws -> [CrossingFlowLoss] {
        let ids = Array(Set(crossingLinks.map(\.crossingId))).sorted()
        let names = Dictionary(crossingLinks.map { ($0.crossingId, $0.crossingName) }, uniquingKeysWith: { a, _ in a })
        let out = try zip(ids, closureLosses(run, closing: ids.map { [$0] }, threads: threads)).map { id, l in
            CrossingFlowLoss(crossingId: id, name: names[id] ?? id, volume: l.volume, hoursAdded: l.hoursAdded, tripsCutOff: l.tripsCutOff)
        }
        func weight(_ l: CrossingFlowLoss) -> (Double, Double) {
            (zip(l.tripsCutOff, run.segments).reduce(0) { $0 + $1.0 * $1.1.passengerCarEquivalent },
             zip(l.hoursAdded, run.segments).reduce(0) { $0 + $1.0 * $1.1.passengerCarEquivalent })
        }
        return out.sorted { weight($0) != weight($1) ? weight($0) > weight($1) : $0.crossingId < $1.crossingId }
    }

    /// The run's cross-border trips of every segment together, and their shortest-path hours
    /// at the equilibrium's link costs.
    func baselineCosts(_ run: RegionFlowRun, threads: Int) throws -> (demand: ODMatrix, hours: [Double]) {
        let z = zones.count
        var all = [Double](repeating: 0, count: z * z)
        for od in run.crossBorder { for i in all.indices { all[i] += od.trips[i] } }
        let demand = try ODMatrix(zoneCount: z, trips: all)
        return (demand, AllOrNothing.load(network: assignmentNetwork, demand: demand, linkCosts: run.result.linkCosts, threads: threads).zoneCosts)
    }

    /// The loss when each set of crossings closes (its crossings together: a named corridor's,
    /// say), every cross-border trip re-routed at the equilibrium's link costs. The baseline
    /// routes are loaded once for all the sets.
    /// - Parameters:
    ///   - run: an equilibrium of this model.
    ///   - sets: sets of crossing ids; ids this model does not route (rail, closed) change nothing.
    ///   - threads: loading workers.
    /// - Returns: per set and segment, the vehicles through those crossings at equilibrium, the
    ///   vehicle-hours a year added and the trips a year left without a route.
    public func closureLosses(_ run: RegionFlowRun, closing sets: [Set<String>], threads: Int) throws
        -> [(volume: [Double], hoursAdded: [Double], tripsCutOff: [Double])] {
        let baseline = try baselineCosts(run, threads: threads)
        return try sets.map { try closureLoss(run, closing: $0, baseline: baseline, threads: threads) }
    }

    func closureLoss(_ run: RegionFlowRun, closing ids: Set<String>, baseline: (demand: ODMatrix, hours: [Double]), threads: Int) throws
        -> (volume: [Double], hoursAdded: [Double], tripsCutOff: [Double]) {
        let n = run.segments.count
        var costs = run.result.linkCosts
        for (k, l) in crossingLinks.enumerated() where ids.contains(l.crossingId) {
            costs[crossingAssignmentLinks[k].forward] = .infinity
            costs[crossingAssignmentLinks[k].backward] = .infinity
        }
        let after = AllOrNothing.load(network: assignmentNetwork, demand: baseline.demand, linkCosts: costs, threads: threads).zoneCosts
        var hours = [Double](repeating: 0, count: n), cut = [Double](repeating: 0, count: n), volume = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let t = run.crossBorder[k].trips
            for i in t.indices where t[i] > 0 && baseline.hours[i].isFinite {
                if after[i].isFinite { hours[k] += t[i] * max(0, after[i] - baseline.hours[i]) } else { cut[k] += t[i] }
            }
        }
        for v in run.volumes where ids.contains(v.crossingId) {
            for k in 0..<n { volume[k] += v.inbound[k] + v.outbound[k] }
        }
        return (volume, hours, cut)
    }
}
