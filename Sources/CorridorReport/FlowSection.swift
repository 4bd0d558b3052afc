import CorridorFlows
import CorridorGeo
import CorridorNetwork
import Foundation

/// What the report's flows section draws: the region's demand model at equilibrium on the
/// baseline, the options' changes against it, and (where counts exist) the held-out validation.
public struct FlowReport: Sendable {
    public var model: RegionFlowModel
    public var run: RegionFlowRun
    /// Per option (id and name), its change against `run`.
    public var changes: [(id: String, name: String, change: RegionFlowChange)]
    /// The validation against counted crossings, empty where the region has no counts.
    public var validation: [RegionValidation.Segment]

    public init(model: RegionFlowModel, run: RegionFlowRun, changes: [(id: String, name: String, change: RegionFlowChange)],
                validation: [RegionValidation.Segment]) {
        self.model = model
        self.run = run
        self.changes = changes
        self.validation = validation
    }
}

extension PlannerReport {
    /// The flows section: a flow map (routed flows from zones to crossings and between
    /// crossings as straight lines, width by volume; crossings as circles coloured by v/c),
    /// the crossing volume/capacity table, the options' changes and the validation plot.
    static func flowSection(_ page: inout Page, _ f: FlowReport, _ network: TransportNetwork, _ box: [Double]) {
        let m = f.model, r = f.run.result
        let net = m.assignmentNetwork
        var map = base(network, box, faint: true)
        // The compact network's uncongested links are stretches inside a country: drawn as
        // straight lines between their ends, the heaviest 400.
        let crossingLinks = Set(m.crossingAssignmentLinks.flatMap { [$0.forward, $0.backward] })
        let drawn = (0..<net.linkCount).filter { !crossingLinks.contains($0) && r.linkFlows[$0] > 0 }
            .sorted { r.linkFlows[$0] != r.linkFlows[$1] ? r.linkFlows[$0] > r.linkFlows[$1] : $0 < $1 }.prefix(400)
        let largest = drawn.first.map { r.linkFlows[$0] } ?? 1
        for l in drawn.reversed() {
            let a = network.coordinate(of: m.compactNodes[Int(net.tails[l])]), b = network.coordinate(of: m.compactNodes[Int(net.heads[l])])
            let width = 0.4 + 7 * (r.linkFlows[l] / largest).squareRoot()
            map.lines([[a, b]], stroke: "#2166ac", width: width, opacity: 0.45, tolerance: 0)
        }
        let volumes = f.run.volumes
        let busiest = volumes.map { $0.inbound.reduce(0, +) + $0.outbound.reduce(0, +) }.max() ?? 1
        for (k, l) in m.crossingLinks.enumerated() {
            guard let v = volumes.first(where: { $0.crossingId == l.crossingId }) else { continue }
            let (fwd, bwd) = m.crossingAssignmentLinks[k]
            let total = r.linkFlows[fwd] + r.linkFlows[bwd]
            let ratio = v.volumeCapacityRatio
            let color = ratio > 1 ? "#d73027" : (ratio > 0.8 ? "#fc8d59" : "#1a9850")
            map.circle(network.coordinate(of: l.nodeA), radius: 2 + 9 * (max(0, total) / max(busiest, 1)).squareRoot(), fill: color, stroke: "#333333",
                       title: "\(l.crossingName): \(grouped(total)) PCE a year on this edge, v/c \(String(format: "%.2f", ratio))")
        }
        map.legend([("#2166ac", true, "routed flow (width by volume)"), ("#1a9850", false, "crossing v/c ≤ 0.8"),
                    ("#fc8d59", false, "0.8-1"), ("#d73027", false, "over capacity")])
        page.raw("<section id=\"flows\"><h2>Flows</h2>")
        let segs = f.run.segments.map(\.name)
        page.raw("<p>The region's demand model (docs/flows.md): \(m.zones.count) zones, segments \(HTML.escape(segs.joined(separator: ", "))), a doubly constrained gravity model each, loaded to user equilibrium by gradient projection (relative gap \(String(format: "%.1e", r.relativeGap)), \(f.run.feedbackLoops) demand–assignment round\(f.run.feedbackLoops == 1 ? "" : "s")). Only the crossings congest: \(HTML.escape(m.defaults.capacitySource)).</p>")
        page.raw("<p>Scales on the trip rates (to the counted totals where the region has counts): " + zip(segs, f.run.scales).map { "\(HTML.escape($0)) \(String(format: "%.4g", $1))" }.joined(separator: ", ") + ".</p>")
        page.raw("<figure>" + map.svg(title: "Flows through the crossings at equilibrium") + "<figcaption>Blue: routed flow between zones and crossings (straight lines for stretches inside one country, the heaviest 400). Circles: crossings, area by volume, colour by volume/capacity.</figcaption></figure>")
        page.raw("<h3>Crossings: volume and capacity</h3>")
        func total(_ v: RegionFlowModel.CrossingVolume) -> Double { v.inbound.reduce(0, +) + v.outbound.reduce(0, +) }
        let rows = volumes.sorted { total($0) > total($1) }.prefix(25)
        var header: [String] = ["crossing"]
        for s in segs { header.append("\(s) (vehicles a year, both ways)") }
        header += ["v/c", "hours through (congested)", "hours through (free flow)"]
        page.table(header, rows.map { v -> [String] in
            var row: [String] = [v.name]
            for c in v.inbound.indices { row.append(grouped(v.inbound[c] + v.outbound[c])) }
            row.append(String(format: "%.2f", v.volumeCapacityRatio))
            row.append(String(format: "%.2f", v.congestedHours))
            row.append(String(format: "%.2f", v.freeFlowHours))
            return row
        })
        if !f.changes.isEmpty {
            page.raw("<h3>What each option changes</h3>")
            page.raw("<p>Each option at equilibrium with the baseline's trip rates. Hours saved: the rule of half over the zone pairs connected before and after; trips between zones the option connects have no before-cost and are counted apart.</p>")
            var header: [String] = ["option"]
            for s in segs { header += ["\(s): through a crossing, before → after", "\(s): vehicle-hours saved a year", "\(s): trips newly connected"] }
            header += ["largest moves", "over capacity after"]
            page.table(header, f.changes.map { c -> [String] in
                var row: [String] = [c.name]
                for s in c.change.segments {
                    row += ["\(grouped(s.crossBorderTripsBefore)) → \(grouped(s.crossBorderTripsAfter))", grouped(s.hoursSaved), grouped(s.tripsNewlyConnected)]
                }
                let moves = c.change.crossings.prefix(3).map { x -> String in
                    "\(x.name) \(grouped(x.before.reduce(0, +))) → \(grouped(x.after.reduce(0, +)))"
                }
                row.append(moves.joined(separator: "; "))
                row.append(c.change.overCapacity.joined(separator: ", "))
                return row
            })
        }
        if !f.validation.isEmpty {
            page.raw("<h3>Checked against the counted crossings</h3>")
            page.raw("<p>Held-out predictions (ports cut into folds, parameters fitted without each fold) against the BTS 2024 counts; free-flow loadings.</p>")
            page.raw("<figure>" + ValidationPlot.svg(f.validation, title: "Counted against held-out modelled entries") + "</figure>")
            var rows: [[String]] = []
            for s in f.validation {
                for b in s.statistics.keys.sorted() {
                    let st = s.statistics[b]!
                    rows.append([s.name, b, "\(st.count)", String(format: "%.2f", st.spearman), String(format: "%.2f", st.r2Log),
                                 String(format: "%.2f", st.r2Log1pAsIs), String(format: "%.0f%%", st.gehBelow5Share * 100),
                                 String(format: "%.0f%%", st.gehHourlyBelow5Share * 100), String(format: "%.0f%%", st.observedShareOfModelTopFive * 100)])
                }
            }
            page.table(["segment", "border", "ports", "Spearman", "R² of logs", "R² of log(1+count) as predicted", "GEH < 5 daily", "GEH < 5 hourly",
                        "counted share of the model's top five"], rows)
            let largest = f.validation.flatMap { s in s.largestPorts.map { (s.name, $0) } }
            let within = largest.filter { $0.1.withinFactorTwo }.count
            page.raw("<p>The largest counted ports of each border and segment: \(within) of \(largest.count) predicted held out within a factor of 2 (ringed in the plot).</p>")
            page.table(["segment", "border", "port", "counted", "predicted held out", "ratio", "within ×2", "note"], largest.map { name, p in
                [name, p.border, p.name, String(format: "%.0f", p.observed), p.heldOutPrediction.map { String(format: "%.0f", $0) } ?? "no border edge",
                 p.ratio.map { String(format: "%.2f", $0) } ?? "–", p.withinFactorTwo ? "yes" : "no", p.reason ?? ""]
            })
        }
        page.raw("</section>")
    }
}
