import ArgumentParser
import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorNetwork
import CorridorGeo
import CorridorReport
import CorridorStudy
import Foundation

struct AssignCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Traffic assignment: demand loaded on a network to user equilibrium (AON, MSA, FW, CFW, BFW, GP).",
        discussion: """
            Examples:
              corridor assign --tntp ../shared/data/transportation_networks/SiouxFalls --gap 1e-6
              corridor assign --tntp ../shared/data/transportation_networks/Chicago-Sketch --demand-scale 2 -o chicago.csv
              corridor assign --tntp ../shared/data/transportation_networks/SiouxFalls --select-link 10-16 --json
              corridor assign --region north-america --preset gordie-howe-bridge --json
              corridor assign --region korea --preset new-yalu-river-bridge -o korea-flows.gpkg
            --tntp takes DIR/NAME (DIR/NAME_net.tntp, _trips.tntp, and _node.tntp when present) or
            a directory holding one *_net.tntp. Links cost t0 (1 + b (v/c)^power) plus the
            generalised terms of --distance-weight and --toll-weight. Progress (the relative gap
            of each iteration) goes to stderr; the final gap, Beckmann objective and total travel
            time to stdout. Geometry (.gpkg, .geojson, .fgb) needs the _node file.
            """)

    @Option(help: ArgumentHelp("A TNTP network: DIR/NAME or a directory with one *_net.tntp.", valueName: "dir/name"))
    var tntp: String?

    @Option(help: "An embedded region with a demand model (see docs/flows.md): flows through its border crossings.")
    var region: String?

    @Option(help: "A compiled network file built from a region (`corridor build --region R -o FILE.corridor`): as --region, without building.")
    var network: String?

    @OptionGroup var data: DataOptions

    @Option(help: "With --region: a demand segment of the manifest; repeatable (default: all).")
    var segment: [String] = []

    @Option(help: "With --region: open a crossing first; repeatable.")
    var open: [String] = []

    @Option(help: "With --region: close a crossing first; repeatable.")
    var close: [String] = []

    @Option(help: "With --region: apply a preset of the manifest (demand scaled on the region as loaded).")
    var preset: String?

    @Option(help: "With --region: apply a scenario file.")
    var scenario: String?

    @Option(help: "With --region: the country whose entries count as inbound (default: the region's first country, the United States in north-america, whose entries the BTS counts record).")
    var inbound: String?

    @Option(help: "An OD matrix (CSV: origin,destination,trips) instead of the _trips file (1-based zones) or, with --region, of the demand model (zones by place id or name; one class, no scale).")
    var od: String?

    @Option(help: "aon, msa, fw, cfw, bfw or gp (path-based gradient projection); default bfw with --tntp, gp with --region.")
    var algorithm: String?

    /// The algorithm asked for, or the default for the kind of network.
    var chosenAlgorithm: AssignmentAlgorithm {
        algorithm.flatMap { AssignmentAlgorithm(rawValue: $0.lowercased()) } ?? (tntp == nil ? .gradientProjection : .biconjugateFrankWolfe)
    }

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

    @Option(name: [.short, .long], help: "Write link flows: .csv, .gpkg, .geojson, .fgb (one feature per link) or .json (summary, iterations, flows). With --region: .json, or crossing flows as points (.geojson, .fgb; .gpkg adds the routed flows as lines).")
    var output: String?

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    @OptionGroup var sharding: ShardOption

    @Option(help: "With --tntp --shard: load at these link costs (a file --aon-command's caller writes) instead of at free flow.")
    var linkCosts: String?

    @Option(help: ArgumentHelp("With --tntp: run each all-or-nothing loading elsewhere: CMD COSTS LIST is run per loading and writes to LIST the parts (`--shard I/N --link-costs COSTS`) of every shard in order, as corridor-dask does on a Dask cluster; the result is bit for bit the local one.",
                               valueName: "cmd"))
    var aonCommand: String?

    var quietProgress: Bool { quiet }

    func validate() throws {
        _ = Progress.start
        try sharding.check(output: output, json: json)
        if sharding.shard != nil || aonCommand != nil || linkCosts != nil {
            guard tntp != nil else { throw ValidationError("--shard, --link-costs and --aon-command work with --tntp") }
            guard selectLink.isEmpty, chosenAlgorithm != .gradientProjection else {
                throw ValidationError("--shard and --aon-command need a link-based algorithm (--algorithm aon, msa, fw, cfw or bfw) and no --select-link")
            }
        }
        if linkCosts != nil && sharding.shard == nil { throw ValidationError("--link-costs goes with --shard I/N") }
        if aonCommand != nil && sharding.shard != nil { throw ValidationError("--aon-command runs the whole assignment; it does not go with --shard") }
        guard [tntp != nil, region != nil, network != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --tntp, --region or --network")
        }
        if region != nil || network != nil, let o = output, VectorFormat(path: o) == .csv {
            throw ValidationError("-o \(o): with --region, write .json or a GIS layer file (.gpkg, .geojson, .fgb)")
        }
        if let a = algorithm, AssignmentAlgorithm(rawValue: a.lowercased()) == nil {
            throw ValidationError("--algorithm \(a): use aon, msa, fw, cfw, bfw or gp")
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
        if region != nil || network != nil { try runRegion(); return }
        if sharding.value != nil { try runSharded(); return }
        let c = try context()
        var external: (@Sendable (Int, [Double], Int) throws -> [AllOrNothing.Partial]?)? = nil
        var loader: ExternalLoading? = nil
        if let aonCommand { loader = try ExternalLoading(command: aonCommand, context: c, quiet: quiet) }
        defer { if let loader { try? FileManager.default.removeItem(at: loader.directory) } }
        external = loader?.closure()
        try runTNTP(c, external: external)
    }

    /// A TNTP network, its demand and what the output needs.
    struct TNTPContext {
        var files: (net: String, trips: String, nodes: String?, flows: String?)
        var network: AssignmentNetwork
        var demand: ODMatrix
        var queries: [SelectLinkQuery]
        var coordinates: [Coordinate]?
        var crs: CRS?
    }

    /// One share of an all-or-nothing loading, with the SHA-256 of the costs it loaded at.
    struct Part: Codable {
        var loading: AllOrNothing.Partial
        var costsSHA256: String
    }

    func context() throws -> TNTPContext {
        let files = try TNTP.files(tntp!)
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
        return TNTPContext(files: files, network: network, demand: demand, queries: queries, coordinates: coordinates, crs: crs)
    }

    func itemCount(_ c: TNTPContext, part: Part) -> Int { AllOrNothing.chunkCount(network: c.network, demand: c.demand) }

    func inputs(_ c: TNTPContext) throws -> [Data] {
        let paths = [c.files.net, od ?? c.files.trips] + (linkCosts.map { [$0] } ?? [])
        return try paths.map { p in
            guard let d = FileManager.default.contents(atPath: p) else { throw DataError.fileNotFound(p) }
            return d
        }
    }

    func compute(_ c: TNTPContext, shard: Shard) throws -> Part {
        let costs = try linkCosts.map { try LinkCostsFile.read($0, count: c.network.linkCount) } ?? c.network.costs.freeFlowCosts
        log("assign: all-or-nothing loading, shard \(shard.index + 1)/\(shard.count)")
        return Part(loading: AllOrNothing.partial(network: c.network, demand: c.demand, linkCosts: costs, shard: shard, threads: workers.threads),
                    costsSHA256: LinkCostsFile.digest(costs))
    }

    /// The merge of a free-flow loading's parts: the assignment with its first loading from them.
    func finish(_ c: TNTPContext, parts: [Part]) throws {
        let expected = LinkCostsFile.digest(c.network.costs.freeFlowCosts)
        guard parts.allSatisfy({ $0.costsSHA256 == expected }) else {
            throw DataError.invalid("merge", "the parts were loaded at other link costs (--link-costs); merge parts of a free-flow loading")
        }
        let loadings = parts.map(\.loading)
        try runTNTP(c, external: { _, _, k in k == 1 ? loadings : nil })
    }

    func runTNTP(_ c: TNTPContext, external: (@Sendable (Int, [Double], Int) throws -> [AllOrNothing.Partial]?)?) throws {
        let files = c.files, network = c.network, demand = c.demand, queries = c.queries, coordinates = c.coordinates, crs = c.crs
        let algo = chosenAlgorithm
        var options = AssignmentOptions(algorithm: algo, targetRelativeGap: gap, maxIterations: maxIterations,
                                        threads: workers.threads, selectLinks: queries)
        options.externalLoading = external
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

    struct RegionSummary: Encodable {
        var region: String
        var zones: Int
        var crossingLinks: Int
        var segments: [String]
        var trips: [Double]
        var crossBorderTrips: [Double]
        /// Per segment, the factor that made the free-flow inbound total equal the observed one.
        var scales: [Double]
        var iterations: Int
        var relativeGap: Double
        var seconds: Double
        var crossings: [RegionFlowModel.CrossingVolume]
    }

    func runRegion() throws {
        let study = try demandStudy(region: self.region, network: network, data: data, quiet: quiet)
        let region = try study.requireRegion(for: "assign"), base = study.network
        let defaults = try FlowDefaults.of(region)
        let inbound = self.inbound ?? region.manifest.countries.first ?? "USA"
        let segments = try defaults.chosenSegments(segment)
        let mode = try FlowDefaults.mode(of: segments)
        let option = StudyOption(presets: preset.map { [$0] } ?? [], scenarioFiles: scenario.map { [$0] } ?? [], open: open, close: close)
        let network = try study.network(under: option)
        let changed = !option.isEmpty
        let started = Date()
        log("assign: zones and travel-time tables", step: true)
        let gdp = try study.facts().gdpPerCapita
        // The scales come from the region as loaded, so an option is compared on equal demand.
        let session = study.session
        let baseModel = try RegionFlowModel(network: base, defaults: defaults, gdpPerCapita: gdp, threads: workers.threads, mode: mode, session: session)
        let model = changed ? try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: gdp, threads: workers.threads, mode: mode,
                                                  session: session) : baseModel
        let algo = chosenAlgorithm
        let options = AssignmentOptions(algorithm: algo, targetRelativeGap: gap, maxIterations: maxIterations, threads: workers.threads)
        let progress: (IterationRecord) -> Void = { r in
            log("assign: iteration \(r.iteration) gap \(r.relativeGap.map { String(format: "%.3e", $0) } ?? "-")", step: true)
        }
        let run: RegionFlowRun
        if let od {
            // The user's own trips between the model's zones, by place id or unique zone name.
            var names: [String: Int] = [:], count: [String: Int] = [:]
            for z in model.zones { count[z.name, default: 0] += 1 }
            for (i, z) in model.zones.enumerated() {
                names[z.placeId] = i
                if count[z.name] == 1 { names[z.name] = i }
            }
            let trips = try ODMatrix.readCSV(od, zoneCount: model.zones.count, zoneNames: names)
            run = try model.equilibrium(trips: trips, options: options, inbound: inbound, progress: progress)
        } else {
            // One global scale per segment: the free-flow loading's inbound total matches the
            // observed total of the segment's BTS measure (2024) over the crossings the model has.
            log("assign: demand and its scale to the counts", step: true)
            let fitted = try baseModel.scales(segments, counts: try study.facts().counts, inbound: inbound, threads: workers.threads)
            for (s, f) in zip(segments, fitted) {
                log("assign: \(s.name) scaled by \(String(format: "%.4g", f.scale)) to \(String(format: "%.0f", f.target)) observed entries", step: false)
            }
            run = try model.equilibrium(segments, scales: fitted.map(\.scale), options: options, inbound: inbound,
                                        demand: changed ? nil : fitted.map(\.demand), progress: progress)
        }
        let segmentNames = run.segments.map(\.name)
        let result = run.result
        let scales = run.scales, border = run.crossBorder.map(\.total)
        let seconds = Date().timeIntervalSince(started)
        Progress.finish()
        let volumes = run.volumes
        let summary = RegionSummary(region: region.name, zones: model.zones.count, crossingLinks: model.crossingLinks.count,
                                    segments: segmentNames, trips: run.demand.map(\.total), crossBorderTrips: border, scales: scales,
                                    iterations: result.iterations.count, relativeGap: result.relativeGap, seconds: seconds, crossings: volumes)
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try writeJSONAtomically(summary, to: o) }
            else {
                // One file, one layer (GeoJSON, FlatGeobuf): the crossings; a GeoPackage gets the routed flows too.
                let layers = FlowLayers.region(model, run: run, network: network)
                try VectorWriter.write(VectorFormat(path: o)?.holdsSeveralLayers == true ? layers : [layers[0]], to: o)
            }
        }
        if json { try printJSON(summary); return }
        print("\(region.name): \(model.zones.count) zones, \(model.crossingLinks.count) \(model.mode.rawValue) border edges; \(algo.rawValue), \(run.feedbackLoops) demand–assignment round\(run.feedbackLoops == 1 ? "" : "s"), \(result.iterations.count) iteration\(result.iterations.count == 1 ? "" : "s") in the last, gap \(gapText(result.relativeGap))")
        print(String(format: "seconds %.1f", seconds))
        for (k, s) in segmentNames.enumerated() {
            print("  \(s): scale \(String(format: "%.4g", scales[k])), \(String(format: "%.0f", border[k])) trips a year on routes through a crossing")
        }
        print("crossing" + String(repeating: " ", count: 32) + segmentNames.map { pad("in " + $0, 16) }.joined() + "v/c")
        for v in volumes.sorted(by: { $0.inbound.reduce(0, +) > $1.inbound.reduce(0, +) }).prefix(15) {
            print(pad(String(v.name.prefix(38)), 40) + v.inbound.map { pad(String(format: "%.0f", $0), 16) }.joined() + String(format: "%.2f", v.volumeCapacityRatio))
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
