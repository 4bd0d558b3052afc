import ArgumentParser
import CorridorStudy
import Foundation

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

    @Option(help: "An embedded region with a demand model.") var region: String?
    @Option(help: "A compiled network file built from a region (`corridor build --region R -o FILE.corridor`) instead of --region.") var network: String?
    @OptionGroup var data: DataOptions
    @Option(help: "A segment of the manifest; repeatable (default: all).") var segment: [String] = []
    @OptionGroup var workers: ThreadsOption
    @Option(name: [.short, .long], help: "Write the trips: .csv (one row per segment and pair with trips).") var output: String?
    @Flag(help: "Machine-readable JSON on stdout (totals and trip-length distributions).") var json = false
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func validate() throws {
        _ = Progress.start
        guard (region == nil) != (network == nil) else { throw ValidationError("give either --region or --network") }
        if let o = output { guard o.lowercased().hasSuffix(".csv") else { throw ValidationError("-o \(o): write .csv") } }
    }

    func run() throws {
        let study = try demandStudy(region: region, network: self.network, data: data, quiet: quiet)
        if !quiet { Progress.line("demand: zones and travel-time tables", transient: true) }
        let table = try study.demand(segments: segment, threads: workers.threads) { if !quiet { Progress.line($0, transient: true) } }
        let summaries = table.summaries
        Progress.finish()
        if let o = output {
            do { try Data(table.csv.utf8).write(to: URL(fileURLWithPath: o), options: .atomic) }
            catch { throw DataError.invalid(o, "write failed: \(error.localizedDescription)") }
        }
        if json { try printJSON(summaries); return }
        for s in summaries {
            print("\(s.segment): \(s.zones) zones, \(String(format: "%.0f", s.trips)) trips a year, mean \(String(format: "%.2f", s.meanHours)) h, \(String(format: "%.0f", s.crossBorderTrips)) on routes through a crossing")
        }
    }
}
