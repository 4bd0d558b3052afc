import ArgumentParser
import CorridorData
import CorridorFlows
import CorridorNetwork
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

    @OptionGroup var data: DataOptions

    @Option(help: "Folds of ports for the held-out predictions.")
    var folds: Int = 5

    @Option(help: "The country whose entries the counts record.")
    var inbound: String = "USA"

    @OptionGroup var workers: ThreadsOption

    @Option(name: [.short, .long], help: "Write everything as .json.")
    var output: String?

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        _ = Progress.start
        guard folds >= 2, folds <= 50 else { throw ValidationError("--folds \(folds): must be 2...50") }
        if let o = output { guard o.lowercased().hasSuffix(".json") else { throw ValidationError("-o \(o): write .json") } }
    }

    struct Port: Encodable {
        var code: String
        var crossingId: String
        var name: String
        var border: String
        var observed: Double
        /// The held-out prediction (parameters fitted without this port's fold); nil with a reason.
        var heldOutPrediction: Double?
        var decayPerHour: Double?
        var reason: String?
    }

    struct Segment: Encodable {
        var name: String
        var measure: String
        var grid: [Double]
        var statistics: [String: ValidationStatistics]
        var inSample: [String: ValidationStatistics]
        var ports: [Port]
    }

    func run() throws {
        let reg = try data.catalog().region(region)
        guard let defaults = reg.manifest.flows else {
            throw DataError.invalid("\(reg.name)/manifest.json", "no \"flows\" section: this region has no demand model yet")
        }
        let (network, _) = try NetworkBuilder.build(region: reg)
        if !quiet { Progress.line("validate: zones and travel-time tables", transient: true) }
        let gdp = Dictionary(try AppraiseCommand.incomes(reg).map { ($0.code, $0.gdpPerCapitaUSD) }, uniquingKeysWith: { a, _ in a })
        let model = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: gdp, threads: workers.threads)
        let observed = try AssignCommand.observedCounts(reg)
        let layer = try reg.layer("crossings")
        var info: [String: (name: String, border: String, code: String)] = [:]
        for f in layer.features {
            guard let id = layer.value(f, "crossing_id").stringValue, let code = layer.value(f, "bts_port_code").stringValue else { continue }
            let border = [layer.value(f, "country_a").stringValue ?? "", layer.value(f, "country_b").stringValue ?? ""].sorted().joined(separator: "-")
            info[id] = (layer.value(f, "name").stringValue ?? id, border, code)
        }
        let modelled = Set(model.crossingLinks.map(\.crossingId))
        var segments: [Segment] = []
        for s in defaults.segments {
            let measure = s.observedMeasure + "_2024"
            let base = s.beta ?? 0.1
            let grid = [0.25, 0.5, 1, 2, 4].map { $0 * base }
            var runs: [[String: Double]] = []
            for b in grid {
                if !quiet { Progress.line("validate: \(s.name), decay \(String(format: "%.3g", b)) per hour", transient: true) }
                runs.append(try model.freeFlowInbound(s, beta: b, inbound: inbound, threads: workers.threads))
            }
            let ports = info.keys.sorted { info[$0]!.code < info[$1]!.code }.filter { (observed[$0]?[measure] ?? 0) > 0 }
            let predictable = ports.filter { modelled.contains($0) }
            // Fold k holds every k-th predictable port by BTS code.
            var heldOut: [String: (Double, Double)] = [:]
            func fit(_ training: [String]) -> (run: Int, scale: Double) {
                var best = (run: 0, scale: 1.0, score: -Double.infinity)
                for (r, run) in runs.enumerated() {
                    let obs = training.map { observed[$0]![measure]! }, pred = training.map { run[$0] ?? 0 }
                    let rho = ValidationStatistics.spearman(obs, pred)
                    let total = pred.reduce(0, +)
                    let score = rho.isNaN ? -Double.infinity : rho
                    if score > best.score { best = (r, total > 0 ? obs.reduce(0, +) / total : 1, score) }
                }
                return (best.run, best.scale)
            }
            for k in 0..<folds {
                let test = predictable.enumerated().filter { $0.offset % folds == k }.map(\.element)
                let training = predictable.enumerated().filter { $0.offset % folds != k }.map(\.element)
                let (r, scale) = fit(training)
                for id in test { heldOut[id] = ((runs[r][id] ?? 0) * scale, grid[r]) }
            }
            let all = fit(predictable)
            let portRows = ports.map { id -> Port in
                let i = info[id]!
                return Port(code: i.code, crossingId: id, name: i.name, border: i.border, observed: observed[id]![measure]!,
                            heldOutPrediction: heldOut[id]?.0, decayPerHour: heldOut[id]?.1,
                            reason: modelled.contains(id) ? nil : "no road border edge for this port in the network")
            }
            var statistics: [String: ValidationStatistics] = [:], inSample: [String: ValidationStatistics] = [:]
            for border in Set(portRows.map(\.border)).sorted() {
                let rows = portRows.filter { $0.border == border && $0.heldOutPrediction != nil }
                guard rows.count >= 3 else { continue }
                statistics[border] = ValidationStatistics(observed: rows.map(\.observed), predicted: rows.map { $0.heldOutPrediction! })
                inSample[border] = ValidationStatistics(observed: rows.map(\.observed), predicted: rows.map { (runs[all.run][$0.crossingId] ?? 0) * all.scale })
            }
            segments.append(Segment(name: s.name, measure: measure, grid: grid, statistics: statistics, inSample: inSample, ports: portRows))
        }
        Progress.finish()
        if let o = output { try writeJSONAtomically(segments, to: o) }
        if json { try printJSON(segments); return }
        for s in segments {
            let missing = s.ports.filter { $0.heldOutPrediction == nil }.count
            print("\(s.name) against \(s.measure): \(s.ports.count) ports with a count, \(missing) without a border edge")
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
