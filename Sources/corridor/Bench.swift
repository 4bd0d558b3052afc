import ArgumentParser
import CorridorAnalysis
import CorridorGeo
import CorridorNetwork
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
            let ((parsed, (graph, weights)), readSeconds) = try timed {
                let parsed = try DIMACSGraph.parse(try FileBytes.read(dimacs), label: dimacs)
                return (parsed, parsed.csr())
            }
            guard sources <= graph.nodeCount else { throw ValidationError("--sources \(sources): the graph has \(graph.nodeCount) nodes") }

            log("read \(graph.nodeCount) nodes; building the hierarchy")
            let (ch, chSeconds) = timed { ContractionHierarchy(graph: graph, weights: weights) }
            // Re-customisation: the same topology contracted again in the order just found.
            let (again, recontractSeconds) = timed { ContractionHierarchy(graph: graph, weights: weights, order: ch.rank) }

            let n = graph.nodeCount, k = sources
            let ids = (0..<k).map { $0 * n / k }
            log("hierarchy in \(String(format: "%.1f", chSeconds)) s; \(k) trees")
            let (sums, treeSeconds) = timed {
                PHAST.trees(ch, sources: ids, threads: workers.threads) { _, d -> [UInt64] in
                    var sum: UInt64 = 0, reached: UInt64 = 0
                    for x in d where x.isFinite { sum &+= UInt64(x); reached += 1 }
                    return [sum, reached]
                }
            }
            Progress.finish()
            let first = sums[0]!
            struct Output: Encodable {
                var graph: String
                var nodes: Int, edges: Int
                var threads: Int, sources: Int, lanes: Int
                var readSeconds: Double, chSeconds: Double, shortcuts: Int
                var recontractSeconds: Double, recontractShortcuts: Int
                var treesSeconds: Double, msPerTree: Double
                var checksumSource: Int, checksum: UInt64, reached: UInt64
            }
            let out = Output(graph: (dimacs as NSString).lastPathComponent, nodes: n, edges: parsed.tails.count,
                             threads: workers.threads, sources: k, lanes: PHAST.lanes, readSeconds: readSeconds, chSeconds: chSeconds,
                             shortcuts: ch.shortcutCount, recontractSeconds: recontractSeconds,
                             recontractShortcuts: again.shortcutCount, treesSeconds: treeSeconds, msPerTree: treeSeconds * 1000 / Double(k),
                             checksumSource: 0, checksum: first[0], reached: first[1])
            if json { try printJSON(out); return }
            print("\(out.graph): \(n) nodes, \(out.edges) edges")
            print(String(format: "read %.2f s, CH %.2f s (%d shortcuts)", readSeconds, chSeconds, ch.shortcutCount))
            print(String(format: "re-contraction in the same order %.2f s (%d shortcuts)", recontractSeconds, again.shortcutCount))
            print(String(format: "%d trees on %d threads: %.2f s, %.2f ms per tree", k, workers.threads, treeSeconds, out.msPerTree))
            print("checksum from node 0: \(first[0]) over \(first[1]) nodes")
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

        @Option(help: "Write the open edges as CSV (u,v,seconds).")
        var edges: String?

        @Option(help: "Write the scores as CSV (node,betweenness).")
        var scores: String?

        @Flag(help: "Machine-readable JSON on stdout.")
        var json = false

        func run() throws {
            let ((network, _), buildSeconds) = try timed { try source.freshBuild() }
            let graph = network.graph, w = network.arcSeconds()
            if let edges { try writeTextAtomically(openEdgesCSV(graph, weights: w), to: edges) }
            let (values, seconds) = timed { Betweenness.exact(graph, weights: w, threads: workers.threads) }
            if let scores {
                try writeTextAtomically("node,betweenness\n" + values.enumerated().map { "\($0.offset),\($0.element)" }.joined(separator: "\n") + "\n", to: scores)
            }
            struct Output: Encodable {
                var nodes: Int, arcs: Int, threads: Int
                var buildSeconds: Double, betweennessSeconds: Double
                var checksum: Double
            }
            let out = Output(nodes: graph.nodeCount, arcs: graph.arcCount, threads: workers.threads,
                             buildSeconds: buildSeconds, betweennessSeconds: seconds, checksum: values.reduce(0, +))
            if json { try printJSON(out); return }
            print("\(out.nodes) nodes, \(out.arcs) arcs; build \(String(format: "%.2f", buildSeconds)) s")
            print(String(format: "exact betweenness on %d threads: %.3f s; sum of scores %.6f", workers.threads, seconds, out.checksum))
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

        @Option(help: "Write the nodes as CSV (node,lon,lat).")
        var nodes: String?

        @Option(help: "Write the open edges as CSV (u,v,seconds).")
        var edges: String?

        @Flag(help: "Machine-readable JSON on stdout.")
        var json = false

        func run() throws {
            let ((network, _), buildSeconds) = try timed { try source.freshBuild() }
            let graph = network.graph, w = network.arcSeconds()
            let (ch, chSeconds) = timed { ContractionHierarchy(graph: graph, weights: w) }
            let tree = PHAST.trees(ch, sources: [0], threads: 1) { _, d in Array(d) }[0]!
            var checksum = 0.0, reached = 0
            for v in 0..<graph.nodeCount where tree[Int(ch.position[v])].isFinite {
                checksum += tree[Int(ch.position[v])]; reached += 1
            }
            if let nodes {
                try writeTextAtomically("node,lon,lat\n" + (0..<graph.nodeCount).map { v in
                    let c = network.coordinate(of: v)
                    return "\(v),\(c.lon),\(c.lat)"
                }.joined(separator: "\n") + "\n", to: nodes)
            }
            if let edges { try writeTextAtomically(openEdgesCSV(graph, weights: w), to: edges) }
            struct Output: Encodable {
                var nodes: Int, arcs: Int
                var buildSeconds: Double, chSeconds: Double, shortcuts: Int
                var checksum: Double, reached: Int
            }
            let out = Output(nodes: graph.nodeCount, arcs: graph.arcCount, buildSeconds: buildSeconds, chSeconds: chSeconds,
                             shortcuts: ch.shortcutCount, checksum: checksum, reached: reached)
            if json { try printJSON(out); return }
            print(String(format: "%d nodes, %d arcs: build %.2f s, hierarchy %.2f s (%d shortcuts)",
                         out.nodes, out.arcs, buildSeconds, chSeconds, ch.shortcutCount))
            print(String(format: "checksum from node 0: %.3f s over %d nodes", checksum, reached))
        }
    }
}

/// `body`'s result and the seconds it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (value, (clock.now - start).seconds)
}

/// Each open edge once, as `u,v,seconds` (0-based nodes): the graph as other tools load it.
func openEdgesCSV(_ graph: CSRGraph, weights w: [Double]) -> String {
    var text = "u,v,seconds\n"
    var seen = [Bool](repeating: false, count: graph.arcCount)
    for v in 0..<graph.nodeCount {
        for a in graph.arcs(of: v) where w[a].isFinite {
            let e = Int(graph.arcEdge[a])
            guard !seen[e] else { continue }
            seen[e] = true
            text += "\(v),\(graph.head[a]),\(w[a])\n"
        }
    }
    return text
}

/// Writes text to a temporary file and renames it into place.
func writeTextAtomically(_ text: String, to path: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw GeoError.writeFailed(path: path, message: "\(error.localizedDescription)")
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
