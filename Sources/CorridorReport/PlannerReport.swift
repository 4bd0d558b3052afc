import CorridorAnalysis
import CorridorAppraisal
import CorridorData
import CorridorGeo
import CorridorGovernance
import CorridorNetwork
import Foundation

/// The planner's report: one self-contained HTML page (inline CSS, SVG and one small inline
/// script for pan and zoom on the maps and sorting on the tables; no network access) from a
/// `RegionSummary` and the options' appraisals. It only renders; every number comes from the
/// summary, the appraisals or the network. The page is also well-formed XML (the script sits
/// in a CDATA section), so it can be checked by a parser; scripts/test-report-browser checks
/// it in headless Chromium.
public enum PlannerReport {
    /// - Parameters:
    ///   - s: the computed summary of the region; every figure of the page comes from it.
    ///   - network: the network `s` was computed on, for the maps (links, crossings, ports,
    ///     places).
    ///   - box: the map extent [west, south, east, north] (e.g. the manifest's bbox).
    ///   - generated: the line saying when and how the report was made.
    ///   - appraisals: the options' appraisals, for the appraisal section (ranked by NPV there).
    ///   - flows: the region's flows at equilibrium, for the flows section (none without).
    ///   - governance: the corridors' governance, for the governance section (none without).
    public static func html(_ s: RegionSummary, network: TransportNetwork, box: [Double], generated: String,
                            appraisals: [OptionAppraisal] = [], flows: FlowReport? = nil, governance: GovernanceSummary? = nil) -> String {
        var page = Page()
        page.raw("<header><h1>\(HTML.escape(s.title))</h1><p>\(HTML.escape(s.description))</p>")
        page.raw("<p class=\"meta\">\(HTML.escape(generated)). Routes \(s.landOnly ? "by land only (sea lanes closed)" : "by every mode"). Times include border delays.</p></header>")
        page.raw("<nav>" + ([("network", "Network"), ("connectivity", "Connectivity"), ("accessibility", "Accessibility"),
                            ("criticality", "Critical links"), ("borders", "Cross-border"), ("corridors", "Named corridors"), ("scenarios", "Corridor options"),
                            ("appraisal", "Appraisal")] + (flows == nil ? [] : [("flows", "Flows")]) + (governance == nil ? [] : [("governance", "Governance")]) + [("quality", "Data quality"), ("sources", "Sources")]).map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " · ") + "</nav>")
        page.raw(backdrop(network, box))
        networkSection(&page, s, network, box)
        connectivitySection(&page, s)
        accessibilitySection(&page, s, network, box)
        criticalitySection(&page, s, network, box)
        borderSection(&page, s)
        corridorSection(&page, s)
        scenarioSection(&page, s, network, box)
        appraisalSection(&page, appraisals)
        if let flows { flowSection(&page, flows, network, box) }
        if let governance { governanceSection(&page, governance, network, box) }
        qualitySection(&page, s.quality, network, box)
        page.raw("<section id=\"sources\"><h2>Sources and attribution</h2><ul>")
        for c in s.sources {
            page.raw("<li><b>\(HTML.escape(c.name))</b> (\(HTML.escape(c.licence))): \(HTML.escape(c.attribution))</li>")
        }
        page.raw("</ul><p>Speeds, transfer times and border delays are labelled assumptions in the region manifest.</p></section>")
        return page.document(title: "Corridor report: \(s.title)")
    }

    // MARK: - Sections

    static let modeColors: [(Mode, String, String?)] = [(.road, "#7f7f7f", nil), (.rail, "#b2182b", nil), (.ferry, "#1b7837", "4 3"), (.sea, "#4393c3", "2 3")]

    /// The network drawn in colour (faint: false), or the faint grey backdrop of the thematic
    /// maps, which is drawn once into a hidden sprite and reused by reference.
    static func base(_ network: TransportNetwork, _ box: [Double], faint: Bool) -> SVGMap {
        var map = SVGMap(box: box)
        if faint { map.append("<use href=\"#backdrop\"/>"); return map }
        for (mode, color, dash) in modeColors {
            let shapes = (0..<network.edgeCount).filter { network.edgeMode[$0] == mode }.map { network.shape(of: $0) }
            map.lines(shapes, stroke: color, width: mode == .road ? 0.7 : 1.1, opacity: 0.85, dash: dash, tolerance: 0.8, minimum: 0.6)
        }
        return map
    }

    /// The backdrop sprite: a zero-size SVG holding the faint network as `#backdrop`.
    static func backdrop(_ network: TransportNetwork, _ box: [Double]) -> String {
        let map = SVGMap(box: box)
        var paths = ""
        for (mode, _, dash) in modeColors {
            let shapes = (0..<network.edgeCount).filter { network.edgeMode[$0] == mode }.map { network.shape(of: $0) }
            paths += SVGMap.path(map, shapes, stroke: "#b9bec4", width: 0.6, opacity: 0.9, dash: dash, tolerance: 1.5, minimum: 1.5, decimals: 0)
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sprite\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs><g id=\"backdrop\">\(paths)</g></defs></svg>"
    }

    static func statusColor(_ s: CrossingStatus) -> String {
        switch s {
        case .open: return "#1a9850"
        case .closed: return "#d73027"
        case .planned: return "#f46d43"
        case .unverified: return "#9e9e9e"
        }
    }

    static func networkSection(_ page: inout Page, _ s: RegionSummary, _ network: TransportNetwork, _ box: [Double]) {
        var map = base(network, box, faint: false)
        let maxVolume = network.crossings.compactMap(\.vehiclesPerYear).max() ?? 0
        let ordered = network.crossings.indices.sorted { (network.crossings[$0].vehiclesPerYear ?? 0) > (network.crossings[$1].vehiclesPerYear ?? 0) }
        for i in ordered {
            let c = network.crossings[i]
            let r = c.vehiclesPerYear.map { maxVolume > 0 ? 3 + 11 * ($0 / maxVolume).squareRoot() : 3.5 } ?? (c.status == .unverified ? 2.5 : 4)
            let volume = c.vehiclesPerYear.map { ", \(grouped($0)) \(c.mode == .rail ? "trains" : "trucks")/year" } ?? ""
            map.circle(c.position, radius: r, fill: statusColor(c.status), stroke: "#333333",
                       title: "\(c.name) (\(c.mode.rawValue), \(c.status.rawValue), delay \(String(format: "%.1f", c.delaySeconds / 3600)) h\(volume))")
        }
        for p in network.ports { map.circle(network.coordinate(of: Int(p.node)), radius: 2.2, fill: "#2166ac", stroke: "#ffffff", title: "port \(p.name)") }
        for i in network.mostPopulousPlaces(10) {
            let p = network.places[i]
            map.circle(network.coordinate(of: Int(p.node)), radius: 2.5, fill: "#222222", title: "\(p.name): \(grouped(p.population))")
            map.label(network.coordinate(of: Int(p.node)), p.name)
        }
        map.legend([("#7f7f7f", true, "road"), ("#b2182b", true, "rail"), ("#1b7837", true, "ferry"), ("#4393c3", true, "sea lane"),
                    ("#1a9850", false, "crossing open (size: volume)"), ("#d73027", false, "crossing closed"),
                    ("#f46d43", false, "crossing planned"), ("#9e9e9e", false, "crossing unverified"), ("#2166ac", false, "seaport")])
        page.raw("<section id=\"network\"><h2>Network</h2>")
        page.raw("<p>\(grouped(Double(s.stats.nodes))) nodes and \(grouped(Double(s.stats.edges))) links; \(s.stats.places) places, \(s.stats.ports) seaports, \(network.crossings.count) crossing modes. Hover a crossing for its state, delay and volume.</p>")
        page.raw("<figure>" + map.svg(title: "Network of \(s.title): modes and crossings") + "<figcaption>Network by mode; crossings coloured by state and sized by annual trucks or trains where the source gives them.</figcaption></figure>")
        page.table(["mode", "links", "km"], s.stats.edgesByMode.keys.sorted().map { m in
            [m, grouped(Double(s.stats.edgesByMode[m] ?? 0)), grouped(s.stats.kilometersByMode[m] ?? 0)]
        })
        page.raw("</section>")
    }

    static func connectivitySection(_ page: inout Page, _ s: RegionSummary) {
        page.raw("<section id=\"connectivity\"><h2>Connectivity</h2>")
        page.raw("<p>Kansky's indices (structural: every link counts, whatever its crossing's state). α is the share of possible circuits, β links per node, γ the share of possible links, η kilometres per link. \(s.stats.components) components; the largest holds \(grouped(Double(s.stats.largestComponentNodes))) nodes.</p>")
        page.table(["network", "nodes", "links", "components", "cyclomatic μ", "α", "β", "γ", "η (km)"], s.stats.kansky.keys.sorted().map { m in
            let k = s.stats.kansky[m]!
            return [m, grouped(Double(k.vertices)), grouped(Double(k.edges)), "\(k.components)", grouped(Double(k.cyclomatic)),
                    String(format: "%.4f", k.alpha), String(format: "%.3f", k.beta), String(format: "%.4f", k.gamma), String(format: "%.2f", k.etaKilometers)]
        })
        page.table(["crossings by state", "count"], s.stats.crossings.byStatus.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] })
        page.table(["crossings by country pair", "count"], s.stats.crossings.byCountries.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] })
        page.raw("</section>")
    }

    static let sequential = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]

    static func accessibilitySection(_ page: inout Page, _ s: RegionSummary, _ network: TransportNetwork, _ box: [Double]) {
        let a = s.accessibility
        var map = base(network, box, faint: true)
        let positive = a.gravityExponential.filter { $0 > 0 }.sorted()
        let breaks = (1..<5).map { positive.isEmpty ? 0 : positive[min(positive.count - 1, positive.count * $0 / 5)] }
        let maxPop = a.population.max() ?? 1
        let drawn = network.mostPopulousPlaces(2000).sorted { a.population[$0] < a.population[$1] }
        for i in drawn {
            let g = a.gravityExponential[i]
            let cls = breaks.filter { g >= $0 }.count
            map.circle(network.coordinate(of: Int(network.places[i].node)), radius: 1.5 + 7 * (a.population[i] / maxPop).squareRoot(),
                       fill: sequential[cls], stroke: "#ffffff",
                       title: "\(a.placeNames[i]): gravity \(grouped(g)), \(grouped(a.populationWithin[i])) people within \(Int(a.withinHours)) h")
        }
        map.legend((0..<5).map { k in
            (sequential[k], false, k == 0 ? "gravity < \(grouped(breaks[0]))" : k == 4 ? "gravity ≥ \(grouped(breaks[3]))" : "\(grouped(breaks[k - 1]))–\(grouped(breaks[k]))")
        })
        page.raw("<section id=\"accessibility\"><h2>Accessibility</h2>")
        page.raw("<p>Gravity (Hansen) accessibility of each place: Σ P_j·exp(−β t_ij) with β = \(a.beta) per hour, t in hours over the network. Classes are quintiles; circles are sized by population (the \(drawn.count) most populous places are drawn).</p>")
        page.raw("<figure>" + map.svg(title: "Gravity accessibility per place") + "<figcaption>Gravity accessibility per place (quintiles).</figcaption></figure>")
        let order = network.mostPopulousPlaces(15)
        page.table(["place", "country", "population", "h to seaport", "h to open crossing", "population within \(Int(a.withinHours)) h", "gravity"], order.map { i in
            [a.placeNames[i], a.countries[i], grouped(a.population[i]), hours(a.hoursToNearestPort[i]), hours(a.hoursToNearestOpenCrossing[i]),
             grouped(a.populationWithin[i]), grouped(a.gravityExponential[i])]
        })
        page.raw("</section>")
    }

    static func criticalitySection(_ page: inout Page, _ s: RegionSummary, _ network: TransportNetwork, _ box: [Double]) {
        var map = base(network, box, faint: true)
        for (rank, l) in s.links.links.enumerated().reversed() {
            map.lines(l.edges.map { network.shape(of: $0) }, stroke: l.pairsDisconnected > 0 ? "#d73027" : "#fc8d59", width: 3.5, tolerance: 0,
                      title: "#\(rank + 1) link at edge \(l.edge) (\(l.mode), \(String(format: "%.1f", l.kilometers)) km): \(l.pairsDisconnected) pairs cut, \(String(format: "%.3f", l.weightedHoursAdded)) h added")
            map.circle(Coordinate(lon: l.lon, lat: l.lat), radius: 4, fill: l.pairsDisconnected > 0 ? "#d73027" : "#fc8d59", stroke: "#333333")
            map.label(Coordinate(lon: l.lon, lat: l.lat), "\(rank + 1)", size: 11, dx: 5, dy: -4)
        }
        map.legend([("#d73027", true, "loss cuts pairs"), ("#fc8d59", true, "loss adds time")])
        page.raw("<section id=\"criticality\"><h2>Critical links</h2>")
        page.raw("<p>Each link on a fastest path between two of the \(s.links.places) most populous places is removed in turn (\(grouped(Double(s.links.edgesOnPaths))) of \(grouped(Double(s.links.edgesTotal))) edges qualify, forming \(grouped(Double(s.links.linksTested))) links between junctions; the others cannot matter). Ranked by pairs cut, then by population-weighted hours added.</p>")
        page.raw("<figure>" + map.svg(title: "The most critical links") + "<figcaption>The top \(s.links.links.count) links by loss, numbered by rank.</figcaption></figure>")
        page.table(["rank", "link", "mode", "km", "crossing", "pairs cut", "h added (weighted)", "pairs affected", "bridge", "lon, lat"],
                   s.links.links.enumerated().map { r, l in
            ["\(r + 1)", "\(l.edge) (\(l.source))", l.mode, String(format: "%.1f", l.kilometers), l.crossing ?? "", "\(l.pairsDisconnected)", String(format: "%.3f", l.weightedHoursAdded),
             "\(l.pairsAffected)", l.isBridge ? "yes" : "", String(format: "%.3f, %.3f", l.lon, l.lat)]
        })
        page.raw("<h3>Open crossings, closed one at a time</h3>")
        page.table(["crossing", "name", "pairs cut", "h added (weighted)", "pairs affected"], s.crossings.map {
            [$0.crossing, $0.name, "\($0.pairsDisconnected)", String(format: "%.3f", $0.weightedHoursAdded), "\($0.pairsUsing)"]
        })
        page.raw("<h3>Bridges by population cut off</h3>")
        page.table(["link", "mode", "source", "population cut off", "lon, lat"], s.bridges.map {
            ["\($0.edge)", $0.mode, $0.source, grouped($0.populationCutOff), String(format: "%.3f, %.3f", $0.lon, $0.lat)]
        })
        page.raw("</section>")
    }

    static func borderSection(_ page: inout Page, _ s: RegionSummary) {
        page.raw("<section id=\"borders\"><h2>Cross-border analytics</h2><h3>Border zones</h3>")
        if let width = s.borderZones.first?.widthKilometers {
            page.raw("<p>The band of \(Int(width)) km on each side of each border (the US–Mexico La Paz Agreement width), in \(HTML.escape(s.borderZones[0].metricCRS)). Crossing locations count once whatever their modes; gaps are measured along the border between consecutive open crossings. Borders are clipped to the region.</p>")
            page.table(["border", "dyad (asymmetry)", "km", "open crossings", "per 100 km", "mean gap km", "largest gap", "share > \(Int(s.borderZones[0].reachKilometers)) km from a crossing",
                        "population in band (each side)"], s.borderZones.map { z in
                [z.border, z.dyad.map { "\($0.dyadClass) (\(String(format: "%.1f", $0.asymmetry)))" } ?? "–", grouped(z.borderKilometers), "\(z.openCrossings)", String(format: "%.2f", z.openCrossingsPer100Kilometers),
                 z.meanGapKilometers.map { grouped($0) } ?? "–",
                 z.largestGap.map { "\(grouped($0.kilometers)) km, \($0.from) – \($0.to)" } ?? "–",
                 String(format: "%.0f %%", z.shareBeyondReach * 100),
                 z.sides.map { "\($0.country) \(grouped($0.population))" }.joined(separator: "; ")]
            })
        } else {
            page.raw("<p>No border layers were given.</p>")
        }
        if let e = s.borderEffect, !e.byCountryPair.isEmpty {
            page.raw("<h3>Border effect</h3><p>Pairs among the \(e.places) most populous places in different countries, by land: the time ratio with and without border delays, the hours the delays add, and the equivalent distance (the added time at the pair's own straight-line speed).</p>")
            page.table(["countries", "pairs", "time ratio", "hours added", "equivalent km"], e.byCountryPair.map {
                [$0.countries, "\($0.pairs)", String(format: "%.2f", $0.weightedMeanRatio), String(format: "%.2f", $0.weightedMeanHoursAdded), grouped($0.equivalentKilometers)]
            })
            page.table(["border delays × ", "mean hours, cross-border pairs", "interaction change"], e.sweep.map {
                [String(format: "%.2f", $0.scale), String(format: "%.2f", $0.weightedMeanHours), String(format: "%+.2f %%", $0.interactionChangePercent)]
            })
        }
        if let l = s.landSea, l.pairs > 0 {
            page.raw("<h3>Land against sea</h3><p>Cross-border pairs among the \(l.places) most populous places, gravity-weighted: land (through crossings, sea closed) wins \(String(format: "%.1f", l.landShare * 100)) %.</p>")
            page.table(["countries", "pairs", "land share", "mean h by land", "mean h by sea"], l.byCountryPair.map {
                [$0.countries, "\($0.pairs)", String(format: "%.0f %%", $0.landShare * 100), $0.meanLandHours.map { String(format: "%.1f", $0) } ?? "–",
                 $0.meanSeaHours.map { String(format: "%.1f", $0) } ?? "–"]
            })
        }
        if !s.regimes.isEmpty {
            page.raw("<h3>Integration regimes</h3><p>Border-delay factors relative to no agreement, used by <code>--as-of</code>; labelled assumptions.</p>")
            page.table(["regime", "countries", "in force", "delay factor", "category", "source"], s.regimes.map {
                [$0.name, $0.countries.joined(separator: ", "), "\($0.from) – \($0.until ?? "")", String(format: "%.2f", $0.delayFactor), $0.category, $0.source]
            })
        }
        if !s.weakestSeaportFeeders.isEmpty {
            page.raw("<h3>Seaports with the weakest domestic feeders</h3>")
            page.table(["seaport", "country", "domestic gravity", "population within \(Int(s.withinHours)) h", "largest reachable place"], s.weakestSeaportFeeders.map { f in
                [f.name, f.country, grouped(f.domesticGravity), grouped(f.populationWithin),
                 f.largestReachablePlace.map { n in "\(n) (\(String(format: "%.1f", f.hoursToLargestReachablePlace ?? 0)) h)" } ?? "none"]
            })
        }
        if !s.agglomerations.isEmpty {
            page.raw("<h3>Agglomeration cohesion</h3><p>Each country's largest place with the places within 60 km (up to 8): travel times among them and route redundancy (a link-disjoint alternative).</p>")
            page.table(["agglomeration", "cities", "mean h", "max h", "within 1 h", "within 2 h", "pairs with an alternative"], s.agglomerations.map {
                [$0.name, "\($0.cities.count)", String(format: "%.2f", $0.meanHours), $0.maxHours.isFinite ? String(format: "%.2f", $0.maxHours) : "unreachable",
                 String(format: "%.0f %%", $0.shareWithin1Hour * 100), String(format: "%.0f %%", $0.shareWithin2Hours * 100),
                 String(format: "%.0f %%", $0.shareWithAlternative * 100)]
            })
        }
        if !s.catchments.isEmpty {
            page.raw("<h3>Two-sided catchments</h3><p>Population each side brings to a crossing within \(Int(s.withinHours)) h over its own domestic network (sea closed); the smaller side binds. Every crossing with border links, whatever its state, ranked by the binding side.</p>")
            page.table(["crossing", "state", "side A", "side B", "binding", "balance", "trunk: h to the largest reachable place"], s.catchments.prefix(s.links.links.count).map { c in
                [c.name, c.status] + c.sides.map { "\($0.country) \(grouped($0.populationWithin))" } + (c.sides.count < 2 ? [""] : []) + [
                    c.bindingSide ?? "–", String(format: "%.2f", c.balance),
                    c.sides.map { side in side.hoursToLargestReachablePlace.map { "\(side.country) \(String(format: "%.1f", $0)) (\(side.largestReachablePlace ?? ""))" } ?? "\(side.country) none" }.joined(separator: "; "),
                ]
            })
        }
        page.raw("</section>")
    }

    static let findingColors: [NetworkQA.Kind: String] = [
        .component: "#762a83", .nearMiss: "#fdae61", .suspectBridge: "#d73027", .crossingWithoutEdge: "#4575b4",
        .unmatchedBorderEdge: "#74add1", .longAccess: "#1a9850", .duplicateEdge: "#999999", .zeroLength: "#999999", .speedOutOfRange: "#000000",
    ]

    /// What `corridor qa` finds in the network: counts by kind, a map, the first findings of
    /// each kind with their fixes.
    static func qualitySection(_ page: inout Page, _ qa: NetworkQA, _ network: TransportNetwork, _ box: [Double]) {
        var map = base(network, box, faint: true)
        for f in qa.findings.reversed() {
            let color = findingColors[f.kind] ?? "#000000", here = Coordinate(lon: f.lon, lat: f.lat)
            if let tl = f.toLon, let tt = f.toLat { map.lines([[here, Coordinate(lon: tl, lat: tt)]], stroke: color, width: 2, tolerance: 0, title: f.detail) }
            map.circle(here, radius: f.kind == .suspectBridge || f.kind == .component ? 4 : 2.5, fill: color, stroke: "#333333", title: "\(f.kind.rawValue): \(f.detail)")
        }
        map.legend(NetworkQA.Kind.allCases.filter { (qa.counts[$0.rawValue] ?? 0) > 0 }.map { (findingColors[$0] ?? "#000000", true, $0.rawValue) })
        page.raw("<section id=\"quality\"><h2>Data quality</h2>")
        page.raw("<p>What <code>corridor qa</code> finds in this network (\(grouped(Double(qa.findings.count))) findings; \(qa.emptyComponents) further components without population). Suspect bridges and near misses are likely gaps in the line sources; the region's curated repairs (see the manifest) close the ones checked so far.</p>")
        page.raw("<figure>" + map.svg(title: "Data-quality findings") + "<figcaption>Every finding; a line joins a near miss or suspect bridge to the suggested other end.</figcaption></figure>")
        page.table(["kind", "findings"], NetworkQA.Kind.allCases.map { [$0.rawValue, "\(qa.counts[$0.rawValue] ?? 0)"] })
        page.table(["kind", "where (lon, lat)", "finding", "suggested fix"], NetworkQA.Kind.allCases.flatMap { k in
            qa.findings.filter { $0.kind == k }.prefix(5).map { [k.rawValue, String(format: "%.3f, %.3f", $0.lon, $0.lat), $0.detail, $0.fix] }
        })
        page.raw("</section>")
    }

    static func corridorSection(_ page: inout Page, _ s: RegionSummary) {
        page.raw("<section id=\"corridors\"><h2>Named corridors</h2>")
        guard !s.corridors.isEmpty else { page.raw("<p>The region names no corridors.</p></section>"); return }
        page.raw("<p>Each corridor is measured on its own modes (a railway line on rail, a highway on road); one naming none on \(s.landOnly ? "every land mode" : "every mode").</p>")
        page.table(["corridor", "modes", "hours", "km", "detour", "slowest leg", "crossings (share of time)", "share of top-place paths"], s.corridors.map { c in
            [c.name, c.modes ?? (s.landOnly ? "land" : "all"), c.complete ? String(format: "%.1f", c.hours) : "incomplete", c.complete ? grouped(c.kilometers) : "–",
             c.complete ? String(format: "%.2f", c.detourIndex) : "–", c.slowestLeg ?? "",
             c.crossings.map { "\($0.crossing) (\(String(format: "%.0f", $0.shareOfTime * 100)) %\($0.gaugeChange != nil ? String(format: "; gauge change %.1f h", $0.gaugeChangeHours) : ""))" }.joined(separator: ", "),
             String(format: "%.0f %%", c.shareOfPaths * 100)]
        })
        for c in s.corridors {
            let cut = c.legs.filter { !$0.reachable }.map { "\($0.from)–\($0.to)" }
            if !cut.isEmpty { page.raw("<p class=\"note\">\(HTML.escape(c.name)): no route for \(HTML.escape(cut.joined(separator: ", "))) under the current crossing states.</p>") }
        }
        page.raw("</section>")
    }

    static let diverging: [(Double, String, String)] = [
        (-.infinity, "#d73027", "loses over 1 %"), (-1, "#fc8d59", "loses up to 1 %"), (-0.01, "#d9d9d9", "no change"),
        (0.01, "#c7e9c0", "gains up to 1 %"), (1, "#74c476", "gains 1–10 %"), (10, "#31a354", "gains 10–50 %"), (50, "#006d2c", "gains over 50 %"),
    ]

    static func scenarioSection(_ page: inout Page, _ s: RegionSummary, _ network: TransportNetwork, _ box: [Double]) {
        page.raw("<section id=\"scenarios\"><h2>Corridor options</h2>")
        guard !s.scenarios.isEmpty else { page.raw("<p>The region has no scenario presets.</p></section>"); return }
        page.raw("<p>Each preset is applied to the baseline and compared with it. Gain is the population-weighted change in gravity accessibility (Σ P·ΔG / Σ P·G). Ranked by total gain.</p>")
        page.table(["rank", "option", "gain", "newly connected population", "pairs newly reachable", "weighted hours saved", "largest saving",
                    "population gaining / losing", "Gini of gains", "top tenth's share"],
                   s.scenarios.enumerated().map { r, e in
            ["\(r + 1)", e.name, String(format: "%+.3f %%", e.gravityChangePercent), grouped(e.newlyConnectedPopulation), "\(e.pairs.newlyReachable)",
             String(format: "%.2f", e.pairs.weightedMeanHoursSaved), e.largestSavingText,
             String(format: "%.0f %% / %.0f %%", e.distribution.populationShareGaining * 100, e.distribution.populationShareLosing * 100),
             String(format: "%.2f", e.distribution.giniOfGains), String(format: "%.0f %%", e.distribution.topDecileShare * 100)]
        })
        page.raw("<h3>Gains by country</h3>")
        page.raw("<figure>" + SVGBarChart.svg(s.scenarios.map { e in
            SVGBarChart.Group(title: e.name, bars: e.byCountry.map { ($0.name, $0.gravityChangePercent) })
        }, unit: "%", title: "Gains by country") + "<figcaption>Population-weighted change in gravity accessibility by country, per option.</figcaption></figure>")
        for e in s.scenarios {
            var map = base(network, box, faint: true)
            let drawn = network.mostPopulousPlaces(2000).sorted { network.places[$0].population < network.places[$1].population }
            let maxPop = drawn.map { network.places[$0].population }.max() ?? 1
            for i in drawn {
                let p = e.places[i]
                let change = p.gravityBefore > 0 ? (p.gravityAfter - p.gravityBefore) / p.gravityBefore * 100 : 0
                let color = diverging.last { change > $0.0 }!.1
                map.circle(network.coordinate(of: Int(network.places[i].node)), radius: 1.5 + 7 * (p.population / maxPop).squareRoot(), fill: color,
                           stroke: "#ffffff", title: "\(p.name) (\(p.admin1)): \(String(format: "%+.2f", change)) %")
            }
            map.legend(diverging.map { ($0.1, false, $0.2) })
            page.raw("<h3>\(HTML.escape(e.name))</h3>")
            page.table(["admin-1 (top 8)", "population", "gain"], e.byAdmin1.prefix(8).map { [$0.name, grouped($0.population), String(format: "%+.3f %%", $0.gravityChangePercent)] })
            page.raw("<figure>" + map.svg(title: "Gains of \(e.name)") + "<figcaption>Change in gravity accessibility per place.</figcaption></figure>")
            if let h = e.hubs {
                page.table(["gateway (top 8 after)", "kind", "share of fastest paths before", "after", "rank before → after"], h.rows.prefix(8).map { r in
                    [r.name, r.kind, String(format: "%.1f %%", r.shareBefore * 100), String(format: "%.1f %%", r.shareAfter * 100),
                     "\(r.rankBefore.map(String.init) ?? "–") → \(r.rankAfter.map(String.init) ?? "–")"]
                })
                if !h.bypassed.isEmpty {
                    page.raw("<p class=\"note\">Bypassed: " + HTML.escape(h.bypassed.prefix(5).map { "\($0.name) (\(String(format: "%.1f", $0.shareBefore * 100)) → \(String(format: "%.1f", $0.shareAfter * 100)) %)" }.joined(separator: ", ")) + "</p>")
                }
            }
        }
        page.raw("</section>")
    }

    /// Options ranked by NPV, each with its allocation across countries and its tornado chart.
    static func appraisalSection(_ page: inout Page, _ appraisals: [OptionAppraisal]) {
        page.raw("<section id=\"appraisal\"><h2>Appraisal</h2>")
        guard let first = appraisals.first else { page.raw("<p>No appraisal: the region has no presets or no appraisal defaults.</p></section>"); return }
        let ranked = appraisals.sorted { $0.netPresentValue > $1.netPresentValue || ($0.netPresentValue == $1.netPresentValue && $0.scenario < $1.scenario) }
        let unit = "M \(first.currency) \(first.priceYear)"
        func m(_ x: Double) -> String { String(format: "%.1f", x / 1e6) }
        page.raw("<p>Money in millions of \(HTML.escape(first.currency)) of \(first.priceYear). Benefits: \(HTML.escape(first.benefitMethod)).</p>")
        page.table(["rank", "option", "capital", "PV benefits", "PV costs", "NPV", "BCR", "IRR", "D", "cost source"], ranked.enumerated().map { i, a in
            ["\(i + 1)", a.name, m(a.capitalCost), m(a.presentBenefits), m(a.presentCosts), m(a.netPresentValue),
             a.benefitCostRatio.map { String(format: "%.2f", $0) } ?? "–", a.internalRateOfReturn.map { String(format: "%.1f %%", $0 * 100) } ?? "–",
             String(format: "%.3f", a.dissimilarity), a.costSource]
        })
        for a in ranked {
            if let t = a.traffic {
                // Traffic first: the trips and hours every dollar comes from.
                page.raw("<h3>\(HTML.escape(a.name)): traffic behind the benefit</h3>")
                page.table(["segment", "trips through a crossing (before → after)", "hours saved", "km saved", "trips newly connected", "value of a vehicle-hour",
                            "time", "operating cost", "tolls (net)", "new connections", "first-year benefit"], t.segments.map { g in
                    [g.name, grouped(g.crossBorderTripsBefore) + " → " + grouped(g.crossBorderTripsAfter), grouped(g.hoursSaved), grouped(g.kilometersSaved),
                     grouped(g.tripsNewlyConnected - g.tripsCutOff), String(format: "%.2f", g.valueOfTimePerVehicleHour), m(g.timeBenefit), m(g.operatingCostBenefit),
                     m(g.tollUserBenefit + g.tollRevenueChange), m(g.newConnectionBenefit), m(g.total)]
                })
                page.raw("<p>First operating year at full traffic, \(unit); ramp-up \(HTML.escape(t.rampUp.map { String(format: "%.0f %%", $0 * 100) }.joined(separator: ", "))) (\(HTML.escape(t.rampUpSource))).</p>")
            }
            if let r = a.risk {
                page.raw("<h3>\(HTML.escape(a.name)): risk</h3>")
                page.table(["draws (seed)", "reference class", "NPV P10", "P50", "P90", "mean", "deterministic", "P(BCR > 1)"], [[
                    "\(r.draws) (\(r.seed))", r.referenceClass ?? "–", m(r.netPresentValueP10), m(r.netPresentValueP50), m(r.netPresentValueP90),
                    m(r.netPresentValueMean), m(r.deterministicNetPresentValue), String(format: "%.0f %%", r.probabilityBenefitCostRatioAboveOne * 100),
                ]])
                page.raw("<figure>" + riskCurve(r, unit: unit, title: "Distribution of the NPV of \(a.name)")
                         + "<figcaption>Share of the draws with an NPV at or below each value; the dashed line is the deterministic NPV. Inputs: "
                         + HTML.escape(r.inputs.map { "\($0.parameter) \($0.distribution) (\($0.source))" }.joined(separator: "; ")) + ".</figcaption></figure>")
            }
            page.raw("<h3>\(HTML.escape(a.name)): allocation across countries</h3>")
            page.table(["country", "host", "benefit share", "cost share (\(a.costRule.rawValue))", "imbalance", "compensation (PV)", "Shapley value (NPV)"],
                       a.shares.filter { $0.isHost || abs($0.benefitShare) >= 0.0005 }.map { x in
                [x.country, x.isHost ? "yes" : "", String(format: "%.1f %%", x.benefitShare * 100), String(format: "%.1f %%", x.costShare * 100),
                 String(format: "%+.1f pts", x.imbalance * 100), m(x.compensation), x.shapley.map(m) ?? "–"]
            })
            let sc = a.scorecard
            page.table(["economy: capital", "cost per km", "efficiency: BCR", "cost per unit of benefit", "effectiveness: equivalent hours a year",
                        "newly connected population", "equity: D", "Δ Gini", "Δ Theil", "lagging share"], [[
                m(sc.capitalCost), sc.costPerKilometer.map(m) ?? "–", sc.benefitCostRatio.map { String(format: "%.2f", $0) } ?? "–",
                sc.costPerUnitBenefit.map { String(format: "%.3f", $0) } ?? "–", grouped(sc.equivalentHoursPerYear), grouped(sc.newlyConnectedPopulation),
                String(format: "%.3f", sc.dissimilarity), String(format: "%+.4f", sc.giniChange), String(format: "%+.4f", sc.theilChange),
                String(format: "%.1f %%", sc.laggingShare * 100),
            ]])
            let flagged = a.spillovers.filter(\.underProvisionRisk).map(\.host)
            if !flagged.isEmpty {
                page.raw("<p class=\"note\">Under-provision risk: \(HTML.escape(flagged.joined(separator: ", "))) would carry a large cost share for a small benefit share.</p>")
            }
            page.raw("<figure>" + SVGTornado.svg(a.sensitivity.map { .init(label: $0.parameter, lowLabel: $0.low, highLabel: $0.high, low: $0.npvLow / 1e6, high: $0.npvHigh / 1e6) },
                                                 center: a.netPresentValue / 1e6, unit: unit, title: "Sensitivity of the NPV of \(a.name)")
                     + "<figcaption>NPV with one parameter at a time at its low and high value.</figcaption></figure>")
        }
        page.raw("</section>")
    }

    /// The NPV's cumulative distribution from its quantiles, as an inline SVG chart.
    static func riskCurve(_ r: RiskAnalysis, unit: String, title: String) -> String {
        let q = r.netPresentValueQuantiles.map { $0 / 1e6 }
        guard let lo0 = q.first, let hi0 = q.last else { return "" }
        let lo = min(lo0, r.deterministicNetPresentValue / 1e6, 0), hi = max(hi0, r.deterministicNetPresentValue / 1e6, 0)
        let w = 640.0, h = 220.0, left = 60.0, right = 20.0, top = 28.0, bottom = 36.0
        func x(_ v: Double) -> Double { left + (hi > lo ? (v - lo) / (hi - lo) : 0.5) * (w - left - right) }
        func y(_ p: Double) -> Double { top + (1 - p) * (h - top - bottom) }
        let points = q.enumerated().map { String(format: "%.1f,%.1f", x($1), y(Double($0) / Double(max(1, q.count - 1)))) }.joined(separator: " ")
        var svg = String(format: "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%@\">", w, h, HTML.escape(title))
        svg += String(format: "<text x=\"%.0f\" y=\"16\" font-size=\"13\">%@</text>", left, HTML.escape(title))
        svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>", left, y(0), w - right, y(0))
        svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>", x(0), y(0), x(0), y(1))
        let d = x(r.deterministicNetPresentValue / 1e6)
        svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b2182b\" stroke-dasharray=\"4 3\"/>", d, y(0), d, y(1))
        svg += "<polyline fill=\"none\" stroke=\"#2166ac\" stroke-width=\"2\" points=\"\(points)\"/>"
        for p in [0.1, 0.5, 0.9] {
            svg += String(format: "<text x=\"4\" y=\"%.1f\" font-size=\"11\">P%.0f</text>", y(p) + 4, p * 100)
        }
        svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%.0f</text>", left, h - 8, lo)
        svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.0f %@</text>", w - right, h - 8, hi, HTML.escape(unit))
        return svg + "</svg>"
    }

    // MARK: - Formatting

    static func grouped(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        let n = Int(v.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "−" : "") + out
    }

    static func hours(_ h: Double) -> String { h.isFinite ? String(format: "%.1f", h) : "unreachable" }

    struct Page {
        var parts: [String] = []
        mutating func raw(_ s: String) { parts.append(s) }
        mutating func table(_ header: [String], _ rows: [[String]]) {
            var s = "<table><thead><tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            for r in rows { s += "<tr>" + r.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>" }
            parts.append(s + "</tbody></table>")
        }
        func document(title: String) -> String {
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(HTML.escape(title))</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:960px;padding:0 16px 48px;color:#222;line-height:1.45}
            header{border-bottom:3px solid #2166ac;margin-bottom:8px}h1{margin:18px 0 4px}h2{margin-top:34px;border-bottom:1px solid #ccc}
            nav{font-size:14px;margin:8px 0 16px}nav a{color:#2166ac;text-decoration:none}.meta{color:#555;font-size:13px}
            table{border-collapse:collapse;margin:10px 0 16px;font-size:13px;width:100%}th,td{border-bottom:1px solid #e3e3e3;padding:3px 6px;text-align:left}
            th{background:#f0f3f6}td{font-variant-numeric:tabular-nums}figure{margin:12px 0}svg{max-width:100%;height:auto;border:1px solid #ddd}svg.sprite{position:absolute;border:none}
            svg.chart{border:none}figcaption{font-size:12px;color:#555}.note{color:#8a3b00;font-size:13px}
            \(PlannerReport.interactiveStyle)
            </style></head><body>
            \(parts.joined(separator: "\n"))
            <script>//<![CDATA[
            \(PlannerReport.interactiveScript)
            //]]></script>
            </body></html>

            """
        }
    }
}

extension PlannerReport {
    /// The styles of the script's controls: the maps' zoom buttons, the tables' sort arrows.
    static let interactiveStyle = #"""
    .map-wrap{position:relative;width:fit-content;max-width:100%}.map-wrap svg{display:block}svg.map:focus{outline:none}svg.map:focus-visible{outline:2px solid #2166ac}
    .map-tools{position:absolute;top:6px;right:6px;display:flex;gap:2px}.map-tools button{font:12px system-ui,sans-serif;padding:1px 7px;border:1px solid #bbb;border-radius:3px;background:#ffffffe0;cursor:pointer}
    svg.map circle{vector-effect:non-scaling-stroke}th.sortable{cursor:pointer;user-select:none}th.sortable::after{content:"\2195";color:#a8b0b8;margin-left:4px;font-size:11px}
    th[aria-sort=ascending]::after{content:"\25B2";color:#2166ac}th[aria-sort=descending]::after{content:"\25BC";color:#2166ac}@media print{.map-tools{display:none}}
    """#

    /// The page's one script, inline and without libraries (it loads nothing). Maps (`svg.map`)
    /// pan and zoom through their viewBox: the wheel zooms about the cursor, a drag pans, two
    /// fingers pinch, a double-click or the "reset" button shows the whole map again, and the
    /// keys + − 0 and the arrows work on a focused map; circles and labels keep their size on
    /// screen, the legend stays put. Tables sort on a click on a header (again to reverse),
    /// numbers by value, missing values ("–", "inf", "unreachable") last, with aria-sort and
    /// an arrow on the header. Without the script the page reads the same, only static.
    static let interactiveScript = #"""
    (function () {
      "use strict";
      // Maps: pan and zoom through the viewBox. Wheel zooms about the cursor, drag pans, two
      // fingers pinch, double-click or "reset" restores; keys + - 0 and arrows when focused.
      // Circles and labels keep their size on screen, the legend stays in its corner and the
      // background (100% of the view) under the view.
      function panZoom(svg) {
        var b = svg.viewBox.baseVal;
        if (!b || !b.width || !b.height) return;
        var home = [b.x, b.y, b.width, b.height], view = home.slice(), maxZoom = 40, frame = 0;
        var marks = [].map.call(svg.querySelectorAll(":scope > g > circle"), function (c) { return [c, +c.getAttribute("r")]; });
        var labels = [].map.call(svg.querySelectorAll(":scope > g > text"), function (t) {
          return [t, +t.getAttribute("x") - 5, +t.getAttribute("y") + 4];
        });
        var fixed = svg.querySelectorAll(":scope > g > g.legend"), background = svg.querySelector(":scope > rect");
        function draw() {
          frame = 0;
          var s = view[2] / home[2];
          svg.setAttribute("viewBox", view.map(function (v) { return +v.toFixed(3); }).join(" "));
          marks.forEach(function (m) { m[0].setAttribute("r", +(m[1] * s).toFixed(3)); });
          labels.forEach(function (l) {
            l[0].setAttribute("transform", s === 1 ? "" : "matrix(" + [s, 0, 0, s, l[1] * (1 - s), l[2] * (1 - s)].map(function (v) { return +v.toFixed(4); }).join(" ") + ")");
          });
          [].forEach.call(fixed, function (g) {
            g.setAttribute("transform", "matrix(" + [s, 0, 0, s, view[0] - home[0] * s, view[1] - home[1] * s].join(" ") + ")");
          });
          if (background) { background.setAttribute("x", +view[0].toFixed(3)); background.setAttribute("y", +view[1].toFixed(3)); }
          svg.style.touchAction = s === 1 ? "pan-x pan-y" : "none";
          svg.style.cursor = s === 1 ? "" : "grab";
        }
        function set(x, y, w) {
          w = Math.min(home[2], Math.max(home[2] / maxZoom, w));
          var h = w * home[3] / home[2];
          view = [Math.min(home[0] + home[2] - w, Math.max(home[0], x)), Math.min(home[1] + home[3] - h, Math.max(home[1], y)), w, h];
          if (!frame) frame = requestAnimationFrame(draw);
        }
        function point(cx, cy) {
          var m = svg.getScreenCTM();
          if (!m) return [view[0] + view[2] / 2, view[1] + view[3] / 2, 1];
          var p = svg.createSVGPoint();
          p.x = cx; p.y = cy;
          p = p.matrixTransform(m.inverse());
          return [p.x, p.y, m.a];
        }
        function zoom(factor, cx, cy) {
          var p = cx === undefined ? [view[0] + view[2] / 2, view[1] + view[3] / 2] : point(cx, cy);
          var w = Math.min(home[2], Math.max(home[2] / maxZoom, view[2] * factor)), k = w / view[2];
          set(p[0] - (p[0] - view[0]) * k, p[1] - (p[1] - view[1]) * k, w);
        }
        function reset() { set(home[0], home[1], home[2]); }
        svg.addEventListener("wheel", function (e) {
          var dy = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
          if (!dy) return;
          // At a limit the wheel scrolls the page instead.
          if ((dy > 0 && view[2] >= home[2]) || (dy < 0 && view[2] <= home[2] / maxZoom + 1e-9)) return;
          e.preventDefault();
          zoom(Math.pow(1.0015, Math.max(-300, Math.min(300, dy))), e.clientX, e.clientY);
        }, { passive: false });
        var pointers = {}, start = null;
        function begin() {
          var ids = Object.keys(pointers);
          if (ids.length === 1) {
            var p = pointers[ids[0]];
            start = { x: p.x, y: p.y, view: view.slice(), scale: point(p.x, p.y)[2] };
          } else if (ids.length === 2) {
            var a = pointers[ids[0]], c = pointers[ids[1]];
            start = { pinch: Math.hypot(a.x - c.x, a.y - c.y) || 1 };
          } else start = null;
        }
        svg.addEventListener("pointerdown", function (e) {
          if (e.button !== 0) return;
          pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
          try { svg.setPointerCapture(e.pointerId); } catch (err) { /* not capturable */ }
          begin();
        });
        svg.addEventListener("pointermove", function (e) {
          if (!pointers[e.pointerId] || !start) return;
          pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
          var ids = Object.keys(pointers);
          if (ids.length === 1 && start.view) {
            set(start.view[0] - (e.clientX - start.x) / start.scale, start.view[1] - (e.clientY - start.y) / start.scale, start.view[2]);
            if (view[2] < home[2]) svg.style.cursor = "grabbing";
          } else if (ids.length === 2 && start.pinch) {
            var a = pointers[ids[0]], c = pointers[ids[1]], d = Math.hypot(a.x - c.x, a.y - c.y) || 1;
            zoom(start.pinch / d, (a.x + c.x) / 2, (a.y + c.y) / 2);
            start.pinch = d;
          }
        });
        function end(e) {
          if (!pointers[e.pointerId]) return;
          delete pointers[e.pointerId];
          begin();
          if (view[2] < home[2]) svg.style.cursor = "grab";
        }
        svg.addEventListener("pointerup", end);
        svg.addEventListener("pointercancel", end);
        svg.addEventListener("dblclick", function (e) { e.preventDefault(); reset(); });
        svg.setAttribute("tabindex", "0");
        svg.addEventListener("keydown", function (e) {
          var step = view[2] / 8, moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
          if (e.key === "+" || e.key === "=") zoom(1 / 1.5);
          else if (e.key === "-" || e.key === "_") zoom(1.5);
          else if (e.key === "0") reset();
          else if (moves[e.key] && view[2] < home[2]) set(view[0] + moves[e.key][0], view[1] + moves[e.key][1], view[2]);
          else return;
          e.preventDefault();
        });
        var wrap = document.createElement("div"), tools = document.createElement("div");
        wrap.className = "map-wrap";
        tools.className = "map-tools";
        [["+", "Zoom in", function () { zoom(1 / 1.5); }], ["\u2212", "Zoom out", function () { zoom(1.5); }],
         ["reset", "Show the whole map (or double-click the map)", reset]].forEach(function (t) {
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = t[0];
          button.title = t[1];
          button.setAttribute("aria-label", t[1]);
          button.addEventListener("click", t[2]);
          tools.appendChild(button);
        });
        svg.parentNode.insertBefore(wrap, svg);
        wrap.appendChild(svg);
        wrap.appendChild(tools);
        draw();
      }

      // Tables: a click on a header sorts by that column, numbers by value (thousands separators,
      // signs, units), empty and missing values ("–", "inf", "unreachable") last; again to reverse.
      var missing = /^(|[-\u2013\u2014\u2212]|[+-]?(inf|infinity)|\u221e|n\/a|none|unreachable|incomplete)$/i;
      function key(cell, index) {
        var text = (cell ? cell.textContent : "").trim();
        if (missing.test(text)) return { miss: true, index: index };
        var plain = text.replace(/[\u2212\u2013]/g, "-").replace(/(\d),(?=\d{3}(\D|$))/g, "$1");
        var m = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?/i.exec(plain);
        return { num: m ? parseFloat(m[0]) : null, text: text, index: index };
      }
      var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
      function compare(a, b, sign) {
        if (a.miss || b.miss) return a.miss && b.miss ? a.index - b.index : a.miss ? 1 : -1;
        var c = a.num !== null && b.num !== null ? a.num - b.num : a.num !== null ? -1 : b.num !== null ? 1 : 0;
        if (!c) c = collator.compare(a.text, b.text);
        return c ? sign * c : a.index - b.index;
      }
      function sortable(table) {
        var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1], body = table.tBodies[0];
        if (!head || !body) return;
        [].forEach.call(body.rows, function (r, i) { r.dataset.order = i; });
        [].forEach.call(head.cells, function (th, column) {
          th.classList.add("sortable");
          th.setAttribute("tabindex", "0");
          th.title = "Sort by this column";
          function run() {
            var ascending = th.getAttribute("aria-sort") !== "ascending", sign = ascending ? 1 : -1;
            [].forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort"); });
            th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            var rows = [].map.call(body.rows, function (r) { return [r, key(r.cells[column], +r.dataset.order)]; });
            rows.sort(function (a, b) { return compare(a[1], b[1], sign); });
            var fragment = document.createDocumentFragment();
            rows.forEach(function (r) { fragment.appendChild(r[0]); });
            body.appendChild(fragment);
          }
          th.addEventListener("click", run);
          th.addEventListener("keydown", function (e) {
            if (e.key === "Enter" || e.key === " ") { e.preventDefault(); run(); }
          });
        });
      }

      [].forEach.call(document.querySelectorAll("svg.map"), panZoom);
      [].forEach.call(document.querySelectorAll("table"), sortable);
    })();
    """#
}

extension ScenarioEvaluation {
    var largestSavingText: String {
        pairs.largestSaving.map { "\($0) (\(String(format: "%.1f", pairs.largestSavingHours)) h)" } ?? ""
    }
}
