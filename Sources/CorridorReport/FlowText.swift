import CorridorFlows
import CorridorStudy
import Foundation

/// The command line's text of assignments (the JSON carries the same values in full).
public enum FlowText {
    /// A demand table's segments: zones, trips a year, mean hours and trips through a crossing.
    /// - Parameter summaries: the segments' summaries.
    public static func demand(_ summaries: [RegionDemandTable.Summary]) -> String {
        summaries.map { s in
            "\(s.segment): \(s.zones) zones, \(String(format: "%.0f", s.trips)) trips a year, mean \(String(format: "%.2f", s.meanHours)) h, \(String(format: "%.0f", s.crossBorderTrips)) on routes through a crossing"
        }.joined(separator: "\n")
    }

    /// A TNTP assignment: the algorithm and convergence, the gap, Beckmann objective, total
    /// travel time and trips, and the first OD pairs of each select-link query.
    /// - Parameters:
    ///   - s: the assignment's summary.
    ///   - targetGap: the relative gap the run stopped at.
    public static func tntp(_ s: AssignmentSummary, targetGap: Double) -> String {
        var out = ["network          \(s.network)",
                   "algorithm        \(s.algorithm), \(s.iterations) iterations, \(s.converged ? "converged" : "not converged") (target gap \(targetGap))",
                   String(format: "relative gap     %.6e", s.relativeGap),
                   String(format: "objective        %.10f", s.beckmann),
                   String(format: "total travel     %.6f", s.totalTravelCost),
                   String(format: "trips            %.3f (unrouted %.3f)", s.trips, s.unroutedTrips),
                   String(format: "seconds          %.3f", s.seconds)]
        for q in s.selectLinks {
            out.append("select link \(q.name): " + String(format: "%.3f trips over %d OD pairs", q.trips, q.pairs.count))
            for p in q.pairs.prefix(10) { out.append(String(format: "  %6.0f -> %6.0f  %12.3f", p[0], p[1], p[2])) }
        }
        return out.joined(separator: "\n")
    }

    /// A region's flows: zones, border edges, rounds and gap; per segment the scale and the
    /// trips through a crossing; the 15 busiest crossings with their v/c.
    public static func region(_ s: RegionAssignment.Summary) -> String {
        var out = ["\(s.region): \(s.zones) zones, \(s.crossingLinks) \(s.mode) border edges; \(s.algorithm), \(s.feedbackLoops) demand–assignment round\(s.feedbackLoops == 1 ? "" : "s"), \(s.iterations) iteration\(s.iterations == 1 ? "" : "s") in the last, gap \(ScenarioText.gap(s.relativeGap))"]
        out.append(String(format: "seconds %.1f", s.seconds))
        for (k, name) in s.segments.enumerated() {
            out.append("  \(name): scale \(String(format: "%.4g", s.scales[k])), \(String(format: "%.0f", s.crossBorderTrips[k])) trips a year on routes through a crossing")
        }
        out.append("crossing" + String(repeating: " ", count: 32) + s.segments.map { pad("in " + $0, 16) }.joined() + "v/c")
        for v in s.crossings.sorted(by: { $0.inbound.reduce(0, +) > $1.inbound.reduce(0, +) }).prefix(15) {
            out.append(pad(String(v.name.prefix(38)), 40) + v.inbound.map { pad(String(format: "%.0f", $0), 16) }.joined() + String(format: "%.2f", v.volumeCapacityRatio))
        }
        return out.joined(separator: "\n")
    }

    /// Per segment and measure: ports counted and missing, the fitted decay and delay factor,
    /// Spearman held out and in sample, R² of logs, GEH < 5 and the model's top five.
    public static func validation(_ segments: [RegionValidation.Segment]) -> String {
        var out: [String] = []
        for s in segments {
            let missing = s.ports.filter { $0.heldOutPrediction == nil }.count
            out.append("\(s.name) against \(s.measure): \(s.ports.count) ports with a count, \(missing) without a border edge; fitted on every port: decay \(String(format: "%.3g", s.fittedDecayPerHour)) per hour, border delays ×\(String(format: "%.3g", s.fittedDelayScale)), crossing choice \(dispersion(s.fittedDispersion))")
            out.append("  border factors: " + s.fittedBorderScales.sorted { $0.key < $1.key }.map { "\($0.key) ×\(String(format: "%.3g", $0.value))" }.joined(separator: ", "))
            out.append("  border      ports  Spearman (held out / in sample)  R² log  R² log(1+n) as is  GEH<5 day  GEH<5 hour  top-5 share")
            for (border, st) in s.statistics.sorted(by: { $0.key < $1.key }) {
                let ins = s.inSample[border]!
                out.append("  " + pad(border, 10) + String(format: "%6d  %8.3f / %-8.3f              %6.3f  %17.3f  %9.2f  %10.2f  %11.2f", st.count, st.spearman, ins.spearman,
                                                       st.r2Log, st.r2Log1pAsIs, st.gehBelow5Share, st.gehHourlyBelow5Share, st.observedShareOfModelTopFive))
            }
            let within = s.largestPorts.filter(\.withinFactorTwo).count
            out.append("  largest counted ports, held out (\(within) of \(s.largestPorts.count) within a factor of 2):")
            for p in s.largestPorts {
                let predicted = p.heldOutPrediction.map { String(format: "%12.0f", $0) } ?? "no border edge"
                let ratio = p.ratio.map { String(format: "×%.2f", $0) } ?? ""
                out.append("    " + pad(p.border, 10) + pad(p.name, 34) + " " + String(format: "%12.0f ", p.observed) + predicted + "  " + ratio + (p.withinFactorTwo ? "  ✓" : "")
                           + (p.reason.map { "  (\($0))" } ?? ""))
            }
            let top = s.ports.filter { $0.heldOutPrediction != nil }.sorted { $0.heldOutPrediction! > $1.heldOutPrediction! }.prefix(5)
            out.append("  model's top five: " + top.map { "\($0.name) (\(String(format: "%.0f", $0.heldOutPrediction!)) vs \(String(format: "%.0f", $0.observed)))" }.joined(separator: ", "))
            if let e = s.estimation { out += estimationLines(e.estimation, inSample: e.inSample, heldOut: e.heldOut) }
        }
        return out.joined(separator: "\n")
    }

    /// The crossing-choice dispersion in words.
    static func dispersion(_ theta: Double) -> String {
        theta.isFinite ? "logit, θ \(String(format: "%.3g", theta)) on the relative detour" : "all-or-nothing"
    }

    /// Matrix estimation's fit by border, in sample apart from held out.
    static func estimationLines(_ e: MatrixEstimation, inSample: [String: ValidationStatistics], heldOut: [String: ValidationStatistics]) -> [String] {
        var out = ["  after matrix estimation (limit ×\(String(format: "%.3g", e.limit)), at most \(e.iterations) iterations): in sample (every count used) | held out (each fold from the others' counts)",
                   "  border      GEH<5 hour  Spearman  R² log(1+n) | Spearman  R² log(1+n) as is  within ×2"]
        for (border, i) in inSample.sorted(by: { $0.key < $1.key }) {
            guard let h = heldOut[border] else { continue }
            out.append("  " + pad(border, 10) + String(format: "%10.2f  %8.3f  %11.3f | %8.3f  %17.3f  %5d of %d", i.gehHourlyBelow5Share, i.spearman, i.r2Log1pAsIs,
                                                   h.spearman, h.r2Log1pAsIs, h.withinFactorTwo, h.count))
        }
        return out
    }

    /// `corridor calibrate`: per segment its fitted parameters, what estimation moved, and the
    /// fit in sample and held out.
    public static func calibration(_ c: CalibratedDemand.Summary) -> String {
        var out: [String] = []
        for s in c.segments {
            out.append("\(s.name) against \(s.measure): decay \(String(format: "%.3g", s.decayPerHour)) per hour, border delays ×\(String(format: "%.3g", s.delayScale)), crossing choice \(dispersion(s.dispersion)); border factors "
                       + s.borderScales.sorted { $0.key < $1.key }.map { "\($0.key) ×\(String(format: "%.3g", $0.value))" }.joined(separator: ", "))
            out.append("  trips a year across the borders: model \(String(format: "%.0f", s.priorTrips)), estimated \(String(format: "%.0f", s.trips)) (\(s.movedPairs) pairs moved, \(s.iterations) iterations)")
            out += estimationLines(c.estimation, inSample: s.inSample, heldOut: s.heldOut)
            let worst = s.ports.filter { $0.gehHourly != nil }.sorted { $0.gehHourly! > $1.gehHourly! || ($0.gehHourly! == $1.gehHourly! && $0.code < $1.code) }.prefix(5)
            if !worst.isEmpty {
                out.append("  largest hourly GEH after estimation: " + worst.map { "\($0.name) \(String(format: "%.1f", $0.gehHourly!)) (\(String(format: "%.0f", $0.estimated!)) vs \(String(format: "%.0f", $0.observed)))" }.joined(separator: ", "))
            }
        }
        return out.joined(separator: "\n")
    }
}
