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

    @OptionGroup var data: DataOptions

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        _ = Progress.start  // the clock of the progress lines starts at parse time
        guard (region == nil) != layers.isEmpty else {
            throw ValidationError("give either --region or --layers")
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

    /// The region, when one was named.
    func regionValue() throws -> Region? {
        try region.map { try data.catalog().region($0) }
    }

    /// The input layers: the region's, or the user's files.
    func inputs() throws -> NetworkInputs {
        if let r = try regionValue() { return try NetworkInputs.region(r) }
        return try NetworkInputs.files(layers, crs: crs.map { CRS($0) })
    }

    func build() throws -> (TransportNetwork, BuildReport) {
        try build(from: inputs())
    }

    /// Builds from layers already read (for commands that use the layers themselves too).
    func build(from inputs: NetworkInputs) throws -> (TransportNetwork, BuildReport) {
        var options = NetworkOptions()
        if let r = try regionValue() { options = NetworkOptions(for: r) }
        if let s = snapMeters { options.snapToleranceMeters = s }
        options.unknownCrossingDelaySeconds = openUnknownCrossings.map { $0 * 60 }
        let quiet = self.quiet
        let builder = NetworkBuilder(options: options, log: { line in
            if !quiet { Progress.line("build: \(line)", transient: false) }
        })
        var (network, report) = try builder.build(inputs)
        if let day = asOf {
            network = try network.asOf(day, regimes: try regionValue()?.manifest.regimes ?? [])
        }
        for id in open {
            let indices = network.crossingIndices(id: id)
            guard !indices.isEmpty else { throw ValidationError("--open \(id): no such crossing") }
            for i in indices { network.crossings[i].status = .open }
        }
        return (network, report)
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
