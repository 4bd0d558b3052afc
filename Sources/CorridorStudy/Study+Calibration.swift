import CorridorData
import CorridorFlows
import CorridorNetwork
import Foundation

/// A segment's demand estimated from the counts (`corridor calibrate`): the demand model's
/// matrix with the parameters validation fits on every port, then moved by matrix estimation
/// (`MatrixEstimation` in CorridorFlows) until it meets the counts as far as the limit allows. The check that
/// comes with it keeps the in-sample fit apart from the held-out one.
public struct CalibratedDemand: Sendable {
    /// One segment's calibration.
    public struct Segment: Sendable {
        /// The segment's name and counted measure ("personal_vehicles_2024").
        public var name: String
        public var measure: String
        /// The validation of the segment (fitted parameters, held-out statistics, and the
        /// estimation's in-sample and held-out statistics).
        public var validation: RegionValidation.Segment
        /// The model the trips are over (its zones), at the fitted delay factor.
        public var model: RegionFlowModel
        /// The demand model's cross-border trips with the fitted decay and border factors: the prior.
        public var prior: ODMatrix
        /// The estimated trips.
        public var trips: ODMatrix
        /// Entries into the counted country by crossing id, from `trips`.
        public var inbound: [String: Double]
        /// Iterations run and pairs moved.
        public var iterations: Int
        public var movedPairs: Int
    }

    public var segments: [Segment]
    public var estimation: MatrixEstimation
    /// The country whose entries the counts record.
    public var inbound: String

    /// The estimated trips as CSV, one row per segment and pair with trips: place ids and names,
    /// the estimated trips a year and the prior's. `corridor assign --region R --od FILE` reads
    /// it (origin and destination by place id) when it holds one segment.
    public var csv: String {
        func field(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        var rows = ["segment,origin,origin_name,destination,destination_name,trips,prior_trips"]
        for s in segments {
            let n = s.model.zones.count
            for i in 0..<n {
                for j in 0..<n where s.trips[i, j] > 0 || s.prior[i, j] > 0 {
                    let a = s.model.zones[i], b = s.model.zones[j]
                    rows.append([field(s.name), field(a.placeId), field(a.name), field(b.placeId), field(b.name),
                                 String(format: "%.6g", s.trips[i, j]), String(format: "%.6g", s.prior[i, j])].joined(separator: ","))
                }
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// What the JSON carries: per segment its parameters, trips and the check.
    public struct Summary: Sendable, Codable {
        public struct Segment: Sendable, Codable {
            public var name: String
            public var measure: String
            public var decayPerHour: Double
            public var delayScale: Double
            public var dispersion: Double
            public var borderScales: [String: Double]
            public var priorTrips: Double
            public var trips: Double
            public var iterations: Int
            public var movedPairs: Int
            /// By border: the estimation against the counts it used.
            public var inSample: [String: ValidationStatistics]
            /// By border: each fold predicted from an estimation on the other folds.
            public var heldOut: [String: ValidationStatistics]
            /// By border: the demand model alone, held out.
            public var modelHeldOut: [String: ValidationStatistics]
            /// Per counted crossing: the count and the estimated entries.
            public var ports: [Port]
        }

        /// A counted port after estimation.
        public struct Port: Sendable, Codable {
            public var code: String
            public var name: String
            public var border: String
            public var observed: Double
            public var estimated: Double?
            /// The hourly GEH (annual / 8,760) of the estimate against the count.
            public var gehHourly: Double?
        }

        public var estimation: MatrixEstimation
        public var inbound: String
        public var segments: [Segment]
    }

    /// The summary for `--json`.
    public var summary: Summary {
        Summary(estimation: estimation, inbound: inbound, segments: segments.map { s in
            let v = s.validation
            return .init(name: s.name, measure: s.measure, decayPerHour: v.fittedDecayPerHour, delayScale: v.fittedDelayScale,
                         dispersion: v.fittedDispersion, borderScales: v.fittedBorderScales, priorTrips: s.prior.total, trips: s.trips.total,
                         iterations: s.iterations, movedPairs: s.movedPairs, inSample: v.estimation?.inSample ?? [:], heldOut: v.estimation?.heldOut ?? [:],
                         modelHeldOut: v.statistics,
                         ports: v.ports.map { p in
                             let e = p.reason == nil || p.heldOutPrediction != nil ? s.inbound[p.crossingId] ?? 0 : nil
                             return .init(code: p.code, name: p.name, border: p.border, observed: p.observed, estimated: e,
                                          gehHourly: e.map { ValidationStatistics.geh(modelled: $0 / 8760, counted: p.observed / 8760) })
                         })
        })
    }
}

extension Study {
    /// The region's road demand estimated from the counts (`corridor calibrate`): each segment's
    /// parameters fitted on every port by validation, then matrix estimation on every counted
    /// port; the validation's folds give the held-out check.
    /// - Parameters:
    ///   - names: road segment names (empty: every road segment).
    ///   - folds: folds for the held-out check.
    ///   - estimation: the estimation's limit and iterations.
    ///   - inbound: the country whose entries the counts record (default: the region's first).
    ///   - threads: workers.
    ///   - progress: progress lines.
    /// - Throws: `DataError` for a study without a region, a demand model or counts, or a rail
    ///   segment named; flow errors.
    public func calibration(segments names: [String] = [], folds: Int = 5, estimation: MatrixEstimation = .standard, inbound: String? = nil,
                            threads: Int, progress: (String) -> Void = { _ in }) throws -> CalibratedDemand {
        let region = try requireRegion(for: "calibrate")
        let defaults = try FlowDefaults.of(region)
        let chosen = try defaults.chosenSegments(names)
        if let rail = chosen.first(where: { $0.crossingMode != .road }) {
            throw DataError.invalid("--segment \(rail.name)", "calibrate estimates road demand; rail segments are checked by corridor validate")
        }
        let facts = try self.facts()
        guard !facts.counts.isEmpty else { throw DataError.invalid("\(region.name)", "no counted crossings to calibrate to") }
        let inbound = inbound ?? region.manifest.countries.first ?? "USA"
        let model = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: facts.gdpPerCapita, threads: threads, mode: .road)
        let checks = try RegionValidation.run(model: model, ports: facts.ports, counts: facts.counts, folds: folds, inbound: inbound,
                                              estimation: estimation, segments: Set(chosen.map(\.name)), threads: threads, progress: progress)
        var out: [CalibratedDemand.Segment] = []
        for (spec, check) in zip(chosen, chosen.map { s in checks.first { $0.name == s.name }! }) {
            progress("\(spec.name): matrix estimation on every counted port")
            let fitted = try model.withDelayScale(check.fittedDelayScale, threads: threads)
            var withDecay = spec
            withDecay.beta = check.fittedDecayPerHour
            let prior = fitted.crossBorderTrips(try fitted.demand(withDecay))
            let counted = check.ports.filter { $0.heldOutPrediction != nil }
            let result = try fitted.estimateMatrix(prior: prior, borderScales: check.fittedBorderScales,
                                                   counts: Dictionary(counted.map { ($0.crossingId, $0.observed) }, uniquingKeysWith: { a, _ in a }),
                                                   dispersion: check.fittedDispersion, inbound: inbound, estimation: estimation, threads: threads)
            out.append(.init(name: spec.name, measure: check.measure, validation: check, model: fitted, prior: result.prior,
                             trips: result.trips, inbound: result.inbound, iterations: result.iterations, movedPairs: result.movedPairs))
        }
        return CalibratedDemand(segments: out, estimation: estimation, inbound: inbound)
    }
}
