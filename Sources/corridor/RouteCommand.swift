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
    @Option(help: "Origin place name.") var from: String
    @Option(help: "Destination place name.") var to: String
    @OptionGroup var mode: LandOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func run() throws {
        let network = try mode.restrict(try option.network(source))
        let r = try RouteAnswer(on: network, from: from, to: to, excluding: mode.excluding)
        if json { try printJSON(r); return }
        let by = try mode.selection().map { " by \($0)" } ?? (mode.land ? " by land" : "")
        print(CorridorText.route(r, by: by, unreachableBy: mode.modes.map { " by \($0)" } ?? ""))
    }
}
