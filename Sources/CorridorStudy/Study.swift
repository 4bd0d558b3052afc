import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorGeo
import CorridorNetwork
import Foundation

/// One door to the library: a study opens a network once (an embedded region, a compiled
/// file, layers or an OpenStreetMap extract; through the cache) on a day, and answers every
/// question on it and under any option. It owns what is read or built once: the region's
/// manifest, the network, the region's facts (incomes, counts, ports), the analysis session
/// whose hierarchies every algorithm shares, and the baseline flows of the region's demand
/// model.
///
/// ```swift
/// let study = try Study(StudyConfiguration(.region("korea"), cache: .forThisProgram()))
/// let option = StudyOption(presets: ["reconnect-gyeongui"])
/// let network = try study.network(under: option)
/// ```
///
/// Thread-safe: what is built on first use is built once, under a lock.
public final class Study: @unchecked Sendable {
    /// How it was opened.
    public let configuration: StudyConfiguration
    /// The embedded region the network comes from (also for a compiled file built from one);
    /// nil for the user's layers.
    public let region: Region?
    /// The baseline: the network with `asOf` and `open` applied.
    public let network: TransportNetwork
    /// How the network was built (read from the cache or the compiled file when it came from one).
    public let buildReport: BuildReport
    /// Progress lines.
    public let log: @Sendable (String) -> Void

    private let lock = NSLock()
    private var inputsRead: NetworkInputs?
    private var factsRead: RegionFacts?
    private var sessionOpened: AnalysisSession?
    private var optionNetworks: [StudyOption: TransportNetwork] = [:]
    private var flowStudies: [(key: FlowStudyKey, study: RegionFlowStudy)] = []

    /// Opens a study: reads the manifest once and the network once (from the cache, the file
    /// or the layers), then applies the day and the opened crossings.
    /// - Parameters:
    ///   - configuration: the source, day, opened crossings, build overrides and cache.
    ///   - log: progress lines (default: none).
    /// - Throws: `DataError` naming the file, region, crossing or value at fault; GDAL errors.
    public init(_ configuration: StudyConfiguration, log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.configuration = configuration
        self.log = log
        var network: TransportNetwork, report: BuildReport
        let region: Region?
        switch configuration.source {
        case .file(let path):
            let (n, r, header) = try NetworkFile.read(path: path)
            (network, report) = (n, r)
            region = try Self.storedRegion(header, file: path, geoData: configuration.geoData)
        case .region(let name):
            let r = try RegionCatalog(directory: try configuration.geoData ?? GeoDataLocator.locate()).region(name)
            region = r
            let options = configuration.builderOptions(for: r)
            var read: NetworkInputs?
            let build = {
                let inputs = try NetworkInputs.region(r)
                read = inputs
                return try NetworkBuilder(options: options, log: { log("build: \($0)") }).build(inputs)
            }
            if configuration.readCache, let cache = configuration.cache {
                (network, report, _) = try cache.network(region: r, options: options, log: log, build: build)
            } else {
                (network, report) = try build()
            }
            inputsRead = read
        case .layers, .openStreetMap:
            region = nil
            let inputs = try Self.userInputs(configuration, log: log)
            inputsRead = inputs
            (network, report) = try NetworkBuilder(options: configuration.builderOptions(for: nil), log: { log("build: \($0)") }).build(inputs)
        }
        if let day = configuration.asOf {
            network = try network.asOf(day, regimes: region?.manifest.regimes ?? [])
        }
        if !configuration.open.isEmpty {
            network = try network.applying(Scenario(id: "open", name: "open", operations: try configuration.open.map { id in
                guard !network.crossingIndices(id: id).isEmpty else {
                    throw DataError.invalid("--open \(id)", "no such crossing" + PlaceName.didYouMean(id, among: network.crossings.map(\.id)))
                }
                return .openCrossing(crossing: id, mode: nil, delayMinutes: nil)
            }))
        }
        self.region = region
        self.network = network
        self.buildReport = report
    }

    /// Writes the baseline network as a compiled network file (`corridor build -o FILE.corridor`),
    /// with its build report, the build's options and the region it came from, so another
    /// program opens it with `.file(path)` without building.
    /// - Parameter path: the file, written to a temporary file and renamed.
    /// - Throws: `DataError` when the study has a day (`asOf`: give it to the program that
    ///   reads the file); write errors naming the file.
    public func writeCompiled(to path: String) throws {
        if let day = configuration.asOf {
            throw DataError.invalid("as-of \(day)", "give it to the command that reads --network \(path); the compiled network keeps today's delays")
        }
        try NetworkFile.write(network, report: buildReport, inputsKey: "", options: configuration.builderOptions(for: region),
                              region: region, writer: NetworkCache.programKey, to: path)
    }

    /// The region, or one line saying the question needs one.
    /// - Parameter question: what needs the region, for the message ("flows", "appraise").
    public func requireRegion(for question: String) throws -> Region {
        guard let region else {
            throw DataError.invalid(question, "needs an embedded region (--region, or a --network file built from one): the region's manifest supplies its inputs")
        }
        return region
    }

    /// The input layers: read once (kept from the build when it read them). A compiled file
    /// built from an embedded region reads that region's layers.
    /// - Throws: `DataError.invalid` for a compiled file built from the user's layers.
    public func inputs() throws -> NetworkInputs {
        lock.lock()
        defer { lock.unlock() }
        if let inputsRead { return inputsRead }
        guard let region, FileManager.default.fileExists(atPath: region.directory.appendingPathComponent("manifest.json").path) else {
            let file: String
            if case .file(let p) = configuration.source { file = p } else { file = "network" }
            throw DataError.invalid("--network \(file)", "this question also reads the input layers, and the file was not built from an embedded region; give --region or --layers")
        }
        let inputs = try NetworkInputs.region(region)
        inputsRead = inputs
        return inputs
    }

    /// The region's incomes, counts and ports of entry, read once.
    public func facts() throws -> RegionFacts {
        lock.lock()
        defer { lock.unlock() }
        if let factsRead { return factsRead }
        let f = try requireRegion(for: "region facts").facts()
        factsRead = f
        return f
    }

    /// The analysis session on the baseline: every hierarchy of the study goes through it.
    public var session: AnalysisSession {
        lock.lock()
        defer { lock.unlock() }
        if let sessionOpened { return sessionOpened }
        let s = AnalysisSession(network: network)
        sessionOpened = s
        return s
    }

    /// The presets of the region's manifest.
    public var presets: [ScenarioPreset] { region?.manifest.scenarios ?? [] }

    /// A preset by id as a scenario.
    /// - Throws: `DataError.invalid` naming the preset, with a did-you-mean and the list.
    public func preset(_ id: String) throws -> Scenario {
        guard region != nil else { throw DataError.invalid("--preset \(id)", "presets come from a region's manifest; give --region") }
        guard let p = presets.first(where: { $0.id == id }) else {
            throw DataError.invalid("--preset \(id)", "no such preset" + PlaceName.didYouMean(id, among: presets.map(\.id))
                                    + " (have: \(presets.map(\.id).joined(separator: ", ")))")
        }
        return try Scenario(preset: p)
    }

    /// Every preset of the region as a scenario, in the manifest's order.
    public func allPresets() throws -> [Scenario] { try presets.map { try Scenario(preset: $0) } }

    /// The options a comparison evaluates: scenario files first, then presets in the order
    /// given (or every preset in the manifest's order).
    /// - Parameters:
    ///   - files: scenario JSON files.
    ///   - ids: preset ids of the region.
    ///   - all: every preset of the region instead of `ids`.
    /// - Throws: `DataError` for a file or preset at fault, or presets asked of a study without a region.
    public func scenarios(files: [String], presets ids: [String], allPresets all: Bool) throws -> [Scenario] {
        if (all || !ids.isEmpty) && region == nil { throw DataError.invalid("--preset", "presets need a region (--region)") }
        return try files.map { try Scenario(file: $0) } + (all ? try allPresets() : try ids.map(preset))
    }

    /// The option as one scenario on the baseline (nil for no option).
    /// - Throws: `DataError.invalid` naming an unknown crossing (`--close X: no such
    ///   crossing; did you mean ...`), preset or scenario file.
    public func scenario(for option: StudyOption) throws -> Scenario? {
        let lists = [("--open", option.open), ("--close", option.close), ("--delay", option.delayMinutes.keys.sorted())]
        for (flag, ids) in lists {
            for id in ids where network.crossingIndices(id: id).isEmpty {
                throw DataError.invalid("\(flag) \(id)", "no such crossing" + PlaceName.didYouMean(id, among: network.crossings.map(\.id)))
            }
        }
        return try option.scenario(preset: preset)
    }

    /// The network under an option: the baseline when the option is empty, else the baseline
    /// with the option's operations applied (a new value; the baseline is never changed).
    /// Kept per option.
    /// - Throws: `DataError` naming an unknown preset, crossing or scenario file.
    public func network(under option: StudyOption) throws -> TransportNetwork {
        guard let scenario = try scenario(for: option) else { return network }
        lock.lock()
        if let n = optionNetworks[option] { lock.unlock(); return n }
        lock.unlock()
        let n = try network.applying(scenario)
        lock.lock()
        optionNetworks[option] = n
        lock.unlock()
        return n
    }

    /// The region's demand model at equilibrium on a baseline (`network`, or the baseline as
    /// the chosen modes see it), built once per baseline, gap and thread count and shared by
    /// every option's flows.
    /// - Parameters:
    ///   - base: the baseline network flows are loaded on (default: the study's).
    ///   - gap: the relative gap each equilibrium stops at.
    ///   - inbound: the country whose entries the counts record (default: the region's first).
    ///   - threads: workers of the loadings.
    ///   - mode: road (the road segments) or rail (the rail segments).
    ///   - progress: progress lines of the baseline (default: the study's log).
    /// - Throws: `DataError.invalid` when the study has no region or the region no demand model.
    public func flows(on base: TransportNetwork? = nil, gap: Double = 1e-4, inbound: String? = nil, threads: Int, mode: Mode = .road,
                      progress: ((String) -> Void)? = nil) throws -> RegionFlowStudy {
        let region = try requireRegion(for: "flows")
        let defaults = try FlowDefaults.of(region)
        let base = base ?? network
        let inbound = inbound ?? region.manifest.countries.first ?? "USA"
        let key = FlowStudyKey(graph: base.graph, edgeBaseSeconds: base.edgeBaseSeconds, crossings: base.crossings, gap: gap, inbound: inbound,
                               threads: threads, mode: mode)
        lock.lock()
        if let s = flowStudies.first(where: { $0.key == key }) { lock.unlock(); return s.study }
        lock.unlock()
        // The baseline's equilibrium is kept beside the network in the study's cache.
        let cache = configuration.readCache ? configuration.cache.map(FlowRunCache.init(beside:)) : nil
        let s = try RegionFlowStudy(defaults: defaults, facts: try facts(), base: base, session: session, threads: threads, gap: gap,
                                    inbound: inbound, mode: mode, cache: cache, log: progress ?? log)
        lock.lock()
        flowStudies.append((key, s))
        lock.unlock()
        return s
    }

    /// What a baseline's flows depend on beyond the region: the graph, the edge times and the
    /// crossings (states and delays), the gap, the inbound country and the threads.
    private struct FlowStudyKey: Equatable {
        var graph: CSRGraph
        var edgeBaseSeconds: [Double]
        var crossings: [NetworkCrossing]
        var gap: Double
        var inbound: String
        var threads: Int
        var mode: Mode
    }

    /// The region a compiled network file was built from: its stored manifest, with the layers
    /// of the embedded copy when the catalog has that region (else the file's folder); nil for
    /// a network built from the user's layers.
    public static func storedRegion(_ header: NetworkFile.Header, file: String, geoData: URL?) throws -> Region? {
        guard let name = header.region, let manifest = header.manifest else { return nil }
        let catalog = RegionCatalog(directory: try geoData ?? GeoDataLocator.locate())
        let directory = catalog.names().contains(name) ? catalog.directory.appendingPathComponent(name)
            : URL(fileURLWithPath: file).deletingLastPathComponent()
        return Region(directory: directory, manifest: manifest)
    }

    /// The user's layers (and an OpenStreetMap extract's), with the countries of `countriesOf`.
    static func userInputs(_ c: StudyConfiguration, log: (String) -> Void) throws -> NetworkInputs {
        let specs: [String]
        if case .layers(let l) = c.source { specs = l } else if case .openStreetMap(_, _, let l) = c.source { specs = l } else { specs = [] }
        var inputs = try NetworkInputs.files(specs, crs: c.crs.map { CRS($0) })
        if case .openStreetMap(let path, let profileName, _) = c.source {
            let profile = try OSMProfile.load(profileName)
            let (osmLayers, summary) = try OSMImport.layers(path: path, profile: profile)
            for kind in LayerKind.allCases {
                guard let layer = osmLayers[kind] else { continue }
                if [LayerKind.road, .rail].contains(kind), inputs.layers[kind] != nil {
                    throw DataError.invalid("--layers \(kind.rawValue)=...", "the \(kind.rawValue) layer comes from --osm \(path)")
                }
                if inputs.layers[kind] == nil { inputs.layers[kind] = layer }  // the user's places or crossings win
            }
            let classes = summary.waysByClass.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .prefix(4).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            log("osm: \(summary.waysUsed) of \(summary.waysRead) ways used by profile \(profile.name) (\(classes)), \(summary.oneWayWays) one-way, \(summary.borderControls) border control points, \(summary.places) places")
        }
        if let name = c.countriesOf {
            let r = try RegionCatalog(directory: try c.geoData ?? GeoDataLocator.locate()).region(name)
            for (kind, layerName) in [(LayerKind.countries, "countries"), (.admin1, "admin1")] where inputs.layers[kind] == nil {
                inputs.layers[kind] = InputLayer(data: try r.layer(layerName), label: r.manifest.layerPath(layerName, in: r.directory) ?? layerName)
            }
        }
        return inputs
    }
}

extension TransportNetwork {
    /// Refuses a network with one-way edges for an analysis that assumes two-way links (it
    /// compares both directions of a pair as one, or removes links and re-measures pairs).
    /// - Parameter command: the command or analysis, for the message.
    /// - Throws: `DataError.invalid` in one line naming the command and the one-way edge count.
    public func requireTwoWay(_ command: String) throws {
        let oneWay = edgeOneWay.filter { $0 }.count
        guard oneWay == 0 else {
            throw DataError.invalid("corridor \(command)", "assumes two-way links, and this network has \(oneWay) one-way edges (from oneway tags or a oneway field); route, matrix, access, centrality, stats and qa handle one-way edges")
        }
    }
}
