import ArgumentParser
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

    @Option(help: ArgumentHelp("A TNTP network: DIR/NAME or a directory with one *_net.tntp.", valueName: "dir/name")) var tntp: String?
    @OptionGroup var source: DemandSourceOptions
    @Option(help: "With --region: a demand segment of the manifest; repeatable (default: all).") var segment: [String] = []
    @Option(help: "With --region: open a crossing first; repeatable.") var open: [String] = []

    /// With --region: the option the flows are loaded under (demand scaled on the region as loaded).
    @OptionGroup var option: OptionArguments
    @Option(help: "With --region: the country whose entries count as inbound (default: the region's first country, the United States in north-america, whose entries the BTS counts record).") var inbound: String?
    @Option(help: "An OD matrix (CSV: origin,destination,trips) instead of the _trips file (1-based zones) or, with --region, of the demand model (zones by place id or name; one class, no scale).") var od: String?
    @Option(help: "aon, msa, fw, cfw, bfw or gp (path-based gradient projection); default bfw with --tntp, gp with --region.") var algorithm: String?

    /// The algorithm asked for, or the default for the kind of network.
    var chosenAlgorithm: AssignmentAlgorithm {
        algorithm.flatMap { AssignmentAlgorithm(rawValue: $0.lowercased()) } ?? (tntp == nil ? .gradientProjection : .biconjugateFrankWolfe)
    }

    @Option(help: "Stop at this relative gap.") var gap: Double = 1e-4
    @Option(help: "At most this many iterations.") var maxIterations: Int = 500
    @Option(help: "Multiply every trip by this factor (Chicago Sketch's README advises 2 for algorithm tests).") var demandScale: Double = 1
    @Option(help: "Generalised cost per unit of link length (Chicago Sketch: 0.04 min/mile).") var distanceWeight: Double = 0
    @Option(help: "Generalised cost per unit of toll (Chicago Sketch: 0.02 min/cent).") var tollWeight: Double = 0
    @Option(help: ArgumentHelp(
        "Select-link analysis, repeatable: [NAME=]ITEMS, ITEMS comma-separated link numbers or FROM-TO node pairs.",
        valueName: "name=links"))
    var selectLink: [String] = []
    @Option(help: "The CRS of the _node coordinates for geometry output (default EPSG:4326 when they look like lon/lat).") var nodeCrs: String?
    @OptionGroup var workers: ThreadsOption
    @Option(name: [.short, .long], help: "Write link flows: .csv, .gpkg, .geojson, .fgb (one feature per link) or .json (summary, iterations, flows). With --region: .json, or crossing flows as points (.geojson, .fgb; .gpkg adds the routed flows as lines).") var output: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false
    @OptionGroup var sharding: ShardOption
    @Option(help: "With --tntp --shard: load at these link costs (a file --aon-command's caller writes) instead of at free flow.") var linkCosts: String?
    @Option(help: ArgumentHelp("With --tntp: run each all-or-nothing loading elsewhere: CMD COSTS LIST is run per loading and writes to LIST the parts (`--shard I/N --link-costs COSTS`) of every shard in order, as corridor-dask does on a Dask cluster; the result is bit for bit the local one.",
                               valueName: "cmd"))
    var aonCommand: String?

    var quietProgress: Bool { source.quiet }

    func validate() throws {
        _ = ProgressLog.start
        try sharding.check(output: output, json: json)
        if sharding.shard != nil || aonCommand != nil || linkCosts != nil {
            guard tntp != nil else { throw ValidationError("--shard, --link-costs and --aon-command work with --tntp") }
            guard selectLink.isEmpty, chosenAlgorithm != .gradientProjection else {
                throw ValidationError("--shard and --aon-command need a link-based algorithm (--algorithm aon, msa, fw, cfw or bfw) and no --select-link")
            }
        }
        if linkCosts != nil && sharding.shard == nil { throw ValidationError("--link-costs goes with --shard I/N") }
        if aonCommand != nil && sharding.shard != nil { throw ValidationError("--aon-command runs the whole assignment; it does not go with --shard") }
        if tntp != nil, try !open.isEmpty || !option.option().isEmpty {
            throw ValidationError("--open, --close, --delay, --preset and --scenario work with --region or --network")
        }
        guard [tntp != nil, source.region != nil, source.network != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --tntp, --region or --network")
        }
        if source.given, let o = output, VectorFormat(path: o) == .csv {
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

    func log(_ line: String, step: Bool = false) { source.log(line, step: step) }

    func run() throws {
        if source.given { try runRegion(); return }
        if sharding.value != nil { try runSharded(); return }
        let c = try context()
        var external: (@Sendable (Int, [Double], Int) throws -> [AllOrNothing.Partial]?)? = nil
        var loader: ExternalLoading? = nil
        if let aonCommand {
            let source = self.source
            loader = try ExternalLoading(command: aonCommand, network: c.network, demand: c.demand) { source.log($0, step: true) }
        }
        defer { if let loader { try? FileManager.default.removeItem(at: loader.directory) } }
        external = loader?.closure()
        try runTNTP(c, external: external)
    }

    /// A TNTP network, its demand and what the output needs.
    struct TNTPContext {
        var problem: TNTPProblem
        var coordinates: [Coordinate]?
        var crs: CRS?
        var network: AssignmentNetwork { problem.network }
        var demand: ODMatrix { problem.demand }
    }

    typealias Part = AssignmentPart

    func context() throws -> TNTPContext {
        log("assign: reading \(tntp!)")
        let problem = try TNTPProblem(tntp!, odFile: od, demandScale: demandScale, distanceWeight: distanceWeight, tollWeight: tollWeight,
                                      selectLinks: selectLink)
        let geometry = try output.flatMap { o in VectorFormat(path: o).flatMap { $0 == .csv ? nil : o } }.map { o in
            do { return try problem.nodeGeometry(crs: nodeCrs, for: o) } catch let e as DataError { throw ValidationError("\(e)") }  // a usage error
        }
        return TNTPContext(problem: problem, coordinates: geometry?.coordinates, crs: geometry?.crs)
    }

    func itemCount(_ c: TNTPContext, part: Part) -> Int { AllOrNothing.chunkCount(network: c.network, demand: c.demand) }

    func inputs(_ c: TNTPContext) throws -> [Data] { try c.problem.inputData(odFile: od, linkCosts: linkCosts) }

    func compute(_ c: TNTPContext, shard: Shard) throws -> Part {
        log("assign: all-or-nothing loading, shard \(shard.index + 1)/\(shard.count)")
        return try c.problem.loadingPart(linkCosts: linkCosts, shard: shard, threads: workers.threads)
    }

    /// The merge of a free-flow loading's parts: the assignment with its first loading from them.
    func finish(_ c: TNTPContext, parts: [Part]) throws {
        let loadings = try c.problem.freeFlowLoading(parts)
        try runTNTP(c, external: { _, _, k in k == 1 ? loadings : nil })
    }

    func runTNTP(_ c: TNTPContext, external: (@Sendable (Int, [Double], Int) throws -> [AllOrNothing.Partial]?)?) throws {
        var options = AssignmentOptions(algorithm: chosenAlgorithm, targetRelativeGap: gap, maxIterations: maxIterations, threads: workers.threads)
        options.externalLoading = external
        log("assign: \(c.network.nodeCount) nodes, \(c.network.linkCount) links, \(c.network.zoneCount) zones, \(String(format: "%.1f", c.demand.total)) trips; \(chosenAlgorithm.rawValue)")
        let (result, summary) = try c.problem.assign(options) { r in
            let g = r.relativeGap.map { String(format: "%.3e", $0) } ?? "-"
            log("assign: iteration \(r.iteration) gap \(g) objective \(String(format: "%.6f", r.beckmann)) step \(String(format: "%.4g", r.stepSize))", step: true)
        }
        ProgressLog.finish()
        if let o = output {
            if o.lowercased().hasSuffix(".json") {
                var full = summary
                full.linkFlows = result.linkFlows
                try OutputFile.writeJSON(full, to: o)
            } else {
                try VectorWriter.write([FlowLayers.links(result, network: c.network, classNames: ["all"], coordinates: c.coordinates, crs: c.crs)], to: o)
            }
        }
        if json { try printJSON(summary); return }
        print(FlowText.tntp(summary, targetGap: gap))
    }

    func runRegion() throws {
        let study = try source.study()
        var request = RegionAssignment()
        request.segments = segment
        request.option = try option.option()
        request.option.open = open
        request.odFile = od
        request.inbound = inbound
        (request.algorithm, request.relativeGap, request.maxIterations, request.threads) = (chosenAlgorithm, gap, maxIterations, workers.threads)
        log("assign: zones and travel-time tables", step: true)
        let r = try study.assign(request, log: { log($0) }) { r in
            log("assign: iteration \(r.iteration) gap \(r.relativeGap.map { String(format: "%.3e", $0) } ?? "-")", step: true)
        }
        ProgressLog.finish()
        let s = r.summary
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try OutputFile.writeJSON(s, to: o) }
            else {
                // One file, one layer (GeoJSON, FlatGeobuf): the crossings; a GeoPackage gets the routed flows too.
                let layers = FlowLayers.region(r.model, run: r.run, network: r.network)
                try VectorWriter.write(VectorFormat(path: o)?.holdsSeveralLayers == true ? layers : [layers[0]], to: o)
            }
        }
        if json { try printJSON(s); return }
        print(FlowText.region(s))
    }
}
