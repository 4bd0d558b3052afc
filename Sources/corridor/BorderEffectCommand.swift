import ArgumentParser
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
    @Option(help: "Pairs among this many of the most populous places.") var places: Int = 60
    @Option(help: "Border delay multipliers for the sweep, comma-separated.") var scales: String = "0,0.5,1,2"
    @Option(help: "Exponential decay per hour of the interaction potential.") var beta: Double = 0.1
    @OptionGroup var workers: ThreadsOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

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
                                     threads: workers.threads, session: try source.study().session)
        if json { try printJSON(r); return }
        print(BorderText.borderEffect(r))
    }
}
