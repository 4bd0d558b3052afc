import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct CatchmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catchment",
        abstract: "Two-sided catchment of every crossing: the population each side brings within T hours over its own network; the binding side.",
        discussion: """
            Examples:
              corridor catchment --region korea --within-hours 4
              corridor catchment --region north-america --top 20 --json
            Routes stay on each side's domestic network; sea legs are closed. Every crossing with
            border links is listed, whatever its state: a closed crossing's two hinterlands are
            what opening it would join.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "T, hours.") var withinHours: Double = 4
    @Option(help: "How many crossings to print (ranked by the binding side's population).") var top: Int = 20
    @Flag(help: "Also list the seaports with the weakest domestic feeders.") var seaports = false
    @OptionGroup var workers: ThreadsOption
    @Flag(help: "Machine-readable JSON on stdout (every crossing).") var json = false

    func validate() throws {
        guard withinHours.isFinite, withinHours > 0, withinHours <= 720 else { throw ValidationError("--within-hours \(withinHours): must be in (0, 720]") }
        guard top >= 1 && top <= 100_000 else { throw ValidationError("--top \(top): must be 1...100000") }
    }

    func run() throws {
        let (network, _) = try source.twoWayNetwork(for: "catchment")
        let all = CrossingCatchments.compute(network, withinHours: withinHours, threads: workers.threads)
        let feeders = seaports ? CrossingCatchments.seaportFeeders(network, withinHours: withinHours, threads: workers.threads) : []
        if json {
            if seaports {
                struct Output: Encodable { var crossings: [CrossingCatchment]; var seaports: [GatewayFeeder] }
                try printJSON(Output(crossings: all, seaports: feeders))
            } else { try printJSON(all) }
            return
        }
        print(BorderText.catchments(all, feeders: seaports ? feeders : nil, top: top, withinHours: withinHours))
    }
}
