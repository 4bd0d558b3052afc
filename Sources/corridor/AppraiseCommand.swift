import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

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
            rate and value of time, each with its source or labelled an assumption. Without a
            demand model the benefit is the accessibility (logsum) benefit, (1/beta) ln(A1/A0)
            hours per trip at each place: a different quantity from a flow-based consumer surplus,
            and labelled so in every output. Shares: benefits by place of residence; costs by
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
    @OptionGroup var workers: ThreadsOption
    @Option(name: [.short, .long], help: "The allocation table (one row per option and country): .csv, or .json for everything.") var output: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard CostRule(rawValue: costRule) != nil else { throw ValidationError("--cost-rule \(costRule): use length, population, benefit or equal") }
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
        guard let region = study.region else {
            throw ValidationError("appraise needs --region: the appraisal defaults and the countries' incomes come from the region")
        }
        guard var defaults = region.manifest.appraisal else {
            throw DataError.invalid("\(region.name)/manifest.json", "no \"appraisal\" section (rebuild the region with corridor import)")
        }
        if let r = discountRate { defaults.discountRate = r }
        if let h = horizonYears { defaults.horizonYears = h }
        if let g = demandGrowth { defaults.demandGrowthPerYear = g }
        if let t = tripsPerPerson { defaults.tripsPerPersonPerYear = t }
        let scenarios = try options.scenarios(study)
        let base = try mode.restrict(try source.twoWayNetwork(for: "appraise").0)
        source.log("appraise: baseline", step: true)
        let evaluator = ScenarioEvaluator(base: base, excluding: mode.excluding, beta: beta, threads: workers.threads, session: study.session)
        let appraiser = try Appraiser(evaluator: evaluator,
                                      parameters: AppraisalParameters(defaults: defaults, beta: beta, costRule: CostRule(rawValue: costRule)!),
                                      incomes: try study.facts().incomes)
        var results: [OptionAppraisal] = []
        for s in scenarios {
            source.log("appraise: \(s.id)", step: true)
            results.append(try appraiser.appraise(s))
        }
        Progress.finish()
        let ranked = results.sorted { $0.netPresentValue > $1.netPresentValue || ($0.netPresentValue == $1.netPresentValue && $0.scenario < $1.scenario) }
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try writeJSONAtomically(ranked, to: o) }
            else { try VectorWriter.write([AppraisalLayers.allocation(ranked)], to: o) }
        }
        if json { try printJSON(ranked); return }
        print(AppraisalText.ranking(ranked, currency: defaults.currency, priceYear: defaults.priceYear))
    }
}
