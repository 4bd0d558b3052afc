import ArgumentParser
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
    @Option(help: "Threshold for population within T hours.") var withinHours: Double = 4
    @Option(help: "Exponential decay per hour of gravity accessibility.") var beta: Double = 0.1
    @Option(help: "Pair table over this many of the most populous places.") var pairPlaces: Int = 100
    @Option(help: "Also compare gateways' shares of the fastest paths among this many of the most populous places (hub succession, bypass losers).") var hubs: Int?
    @OptionGroup var flowOptions: FlowsOption
    @OptionGroup var workers: ThreadsOption
    @OptionGroup var out: OutputOptions
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        try sharding.check(output: out.output, json: out.json)
        guard withinHours.isFinite, withinHours > 0, withinHours <= 720 else { throw ValidationError("--within-hours \(withinHours): must be in (0, 720]") }
        guard beta.isFinite, beta >= 0, beta <= 100 else { throw ValidationError("--beta \(beta): must be in [0, 100]") }
        guard pairPlaces >= 2 && pairPlaces <= 5000 else { throw ValidationError("--pair-places \(pairPlaces): must be 2...5000") }
        if let h = hubs, !(2...2000).contains(h) { throw ValidationError("--hubs \(h): must be 2...2000") }
        if flowOptions.flows, source.region == nil { throw ValidationError("--flows needs --region (a region with a demand model)") }
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
        try out.write(ranked) { [ResultLayers.scenarioChanges(ranked, network: base)] }
        if out.json {
            if flowOptions.flows { try printJSON(FlowsJSON(scenarios: ranked, flows: flowChanges)) } else { try printJSON(ranked) }
            return
        }
        print(ScenarioText.ranking(ranked, flows: flowChanges, withinHours: withinHours))
    }

    struct FlowsJSON: Encodable {
        var scenarios: [ScenarioEvaluation]
        var flows: [String: RegionFlowChange]
    }
}
