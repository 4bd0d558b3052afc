import CorridorAnalysis
import CorridorFlows
import Foundation

/// The command line's text of scenario evaluations and flow changes (the JSON carries the same
/// values in full).
public enum ScenarioText {
    /// Ranked options: gravity change, pairs, distribution, countries, gateways, top admin-1
    /// units, and each option's flow change when there is one.
    /// - Parameters:
    ///   - ranked: the evaluations, best first.
    ///   - flows: flow changes by scenario id.
    ///   - withinHours: the threshold of the population-within column.
    public static func ranking(_ ranked: [ScenarioEvaluation], flows: [String: RegionFlowChange], withinHours: Double) -> String {
        var out: [String] = []
        for (rank, r) in ranked.enumerated() {
            out.append(String(format: "#%d %@ (%@): gravity accessibility %+.3f%%, newly connected population %.0f", rank + 1, r.name, r.scenario,
                              r.gravityChangePercent, r.newlyConnectedPopulation))
            let p = r.pairs
            out.append(String(format: "   pairs among top %d places: %d newly reachable, %d lost; weighted mean %.2f h saved", p.places, p.newlyReachable,
                              p.noLongerReachable, p.weightedMeanHoursSaved) + (p.largestSaving.map { String(format: "; largest %@ %.1f h", $0, p.largestSavingHours) } ?? ""))
            let d = r.distribution
            out.append(String(format: "   population gaining %.1f%%, losing %.1f%%; gains: Gini %.3f, top tenth of places %.1f%%", d.populationShareGaining * 100,
                              d.populationShareLosing * 100, d.giniOfGains, d.topDecileShare * 100))
            out.append("   country  population      gain %   Δpop within \(Int(withinHours))h  gaining/losing places")
            for g in r.byCountry {
                out.append(String(format: "   %@ %11.0f %+11.4f %15.0f  %d/%d", pad(g.name, 7), g.population, g.gravityChangePercent, g.populationWithinChange, g.placesGaining, g.placesLosing))
            }
            if let h = r.hubs {
                out.append("   gateways after (share of fastest paths; rank before → after):")
                for row in h.rows.prefix(8) {
                    out.append(String(format: "     %@ %@ %5.1f%% → %5.1f%%   %@ → %@", pad(row.kind, 9), pad(String(row.name.prefix(38)), 39), row.shareBefore * 100,
                                      row.shareAfter * 100, row.rankBefore.map(String.init) ?? "-", row.rankAfter.map(String.init) ?? "-"))
                }
                if !h.bypassed.isEmpty {
                    out.append("   bypassed: " + h.bypassed.prefix(5).map { String(format: "%@ %.1f → %.1f%%", $0.name, $0.shareBefore * 100, $0.shareAfter * 100) }.joined(separator: ", "))
                }
            }
            // Changes below 0.0005 % are rounding between the two hierarchies, not gains.
            let topAdmin = r.byAdmin1.filter { abs($0.gravityChangePercent) >= 0.0005 }.prefix(5)
            if !topAdmin.isEmpty {
                out.append("   top admin-1: " + topAdmin.map { String(format: "%@ %+.3f%%", $0.name, $0.gravityChangePercent) }.joined(separator: ", "))
            }
            if let f = flows[r.scenario] { out.append(flowChange(f)) }
        }
        return out.joined(separator: "\n")
    }

    /// A flow change: per segment the cross-border trips and the hours saved, the crossings
    /// whose volume moved most, and those left beyond capacity.
    public static func flowChange(_ f: RegionFlowChange, indent: String = "   ") -> String {
        var out = [indent + "flows at equilibrium (relative gap \(gap(f.relativeGapBefore)) before, \(gap(f.relativeGapAfter)) after):"]
        for s in f.segments {
            out.append(indent + String(format: "  %@: %.0f → %.0f trips a year through a crossing; %.0f vehicle-hours a year saved on pairs connected before (rule of half); %.0f trips a year newly connected",
                                       s.name, s.crossBorderTripsBefore, s.crossBorderTripsAfter, s.hoursSaved, s.tripsNewlyConnected)
                       + (s.tripsCutOff > 0 ? String(format: ", %.0f cut off", s.tripsCutOff) : ""))
        }
        let moved = f.crossings.filter { zip($0.before, $0.after).contains { abs($1 - $0) >= 0.5 } }.prefix(8)
        if !moved.isEmpty {
            out.append(indent + "  crossing" + String(repeating: " ", count: 32) + f.segments.map { pad($0.name + " before → after", 30) }.joined() + "v/c after")
            for c in moved {
                out.append(indent + "  " + pad(String(c.name.prefix(38)), 40)
                           + zip(c.before, c.after).map { pad(String(format: "%.0f → %.0f", $0, $1), 30) }.joined()
                           + String(format: "%.2f", c.volumeCapacityAfter))
            }
        }
        if !f.overCapacity.isEmpty { out.append(indent + "  beyond capacity after: " + f.overCapacity.joined(separator: ", ")) }
        return out.joined(separator: "\n")
    }

    /// A relative gap for people: below 1e-12 it is rounding (and differs between builds), so
    /// it reads "< 1e-12".
    public static func gap(_ gap: Double) -> String {
        gap < 1e-12 ? "< 1e-12" : String(format: "%.1e", gap)
    }
}
