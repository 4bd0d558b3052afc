import CorridorGeo
import Foundation

/// Places crossings on the real geometry: where a line of the crossing's mode meets the border
/// between its two countries, searched within a radius of the curated or BTS position.
final class CrossingLocator {
    let area: RegionArea
    let geos: GEOSContext
    let radiusMeters: Double
    let log: (String) -> Void
    /// "AAA-BBB" (sorted) -> the border line between the two countries.
    private var borders: [String: Geometry] = [:]
    private var lines: [String: (layer: VectorLayerData, envelopes: [Envelope])] = [:]

    static let fields: [FieldDefinition] = [
        FieldDefinition("crossing_id", .string), FieldDefinition("name", .string), FieldDefinition("country_a", .string),
        FieldDefinition("country_b", .string), FieldDefinition("mode", .string), FieldDefinition("status", .string),
        FieldDefinition("delay_minutes", .real), FieldDefinition("delay_source", .string), FieldDefinition("located_by", .string),
        FieldDefinition("offset_km", .real), FieldDefinition("note", .string), FieldDefinition("bts_port_code", .string),
        FieldDefinition("gauge_change_minutes", .real), FieldDefinition("gauge_change", .string),
        FieldDefinition("port_area_km", .real), FieldDefinition("port_area_source", .string),
    ] + CrossingLocator.volumeMeasures.flatMap { m in ["2023", "2024"].map { FieldDefinition("\(m)_\($0)", .integer) } }

    /// BTS measures carried as annual volumes (latest full year and the one before).
    static let volumeMeasures = [
        "trucks", "truck_containers_loaded", "truck_containers_empty", "trains", "rail_containers_loaded",
        "rail_containers_empty", "train_passengers", "personal_vehicles", "personal_vehicle_passengers", "buses",
        "bus_passengers", "pedestrians",
    ]

    init(area: RegionArea, borders: VectorLayerData, lines: [String: VectorLayerData], radiusKilometers: Double,
         geos: GEOSContext, log: @escaping (String) -> Void) throws {
        self.area = area
        self.geos = geos
        self.radiusMeters = radiusKilometers * 1000
        self.log = log
        var parts: [String: [[Coordinate]]] = [:]
        for f in borders.features {
            let key = "\(borders.value(f, "country_a"))-\(borders.value(f, "country_b"))"
            parts[key, default: []].append(contentsOf: f.shape?.lineParts ?? [])
        }
        for (k, p) in parts { self.borders[k] = try geos.geometry(.multiLineString(p)) }
        for (mode, layer) in lines {
            self.lines[mode] = (layer, layer.features.map { $0.shape?.envelope ?? Envelope(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan) })
        }
    }

    struct Location {
        var point: Coordinate
        var method: String
        var offsetMeters: Double
    }

    /// Where a crossing of `mode` between `countries` near `hint` lies.
    func locate(_ hint: Coordinate, mode: Mode, countries: [String], radiusMeters override: Double? = nil) throws -> Location? {
        let radiusMeters = override ?? self.radiusMeters
        let key = countries.sorted().joined(separator: "-")
        guard let border = borders[key] else { return nil }
        let dLat = radiusMeters / 111_000, dLon = dLat / max(0.1, cos(hint.lat * .pi / 180))
        let window = Envelope(minX: hint.lon - dLon, minY: hint.lat - dLat, maxX: hint.lon + dLon, maxY: hint.lat + dLat)
        var candidates: [Geometry] = []
        if let (layer, envelopes) = lines[mode.rawValue] {
            for (i, e) in envelopes.enumerated() where e.intersects(window) {
                candidates.append(try geos.geometry(layer.features[i].shape!))
            }
        }
        // 1. A line of the mode meets the border.
        var best: Location?
        for line in candidates where try line.intersects(border) {
            for c in try line.intersection(border).shape().allCoordinates {
                let d = Geodesic.wgs84.distanceMeters(hint, c)
                if d <= radiusMeters, best == nil || d < best!.offsetMeters {
                    best = Location(point: c, method: "line meets border", offsetMeters: d)
                }
            }
        }
        if let best { return best }
        // 2. A line of the mode ends within 2 km of the border: the border point nearest it.
        var nearest: (Coordinate, Double)?
        for line in candidates {
            let (onLine, onBorder) = try line.nearestPoints(to: border)
            let gap = Geodesic.wgs84.distanceMeters(onLine, onBorder)
            if gap <= 2000, Geodesic.wgs84.distanceMeters(hint, onBorder) <= radiusMeters, nearest == nil || gap < nearest!.1 {
                nearest = (onBorder, gap)
            }
        }
        if let (c, _) = nearest {
            return Location(point: c, method: "line ends near border", offsetMeters: Geodesic.wgs84.distanceMeters(hint, c))
        }
        // 3. No line of the mode here (planned links): the border point nearest the hint.
        let (_, onBorder) = try geos.point(hint).nearestPoints(to: border)
        let d = Geodesic.wgs84.distanceMeters(hint, onBorder)
        // A curated position with its own radius stands where the boundary line does not reach
        // (Natural Earth's land boundary stops short of estuaries the country polygons divide).
        if override != nil && d > radiusMeters {
            return Location(point: hint, method: "curated position, no border line within reach", offsetMeters: 0)
        }
        guard d <= self.radiusMeters * 2 else { return nil }
        return Location(point: onBorder, method: "hint on border, no \(mode.rawValue) line", offsetMeters: d)
    }

    private func feature(_ n: Int, id: String, name: String, countries: [String], mode: Mode, status: CrossingStatus,
                         delay: Double, delaySource: String, at loc: Location, note: String?, port: String?,
                         volumes: [FieldValue], gauge: GaugeChangeSpec? = nil, area: (km: Double, source: String)? = nil) -> Feature {
        let pair = countries.sorted()
        return Feature(id: Int64(n), values: [
            .string(id), .string(name), .string(pair[0]), .string(pair[1]), .string(mode.rawValue), .string(status.rawValue),
            .real(delay), .string(delaySource), .string(loc.method), .real((loc.offsetMeters / 10).rounded() / 100),
            note.map(FieldValue.string) ?? .null, port.map(FieldValue.string) ?? .null,
            gauge.map { .real($0.minutes) } ?? .null, gauge.map { .string($0.label) } ?? .null,
            area.map { .real($0.km) } ?? .null, area.map { .string($0.source) } ?? .null,
        ] + volumes, shape: .point(loc.point))
    }

    private var noVolumes: [FieldValue] { Array(repeating: .null, count: Self.volumeMeasures.count * 2) }

    private func inRegion(_ countries: [String], _ hint: Coordinate) -> Bool {
        countries.allSatisfy { area.spec.countries.contains($0) } && area.spec.envelope.contains(hint)
    }

    /// Curated crossings (Northeast Asia, Korea) plus derived candidates not already curated.
    func curatedLayer(_ curated: CuratedCrossings, derived: VectorLayerData) throws -> VectorLayerData {
        var out: [Feature] = []
        var placed: [(Mode, Coordinate)] = []
        for c in curated.crossings ?? [] {
            for m in c.modes {
                let hint = Coordinate(lon: m.hint[0], lat: m.hint[1])
                guard inRegion(c.countries, hint) else { continue }
                guard let loc = try locate(hint, mode: m.mode, countries: c.countries,
                                           radiusMeters: m.searchRadiusKilometers.map { $0 * 1000 }) else {
                    throw DataError.invalid("crossing \(c.id) (\(m.mode.rawValue))", "no border between \(c.countries.joined(separator: " and ")) within reach of \(m.hint)")
                }
                var note = c.note
                if loc.method.hasPrefix("hint") || loc.method.hasPrefix("curated") {
                    if let why = m.missingGeometry {
                        let lead = loc.method.hasPrefix("curated") ? "Located at its curated position" : "No \(m.mode.rawValue) line in the sources"
                        note = [c.note, "\(lead): \(why)."].compactMap { $0 }.joined(separator: " ")
                    } else {
                        log("warning: crossing \(c.id) \(m.mode.rawValue): no \(m.mode.rawValue) line reaches the border near it")
                    }
                }
                placed.append((m.mode, loc.point))
                if let g = m.gaugeChange {
                    guard m.mode == .rail else { throw DataError.invalid("crossing \(c.id) (\(m.mode.rawValue))", "gaugeChange applies to rail crossings only") }
                    try g.validate("crossing \(c.id) (rail)")
                }
                out.append(feature(out.count, id: c.id, name: c.name, countries: c.countries, mode: m.mode, status: m.status,
                                   delay: m.delayMinutes, delaySource: m.delaySource, at: loc, note: note, port: nil, volumes: noVolumes,
                                   gauge: m.gaugeChange))
            }
        }
        for f in derived.features {
            guard case .point(let p) = f.shape, let mode = Mode(rawValue: derived.value(f, "mode").description) else { continue }
            let countries = [derived.value(f, "adm0_a3_l").description, derived.value(f, "adm0_a3_r").description]
            guard countries[0] != countries[1], inRegion(countries, p) else { continue }
            if placed.contains(where: { $0.0 == mode && Geodesic.wgs84.distanceMeters($0.1, p) < 5000 }) { continue }
            placed.append((mode, p))
            let place = derived.value(f, "nearest_place").description
            out.append(feature(out.count, id: "candidate-\(mode.rawValue)-\(f.id)", name: "Candidate \(mode.rawValue) crossing near \(place)",
                               countries: countries, mode: mode, status: .unverified, delay: 360,
                               delaySource: "assumption: customs, if confirmed and opened",
                               at: Location(point: p, method: "derived candidate", offsetMeters: 0),
                               note: "A \(mode.rawValue) line cuts the border here (../shared/data/derived); not proof of an open crossing.",
                               port: nil, volumes: noVolumes))
        }
        return VectorLayerData(name: "crossings", geometryKind: .point, crs: .wgs84, fields: Self.fields, features: out)
    }

    /// Every BTS land port as a crossing (road and/or rail by its recorded traffic), with its
    /// volumes, plus curated planned crossings.
    func northAmericaLayer(_ curated: CuratedCrossings, ports: VectorLayerData) throws -> VectorLayerData {
        var out: [Feature] = []
        let overrides = Dictionary((curated.overrides ?? []).map { ($0.portCode, $0) }, uniquingKeysWith: { a, _ in a })
        func defaultDelay(_ countries: [String], _ mode: Mode) -> CuratedCrossings.DefaultDelay? {
            curated.defaultDelays?.first { $0.border.sorted() == countries.sorted() && $0.mode == mode }
        }
        for f in ports.features {
            let code = ports.value(f, "port_code").description
            guard let lat = ports.value(f, "latitude").doubleValue, let lon = ports.value(f, "longitude").doubleValue else {
                throw DataError.invalid("bts_ports_of_entry.csv port \(code)", "no coordinates")
            }
            let border = ports.value(f, "border").description
            let countries = border.contains("Mexico") ? ["MEX", "USA"] : ["CAN", "USA"]
            let position = Coordinate(lon: lon, lat: lat)
            guard inRegion(countries, position) else { continue }
            let volumes: [FieldValue] = Self.volumeMeasures.flatMap { m in
                ["2023", "2024"].map { y in ports.value(f, "\(m)_\(y)").integerValue.map(FieldValue.integer) ?? .null }
            }
            func total(_ measures: [String]) -> Int64 {
                measures.reduce(0) { acc, m in acc + (ports.value(f, "\(m)_2023").integerValue ?? 0) + (ports.value(f, "\(m)_2024").integerValue ?? 0) }
            }
            var modes: [Mode] = []
            if total(["trucks", "personal_vehicles", "buses", "pedestrians"]) > 0 { modes.append(.road) }
            if total(["trains"]) > 0 { modes.append(.rail) }
            let active = !modes.isEmpty
            if modes.isEmpty { modes = [.road] }
            let override = overrides[code]
            let name = override?.name ?? "\(ports.value(f, "port_name")), \(ports.value(f, "state"))"
            let id = override?.id ?? "bts-\(code)"
            for mode in modes {
                let hint = override?.hints[mode.rawValue].map { Coordinate(lon: $0[0], lat: $0[1]) } ?? position
                guard let loc = try locate(hint, mode: mode, countries: countries) else {
                    // Ferry ports (Bar Harbor, Anacortes, Ketchikan ...) lie across water from the
                    // other country: kept at their BTS position as ferry crossings.
                    log("note: BTS port \(code) \(name): no land border within reach; kept as a ferry crossing")
                    let ferry = Location(point: position, method: "BTS position, no land border within reach", offsetMeters: 0)
                    out.append(feature(out.count, id: id, name: name, countries: countries, mode: .ferry, status: active ? .open : .closed,
                                       delay: defaultDelay(countries, .road)?.delayMinutes ?? 60,
                                       delaySource: "assumption: as the road default for this border", at: ferry,
                                       note: "ferry or water-side port", port: code, volumes: volumes))
                    break
                }
                guard let delay = defaultDelay(countries, mode) else {
                    throw DataError.invalid("Curation/crossings-north-america.json", "no default delay for \(countries) \(mode.rawValue)")
                }
                if let km = override?.areaKilometers, !(km.isFinite && km > 0 && km <= 100) || override?.areaSource == nil {
                    throw DataError.invalid("Curation/crossings-north-america.json: override \(code)", "areaKilometers \(km) must be in (0, 100] with an areaSource")
                }
                out.append(feature(out.count, id: id, name: name, countries: countries, mode: mode, status: active ? .open : .closed,
                                   delay: delay.delayMinutes, delaySource: delay.delaySource, at: loc,
                                   note: active ? nil : "no traffic recorded in 2023-2024", port: code, volumes: volumes,
                                   area: override?.areaKilometers.map { ($0, override?.areaSource ?? "") }))
            }
        }
        for c in curated.planned ?? [] {
            for m in c.modes {
                let hint = Coordinate(lon: m.hint[0], lat: m.hint[1])
                guard inRegion(c.countries, hint), let loc = try locate(hint, mode: m.mode, countries: c.countries,
                                                                  radiusMeters: m.searchRadiusKilometers.map { $0 * 1000 }) else { continue }
                out.append(feature(out.count, id: c.id, name: c.name, countries: c.countries, mode: m.mode, status: m.status,
                                   delay: m.delayMinutes, delaySource: m.delaySource, at: loc, note: c.note, port: nil, volumes: noVolumes))
            }
        }
        return VectorLayerData(name: "crossings", geometryKind: .point, crs: .wgs84, fields: Self.fields, features: out)
    }
}
