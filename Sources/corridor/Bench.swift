import ArgumentParser
import CorridorAnalysis
import CorridorGeo
import CorridorNetwork
import Dispatch
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stable benchmark entry points for tracking against other tools.",
        discussion: "Example: corridor bench trees --dimacs ../shared/data/road_graphs_dimacs/NY.gr.xz --sources 64 --threads 2 --json",
        subcommands: [Trees.self])

    struct Trees: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One-to-all shortest-path trees on a DIMACS/PACE road graph: CH preprocessing time, time per tree, and a distance checksum.",
            discussion: """
                Example: corridor bench trees --dimacs ../shared/data/road_graphs_dimacs/NY.gr.xz --sources 64 --json
                Edge weights follow ../shared/data/README.md: 1 + ((lo*2654435761) XOR (hi*40503)) mod 1000.
                Sources are nodes i*n/K for i = 0..<K (0-based); the checksum is the sum of the finite
                distances from node 0 and the count of nodes it reaches, for comparison with other tools.
                """)

        @Option(help: "A .gr or .gr.xz file (PACE 'p tw' or DIMACS 'p sp').")
        var dimacs: String

        @Option(help: "How many source nodes.")
        var sources: Int = 64

        @OptionGroup var workers: ThreadsOption

        @Flag(help: "Machine-readable JSON on stdout.")
        var json = false

        @Flag(help: "No progress lines on stderr.")
        var quiet = false

        func log(_ line: String) { if !quiet { Progress.line(line, transient: true) } }

        func validate() throws {
            guard sources >= 1 && sources <= 1_000_000 else { throw ValidationError("--sources \(sources): must be 1...1000000") }
        }

        func run() throws {
            let clock = ContinuousClock()
            var t0 = clock.now
            let parsed = try DIMACSGraph.parse(try FileBytes.read(dimacs), label: dimacs)
            let (graph, weights) = parsed.csr()
            let readSeconds = (clock.now - t0).seconds
            guard sources <= graph.nodeCount else { throw ValidationError("--sources \(sources): the graph has \(graph.nodeCount) nodes") }

            log("read \(graph.nodeCount) nodes; building the hierarchy")
            t0 = clock.now
            let ch = ContractionHierarchy(graph: graph, weights: weights)
            let chSeconds = (clock.now - t0).seconds

            let n = graph.nodeCount, k = sources
            let ids = (0..<k).map { $0 * n / k }
            log("hierarchy in \(String(format: "%.1f", chSeconds)) s; \(k) trees")
            t0 = clock.now
            let sums = PHAST.trees(ch, sources: ids, threads: workers.threads) { _, d -> [UInt64] in
                var sum: UInt64 = 0, reached: UInt64 = 0
                for x in d where x.isFinite { sum &+= UInt64(x); reached += 1 }
                return [sum, reached]
            }
            let treeSeconds = (clock.now - t0).seconds
            Progress.finish()
            let first = sums[0]!
            struct Output: Encodable {
                var graph: String
                var nodes: Int, edges: Int
                var threads: Int, sources: Int, lanes: Int
                var readSeconds: Double, chSeconds: Double, shortcuts: Int
                var treesSeconds: Double, msPerTree: Double
                var checksumSource: Int, checksum: UInt64, reached: UInt64
            }
            let out = Output(graph: (dimacs as NSString).lastPathComponent, nodes: n, edges: parsed.tails.count,
                             threads: workers.threads, sources: k, lanes: PHAST.lanes, readSeconds: readSeconds, chSeconds: chSeconds,
                             shortcuts: ch.shortcutCount, treesSeconds: treeSeconds, msPerTree: treeSeconds * 1000 / Double(k),
                             checksumSource: 0, checksum: first[0], reached: first[1])
            if json { try printJSON(out); return }
            print("\(out.graph): \(n) nodes, \(out.edges) edges")
            print(String(format: "read %.2f s, CH %.2f s (%d shortcuts)", readSeconds, chSeconds, ch.shortcutCount))
            print(String(format: "%d trees on %d threads: %.2f s, %.2f ms per tree", k, workers.threads, treeSeconds, out.msPerTree))
            print("checksum from node 0: \(first[0]) over \(first[1]) nodes")
        }
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
