import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

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

    func run() throws { try runSharded() }

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
            guard var sums = parts[0].nodes else { throw DataError.invalid("merge", "parts without per-node sums") }
            for p in parts.dropFirst() {
                guard let more = p.nodes, more.within.units.count == sums.within.units.count else { throw DataError.invalid("merge", "parts without per-node sums") }
                sums.add(more)
            }
            let r = Accessibility.nodes(network, weights: c.weights, withinHours: withinHours, beta: beta, sums: sums)
            try out.write(r) { [ResultLayers.nodeAccessibility(r, network: network)] }
            if out.json { try printJSON(r); return }
            print(AccessText.nodes(r, nodeCount: network.nodeCount))
            return
        }
        let rows = try parts.map { p -> AccessibilityResult in
            guard let r = p.places else { throw DataError.invalid("merge", "parts without per-place rows") }
            return r
        }
        let result = AccessibilityResult.concatenated(rows)
        try out.write(result) { [ResultLayers.accessibility(result, network: network)] }
        if out.json { try printJSON(result); return }
        print(AccessText.places(result, withinHours: withinHours))
    }
}

/// Writes JSON to a temporary file and renames it into place.
func writeJSONAtomically<T: Encodable>(_ value: T, to path: String) throws {
    let e = corridorJSONEncoder()
    let url = URL(fileURLWithPath: path)
    do {
        try e.encode(value).write(to: url, options: .atomic)
    } catch {
        throw GeoError.writeFailed(path: path, message: "\(error.localizedDescription)")
    }
}
