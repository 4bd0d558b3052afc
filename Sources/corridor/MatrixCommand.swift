import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

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

    static func resolve(_ list: String, option: String, in network: TransportNetwork) throws -> [Int] {
        try list.split(separator: ",").map { raw in
            let p = try network.resolvePlace(raw.trimmingCharacters(in: .whitespaces), option: option)
            return network.places.firstIndex(of: p)!
        }
    }

    struct Output: Encodable {
        var origins: [String]
        var destinations: [String]
        /// The same places with their ids, countries and admin-1 units (names repeat).
        var originPlaces: [PlaceReference]
        var destinationPlaces: [PlaceReference]
        /// hours[i][j], nil when unreachable.
        var hours: [[Double?]]
    }

    var quietProgress: Bool { source.quiet }

    func run() throws { try runSharded() }

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
        let origins = try places.map { try Self.resolve($0, option: "--places", in: network) } ?? network.mostPopulousPlaces(top)
        let destinations = try to.map { try Self.resolve($0, option: "--to", in: network) }
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
        Progress.finish()
        return Part(seconds: PackedDoubles(table))
    }

    func finish(_ c: Context, parts: [Part]) throws {
        let network = c.network, origins = c.origins, destinations = c.destinations
        let table = parts.flatMap(\.seconds.values)
        guard table.count == origins.count * destinations.count else {
            throw DataError.invalid("merge", "the parts hold \(table.count) times, the table has \(origins.count * destinations.count)")
        }
        let m = destinations.count
        let result = Output(origins: origins.map { network.places[$0].name }, destinations: destinations.map { network.places[$0].name },
                         originPlaces: origins.map { PlaceReference(network.places[$0], network) },
                         destinationPlaces: destinations.map { PlaceReference(network.places[$0], network) },
                         hours: origins.indices.map { i in (0..<m).map { j in table[i * m + j].isFinite ? table[i * m + j] / 3600 : nil } })
        try out.write(result) { [ResultLayers.travelTimes(table, origins: origins, destinations: destinations, network: network)] }
        if out.json { try printJSON(result); return }
        print(AccessText.matrix(origins: result.origins, destinations: result.destinations, hours: result.hours))
    }
}
