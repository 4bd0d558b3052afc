import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct BorderZoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "border-zone",
        abstract: "The band of N km on each side of a border: crossings per 100 km, gaps between crossings, what lies in the band.",
        discussion: """
            Examples:
              corridor border-zone --region north-america --border USA-MEX --width-km 100
              corridor border-zone --region northeast-asia --border CHN-PRK --json -o chn-prk-zone.gpkg
              corridor border-zone --region korea            (every border of the region)
            Buffers, areas and distances along the border are computed in the region's metric CRS
            (see `corridor regions`; --metric-crs overrides it). 100 km is the US–Mexico La Paz
            Agreement border area.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "The border as two ISO codes, e.g. USA-MEX; repeatable (default: every border in the borders layer).") var border: [String] = []
    @Option(help: "Band width on each side, km.") var widthKm: Double = 100
    @Option(help: "Report the share of the border farther than this from any open crossing, km.") var reachKm: Double = 50
    @Option(help: "Projected CRS in metres for buffers and lengths (default: the region's).") var metricCrs: String?
    @Option(name: [.short, .long], help: "Bands and gaps as layers: .gpkg (both), or .geojson/.fgb/.csv (bands; gaps beside as NAME_gaps.EXT); or .json.") var output: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard widthKm.isFinite, widthKm > 0, widthKm <= 2000 else { throw ValidationError("--width-km \(widthKm): must be in (0, 2000]") }
        guard reachKm.isFinite, reachKm > 0, reachKm <= 5000 else { throw ValidationError("--reach-km \(reachKm): must be in (0, 5000]") }
        for b in border where b.split(separator: "-").count != 2 { throw ValidationError("--border \(b): give two country codes, e.g. USA-MEX") }
        if let o = output, !o.lowercased().hasSuffix(".json"), VectorFormat(path: o) == nil { throw GeoError.unsupportedFormat(path: o) }
    }

    func run() throws {
        let region = try source.regionValue()
        let (network, _) = try source.twoWayNetwork(for: "border-zone")
        let inputs = try source.study().inputs()
        guard let crsText = metricCrs ?? region?.manifest.metricCRS else { throw ValidationError("give --metric-crs (a projected CRS in metres)") }
        let zones = try BorderZone.inventories(network: network, inputs: inputs, borders: border, metricCRS: CRS(crsText),
                                               widthKilometers: widthKm, reachKilometers: reachKm) { source.log($0, step: true) }
        ProgressLog.finish()
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try OutputFile.writeJSON(zones, to: o) }
            else {
                try VectorWriter.write(ResultLayers.borderZone(zones), to: o, siblingSuffixes: ["_gaps"])
            }
        }
        if json { try printJSON(zones); return }
        print(BorderText.zones(zones))
    }
}

struct CatchmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catchment",
        abstract: "Two-sided catchment of every crossing: the population each side brings within T hours over its own network; the binding side.",
        discussion: """
            Examples:
              corridor catchment --region korea --within-hours 4
              corridor catchment --region north-america --top 20 --json
            Routes stay on each side's domestic network; sea legs are closed. Every crossing with
            border links is listed, whatever its state: a closed crossing's two hinterlands are
            what opening it would join.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "T, hours.") var withinHours: Double = 4
    @Option(help: "How many crossings to print (ranked by the binding side's population).") var top: Int = 20
    @Flag(help: "Also list the seaports with the weakest domestic feeders.") var seaports = false
    @OptionGroup var workers: ThreadsOption
    @Flag(help: "Machine-readable JSON on stdout (every crossing).") var json = false

    func validate() throws {
        guard withinHours.isFinite, withinHours > 0, withinHours <= 720 else { throw ValidationError("--within-hours \(withinHours): must be in (0, 720]") }
        guard top >= 1 && top <= 100_000 else { throw ValidationError("--top \(top): must be 1...100000") }
    }

    func run() throws {
        let (network, _) = try source.twoWayNetwork(for: "catchment")
        let all = CrossingCatchments.compute(network, withinHours: withinHours, threads: workers.threads)
        let feeders = seaports ? CrossingCatchments.seaportFeeders(network, withinHours: withinHours, threads: workers.threads) : []
        if json {
            if seaports {
                struct Output: Encodable { var crossings: [CrossingCatchment]; var seaports: [GatewayFeeder] }
                try printJSON(Output(crossings: all, seaports: feeders))
            } else { try printJSON(all) }
            return
        }
        print(BorderText.catchments(all, feeders: seaports ? feeders : nil, top: top, withinHours: withinHours))
    }
}

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

struct CohesionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohesion",
        abstract: "Cohesion of a city cluster: mean and maximum travel time between its cities, shares within 1 h and 2 h, route redundancy.",
        discussion: """
            Examples:
              corridor cohesion --region korea --cities "Seoul,Incheon,Suwon,Goyang-si,Seongnam-si"
              corridor cohesion --region north-america --name "Detroit–Windsor" --cities "Detroit,Windsor,Dearborn" --json
            Redundancy: for each pair the fastest route's links are removed and the pair
            routed again; a pair with no such alternative hangs on one path.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "The cluster's cities, comma-separated (place names).") var cities: String
    @Option(help: "A name for the cluster.") var name: String = "cluster"
    @OptionGroup var mode: LandOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard cities.split(separator: ",").count >= 2 else { throw ValidationError("--cities \(cities): give at least two places") }
    }

    func run() throws {
        let network = try mode.restrict(try source.twoWayNetwork(for: "cohesion").0)
        let indices = try network.placeIndices(cities.split(separator: ",").map(String.init), option: "--cities")
        let r = ClusterCohesion.compute(network, name: name, cities: indices, weights: network.arcSeconds(excluding: mode.excluding))
        if json { try printJSON(r); return }
        print(BorderText.cohesion(r))
    }
}

struct LandSeaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "land-sea",
        abstract: "Land against sea gateways: for cross-border pairs, the best land route through crossings against the best route by sea.",
        discussion: """
            Examples:
              corridor land-sea --region northeast-asia --places 40
              corridor land-sea --region northeast-asia --open gyeongui-dorasan-kaesong --json
            Pairs are weighted by gravity, P_a·P_b·exp(−β·t). Each crossing's land capture
            share is the weighted share of the pairs it carries by land that land wins.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "Pairs among this many of the most populous places.") var places: Int = 40
    @Option(help: "How many crossings to print.") var top: Int = 15
    @OptionGroup var workers: ThreadsOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard places >= 2 && places <= 2000 else { throw ValidationError("--places \(places): must be 2...2000") }
        guard top >= 1 && top <= 100_000 else { throw ValidationError("--top \(top): must be 1...100000") }
    }

    func run() throws {
        let (network, _) = try source.twoWayNetwork(for: "land-sea")
        let r = LandSeaCompetition.compute(network, places: places, threads: workers.threads)
        if json { try printJSON(r); return }
        print(BorderText.landSea(r, top: top))
    }
}
