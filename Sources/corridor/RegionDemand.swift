import ArgumentParser
import CorridorData
import CorridorFlows
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

    /// US dollars per person by country code, from the region's countries layer.
    static func gdpPerCapita(_ region: Region) throws -> [String: Double] {
        Dictionary(try AppraiseCommand.incomes(region).map { ($0.code, $0.gdpPerCapitaUSD) }, uniquingKeysWith: { a, _ in a })
    }
}
