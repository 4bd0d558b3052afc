import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

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

    func run() throws { try runSharded() }

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
        Progress.finish()
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
            struct Output: Encodable {
                var links: [Criticality.LinkLoss]; var edgesOnPaths: Int; var linksTested: Int; var pairQueries: Int
                var crossings: [Criticality.CrossingLoss]; var bridges: [Criticality.BridgeLoss]
                var flowSegments: [String]?; var flowLosses: [CrossingFlowLoss]?
            }
            try printJSON(Output(links: Array(links.links.prefix(top)), edgesOnPaths: links.edgesOnPaths, linksTested: links.linksTested, pairQueries: links.pairQueries,
                                 crossings: crossings, bridges: bridges, flowSegments: flowLosses == nil ? nil : segments, flowLosses: flowLosses))
            return
        }
        print(CriticalityText.text(links: links, crossings: crossings, bridges: bridges, top: top, segments: segments, flowLosses: flowLosses))
    }
}
