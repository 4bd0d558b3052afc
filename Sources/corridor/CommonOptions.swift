import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

/// `--threads N`, validated once for every command that runs workers.
struct ThreadsOption: ParsableArguments {
    @Option(help: "Worker threads (default: all cores).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard threads >= 1 && threads <= 1024 else { throw ValidationError("--threads \(threads): must be 1...1024") }
    }
}

/// `--land`: analyses without sea legs.
struct LandOption: ParsableArguments {
    @Flag(help: "Land only: no sea legs.") var land = false
    @Option(help: ArgumentHelp("Only these modes, comma-separated: road, rail, sea, ferry. Transfers only at the hubs that join two of them; without road, each place joins its nearest rail node.", valueName: "modes")) var modes: String?

    func validate() throws {
        if land && modes != nil { throw ValidationError("--land and --modes: give one (--land is every mode but sea)") }
    }

    /// The choice as the library's value (its selection, closed modes, override and restricted view).
    var choice: ModeChoice { ModeChoice(land: land, modes: modes) }
    var excluding: Set<Mode> { choice.excluding }
    func selection() throws -> ModeSelection? { try choice.selection() }
    func override(_ network: TransportNetwork) throws -> ModeSelection? { try choice.override(network) }
    func restrict(_ network: TransportNetwork) throws -> TransportNetwork { try choice.restrict(network) }
}

/// `--scenario FILE`, `--preset ID`, `--all-presets`: the options a command evaluates, for
/// every command that takes corridor options.
struct ScenarioSelection: ParsableArguments {
    @Option(help: "A scenario JSON file; repeatable.") var scenario: [String] = []
    @Option(help: "A preset of the region's manifest by id; repeatable.") var preset: [String] = []
    @Flag(help: "Every preset of the region.") var allPresets = false

    func validate() throws {
        guard !scenario.isEmpty || !preset.isEmpty || allPresets else { throw ValidationError("give --scenario FILE, --preset ID or --all-presets") }
    }

    /// The files first, then the presets in the order given (or the manifest's order).
    func scenarios(_ study: Study) throws -> [Scenario] {
        try study.scenarios(files: scenario, presets: preset, allPresets: allPresets)
    }
}

/// `--preset`, `--scenario`, `--close`, `--delay`: the option a question is asked under (the
/// baseline without them; `--open` opens crossings in the baseline itself).
struct OptionArguments: ParsableArguments {
    @Option(help: "Ask under this preset of the region (see `corridor regions`); repeatable, combined in order.") var preset: [String] = []
    @Option(help: "Ask under this scenario JSON file; repeatable, combined in order after the presets.") var scenario: [String] = []
    @Option(help: "Close a crossing (all its modes); repeatable.") var close: [String] = []
    @Option(help: ArgumentHelp("Set the time to pass a crossing, in minutes; repeatable.", valueName: "crossing=minutes")) var delay: [String] = []

    func validate() throws {
        _ = try StudyOption.delays(parsing: delay)
    }

    /// The option as a value.
    func option() throws -> StudyOption {
        StudyOption(presets: preset, scenarioFiles: scenario, close: close, delayMinutes: try StudyOption.delays(parsing: delay))
    }

    /// The study's network under the option.
    func network(_ source: NetworkSourceOptions) throws -> TransportNetwork {
        try source.study().network(under: try option())
    }
}

/// `--flows` and `--flow-gap`: add the region's demand model at equilibrium to a command
/// (`scenario`, `criticality`, `corridors`).
struct FlowsOption: ParsableArguments {
    @Flag(help: "Also weigh by the region's flows at equilibrium (needs --region with a demand model; see docs/flows.md).") var flows = false
    @Option(help: "With --flows: stop each equilibrium at this relative gap.") var flowGap: Double = 1e-4

    func validate() throws {
        guard flowGap.isFinite, flowGap > 0, flowGap < 1 else { throw ValidationError("--flow-gap \(flowGap): must be in (0, 1)") }
    }

    /// The baseline equilibrium when --flows is given: nil without it.
    /// - Throws: when --flows has no region to take the demand model from.
    func study(_ source: NetworkSourceOptions, network: TransportNetwork, threads: Int) throws -> RegionFlowStudy? {
        guard flows else { return nil }
        let study = try source.study()
        guard study.region != nil else { throw ValidationError("--flows needs --region (a region with a demand model)") }
        return try study.flows(on: network, gap: flowGap, threads: threads) { source.log($0, step: true) }
    }
}

/// `-o/--output FILE` and `--json`: where a command's result goes. The file's format follows
/// its extension: layers (.gpkg, .geojson, .fgb, .csv) or .json; what the file holds is in the
/// command's description.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Write the result: layers (.gpkg, .geojson, .fgb, .csv) or .json.") var output: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        if let o = output, !o.lowercased().hasSuffix(".json"), VectorFormat(path: o) == nil { throw GeoError.unsupportedFormat(path: o) }
    }

    /// Writes `-o`: `value` as JSON for a .json file, else the layers (made only then).
    func write<T: Encodable>(_ value: T, layers: () throws -> [VectorLayerData]) throws {
        guard let o = output else { return }
        if o.lowercased().hasSuffix(".json") { try OutputFile.writeJSON(value, to: o) } else { try VectorWriter.write(try layers(), to: o) }
    }
}
