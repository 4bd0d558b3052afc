import ArgumentParser
import CorridorAnalysis
import CorridorData
import CorridorNetwork
import CorridorReport
import CorridorStudy
import Foundation

struct BorderEffectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "border-effect",
        abstract: "What borders cost place pairs across them (time ratio, equivalent distance), and a sweep of the border delay scale.",
        discussion: """
            Examples:
              corridor border-effect --region north-america --places 60
              corridor border-effect --region korea --open gyeongui-dorasan-kaesong --scales 0,0.5,1,2,4 --json
            Pairs are drawn from the most populous places in different countries and reachable
            by land. The equivalent distance is the added time at the pair's own straight-line
            speed without border delays.
            """)

    @OptionGroup var source: NetworkSourceOptions

    @Option(help: "Pairs among this many of the most populous places.")
    var places: Int = 60

    @Option(help: "Border delay multipliers for the sweep, comma-separated.")
    var scales: String = "0,0.5,1,2"

    @Option(help: "Exponential decay per hour of the interaction potential.")
    var beta: Double = 0.1

    @OptionGroup var workers: ThreadsOption

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    func scaleValues() throws -> [Double] {
        try scales.split(separator: ",").map { text in
            guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 0, v <= 100 else {
                throw ValidationError("--scales: '\(text)' is not a multiplier in [0, 100]")
            }
            return v
        }
    }

    func validate() throws {
        guard places >= 2 && places <= 2000 else { throw ValidationError("--places \(places): must be 2...2000") }
        guard beta.isFinite, beta >= 0, beta <= 100 else { throw ValidationError("--beta \(beta): must be in [0, 100]") }
        guard try !scaleValues().isEmpty else { throw ValidationError("--scales: give at least one multiplier") }
    }

    func run() throws {
        let (network, _) = try source.twoWayNetwork(for: "border-effect")
        // Always by land: border friction is a land question (sea legs bypass borders).
        let r = BorderEffect.compute(network, excluding: [.sea], places: places, scales: try scaleValues(), beta: beta,
                                     threads: workers.threads)
        if json { try printJSON(r); return }
        print("\(r.crossBorderPairs) cross-border pairs among the \(r.places) most populous places (by land)")
        print("countries   pairs  time ratio  hours added  equivalent km")
        for c in r.byCountryPair {
            print(String(format: "%@ %6d %10.2f %12.2f %14.0f", pad(c.countries, 9), c.pairs, c.weightedMeanRatio, c.weightedMeanHoursAdded, c.equivalentKilometers))
        }
        print("delay scale  mean hours  interaction change")
        for s in r.sweep {
            print(String(format: "%10.2f %11.2f %+18.2f%%", s.scale, s.weightedMeanHours, s.interactionChangePercent))
        }
    }
}
