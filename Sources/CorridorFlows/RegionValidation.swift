import CorridorData
import Foundation

/// A region's demand model against counted volumes at its ports, with held-out predictions:
/// only global parameters are fitted (the decay per hour from a grid around the segment's
/// value, a factor on every border delay, and one scale per segment); ports are cut into
/// folds, and each fold is predicted from parameters fitted on the others. Loadings are
/// all-or-nothing at free flow.
public enum RegionValidation {
    /// The crossing-choice dispersions per hour validation tries by default: all-or-nothing at
    /// free flow only. On north-america (2026-12-07), fitting θ from {∞, 8, 4, 2, 1, 0.5} by
    /// Spearman chose ∞; a fixed θ = 2 put 5 of the 10 largest personal-vehicle ports within a
    /// factor of 2 (1 with ∞) and raised US–Mexico Spearman, but lowered US–Canada's (0.52 to
    /// 0.34). So logit is there to try, not the default.
    public static let defaultDispersions: [Double] = [.infinity]

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
        /// The crossing-choice dispersion per hour fitted without this port's fold (infinite:
        /// all-or-nothing).
        public var dispersionPerHour: Double?

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
        ///   - dispersionPerHour: the crossing-choice dispersion fitted without the port's fold.
        public init(code: String, crossingId: String, name: String, border: String, observed: Double, heldOutPrediction: Double?,
                    decayPerHour: Double?, delayScale: Double?, reason: String?, dispersionPerHour: Double? = nil) {
            (self.code, self.crossingId, self.name, self.border, self.observed) = (code, crossingId, name, border, observed)
            (self.heldOutPrediction, self.decayPerHour, self.delayScale, self.reason) = (heldOutPrediction, decayPerHour, delayScale, reason)
            self.dispersionPerHour = dispersionPerHour
        }
    }

    public struct Segment: Sendable, Codable {
        public var name: String
        public var measure: String
        /// The decays per hour tried.
        public var grid: [Double]
        /// The factors on the border delays tried.
        public var delayScales: [Double]
        /// The crossing-choice dispersions per hour tried (infinite: all-or-nothing).
        public var dispersions: [Double]
        /// The decay, delay factor and dispersion fitted on every port.
        public var fittedDecayPerHour: Double
        public var fittedDelayScale: Double
        public var fittedDispersionPerHour: Double
        /// By border, on the held-out predictions.
        public var statistics: [String: ValidationStatistics]
        /// By border, with the parameters fitted on every port.
        public var inSample: [String: ValidationStatistics]
        public var ports: [Port]
        /// The five largest counted ports of each border, counted against held out (``largest(_:perBorder:)``).
        public var largestPorts: [LargestPort]
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

    /// - Parameters:
    ///   - model: the region's demand model; its segments of its mode are validated.
    ///   - ports: the counted ports.
    ///   - counts: per crossing id and measure ("trucks_2024"), the counted volume.
    ///   - folds: k >= 2; fold k holds every k-th predictable port by code.
    ///   - delayScales: the factors on the border delays to try (1: as the network gives them).
    ///   - dispersions: the crossing-choice dispersions per hour to try (``RegionFlowModel/logitInbound(_:dispersion:inbound:threads:)``;
    ///     `.infinity` is all-or-nothing).
    ///   - inbound: the country whose entries the counts record.
    ///   - threads: loading workers.
    ///   - progress: called before each loading.
    public static func run(model: RegionFlowModel, ports: [PortInfo], counts: [String: [String: Double]], folds: Int,
                           delayScales: [Double] = [0.5, 1, 2], dispersions: [Double] = RegionValidation.defaultDispersions, inbound: String,
                           threads: Int, progress: (String) -> Void = { _ in }) throws -> [Segment] {
        guard folds >= 2 else { throw FlowError.invalid("validation", "at least two folds") }
        guard !delayScales.isEmpty else { throw FlowError.invalid("validation", "no delay scale to try") }
        guard !dispersions.isEmpty, dispersions.allSatisfy({ $0 > 0 }) else { throw FlowError.invalid("validation", "dispersions must be > 0 (infinite: all-or-nothing)") }
        let models = try delayScales.map { try model.withDelayScale($0, threads: threads) }
        let modelled = Set(model.crossingLinks.map(\.crossingId))
        let stranded = model.strandedCrossings()
        let sorted = ports.sorted { $0.code < $1.code || ($0.code == $1.code && $0.crossingId < $1.crossingId) }
        var out: [Segment] = []
        for s in model.segments {
            let measure = s.observedMeasure + "_2024"
            let grid = [0.25, 0.5, 1, 2, 4].map { $0 * (s.beta ?? 0.1) }
            // Runs over every (delay scale, decay), delay scale outermost.
            var runs: [[String: Double]] = [], settings: [(delay: Double, decay: Double, dispersion: Double)] = []
            for (m, d) in zip(models, delayScales) {
                for b in grid {
                    progress("\(s.name), delays ×\(String(format: "%.3g", d)), decay \(String(format: "%.3g", b)) per hour")
                    var withDecay = s
                    withDecay.beta = b
                    let trips = m.crossBorderTrips(try m.demand(withDecay))
                    for theta in dispersions {
                        runs.append(m.logitInbound(trips, dispersion: theta, inbound: inbound, threads: threads))
                        settings.append((d, b, theta))
                    }
                }
            }
            let counted = sorted.filter { (counts[$0.crossingId]?[measure] ?? 0) > 0 }
            let predictable = counted.filter { modelled.contains($0.crossingId) }.map(\.crossingId)
            func observed(_ id: String) -> Double { counts[id]?[measure] ?? 0 }
            func fit(_ training: [String]) -> (run: Int, scale: Double) {
                var best = (run: 0, scale: 1.0, score: -Double.infinity)
                for (r, run) in runs.enumerated() {
                    let obs = training.map(observed), pred = training.map { run[$0] ?? 0 }
                    let rho = ValidationStatistics.spearman(obs, pred)
                    let total = pred.reduce(0, +)
                    if !rho.isNaN && rho > best.score { best = (r, total > 0 ? obs.reduce(0, +) / total : 1, rho) }
                }
                return (best.run, best.scale)
            }
            var heldOut: [String: (Double, Double, Double, Double)] = [:]
            for k in 0..<folds {
                let test = predictable.enumerated().filter { $0.offset % folds == k }.map(\.element)
                let training = predictable.enumerated().filter { $0.offset % folds != k }.map(\.element)
                let (r, scale) = fit(training)
                for id in test { heldOut[id] = ((runs[r][id] ?? 0) * scale, settings[r].decay, settings[r].delay, settings[r].dispersion) }
            }
            let all = fit(predictable)
            let rows = counted.map { p in
                Port(code: p.code, crossingId: p.crossingId, name: p.name, border: p.border, observed: observed(p.crossingId),
                     heldOutPrediction: heldOut[p.crossingId]?.0, decayPerHour: heldOut[p.crossingId]?.1, delayScale: heldOut[p.crossingId]?.2,
                     reason: !modelled.contains(p.crossingId) ? "no \(model.mode.rawValue) border edge for this port in the network"
                        : stranded[p.crossingId].map { "its border edge is stranded: no zone of \($0.joined(separator: " or ")) reaches its side by domestic routes, so it carries nothing" },
                     dispersionPerHour: heldOut[p.crossingId]?.3)
            }
            var statistics: [String: ValidationStatistics] = [:], inSample: [String: ValidationStatistics] = [:]
            for border in Set(rows.map(\.border)).sorted() {
                let predicted = rows.filter { $0.border == border && $0.heldOutPrediction != nil }
                guard predicted.count >= 3 else { continue }
                statistics[border] = ValidationStatistics(observed: predicted.map(\.observed), predicted: predicted.map { $0.heldOutPrediction! })
                inSample[border] = ValidationStatistics(observed: predicted.map(\.observed),
                                                        predicted: predicted.map { (runs[all.run][$0.crossingId] ?? 0) * all.scale })
            }
            out.append(Segment(name: s.name, measure: measure, grid: grid, delayScales: delayScales, dispersions: dispersions,
                               fittedDecayPerHour: settings[all.run].decay, fittedDelayScale: settings[all.run].delay,
                               fittedDispersionPerHour: settings[all.run].dispersion, statistics: statistics, inSample: inSample, ports: rows,
                               largestPorts: largest(rows)))
        }
        return out
    }
}
