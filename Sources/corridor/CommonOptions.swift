import ArgumentParser
import CorridorData
import CorridorFlows
import CorridorNetwork
import Foundation

/// `--threads N`, validated once for every command that runs workers.
struct ThreadsOption: ParsableArguments {
    @Option(help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard threads >= 1 && threads <= 1024 else { throw ValidationError("--threads \(threads): must be 1...1024") }
    }
}

/// `--land`: analyses without sea legs.
struct LandOption: ParsableArguments {
    @Flag(help: "Land only: no sea legs.")
    var land = false

    @Option(help: ArgumentHelp("Only these modes, comma-separated: road, rail, sea, ferry. Transfers only at the hubs that join two of them; without road, each place joins its nearest rail node.", valueName: "modes"))
    var modes: String?

    func validate() throws {
        if land && modes != nil { throw ValidationError("--land and --modes: give one (--land is every mode but sea)") }
    }

    /// The modes the user allowed, nil for all (or all but sea with --land).
    func selection() throws -> ModeSelection? {
        try modes.map { try ModeSelection(parsing: $0) }
    }

    /// The modes closed for the analysis.
    var excluding: Set<Mode> {
        if land { return [.sea] }
        return ((try? selection()) ?? nil)?.excluding ?? []
    }

    /// The modes every corridor is measured on instead of its own: --modes, or --land as
    /// every mode of the network but sea; nil without either.
    func override(_ network: TransportNetwork) throws -> ModeSelection? {
        if land { return try ModeSelection(network.presentLineModes.subtracting([.sea])) }
        return try selection()
    }

    /// The network as the chosen modes see it (places re-anchored on rail without road).
    /// - Throws: `DataError.invalid` for an unknown mode or one the network lacks.
    func restrict(_ network: TransportNetwork) throws -> TransportNetwork {
        guard let s = try selection() else { return network }
        return try network.restricted(to: s)
    }
}

/// A gauge change's method and gauges without its source ("transshipment 1435/1520 mm"), for
/// the text outputs; the JSON keeps the source.
func gaugeMethod(_ description: String) -> String {
    description.components(separatedBy: " (").first ?? description
}

/// Progress on stderr, stamped with the seconds since the command started. On a terminal,
/// step lines overwrite each other (one live status line); elsewhere (logs, pipes, CI) every
/// line is kept as plain text.
enum Progress {
    static let start = Date()
    static let isTerminal = isatty(STDERR_FILENO) != 0
    nonisolated(unsafe) static var live = false

    static func line(_ text: String, transient: Bool) {
        let stamp = String(format: "[%6.1f s] ", max(0, Date().timeIntervalSince(start)))
        var out = ""
        if isTerminal {
            if live { out += "\r\u{1B}[K" }
            out += stamp + text + (transient ? "" : "\n")
            live = transient
        } else {
            out = stamp + text + "\n"
        }
        FileHandle.standardError.write(Data(out.utf8))
    }

    /// Ends a live status line, if one is showing.
    static func finish() {
        if isTerminal && live { FileHandle.standardError.write(Data("\n".utf8)); live = false }
    }
}

/// `--scenario FILE`, `--preset ID`, `--all-presets`: the options a command evaluates, for
/// every command that takes corridor options.
struct ScenarioSelection: ParsableArguments {
    @Option(help: "A scenario JSON file; repeatable.")
    var scenario: [String] = []

    @Option(help: "A preset of the region's manifest by id; repeatable.")
    var preset: [String] = []

    @Flag(help: "Every preset of the region.")
    var allPresets = false

    func validate() throws {
        guard !scenario.isEmpty || !preset.isEmpty || allPresets else { throw ValidationError("give --scenario FILE, --preset ID or --all-presets") }
    }

    /// The files first, then the presets in the order given (or the manifest's order).
    func scenarios(region: Region?) throws -> [Scenario] {
        var out = try scenario.map { try Scenario(file: $0) }
        if (allPresets || !preset.isEmpty) && region == nil { throw ValidationError("--preset and --all-presets need --region") }
        let presets = region?.manifest.scenarios ?? []
        for id in allPresets ? presets.map(\.id) : preset {
            guard let p = presets.first(where: { $0.id == id }) else {
                throw DataError.invalid("--preset \(id)", "no such preset" + PlaceName.didYouMean(id, among: presets.map(\.id))
                                        + " (have: \(presets.map(\.id).joined(separator: ", ")))")
            }
            out.append(try Scenario(preset: p))
        }
        return out
    }
}

/// `--flows` and `--flow-gap`: add the region's demand model at equilibrium to a command
/// (`scenario`, `criticality`, `corridors`).
struct FlowsOption: ParsableArguments {
    @Flag(help: "Also weigh by the region's flows at equilibrium (needs --region with a demand model; see docs/flows.md).")
    var flows = false

    @Option(help: "With --flows: stop each equilibrium at this relative gap.")
    var flowGap: Double = 1e-4

    func validate() throws {
        guard flowGap.isFinite, flowGap > 0, flowGap < 1 else { throw ValidationError("--flow-gap \(flowGap): must be in (0, 1)") }
    }

    /// The baseline equilibrium when --flows is given: nil without it.
    /// - Throws: when --flows has no region to take the demand model from.
    func study(_ source: NetworkSourceOptions, network: TransportNetwork, threads: Int) throws -> RegionFlowStudy? {
        guard flows else { return nil }
        guard let region = try source.regionValue() else { throw ValidationError("--flows needs --region (a region with a demand model)") }
        return try RegionFlowStudy(region: region, base: network, threads: threads, gap: flowGap) { source.log($0, step: true) }
    }
}
