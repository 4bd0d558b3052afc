import ArgumentParser
import CorridorFlows
import CorridorGeo
import CorridorReport
import Foundation

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Traffic assignment: demand loaded on a network to user equilibrium (AON, MSA, FW, CFW, BFW).",
        discussion: """
            Examples:
              corridor assign --tntp ../shared/data/transportation_networks/SiouxFalls --gap 1e-6
              corridor assign --tntp ../shared/data/transportation_networks/Chicago-Sketch --demand-scale 2 -o chicago.csv
              corridor assign --tntp ../shared/data/transportation_networks/SiouxFalls --select-link 10-16 --json
            --tntp takes DIR/NAME (DIR/NAME_net.tntp, _trips.tntp, and _node.tntp when present) or
            a directory holding one *_net.tntp. Links cost t0 (1 + b (v/c)^power) plus the
            generalised terms of --distance-weight and --toll-weight. Progress (the relative gap
            of each iteration) goes to stderr; the final gap, Beckmann objective and total travel
            time to stdout. Geometry (.gpkg, .geojson, .fgb) needs the _node file.
            """)

    @Option(help: ArgumentHelp("A TNTP network: DIR/NAME or a directory with one *_net.tntp.", valueName: "dir/name"))
    var tntp: String

    @Option(help: "An OD matrix (CSV: origin,destination,trips, 1-based zones) instead of the _trips file.")
    var od: String?

    @Option(help: "aon, msa, fw, cfw or bfw.")
    var algorithm: String = "bfw"

    @Option(help: "Stop at this relative gap.")
    var gap: Double = 1e-4

    @Option(help: "At most this many iterations.")
    var maxIterations: Int = 500

    @Option(help: "Multiply every trip by this factor (Chicago Sketch's README advises 2 for algorithm tests).")
    var demandScale: Double = 1

    @Option(help: "Generalised cost per unit of link length (Chicago Sketch: 0.04 min/mile).")
    var distanceWeight: Double = 0

    @Option(help: "Generalised cost per unit of toll (Chicago Sketch: 0.02 min/cent).")
    var tollWeight: Double = 0

    @Option(help: ArgumentHelp(
        "Select-link analysis, repeatable: [NAME=]ITEMS, ITEMS comma-separated link numbers or FROM-TO node pairs.",
        valueName: "name=links"))
    var selectLink: [String] = []

    @Option(help: "The CRS of the _node coordinates for geometry output (default EPSG:4326 when they look like lon/lat).")
    var nodeCrs: String?

    @OptionGroup var workers: ThreadsOption

    @Option(name: [.short, .long], help: "Write link flows: .csv, .gpkg, .geojson, .fgb (one feature per link) or .json (summary, iterations, flows).")
    var output: String?

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        _ = Progress.start
        guard AssignmentAlgorithm(rawValue: algorithm.lowercased()) != nil else {
            throw ValidationError("--algorithm \(algorithm): use aon, msa, fw, cfw or bfw")
        }
        guard gap.isFinite, gap >= 0, gap < 1 else { throw ValidationError("--gap \(gap): must be in [0, 1)") }
        guard maxIterations >= 1, maxIterations <= 1_000_000 else { throw ValidationError("--max-iterations \(maxIterations): must be 1...1000000") }
        guard demandScale.isFinite, demandScale >= 0 else { throw ValidationError("--demand-scale \(demandScale): must be >= 0") }
        guard distanceWeight.isFinite, distanceWeight >= 0 else { throw ValidationError("--distance-weight \(distanceWeight): must be >= 0") }
        guard tollWeight.isFinite, tollWeight >= 0 else { throw ValidationError("--toll-weight \(tollWeight): must be >= 0") }
        if let o = output, !o.lowercased().hasSuffix(".json"), VectorFormat(path: o) == nil { throw GeoError.unsupportedFormat(path: o) }
    }

    func log(_ line: String, step: Bool = false) {
        if !quiet { Progress.line(line, transient: step) }
    }

    /// "[NAME=]12,3-4" as a query over 0-based links.
    static func selectQuery(_ spec: String, network: AssignmentNetwork) throws -> SelectLinkQuery {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        let name = parts.count == 2 ? parts[0] : spec
        let items = parts.count == 2 ? parts[1] : spec
        var links: [Int] = []
        for raw in items.split(separator: ",") {
            let item = raw.trimmingCharacters(in: .whitespaces)
            if let l = Int(item) {
                guard l >= 1, l <= network.linkCount else {
                    throw ValidationError("--select-link \(spec): link \(l) is not one of the \(network.linkCount) links")
                }
                links.append(l - 1)
            } else {
                let ends = item.split(separator: "-").compactMap { Int($0) }
                guard ends.count == 2 else { throw ValidationError("--select-link \(spec): '\(item)' is neither a link number nor FROM-TO") }
                let found = (0..<network.linkCount).filter { Int(network.tails[$0]) == ends[0] - 1 && Int(network.heads[$0]) == ends[1] - 1 }
                guard !found.isEmpty else { throw ValidationError("--select-link \(spec): no link from node \(ends[0]) to node \(ends[1])") }
                links += found
            }
        }
        guard !links.isEmpty else { throw ValidationError("--select-link \(spec): no links") }
        return SelectLinkQuery(name: name.replacingOccurrences(of: " ", with: "_"), links: links)
    }

    struct Summary: Encodable {
        struct SelectLink: Encodable {
            var name: String
            var links: [Int]
            var trips: Double
            /// [origin, destination, trips], 1-based zones, largest first.
            var pairs: [[Double]]
        }
        var network: String
        var algorithm: String
        var iterations: Int
        var converged: Bool
        var relativeGap: Double
        var beckmann: Double
        var totalTravelCost: Double
        var trips: Double
        var unroutedTrips: Double
        var threads: Int
        var seconds: Double
        var history: [IterationRecord]
        var selectLinks: [SelectLink]
        var linkFlows: [Double]?
    }

    func run() throws {
        let files = try TNTP.files(tntp)
        log("assign: reading \(files.net)")
        let read = try TNTP.readNetwork(files.net, weights: .init(distance: distanceWeight, toll: tollWeight))
        let network = read.network
        var demand = try od.map { try ODMatrix.readCSV($0, zoneCount: network.zoneCount) }
            ?? TNTP.readTrips(files.trips, zoneCount: network.zoneCount)
        if demandScale != 1 { demand = demand.scaled(by: demandScale) }
        let queries = try selectLink.map { try Self.selectQuery($0, network: network) }
        var coordinates: [Coordinate]? = nil
        var crs: CRS? = nil
        if let o = output, let format = VectorFormat(path: o), format != .csv {
            guard let nodes = files.nodes else {
                throw ValidationError("-o \(o): geometry needs node coordinates, and there is no _node.tntp beside \(files.net); write .csv or .json")
            }
            let xy = try TNTP.readNodes(nodes, nodeCount: network.nodeCount)
            coordinates = xy.map { Coordinate(x: $0.x, y: $0.y) }
            let lonLat = xy.allSatisfy { abs($0.x) <= 180 && abs($0.y) <= 90 }
            guard nodeCrs != nil || lonLat else {
                throw ValidationError("-o \(o): the coordinates of \(nodes) are not lon/lat; give their CRS with --node-crs")
            }
            crs = CRS(nodeCrs ?? "EPSG:4326")
        }
        let algo = AssignmentAlgorithm(rawValue: algorithm.lowercased())!
        let options = AssignmentOptions(algorithm: algo, targetRelativeGap: gap, maxIterations: maxIterations,
                                        threads: workers.threads, selectLinks: queries)
        log("assign: \(network.nodeCount) nodes, \(network.linkCount) links, \(network.zoneCount) zones, \(String(format: "%.1f", demand.total)) trips; \(algo.rawValue)")
        let started = Date()
        let result = try TrafficAssignment.run(network: network, classes: [TrafficClass(name: "all", demand: demand)], options: options) { r in
            let g = r.relativeGap.map { String(format: "%.3e", $0) } ?? "-"
            log("assign: iteration \(r.iteration) gap \(g) objective \(String(format: "%.6f", r.beckmann)) step \(String(format: "%.4g", r.stepSize))", step: true)
        }
        let seconds = Date().timeIntervalSince(started)
        Progress.finish()
        let summary = Summary(
            network: files.net, algorithm: algo.rawValue, iterations: result.iterations.count, converged: result.converged,
            relativeGap: result.relativeGap, beckmann: result.beckmann, totalTravelCost: result.totalTravelCost,
            trips: demand.total, unroutedTrips: result.unroutedTrips.reduce(0, +), threads: workers.threads, seconds: seconds,
            history: result.iterations,
            selectLinks: result.selectLinks.map { s in
                var pairs: [[Double]] = []
                let n = s.trips.zoneCount
                for i in s.trips.trips.indices where s.trips.trips[i] > 0 { pairs.append([Double(i / n + 1), Double(i % n + 1), s.trips.trips[i]]) }
                pairs.sort { $0[2] != $1[2] ? $0[2] > $1[2] : ($0[0], $0[1]) < ($1[0], $1[1]) }
                return Summary.SelectLink(name: s.query.name, links: s.query.links.map { $0 + 1 }, trips: s.trips.total, pairs: pairs)
            },
            linkFlows: nil)
        if let o = output {
            if o.lowercased().hasSuffix(".json") {
                var full = summary
                full.linkFlows = result.linkFlows
                try writeJSONAtomically(full, to: o)
            } else {
                try VectorWriter.write([FlowLayers.links(result, network: network, classNames: ["all"], coordinates: coordinates, crs: crs)], to: o)
            }
        }
        if json { try printJSON(summary); return }
        print("network          \(files.net)")
        print("algorithm        \(algo.rawValue), \(result.iterations.count) iterations, \(result.converged ? "converged" : "not converged") (target gap \(gap))")
        print(String(format: "relative gap     %.6e", result.relativeGap))
        print(String(format: "objective        %.10f", result.beckmann))
        print(String(format: "total travel     %.6f", result.totalTravelCost))
        print(String(format: "trips            %.3f (unrouted %.3f)", demand.total, summary.unroutedTrips))
        print(String(format: "seconds          %.3f", seconds))
        for s in summary.selectLinks {
            print("select link \(s.name): " + String(format: "%.3f trips over %d OD pairs", s.trips, s.pairs.count))
            for p in s.pairs.prefix(10) { print(String(format: "  %6.0f -> %6.0f  %12.3f", p[0], p[1], p[2])) }
        }
    }
}
