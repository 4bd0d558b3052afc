import ArgumentParser
import CorridorAnalysis
import CorridorGeo
import CorridorNetwork
import CorridorReport
import Foundation

struct Access: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accessibility per place: time to the nearest seaport and open crossing, population within T hours, gravity access.",
        discussion: """
            Examples:
              corridor access --region korea --within-hours 4 -o korea-access.gpkg
              corridor access --region korea --land --json
            Times to a seaport include half the port's road-sea transfer (the hub's half-transfer).
            """)

    @OptionGroup var source: NetworkSourceOptions

    @Option(help: "Cumulative-opportunities threshold in hours.")
    var withinHours: Double = 4

    @Option(help: "Exponential decay per hour for gravity access.")
    var beta: Double = 0.1

    @Option(help: "Power-decay exponent for gravity access.")
    var gamma: Double = 1

    @OptionGroup var workers: ThreadsOption

    @OptionGroup var mode: LandOption

    @Option(name: [.short, .long], help: "Write the per-place table: .gpkg, .geojson, .fgb, .csv or .json.")
    var output: String?

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    func validate() throws {
        guard withinHours.isFinite, withinHours > 0, withinHours <= 24 * 30 else { throw ValidationError("--within-hours \(withinHours): must be in (0, 720]") }
        guard beta.isFinite, beta >= 0, beta <= 100 else { throw ValidationError("--beta \(beta): must be in [0, 100]") }
        guard gamma.isFinite, gamma >= 0, gamma <= 10 else { throw ValidationError("--gamma \(gamma): must be in [0, 10]") }
        if let o = output, !o.lowercased().hasSuffix(".json"), VectorFormat(path: o) == nil { throw GeoError.unsupportedFormat(path: o) }
    }

    func run() throws {
        let (network, _) = try source.build()
        let result = Accessibility.places(network, weights: network.arcSeconds(excluding: mode.excluding),
                                          withinHours: withinHours, beta: beta, gamma: gamma, threads: workers.threads)
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try writeJSONAtomically(result, to: o) }
            else { try VectorWriter.write([ResultLayers.accessibility(result, network: network)], to: o) }
        }
        if json { try printJSON(result); return }
        print("place".padding(toLength: 24, withPad: " ", startingAt: 0) + "country  population  h-to-port  h-to-crossing  pop-within-\(Int(withinHours))h")
        let top = result.population.indices.sorted { result.population[$0] > result.population[$1] }.prefix(15)
        for i in top {
            print(result.placeNames[i].padding(toLength: 24, withPad: " ", startingAt: 0)
                  + result.countries[i].padding(toLength: 9, withPad: " ", startingAt: 0)
                  + String(format: "%10.0f %10.1f %14.1f %16.0f", result.population[i], result.hoursToNearestPort[i],
                           result.hoursToNearestOpenCrossing[i], result.populationWithin[i]))
        }
    }
}

/// Writes JSON to a temporary file and renames it into place.
func writeJSONAtomically<T: Encodable>(_ value: T, to path: String) throws {
    let e = corridorJSONEncoder()
    let url = URL(fileURLWithPath: path)
    do {
        try e.encode(value).write(to: url, options: .atomic)
    } catch {
        throw GeoError.writeFailed(path: path, message: "\(error.localizedDescription)")
    }
}
