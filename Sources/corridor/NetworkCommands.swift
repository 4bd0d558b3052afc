import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct CorridorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridors",
        abstract: "Evaluate the region's named corridors (and your own --via lists): time, distance, detour, crossings, slowest leg.",
        discussion: """
            Examples:
              corridor corridors --region korea --land
              corridor corridors --region korea --land --open gyeongui-dorasan-kaesong --via "Seoul,Kaesong,Pyongyang"
              corridor corridors --region korea --open new-yalu-river-bridge --flows
            Each named corridor is measured on its own modes (the Gyeongui and Donghae lines and
            the Trans-Siberian on rail, the highway corridors on road); --modes or --land put
            every corridor on the same modes.
            --flows adds, per corridor, the flows through its road crossings at the region's
            equilibrium and the flow-weighted loss were they all closed (trips re-routed at the
            equilibrium's costs: vehicle-hours a year added, trips cut off).
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var option: OptionArguments
    @Option(help: "A corridor of your own as comma-separated place names; repeatable.") var via: [String] = []
    @OptionGroup var mode: LandOption
    @Option(help: "Share of paths over this many of the most populous places.") var pathPlaces: Int = 40
    @OptionGroup var flowOptions: FlowsOption
    @OptionGroup var workers: ThreadsOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard pathPlaces >= 2 && pathPlaces <= 2000 else { throw ValidationError("--path-places \(pathPlaces): must be 2...2000") }
        for v in via where v.split(separator: ",").count < 2 { throw ValidationError("--via \(v): give at least two places") }
    }

    func run() throws {
        let full = try option.network(source)
        let network = try mode.restrict(full)
        let results = try source.study().corridors(on: full, via: via.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                                                   override: mode.override(full), modes: mode.selection(), excluding: mode.excluding, pathPlaces: pathPlaces)
        var flowLosses: [String: CorridorFlowLoss] = [:]
        if let study = try flowOptions.study(source, network: network, threads: workers.threads) {
            flowLosses = try study.corridorLosses(results, threads: workers.threads)
            ProgressLog.finish()
        }
        if json {
            struct Output: Encodable { var corridors: [CorridorEvaluation]; var flows: [String: CorridorFlowLoss] }
            if flowOptions.flows { try printJSON(Output(corridors: results, flows: flowLosses)) } else { try printJSON(results) }
            return
        }
        print(CorridorText.corridors(results, flowLosses: flowLosses))
    }
}

struct CriticalityCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criticality",
        abstract: "The links the network cannot afford to lose: every link and open crossing by hours added and pairs cut, bridges by population cut off.",
        discussion: """
            Examples:
              corridor criticality --region korea --land --top 10
              corridor criticality --region northeast-asia --pair-places 60 -o nea-criticality.gpkg --json
              corridor criticality --region korea --flows
            Only links on a shortest path between two of the chosen places are tested, and each
            removal recomputes only the trees of the places that used the link. --flows adds the
            flow-weighted loss of each open road crossing: the region's demand model at
            equilibrium, each crossing closed in turn and its trips re-routed at the
            equilibrium's costs (vehicle-hours a year added, trips cut off).
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var option: OptionArguments
    @Option(help: "How many of each list to print.") var top: Int = 10
    @Option(help: "Pairs over this many of the most populous places.") var pairPlaces: Int = 40
    @OptionGroup var mode: LandOption
    @OptionGroup var flowOptions: FlowsOption
    @OptionGroup var workers: ThreadsOption
    @OptionGroup var out: OutputOptions
    @OptionGroup var sharding: ShardOption

    func validate() throws {
        try sharding.check(output: out.output, json: out.json)
        guard top >= 1 && top <= 100_000 else { throw ValidationError("--top \(top): must be 1...100000") }
        guard pairPlaces >= 2 && pairPlaces <= 500 else { throw ValidationError("--pair-places \(pairPlaces): must be 2...500") }
    }

    var quietProgress: Bool { source.quiet }

    /// A share of the links and open crossings; the first share also carries the flow losses.
    struct Part: Codable {
        var links: Criticality.LinkCriticality
        var crossings: [Criticality.CrossingLoss]
        var flowSegments: [String]
        var flowLosses: [CrossingFlowLoss]?
    }

    func context() throws -> TransportNetwork {
        _ = try source.twoWayNetwork(for: "criticality")
        return try mode.restrict(try option.network(source))
    }

    func itemCount(_ network: TransportNetwork, part: Part) -> Int { part.links.linksTested + Criticality.testedCrossingCount(network) }

    func inputs(_ network: TransportNetwork) throws -> [Data] { NetworkFingerprint.data(network, weights: network.arcSeconds(excluding: mode.excluding)) }

    func compute(_ network: TransportNetwork, shard: Shard) throws -> Part {
        source.log("links and crossings", step: true)
        let (links, crossings) = Criticality.linksAndCrossings(network, excluding: mode.excluding, places: pairPlaces,
                                                               threads: workers.threads, shard: shard)
        var part = Part(links: links, crossings: crossings, flowSegments: [], flowLosses: nil)
        if shard.index == 0, let study = try flowOptions.study(source, network: network, threads: workers.threads) {
            source.log("flows: each crossing closed", step: true)
            part.flowLosses = try study.baseModel.crossingLosses(study.baseRun, threads: workers.threads)
            part.flowSegments = study.baseRun.segments.map(\.name)
        }
        ProgressLog.finish()
        return part
    }

    func finish(_ network: TransportNetwork, parts: [Part]) throws {
        let links = Criticality.LinkCriticality.merged(parts.map(\.links))
        let crossings = Array(Criticality.ranked(parts.flatMap(\.crossings)).prefix(top))
        let bridges = Array(Criticality.bridges(network, excluding: mode.excluding).prefix(top))
        let flowLosses = parts[0].flowLosses.map { Array($0.prefix(top)) }
        let segments = parts[0].flowSegments
        try out.write(links) { [ResultLayers.linkCriticality(links, network: network)] }
        if out.json {
            try printJSON(CriticalityAnswer(links: links, top: top, crossings: crossings, bridges: bridges, flowSegments: segments, flowLosses: flowLosses))
            return
        }
        print(CriticalityText.text(links: links, crossings: crossings, bridges: bridges, top: top, segments: segments, flowLosses: flowLosses))
    }
}

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
        let rows = NodeScore.top(values, network: network, count: top)
        if out.json { try printJSON(rows); return }
        for r in rows { print(String(format: "%8d  %@ %@ %9.4f %8.4f  %.6g", r.node, pad(r.kind, 9), pad(r.country ?? "-", 4), r.lon, r.lat, r.value)) }
    }
}
