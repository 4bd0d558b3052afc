import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

/// `--region` or `--network` (a compiled file built from a region), `--data-dir` and `--quiet`:
/// the study of the commands that need a region's demand model (`demand`, `assign`, `validate`).
struct DemandSourceOptions: ParsableArguments {
    @Option(help: "An embedded region with a demand model (see docs/flows.md).") var region: String?
    @Option(help: "A compiled network file built from a region (`corridor build --region R -o FILE.corridor`) instead of --region.") var network: String?
    @OptionGroup var data: DataOptions
    @Flag(help: "No progress lines on stderr.") var quiet = false

    /// --region or --network was given.
    var given: Bool { region != nil || network != nil }

    /// A progress line on stderr; `step` lines replace each other on a terminal.
    func log(_ line: String, step: Bool = false) {
        if !quiet { ProgressLog.line(line, transient: step) }
    }

    /// The study: --network, else --region, else `defaultRegion`; refused for a network built from layers.
    func study(defaultRegion: String? = nil) throws -> Study {
        guard let source = network.map(NetworkSource.file) ?? (region ?? defaultRegion).map(NetworkSource.region) else {
            throw ValidationError("give --region or --network")
        }
        var c = StudyConfiguration(source, cache: NetworkCache.forThisProgram())
        c.geoData = data.dataDir == nil ? nil : try data.directory()  // else found where needed
        let quiet = self.quiet
        let study = try Study.opened(c) { line in if !quiet { ProgressLog.line(line, transient: false) } }
        guard study.region != nil else {
            throw ValidationError("--network \(network ?? ""): built from layers, not from an embedded region; flows need a region's demand model")
        }
        return study
    }
}

struct DemandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demand",
        abstract: "Trips between a region's zones by segment: a doubly constrained gravity model over free-flow times.",
        discussion: """
            Examples:
              corridor demand --region north-america --segment freight -o freight-od.csv
              corridor demand --region north-america --json
            Zones, segments (mass, trip rate, deterrence) and their sources are in the region
            manifest's "flows" section (see docs/flows.md). The CSV has one row per pair with
            trips: origin and destination place ids and names, trips a year, free-flow hours.
            """)

    @OptionGroup var source: DemandSourceOptions
    @Option(help: "A segment of the manifest; repeatable (default: all).") var segment: [String] = []
    @OptionGroup var workers: ThreadsOption
    @Option(name: [.short, .long], help: "Write the trips: .csv (one row per segment and pair with trips).") var output: String?
    @Flag(help: "Machine-readable JSON on stdout (totals and trip-length distributions).") var json = false

    func validate() throws {
        _ = ProgressLog.start
        guard (source.region == nil) != (source.network == nil) else { throw ValidationError("give either --region or --network") }
        if let o = output { guard o.lowercased().hasSuffix(".csv") else { throw ValidationError("-o \(o): write .csv") } }
    }

    func run() throws {
        let study = try source.study()
        source.log("demand: zones and travel-time tables", step: true)
        let table = try study.demand(segments: segment, threads: workers.threads) { source.log($0, step: true) }
        let summaries = table.summaries
        ProgressLog.finish()
        if let o = output { try OutputFile.writeText(table.csv, to: o) }
        if json { try printJSON(summaries); return }
        if !summaries.isEmpty { print(FlowText.demand(summaries)) }
    }
}

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Road demand estimated from the counts (ODME), checked in sample and held out.",
        discussion: """
            Examples:
              corridor calibrate --region north-america --segment local -o local-calibrated.csv
              corridor assign --region north-america --od local-calibrated.csv
            A labelled step after the demand model: each segment's parameters are fitted on every
            counted port (as validate does), then the pairs that enter a counted port are moved,
            multiplicatively and never beyond --limit times their model trips, until the modelled
            entries meet the counts. The in-sample fit (every count used) is shown apart from the
            held-out one (each fold estimated from the other folds' counts). The CSV has one row
            per pair: place ids and names, the estimated trips a year and the model's.
            """)

    @OptionGroup var source: DemandSourceOptions
    @Option(help: "A road segment of the manifest; repeatable (default: the road segments).") var segment: [String] = []
    @Option(help: "Folds of ports for the held-out check.") var folds: Int = 5
    @Option(help: "How far a pair may move from the model's trips, as a factor.") var limit: Double = MatrixEstimation.standard.limit
    @Option(help: "The most estimation iterations.") var iterations: Int = MatrixEstimation.standard.iterations
    @Option(help: "The country whose entries the counts record.") var inbound: String = "USA"
    @OptionGroup var workers: ThreadsOption
    @Option(name: [.short, .long], help: "Write the estimated trips: .csv (one row per segment and pair).") var output: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        _ = ProgressLog.start
        guard folds >= 2, folds <= 50 else { throw ValidationError("--folds \(folds): must be 2...50") }
        guard limit >= 1, limit.isFinite else { throw ValidationError("--limit \(limit): a factor >= 1") }
        guard iterations >= 1, iterations <= 1000 else { throw ValidationError("--iterations \(iterations): must be 1...1000") }
        if let o = output { guard o.lowercased().hasSuffix(".csv") else { throw ValidationError("-o \(o): write .csv") } }
    }

    func run() throws {
        let study = try source.study(defaultRegion: "north-america")
        source.log("calibrate: zones and travel-time tables", step: true)
        let calibrated = try study.calibration(segments: segment, folds: folds, estimation: MatrixEstimation(limit: limit, iterations: iterations),
                                               inbound: inbound, threads: workers.threads) { source.log("calibrate: \($0)", step: true) }
        ProgressLog.finish()
        if let o = output { try OutputFile.writeText(calibrated.csv, to: o) }
        if json { try printJSON(calibrated.summary); return }
        print(FlowText.calibration(calibrated.summary))
    }
}

extension RegionValidation.FitCriterion: ExpressibleByArgument {}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "The region's demand model against the counts the border agencies publish (BTS), with held-out ports.",
        discussion: """
            Examples:
              corridor validate --region north-america
              corridor validate --region north-america --folds 5 --json > validation.json
            Per segment (local against personal vehicles, freight against trucks, 2024) and
            border, the modelled entries into the United States at every port with a count are
            compared with the count. Only global parameters are fitted, by the least squared
            error of log(1 + count): the decay per hour (from a grid around the manifest's
            value), a factor on the border delays, the crossing-choice dispersion (logit on the
            relative detour, or all-or-nothing) and one factor per segment and border. Ports are
            cut into k folds; each fold's predictions come from parameters fitted on the other
            folds. Statistics: Spearman's rank correlation, R² of log volumes, R² of log(1 + n)
            as predicted, GEH < 5 on daily and hourly flows, and the five largest ports per
            border. Loadings are at free flow (the crossings' congestion is not in the fit).
            Matrix estimation from the counts (as calibrate runs it) is shown after, in sample
            apart from held out; --no-estimation leaves it out. Ports with a count but no border
            edge in the network, or a stranded one, are listed
            with that reason. The region is north-america unless --region or --network names another.
            """)

    @OptionGroup var source: DemandSourceOptions
    @Option(help: "Folds of ports for the held-out predictions.") var folds: Int = 5
    @Option(help: "The country whose entries the counts record.") var inbound: String = "USA"
    @OptionGroup var workers: ThreadsOption
    @Option(name: [.short, .long], help: "Write everything as .json.") var output: String?
    @Option(help: "Write the log-log scatter plot of counted against held-out modelled entries (.svg).") var plot: String?
    @Option(help: "How the parameters are fitted on the training ports: log-fit (least squared error of log(1 + count), the default) or spearman (largest rank correlation, the total matched).")
    var fit: RegionValidation.FitCriterion = .logFit
    @Flag(inversion: .prefixedNo, help: "Check matrix estimation from the counts, in sample and held out (as calibrate runs it).") var estimation = true
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        _ = ProgressLog.start
        guard folds >= 2, folds <= 50 else { throw ValidationError("--folds \(folds): must be 2...50") }
        if let o = output { guard o.lowercased().hasSuffix(".json") else { throw ValidationError("-o \(o): write .json") } }
        if let p = plot { guard p.lowercased().hasSuffix(".svg") else { throw ValidationError("--plot \(p): write .svg") } }
    }

    func run() throws {
        let study = try source.study(defaultRegion: "north-america")
        let reg = try study.requireRegion(for: "validate")
        source.log("validate: zones and travel-time tables", step: true)
        let segments = try study.validation(folds: folds, inbound: inbound, estimation: estimation ? .standard : nil, criterion: fit,
                                            threads: workers.threads) {
            source.log("validate: \($0)", step: true)
        }
        ProgressLog.finish()
        if let o = output { try OutputFile.writeJSON(segments, to: o) }
        if let p = plot { try OutputFile.writeText(ValidationPlot.svg(segments, title: "\(reg.manifest.title): counted against modelled entries, held-out ports"), to: p) }
        if json { try printJSON(segments); return }
        print(FlowText.validation(segments))
    }
}
