import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// Everything the planner's report shows, computed in one pass over a network: connectivity,
/// accessibility per place, critical links and crossings, the named corridors, and the
/// scenario presets ranked. Rendering lives in CorridorReport; this type only computes.
public struct RegionSummary: Sendable, Codable {
    public struct Options: Sendable {
        /// Modes closed throughout (`[.sea]` for land routes only).
        public var excluding: Set<Mode> = [.sea]
        /// Pairs for criticality and corridor path shares are drawn from this many of the most
        /// populous places.
        public var pairPlaces = 30
        /// The scenario pair table's places.
        public var scenarioPairPlaces = 100
        public var withinHours = 4.0
        public var beta = 0.1
        public var threads = 1
        /// How many of each ranked list to keep.
        public var top = 15
        /// Border-zone band width on each side, km.
        public var borderZoneKilometers = 100.0
        /// The options compared (nil for every preset of the manifest, in its order).
        public var scenarios: [Scenario]?
        public init() {}
    }

    public var region: String
    public var title: String
    public var description: String
    public var landOnly: Bool
    public var stats: NetworkStats
    public var accessibility: AccessibilityResult
    public var links: Criticality.LinkCriticality
    public var crossings: [Criticality.CrossingLoss]
    public var bridges: [Criticality.BridgeLoss]
    public var corridors: [CorridorEvaluation]
    /// Ranked by total gain.
    public var scenarios: [ScenarioEvaluation]
    /// Every crossing's two-sided catchment, ranked by the binding side.
    public var catchments: [CrossingCatchment] = []
    /// What borders cost place pairs, and the delay sweep.
    public var borderEffect: BorderEffect?
    /// Land against sea for cross-border pairs.
    public var landSea: LandSeaCompetition?
    /// The seaports with the weakest domestic feeders, weakest first.
    public var weakestSeaportFeeders: [GatewayFeeder] = []
    /// The cohesion of each country's largest agglomeration (its most populous place and the
    /// places within 60 km, up to 8).
    public var agglomerations: [ClusterCohesion] = []
    /// The manifest's integration regimes.
    public var regimes: [IntegrationRegime] = []
    /// Every border of the region (when the input layers were given).
    public var borderZones: [BorderZoneInventory] = []
    /// The network's data-quality review (`corridor qa` with default thresholds).
    public var quality: NetworkQA
    public var sources: [RegionManifest.SourceCredit]
    public var withinHours: Double

    /// - Parameters:
    ///   - manifest: the region's manifest: its named corridors, scenario presets, regimes,
    ///     metric CRS and source credits.
    ///   - network: the region's network.
    ///   - report: the build report of `network`, for the connectivity statistics.
    ///   - inputs: the layers the network was built from; with them the border zones
    ///     are inventoried too.
    ///   - options: excluded modes, thresholds, pair counts, threads and list lengths.
    ///   - evaluator: a baseline already computed for the same network, excluded modes,
    ///     threshold, decay and pair count (`options.scenarioPairPlaces`), to reuse for the
    ///     accessibility and the presets (an appraisal of the same presets shares it).
    ///   - progress: called with the name of each step as it starts.
    /// - Throws: when a preset or a corridor does not fit the network (naming it).
    public static func compute(manifest: RegionManifest, network: TransportNetwork, report: BuildReport, inputs: NetworkInputs? = nil,
                               options: Options = Options(), evaluator: ScenarioEvaluator? = nil,
                               progress: (String) -> Void = { _ in }) throws -> RegionSummary {
        let excluding = options.excluding
        let weights = network.arcSeconds(excluding: excluding)
        progress("connectivity")
        let stats = NetworkStats(network, report: report)
        progress("accessibility")
        if let e = evaluator {
            precondition(e.excluding == excluding && e.withinHours == options.withinHours && e.beta == options.beta,
                         "the evaluator's baseline matches the options")
        }
        // One session for every hierarchy below: the evaluator's when given.
        let session = evaluator?.session ?? AnalysisSession(network: network)
        let access = evaluator?.baseline
            ?? Accessibility.places(network, weights: weights, withinHours: options.withinHours, beta: options.beta, threads: options.threads,
                                    session: session)
        progress("critical links and crossings")
        var (links, allCrossings) = Criticality.linksAndCrossings(network, excluding: excluding, places: options.pairPlaces, threads: options.threads)
        links.links = Array(links.links.prefix(options.top))
        let crossings = Array(allCrossings.prefix(options.top))
        let bridges = Array(Criticality.bridges(network, excluding: excluding).prefix(options.top))
        progress("named corridors")
        let corridors = try CorridorEvaluation.named(network, corridors: manifest.corridors, excluding: excluding, pathPlaces: options.pairPlaces)
        progress("scenario presets")
        var scenarios: [ScenarioEvaluation] = []
        let compared = try options.scenarios ?? manifest.scenarios.map { try Scenario(preset: $0) }
        if !compared.isEmpty {
            let presets = evaluator ?? ScenarioEvaluator(base: network, excluding: excluding, withinHours: options.withinHours, beta: options.beta,
                                                         pairPlaces: options.scenarioPairPlaces, threads: options.threads, baseline: access,
                                                         session: session)
            for s in compared {
                progress("scenario \(s.id)")
                scenarios.append(try presets.evaluate(s, hubPlaces: options.pairPlaces))
            }
        }
        progress("crossing catchments")
        let catchments = CrossingCatchments.compute(network, withinHours: options.withinHours, threads: options.threads)
        progress("border effect")
        let effect = BorderEffect.compute(network, places: min(60, max(2, options.pairPlaces * 2)), beta: options.beta, threads: options.threads,
                                          session: session)
        progress("land against sea")
        let landSea = LandSeaCompetition.compute(network, places: options.pairPlaces, beta: options.beta, threads: options.threads)
        let feeders = Array(CrossingCatchments.seaportFeeders(network, withinHours: options.withinHours, beta: options.beta, threads: options.threads)
            .prefix(options.top))
        progress("agglomerations")
        var clusters: [ClusterCohesion] = []
        for country in Set(network.places.map(\.country)).sorted() {
            guard let core = network.places.indices.filter({ network.places[$0].country == country }).max(by: {
                (network.places[$0].population, $1) < (network.places[$1].population, $0) }) else { continue }
            let c = network.coordinate(of: Int(network.places[core].node))
            let members = network.places.indices.filter {
                $0 != core && network.places[$0].country == country
                    && Geodesic.wgs84.distanceMeters(c, network.coordinate(of: Int(network.places[$0].node))) <= 60_000
            }.sorted { (network.places[$0].population, $1) > (network.places[$1].population, $0) }.prefix(7)
            guard !members.isEmpty else { continue }
            clusters.append(ClusterCohesion.compute(network, name: "\(network.places[core].name) area (\(country))", cities: [core] + members,
                                                    weights: weights))
        }
        var zones: [BorderZoneInventory] = []
        if let inputs {
            progress("border zones")
            zones = try BorderZone.inventories(network: network, inputs: inputs, metricCRS: CRS(manifest.metricCRS),
                                               widthKilometers: options.borderZoneKilometers)
        }
        progress("data quality")
        let quality = NetworkQA.review(network, report: report)
        scenarios.sort { $0.gravityChangePercent > $1.gravityChangePercent || ($0.gravityChangePercent == $1.gravityChangePercent && $0.scenario < $1.scenario) }
        return RegionSummary(region: manifest.region, title: manifest.title, description: manifest.description, landOnly: excluding.contains(.sea),
                             stats: stats, accessibility: access, links: links, crossings: crossings, bridges: bridges, corridors: corridors,
                             scenarios: scenarios, catchments: catchments, borderEffect: effect, landSea: landSea,
                             weakestSeaportFeeders: feeders, agglomerations: clusters, regimes: manifest.regimes ?? [], borderZones: zones, quality: quality, sources: manifest.sources, withinHours: options.withinHours)
    }
}
