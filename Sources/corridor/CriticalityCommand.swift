import ArgumentParser
import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

struct CriticalityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criticality",
        abstract: "The links the network cannot afford to lose: open crossings by hours added and pairs cut, bridges by population cut off.",
        discussion: "Example: corridor criticality --region korea --land --top 10")

    @OptionGroup var source: NetworkSourceOptions

    @Option(help: "How many of each list to print.")
    var top: Int = 10

    @Option(help: "Pairs over this many of the most populous places.")
    var pairPlaces: Int = 40

    @OptionGroup var mode: LandOption

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    func validate() throws {
        guard top >= 1 && top <= 100_000 else { throw ValidationError("--top \(top): must be 1...100000") }
        guard pairPlaces >= 2 && pairPlaces <= 2000 else { throw ValidationError("--pair-places \(pairPlaces): must be 2...2000") }
    }

    func run() throws {
        let (network, _) = try source.build()
        let excluding = mode.excluding
        let crossings = Array(Criticality.crossings(network, excluding: excluding, places: pairPlaces).prefix(top))
        let bridges = Array(Criticality.bridges(network, excluding: excluding).prefix(top))
        if json {
            struct Output: Encodable { var crossings: [Criticality.CrossingLoss]; var bridges: [Criticality.BridgeLoss] }
            try printJSON(Output(crossings: crossings, bridges: bridges))
            return
        }
        print("open crossings (closing each, pairs among the \(pairPlaces) most populous places):")
        for c in crossings {
            print(String(format: "  %-40@ %4d pairs cut, %6.2f h added (population-weighted), %d pairs affected", c.crossing, c.pairsDisconnected, c.weightedHoursAdded, c.pairsUsing))
        }
        print("bridges (links whose loss splits the network), by population cut off:")
        for b in bridges {
            print(String(format: "  edge %-7d %-5@ %-16@ %12.0f people  (%.3f, %.3f)", b.edge, b.mode, b.source, b.populationCutOff, b.lon, b.lat))
        }
    }
}
