import ArgumentParser
import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// Where a command's network comes from: an embedded region or the user's layer files.
struct NetworkSourceOptions: ParsableArguments {
    @Option(help: "An embedded region (see `corridor regions`).")
    var region: String?

    @Option(name: .customLong("layers"), help: ArgumentHelp(
        "A layer of your own as KIND=PATH, repeatable; KIND is road, rail, sea, borders, crossings, ports, places, countries or admin1.",
        valueName: "kind=path"))
    var layers: [String] = []

    @Option(help: "A compiled network file (`corridor build ... -o FILE.corridor`) instead of --region or --layers.")
    var network: String?

    @Option(help: "An OpenStreetMap extract (.osm.pbf or .osm) instead of --region; --layers may add countries, admin1, places or crossings.")
    var osm: String?

    @Option(help: "How --osm ways become edges: car, truck, rail (see `corridor osm-profile`), or a profile .json file.")
    var profile: String = "car"

    @Option(help: "With --osm or --layers: take the countries and admin-1 layers of this embedded region (to find border edges).")
    var countriesOf: String?

    @Option(help: "The CRS of the layer files when missing or wrong (EPSG code, WKT or PROJ string).")
    var crs: String?

    @Option(help: "Join dangling line ends within this many metres (default: the region's value, else 25).")
    var snapMeters: Double?

    @Option(help: "Open border edges with no known crossing, with this delay in minutes.")
    var openUnknownCrossings: Double?

    @Option(help: "Open a crossing (all its modes) before the analysis; repeatable.")
    var open: [String] = []

    @Option(help: "Crossing delays as of this day (YYYY-MM-DD) under the region's integration regimes (see `corridor regions`).")
    var asOf: String?

    @Flag(help: "Build without the region's curated repairs (to compare `corridor qa` before and after them).")
    var withoutRepairs = false

    @OptionGroup var data: DataOptions

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        _ = Progress.start  // the clock of the progress lines starts at parse time
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
        if !quiet { Progress.line(line, transient: step) }
    }

    /// The region, when one was named, or the region a `--network` file was built from (its
    /// manifest as stored in the file; its layers from the embedded copy when there is one).
    func regionValue() throws -> Region? {
        if let region { return try data.catalog().region(region) }
        if let network { return try storedRegion(NetworkFile.header(path: network), file: network, data: data) }
        return nil
    }

    /// The input layers: the region's, or the user's files. A `--network` file built from an
    /// embedded region reads that region's layers; one built from other layers has none.
    func inputs() throws -> NetworkInputs {
        if let network {
            guard let r = try regionValue(), FileManager.default.fileExists(atPath: r.directory.appendingPathComponent("manifest.json").path) else {
                throw ValidationError("--network \(network): this command also reads the input layers, and the file was not built from an embedded region; give --region or --layers")
            }
            return try NetworkInputs.region(r)
        }
        if let r = try regionValue() { return try NetworkInputs.region(r) }
        var inputs = try NetworkInputs.files(layers, crs: crs.map { CRS($0) })
        if let osm {
            let profile = try OSMProfile.load(self.profile)
            let (osmLayers, summary) = try OSMImport.layers(path: osm, profile: profile)
            for (kind, layer) in osmLayers {
                if [LayerKind.road, .rail].contains(kind), inputs.layers[kind] != nil {
                    throw ValidationError("--layers \(kind.rawValue)=...: the \(kind.rawValue) layer comes from --osm \(osm)")
                }
                if inputs.layers[kind] == nil { inputs.layers[kind] = layer }  // the user's places or crossings win
            }
            let classes = summary.waysByClass.sorted { $0.value > $1.value }.prefix(4).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            log("osm: \(summary.waysUsed) of \(summary.waysRead) ways used by profile \(profile.name) (\(classes)), \(summary.oneWayWays) one-way, \(summary.borderControls) border control points, \(summary.places) places")
        }
        if let name = countriesOf {
            let r = try data.catalog().region(name)
            for (kind, layerName) in [(LayerKind.countries, "countries"), (.admin1, "admin1")] where inputs.layers[kind] == nil {
                inputs.layers[kind] = InputLayer(data: try r.layer(layerName), label: r.manifest.layerPath(layerName, in: r.directory) ?? layerName)
            }
        }
        return inputs
    }

    /// The builder's options: the region's, with the command's overrides.
    func builderOptions() throws -> NetworkOptions {
        try builderOptions(for: regionValue())
    }

    func builderOptions(for region: Region?) -> NetworkOptions {
        var options = osm != nil ? NetworkOptions.openStreetMap : NetworkOptions()
        if let r = region { options = NetworkOptions(for: r) }
        if let s = snapMeters { options.snapToleranceMeters = s }
        options.unknownCrossingDelaySeconds = openUnknownCrossings.map { $0 * 60 }
        if withoutRepairs { options.applyRepairs = false }
        return options
    }

    /// The network as the command uses it: read from `--network`, from the cache of an
    /// embedded region, or built from layers; then `--as-of` and `--open` applied.
    func build() throws -> (TransportNetwork, BuildReport) {
        if network == nil && region == nil { return try build(from: inputs()) }  // --layers or --osm
        return try build(from: nil)
    }

    /// The network for an analysis that assumes two-way links (it compares both directions of
    /// a pair as one, or removes links and re-measures pairs): refused with one line when the
    /// network has one-way edges (an OpenStreetMap build).
    func twoWayNetwork(for command: String, from inputs: NetworkInputs? = nil) throws -> (TransportNetwork, BuildReport) {
        let (network, report) = inputs == nil ? try build() : try build(from: inputs)
        try requireTwoWay(network, command)
        return (network, report)
    }

    /// The network, for commands that read the layers themselves too (given here so they are
    /// read once; an embedded region's network still comes from the cache unless `cached` is
    /// false, as for the build benchmarks).
    func build(from inputs: NetworkInputs?, cached: Bool = true) throws -> (TransportNetwork, BuildReport) {
        // The region is resolved once (for a --network file, from the header read with it).
        var network: TransportNetwork, report: BuildReport
        let region: Region?
        if let path = self.network {
            let (n, r, header) = try NetworkFile.read(path: path)
            (network, report) = (n, r)
            region = try storedRegion(header, file: path, data: data)
        } else if let r = try regionValue() {
            region = r
            (network, report) = try CorridorCache.network(r, options: builderOptions(for: r), inputs: inputs, quiet: quiet, cached: cached)
        } else {
            region = nil
            let quiet = self.quiet
            (network, report) = try NetworkBuilder(options: builderOptions(for: nil), log: { line in
                if !quiet { Progress.line("build: \(line)", transient: false) }
            }).build(inputs ?? self.inputs())
        }
        if let day = asOf {
            network = try network.asOf(day, regimes: region?.manifest.regimes ?? [])
        }
        for id in open {
            let indices = network.crossingIndices(id: id)
            guard !indices.isEmpty else {
                throw DataError.invalid("--open \(id)", "no such crossing" + PlaceName.didYouMean(id, among: network.crossings.map(\.id)))
            }
            for i in indices { network.crossings[i].status = .open }
        }
        return (network, report)
    }
}

/// A place as outputs name it: names repeat (korea has two Gwangju), so with its id, country
/// and admin-1 unit.
struct PlaceRef: Encodable {
    var id: String
    var name: String
    var country: String
    var admin1: String?

    init(_ p: NetworkPlace, _ network: TransportNetwork) {
        id = p.id
        name = p.name
        country = p.country
        admin1 = network.admin1(of: Int(p.node))
    }
}

/// The JSON encoder of every command: sorted keys; unreachable (infinite) values as "inf".
func corridorJSONEncoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return e
}

/// Pretty JSON on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    print(String(decoding: try corridorJSONEncoder().encode(value), as: UTF8.self))
}

/// Refuses a network with one-way edges for an analysis that assumes two-way links.
func requireTwoWay(_ network: TransportNetwork, _ command: String) throws {
    let oneWay = network.edgeOneWay.filter { $0 }.count
    guard oneWay == 0 else {
        throw DataError.invalid("corridor \(command)", "assumes two-way links, and this network has \(oneWay) one-way edges (from oneway tags or a oneway field); route, matrix, access, centrality, stats and qa handle one-way edges")
    }
}
