import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// The measurements behind `corridor bench`: what is timed, on which graph, with the checksum
/// a peer must agree on before a ratio is quoted. The command line prints them.
public enum PeerBenchmarks {
    /// One-to-all trees on a DIMACS/PACE graph (`corridor bench trees`).
    public struct Trees: Encodable, Sendable {
        public var graph: String
        public var nodes: Int, edges: Int
        public var threads: Int, sources: Int, lanes: Int
        public var readSeconds: Double, chSeconds: Double, shortcuts: Int
        public var recontractSeconds: Double, recontractShortcuts: Int
        public var treesSeconds: Double, msPerTree: Double
        /// The sum of the finite distances from `checksumSource` and how many nodes it reaches.
        public var checksumSource: Int, checksum: UInt64, reached: UInt64
    }

    /// Reads the graph (weights as the shared data's README says), contracts it, contracts it
    /// again in the order found, and runs `sources` PHAST trees from nodes i*n/K.
    /// - Throws: `DataError.invalid` when the graph has fewer nodes than sources; read errors.
    /// The trees' timings as text lines, as `corridor bench trees` prints them.
    /// - Parameter t: the run.
    public static func text(_ t: Trees) -> String {
        ["\(t.graph): \(t.nodes) nodes, \(t.edges) edges",
         String(format: "read %.2f s, CH %.2f s (%d shortcuts)", t.readSeconds, t.chSeconds, t.shortcuts),
         String(format: "re-contraction in the same order %.2f s (%d shortcuts)", t.recontractSeconds, t.recontractShortcuts),
         String(format: "%d trees on %d threads: %.2f s, %.2f ms per tree", t.sources, t.threads, t.treesSeconds, t.msPerTree),
         "checksum from node 0: \(t.checksum) over \(t.reached) nodes"].joined(separator: "\n")
    }

    /// A betweenness run as text lines, as `corridor bench betweenness` prints it.
    /// - Parameter b: the run.
    public static func text(_ b: BetweennessRun) -> String {
        String(format: "%d nodes, %d arcs; build %.2f s\nexact betweenness on %d threads: %.3f s; sum of scores %.6f",
               b.nodes, b.arcs, b.buildSeconds, b.threads, b.betweennessSeconds, b.checksum)
    }

    /// A build run as text lines, as `corridor bench build` prints it.
    /// - Parameter b: the run.
    public static func text(_ b: BuildRun) -> String {
        String(format: "%d nodes, %d arcs: build %.2f s, hierarchy %.2f s (%d shortcuts)\nchecksum from node 0: %.3f s over %d nodes",
               b.nodes, b.arcs, b.buildSeconds, b.chSeconds, b.shortcuts, b.checksum, b.reached)
    }

    public static func trees(dimacs: String, sources k: Int, threads: Int, log: (String) -> Void = { _ in }) throws -> Trees {
        let ((parsed, (graph, weights)), readSeconds) = try timed {
            let parsed = try DIMACSGraph.parse(try FileBytes.read(dimacs), label: dimacs)
            return (parsed, parsed.csr())
        }
        guard k <= graph.nodeCount else { throw DataError.invalid("--sources \(k)", "the graph has \(graph.nodeCount) nodes") }
        log("read \(graph.nodeCount) nodes; building the hierarchy")
        let (ch, chSeconds) = timed { ContractionHierarchy(graph: graph, weights: weights) }
        // Re-customisation: the same topology contracted again in the order just found.
        let (again, recontractSeconds) = timed { ContractionHierarchy(graph: graph, weights: weights, order: ch.rank) }
        let n = graph.nodeCount
        let ids = (0..<k).map { $0 * n / k }
        log("hierarchy in \(String(format: "%.1f", chSeconds)) s; \(k) trees")
        let (sums, treeSeconds) = timed {
            PHAST.trees(ch, sources: ids, threads: threads) { _, d -> [UInt64] in
                var sum: UInt64 = 0, reached: UInt64 = 0
                for x in d where x.isFinite { sum &+= UInt64(x); reached += 1 }
                return [sum, reached]
            }
        }
        let first = sums[0]!
        return Trees(graph: (dimacs as NSString).lastPathComponent, nodes: n, edges: parsed.tails.count,
                     threads: threads, sources: k, lanes: PHAST.lanes, readSeconds: readSeconds, chSeconds: chSeconds,
                     shortcuts: ch.shortcutCount, recontractSeconds: recontractSeconds,
                     recontractShortcuts: again.shortcutCount, treesSeconds: treeSeconds, msPerTree: treeSeconds * 1000 / Double(k),
                     checksumSource: 0, checksum: first[0], reached: first[1])
    }

    /// Exact betweenness on a network (`corridor bench betweenness`).
    public struct BetweennessRun: Encodable, Sendable {
        public var nodes: Int, arcs: Int, threads: Int
        public var buildSeconds: Double, betweennessSeconds: Double
        /// The sum of the scores.
        public var checksum: Double
    }

    /// Times exact betweenness on travel seconds.
    /// - Returns: the timing and the scores (unnormalised, each unordered pair once).
    public static func betweenness(_ network: TransportNetwork, buildSeconds: Double, threads: Int) -> (BetweennessRun, [Double]) {
        let graph = network.graph, w = network.arcSeconds()
        let (values, seconds) = timed { Betweenness.exact(graph, weights: w, threads: threads) }
        return (BetweennessRun(nodes: graph.nodeCount, arcs: graph.arcCount, threads: threads, buildSeconds: buildSeconds,
                               betweennessSeconds: seconds, checksum: values.reduce(0, +)), values)
    }

    /// A region's build and hierarchy (`corridor bench build`).
    public struct BuildRun: Encodable, Sendable {
        public var nodes: Int, arcs: Int
        public var buildSeconds: Double, chSeconds: Double, shortcuts: Int
        /// The sum of the finite travel times in seconds from node 0 and the count reached.
        public var checksum: Double, reached: Int
    }

    /// Times the hierarchy of a built network and checks a tree from node 0.
    public static func hierarchy(_ network: TransportNetwork, buildSeconds: Double) -> BuildRun {
        let graph = network.graph, w = network.arcSeconds()
        let (ch, chSeconds) = timed { ContractionHierarchy(graph: graph, weights: w) }
        let tree = PHAST.trees(ch, sources: [0], threads: 1) { _, d in Array(d) }[0]!
        var checksum = 0.0, reached = 0
        for v in 0..<graph.nodeCount where tree[Int(ch.position[v])].isFinite {
            checksum += tree[Int(ch.position[v])]; reached += 1
        }
        return BuildRun(nodes: graph.nodeCount, arcs: graph.arcCount, buildSeconds: buildSeconds, chSeconds: chSeconds,
                        shortcuts: ch.shortcutCount, checksum: checksum, reached: reached)
    }

    /// Each open edge once, as `u,v,seconds` (0-based nodes): the graph as other tools load it.
    public static func openEdgesCSV(_ graph: CSRGraph, weights w: [Double]) -> String {
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

    /// The nodes as `node,lon,lat`.
    public static func nodesCSV(_ network: TransportNetwork) -> String {
        "node,lon,lat\n" + (0..<network.nodeCount).map { v in
            let c = network.coordinate(of: v)
            return "\(v),\(c.lon),\(c.lat)"
        }.joined(separator: "\n") + "\n"
    }

    /// `body`'s result and the seconds it took.
    public static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        let (s, atto) = (clock.now - start).components
        return (value, Double(s) + Double(atto) / 1e18)
    }
}
