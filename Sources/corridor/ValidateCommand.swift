import ArgumentParser
import CorridorData
import CorridorFlows
import CorridorNetwork
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

    @Option(help: "An embedded region with a demand model and counts.")
    var region: String = "north-america"

    @Option(help: "A compiled network file built from a region (`corridor build --region R -o FILE.corridor`) instead of --region.")
    var network: String?

    @OptionGroup var data: DataOptions

    @Option(help: "Folds of ports for the held-out predictions.")
    var folds: Int = 5

    @Option(help: "The country whose entries the counts record.")
    var inbound: String = "USA"

    @OptionGroup var workers: ThreadsOption

    @Option(name: [.short, .long], help: "Write everything as .json.")
    var output: String?

    @Option(help: "Write the log-log scatter plot of counted against held-out modelled entries (.svg).")
    var plot: String?

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        _ = Progress.start
        guard folds >= 2, folds <= 50 else { throw ValidationError("--folds \(folds): must be 2...50") }
        if let o = output { guard o.lowercased().hasSuffix(".json") else { throw ValidationError("-o \(o): write .json") } }
        if let p = plot { guard p.lowercased().hasSuffix(".svg") else { throw ValidationError("--plot \(p): write .svg") } }
    }

    func run() throws {
        let study = try demandStudy(region: self.network == nil ? region : nil, network: self.network, data: data, quiet: quiet)
        let reg = try study.requireRegion(for: "validate"), network = study.network
        let defaults = try FlowDefaults.of(reg)
        if !quiet { Progress.line("validate: zones and travel-time tables", transient: true) }
        let facts = try study.facts()
        let (gdp, counts, ports) = (facts.gdpPerCapita, facts.counts, facts.ports)
        // Road segments on the road crossings; a rail segment on the rail crossings.
        var segments: [RegionValidation.Segment] = []
        for mode in [Mode.road, .rail] where defaults.segments.contains(where: { $0.crossingMode == mode }) {
            let model = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: gdp, threads: workers.threads, mode: mode,
                                            session: study.session)
            segments += try RegionValidation.run(model: model, ports: ports, counts: counts, folds: folds, inbound: inbound, threads: workers.threads) {
                if !quiet { Progress.line("validate: \($0)", transient: true) }
            }
        }
        Progress.finish()
        if let o = output { try writeJSONAtomically(segments, to: o) }
        if let p = plot { try writeTextAtomically(ValidationPlot.svg(segments, title: "\(reg.manifest.title): counted against modelled entries, held-out ports"), to: p) }
        if json { try printJSON(segments); return }
        for s in segments {
            let missing = s.ports.filter { $0.heldOutPrediction == nil }.count
            print("\(s.name) against \(s.measure): \(s.ports.count) ports with a count, \(missing) without a border edge; fitted on every port: decay \(String(format: "%.3g", s.fittedDecayPerHour)) per hour, border delays ×\(String(format: "%.3g", s.fittedDelayScale))")
            print("  border      ports  Spearman (held out / in sample)  R² log   GEH<5   top-5 share")
            for (border, st) in s.statistics.sorted(by: { $0.key < $1.key }) {
                let ins = s.inSample[border]!
                print("  " + pad(border, 10) + String(format: "%6d  %8.3f / %-8.3f              %6.3f  %6.2f  %8.2f", st.count, st.spearman, ins.spearman,
                                                       st.r2Log, st.gehBelow5Share, st.observedShareOfModelTopFive))
            }
            let top = s.ports.filter { $0.heldOutPrediction != nil }.sorted { $0.heldOutPrediction! > $1.heldOutPrediction! }.prefix(5)
            print("  model's top five: " + top.map { "\($0.name) (\(String(format: "%.0f", $0.heldOutPrediction!)) vs \(String(format: "%.0f", $0.observed)))" }.joined(separator: ", "))
        }
    }
}
