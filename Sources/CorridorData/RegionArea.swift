import CorridorGeo
import Foundation

/// A region's land area, country by country, and the clipping and filtering of source layers
/// to it. A country restricted to some admin-1 units (China in Northeast Asia) keeps the
/// Natural Earth 10m outline on its external borders and is cut inland by those units.
final class RegionArea {
    let spec: RegionSpec
    let geos: GEOSContext
    let box: Geometry
    /// Country code -> clipped area (Natural Earth 10m precision at external borders).
    private(set) var countryShapes: [(code: String, shape: Shape, attributes: [FieldValue])] = []
    private var prepared: [(code: String, geometry: PreparedGeometry, envelope: Envelope)] = []
    private let admin1Source: VectorLayerData
    private let boundaryLines: VectorLayerData
    /// ISO 3166 alpha-2 -> Natural Earth ADM0_A3, for every country in the source table.
    let alpha3ByAlpha2: [String: String]

    /// Degrees within which a feature counts as touching the area (about 1-2 km).
    static let touchDegrees = 0.015
    /// Degrees within which a place or port counts as on its country's coast (about 5-10 km):
    /// harbour-side points often fall just outside the 10m coastline.
    static let coastDegrees = 0.08

    init(spec: RegionSpec, importer: GeoDataImporter, geos: GEOSContext) throws {
        self.spec = spec
        self.geos = geos
        let e = spec.envelope
        box = try geos.geometry(.polygon([[
            Coordinate(x: e.minX, y: e.minY), Coordinate(x: e.maxX, y: e.minY), Coordinate(x: e.maxX, y: e.maxY),
            Coordinate(x: e.minX, y: e.maxY), Coordinate(x: e.minX, y: e.minY),
        ]]))
        let countries = try importer.source("natural_earth/ne_10m_admin_0_countries.geojson.gz")
        admin1Source = try importer.source("natural_earth/ne_10m_admin_1_states_provinces_generalized.geojson.gz")
        boundaryLines = try importer.source("natural_earth/ne_10m_admin_0_boundary_lines_land.geojson")
        var a3: [String: String] = [:]
        for f in countries.features {
            let a2 = countries.value(f, "ISO_A2").description, code = countries.value(f, "ADM0_A3").description
            if a2.count == 2 { a3[a2] = code }
        }
        alpha3ByAlpha2 = a3

        for code in spec.countries {
            guard let f = countries.features.first(where: { countries.value($0, "ADM0_A3").description == code }),
                  let shape = f.shape else {
                throw DataError.invalid("Curation/\(spec.region).json", "country \(code) is not in Natural Earth")
            }
            var g = try geos.geometry(shape, context: "country \(code)").intersection(box)
            if let units = spec.admin1?[code] {
                let parts = try admin1Source.features.filter {
                    admin1Source.value($0, "adm0_a3").description == code && units.contains(admin1Source.value($0, "name").description)
                }.map { try geos.geometry($0.shape!, context: "admin-1 \(code)") }
                guard parts.count == units.count else {
                    throw DataError.invalid("Curation/\(spec.region).json", "admin1 for \(code): found \(parts.count) of \(units.count) units")
                }
                var union = parts[0]
                for p in parts.dropFirst() { union = try union.union(p) }
                // Buffer so the generalised provinces cover the 10m external border.
                g = try g.intersection(union.buffer(0.1))
            }
            let polygonal = try Self.polygonal(g.shape())
            let pop = countries.value(f, "POP_EST").doubleValue ?? 0, gdp = countries.value(f, "GDP_MD").doubleValue ?? 0
            countryShapes.append((code, polygonal, [
                .string(code), countries.value(f, "NAME"), .integer(Int64(pop)), .real(gdp),
                pop > 0 ? .real((gdp * 1e6 / pop).rounded()) : .null, countries.value(f, "INCOME_GRP"),
            ]))
            let pg = try geos.geometry(polygonal).prepared()
            prepared.append((code, pg, polygonal.envelope ?? spec.envelope))
        }
    }

    /// Only the polygons of a shape (overlay results may carry stray lines or points).
    static func polygonal(_ s: Shape) -> Shape {
        switch s {
        case .polygon, .multiPolygon: return s
        case .collection(let parts):
            var polys: [[[Coordinate]]] = []
            for p in parts {
                if case .polygon(let r) = p { polys.append(r) }
                if case .multiPolygon(let m) = p { polys.append(contentsOf: m) }
            }
            return .multiPolygon(polys)
        default: return .multiPolygon([])
        }
    }

    /// The first region country whose area lies within `touchDegrees` of the geometry, or nil.
    func country(touching g: Geometry, envelope: Envelope, preferring preferred: String? = nil) throws -> String? {
        let near = envelope.expanded(by: Self.touchDegrees)
        if let preferred, let p = prepared.first(where: { $0.code == preferred }) {
            guard p.envelope.intersects(near) else { return nil }
            return try p.geometry.isWithinDistance(g, Self.touchDegrees) ? preferred : nil
        }
        for p in prepared where p.envelope.intersects(near) {
            if try p.geometry.isWithinDistance(g, Self.touchDegrees) { return p.code }
        }
        return nil
    }

    func country(at c: Coordinate, preferring preferred: String? = nil, tolerance: Double = touchDegrees) throws -> String? {
        let point = try geos.point(c)
        if let preferred {
            guard let p = prepared.first(where: { $0.code == preferred }) else { return nil }
            return try p.geometry.isWithinDistance(point, tolerance) ? preferred : nil
        }
        for p in prepared where p.envelope.expanded(by: tolerance).contains(c) {
            if try p.geometry.covers(c) { return p.code }
        }
        if tolerance > 0 {
            for p in prepared where p.envelope.expanded(by: tolerance).contains(c) {
                if try p.geometry.isWithinDistance(point, tolerance) { return p.code }
            }
        }
        return nil
    }

    // MARK: Layers

    func countriesLayer() throws -> VectorLayerData {
        VectorLayerData(name: "countries", geometryKind: .multiPolygon, crs: .wgs84, fields: [
            FieldDefinition("adm0_a3", .string), FieldDefinition("name", .string), FieldDefinition("pop_est", .integer),
            FieldDefinition("gdp_md", .real), FieldDefinition("gdp_per_capita_usd", .real), FieldDefinition("income_group", .string),
        ], features: countryShapes.enumerated().map { Feature(id: Int64($0.offset), values: $0.element.attributes, shape: $0.element.shape) })
    }

    func admin1Layer() throws -> VectorLayerData {
        var out: [Feature] = []
        for f in admin1Source.features {
            let code = admin1Source.value(f, "adm0_a3").description, name = admin1Source.value(f, "name").description
            guard spec.countries.contains(code), let shape = f.shape else { continue }
            if let units = spec.admin1?[code], !units.contains(name) { continue }
            guard let env = shape.envelope, env.intersects(spec.envelope) else { continue }
            let clipped = Self.polygonal(try geos.geometry(shape).intersection(box).shape())
            if clipped.isEmpty { continue }
            out.append(Feature(id: Int64(out.count), values: [.string(code), .string(name), admin1Source.value(f, "gn_name"), admin1Source.value(f, "iso_a2")], shape: clipped))
        }
        return VectorLayerData(name: "admin1", geometryKind: .multiPolygon, crs: .wgs84, fields: [
            FieldDefinition("adm0_a3", .string), FieldDefinition("name", .string), FieldDefinition("gn_name", .string), FieldDefinition("iso_a2", .string),
        ], features: out)
    }

    func bordersLayer() throws -> VectorLayerData {
        let lines = boundaryLines
        var out: [Feature] = []
        for f in lines.features {
            let l = lines.value(f, "adm0_a3_l").description, r = lines.value(f, "adm0_a3_r").description
            guard l != r, spec.countries.contains(l), spec.countries.contains(r), let shape = f.shape else { continue }
            guard let env = shape.envelope, env.intersects(spec.envelope) else { continue }
            let clipped = try geos.geometry(shape).intersection(box).shape()
            guard let parts = Self.lineParts(clipped), !parts.isEmpty else { continue }
            let pair = [l, r].sorted()
            out.append(Feature(id: Int64(out.count), values: [.string(pair[0]), .string(pair[1]), lines.value(f, "featurecla")], shape: .multiLineString(parts)))
        }
        return VectorLayerData(name: "borders", geometryKind: .multiLineString, crs: .wgs84, fields: [
            FieldDefinition("country_a", .string), FieldDefinition("country_b", .string), FieldDefinition("kind", .string),
        ], features: out)
    }

    static func lineParts(_ s: Shape) -> [[Coordinate]]? {
        switch s {
        case .lineString(let l): return [l]
        case .multiLineString(let ls): return ls
        case .collection(let parts): return parts.flatMap { lineParts($0) ?? [] }
        default: return nil
        }
    }

    /// Segments of a line source that touch the region's area, whole (not cut), with their
    /// source id and length.
    func linesLayer(_ name: String, from source: VectorLayerData) throws -> VectorLayerData {
        var out: [Feature] = []
        let bbox = spec.envelope.expanded(by: Self.touchDegrees)
        for f in source.features {
            guard let shape = f.shape, let env = shape.envelope, env.intersects(bbox) else { continue }
            guard shape.lineParts != nil else {
                throw DataError.invalid("\(name) source feature \(f.id)", "expected a line, got \(shape.kind)")
            }
            // Fast path: a vertex inside a country; else the (slower) distance test.
            if try country(at: shape.allCoordinates[0], tolerance: 0) == nil {
                let g = try geos.geometry(shape)
                guard try country(touching: g, envelope: env) != nil else { continue }
            }
            out.append(Feature(id: Int64(out.count), values: [.integer(source.value(f, "id").integerValue ?? f.id), source.value(f, "length_km"), .null], shape: shape))
        }
        return VectorLayerData(name: name, geometryKind: .lineString, crs: .wgs84, fields: [
            FieldDefinition("id", .integer), FieldDefinition("length_km", .real), FieldDefinition("repair", .string),
        ], features: out)
    }

    /// The layer with the region's repairs of its mode appended (field `repair` = the repair's
    /// id), each end moved onto the exact vertex it names.
    /// - Throws: `DataError.invalid` naming the repair when an end is not within 5 m of a
    ///   vertex of the layer, or the line has fewer than two positions.
    static func withRepairs(_ layer: VectorLayerData, _ repairs: [LineRepair], context: String) throws -> VectorLayerData {
        guard !repairs.isEmpty else { return layer }
        var vertices: [Coordinate] = []
        for f in layer.features { vertices += f.shape?.allCoordinates ?? [] }
        var out = layer
        var nextId = (layer.features.compactMap { layer.value($0, "id").integerValue }.max() ?? 0) + 1
        for r in repairs {
            let label = "\(context): repair \(r.id)"
            guard r.line.count >= 2, r.line.allSatisfy({ $0.count == 2 && $0[0].isFinite && $0[1].isFinite }) else {
                throw DataError.invalid(label, "line needs two or more [lon, lat] positions")
            }
            var coords = r.line.map { Coordinate(lon: $0[0], lat: $0[1]) }
            for k in [0, coords.count - 1] {
                let c = coords[k]
                guard let (v, d) = vertices.lazy.map({ ($0, Geodesic.wgs84.distanceMeters($0, c)) }).min(by: { $0.1 < $1.1 }), d <= 5 else {
                    throw DataError.invalid(label, "end (\(c.lon), \(c.lat)) is not on a vertex of the \(r.mode.rawValue) lines (within 5 m)")
                }
                coords[k] = v
            }
            let km = Geodesic.wgs84.lengthMeters(of: coords) / 1000
            out.features.append(Feature(id: Int64(out.features.count), values: [.integer(nextId), .real((km * 1000).rounded() / 1000), .string(r.id)],
                                        shape: .lineString(coords)))
            nextId += 1
        }
        return out
    }

    func seaLanesLayer(from source: VectorLayerData) throws -> VectorLayerData {
        let near = spec.envelope.expanded(by: 1)
        var out: [Feature] = []
        for f in source.features {
            guard let shape = f.shape, let env = shape.envelope, env.intersects(near) else { continue }
            // Lanes touching the antimeridian carry a ±180 vertex; keep those whose vertices
            // lie in the widened box, so no lane wraps the globe.
            guard shape.allCoordinates.contains(where: { near.contains($0) }) else { continue }
            out.append(Feature(id: Int64(out.count), values: [.integer(source.value(f, "id").integerValue ?? f.id), source.value(f, "length_km")], shape: shape))
        }
        return VectorLayerData(name: "sea_lanes", geometryKind: .lineString, crs: .wgs84, fields: [
            FieldDefinition("id", .integer), FieldDefinition("length_km", .real),
        ], features: out)
    }

    static let wpiCountries = ["United States": "USA", "Canada": "CAN", "Mexico": "MEX", "China": "CHN", "Russia": "RUS",
                               "Japan": "JPN", "South Korea": "KOR", "North Korea": "PRK", "Mongolia": "MNG"]

    func seaportsLayer(wpi: VectorLayerData, ne: VectorLayerData) throws -> VectorLayerData {
        let fields: [FieldDefinition] = [
            FieldDefinition("port_id", .string), FieldDefinition("name", .string), FieldDefinition("adm0_a3", .string),
            FieldDefinition("unlocode", .string), FieldDefinition("harbor_size", .string), FieldDefinition("harbor_type", .string),
            FieldDefinition("channel_depth_m", .real), FieldDefinition("cargo_pier_depth_m", .real),
            FieldDefinition("max_vessel_length_m", .real), FieldDefinition("container", .string), FieldDefinition("rail", .string),
            FieldDefinition("ne_scalerank", .integer), FieldDefinition("source", .string),
        ]
        let nePorts: [(Coordinate, FieldValue, String)] = ne.features.compactMap { f in
            guard case .point(let c) = f.shape, spec.envelope.expanded(by: 0.2).contains(c) else { return nil }
            return (c, ne.value(f, "scalerank"), ne.value(f, "name").description)
        }
        var matchedNE = Set<Int>()
        var out: [Feature] = []
        func clean(_ v: FieldValue) -> FieldValue {
            let s = v.description.trimmingCharacters(in: .whitespaces)
            return s.isEmpty ? .null : .string(s)
        }
        func depth(_ v: FieldValue) -> FieldValue {
            guard let d = v.doubleValue, d > 0 else { return .null }
            return .real(d)
        }
        for f in wpi.features {
            guard case .point(let c) = f.shape, let code = Self.wpiCountries[wpi.value(f, "Country Code").description],
                  spec.countries.contains(code), spec.envelope.contains(c),
                  try country(at: c, preferring: code, tolerance: Self.coastDegrees) != nil else { continue }
            // The nearest Natural Earth port within 10 km lends its scale rank.
            var best: (Int, Double)?
            for (i, p) in nePorts.enumerated() {
                let d = Geodesic.wgs84.distanceMeters(c, p.0)
                if d <= 10_000, best == nil || d < best!.1 { best = (i, d) }
            }
            if let b = best { matchedNE.insert(b.0) }
            let number = wpi.value(f, "World Port Index Number").doubleValue.map { String(Int($0)) } ?? String(f.id)
            out.append(Feature(id: Int64(out.count), values: [
                .string("wpi:\(number)"), wpi.value(f, "Main Port Name"), .string(code), clean(wpi.value(f, "UN/LOCODE")),
                clean(wpi.value(f, "Harbor Size")), clean(wpi.value(f, "Harbor Type")), depth(wpi.value(f, "Channel Depth (m)")),
                depth(wpi.value(f, "Cargo Pier Depth (m)")), depth(wpi.value(f, "Maximum Vessel Length (m)")),
                clean(wpi.value(f, "Facilities - Container")), clean(wpi.value(f, "Communications - Rail")),
                best.map { nePorts[$0.0].1 } ?? .null, .string("WPI"),
            ], shape: .point(c)))
        }
        for (i, p) in nePorts.enumerated() where !matchedNE.contains(i) {
            guard let code = try country(at: p.0, tolerance: Self.coastDegrees) else { continue }
            out.append(Feature(id: Int64(out.count), values: [
                .string("ne:\(i)"), .string(p.2), .string(code), .null, .null, .null, .null, .null, .null, .null, .null, p.1, .string("Natural Earth"),
            ], shape: .point(p.0)))
        }
        return VectorLayerData(name: "seaports", geometryKind: .point, crs: .wgs84, fields: fields, features: out)
    }

    /// The capital level Natural Earth gives a populated place: "country" for an Admin-0
    /// capital, "admin1" for an Admin-1 (region) capital, "" otherwise.
    static func capitalLevel(_ featureClass: String) -> String {
        switch featureClass {
        case "Admin-0 capital": return "country"
        case "Admin-1 capital", "Admin-1 region capital": return "admin1"
        default: return ""
        }
    }

    func placesLayer(geonames: VectorLayerData, ne: VectorLayerData, supplement: PlaceSupplement) throws -> VectorLayerData {
        var out: [Feature] = []
        var seen: [String: [Coordinate]] = [:]   // name key -> positions taken
        var geonameIds = Set<Int64>()
        // Capitals from Natural Earth, found for GeoNames places by geonameid, else by name
        // within 10 km (the rule that also merges the two sources), and always in the same
        // country: Natural Earth gives Montevideo (Uruguay) the geonameid of Montevideo, Minnesota.
        var capitalByGeonameId: [Int64: (String, String)] = [:]
        var capitalsByName: [String: [(Coordinate, String, String)]] = [:]
        for f in ne.features {
            let level = Self.capitalLevel(ne.value(f, "featurecla").description)
            guard !level.isEmpty, case .point(let c) = f.shape else { continue }
            let country = ne.value(f, "adm0_a3").description
            if let gid = ne.value(f, "geonameid").integerValue, gid > 0 { capitalByGeonameId[gid] = (level, country) }
            capitalsByName[PlaceName.key(ne.value(f, "name").description), default: []].append((c, level, country))
        }
        func capital(name: String, country: String, at c: Coordinate, geonameId: Int64?) -> String {
            if let gid = geonameId, let (level, code) = capitalByGeonameId[gid], code == country { return level }
            return capitalsByName[PlaceName.key(name)]?.first { $0.2 == country && Geodesic.wgs84.distanceMeters($0.0, c) < 10_000 }?.1 ?? ""
        }
        func add(_ id: String, _ name: String, _ code: String, _ admin1: FieldValue, _ pop: Int64, _ source: String,
                 _ c: Coordinate, capital: String) {
            let key = PlaceName.key(name)
            seen[key, default: []].append(c)
            out.append(Feature(id: Int64(out.count), values: [
                .string(id), .string(name), .string(key), .string(code), admin1, .integer(pop), .string(capital), .string(source),
            ], shape: .point(c)))
        }
        for f in geonames.features {
            guard let lat = geonames.value(f, "latitude").doubleValue, let lon = geonames.value(f, "longitude").doubleValue,
                  let code = alpha3ByAlpha2[geonames.value(f, "countrycode").description], spec.countries.contains(code) else { continue }
            let c = Coordinate(lon: lon, lat: lat)
            guard spec.envelope.contains(c), try country(at: c, preferring: code, tolerance: Self.coastDegrees) != nil else { continue }
            let gid = geonames.value(f, "geonameid").integerValue ?? f.id
            geonameIds.insert(gid)
            let name = geonames.value(f, "name").description
            add("gn:\(gid)", name, code, geonames.value(f, "admin1code"),
                geonames.value(f, "population").integerValue ?? 0, "GeoNames", c, capital: capital(name: name, country: code, at: c, geonameId: gid))
        }
        for f in ne.features {
            guard case .point(let c) = f.shape, spec.envelope.contains(c) else { continue }
            let code = ne.value(f, "adm0_a3").description
            guard spec.countries.contains(code), try country(at: c, preferring: code, tolerance: Self.coastDegrees) != nil else { continue }
            if let gid = ne.value(f, "geonameid").integerValue, geonameIds.contains(gid) { continue }
            let name = ne.value(f, "name").description
            if (seen[PlaceName.key(name)] ?? []).contains(where: { Geodesic.wgs84.distanceMeters($0, c) < 10_000 }) { continue }
            add("ne:\(f.id)", name, code, ne.value(f, "adm1name"), ne.value(f, "pop_max").integerValue ?? 0, "Natural Earth", c,
                capital: Self.capitalLevel(ne.value(f, "featurecla").description))
        }
        for p in supplement.places {
            let c = Coordinate(lon: p.lon, lat: p.lat)
            guard spec.countries.contains(p.country), spec.envelope.contains(c) else { continue }
            add("cur:\(PlaceName.key(p.name))", p.name, p.country, .null, 0, "Curation/places-supplement.json", c, capital: "")
        }
        return VectorLayerData(name: "places", geometryKind: .point, crs: .wgs84, fields: [
            FieldDefinition("place_id", .string), FieldDefinition("name", .string), FieldDefinition("name_key", .string),
            FieldDefinition("adm0_a3", .string), FieldDefinition("admin1", .string), FieldDefinition("population", .integer),
            FieldDefinition("capital", .string), FieldDefinition("source", .string),
        ], features: out)
    }
}
