import ArgumentParser
import CorridorStudy
import Foundation

/// Where a command's network comes from: an embedded region or the user's layer files.
struct NetworkSourceOptions: ParsableArguments {
    @Option(help: "An embedded region (see `corridor regions`).") var region: String?
    @Option(name: .customLong("layers"), help: ArgumentHelp(
        "A layer of your own as KIND=PATH, repeatable; KIND is road, rail, sea, borders, crossings, ports, places, countries or admin1.",
        valueName: "kind=path"))
    var layers: [String] = []
    @Option(help: "A compiled network file (`corridor build ... -o FILE.corridor`) instead of --region or --layers.") var network: String?
    @Option(help: "An OpenStreetMap extract (.osm.pbf or .osm) instead of --region; --layers may add countries, admin1, places or crossings.") var osm: String?
    @Option(help: "How --osm ways become edges: car, truck, rail (see `corridor osm-profile`), or a profile .json file.") var profile: String = "car"
    @Option(help: "With --osm or --layers: take the countries and admin-1 layers of this embedded region (to find border edges).") var countriesOf: String?
    @Option(help: "The CRS of the layer files when missing or wrong (EPSG code, WKT or PROJ string).") var crs: String?
    @Option(help: "Join dangling line ends within this many metres (default: the region's value, else 25).") var snapMeters: Double?
    @Option(help: "Open border edges with no known crossing, with this delay in minutes.") var openUnknownCrossings: Double?
    @Option(help: "Open a crossing (all its modes) before the analysis; repeatable.") var open: [String] = []
    @Option(help: "Crossing delays as of this day (YYYY-MM-DD) under the region's integration regimes (see `corridor regions`).") var asOf: String?
    @Flag(help: "Build without the region's curated repairs (to compare `corridor qa` before and after them).") var withoutRepairs = false
    @OptionGroup var data: DataOptions
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func validate() throws {
        _ = ProgressLog.start  // the clock of the progress lines starts at parse time
        guard [region != nil, !layers.isEmpty && osm == nil, network != nil, osm != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --region, --layers, --osm or --network")
        }
        if countriesOf != nil, region != nil || network != nil {
            throw ValidationError("--countries-of applies with --osm or --layers")
        }
        if profile != "car", osm == nil {
            throw ValidationError("--profile applies with --osm")
        }
        if network != nil, snapMeters != nil || openUnknownCrossings != nil || crs != nil || withoutRepairs {
            throw ValidationError("--snap-meters, --open-unknown-crossings, --without-repairs and --crs apply when building; a --network file is already built")
        }
        if let s = snapMeters, !(s.isFinite && s >= 0 && s <= 10_000) {
            throw ValidationError("--snap-meters \(s): must be between 0 and 10000")
        }
        if let d = openUnknownCrossings, !(d.isFinite && d >= 0 && d <= 100_000) {
            throw ValidationError("--open-unknown-crossings \(d): must be minutes between 0 and 100000")
        }
    }

    /// A progress line on stderr (see `Progress`); `step` lines replace each other on a terminal.
    func log(_ line: String, step: Bool = false) {
        if !quiet { ProgressLog.line(line, transient: step) }
    }

    /// What the options ask for, as the library's study configuration.
    /// - Parameter readCache: false builds from the layers even when the cache holds the
    ///   network (the build benchmarks time the build, not a read).
    func configuration(readCache: Bool = true) throws -> StudyConfiguration {
        let source: NetworkSource
        if let network { source = .file(network) }
        else if let region { source = .region(region) }
        else if let osm { source = .openStreetMap(path: osm, profile: profile, layers: layers) }
        else { source = .layers(layers) }
        return StudyConfiguration(source, geoData: data.dataDir == nil ? nil : try data.directory(), countriesOf: countriesOf, crs: crs, snapMeters: snapMeters,
                                  openUnknownCrossingsMinutes: openUnknownCrossings, applyRepairs: !withoutRepairs, asOf: asOf, open: open,
                                  cache: NetworkCache.forThisProgram(), readCache: readCache)
    }

    /// The study the options open: one per process and configuration, so every part of a
    /// command (options, flows, report sections) shares its manifest, network and hierarchies.
    func study() throws -> Study {
        let quiet = self.quiet
        return try Study.opened(try configuration()) { line in if !quiet { ProgressLog.line(line, transient: false) } }
    }

    /// The region, when one was named, or the region a `--network` file was built from.
    func regionValue() throws -> Region? { try study().region }

    /// The baseline network and how it was built.
    func build() throws -> (TransportNetwork, BuildReport) {
        let s = try study()
        return (s.network, s.buildReport)
    }

    /// The network built afresh from its layers (no cache, no sharing): for the build benchmarks.
    func freshBuild() throws -> (TransportNetwork, BuildReport) {
        let quiet = self.quiet
        let s = try Study(try configuration(readCache: false)) { line in if !quiet { ProgressLog.line(line, transient: false) } }
        return (s.network, s.buildReport)
    }

    /// The network for an analysis that assumes two-way links: refused with one line when the
    /// network has one-way edges (an OpenStreetMap build).
    func twoWayNetwork(for command: String) throws -> (TransportNetwork, BuildReport) {
        let (network, report) = try build()
        try network.requireTwoWay(command)
        return (network, report)
    }
}

/// Pretty JSON on stdout.
func printJSON<T: Encodable>(_ value: T) throws { print(try OutputFile.jsonText(value)) }
