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
        ProgressLog.finish()
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
            if flowOptions.flows { try printJSON(ScenarioFlowChanges(scenarios: ranked, flows: flowChanges)) } else { try printJSON(ranked) }
            return
        }
        print(ScenarioText.ranking(ranked, flows: flowChanges, withinHours: withinHours))
    }
}

struct AppraiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraise",
        abstract: "What an option is worth (NPV, BCR, IRR) and how its costs and benefits fall across countries.",
        discussion: """
            Examples:
              corridor appraise --region korea --preset reconnect-gyeongui --land
              corridor appraise --region north-america --preset gordie-howe-bridge --cost-rule population --json
              corridor appraise --region korea --all-presets --land -o korea-appraisal.csv
            Costs come from the preset (or the scenario file's "cost"), each with its source; the
            region manifest's "appraisal" section holds the discount rate, horizon, growth, trip
            rate and value of time, each with its source or labelled an assumption. Where the
            region has a demand model the benefit is the rule of half on its trips at equilibrium,
            before and after (time at each segment's value of a vehicle-hour, vehicle operating
            cost per km, tolls as a transfer), plus the trips the option newly connects valued by
            the gravity model's logsum; --json carries the trips, vehicle-hours and unit values
            behind each sum, by segment, country and admin-1 unit. --benefit accessibility (the
            only one without a demand model) values the change in gravity accessibility,
            (1/beta) ln(A1/A0) hours per trip at each place, labelled so in every output. Risk:
            --draws Monte Carlo draws (seeded) of the capital cost and demand (reference classes
            of Flyvbjerg et al.), the value of time, growth and opening delay give P10/P50/P90 NPV
            and the probability that the BCR exceeds 1. Shares: benefits by place of residence; costs by
            --cost-rule among the countries the option touches (length of new links inside each,
            population, benefit, or equal). Shapley values over those host countries are exact
            up to 12, sampled with a fixed seed beyond.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var options: ScenarioSelection
    @OptionGroup var mode: LandOption
    @Option(help: "How host countries share the cost: length, population, benefit or equal.") var costRule: String = "length"
    @Option(help: "Real discount rate per year (default: the manifest's).") var discountRate: Double?
    @Option(help: "Years appraised from the start of construction (default: the manifest's).") var horizonYears: Int?
    @Option(help: "Yearly growth of the benefits (default: the manifest's).") var demandGrowth: Double?
    @Option(help: "Trips per person per year for the accessibility benefit (default: the manifest's).") var tripsPerPerson: Double?
    @Option(help: "Exponential decay per hour of the gravity accessibility.") var beta: Double = 0.1
    @Option(help: "The benefit: flows (rule of half on the demand model's trips; the default where the region has one) or accessibility.") var benefit: String?
    @Option(help: "Monte Carlo draws of the uncertain inputs (0: none).") var draws: Int = 10_000
    @Option(help: "The Monte Carlo seed.") var seed: UInt64 = 1
    @Option(help: "The relative gap of the flows' equilibria.") var flowGap: Double = 1e-4
    @OptionGroup var workers: ThreadsOption
    @Option(name: [.short, .long], help: "The allocation table (one row per option and country): .csv, or .json for everything.") var output: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard CostRule(rawValue: costRule) != nil else { throw ValidationError("--cost-rule \(costRule): use length, population, benefit or equal") }
        if let b = benefit { guard BenefitMethod(rawValue: b) != nil else { throw ValidationError("--benefit \(b): use flows or accessibility") } }
        guard draws >= 0, draws <= 10_000_000 else { throw ValidationError("--draws \(draws): must be 0...10000000") }
        guard flowGap.isFinite, flowGap > 0, flowGap < 1 else { throw ValidationError("--flow-gap \(flowGap): must be in (0, 1)") }
        if let r = discountRate { guard r.isFinite, r > -1, r < 1 else { throw ValidationError("--discount-rate \(r): must be in (-1, 1)") } }
        if let h = horizonYears { guard h >= 1, h <= 200 else { throw ValidationError("--horizon-years \(h): must be 1...200") } }
        if let g = demandGrowth { guard g.isFinite, g > -1, g < 1 else { throw ValidationError("--demand-growth \(g): must be in (-1, 1)") } }
        if let t = tripsPerPerson { guard t.isFinite, t >= 0, t <= 10_000 else { throw ValidationError("--trips-per-person \(t): must be 0...10000") } }
        guard beta.isFinite, beta > 0, beta <= 100 else { throw ValidationError("--beta \(beta): must be in (0, 100]") }
        if let o = output { guard o.lowercased().hasSuffix(".csv") || o.lowercased().hasSuffix(".json") else {
            throw ValidationError("-o \(o): write .csv or .json")
        } }
    }

    func run() throws {
        let study = try source.study()
        var defaults = try study.appraisalDefaults()
        if let r = discountRate { defaults.discountRate = r }
        if let h = horizonYears { defaults.horizonYears = h }
        if let g = demandGrowth { defaults.demandGrowthPerYear = g }
        if let t = tripsPerPerson { defaults.tripsPerPersonPerYear = t }
        let ranked = try study.appraise(try options.scenarios(study), parameters: AppraisalParameters(defaults: defaults, beta: beta, costRule: CostRule(rawValue: costRule)!),
                                        modes: mode.selection(), excluding: mode.excluding, benefit: benefit.flatMap(BenefitMethod.init(rawValue:)),
                                        risk: draws > 0 ? RiskSettings(draws: draws, seed: seed) : nil, flowGap: flowGap,
                                        threads: workers.threads) { source.log("appraise: \($0)", step: true) }
        ProgressLog.finish()
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try OutputFile.writeJSON(ranked, to: o) }
            else { try VectorWriter.write([AppraisalLayers.allocation(ranked)], to: o) }
        }
        if json { try printJSON(ranked); return }
        print(AppraisalText.ranking(ranked, currency: defaults.currency, priceYear: defaults.priceYear))
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One self-contained HTML page a planner can read: maps, connectivity, accessibility, critical links, corridors, options ranked.",
        discussion: """
            Examples:
              corridor report --region korea --land -o korea-report.html
              corridor report --region north-america --land --pair-places 20 -o na.html --json
              corridor report --region korea --preset reconnect-gyeongui --scenario my-option.json -o k.html
            The page is one self-contained file: its maps pan and zoom (wheel, drag, +/-/reset) and its
            tables sort by any column, with one inline script; it loads nothing from the network. --json also prints
            every number behind it. The options compared (scenarios, appraisal, flows) are every preset
            of the region, or the --scenario files and --preset ids given.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(name: [.short, .long], help: "The HTML file to write.") var output: String
    @OptionGroup var mode: LandOption
    @Option(help: "Compare this preset (default: every preset of the region); repeatable.") var preset: [String] = []
    @Option(help: "Compare this scenario JSON file; repeatable, listed before the presets.") var scenario: [String] = []
    @Option(help: "Critical links, crossings and corridor path shares over this many of the most populous places.") var pairPlaces: Int = 30
    @Option(help: "How many of each ranked list to show.") var top: Int = 15
    @Option(help: "Threshold for population within T hours.") var withinHours: Double = 4
    @Flag(help: "Leave out the flows section (the demand model at equilibrium, the options' flow changes, the validation).") var noFlows = false
    @Option(help: "The relative gap of the flows section's equilibria.") var flowGap: Double = 1e-3
    @OptionGroup var workers: ThreadsOption
    @Flag(help: "Also print the report's numbers as JSON on stdout.") var json = false

    func validate() throws {
        guard output.lowercased().hasSuffix(".html") || output.lowercased().hasSuffix(".htm") else {
            throw ValidationError("--output \(output): the report is HTML (.html)")
        }
        guard pairPlaces >= 2 && pairPlaces <= 500 else { throw ValidationError("--pair-places \(pairPlaces): must be 2...500") }
        guard top >= 1 && top <= 200 else { throw ValidationError("--top \(top): must be 1...200") }
        guard withinHours.isFinite, withinHours > 0, withinHours <= 720 else { throw ValidationError("--within-hours \(withinHours): must be in (0, 720]") }
        guard flowGap.isFinite, flowGap > 0, flowGap < 1 else { throw ValidationError("--flow-gap \(flowGap): must be in (0, 1)") }
        guard mode.modes == nil else { throw ValidationError("--modes: the report covers every mode (each named corridor on its own); --land is supported") }
    }

    func run() throws {
        let studied = try source.study()
        guard let region = studied.region else { throw ValidationError("report needs --region (its manifest names the corridors and options)") }
        var options = RegionSummary.Options()
        options.excluding = mode.excluding
        options.pairPlaces = pairPlaces
        options.top = top
        options.withinHours = withinHours
        options.threads = workers.threads
        if !preset.isEmpty || !scenario.isEmpty { options.scenarios = try studied.scenarios(files: scenario, presets: preset, allPresets: false) }
        let content = try studied.reportContent(options, flowGap: noFlows ? nil : flowGap) { source.log("report: \($0)", step: true) }
        let (summary, network) = (content.summary, studied.network)
        let flows = content.flows.map { FlowReport(model: $0.model, run: $0.run, changes: $0.changes, validation: $0.validation) }
        let day = CalendarDay.today()
        let html = PlannerReport.html(summary, network: network, box: region.manifest.bbox,
                                      generated: "Generated \(day) by corridor \(CorridorVersion.string) from GeoData/\(region.name)",
                                      appraisals: content.appraisals, flows: flows, governance: content.governance)
        try OutputFile.writeText(html, to: output)
        ProgressLog.finish()
        source.log("report: wrote \(output) (\(html.utf8.count / 1024) KB)")
        if json { try printJSON(summary) }
    }
}
