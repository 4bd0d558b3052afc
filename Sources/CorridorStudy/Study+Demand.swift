import CorridorData
import CorridorFlows
import CorridorNetwork
import Foundation

/// A region's trips by segment (`corridor demand`): a doubly constrained gravity model over
/// free-flow times, each segment on the crossings of its mode.
public struct RegionDemandTable: Sendable {
    /// One segment's totals.
    public struct Summary: Encodable, Sendable {
        public var segment: String
        public var zones: Int
        public var trips: Double
        public var crossBorderTrips: Double
        public var meanHours: Double
        public var tripLengthHours: TripLengthDistribution
    }

    public var summaries: [Summary]
    /// Per segment, its model (zones and free-flow hours) and trips.
    public var tables: [(segment: String, model: RegionFlowModel, trips: ODMatrix)]

    /// The trips as CSV: one row per segment and pair with trips (place ids and names, trips a
    /// year, free-flow hours).
    public var csv: String {
        func field(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        var rows = ["segment,origin_id,origin,destination_id,destination,trips,hours"]
        for (name, model, od) in tables {
            let n = model.zones.count
            for i in 0..<n { for j in 0..<n where od[i, j] > 0 {
                let a = model.zones[i], b = model.zones[j]
                rows.append([name, field(a.placeId), field(a.name), field(b.placeId), field(b.name),
                             String(format: "%.6g", od[i, j]), String(format: "%.4f", model.zoneHours[i * n + j])].joined(separator: ","))
            } }
        }
        return rows.joined(separator: "\n") + "\n"
    }
}

extension Study {
    /// The region's trips by segment.
    /// - Parameters:
    ///   - names: segment names (empty: all).
    ///   - threads: workers of the travel-time tables.
    ///   - progress: a line per segment.
    /// - Throws: `DataError` for a study without a region or demand model, or an unknown segment.
    public func demand(segments names: [String] = [], threads: Int, progress: (String) -> Void = { _ in }) throws -> RegionDemandTable {
        let defaults = try FlowDefaults.of(try requireRegion(for: "demand"))
        let chosen = try defaults.segments(named: names)
        let gdp = try facts().gdpPerCapita
        var models: [Mode: RegionFlowModel] = [:]
        for m in [Mode.road, .rail] where chosen.contains(where: { $0.crossingMode == m }) {
            // Each mode's model contracts its own hierarchy: rail-only weights re-customised in an
            // order found for roads are slow to sweep.
            models[m] = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: gdp, threads: threads, mode: m)
        }
        var table = RegionDemandTable(summaries: [], tables: [])
        for s in chosen {
            progress("demand: \(s.name)")
            // A rail segment is distributed over the hours through rail crossings.
            let model = models[s.crossingMode]!
            let od = try model.demand(s)
            table.summaries.append(.init(segment: s.name, zones: model.zones.count, trips: od.total, crossBorderTrips: model.crossBorderTrips(od).total,
                                         meanHours: Gravity.meanCost(od, costs: model.zoneHours),
                                         tripLengthHours: od.tripLengthDistribution(costs: model.zoneHours, binWidth: 1)))
            table.tables.append((s.name, model, od))
        }
        return table
    }
}
