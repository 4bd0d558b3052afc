import ArgumentParser
import Dispatch
import CorridorStudy
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stable benchmark entry points for tracking against other tools.",
        discussion: "Example: corridor bench trees --dimacs Benchmarks/graphs/NY.gr.xz --sources 64 --threads 2 --json",
        subcommands: [Trees.self, BetweennessBench.self, BuildBench.self])

    struct Trees: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One-to-all shortest-path trees on a DIMACS/PACE road graph: CH preprocessing time, time per tree, and a distance checksum.",
            discussion: """
                Example: corridor bench trees --dimacs Benchmarks/graphs/NY.gr.xz --sources 64 --json
                Edge weights follow ../shared/data/README.md: 1 + ((lo*2654435761) XOR (hi*40503)) mod 1000.
                Sources are nodes i*n/K for i = 0..<K (0-based); the checksum is the sum of the finite
                distances from node 0 and the count of nodes it reaches, for comparison with other tools.
                """)

        @Option(help: "A .gr or .gr.xz file (PACE 'p tw' or DIMACS 'p sp').") var dimacs: String
        @Option(help: "How many source nodes.") var sources: Int = 64
        @OptionGroup var workers: ThreadsOption
        @Flag(help: "Machine-readable JSON on stdout.") var json = false
        @Flag(help: "No progress lines on stderr.") var quiet = false

        func log(_ line: String) { if !quiet { ProgressLog.line(line, transient: true) } }

        func validate() throws {
            guard sources >= 1 && sources <= 1_000_000 else { throw ValidationError("--sources \(sources): must be 1...1000000") }
        }

        func run() throws {
            let out = try PeerBenchmarks.trees(dimacs: dimacs, sources: sources, threads: workers.threads, log: log)
            ProgressLog.finish()
            if json { try printJSON(out); return }
            print(PeerBenchmarks.text(out))
        }
    }
}

extension Bench {
    struct BetweennessBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "betweenness",
            abstract: "Exact betweenness on a region's network, timed apart from the build, with files for peers.",
            discussion: """
                Example: corridor bench betweenness --region korea --threads 2 --edges k-edges.csv --scores k-bc.csv --json
                Weights are travel seconds; closed arcs are left out. --edges writes each open edge once
                (u,v,seconds; 0-based nodes) so another tool can load the same graph; --scores writes
                node,betweenness (unnormalised, each unordered pair once, as networkx and networkit).
                """)

        @OptionGroup var source: NetworkSourceOptions
        @OptionGroup var workers: ThreadsOption
        @Option(help: "Write the open edges as CSV (u,v,seconds).") var edges: String?
        @Option(help: "Write the scores as CSV (node,betweenness).") var scores: String?
        @Flag(help: "Machine-readable JSON on stdout.") var json = false

        func run() throws {
            let ((network, _), buildSeconds) = try PeerBenchmarks.timed { try source.freshBuild() }
            if let edges { try OutputFile.writeText(PeerBenchmarks.openEdgesCSV(network.graph, weights: network.arcSeconds()), to: edges) }
            let (out, values) = PeerBenchmarks.betweenness(network, buildSeconds: buildSeconds, threads: workers.threads)
            if let scores {
                try OutputFile.writeText("node,betweenness\n" + values.enumerated().map { "\($0.offset),\($0.element)" }.joined(separator: "\n") + "\n", to: scores)
            }
            if json { try printJSON(out); return }
            print(PeerBenchmarks.text(out))
        }
    }
}

extension Bench {
    struct BuildBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Region build time (layers to network) and contraction-hierarchy time, with the routable graph for peers.",
            discussion: """
                Example: corridor bench build --region korea --nodes k-nodes.csv --edges k-edges.csv --json
                --nodes writes node,lon,lat; --edges each open edge once (u,v,seconds; 0-based). The
                checksum is the sum of the finite travel times in seconds from node 0 (from a PHAST
                tree), and the count of nodes reached, for comparison with other tools.
                """)

        @OptionGroup var source: NetworkSourceOptions
        @Option(help: "Write the nodes as CSV (node,lon,lat).") var nodes: String?
        @Option(help: "Write the open edges as CSV (u,v,seconds).") var edges: String?
        @Flag(help: "Machine-readable JSON on stdout.") var json = false

        func run() throws {
            let ((network, _), buildSeconds) = try PeerBenchmarks.timed { try source.freshBuild() }
            let out = PeerBenchmarks.hierarchy(network, buildSeconds: buildSeconds)
            if let nodes { try OutputFile.writeText(PeerBenchmarks.nodesCSV(network), to: nodes) }
            if let edges { try OutputFile.writeText(PeerBenchmarks.openEdgesCSV(network.graph, weights: network.arcSeconds()), to: edges) }
            if json { try printJSON(out); return }
            print(PeerBenchmarks.text(out))
        }
    }
}
