import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct LandSeaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "land-sea",
        abstract: "Land against sea gateways: for cross-border pairs, the best land route through crossings against the best route by sea.",
        discussion: """
            Examples:
              corridor land-sea --region northeast-asia --places 40
              corridor land-sea --region northeast-asia --open gyeongui-dorasan-kaesong --json
            Pairs are weighted by gravity, P_a·P_b·exp(−β·t). Each crossing's land capture
            share is the weighted share of the pairs it carries by land that land wins.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "Pairs among this many of the most populous places.") var places: Int = 40
    @Option(help: "How many crossings to print.") var top: Int = 15
    @OptionGroup var workers: ThreadsOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard places >= 2 && places <= 2000 else { throw ValidationError("--places \(places): must be 2...2000") }
        guard top >= 1 && top <= 100_000 else { throw ValidationError("--top \(top): must be 1...100000") }
    }

    func run() throws {
        let (network, _) = try source.twoWayNetwork(for: "land-sea")
        let r = LandSeaCompetition.compute(network, places: places, threads: workers.threads)
        if json { try printJSON(r); return }
        print(BorderText.landSea(r, top: top))
    }
}
