import CorridorData
import Foundation

/// A region's demand model against counted volumes at its ports, with held-out predictions:
/// only global parameters are fitted (the decay per hour from a grid around the segment's
/// value, a factor on every border delay, the crossing-choice dispersion, and one factor per
/// segment and border); ports are cut into folds, and each fold is predicted from parameters
/// fitted on the others. Loadings are at free flow, with crossing choice by logit
/// (``RegionFlowModel/logitInbound(_:dispersion:inbound:threads:)``). Matrix estimation from
/// the counts (``MatrixEstimation``) is checked as its own step, in sample apart from held out.
public enum RegionValidation {
    /// The crossing-choice dispersions validation tries by default (on the relative detour;
    /// infinite: all-or-nothing). On north-america (2026-12-07, log fit with a factor per
    /// border) the fit chose 2 for personal vehicles and 4 for trucks.
    public static let defaultDispersions: [Double] = [.infinity, 16, 8, 4, 2, 1]

    /// The decays tried, as factors on the segment's own.
    public static let decayFactors: [Double] = [0.25, 0.5, 1, 2, 4]

    /// A counted port: its crossing id, BTS code, name and border (read by `Region.facts()`).
    public typealias PortInfo = PortOfEntry

    public struct Port: Sendable, Hashable, Codable {
        public var code: String
        public var crossingId: String
        public var name: String
        public var border: String
        public var observed: Double
        /// The held-out prediction (parameters fitted without this port's fold); nil with a reason.
        public var heldOutPrediction: Double?
        public var decayPerHour: Double?
        /// The factor on the border delays fitted without this port's fold.
        public var delayScale: Double?
        /// Why there is no prediction, or why it is 0 whatever the parameters (a stranded
        /// border edge); nil otherwise.
        public var reason: String?
        /// The crossing-choice dispersion fitted without this port's fold (infinite: all-or-nothing).
        public var dispersion: Double?
        /// After matrix estimation from the counts of the other folds' ports (``MatrixEstimation``):
        /// the held-out prediction; nil when validation ran without it or the port has no edge.
        public var estimatedHeldOut: Double?
        /// After matrix estimation from every port's count, this port's included: the in-sample fit.
        public var estimatedInSample: Double?

        /// - Parameters:
        ///   - code: the BTS port code.
        ///   - crossingId: the crossing the port's count is compared at.
        ///   - name: the port's name.
        ///   - border: its border ("CAN-USA").
        ///   - observed: the count.
        ///   - heldOutPrediction: the held-out prediction (nil without a border edge).
        ///   - decayPerHour: the decay fitted without the port's fold.
        ///   - delayScale: the delay factor fitted without the port's fold.
        ///   - reason: why there is no prediction.
        ///   - dispersion: the crossing-choice dispersion fitted without the port's fold.
        public init(code: String, crossingId: String, name: String, border: String, observed: Double, heldOutPrediction: Double?,
                    decayPerHour: Double?, delayScale: Double?, reason: String?, dispersion: Double? = nil) {
            (self.code, self.crossingId, self.name, self.border, self.observed) = (code, crossingId, name, border, observed)
            (self.heldOutPrediction, self.decayPerHour, self.delayScale, self.reason) = (heldOutPrediction, decayPerHour, delayScale, reason)
            self.dispersion = dispersion
        }
    }

    public struct Segment: Sendable, Codable {
        public var name: String
        public var measure: String
        /// The decays per hour tried.
        public var grid: [Double]
        /// The factors on the border delays tried.
        public var delayScales: [Double]
        /// The crossing-choice dispersions tried (infinite: all-or-nothing).
        public var dispersions: [Double]
        /// The decay, delay factor and dispersion fitted on every port.
        public var fittedDecayPerHour: Double
        public var fittedDelayScale: Double
        public var fittedDispersion: Double
        /// Per border, the factor on the modelled entries fitted on every port: a border
        /// (McCallum) factor on the segment's cross-border trips, one per border, never per port.
        public var fittedBorderScales: [String: Double]
        /// By border, on the held-out predictions.
        public var statistics: [String: ValidationStatistics]
        /// By border, with the parameters fitted on every port.
        public var inSample: [String: ValidationStatistics]
        public var ports: [Port]
        /// The five largest counted ports of each border, counted against held out (``largest(_:perBorder:)``).
        public var largestPorts: [LargestPort]
        /// Matrix estimation from the counts, checked apart: nil when validation ran without it.
        public var estimation: EstimationCheck?
    }

    /// Matrix estimation from counts (ODME) as its own labelled step: in sample (estimated
    /// from every port's count and compared with the same counts) apart from held out
    /// (estimated from the other folds' counts, predicting the fold's ports).
    public struct EstimationCheck: Sendable, Codable {
        /// The limit and iterations used.
        public var estimation: MatrixEstimation
        /// By border: every port's count in the estimation, compared with those counts.
        public var inSample: [String: ValidationStatistics]
        /// By border: each fold predicted from an estimation on the other folds' counts.
        public var heldOut: [String: ValidationStatistics]
        /// Pairs the in-sample estimation moved.
        public var movedPairs: Int
    }

    /// One of a border's largest counted ports, as a planner checks a model first.
    public struct LargestPort: Sendable, Hashable, Codable {
        public var border: String
        public var code: String
        public var name: String
        public var observed: Double
        /// The held-out prediction; nil when the port has no border edge.
        public var heldOutPrediction: Double?
        /// Predicted over counted (nil without a prediction).
        public var ratio: Double?
        /// Predicted within a factor of 2 of the count.
        public var withinFactorTwo: Bool
        /// Why the port has no prediction or carries nothing (the port's reason).
        public var reason: String?
    }

    /// The largest counted ports of each border, largest first (ties by code), borders in order.
    /// - Parameters:
    ///   - ports: a segment's counted ports with their held-out predictions.
    ///   - perBorder: how many per border.
    public static func largest(_ ports: [Port], perBorder: Int = 5) -> [LargestPort] {
        Set(ports.map(\.border)).sorted().flatMap { border in
            ports.filter { $0.border == border && $0.observed > 0 }
                .sorted { $0.observed > $1.observed || ($0.observed == $1.observed && $0.code < $1.code) }
                .prefix(perBorder)
                .map { p in
                    LargestPort(border: border, code: p.code, name: p.name, observed: p.observed, heldOutPrediction: p.heldOutPrediction,
                                ratio: p.heldOutPrediction.map { $0 / p.observed },
                                withinFactorTwo: p.heldOutPrediction.map { ValidationStatistics.withinFactorTwo(observed: p.observed, predicted: $0) } ?? false,
                                reason: p.reason)
                }
        }
    }

    /// How validation picks the global parameters on the training ports.
    public enum FitCriterion: String, Sendable, Codable, CaseIterable {
        /// The largest Spearman rank correlation; the scale makes the modelled total the counted one.
        case spearman
        /// The least squared error of log(1 + count) against log(1 + scale × modelled), scale
        /// included (``logFitScale(observed:predicted:)``): the fit the held-out R² measures.
        case logFit = "log-fit"
    }

    /// The scale s that minimises Σ (log(1 + observed) − log(1 + s · predicted))², searched on
    /// a logarithmic grid (factor 1.05 from 10⁻⁶ to 10⁶ of the totals' ratio), and that error.
    /// - Parameters:
    ///   - observed: counts.
    ///   - predicted: modelled volumes, in the same order.
    public static func logFitScale(observed: [Double], predicted: [Double]) -> (scale: Double, squaredError: Double) {
        let lo = observed.map { log1p($0) }
        func sse(_ s: Double) -> Double { lo.indices.reduce(0.0) { let e = lo[$1] - log1p(s * predicted[$1]); return $0 + e * e } }
        let total = predicted.reduce(0, +), counted = observed.reduce(0, +)
        let centre = total > 0 && counted > 0 ? counted / total : 1
        var best = (scale: centre, squaredError: sse(centre))
        for k in -283...283 {
            let s = centre * pow(1.05, Double(k))
            let e = sse(s)
            if e < best.squaredError { best = (s, e) }
        }
        return best
    }

    /// - Parameters:
    ///   - model: the region's demand model; its segments of its mode are validated.
    ///   - ports: the counted ports.
    ///   - counts: per crossing id and measure ("trucks_2024"), the counted volume.
    ///   - folds: k >= 2; fold k holds every k-th predictable port by code.
    ///   - delayScales: the factors on the border delays to try (1: as the network gives them).
    ///   - dispersions: the crossing-choice dispersions to try (``RegionFlowModel/logitInbound(_:dispersion:inbound:threads:)``;
    ///     `.infinity` is all-or-nothing).
    ///   - inbound: the country whose entries the counts record.
    ///   - criterion: how the parameters are picked on the training ports.
    ///   - estimation: matrix estimation from the counts, checked in sample and held out (nil: none).
    ///   - names: the segments to validate (nil: every segment of the model's mode).
    ///   - threads: loading workers.
    ///   - progress: called before each loading.
    public static func run(model: RegionFlowModel, ports: [PortInfo], counts: [String: [String: Double]], folds: Int,
                           delayScales: [Double] = [0.5, 1, 2], dispersions: [Double] = RegionValidation.defaultDispersions, inbound: String,
                           criterion: FitCriterion = .logFit, estimation: MatrixEstimation? = .standard, segments names: Set<String>? = nil,
                           threads: Int, progress: (String) -> Void = { _ in }) throws -> [Segment] {
        guard folds >= 2 else { throw FlowError.invalid("validation", "at least two folds") }
        guard !delayScales.isEmpty else { throw FlowError.invalid("validation", "no delay scale to try") }
        guard !dispersions.isEmpty, dispersions.allSatisfy({ $0 > 0 }) else { throw FlowError.invalid("validation", "dispersions must be > 0 (infinite: all-or-nothing)") }
        let models = try delayScales.map { try model.withDelayScale($0, threads: threads) }
        let modelled = Set(model.crossingLinks.map(\.crossingId))
        let stranded = model.strandedCrossings()
        let sorted = ports.sorted { $0.code < $1.code || ($0.code == $1.code && $0.crossingId < $1.crossingId) }
        var out: [Segment] = []
        for s in model.segments where names?.contains(s.name) ?? true {
            let measure = s.observedMeasure + "_2024"
            let grid = decayFactors.map { $0 * (s.beta ?? 0.1) }
            // Runs over every (delay scale, decay), delay scale outermost.
            var runs: [[String: Double]] = [], settings: [(delay: Double, decay: Double, dispersion: Double)] = [], runModel: [Int] = []
            for (mi, (m, d)) in zip(models, delayScales).enumerated() {
                progress("\(s.name), delays ×\(String(format: "%.3g", d)): \(grid.count) decays × \(dispersions.count) dispersions")
                let trips = try grid.map { b in
                    var withDecay = s
                    withDecay.beta = b
                    return m.crossBorderTrips(try m.demand(withDecay))
                }
                let loaded = m.logitInbound(trips, dispersions: dispersions, inbound: inbound, threads: threads)
                for (bi, b) in grid.enumerated() {
                    for (ti, theta) in dispersions.enumerated() {
                        runs.append(loaded[bi][ti])
                        settings.append((d, b, theta))
                        runModel.append(mi)
                    }
                }
            }
            let counted = sorted.filter { (counts[$0.crossingId]?[measure] ?? 0) > 0 }
            let predictable = counted.filter { modelled.contains($0.crossingId) }.map(\.crossingId)
            func observed(_ id: String) -> Double { counts[id]?[measure] ?? 0 }
            let borderOf = Dictionary(counted.map { ($0.crossingId, $0.border) }, uniquingKeysWith: { a, _ in a })
            let borders = Set(counted.map(\.border)).sorted()
            // The run and, per border, the scale (a border factor on the cross-border trips)
            // that fit the training ports best.
            func fit(_ training: [String]) -> (run: Int, scales: [String: Double]) {
                var best = (run: 0, scales: [String: Double](), score: -Double.infinity)
                for (r, run) in runs.enumerated() {
                    var scales: [String: Double] = [:], score = 0.0
                    for border in borders {
                        let ids = training.filter { borderOf[$0] == border }
                        let obs = ids.map(observed), pred = ids.map { run[$0] ?? 0 }
                        switch criterion {
                        case .spearman:
                            let rho = ValidationStatistics.spearman(obs, pred), total = pred.reduce(0, +)
                            scales[border] = total > 0 ? obs.reduce(0, +) / total : 1
                            score += rho.isNaN ? -1 : rho * Double(ids.count)
                        case .logFit:
                            let (scale, sse) = logFitScale(observed: obs, predicted: pred)
                            scales[border] = scale
                            score -= sse
                        }
                    }
                    if score > best.score { best = (r, scales, score) }
                }
                return (best.run, best.scales)
            }
            // Matrix estimation from the counts of `training`, on run r's trips with its border factors.
            var tripsCache: [Int: ODMatrix] = [:]
            func estimate(_ r: Int, _ scales: [String: Double], _ training: [String]) throws -> MatrixEstimation.Result? {
                guard let estimation else { return nil }
                let key = runModel[r] * grid.count + grid.firstIndex(of: settings[r].decay)!
                if tripsCache[key] == nil {
                    var withDecay = s
                    withDecay.beta = settings[r].decay
                    tripsCache[key] = models[runModel[r]].crossBorderTrips(try models[runModel[r]].demand(withDecay))
                }
                progress("\(s.name), matrix estimation from \(training.count) counts")
                return try models[runModel[r]].estimateMatrix(
                    prior: tripsCache[key]!, borderScales: scales, counts: Dictionary(uniqueKeysWithValues: training.map { ($0, observed($0)) }),
                    dispersion: settings[r].dispersion, inbound: inbound, estimation: estimation, threads: threads)
            }
            var heldOut: [String: (Double, Double, Double, Double)] = [:], estimatedHeldOut: [String: Double] = [:]
            for k in 0..<folds {
                let test = predictable.enumerated().filter { $0.offset % folds == k }.map(\.element)
                let training = predictable.enumerated().filter { $0.offset % folds != k }.map(\.element)
                let (r, scales) = fit(training)
                for id in test { heldOut[id] = ((runs[r][id] ?? 0) * (scales[borderOf[id]!] ?? 1), settings[r].decay, settings[r].delay, settings[r].dispersion) }
                if let e = try estimate(r, scales, training) { for id in test { estimatedHeldOut[id] = e.inbound[id] ?? 0 } }
            }
            let all = fit(predictable)
            let inSampleEstimate = try estimate(all.run, all.scales, predictable)
            let rows = counted.map { p in
                var row = Port(code: p.code, crossingId: p.crossingId, name: p.name, border: p.border, observed: observed(p.crossingId),
                     heldOutPrediction: heldOut[p.crossingId]?.0, decayPerHour: heldOut[p.crossingId]?.1, delayScale: heldOut[p.crossingId]?.2,
                     reason: !modelled.contains(p.crossingId) ? "no \(model.mode.rawValue) border edge for this port in the network"
                        : stranded[p.crossingId].map { "its border edge is stranded: no zone of \($0.joined(separator: " or ")) reaches its side by domestic routes, so it carries nothing" },
                     dispersion: heldOut[p.crossingId]?.3)
                row.estimatedHeldOut = estimatedHeldOut[p.crossingId]
                row.estimatedInSample = modelled.contains(p.crossingId) ? inSampleEstimate.map { $0.inbound[p.crossingId] ?? 0 } : nil
                return row
            }
            var statistics: [String: ValidationStatistics] = [:], inSample: [String: ValidationStatistics] = [:]
            var estimatedIn: [String: ValidationStatistics] = [:], estimatedOut: [String: ValidationStatistics] = [:]
            for border in Set(rows.map(\.border)).sorted() {
                let predicted = rows.filter { $0.border == border && $0.heldOutPrediction != nil }
                guard predicted.count >= 3 else { continue }
                if estimation != nil {
                    estimatedIn[border] = ValidationStatistics(observed: predicted.map(\.observed), predicted: predicted.map { $0.estimatedInSample ?? 0 })
                    estimatedOut[border] = ValidationStatistics(observed: predicted.map(\.observed), predicted: predicted.map { $0.estimatedHeldOut ?? 0 })
                }
                statistics[border] = ValidationStatistics(observed: predicted.map(\.observed), predicted: predicted.map { $0.heldOutPrediction! })
                inSample[border] = ValidationStatistics(observed: predicted.map(\.observed),
                                                        predicted: predicted.map { (runs[all.run][$0.crossingId] ?? 0) * (all.scales[border] ?? 1) })
            }
            out.append(Segment(name: s.name, measure: measure, grid: grid, delayScales: delayScales, dispersions: dispersions,
                               fittedDecayPerHour: settings[all.run].decay, fittedDelayScale: settings[all.run].delay,
                               fittedDispersion: settings[all.run].dispersion, fittedBorderScales: all.scales, statistics: statistics, inSample: inSample, ports: rows,
                               largestPorts: largest(rows),
                               estimation: estimation.map { EstimationCheck(estimation: $0, inSample: estimatedIn, heldOut: estimatedOut,
                                                                            movedPairs: inSampleEstimate?.movedPairs ?? 0) }))
        }
        return out
    }
}
