import CorridorAnalysis
import CorridorFlows
import CorridorStudy
import Foundation

/// The command line's text of routes and corridors (the JSON carries the same values in full).
public enum CorridorText {
    /// Each corridor: time, length, detour and path share (or its unreachable legs), legs,
    /// crossings with their delay and gauge change, the slowest leg, and its flows when given.
    public static func corridors(_ results: [CorridorEvaluation], flowLosses: [String: CorridorFlowLoss]) -> String {
        var out: [String] = []
        for r in results {
            if r.complete {
                out.append(String(format: "%@ (%@)%@: %.1f h, %.0f km, detour %.2f, %.0f%% of top-place paths use it", r.name, r.id,
                             r.modes.map { " by \($0)" } ?? "", r.hours, r.kilometers, r.detourIndex, r.shareOfPaths * 100))
            } else {
                out.append("\(r.name) (\(r.id))\(r.modes.map { " by \($0)" } ?? ""): incomplete, \(r.legs.filter { !$0.reachable }.map { "\($0.from)–\($0.to)" }.joined(separator: ", ")) unreachable")
            }
            for l in r.legs where l.reachable {
                out.append(String(format: "   %@ %6.1f h %6.0f km  %4.0f km/h  %@", pad("\(l.from)–\(l.to)", 28), l.hours, l.kilometers, l.kilometersPerHour,
                             l.modes.filter { $0.mode != "access" }.map(\.mode).joined(separator: "+")))
            }
            for c in r.crossings {
                let gauge = c.gaugeChange != nil ? String(format: ", of which %.1f h gauge change (%@)", c.gaugeChangeHours, gaugeMethod(c.gaugeChange ?? "")) : ""
                out.append(String(format: "   crossing %@: %.1f h delay (%.0f%% of the time)%@", c.crossing, c.delayHours, c.shareOfTime * 100, gauge))
            }
            if let s = r.slowestLeg { out.append("   slowest leg: \(s)") }
            if let f = flowLosses[r.id] {
                if f.crossings.isEmpty { out.append("   flows: no road crossing on the corridor's route") }
                for (k, s) in f.segments.enumerated() where !f.crossings.isEmpty {
                    out.append(String(format: "   flows, %@: %.0f vehicles a year through its road crossings; closing them adds %.0f vehicle-hours a year and cuts %.0f trips",
                                 s, f.volume[k], f.hoursAdded[k], f.tripsCutOff[k]))
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// A gauge change's method and gauges without its source ("transshipment 1435/1520 mm"):
    /// the text outputs' form; the JSON keeps the source.
    public static func gaugeMethod(_ description: String) -> String {
        description.components(separatedBy: " (").first ?? description
    }

    /// A route: hours and kilometres, legs by mode, crossings and gauge changes, or
    /// "unreachable" (`by`, `unreachableBy`: " by rail", " by land" or "").
    public static func route(_ r: RouteAnswer, by: String, unreachableBy: String) -> String {
        guard r.reachable, let hours = r.hours, let km = r.kilometers else {
            return "\(r.from) -> \(r.to): unreachable under the current crossing states\(unreachableBy)"
        }
        var out = [String(format: "%@ -> %@%@: %.1f h, %.0f km", r.from, r.to, by, hours, km)]
        for leg in r.legs { out.append(String(format: "  %@ %7.1f h %8.0f km", pad(leg.mode, 8), leg.seconds / 3600, leg.meters / 1000)) }
        out.append("  crossings: \(r.crossings.isEmpty ? "none" : r.crossings.joined(separator: ", "))")
        for g in r.gaugeChanges { out.append(String(format: "  gauge change at %@: %.1f h, %@", g.crossing, g.hours, gaugeMethod(g.how))) }
        return out.joined(separator: "\n")
    }
}
