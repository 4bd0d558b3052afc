import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct QACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa",
        abstract: "Data-quality review of a network: components, near misses, suspect bridges, crossings without edges, long access arcs, duplicates, speeds.",
        discussion: """
            Examples:
              corridor qa --region korea
              corridor qa --region north-america -o na-qa.gpkg --json
              corridor qa --layers road=my_roads.gpkg --layers places=my_places.geojson --near-miss-meters 500
            Each finding has a kind, a location, the numbers behind it and a suggested fix; -o
            writes them as a point layer (with the other end of a suggested connector in
            to_lon/to_lat) for review in QGIS. A suspect bridge is a link whose loss cuts off
            many people though its two sides come close by the same mode: a missing junction
            rather than a real bridge. Compare --without-repairs to see what the region's
            curated repairs fixed.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "A dangling end this close (metres) to another line of its mode that it does not join is a near miss.") var nearMissMeters: Double = 2_000
    @Option(help: "Check bridges that cut off at least this many people.") var suspectPopulation: Double = 50_000
    @Option(help: "A bridge is suspect when its two sides come this close (metres) by its mode.") var suspectGapMeters: Double = 5_000
    @Option(help: "Report places whose access arc is longer than this (metres).") var longAccessMeters: Double = 10_000
    @Option(help: "How many findings of each kind to print.") var top: Int = 5
    @OptionGroup var out: OutputOptions

    func validate() throws {
        for (name, v) in [("--near-miss-meters", nearMissMeters), ("--suspect-gap-meters", suspectGapMeters), ("--long-access-meters", longAccessMeters)] {
            guard v.isFinite, v > 0, v <= 100_000 else { throw ValidationError("\(name) \(v): must be in (0, 100000]") }
        }
        guard suspectPopulation.isFinite, suspectPopulation >= 0 else { throw ValidationError("--suspect-population \(suspectPopulation): must be non-negative") }
        guard top >= 0 && top <= 100_000 else { throw ValidationError("--top \(top): must be 0...100000") }
    }

    func run() throws {
        let (network, report) = try source.build()
        var options = NetworkQA.Options()
        options.nearMissMeters = nearMissMeters
        options.suspectPopulation = suspectPopulation
        options.suspectGapMeters = suspectGapMeters
        options.longAccessMeters = longAccessMeters
        source.log("quality review", step: true)
        let qa = NetworkQA.review(network, report: report, options: options)
        Progress.finish()
        try out.write(qa) { [ResultLayers.qaFindings(qa)] }
        if out.json { try printJSON(qa); return }
        print(qa.text(top: top))
    }
}
