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

    @Option(help: "An embedded region with a demand model.")
    var region: String?

    @Option(help: "A compiled network file built from a region (`corridor build --region R -o FILE.corridor`) instead of --region.")
    var network: String?

    @OptionGroup var data: DataOptions

    @Option(help: "A segment of the manifest; repeatable (default: all).")
    var segment: [String] = []

    @OptionGroup var workers: ThreadsOption

    @Option(name: [.short, .long], help: "Write the trips: .csv (one row per segment and pair with trips).")
    var output: String?

    @Flag(help: "Machine-readable JSON on stdout (totals and trip-length distributions).")
    var json = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        _ = Progress.start
        guard (region == nil) != (network == nil) else { throw ValidationError("give either --region or --network") }
        if let o = output { guard o.lowercased().hasSuffix(".csv") else { throw ValidationError("-o \(o): write .csv") } }
    }

    struct Summary: Encodable {
        var segment: String
        var zones: Int
        var trips: Double
        var crossBorderTrips: Double
        var meanHours: Double
        var tripLengthHours: TripLengthDistribution
    }

    func run() throws {
        let study = try demandStudy(region: region, network: self.network, data: data, quiet: quiet)
        let network = study.network
        let defaults = try FlowDefaults.of(try study.requireRegion(for: "demand"))
        let chosen = try defaults.segments(named: segment)
        if !quiet { Progress.line("demand: zones and travel-time tables", transient: true) }
        let gdp = try study.facts().gdpPerCapita
        var models: [Mode: RegionFlowModel] = [:]
        for m in [Mode.road, .rail] where chosen.contains(where: { $0.crossingMode == m }) {
            models[m] = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: gdp, threads: workers.threads, mode: m,
                                            session: study.session)
        }
        let zoneCount = models[chosen.first?.crossingMode ?? .road]!.zones.count
        var summaries: [Summary] = []
        var rows: [String] = ["segment,origin_id,origin,destination_id,destination,trips,hours"]
        let n = zoneCount
        func field(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        for s in chosen {
            if !quiet { Progress.line("demand: \(s.name)", transient: true) }
            // A rail segment is distributed over the hours through rail crossings.
            let model = models[s.crossingMode]!
            let od = try model.demand(s)
            summaries.append(Summary(segment: s.name, zones: n, trips: od.total, crossBorderTrips: model.crossBorderTrips(od).total,
                                     meanHours: Gravity.meanCost(od, costs: model.zoneHours),
                                     tripLengthHours: od.tripLengthDistribution(costs: model.zoneHours, binWidth: 1)))
            if output != nil {
                for i in 0..<n { for j in 0..<n where od[i, j] > 0 {
                    let a = model.zones[i], b = model.zones[j]
                    rows.append([s.name, field(a.placeId), field(a.name), field(b.placeId), field(b.name),
                                 String(format: "%.6g", od[i, j]), String(format: "%.4f", model.zoneHours[i * n + j])].joined(separator: ","))
                } }
            }
        }
        Progress.finish()
        if let o = output {
            do { try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: o), options: .atomic) }
            catch { throw DataError.invalid(o, "write failed: \(error.localizedDescription)") }
        }
        if json { try printJSON(summaries); return }
        for s in summaries {
            print("\(s.segment): \(s.zones) zones, \(String(format: "%.0f", s.trips)) trips a year, mean \(String(format: "%.2f", s.meanHours)) h, \(String(format: "%.0f", s.crossBorderTrips)) on routes through a crossing")
        }
    }
}
