import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// The border-zone inventory of the cross-border literature: the band of N km on each side
/// of a border (100 km is the US–Mexico La Paz Agreement border area) and what lies in it,
/// with how densely the border is crossed and where the gaps are.
public struct BorderZoneInventory: Sendable, Codable {
    public struct Side: Sendable, Codable, Hashable {
        public var country: String
        /// Band area in the metric CRS (true area when that CRS is equal-area).
        public var areaSquareKilometers: Double
        public var places: Int
        public var population: Double
        public var seaports: Int
        /// Kilometres of line inside the band by mode (geodesic lengths).
        public var kilometersByMode: [String: Double]
    }

    /// A stretch of border between two consecutive open crossings (or a crossing and an end of
    /// a border line), measured along the border.
    public struct Gap: Sendable, Codable, Hashable {
        public var from: String
        public var to: String
        public var kilometers: Double
        /// One side of the stretch is the end of a border line, not a crossing.
        public var atBorderEnd: Bool
        /// The middle of the stretch.
        public var lon: Double
        public var lat: Double
    }

    public struct CrossingPoint: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var modes: [String]
        public var status: String
        public var lon: Double
        public var lat: Double
        /// Distance along its border line, km.
        public var kilometersAlongBorder: Double
    }

    public var border: String
    public var widthKilometers: Double
    public var metricCRS: String
    /// Border length in the metric CRS, km.
    public var borderKilometers: Double
    public var borderParts: Int
    /// Crossing locations (one per crossing id, any mode) by status.
    public var crossingsByStatus: [String: Int]
    public var openCrossings: Int
    public var openCrossingsPer100Kilometers: Double
    /// Mean of the gaps between consecutive open crossings (border ends excluded).
    public var meanGapKilometers: Double?
    public var largestGap: Gap?
    /// Every gap, longest first (border-end stretches included and flagged).
    public var gaps: [Gap]
    public var reachKilometers: Double
    /// Share of the border's length farther than `reachKilometers` (straight line) from any
    /// open crossing.
    public var shareBeyondReach: Double
    public var sides: [Side]
    public var crossings: [CrossingPoint]
    /// The development levels of the two sides, when the countries layer gives them.
    public var dyad: Dyad?
    /// The band on each side (in `sides` order) in longitude/latitude, for maps and layers.
    public var bands: [Shape] = []

    enum CodingKeys: String, CodingKey {
        case border, widthKilometers, metricCRS, borderKilometers, borderParts, crossingsByStatus, openCrossings
        case openCrossingsPer100Kilometers, meanGapKilometers, largestGap, gaps, reachKilometers, shareBeyondReach, sides, crossings, dyad
    }

    /// A border pair classed by the development level of its two sides (the literature's
    /// dyads: a rich–poor border behaves unlike a rich–rich one).
    public struct Dyad: Sendable, Codable, Hashable {
        /// Per side, in `sides` order: the Natural Earth income group (e.g. "1. High income:
        /// OECD") and GDP per capita in US dollars.
        public var incomeGroups: [String]
        public var gdpPerCapita: [Double]
        /// E.g. "high–upper middle": the two levels, richer first.
        public var dyadClass: String
        /// Richer side's GDP per capita over the poorer's.
        public var asymmetry: Double
    }
}

/// Border-zone inventories from a network and the layers it was built from: the band on each
/// side of a border, what lies in it, and where along the border the open crossings and the
/// gaps between them are (see `BorderZoneInventory`).
public enum BorderZone {
    /// The inventories of the borders named (e.g. "USA-MEX"; every border of the borders
    /// layer when empty), from a network's input layers (borders with `country_a` and
    /// `country_b`, countries with `adm0_a3` or `iso_a3`).
    /// - Throws: `DataError.invalid` naming the layer when a layer is missing or a border is
    ///   not in it.
    public static func inventories(network: TransportNetwork, inputs: NetworkInputs, borders wanted: [String] = [], metricCRS: CRS,
                                   widthKilometers: Double, reachKilometers: Double = 50,
                                   progress: (String) -> Void = { _ in }) throws -> [BorderZoneInventory] {
        guard let borders = inputs.layers[.borders], let countries = inputs.layers[.countries] else {
            throw DataError.invalid("border zone", "needs the borders and countries layers")
        }
        var lines: [String: [Shape]] = [:]
        for f in borders.data.features {
            guard let a = borders.data.value(f, "country_a").stringValue, let b = borders.data.value(f, "country_b").stringValue, let s = f.shape else { continue }
            lines[key(a, b), default: []].append(s)
        }
        var shapes: [String: Shape] = [:], level: [String: (group: String, gdp: Double)] = [:]
        for f in countries.data.features {
            guard let code = countries.data.value(f, "adm0_a3").stringValue ?? countries.data.value(f, "iso_a3").stringValue else { continue }
            if let s = f.shape { shapes[code] = s }
            if let g = countries.data.value(f, "income_group").stringValue, let gdp = countries.data.value(f, "gdp_per_capita_usd").doubleValue, gdp > 0 {
                level[code] = (g, gdp)
            }
        }
        let keys = wanted.isEmpty ? lines.keys.sorted() : try wanted.map { w in
            let parts = w.uppercased().split(separator: "-").map(String.init)
            guard parts.count == 2 else { throw DataError.invalid(borders.label, "border '\(w)': give two country codes, e.g. USA-MEX") }
            return key(parts[0], parts[1])
        }
        return try keys.map { k in
            guard let l = lines[k] else {
                throw DataError.invalid(borders.label, "no border \(k) (have: \(lines.keys.sorted().joined(separator: ", ")))")
            }
            progress("border \(k)")
            let pair = k.split(separator: "-").map(String.init)
            var z = try inventory(network: network, countries: (pair[0], pair[1]), countryShapes: shapes, borderLines: l, metricCRS: metricCRS,
                                  widthKilometers: widthKilometers, reachKilometers: reachKilometers)
            if let x = level[pair[0]], let y = level[pair[1]] { z.dyad = dyad(x, y) }
            return z
        }
    }

    static func key(_ a: String, _ b: String) -> String { [a, b].sorted().joined(separator: "-") }

    /// The dyad of two sides from their income groups ("1. High income: OECD", "2. High
    /// income: nonOECD", "3. Upper middle income", "4. Lower middle income", "5. Low income")
    /// and GDP per capita.
    public static func dyad(_ a: (group: String, gdp: Double), _ b: (group: String, gdp: Double)) -> BorderZoneInventory.Dyad {
        func level(_ group: String) -> String {
            let g = group.lowercased()
            if g.contains("high") { return "high" }
            if g.contains("upper middle") { return "upper middle" }
            if g.contains("lower middle") { return "lower middle" }
            if g.contains("low") { return "low" }
            return "unknown"
        }
        let (rich, poor) = a.gdp >= b.gdp ? (a, b) : (b, a)
        return .init(incomeGroups: [a.group, b.group], gdpPerCapita: [a.gdp, b.gdp], dyadClass: "\(level(rich.group))–\(level(poor.group))",
                     asymmetry: rich.gdp / poor.gdp)
    }

    /// Border results grouped by dyad class: borders, kilometres, open crossings per 100 km.
    public struct DyadGroup: Sendable, Codable, Hashable {
        public var dyadClass: String
        public var borders: [String]
        public var borderKilometers: Double
        public var openCrossingsPer100Kilometers: Double
        public var meanAsymmetry: Double
    }

    public static func byDyadClass(_ zones: [BorderZoneInventory]) -> [DyadGroup] {
        Dictionary(grouping: zones.filter { $0.dyad != nil }, by: { $0.dyad!.dyadClass }).map { cls, zs in
            let km = zs.reduce(0) { $0 + $1.borderKilometers }
            return DyadGroup(dyadClass: cls, borders: zs.map(\.border).sorted(), borderKilometers: km,
                             openCrossingsPer100Kilometers: km > 0 ? Double(zs.reduce(0) { $0 + $1.openCrossings }) / (km / 100) : 0,
                             meanAsymmetry: zs.reduce(0) { $0 + $1.dyad!.asymmetry } / Double(zs.count))
        }.sorted { $0.dyadClass < $1.dyadClass }
    }

    /// - Parameters:
    ///   - network: the network whose places, seaports and line kilometres are counted in the
    ///     bands, and whose crossings between the two countries are placed along the border.
    ///   - countries: the two sides, e.g. ("MEX", "USA").
    ///   - countryShapes: the two countries' polygons (lon/lat).
    ///   - borderLines: the border between them (lon/lat lines).
    ///   - metricCRS: a projected CRS in metres for buffers, areas and lengths along the border.
    ///   - widthKilometers: band width on each side.
    ///   - reachKilometers: X in "share of the border with no open crossing within X km".
    /// - Throws: `DataError.invalid` when the border has no lines, or a GEOS/PROJ error.
    public static func inventory(network: TransportNetwork, countries: (String, String), countryShapes: [String: Shape],
                                 borderLines: [Shape], metricCRS: CRS, widthKilometers: Double,
                                 reachKilometers: Double = 50) throws -> BorderZoneInventory {
        let (a, b) = countries.0 < countries.1 ? countries : (countries.1, countries.0)
        let label = "border \(a)-\(b)"
        guard !borderLines.isEmpty else { throw DataError.invalid(label, "no border lines between \(a) and \(b)") }
        let geos = try GEOSContext()
        let toMetric = try CoordinateTransform(from: .wgs84, to: metricCRS)
        // The border as merged lines in metres.
        var merged = try geos.geometry(.multiLineString(borderLines.flatMap { shape -> [[Coordinate]] in
            switch shape {
            case .lineString(let cs): return [cs]
            case .multiLineString(let ls): return ls
            default: return []
            }
        }.map { try toMetric.forward($0) }), context: label)
        merged = try merged.lineMerged()
        let parts: [[Coordinate]]
        switch try merged.shape() {
        case .lineString(let cs): parts = [cs]
        case .multiLineString(let ls): parts = ls
        default: parts = []
        }
        guard !parts.isEmpty else { throw DataError.invalid(label, "the border lines are empty") }
        let borderMeters = parts.reduce(0) { $0 + Polyline.length($1) }

        // The band on each side: the border buffered, cut by each country.
        let buffered = try merged.buffer(widthKilometers * 1000, quadrantSegments: 16)
        var bands: [String: PreparedGeometry] = [:], bandGeometry: [String: Geometry] = [:]
        for c in [a, b] {
            guard let shape = countryShapes[c] else { throw DataError.invalid(label, "no polygon for country \(c)") }
            let country = try geos.geometry(try toMetric.forward(shape), context: "country \(c)").makeValid()
            let band = try buffered.intersection(country)
            bandGeometry[c] = band
            bands[c] = try band.prepared()
        }

        // Places, ports and line kilometres per side.
        var sides: [String: BorderZoneInventory.Side] = [:]
        for c in [a, b] {
            sides[c] = .init(country: c, areaSquareKilometers: try bandGeometry[c]!.planarArea() / 1e6, places: 0, population: 0, seaports: 0,
                             kilometersByMode: [:])
        }
        for p in network.places {
            let m = try toMetric.forward(network.coordinate(of: Int(p.node)))
            for c in [a, b] where try bands[c]!.covers(m) { sides[c]!.places += 1; sides[c]!.population += p.population }
        }
        for p in network.ports {
            let m = try toMetric.forward(network.coordinate(of: Int(p.node)))
            for c in [a, b] where try bands[c]!.covers(m) { sides[c]!.seaports += 1 }
        }
        let inPair = Set([a, b])
        for e in 0..<network.edgeCount where [.road, .rail, .ferry].contains(network.edgeMode[e]) {
            let ends = [network.country(of: Int(network.edgeTail[e])), network.country(of: Int(network.edgeHead[e]))]
            guard ends.contains(where: { $0.map(inPair.contains) ?? true }) else { continue }
            let shape = network.shape(of: e)
            let metric = try toMetric.forward(shape)
            let total = Polyline.length(metric)
            guard total > 0 else { continue }
            let line = try geos.geometry(.lineString(metric), context: "edge \(e)")
            for c in [a, b] where try bands[c]!.intersects(line) {
                let inside = try bands[c]!.contains(line) ? total : try bandGeometry[c]!.intersection(line).planarLength()
                let km = inside / total * Geodesic.wgs84.lengthMeters(of: shape) / 1000
                sides[c]!.kilometersByMode[network.edgeMode[e].rawValue, default: 0] += km
            }
        }

        // Crossing locations on this border, placed along it.
        var byId: [String: [NetworkCrossing]] = [:]
        for x in network.crossings where Set(x.countries) == inPair { byId[x.id, default: []].append(x) }
        let fromMetric = { (c: Coordinate) throws -> Coordinate in try toMetric.inverse(c) }
        var points: [(BorderZoneInventory.CrossingPoint, part: Int, along: Double, metric: Coordinate)] = []
        for (id, modes) in byId.sorted(by: { $0.key < $1.key }) {
            let open = modes.contains { $0.isOpen }
            let status = open ? "open" : (modes.map(\.status.rawValue).sorted().first ?? "closed")
            let m = try toMetric.forward(modes[0].position)
            let (part, along) = Polyline.locate(m, on: parts)
            points.append((.init(id: id, name: modes[0].name.isEmpty ? id : modes[0].name, modes: modes.map(\.mode.rawValue).sorted(), status: status,
                                 lon: modes[0].position.lon, lat: modes[0].position.lat, kilometersAlongBorder: along / 1000), part, along, m))
        }
        var statusCounts: [String: Int] = [:]
        for p in points { statusCounts[p.0.status, default: 0] += 1 }
        let open = points.filter { $0.0.status == "open" }

        // Gaps along each part between consecutive open crossings, and the end stretches.
        var gaps: [BorderZoneInventory.Gap] = []
        for (k, part) in parts.enumerated() {
            let length = Polyline.length(part)
            let here = open.filter { $0.part == k }.sorted { $0.along < $1.along }
            func gap(_ from: String, _ to: String, _ s0: Double, _ s1: Double, end: Bool) throws {
                guard s1 - s0 > 0 else { return }
                let mid = try fromMetric(Polyline.point(at: (s0 + s1) / 2, on: part))
                gaps.append(.init(from: from, to: to, kilometers: (s1 - s0) / 1000, atBorderEnd: end, lon: mid.lon, lat: mid.lat))
            }
            guard let first = here.first, let last = here.last else {
                try gap("border end", "border end", 0, length, end: true)
                continue
            }
            try gap("border end", first.0.name, 0, first.along, end: true)
            for (x, y) in zip(here, here.dropFirst()) { try gap(x.0.name, y.0.name, x.along, y.along, end: false) }
            try gap(last.0.name, "border end", last.along, length, end: true)
        }
        gaps.sort { ($0.kilometers, $1.from) > ($1.kilometers, $0.from) }
        let inner = gaps.filter { !$0.atBorderEnd }

        // Share of the border beyond reach of every open crossing, sampled every 250 m.
        let reach = reachKilometers * 1000
        var beyond = 0.0, sampled = 0.0
        for part in parts {
            let length = Polyline.length(part)
            let n = max(1, Int((length / 250).rounded(.up)))
            let step = length / Double(n)
            for i in 0..<n {
                let p = Polyline.point(at: (Double(i) + 0.5) * step, on: part)
                let near = open.contains { hypot($0.metric.lon - p.lon, $0.metric.lat - p.lat) <= reach }
                sampled += step
                if !near { beyond += step }
            }
        }
        let bandShapes = try [a, b].map { c -> Shape in
            let shape = try bandGeometry[c]!.shape()
            let lonLat = try CoordinateTransform(from: metricCRS, to: .wgs84).forward(shape)
            if case .polygon(let rings) = lonLat { return .multiPolygon([rings]) }
            return lonLat
        }
        return BorderZoneInventory(
            border: "\(a)-\(b)", widthKilometers: widthKilometers, metricCRS: metricCRS.definition, borderKilometers: borderMeters / 1000,
            borderParts: parts.count, crossingsByStatus: statusCounts, openCrossings: open.count,
            openCrossingsPer100Kilometers: borderMeters > 0 ? Double(open.count) / (borderMeters / 100_000) : 0,
            meanGapKilometers: inner.isEmpty ? nil : inner.reduce(0) { $0 + $1.kilometers } / Double(inner.count),
            largestGap: inner.first, gaps: gaps, reachKilometers: reachKilometers,
            shareBeyondReach: sampled > 0 ? beyond / sampled : 0,
            sides: [a, b].map { sides[$0]! }, crossings: points.map(\.0).sorted { ($0.kilometersAlongBorder, $0.id) < ($1.kilometersAlongBorder, $1.id) },
            bands: bandShapes)
    }
}

/// Planar polylines in metres (x in `lon`, y in `lat`): length, a point at a distance along,
/// and where a point projects.
enum Polyline {
    static func length(_ cs: [Coordinate]) -> Double {
        zip(cs, cs.dropFirst()).reduce(0) { $0 + hypot($1.1.lon - $1.0.lon, $1.1.lat - $1.0.lat) }
    }

    static func point(at s: Double, on cs: [Coordinate]) -> Coordinate {
        var left = s
        for (p, q) in zip(cs, cs.dropFirst()) {
            let l = hypot(q.lon - p.lon, q.lat - p.lat)
            if left <= l, l > 0 {
                let t = left / l
                return Coordinate(lon: p.lon + t * (q.lon - p.lon), lat: p.lat + t * (q.lat - p.lat))
            }
            left -= l
        }
        return cs.last!
    }

    /// The part nearest to `c` and the distance along it of the nearest point.
    static func locate(_ c: Coordinate, on parts: [[Coordinate]]) -> (part: Int, along: Double) {
        var best = (part: 0, along: 0.0, distance: Double.infinity)
        for (k, cs) in parts.enumerated() {
            var before = 0.0
            for (p, q) in zip(cs, cs.dropFirst()) {
                let dx = q.lon - p.lon, dy = q.lat - p.lat
                let l2 = dx * dx + dy * dy
                let t = l2 > 0 ? max(0, min(1, ((c.lon - p.lon) * dx + (c.lat - p.lat) * dy) / l2)) : 0
                let d = hypot(p.lon + t * dx - c.lon, p.lat + t * dy - c.lat)
                if d < best.distance { best = (k, before + t * l2.squareRoot(), d) }
                before += l2.squareRoot()
            }
        }
        return (best.part, best.along)
    }
}
