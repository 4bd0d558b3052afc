import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct Regions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the embedded study regions and their layers.",
        discussion: "Example: corridor regions --json")

    @OptionGroup var data: DataOptions
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func run() throws {
        let catalog = try data.catalog()
        let regions = try catalog.names().map { try catalog.region($0) }
        if json { try printJSON(regions.map(RegionEntry.init)); return }
        print(RegionText.list(regions, catalog: catalog.directory.path))
    }
}

/// Where the embedded data lives.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The GeoData folder (default: $CORRIDOR_GEODATA, ./GeoData, beside the binary, or PREFIX/share/corridor/GeoData).") var dataDir: String?

    func catalog() throws -> RegionCatalog {
        RegionCatalog(directory: try directory())
    }

    /// The GeoData folder (see `GeoDataLocator`).
    func directory() throws -> URL {
        try GeoDataLocator.locate(explicit: dataDir)
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build GeoData/ from ../shared/data and Curation/ (reproducibly).",
        discussion: """
            Example: corridor import --shared-data ../shared/data --region korea
            Each region is written to a staging folder and swapped in when complete.
            """)

    @Option(help: "The shared source data folder (default: $CORRIDOR_SHARED_DATA, else ../shared/data).") var sharedData = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"] ?? "../shared/data"
    @Option(help: "The curated specs folder.") var curation = "Curation"
    @Option(name: [.short, .long], help: "The GeoData folder to write.") var output = "GeoData"
    @Option(name: .customLong("region"), help: "A region to build (repeatable; default: all in Curation/).") var regions: [String] = []
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func run() throws {
        let quiet = self.quiet
        let importer = try GeoDataImporter(
            sharedData: URL(fileURLWithPath: sharedData), curation: URL(fileURLWithPath: curation),
            log: { if !quiet { ProgressLog.line("import: \($0)", transient: false) } })
        let names = regions.isEmpty ? try importer.availableRegions() : regions
        guard !names.isEmpty else { throw ValidationError("no region specs in \(curation)") }
        for m in try importer.importRegions(names, into: URL(fileURLWithPath: output)) { print(RegionText.imported(m)) }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the multimodal graph and write its nodes and edges layers.",
        discussion: """
            Examples:
              corridor build --region korea -o korea-network.gpkg
              corridor build --region korea -o korea.corridor && corridor route --network korea.corridor --from Seoul --to Busan
              corridor build --layers road=roads.shp --layers countries=countries.gpkg --crs EPSG:4326 -o net.gpkg
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(name: [.short, .long], help: "Output file: .corridor (the compiled network, which every command reads with --network), .gpkg (nodes and edges layers), or .geojson/.fgb/.csv (edges; nodes beside it as NAME_nodes.EXT).") var output: String

    func run() throws {
        let compiled = output.lowercased().hasSuffix(".\(NetworkFile.fileExtension)")
        guard compiled || VectorFormat(path: output) != nil else { throw GeoError.unsupportedFormat(path: output) }
        // Delays as of a day scale the stored ones: applied once, by the command that reads the file.
        if compiled, let day = source.asOf {
            throw ValidationError("--as-of \(day): give it to the command that reads --network \(output); the compiled network keeps today's delays")
        }
        if compiled { try source.study().writeCompiled(to: output) } else { try NetworkLayers.write(try source.study().network, to: output) }
        source.log("wrote \(output)")
    }
}

struct OSMProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "osm-profile",
        abstract: "Print a built-in OpenStreetMap profile (car, truck, rail) as JSON, to read or to copy and edit.",
        discussion: """
            A profile says which ways `--osm` uses, their speeds, one-way rules and access; docs/osm.md
            documents every field. Save one, change it, and pass the file to --profile.
            Examples:
              corridor osm-profile car > my-car.json
              corridor build --osm area.osm.pbf --profile my-car.json -o area.corridor
            """)

    @Argument(help: "car, truck or rail; none lists them.") var name: String?

    func run() throws {
        guard let name else { print(try OSMProfile.listing()); return }
        guard let text = OSMProfile.builtInText(name) else {
            throw ValidationError("no built-in profile '\(name)' (\(OSMProfile.builtInNames.joined(separator: ", ")))")
        }
        _ = try OSMProfile.load(name)
        print(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Network statistics: nodes, edges, components, border edges, crossings by status, mode and country.",
        discussion: "Example: corridor stats --region korea --json")

    @OptionGroup var source: NetworkSourceOptions
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func run() throws {
        let (network, report) = try source.build()
        let stats = NetworkStats(network, report: report)
        if json { try printJSON(stats); return }
        print(stats.text)
    }
}

struct QACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa",
        abstract: "Data-quality review of a network: components, near misses, suspect bridges, crossings without edges, long access arcs, duplicates, speeds.",
        discussion: """
            Examples:
              corridor qa --region korea
              corridor qa --region north-america -o na-qa.gpkg --json
              corridor qa --layers road=my_roads.gpkg --layers places=my_places.geojson --near-miss-meters 500
            Each finding has a kind, a location, the numbers behind it and a suggested fix; -o
            writes them as a point layer (with the other end of a suggested connector in
            to_lon/to_lat) for review in QGIS. A suspect bridge is a link whose loss cuts off
            many people though its two sides come close by the same mode: a missing junction
            rather than a real bridge. Compare --without-repairs to see what the region's
            curated repairs fixed.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "A dangling end this close (metres) to another line of its mode that it does not join is a near miss.") var nearMissMeters: Double = 2_000
    @Option(help: "Check bridges that cut off at least this many people.") var suspectPopulation: Double = 50_000
    @Option(help: "A bridge is suspect when its two sides come this close (metres) by its mode.") var suspectGapMeters: Double = 5_000
    @Option(help: "Report places whose access arc is longer than this (metres).") var longAccessMeters: Double = 10_000
    @Option(help: "How many findings of each kind to print.") var top: Int = 5
    @OptionGroup var out: OutputOptions

    func validate() throws {
        for (name, v) in [("--near-miss-meters", nearMissMeters), ("--suspect-gap-meters", suspectGapMeters), ("--long-access-meters", longAccessMeters)] {
            guard v.isFinite, v > 0, v <= 100_000 else { throw ValidationError("\(name) \(v): must be in (0, 100000]") }
        }
        guard suspectPopulation.isFinite, suspectPopulation >= 0 else { throw ValidationError("--suspect-population \(suspectPopulation): must be non-negative") }
        guard top >= 0 && top <= 100_000 else { throw ValidationError("--top \(top): must be 0...100000") }
    }

    func run() throws {
        let (network, report) = try source.build()
        var options = NetworkQA.Options()
        options.nearMissMeters = nearMissMeters
        options.suspectPopulation = suspectPopulation
        options.suspectGapMeters = suspectGapMeters
        options.longAccessMeters = longAccessMeters
        source.log("quality review", step: true)
        let qa = NetworkQA.review(network, report: report, options: options)
        ProgressLog.finish()
        try out.write(qa) { [ResultLayers.qaFindings(qa)] }
        if out.json { try printJSON(qa); return }
        print(qa.text(top: top))
    }
}
