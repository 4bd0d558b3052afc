import CorridorGeo
import CorridorGovernance
import CorridorNetwork
import Foundation

extension PlannerReport {
    /// Who must agree, what blocks each corridor, which step comes first: jurisdiction
    /// profiles, gates with a map of the blocked stretches, hold-up, the roadmap over the
    /// presets, docking hotspots and twin cities.
    static func governanceSection(_ page: inout Page, _ g: GovernanceSummary, _ network: TransportNetwork, _ box: [Double]) {
        page.raw("<section id=\"governance\"><h2>Governance</h2>")
        page.raw("<p>Memberships as of \(g.day). The common superior is the lowest jurisdiction above every part of a corridor; a corridor spanning countries has none, so only a negotiated arrangement can carry it. Complexity weights are documented defaults (docs/governance.md).</p>")
        page.table(["corridor", "countries", "border crossings", "admin-1 units (crossings, re-entries)", "common superior", "time shares (HHI, entropy)", "complexity"],
                   g.profiles.map { r in
            let c = r.profile.level(.country), a = r.profile.level(.admin1)
            return [r.name + (r.legsMissing.isEmpty ? "" : " (no link: \(r.legsMissing.joined(separator: ", ")))"),
                    (c?.sequence ?? []).joined(separator: " → "), "\(c?.boundaryCrossings ?? 0)",
                    "\(a?.distinct ?? 0) (\(a?.boundaryCrossings ?? 0), \(a?.reEntries ?? 0))",
                    r.profile.commonSuperior ?? ("none" + (r.profile.frameworks.isEmpty ? "" : "; frameworks: " + r.profile.frameworks.joined(separator: "; "))),
                    String(format: "%.2f, %.2f", c?.timeFragmentation.herfindahl ?? 0, c?.timeFragmentation.normalizedEntropy ?? 0),
                    String(format: "%.1f", r.profile.complexity)]
        })
        // Gates and blocked stretches.
        var map = base(network, box, faint: true)
        let kindColor = ["gated": "#d73027", "closed": "#7b3294", "missing": "#f46d43"]
        for c in g.gates.corridors {
            for s in c.blocked {
                let shapes = s.edges.isEmpty ? [s.ends.map { Coordinate(lon: $0[0], lat: $0[1]) }] : s.edges.map { network.shape(of: $0) }
                map.lines(shapes, stroke: kindColor[s.kind] ?? "#000000", width: 3.5, dash: s.kind == "missing" ? "5 3" : nil, tolerance: 0,
                          title: "\(c.name), \(s.leg): \(s.kind)\(s.gates.isEmpty ? "" : "; gates " + s.gates.joined(separator: ", "))")
            }
        }
        map.legend([("#d73027", true, "gated (closed, gates not met)"), ("#7b3294", true, "closed (no gate recorded)"), ("#f46d43", true, "missing link")])
        page.raw("<h3>Gates</h3><p>Preconditions with their states and sources (curated). A corridor's links are operable when open today; a blocked stretch is gated when unmet gates explain its closure.</p>")
        page.table(["gate", "state", "weight", "source"], g.gates.gates.map { [$0.name, $0.state, String(format: "%.1f", $0.weight ?? 1), $0.source] })
        page.raw("<figure>" + map.svg(title: "Blocked stretches of the named corridors") + "<figcaption>Stretches of each corridor's alignment (its fastest route with every crossing open) that are not operable today.</figcaption></figure>")
        page.table(["corridor", "continuity (links, length)", "blocked stretches", "gate burden", "blocked only by gates"], g.gates.corridors.map { c in
            [c.name, String(format: "%.0f %%, %.0f %%", c.continuity * 100, c.continuityByLength * 100),
             c.blocked.map { "\($0.leg) (\($0.kind)\($0.crossings.isEmpty ? "" : " at " + $0.crossings.joined(separator: ", "))\($0.providedBy.isEmpty ? "" : "; built by " + $0.providedBy.joined(separator: ", ")))" }.joined(separator: "; "),
             String(format: "%.1f", c.gateBurden), c.blockedOnlyByGates ? "yes: " + c.gates.joined(separator: ", ") : "no"]
        })
        // Hold-up.
        page.raw("<h3>Hold-up</h3><p>What each country a corridor passes takes away by withdrawing (its territory closed): legs cut, hours added on the rest; a cut point separates the corridor's ends in the graph of countries the open network joins.</p>")
        page.table(["corridor", "country", "legs cut", "hours added", "cut point", "alternatives avoiding it"], g.holdUps.flatMap { h in
            h.holdUp.withdrawals.filter { !$0.holdsEndpoint || !$0.legsCut.isEmpty }.map { w in
                [h.name, w.jurisdiction + (w.holdsEndpoint ? " (holds an end)" : ""), w.legsCut.joined(separator: ", "),
                 String(format: "%.1f", w.hoursAdded), w.cutPoint ? "yes" : "no", "\(w.alternativesAvoiding)\(w.alternativesCapped ? "+" : "")"]
            }
        })
        if let r = g.roadmap {
            page.raw("<h3>Easy-first roadmap over the options</h3><p>Options ordered by gate burden, then by the countries that must agree; beside it the order that maximises the total gain over the stages (exact search).</p>")
            for o in [r.easyFirst] + (r.exact.map { [$0] } ?? [r.greedy]) {
                page.raw("<p><b>\(HTML.escape(o.method))</b> (total gain \(String(format: "%.2f", o.totalGain)) %-stages)</p>")
                page.table(["stage", "option", "gate burden", "countries", "pairs newly reachable", "population gaining", "gain (%)", "cumulative (%)"], o.stages.map { s in
                    ["\(s.step)", s.candidate, String(format: "%.1f", s.gateBurden), "\(s.jurisdictions)", "\(s.newlyReachablePairs)", grouped(s.populationGaining),
                     String(format: "%+.3f", s.gainPercent), String(format: "%+.3f", s.cumulativeGainPercent)]
                })
            }
        }
        // Docking and twin cities.
        var dock = base(network, box, faint: true)
        for t in g.twinCities { dock.lines([t.ends.map { Coordinate(lon: $0[0], lat: $0[1]) }], stroke: t.joined ? "#1a9850" : "#d73027", width: 2, tolerance: 0, title: "\(t.a)–\(t.b)") }
        let top = g.docking.hotspots.prefix(15)
        for h in top.reversed() {
            dock.circle(Coordinate(lon: h.lon, lat: h.lat), radius: 2 + 1.5 * Double(h.initiatives.count), fill: h.kind == "place" ? "#2166ac" : "#b2182b",
                        stroke: "#ffffff", title: "\(h.name): \(h.initiatives.joined(separator: ", "))")
        }
        dock.legend([("#2166ac", false, "place claimed (size: initiatives)"), ("#b2182b", false, "crossing claimed"), ("#1a9850", true, "twin cities joined"), ("#d73027", true, "twin cities not joined")])
        page.raw("<h3>Docking hotspots and twin cities</h3><p>Places and crossings claimed by the most initiatives and belts in force on \(g.day).</p>")
        page.raw("<figure>" + dock.svg(title: "Docking hotspots and twin cities") + "</figure>")
        page.table(["place or crossing", "initiatives", "named corridors"], top.map { [$0.name, "\($0.initiatives.count): " + $0.initiatives.joined(separator: ", "), $0.corridors.joined(separator: ", ")] })
        page.table(["twin cities", "relation", "km apart", "network hours", "border adds (h)", "crossings"], g.twinCities.map { t in
            [t.a + "–" + t.b, t.relation, String(format: "%.0f", t.straightKilometers), t.joined ? String(format: "%.1f", t.hours) : "not joined",
             t.joined ? String(format: "%.1f", t.borderHours) : (t.hoursIfOpened.map { String(format: "%.1f h if opened", $0) } ?? "–"), t.crossings.joined(separator: ", ")]
        })
        page.raw("</section>")
    }
}
