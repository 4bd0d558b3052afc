/// A region as `corridor regions --json` lists it.
public struct RegionEntry: Encodable, Sendable {
    public var name, title, metricCRS: String
    public var countries: [String]
    /// Features per layer.
    public var layers: [String: Int]
    public var corridors: [String]
    public var scenarios: [String]
    public var regimes: [IntegrationRegime]

    /// The entry of a region.
    public init(_ r: Region) {
        let m = r.manifest
        name = r.name
        title = m.title
        metricCRS = m.metricCRS
        countries = m.countries
        layers = m.layers.mapValues(\.features)
        corridors = m.corridors.map(\.id)
        scenarios = m.scenarios.map(\.id)
        regimes = m.regimes ?? []
    }
}
