import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One self-contained HTML page a planner can read: maps, connectivity, accessibility, critical links, corridors, options ranked.",
        discussion: """
            Examples:
              corridor report --region korea --land -o korea-report.html
              corridor report --region north-america --land --pair-places 20 -o na.html --json
            The page is one self-contained file: its maps pan and zoom (wheel, drag, +/-/reset) and its
            tables sort by any column, with one inline script; it loads nothing from the network. --json also prints
            every number behind it.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(name: [.short, .long], help: "The HTML file to write.") var output: String
    @OptionGroup var mode: LandOption
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
        let content = try studied.reportContent(options, flowGap: noFlows ? nil : flowGap) { source.log("report: \($0)", step: true) }
        let (summary, network) = (content.summary, studied.network)
        let flows = content.flows.map { FlowReport(model: $0.model, run: $0.run, changes: $0.changes, validation: $0.validation) }
        let day = CalendarDay.today()
        let html = PlannerReport.html(summary, network: network, box: region.manifest.bbox,
                                      generated: "Generated \(day) by corridor \(CorridorVersion.string) from GeoData/\(region.name)",
                                      appraisals: content.appraisals, flows: flows, governance: content.governance)
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw GeoError.writeFailed(path: output, message: error.localizedDescription)
        }
        Progress.finish()
        source.log("report: wrote \(output) (\(html.utf8.count / 1024) KB)")
        if json { try printJSON(summary) }
    }
}
