import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

/// The governance curation and the jurisdiction levels of the governance commands.
struct GovernanceOptions: ParsableArguments {
    @Option(help: "A governance file (initiatives, gates, twin cities; see docs/governance.md) instead of the region's.") var governance: String?
    @Option(help: "A polygon layer of functional regions (metro areas, river basins) as an extra jurisdiction level; repeatable. It must carry a CRS.") var overlay: [String] = []
    @Option(help: "The overlay field naming each region.") var overlayNameField = "name"

    /// What `governance` and `holdup` start from: the network under the option, its
    /// jurisdictions as of --as-of, and the selected routes and corridors.
    func prepare(_ source: NetworkSourceOptions, option: OptionArguments, paths: PathSelection, mode: LandOption) throws
        -> (TransportNetwork, JurisdictionModel, [SelectedPath]) {
        let study = try source.study()
        try study.network.requireTwoWay("governance")
        let network = try option.network(source)
        let model = try study.jurisdictions(of: network, governanceFile: governance, overlays: overlay, overlayNameField: overlayNameField)
        return (network, model, try paths.paths(network, corridors: study.region?.manifest.corridors ?? [], mode: mode))
    }
}

/// --from/--to, --corridor and --via: the routes and corridors a governance command measures.
struct PathSelection: ParsableArguments {
    @Option(help: "Route origin (place name, id, or \"name, AAA\"); with --to.") var from: String?
    @Option(help: "Route destination; with --from.") var to: String?
    @Option(help: "A named corridor by id; repeatable (default: every named corridor, when no route is given).") var corridor: [String] = []
    @Option(help: "A corridor of your own as comma-separated place names; repeatable.") var via: [String] = []

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give --from and --to together") }
        for v in via where v.split(separator: ",").count < 2 { throw ValidationError("--via \(v): give at least two places") }
    }

    var givesRoute: Bool { from != nil || !via.isEmpty || !corridor.isEmpty }

    /// The selected paths on `network` (the scenario applied), each on its view.
    func paths(_ network: TransportNetwork, corridors: [RegionManifest.ResolvedCorridor], mode: LandOption) throws -> [SelectedPath] {
        let route = from.flatMap { f in to.map { (f, $0) } }
        let vias = via.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        return try SelectedPath.select(on: network, route: route, via: vias, corridors: corridor, named: corridors,
                                       override: try mode.override(network), excluding: mode.excluding)
    }
}

struct GovernanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "governance",
        abstract: "Jurisdiction profile of routes and corridors: jurisdictions and boundary crossings, re-entries, the common superior, fragmentation, coordination complexity.",
        discussion: """
            Examples:
              corridor governance --region korea
              corridor governance --region korea --from Seoul --to Dandong --preset reconnect-gyeongui
              corridor governance --region north-america --from "Dallas" --to "Chicago" --json
              corridor governance --region korea --overlay my_metro_areas.gpkg -o korea-governance.gpkg
            Without a route, every named corridor (each on its own modes). A leg with no open
            route is profiled with every crossing open and flagged. The common superior is the
            lowest jurisdiction above every part of the path: an admin-1 unit, a country, or
            none when the path spans countries; then the initiatives in force (--as-of) that
            cover every country are listed as frameworks. The complexity score's weights are
            documented defaults (docs/governance.md).
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var paths: PathSelection
    @OptionGroup var option: OptionArguments
    @OptionGroup var governance: GovernanceOptions
    @OptionGroup var mode: LandOption
    @OptionGroup var out: OutputOptions

    func run() throws {
        let (network, model, selected) = try governance.prepare(source, option: option, paths: paths, mode: mode)
        let results = selected.map { p in
            GovernanceProfileResult.profile(id: p.id, name: p.name, modes: p.modes, legs: p.legs, network: p.network, excluding: p.excluding, model: model)
        }
        try out.write(results) { [GovernanceLayers.profiles(results, network: network)] }
        if out.json { try printJSON(results); return }
        for r in results { print(GovernanceText.profile(r)) }
    }
}

struct HoldUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holdup",
        abstract: "Hold-up power: what each jurisdiction a route or corridor passes takes away by withdrawing, cut points, and the alternatives that avoid each.",
        discussion: """
            Examples:
              corridor holdup --region korea --from Seoul --to Dandong --preset reconnect-gyeongui
              corridor holdup --region korea --corridor east-sea-belt --level admin1
              corridor holdup --region northeast-asia --corridor china-mongolia-russia --land --json
            A withdrawal closes every link touching the jurisdiction's territory: legs cut,
            hours added to the others, and (without --no-network) the network-wide loss by the
            incremental scenario evaluation: pairs among the most populous places cut, the
            gravity accessibility lost elsewhere. Cut points separate the route's end
            jurisdictions in the graph of jurisdictions the open network joins; alternatives
            count the jurisdiction paths (at most two steps longer than the shortest) that
            avoid each.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var paths: PathSelection
    @OptionGroup var option: OptionArguments
    @OptionGroup var governance: GovernanceOptions
    @OptionGroup var mode: LandOption
    @OptionGroup var workers: ThreadsOption
    @Option(help: "country or admin1.") var level = "country"
    @Option(help: "Pairs for the network-wide loss among this many of the most populous places.") var pairPlaces = 100
    @Flag(help: "Skip the network-wide loss of each withdrawal.") var noNetwork = false
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        _ = try JurisdictionLevel(parsing: level)
        guard pairPlaces >= 2 && pairPlaces <= 2000 else { throw ValidationError("--pair-places \(pairPlaces): must be 2...2000") }
    }

    func run() throws {
        let (network, model, selected) = try governance.prepare(source, option: option, paths: paths, mode: mode)
        let lvl = try JurisdictionLevel(parsing: level)
        var losses: WithdrawalLosses?
        if !noNetwork {
            source.log("baseline accessibility", step: true)
            // The model's jurisdictions hold for the restricted view too (same nodes).
            let evaluator = ScenarioEvaluator(base: try mode.restrict(network), excluding: mode.excluding, pairPlaces: pairPlaces, threads: workers.threads,
                                              session: try source.study().session)
            losses = WithdrawalLosses(evaluator: evaluator, model: model, level: lvl)
        }
        let results = HoldUpResult.analyse(selected, model: model, level: lvl, losses: losses) { source.log($0, step: true) }
        ProgressLog.finish()
        if json { try printJSON(results); return }
        for r in results { print(GovernanceText.holdUp(r)) }
    }
}

struct GatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gates",
        abstract: "Gates (preconditions) of the named corridors: continuity, blocked stretches and the gates that block them, gate burden, corridors blocked only by gates.",
        discussion: """
            Examples:
              corridor gates --region korea
              corridor gates --region korea --preset reconnect-gyeongui
              corridor gates --region korea --gate inter-korean-relations=met --gate sanctions-relief=partial
              corridor gates --region korea -o korea-gates.gpkg --json
            A corridor's alignment is its fastest route with every crossing open; its links
            are operable when open under the scenario. A closed stretch is gated (gates not
            met explain the closure), closed (no gate does), or missing (no link even with
            every crossing open; the presets that would build one are named).
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var option: OptionArguments
    @OptionGroup var governance: GovernanceOptions
    @OptionGroup var mode: LandOption
    @Option(help: ArgumentHelp("A what-if state for a gate, ID=met|partial|unmet; repeatable.", valueName: "id=state")) var gate: [String] = []
    @OptionGroup var out: OutputOptions

    func run() throws {
        let result = try source.study().gates(under: option.option(), governanceFile: governance.governance,
                                              overrides: GateBook.overrides(parsing: gate), excluding: mode.excluding)
        try out.write(result) { [GovernanceLayers.blockedStretches(result.corridors, network: try source.study().network)] }
        if out.json { try printJSON(result); return }
        print(result.text())
    }
}

struct RoadmapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roadmap",
        abstract: "Easy-first roadmap of openings: by gate burden and jurisdictions, with the gain of each stage; greedy and exact best orders by total gain.",
        discussion: """
            Examples:
              corridor roadmap --region korea
              corridor roadmap --region korea --candidate preset:reconnect-gyeongui --candidate crossing:new-yalu-river-bridge --candidate crossing:donghae-jejin-kumgangsan
              corridor roadmap --region northeast-asia --land --json
            Candidates: preset:ID, crossing:ID (open every mode) or a scenario file; default:
            the region's presets that open or speed up links (closure presets left out) and every
            closed curated crossing. A candidate given explicitly must only open or speed up links. The exact order (up to 12 candidates) maximises the sum over the
            stages of the cumulative pair-gravity gain.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var governance: GovernanceOptions
    @OptionGroup var mode: LandOption
    @OptionGroup var workers: ThreadsOption
    @Option(help: ArgumentHelp("A candidate: preset:ID, crossing:ID or a scenario file; repeatable.", valueName: "candidate")) var candidate: [String] = []
    @Option(help: "Pairs for the search among this many of the most populous places.") var pairPlaces = 100
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard pairPlaces >= 2 && pairPlaces <= 2000 else { throw ValidationError("--pair-places \(pairPlaces): must be 2...2000") }
    }

    func run() throws {
        let roadmap = try source.study().roadmap(candidates: candidate, governanceFile: governance.governance, modes: mode.selection(),
                                                 excluding: mode.excluding, pairPlaces: pairPlaces, threads: workers.threads) { source.log($0, step: true) }
        ProgressLog.finish()
        if json { try printJSON(roadmap); return }
        print(GovernanceText.roadmap(roadmap))
    }
}

struct DockingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docking",
        abstract: "Docking hotspots (places and crossings most initiatives and belts claim), membership overlap between initiatives, and twin cities.",
        discussion: """
            Examples:
              corridor docking --region korea
              corridor docking --region korea --as-of 2009-01-01
              corridor docking --region north-america -o na-docking.gpkg --json
            --as-of picks the initiatives and memberships in force (default today). -o writes the
            hotspots as points and the twin cities as lines.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var governance: GovernanceOptions
    @OptionGroup var mode: LandOption
    @Option(help: "How many hotspots and overlaps to print.") var top = 10
    @Option(name: [.short, .long], help: "Hotspots (points) and twin cities (lines): .gpkg, .geojson, .fgb or .json.") var output: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard top >= 0 && top <= 100_000 else { throw ValidationError("--top \(top): must be 0...100000") }
        if let o = output, !o.lowercased().hasSuffix(".json"), VectorFormat(path: o) == nil { throw GeoError.unsupportedFormat(path: o) }
    }

    func run() throws {
        let result = try source.study().docking(governanceFile: governance.governance, overlays: governance.overlay,
                                                overlayNameField: governance.overlayNameField, modes: mode.selection(), excluding: mode.excluding)
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try OutputFile.writeJSON(result, to: o) }
            else { try VectorWriter.write([GovernanceLayers.hotspots(result.docking), GovernanceLayers.twinCities(result.twinCities)], to: o) }
        }
        if json { try printJSON(result); return }
        print(result.text(top: top))
    }
}
