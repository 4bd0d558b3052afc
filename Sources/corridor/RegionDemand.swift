import ArgumentParser
import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorNetwork
import CorridorReport
import Foundation

/// What `demand`, `assign --region` and `validate` share: a region's demand model, the
/// segments asked for, and the countries' GDP per capita.
enum RegionDemand {
    /// The manifest's `flows` section, or one line saying the region has none.
    static func defaults(_ region: Region) throws -> FlowDefaults {
        guard let d = region.manifest.flows else {
            throw DataError.invalid("\(region.name)/manifest.json", "no \"flows\" section: this region has no demand model yet")
        }
        return d
    }

    /// The segments named (all of them when none is), in the order given.
    static func segments(_ names: [String], of defaults: FlowDefaults) throws -> [FlowSegmentSpec] {
        guard !names.isEmpty else { return defaults.segments }
        return try names.map { s in
            guard let x = defaults.segments.first(where: { $0.name == s }) else {
                throw ValidationError("--segment \(s): no such segment (have: \(defaults.segments.map(\.name).joined(separator: ", ")))")
            }
            return x
        }
    }

    /// The one crossing mode of `segments` (road unless they are all rail).
    /// - Throws: when road and rail segments are mixed: their crossings are apart, so they are
    ///   assigned apart.
    static func mode(of segments: [FlowSegmentSpec]) throws -> Mode {
        let modes = Set(segments.map { $0.mode ?? "road" })
        guard modes.count <= 1 else {
            throw ValidationError("--segment: road and rail segments are assigned apart; give the rail segment on its own (--segment \(segments.first { $0.mode == "rail" }!.name))")
        }
        return modes.first == "rail" ? .rail : .road
    }

    /// The segments asked for, or (none asked for) the road ones.
    static func chosen(_ names: [String], of defaults: FlowDefaults) throws -> [FlowSegmentSpec] {
        names.isEmpty ? defaults.segments.filter { ($0.mode ?? "road") == "road" } : try segments(names, of: defaults)
    }

    /// US dollars per person by country code, from the region's countries layer.
    static func gdpPerCapita(_ region: Region) throws -> [String: Double] {
        Dictionary(try AppraiseCommand.incomes(region).map { ($0.code, $0.gdpPerCapitaUSD) }, uniquingKeysWith: { a, _ in a })
    }
}

/// A region's demand model at equilibrium on the baseline, against which options are
/// compared (`scenario --flows`, the report): the segments' scales are fitted once, on the
/// baseline, so every option is loaded with the same trip rates. Road segments only: rail
/// freight runs apart (`assign --region R --segment rail`, `validate`).
struct RegionFlowStudy {
    let defaults: FlowDefaults
    let segments: [FlowSegmentSpec]
    let gdp: [String: Double]
    let threads: Int
    let options: AssignmentOptions
    let inbound: String
    let baseModel: RegionFlowModel
    let baseRun: RegionFlowRun
    /// Hierarchies shared by the baseline's and the options' models.
    let session: AnalysisSession

    /// - Parameters:
    ///   - region: a region whose manifest has a `flows` section.
    ///   - base: the region's network as the baseline.
    ///   - gap: the relative gap every equilibrium stops at.
    ///   - inbound: the country whose entries the counts record (default: the region's first).
    ///   - session: a session on `base` to share hierarchies with (one is opened if nil).
    init(region: Region, base: TransportNetwork, threads: Int, gap: Double, inbound: String? = nil, session: AnalysisSession? = nil,
         log: @escaping (String) -> Void) throws {
        defaults = try RegionDemand.defaults(region)
        gdp = try RegionDemand.gdpPerCapita(region)
        self.threads = threads
        self.inbound = inbound ?? region.manifest.countries.first ?? "USA"
        options = AssignmentOptions(algorithm: .gradientProjection, targetRelativeGap: gap, maxIterations: 1000, threads: threads)
        log("flows: zones and travel-time tables")
        self.session = session ?? AnalysisSession(network: base)
        baseModel = try RegionFlowModel(network: base, defaults: defaults, gdpPerCapita: gdp, threads: threads, session: self.session)
        segments = baseModel.segments
        let scales = try baseModel.scales(segments, counts: try AssignCommand.observedCounts(region), inbound: self.inbound, threads: threads)
        baseRun = try baseModel.equilibrium(segments, scales: scales.map(\.scale), options: options, inbound: self.inbound,
                                            demand: scales.map(\.demand)) { r in
            log("flows: baseline equilibrium, iteration \(r.iteration) gap \(r.relativeGap.map { String(format: "%.2e", $0) } ?? "-")")
        }
    }

    /// The option's equilibrium against the baseline's.
    func change(option: TransportNetwork, log: @escaping (String) -> Void) throws -> RegionFlowChange {
        let model = try RegionFlowModel(network: option, defaults: defaults, gdpPerCapita: gdp, threads: threads, session: session)
        let run = try model.equilibrium(segments, scales: baseRun.scales, options: options, inbound: inbound) { r in
            log("iteration \(r.iteration) gap \(r.relativeGap.map { String(format: "%.2e", $0) } ?? "-")")
        }
        return try RegionFlowModel.change(base: baseRun, option: run)
    }

    /// The change as text: per segment the cross-border trips and the hours saved, the
    /// crossings whose volume moved most, and those left beyond capacity.
    static func print(_ f: RegionFlowChange, indent: String = "   ") {
        Swift.print(indent + "flows at equilibrium (relative gap \(gapText(f.relativeGapBefore)) before, \(gapText(f.relativeGapAfter)) after):")
        for s in f.segments {
            Swift.print(indent + String(format: "  %@: %.0f → %.0f trips a year through a crossing; %.0f vehicle-hours a year saved on pairs connected before (rule of half); %.0f trips a year newly connected",
                                        s.name, s.crossBorderTripsBefore, s.crossBorderTripsAfter, s.hoursSaved, s.tripsNewlyConnected)
                        + (s.tripsCutOff > 0 ? String(format: ", %.0f cut off", s.tripsCutOff) : ""))
        }
        let moved = f.crossings.filter { zip($0.before, $0.after).contains { abs($1 - $0) >= 0.5 } }.prefix(8)
        if !moved.isEmpty {
            Swift.print(indent + "  crossing" + String(repeating: " ", count: 32) + f.segments.map { pad($0.name + " before → after", 30) }.joined() + "v/c after")
            for c in moved {
                Swift.print(indent + "  " + pad(String(c.name.prefix(38)), 40)
                            + zip(c.before, c.after).map { pad(String(format: "%.0f → %.0f", $0, $1), 30) }.joined()
                            + String(format: "%.2f", c.volumeCapacityAfter))
            }
        }
        if !f.overCapacity.isEmpty { Swift.print(indent + "  beyond capacity after: " + f.overCapacity.joined(separator: ", ")) }
    }
}

/// A relative gap for people: below 1e-12 it is rounding (and differs between builds), so it
/// reads "< 1e-12".
func gapText(_ gap: Double) -> String {
    gap < 1e-12 ? "< 1e-12" : String(format: "%.1e", gap)
}
