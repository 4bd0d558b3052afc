import CorridorAnalysis
import CorridorFlows
import Foundation

/// The command line's text of criticality (the JSON carries the same values in full).
public enum CriticalityText {
    /// Links, open crossings and bridges by loss, and (with flows) the open road crossings by
    /// the flow their closure re-routes.
    public static func text(links: Criticality.LinkCriticality, crossings: [Criticality.CrossingLoss], bridges: [Criticality.BridgeLoss], top: Int,
                            segments: [String], flowLosses: [CrossingFlowLoss]?) -> String {
        var out: [String] = []
        out.append("links between junctions (removing each; pairs among the \(links.places) most populous places; \(links.edgesOnPaths) of \(links.edgesTotal) edges on a used path, in \(links.linksTested) links):")
        for l in links.links.prefix(top) {
            let flags = [l.isBridge ? "bridge" : nil, l.touchesArticulationPoint ? "cut-vertex end" : nil, l.crossing].compactMap { $0 }
            out.append(String(format: "  edge %-7d %@ %6.1f km %4d pairs cut, %6.3f h added, %4d pairs affected  (%.3f, %.3f) %@", l.edge, pad(l.mode, 8),
                         l.kilometers, l.pairsDisconnected, l.weightedHoursAdded, l.pairsAffected, l.lon, l.lat, flags.joined(separator: ", ")))
        }
        out.append("open crossings (closing each):")
        for c in crossings {
            out.append(String(format: "  %@ %4d pairs cut, %6.2f h added (population-weighted), %d pairs affected", pad(c.crossing, 40), c.pairsDisconnected, c.weightedHoursAdded, c.pairsUsing))
        }
        out.append("bridges (links whose loss splits the network), by population cut off:")
        for b in bridges {
            out.append(String(format: "  edge %-7d %@ %@ %12.0f people  (%.3f, %.3f)", b.edge, pad(b.mode, 5), pad(b.source, 16), b.populationCutOff, b.lon, b.lat))
        }
        if let flowLosses {
            out.append("open road crossings by flow (closing each; trips re-routed at the equilibrium's costs):")
            out.append("  " + pad("crossing", 40) + segments.map { pad($0 + ": vehicles, veh-h added, trips cut", 44) }.joined())
            for l in flowLosses {
                out.append("  " + pad(String(l.name.prefix(38)), 40) + segments.indices.map { k in
                    pad(String(format: "%.0f, %.0f, %.0f", l.volume[k], l.hoursAdded[k], l.tripsCutOff[k]), 44)
                }.joined())
            }
        }
        return out.joined(separator: "\n")
    }
}
