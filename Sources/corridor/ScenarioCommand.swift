import ArgumentParser
import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorGeo
import CorridorNetwork
import CorridorReport
import CorridorStudy
import Foundation

struct ScenarioCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Baseline against corridor options: accessibility gains by country and admin-1, pair times, ranking.",
        discussion: """
            Examples:
              corridor scenario --region korea --preset reconnect-gyeongui --land
              corridor scenario --region korea --all-presets -o korea-scenarios.gpkg --json
              corridor scenario --region korea --preset new-yalu-river-bridge --land --hubs 40
              corridor scenario --region north-america --scenario my-option.json
              corridor scenario --region korea --preset new-yalu-river-bridge --flows
            A scenario file is JSON: {"name": ..., "operations": [{"op": "open_crossing", "crossing": ID}, ...]}
            with ops open_crossing, close_crossing, set_delay, add_link, remove_links, set_speed (see docs/scenarios-corridors-criticality.md).
            --flows also loads the region's demand model (docs/flows.md) to equilibrium on the
            baseline and under each option: the change in volume at every crossing, the
            vehicle-hours saved per segment (rule of half) and the crossings beyond capacity.
            With --json the output becomes {"scenarios": [...], "flows": {option: ...}}.
            """)

    @OptionGroup var source: NetworkSourceOptions

    @OptionGroup var options: ScenarioSelection

    @OptionGroup var mode: LandOption

    @Option(help: "Threshold for population within T hours.")
    var withinHours: Double = 4

    @Option(help: "Exponential decay per hour of gravity accessibility.")
    var beta: Double = 0.1

    @Option(help: "Pair table over this many of the most populous places.")
    var pairPlaces: Int = 100

    @Option(help: "Also compare gateways' shares of the fastest paths among this many of the most populous places (hub succession, bypass losers).")
    var hubs: Int?

    @OptionGroup var flowOptions: FlowsOption

    @OptionGroup var workers: ThreadsOption

    @Option(name: [.short, .long], help: "Per-place changes of every scenario: .gpkg, .geojson, .fgb, .csv or .json.")
    var output: String?

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    @OptionGroup var sharding: ShardOption

    func validate() throws {
        try sharding.check(output: output, json: json)
        guard withinHours.isFinite, withinHours > 0, withinHours <= 720 else { throw ValidationError("--within-hours \(withinHours): must be in (0, 720]") }
        guard beta.isFinite, beta >= 0, beta <= 100 else { throw ValidationError("--beta \(beta): must be in [0, 100]") }
        guard pairPlaces >= 2 && pairPlaces <= 5000 else { throw ValidationError("--pair-places \(pairPlaces): must be 2...5000") }
        if let h = hubs, !(2...2000).contains(h) { throw ValidationError("--hubs \(h): must be 2...2000") }
        if flowOptions.flows, source.region == nil { throw ValidationError("--flows needs --region (a region with a demand model)") }
        if let o = output, !o.lowercased().hasSuffix(".json"), VectorFormat(path: o) == nil { throw GeoError.unsupportedFormat(path: o) }
    }

    var quietProgress: Bool { source.quiet }

    func run() throws { try runSharded() }

    struct Context {
        var scenarios: [Scenario]
        var base: TransportNetwork
        var evaluator: ScenarioEvaluator
    }

    /// A share of the options: their evaluations and (with --flows) their flow changes.
    struct Part: Codable {
        var results: [ScenarioEvaluation]
        var flows: [String: RegionFlowChange]
    }

    func context() throws -> Context {
        let study = try source.study()
        let scenarios = try options.scenarios(study)
        let base = try mode.restrict(try source.twoWayNetwork(for: "scenario").0)
        source.log("baseline", step: true)
        let evaluator = ScenarioEvaluator(base: base, excluding: mode.excluding, withinHours: withinHours, beta: beta,
                                          pairPlaces: pairPlaces, threads: workers.threads, session: study.session)
        return Context(scenarios: scenarios, base: base, evaluator: evaluator)
    }

    func itemCount(_ c: Context, part: Part) -> Int { c.scenarios.count }

    func inputs(_ c: Context) throws -> [Data] {
        NetworkFingerprint.data(c.base, weights: c.evaluator.baseWeights) + [Data(c.scenarios.map { "\($0)" }.joined(separator: "\u{0}").utf8)]
    }

    func compute(_ c: Context, shard: Shard) throws -> Part {
        let scenarios = Array(c.scenarios[shard.range(of: c.scenarios.count)])
        let base = c.base
        var results: [ScenarioEvaluation] = []
        for s in scenarios {
            let r = try c.evaluator.evaluate(s, hubPlaces: hubs)
            source.log("scenario \(s.id): \(r.placesRecomputed) of \(base.places.count) places recomputed", step: true)
            results.append(r)
        }
        var flowChanges: [String: RegionFlowChange] = [:]
        if !scenarios.isEmpty, let study = try flowOptions.study(source, network: base, threads: workers.threads) {
            for s in scenarios {
                source.log("flows \(s.id)", step: true)
                flowChanges[s.id] = try study.change(option: try base.applying(s)) { source.log("flows \(s.id): \($0)", step: true) }
            }
        }
        Progress.finish()
        return Part(results: results, flows: flowChanges)
    }

    func finish(_ c: Context, parts: [Part]) throws {
        let base = c.base
        let results = parts.flatMap(\.results)
        var flowChanges: [String: RegionFlowChange] = [:]
        for p in parts { flowChanges.merge(p.flows) { a, _ in a } }
        let ranked = results.sorted { $0.gravityChangePercent > $1.gravityChangePercent || ($0.gravityChangePercent == $1.gravityChangePercent && $0.scenario < $1.scenario) }
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try writeJSONAtomically(ranked, to: o) }
            else { try VectorWriter.write([ResultLayers.scenarioChanges(ranked, network: base)], to: o) }
        }
        if json {
            if flowOptions.flows { try printJSON(FlowsJSON(scenarios: ranked, flows: flowChanges)) } else { try printJSON(ranked) }
            return
        }
        for (rank, r) in ranked.enumerated() {
            print(String(format: "#%d %@ (%@): gravity accessibility %+.3f%%, newly connected population %.0f", rank + 1, r.name, r.scenario,
                         r.gravityChangePercent, r.newlyConnectedPopulation))
            let p = r.pairs
            print(String(format: "   pairs among top %d places: %d newly reachable, %d lost; weighted mean %.2f h saved", p.places, p.newlyReachable,
                         p.noLongerReachable, p.weightedMeanHoursSaved) + (p.largestSaving.map { String(format: "; largest %@ %.1f h", $0, p.largestSavingHours) } ?? ""))
            let d = r.distribution
            print(String(format: "   population gaining %.1f%%, losing %.1f%%; gains: Gini %.3f, top tenth of places %.1f%%", d.populationShareGaining * 100,
                         d.populationShareLosing * 100, d.giniOfGains, d.topDecileShare * 100))
            print("   country  population      gain %   Δpop within \(Int(withinHours))h  gaining/losing places")
            for g in r.byCountry {
                print(String(format: "   %@ %11.0f %+11.4f %15.0f  %d/%d", pad(g.name, 7), g.population, g.gravityChangePercent, g.populationWithinChange, g.placesGaining, g.placesLosing))
            }
            if let h = r.hubs {
                print("   gateways after (share of fastest paths; rank before → after):")
                for row in h.rows.prefix(8) {
                    print(String(format: "     %@ %@ %5.1f%% → %5.1f%%   %@ → %@", pad(row.kind, 9), pad(String(row.name.prefix(38)), 39), row.shareBefore * 100,
                                 row.shareAfter * 100, row.rankBefore.map(String.init) ?? "-", row.rankAfter.map(String.init) ?? "-"))
                }
                if !h.bypassed.isEmpty {
                    print("   bypassed: " + h.bypassed.prefix(5).map { String(format: "%@ %.1f → %.1f%%", $0.name, $0.shareBefore * 100, $0.shareAfter * 100) }.joined(separator: ", "))
                }
            }
            // Changes below 0.0005 % are rounding between the two hierarchies, not gains.
            let topAdmin = r.byAdmin1.filter { abs($0.gravityChangePercent) >= 0.0005 }.prefix(5)
            if !topAdmin.isEmpty {
                print("   top admin-1: " + topAdmin.map { String(format: "%@ %+.3f%%", $0.name, $0.gravityChangePercent) }.joined(separator: ", "))
            }
            if let f = flowChanges[r.scenario] { printFlowChange(f) }
        }
    }

    struct FlowsJSON: Encodable {
        var scenarios: [ScenarioEvaluation]
        var flows: [String: RegionFlowChange]
    }
}
