import CorridorAnalysis
import Foundation

/// What a corridor's road crossings carry in a region's flows, and what closing them all costs
/// (`corridor corridors --flows`).
public struct CorridorFlowLoss: Sendable, Codable, Hashable {
    public var corridor: String
    /// The corridor's road crossings, sorted.
    public var crossings: [String]
    public var segments: [String]
    /// Vehicles a year through the crossings, per segment.
    public var volume: [Double]
    /// Vehicle-hours a year added by closing them, per segment.
    public var hoursAdded: [Double]
    /// Trips a year cut off by closing them, per segment.
    public var tripsCutOff: [Double]
}

extension RegionFlowStudy {
    /// Each corridor's road crossings closed together, at the baseline's equilibrium costs.
    /// - Parameters:
    ///   - corridors: the evaluated corridors (their crossings as `ID/mode`).
    ///   - threads: workers of the re-routing.
    /// - Returns: one loss per corridor, by corridor id.
    public func corridorLosses(_ corridors: [CorridorEvaluation], threads: Int) throws -> [String: CorridorFlowLoss] {
        let sets = corridors.map { r in
            Set(r.crossings.compactMap { c -> String? in c.crossing.hasSuffix("/road") ? String(c.crossing.dropLast(5)) : nil })
        }
        let losses = try baseModel.closureLosses(baseRun, closing: sets, threads: threads)
        var out: [String: CorridorFlowLoss] = [:]
        for (r, (ids, l)) in zip(corridors, zip(sets, losses)) {
            out[r.id] = CorridorFlowLoss(corridor: r.id, crossings: ids.sorted(), segments: baseRun.segments.map(\.name),
                                         volume: l.volume, hoursAdded: l.hoursAdded, tripsCutOff: l.tripsCutOff)
        }
        return out
    }
}
