import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Fastest route between two places, with legs by mode and the crossings passed.",
        discussion: """
            Examples:
              corridor route --region korea --from Seoul --to Pyongyang
              corridor route --region korea --from Seoul --to Pyongyang --open gyeongui-dorasan-kaesong
              corridor route --region northeast-asia --from Harbin --to Chita --modes rail
            """)

    @OptionGroup var source: NetworkSourceOptions

    @OptionGroup var option: OptionArguments

    @Option(help: "Origin place name.")
    var from: String

    @Option(help: "Destination place name.")
    var to: String

    @OptionGroup var mode: LandOption

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    func run() throws {
        let network = try mode.restrict(try option.network(source))
        let a = try network.resolvePlace(from, option: "--from"), b = try network.resolvePlace(to, option: "--to")
        struct Output: Encodable {
            var from: String, to: String
            /// The two places with their ids, countries and admin-1 units (names repeat).
            var fromPlace: PlaceRef, toPlace: PlaceRef
            var reachable: Bool
            var hours: Double?
            var kilometers: Double?
            var legs: [Route.Leg]
            var crossings: [String]
            var gaugeChanges: [Route.GaugeChange] = []
        }
        let weights = network.arcSeconds(excluding: mode.excluding)
        guard let r = Route.fastest(in: network, from: Int(a.node), to: Int(b.node), weights: weights) else {
            if json { try printJSON(Output(from: a.name, to: b.name, fromPlace: PlaceRef(a, network), toPlace: PlaceRef(b, network), reachable: false, legs: [], crossings: [])) }
            else { print("\(a.name) -> \(b.name): unreachable under the current crossing states\(mode.modes.map { " by \($0)" } ?? "")") }
            return
        }
        if json {
            try printJSON(Output(from: a.name, to: b.name, fromPlace: PlaceRef(a, network), toPlace: PlaceRef(b, network), reachable: true, hours: r.seconds / 3600, kilometers: r.meters / 1000, legs: r.legs, crossings: r.crossings, gaugeChanges: r.gaugeChanges))
            return
        }
        let by = try mode.selection().map { " by \($0)" } ?? (mode.land ? " by land" : "")
        print(String(format: "%@ -> %@%@: %.1f h, %.0f km", a.name, b.name, by, r.seconds / 3600, r.meters / 1000))
        for leg in r.legs { print(String(format: "  %@ %7.1f h %8.0f km", pad(leg.mode, 8), leg.seconds / 3600, leg.meters / 1000)) }
        print("  crossings: \(r.crossings.isEmpty ? "none" : r.crossings.joined(separator: ", "))")
        for g in r.gaugeChanges { print(String(format: "  gauge change at %@: %.1f h, %@", g.crossing, g.hours, CorridorText.gaugeMethod(g.how))) }
    }
}
