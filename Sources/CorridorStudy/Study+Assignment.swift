import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorNetwork
import Foundation

/// A region's flows at equilibrium under an option, as `corridor assign --region` computes
/// them: the demand model's segments scaled to the counts on the baseline (so an option is
/// compared on equal demand), or the user's own trips between the model's zones.
public struct RegionAssignment: Sendable {
    /// Segment names (empty: the road segments).
    public var segments: [String] = []
    /// The option the flows are loaded under (empty: the baseline).
    public var option = StudyOption()
    /// An OD CSV (origin,destination,trips; zones by place id or unique name) instead of the
    /// demand model: one class, no scale.
    public var odFile: String?
    /// The country whose entries count as inbound (default: the region's first).
    public var inbound: String?
    public var algorithm: AssignmentAlgorithm = .gradientProjection
    public var relativeGap = 1e-4
    public var maxIterations = 500
    public var threads = 1

    public init() {}

    /// What the assignment gives: the model, its run and the summary outputs print.
    public struct Result: Sendable {
        public var model: RegionFlowModel
        public var run: RegionFlowRun
        /// The network under the option.
        public var network: TransportNetwork
        public var summary: Summary
    }

    /// The summary `assign --region --json` prints.
    public struct Summary: Encodable, Sendable {
        public var region: String
        public var zones: Int
        public var crossingLinks: Int
        public var segments: [String]
        public var trips: [Double]
        public var crossBorderTrips: [Double]
        /// Per segment, the factor that made the free-flow inbound total equal the observed one.
        public var scales: [Double]
        public var iterations: Int
        public var relativeGap: Double
        public var seconds: Double
        public var crossings: [RegionFlowModel.CrossingVolume]
        /// The crossings' mode (road or rail).
        public var mode: String
        public var algorithm: String
        public var feedbackLoops: Int

        enum CodingKeys: String, CodingKey {
            case region, zones, crossingLinks, segments, trips, crossBorderTrips, scales, iterations, relativeGap, seconds, crossings
        }
    }
}

extension Study {
    /// The region's flows at equilibrium under the request's option.
    /// - Parameters:
    ///   - request: segments, option, trips, algorithm and stopping rule.
    ///   - log: progress lines (the scale of each segment).
    ///   - progress: each iteration of the equilibrium.
    /// - Throws: `DataError` for a study without a region or demand model, an unknown segment,
    ///   preset, crossing or OD zone.
    public func assign(_ request: RegionAssignment, log: (String) -> Void = { _ in },
                       progress: @escaping (IterationRecord) -> Void = { _ in }) throws -> RegionAssignment.Result {
        let region = try requireRegion(for: "assign")
        let defaults = try FlowDefaults.of(region)
        let inbound = request.inbound ?? region.manifest.countries.first ?? "USA"
        let segments = try defaults.chosenSegments(request.segments)
        let mode = try FlowDefaults.mode(of: segments)
        let network = try self.network(under: request.option)
        let changed = !request.option.isEmpty
        let started = Date()
        let gdp = try facts().gdpPerCapita
        // The scales come from the region as loaded, so an option is compared on equal demand.
        let baseModel = try RegionFlowModel(network: self.network, defaults: defaults, gdpPerCapita: gdp, threads: request.threads, mode: mode,
                                            session: session)
        let model = changed ? try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: gdp, threads: request.threads, mode: mode,
                                                  session: session) : baseModel
        let options = AssignmentOptions(algorithm: request.algorithm, targetRelativeGap: request.relativeGap, maxIterations: request.maxIterations,
                                        threads: request.threads)
        let run: RegionFlowRun
        if let od = request.odFile {
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
            // observed total of the segment's count (2024) over the crossings the model has.
            let fitted = try baseModel.scales(segments, counts: try facts().counts, inbound: inbound, threads: request.threads)
            for (s, f) in zip(segments, fitted) {
                log("assign: \(s.name) scaled by \(String(format: "%.4g", f.scale)) to \(String(format: "%.0f", f.target)) observed entries")
            }
            run = try model.equilibrium(segments, scales: fitted.map(\.scale), options: options, inbound: inbound,
                                        demand: changed ? nil : fitted.map(\.demand), progress: progress)
        }
        let result = run.result
        let summary = RegionAssignment.Summary(
            region: region.name, zones: model.zones.count, crossingLinks: model.crossingLinks.count, segments: run.segments.map(\.name),
            trips: run.demand.map(\.total), crossBorderTrips: run.crossBorder.map(\.total), scales: run.scales,
            iterations: result.iterations.count, relativeGap: result.relativeGap, seconds: Date().timeIntervalSince(started),
            crossings: run.volumes, mode: model.mode.rawValue, algorithm: request.algorithm.rawValue, feedbackLoops: run.feedbackLoops)
        return RegionAssignment.Result(model: model, run: run, network: network, summary: summary)
    }
}
