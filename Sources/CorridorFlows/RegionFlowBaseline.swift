import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

extension FlowDefaults {
    /// The region's demand model: the manifest's `flows` section.
    /// - Throws: `DataError.invalid` naming the manifest when the region has none.
    public static func of(_ region: Region) throws -> FlowDefaults {
        guard let d = region.manifest.flows else {
            throw DataError.invalid("\(region.name)/manifest.json", "no \"flows\" section: this region has no demand model yet")
        }
        return d
    }

    /// The segments named (all of them when none is), in the order given.
    /// - Throws: `DataError.invalid` naming an unknown segment and listing the segments there are.
    public func segments(named names: [String]) throws -> [FlowSegmentSpec] {
        guard !names.isEmpty else { return segments }
        return try names.map { s in
            guard let x = segments.first(where: { $0.name == s }) else {
                throw DataError.invalid("--segment \(s)", "no such segment (have: \(segments.map(\.name).joined(separator: ", ")))")
            }
            return x
        }
    }

    /// The segments asked for, or (none asked for) the road ones.
    public func chosenSegments(_ names: [String]) throws -> [FlowSegmentSpec] {
        names.isEmpty ? segments.filter { $0.crossingMode == .road } : try segments(named: names)
    }

    /// The one crossing mode of `segments`: road and rail crossings are apart, so their
    /// segments are assigned apart.
    /// - Throws: `DataError.invalid` when road and rail segments are mixed.
    public static func mode(of segments: [FlowSegmentSpec]) throws -> Mode {
        let modes = Set(segments.map(\.crossingMode))
        guard modes.count <= 1 else {
            let rail = segments.first { $0.crossingMode == .rail }?.name ?? "rail"
            throw DataError.invalid("--segment", "road and rail segments are assigned apart; give the rail segment on its own (--segment \(rail))")
        }
        return modes.first ?? .road
    }
}

extension FlowSegmentSpec {
    /// The mode whose crossings the segment passes: rail for a rail segment, road otherwise.
    public var crossingMode: Mode { mode == .rail ? .rail : .road }
}

/// A region's demand model at equilibrium on the baseline, against which options are
/// compared (`scenario --flows`, the report, appraisal): the segments' scales are fitted once,
/// on the baseline, so every option is loaded with the same trip rates. Road segments only:
/// rail freight runs apart.
public struct RegionFlowStudy: Sendable {
    public let defaults: FlowDefaults
    public let segments: [FlowSegmentSpec]
    public let gdpPerCapita: [String: Double]
    public let threads: Int
    public let options: AssignmentOptions
    /// The country whose entries the counts record.
    public let inbound: String
    public let baseModel: RegionFlowModel
    public let baseRun: RegionFlowRun
    /// Hierarchies shared by the baseline's and the options' models.
    public let session: AnalysisSession
    /// The crossings' mode: road, or rail for the rail segments.
    public let mode: Mode

    /// Fits the segments' scales to the counts on the baseline and loads it to equilibrium.
    /// - Parameters:
    ///   - defaults: the region's demand model.
    ///   - facts: the region's incomes and counts.
    ///   - base: the baseline network.
    ///   - session: the session whose hierarchies the models share (on `base`'s nodes).
    ///   - threads: workers of the loadings.
    ///   - gap: the relative gap every equilibrium stops at.
    ///   - inbound: the country whose entries the counts record.
    ///   - mode: road (the road segments) or rail (the rail segments).
    ///   - cache: where the baseline's equilibrium is kept between runs (nil: computed each time).
    ///   - log: progress lines.
    public init(defaults: FlowDefaults, facts: RegionFacts, base: TransportNetwork, session: AnalysisSession, threads: Int, gap: Double, inbound: String,
                mode: Mode = .road, cache: FlowRunCache? = nil, log: @escaping (String) -> Void) throws {
        self.mode = mode
        self.defaults = defaults
        gdpPerCapita = facts.gdpPerCapita
        self.threads = threads
        self.inbound = inbound
        self.session = session
        options = AssignmentOptions(algorithm: .gradientProjection, targetRelativeGap: gap, maxIterations: 1000, threads: threads)
        log("flows: zones and travel-time tables")
        baseModel = try RegionFlowModel(network: base, defaults: defaults, gdpPerCapita: gdpPerCapita, threads: threads, mode: mode, session: session)
        segments = baseModel.segments
        let compact = baseModel.assignmentNetwork
        log("flows: \(baseModel.zones.count) zones, \(compact.nodeCount - compact.zoneCount) crossing sides, \(compact.linkCount) compact links")
        // The cache's file and key, hashed once for the read and the write.
        var address: (path: URL, key: String)? = nil
        do { address = try cache?.address(model: baseModel, counts: facts.counts, options: options, inbound: inbound) } catch {
            log("warning: cannot key the flows cache (\(error)); continuing without it")
        }
        if let cache, let address, let stored = cache.load(at: address, model: baseModel, inbound: inbound, log: log),
           stored.segments == segments.map({ RegionFlowRun.Segment(name: $0.name, passengerCarEquivalent: $0.passengerCarEquivalent) }) {
            baseRun = stored
        } else {
            let scales = try baseModel.scales(segments, counts: facts.counts, inbound: inbound, threads: threads)
            baseRun = try baseModel.equilibrium(segments, scales: scales.map(\.scale), options: options, inbound: inbound,
                                                demand: scales.map(\.demand)) { r in
                log("flows: baseline equilibrium, iteration \(r.iteration) gap \(r.relativeGap.map { String(format: "%.2e", $0) } ?? "-")")
            }
            if let cache, let address { cache.store(baseRun, at: address, log: log) }
        }
    }

    /// The option's equilibrium against the baseline's, with the baseline's trip rates.
    /// - Parameters:
    ///   - option: the network under the option (same nodes as the baseline's).
    ///   - log: progress lines (each iteration).
    public func change(option: TransportNetwork, log: @escaping (String) -> Void) throws -> RegionFlowChange {
        let run = try self.run(option: option, log: log).run
        return try RegionFlowModel.change(base: baseRun, option: run)
    }

    /// The option's model and equilibrium, with the baseline's trip rates.
    /// - Parameters:
    ///   - option: the network under the option (same nodes as the baseline's).
    ///   - log: progress lines (each iteration).
    public func run(option: TransportNetwork, log: @escaping (String) -> Void) throws -> (model: RegionFlowModel, run: RegionFlowRun) {
        let model = try RegionFlowModel(network: option, defaults: defaults, gdpPerCapita: gdpPerCapita, threads: threads, mode: mode, session: session)
        let run = try model.equilibrium(segments, scales: baseRun.scales, options: options, inbound: inbound) { r in
            log("iteration \(r.iteration) gap \(r.relativeGap.map { String(format: "%.2e", $0) } ?? "-")")
        }
        return (model, run)
    }
}
