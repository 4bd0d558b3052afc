import ArgumentParser
import CorridorAnalysis
import CorridorGeo
import CorridorNetwork
import CorridorReport
import Foundation

struct CentralityCommand: ParsableCommand {
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

    @Option(help: "betweenness, closeness or harmonic.")
    var measure: Measure = .betweenness

    @Option(help: "Betweenness from this many sampled sources (scaled); exact when absent.")
    var sample: Int?

    @Option(help: "Seed for the sample.")
    var seed: UInt64 = 1

    @OptionGroup var workers: ThreadsOption

    @Option(name: [.short, .long], help: "Write the node values: .gpkg, .geojson, .fgb, .csv or .json.")
    var output: String?

    @Option(help: "How many top nodes to print.")
    var top: Int = 10

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    func validate() throws {
        if let s = sample, s < 1 { throw ValidationError("--sample \(s): must be at least 1") }
        guard top >= 0 && top <= 1_000_000 else { throw ValidationError("--top \(top): must be 0...1000000") }
        if let o = output, !o.lowercased().hasSuffix(".json"), VectorFormat(path: o) == nil { throw GeoError.unsupportedFormat(path: o) }
    }

    func run() throws {
        let (network, _) = try source.build()
        let w = network.arcSeconds()
        let values: [Double]
        switch measure {
        case .betweenness:
            values = sample.map { Betweenness.sampled(network.graph, weights: w, samples: $0, seed: seed, threads: workers.threads) }
                ?? Betweenness.exact(network.graph, weights: w, threads: workers.threads)
        case .closeness: values = Centrality.closeness(network.graph, weights: w, threads: workers.threads)
        case .harmonic: values = Centrality.harmonic(network.graph, weights: w, threads: workers.threads)
        }
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try writeJSONAtomically(values, to: o) }
            else { try VectorWriter.write([ResultLayers.nodeMeasure(values, name: measure.rawValue, network: network)], to: o) }
        }
        struct Row: Encodable { var node: Int; var kind: String; var country: String?; var lon: Double; var lat: Double; var value: Double }
        let rows = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }.prefix(top).map {
            Row(node: $0, kind: "\(network.nodeKind[$0])", country: network.country(of: $0), lon: network.nodeLon[$0], lat: network.nodeLat[$0], value: values[$0])
        }
        if json { try printJSON(rows); return }
        for r in rows { print(String(format: "%8d  %@ %@ %9.4f %8.4f  %.6g", r.node, pad(r.kind, 9), pad(r.country ?? "-", 4), r.lon, r.lat, r.value)) }
    }
}
