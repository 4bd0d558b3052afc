import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

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
            compared with the count. Only global parameters are fitted: the decay per hour
            (from a grid around the manifest's value) and one scale per segment. Ports are cut
            into k folds; each fold's predictions come from parameters fitted on the other
            folds. Statistics: Spearman's rank correlation, R² of log volumes, the share of ports
            with GEH < 5 on daily flows, and the observed share of the model's five busiest
            ports. Loadings are all-or-nothing at free flow (the crossings' congestion is not in
            the calibration). Ports with a count but no border edge in the network are listed
            with that reason.
            """)

    @Option(help: "An embedded region with a demand model and counts.") var region: String = "north-america"
    @Option(help: "A compiled network file built from a region (`corridor build --region R -o FILE.corridor`) instead of --region.") var network: String?
    @OptionGroup var data: DataOptions
    @Option(help: "Folds of ports for the held-out predictions.") var folds: Int = 5
    @Option(help: "The country whose entries the counts record.") var inbound: String = "USA"
    @OptionGroup var workers: ThreadsOption
    @Option(name: [.short, .long], help: "Write everything as .json.") var output: String?
    @Option(help: "Write the log-log scatter plot of counted against held-out modelled entries (.svg).") var plot: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func validate() throws {
        _ = Progress.start
        guard folds >= 2, folds <= 50 else { throw ValidationError("--folds \(folds): must be 2...50") }
        if let o = output { guard o.lowercased().hasSuffix(".json") else { throw ValidationError("-o \(o): write .json") } }
        if let p = plot { guard p.lowercased().hasSuffix(".svg") else { throw ValidationError("--plot \(p): write .svg") } }
    }

    func run() throws {
        let study = try demandStudy(region: self.network == nil ? region : nil, network: self.network, data: data, quiet: quiet)
        let reg = try study.requireRegion(for: "validate")
        if !quiet { Progress.line("validate: zones and travel-time tables", transient: true) }
        let segments = try study.validation(folds: folds, inbound: inbound, threads: workers.threads) {
            if !quiet { Progress.line("validate: \($0)", transient: true) }
        }
        Progress.finish()
        if let o = output { try writeJSONAtomically(segments, to: o) }
        if let p = plot { try writeTextAtomically(ValidationPlot.svg(segments, title: "\(reg.manifest.title): counted against modelled entries, held-out ports"), to: p) }
        if json { try printJSON(segments); return }
        print(FlowText.validation(segments))
    }
}
