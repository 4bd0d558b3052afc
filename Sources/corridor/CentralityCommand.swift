import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct CentralityCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Node centrality: betweenness (exact or sampled), closeness or harmonic, weighted by travel time.",
        discussion: """
            Examples:
              corridor centrality --region korea --measure betweenness -o korea-betweenness.gpkg
              corridor centrality --region north-america --measure betweenness --sample 256 --seed 7
            """)

    enum Measure: String, ExpressibleByArgument, CaseIterable { case betweenness, closeness, harmonic }

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var option: OptionArguments
    @Option(help: "betweenness, closeness or harmonic.") var measure: Measure = .betweenness
    @Option(help: "Betweenness from this many sampled sources (scaled); exact when absent.") var sample: Int?
    @Option(help: "Seed for the sample.") var seed: UInt64 = 1
    @OptionGroup var workers: ThreadsOption
    @OptionGroup var out: OutputOptions
    @Option(help: "How many top nodes to print.") var top: Int = 10
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        try sharding.check(output: out.output, json: out.json)
        if let s = sample, s < 1 { throw ValidationError("--sample \(s): must be at least 1") }
        guard top >= 0 && top <= 1_000_000 else { throw ValidationError("--top \(top): must be 0...1000000") }
    }

    var quietProgress: Bool { source.quiet }

    func run() throws { try runSharded() }

    /// A share: closeness or harmonic values of its nodes, or betweenness sums of its source chunks.
    struct Part: Codable {
        var values: PackedDoubles?
        var chunks: [PackedDoubles]?
    }

    func context() throws -> TransportNetwork { try option.network(source) }

    func itemCount(_ network: TransportNetwork, part: Part) -> Int {
        measure == .betweenness ? Betweenness.chunkTotal(network.graph, samples: sample) : network.nodeCount
    }

    func inputs(_ network: TransportNetwork) throws -> [Data] { NetworkFingerprint.data(network, weights: network.arcSeconds()) }

    func compute(_ network: TransportNetwork, shard: Shard) throws -> Part {
        let w = network.arcSeconds()
        switch measure {
        case .betweenness:
            return Part(chunks: Betweenness.chunkSums(network.graph, weights: w, samples: sample, seed: seed, shard: shard, threads: workers.threads).map(PackedDoubles.init))
        // With one-way edges, closeness and harmonic count the times *to* each node, as
        // networkx does for a directed graph: trees on the reversed network.
        case .closeness: return Part(values: PackedDoubles(Centrality.closeness(network.graph, weights: network.reversedArcWeights(w), threads: workers.threads, shard: shard)))
        case .harmonic: return Part(values: PackedDoubles(Centrality.harmonic(network.graph, weights: network.reversedArcWeights(w), threads: workers.threads, shard: shard)))
        }
    }

    func finish(_ network: TransportNetwork, parts: [Part]) throws {
        let values: [Double]
        if measure == .betweenness {
            values = Betweenness.combine(parts.flatMap { ($0.chunks ?? []).map(\.values) }, graph: network.graph, samples: sample, seed: seed,
                                        undirected: !network.isDirected)  // directed: every ordered pair, as networkx
        } else {
            values = parts.flatMap { $0.values?.values ?? [] }
        }
        guard values.count == network.nodeCount else {
            throw DataError.invalid("merge", "the parts hold \(values.count) values for \(network.nodeCount) nodes")
        }
        try out.write(values) { [ResultLayers.nodeMeasure(values, name: measure.rawValue, network: network)] }
        struct Row: Encodable { var node: Int; var kind: String; var country: String?; var lon: Double; var lat: Double; var value: Double }
        let rows = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }.prefix(top).map {
            Row(node: $0, kind: "\(network.nodeKind[$0])", country: network.country(of: $0), lon: network.nodeLon[$0], lat: network.nodeLat[$0], value: values[$0])
        }
        if out.json { try printJSON(rows); return }
        for r in rows { print(String(format: "%8d  %@ %@ %9.4f %8.4f  %.6g", r.node, pad(r.kind, 9), pad(r.country ?? "-", 4), r.lon, r.lat, r.value)) }
    }
}
