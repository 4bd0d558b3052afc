import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Fastest route between two places, with legs by mode and the crossings passed.",
        discussion: """
            Examples:
              corridor route --region korea --from Seoul --to Pyongyang
              corridor route --region korea --from Seoul --to Pyongyang --open gyeongui-dorasan-kaesong
              corridor route --region northeast-asia --from Harbin --to Chita --modes rail
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var option: OptionArguments
    @Option(help: "Origin place name.") var from: String
    @Option(help: "Destination place name.") var to: String
    @OptionGroup var mode: LandOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func run() throws {
        let network = try mode.restrict(try option.network(source))
        let r = try RouteAnswer(on: network, from: from, to: to, excluding: mode.excluding)
        if json { try printJSON(r); return }
        let by = try mode.selection().map { " by \($0)" } ?? (mode.land ? " by land" : "")
        print(CorridorText.route(r, by: by, unreachableBy: mode.modes.map { " by \($0)" } ?? ""))
    }
}

struct MatrixCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Many-to-many travel-time table between places (contraction hierarchy, bucket search).",
        discussion: """
            Examples:
              corridor matrix --region korea --top 20 -o korea-od.csv
              corridor matrix --region korea --places Seoul,Busan,Pyongyang,Dandong --open gyeongui-dorasan-kaesong
              corridor matrix --region north-america --top 200 --to-top 50 -o od.gpkg
            Rows are origins, columns destinations; the layer has one straight line per pair (a
            desire line) with from/to names and hours. Unreachable pairs have no hours.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var option: OptionArguments
    @Option(help: "Origins by name, comma-separated (default: the most populous, see --top).") var places: String?
    @Option(help: "The N most populous places as origins (and destinations unless --to-top or --to).") var top: Int = 10
    @Option(help: "Destinations by name, comma-separated (default: the origins).") var to: String?
    @Option(help: "The N most populous places as destinations.") var toTop: Int?
    @OptionGroup var mode: LandOption
    @OptionGroup var workers: ThreadsOption
    @OptionGroup var out: OutputOptions
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        try sharding.check(output: out.output, json: out.json)
        guard top >= 1 && top <= 100_000 else { throw ValidationError("--top \(top): must be 1...100000") }
        if let t = toTop, t < 1 || t > 100_000 { throw ValidationError("--to-top \(t): must be 1...100000") }
    }

    var quietProgress: Bool { source.quiet }

    struct Context {
        var network: TransportNetwork
        var origins: [Int]
        var destinations: [Int]
        var weights: [Double]
    }

    /// A share of the origins: their rows of the table, seconds.
    struct Part: Codable {
        var seconds: PackedDoubles
    }

    func context() throws -> Context {
        let network = try mode.restrict(try option.network(source))
        let origins = try places.map { try network.placeIndices($0.split(separator: ",").map(String.init), option: "--places") } ?? network.mostPopulousPlaces(top)
        let destinations = try to.map { try network.placeIndices($0.split(separator: ",").map(String.init), option: "--to") }
            ?? toTop.map { network.mostPopulousPlaces($0) } ?? origins
        return Context(network: network, origins: origins, destinations: destinations, weights: network.arcSeconds(excluding: mode.excluding))
    }

    func itemCount(_ c: Context, part: Part) -> Int { c.origins.count }

    func inputs(_ c: Context) throws -> [Data] {
        NetworkFingerprint.data(c.network, weights: c.weights) + [Data("\(c.origins);\(c.destinations)".utf8)]
    }

    func compute(_ c: Context, shard: Shard) throws -> Part {
        let network = c.network
        let origins = Array(c.origins[shard.range(of: c.origins.count)])
        guard !origins.isEmpty else { return Part(seconds: PackedDoubles([])) }
        source.log("matrix: hierarchy", step: true)
        let ch = try source.study().session.hierarchy(graph: network.graph, weights: c.weights)
        source.log("matrix: \(origins.count) × \(c.destinations.count) table", step: true)
        let table = try DistanceTable.compute(ch, sources: origins.map { Int(network.places[$0].node) },
                                              targets: c.destinations.map { Int(network.places[$0].node) }, threads: workers.threads)
        ProgressLog.finish()
        return Part(seconds: PackedDoubles(table))
    }

    func finish(_ c: Context, parts: [Part]) throws {
        let table = parts.flatMap(\.seconds.values)
        let result = try TravelTimeTable(seconds: table, origins: c.origins, destinations: c.destinations, network: c.network)
        try out.write(result) { [ResultLayers.travelTimes(table, origins: c.origins, destinations: c.destinations, network: c.network)] }
        if out.json { try printJSON(result); return }
        print(AccessText.matrix(origins: result.origins, destinations: result.destinations, hours: result.hours))
    }
}

struct Access: ShardableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accessibility per place or per node: time to the nearest seaport, open crossing and capital, population within T hours, gravity access.",
        discussion: """
            Examples:
              corridor access --region korea --within-hours 4 -o korea-access.gpkg
              corridor access --region korea --land --json
              corridor access --region korea --per-node -o korea-node-access.gpkg
            Capitals are the places layer's capital = country places (Natural Earth's Admin-0
            capitals); a country whose capital lies outside the region has no time to its capital.
            Times to a seaport include half the port's road-sea transfer (the hub's half-transfer).
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var option: OptionArguments
    @Option(help: "Cumulative-opportunities threshold in hours.") var withinHours: Double = 4
    @Option(help: "Exponential decay per hour for gravity access.") var beta: Double = 0.1
    @Option(help: "Power-decay exponent for gravity access.") var gamma: Double = 1
    @OptionGroup var workers: ThreadsOption
    @OptionGroup var mode: LandOption
    @OptionGroup var out: OutputOptions
    @Flag(help: "Per network node instead of per place (one tree per place, summed at every node).") var perNode = false
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        try sharding.check(output: out.output, json: out.json)
        guard withinHours.isFinite, withinHours > 0, withinHours <= 24 * 30 else { throw ValidationError("--within-hours \(withinHours): must be in (0, 720]") }
        guard beta.isFinite, beta >= 0, beta <= 100 else { throw ValidationError("--beta \(beta): must be in [0, 100]") }
        guard gamma.isFinite, gamma >= 0, gamma <= 10 else { throw ValidationError("--gamma \(gamma): must be in [0, 10]") }
    }

    var quietProgress: Bool { source.quiet }

    /// A share of the places: their rows, or (per node) their sums at every node.
    struct Part: Codable {
        var places: AccessibilityResult?
        var nodes: NodeAccessSums?
    }

    func context() throws -> (network: TransportNetwork, weights: [Double]) {
        let network = try mode.restrict(try option.network(source))
        return (network, network.arcSeconds(excluding: mode.excluding))
    }

    func itemCount(_ c: (network: TransportNetwork, weights: [Double]), part: Part) -> Int { c.network.places.count }

    func inputs(_ c: (network: TransportNetwork, weights: [Double])) throws -> [Data] {
        NetworkFingerprint.data(c.network, weights: c.weights)
    }

    func compute(_ c: (network: TransportNetwork, weights: [Double]), shard: Shard) throws -> Part {
        if perNode {
            return Part(nodes: Accessibility.nodeSums(c.network, weights: c.weights, withinHours: withinHours, beta: beta,
                                                      threads: workers.threads, shard: shard, session: try source.study().session))
        }
        return Part(places: Accessibility.places(c.network, weights: c.weights, withinHours: withinHours, beta: beta, gamma: gamma,
                                                 threads: workers.threads, session: try source.study().session, shard: shard))
    }

    func finish(_ c: (network: TransportNetwork, weights: [Double]), parts: [Part]) throws {
        let network = c.network
        if perNode {
            let r = Accessibility.nodes(network, weights: c.weights, withinHours: withinHours, beta: beta, sums: try NodeAccessSums.merged(parts.map(\.nodes)))
            try out.write(r) { [ResultLayers.nodeAccessibility(r, network: network)] }
            if out.json { try printJSON(r); return }
            print(AccessText.nodes(r, nodeCount: network.nodeCount))
            return
        }
        let result = try AccessibilityResult.merged(parts.map(\.places))
        try out.write(result) { [ResultLayers.accessibility(result, network: network)] }
        if out.json { try printJSON(result); return }
        print(AccessText.places(result, withinHours: withinHours))
    }
}
