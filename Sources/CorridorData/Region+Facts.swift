import CorridorGeo
import Foundation

/// A country's income, for the value of time, the gravity model's economic mass and the
/// lagging-area rule (the countries layer's `gdp_per_capita_usd` and `income_group`).
public struct CountryIncome: Sendable, Hashable, Codable {
    public var code: String
    /// GDP per capita, US dollars of the region's `incomeYear`.
    public var gdpPerCapitaUSD: Double
    public var incomeGroup: String

    public init(code: String, gdpPerCapitaUSD: Double, incomeGroup: String) {
        self.code = code
        self.gdpPerCapitaUSD = gdpPerCapitaUSD
        self.incomeGroup = incomeGroup
    }
}

/// A counted port of entry: its crossing id, port code (BTS), name and border ("CAN-USA").
public struct PortOfEntry: Sendable, Hashable {
    public var crossingId: String
    public var code: String
    public var name: String
    public var border: String

    public init(crossingId: String, code: String, name: String, border: String) {
        self.crossingId = crossingId
        self.code = code
        self.name = name
        self.border = border
    }
}

/// What a region's layers say beyond the network, read once: the countries' incomes, the
/// counted volumes at the crossings and the ports of entry they belong to.
public struct RegionFacts: Sendable {
    /// Countries in the layer's order (the first of a repeated code wins).
    public var incomes: [CountryIncome]
    /// Counted volumes by crossing id and field (`trucks_2024`, `personal_vehicles_2024`, ...),
    /// from the crossings layer's `*_2024` and `*_2023` fields.
    public var counts: [String: [String: Double]]
    /// Crossings with a port code (`bts_port_code`), each once, in the layer's order.
    public var ports: [PortOfEntry]

    /// US dollars per person by country code.
    public var gdpPerCapita: [String: Double] {
        Dictionary(incomes.map { ($0.code, $0.gdpPerCapitaUSD) }, uniquingKeysWith: { a, _ in a })
    }

    public init(incomes: [CountryIncome], counts: [String: [String: Double]], ports: [PortOfEntry]) {
        self.incomes = incomes
        self.counts = counts
        self.ports = ports
    }
}

extension Region {
    /// Reads the countries and crossings layers once for the region's facts.
    /// - Throws: GDAL errors, or `DataError.invalid` when the manifest lacks a layer.
    public func facts() throws -> RegionFacts {
        let countries = try layer("countries")
        let incomes = countries.features.compactMap { f -> CountryIncome? in
            guard let code = countries.value(f, "adm0_a3").stringValue else { return nil }
            return CountryIncome(code: code, gdpPerCapitaUSD: countries.value(f, "gdp_per_capita_usd").doubleValue ?? 0,
                                 incomeGroup: countries.value(f, "income_group").stringValue ?? "")
        }
        let crossings = try layer("crossings")
        var counts: [String: [String: Double]] = [:]
        var ports: [PortOfEntry] = []
        var seen = Set<PortOfEntry>()
        for f in crossings.features {
            guard let id = crossings.value(f, "crossing_id").stringValue else { continue }
            for field in crossings.fields where field.name.hasSuffix("_2024") || field.name.hasSuffix("_2023") {
                if let v = crossings.value(f, field.name).doubleValue { counts[id, default: [:]][field.name] = v }
            }
            if let code = crossings.value(f, "bts_port_code").stringValue {
                let border = [crossings.value(f, "country_a").stringValue ?? "", crossings.value(f, "country_b").stringValue ?? ""]
                    .sorted().joined(separator: "-")
                let port = PortOfEntry(crossingId: id, code: code, name: crossings.value(f, "name").stringValue ?? id, border: border)
                if seen.insert(port).inserted { ports.append(port) }
            }
        }
        return RegionFacts(incomes: incomes, counts: counts, ports: ports)
    }
}
