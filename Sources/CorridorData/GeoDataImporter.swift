import CorridorGeo
import Foundation

/// Builds GeoData/<region>/ from ../shared/data and Curation/: layers clipped to each region's
/// area as gzipped RFC 7946 GeoJSON, a manifest and an attribution file. Deterministic: the
/// same sources give byte-identical output. Each source file is read once per run.
public final class GeoDataImporter {
    public let sharedData: URL
    public let curation: URL
    private let log: (String) -> Void
    private let geos: GEOSContext
    private var cache: [String: VectorLayerData] = [:]

    /// - Parameters:
    ///   - sharedData: the ../shared/data folder.
    ///   - curation: the project's Curation/ folder.
    ///   - log: progress lines (the CLI sends them to stderr).
    public init(sharedData: URL, curation: URL, log: @escaping (String) -> Void = { _ in }) throws {
        self.sharedData = sharedData
        self.curation = curation
        self.log = log
        self.geos = try GEOSContext()
    }

    /// The regions that have a spec in Curation/, sorted.
    public func availableRegions() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: curation.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix("crossings-") && !$0.hasPrefix("places-") && !$0.hasPrefix("governance-") }
            .map { String($0.dropLast(5)) }.sorted()
    }

    /// Imports regions into `output` (GeoData/). Each region is written to a temporary folder
    /// and swapped into place only when complete.
    public func importRegions(_ regions: [String], into output: URL) throws -> [RegionManifest] {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        return try regions.map { try importRegion($0, into: output) }
    }

    // MARK: - Sources

    func source(_ relative: String) throws -> VectorLayerData {
        if let hit = cache[relative] { return hit }
        let path = sharedData.appendingPathComponent(relative).path
        log("reading \(relative)")
        let data = try VectorDataset(path: path).layer().readAll()
        cache[relative] = data
        return data
    }

    // MARK: - One region

    func importRegion(_ name: String, into output: URL) throws -> RegionManifest {
        let spec = try loadJSON(RegionSpec.self, curation.appendingPathComponent("\(name).json"))
        guard spec.region == name else {
            throw DataError.invalid("Curation/\(name).json", "region is '\(spec.region)', expected '\(name)'")
        }
        guard spec.bbox.count == 4, spec.bbox[0] < spec.bbox[2], spec.bbox[1] < spec.bbox[3] else {
            throw DataError.invalid("Curation/\(name).json", "bbox must be [minLon, minLat, maxLon, maxLat]")
        }
        log("region \(name)")
        let area = try RegionArea(spec: spec, importer: self, geos: geos)
        var layers: [String: VectorLayerData] = [:]
        var credits: [String: RegionManifest.LayerEntry] = [:]

        func add(_ kind: String, _ layer: VectorLayerData, source: String) {
            layers[kind] = layer
            credits[kind] = RegionManifest.LayerEntry(
                file: "\(kind).geojson.gz", features: layer.features.count,
                geometry: layer.geometryKind?.description ?? "None", source: source)
        }

        add("countries", try area.countriesLayer(), source: "Natural Earth 10m admin-0 countries")
        add("admin1", try area.admin1Layer(), source: "Natural Earth 10m admin-1 states/provinces (generalised)")
        let borders = try area.bordersLayer()
        add("borders", borders, source: "Natural Earth 10m admin-0 land boundary lines")
        guard let railSource = spec.sources["rail"], let roadSource = spec.sources["roads"] else {
            throw DataError.invalid("Curation/\(name).json", "sources needs 'rail' and 'roads'")
        }
        let repairs = spec.repairs ?? []
        if let bad = repairs.first(where: { $0.mode != .road && $0.mode != .rail }) {
            throw DataError.invalid("Curation/\(name).json: repair \(bad.id)", "mode \(bad.mode.rawValue): repairs are road or rail lines")
        }
        if let dup = Dictionary(grouping: repairs, by: \.id).filter({ $0.value.count > 1 }).keys.min() {  // the first in id order, in every process
            throw DataError.invalid("Curation/\(name).json", "repair \(dup) appears twice")
        }
        let rail = try RegionArea.withRepairs(area.linesLayer("rail", from: source(railSource)), repairs.filter { $0.mode == .rail },
                                              context: "Curation/\(name).json")
        add("rail", rail, source: railSource + (repairs.contains { $0.mode == .rail } ? " with curated repairs" : ""))
        let roads = try RegionArea.withRepairs(area.linesLayer("roads", from: source(roadSource)), repairs.filter { $0.mode == .road },
                                               context: "Curation/\(name).json")
        add("roads", roads, source: roadSource + (repairs.contains { $0.mode == .road } ? " with curated repairs" : ""))
        add("sea_lanes", try area.seaLanesLayer(from: source("sea_lanes/marnet_global.geojson.gz")),
            source: "sea_lanes/marnet_global.geojson.gz")
        add("seaports", try area.seaportsLayer(
            wpi: source("world_port_index/wpi_ports_core.geojson"), ne: source("natural_earth/ne_10m_ports.geojson")),
            source: "NGA World Port Index (Pub. 150) merged with Natural Earth 10m ports")
        let supplement = try loadJSON(PlaceSupplement.self, curation.appendingPathComponent("places-supplement.json"))
        let places = try area.placesLayer(
            geonames: source("geonames/geonames_cities5000_study_regions.csv"),
            ne: source("natural_earth/ne_10m_populated_places_simple.geojson"), supplement: supplement)
        add("places", places, source: "GeoNames cities5000, Natural Earth populated places, Curation/places-supplement.json")

        let crossingFile = spec.crossings
        let curated = try loadJSON(CuratedCrossings.self, curation.appendingPathComponent(crossingFile))
        let locator = try CrossingLocator(area: area, borders: borders, lines: ["rail": rail, "road": roads],
                                          radiusKilometers: curated.searchRadiusKilometers, geos: geos, log: log)
        let crossings: VectorLayerData
        if curated.defaultDelays != nil {
            crossings = try locator.northAmericaLayer(
                curated, ports: source("bts_border_crossings/bts_ports_of_entry.csv"))
        } else {
            crossings = try locator.curatedLayer(
                curated, derived: source("derived/neasia_border_crossings_derived.geojson"))
        }
        add("crossings", crossings, source: "Curation/\(crossingFile)" + (curated.defaultDelays != nil ? " with BTS Border Crossing Entry Data" : " with derived candidates"))

        let corridors = try spec.corridors.map { c in
            if let m = c.modes, m.isEmpty || m.contains(where: { ![.road, .rail, .sea, .ferry].contains($0) }) {
                throw DataError.invalid("\(name): corridor \(c.id)", "modes \(m.map(\.rawValue)) must be a non-empty list of road, rail, sea, ferry")
            }
            return RegionManifest.ResolvedCorridor(id: c.id, name: c.name, note: c.note, waypoints: try c.waypoints.map {
                try Self.resolve($0, in: places, aliases: supplement.aliases, context: "corridor \(c.id)")
            }, modes: c.modes)
        }
        try Self.checkScenarios(spec.scenarios, crossings: crossings, places: places, aliases: supplement.aliases)
        for r in spec.regimes ?? [] {
            let label = "\(name): regime \(r.name)"
            guard r.delayFactor.isFinite, r.delayFactor > 0, r.delayFactor <= 10 else { throw DataError.invalid(label, "delayFactor \(r.delayFactor) must be in (0, 10]") }
            let ordered = r.until.map({ r.from < $0 }) ?? true
            guard CalendarDay.isValid(r.from), r.until.map(CalendarDay.isValid) ?? true, ordered else {
                throw DataError.invalid(label, "from/until must be YYYY-MM-DD with from before until")
            }
            guard r.countries.count >= 2 else { throw DataError.invalid(label, "a regime needs at least two countries") }
        }

        for preset in spec.scenarios { try preset.cost?.validate("\(name): preset \(preset.id)") }
        if let a = spec.appraisal { try a.validate(name) }
        if let f = spec.flows {
            try f.validate(name)
            let ids = Set(crossings.features.compactMap { crossings.value($0, "crossing_id").stringValue })
            for c in f.crossingCapacities ?? [] where !ids.contains(c.crossing) {
                throw DataError.invalid("\(name): flows crossingCapacities", "no crossing '\(c.crossing)' in the region")
            }
        }

        var governance: GovernanceSpec?
        if let file = spec.governance {
            let path = curation.appendingPathComponent(file).path
            let g = try GovernanceSpec.load(path: path)
            try Self.checkGovernance(g, file: "Curation/\(file)", crossings: crossings, curated: ((curated.crossings ?? []) + (curated.planned ?? [])).map(\.id))
            governance = g
        }

        var statusCounts: [String: Int] = [:]
        for f in crossings.features { statusCounts[crossings.value(f, "status").description, default: 0] += 1 }

        let manifest = RegionManifest(
            region: spec.region, title: spec.title, description: spec.description, bbox: spec.bbox,
            bboxNote: spec.bboxNote, countries: spec.countries, admin1: spec.admin1, metricCRS: spec.metricCRS,
            metricCRSNote: spec.metricCRSNote, layers: credits, snapToleranceMeters: spec.snapToleranceMeters,
            snapToleranceNote: spec.snapToleranceNote, speeds: spec.speeds, transfers: spec.transfers,
            corridors: corridors, repairs: spec.repairs, scenarios: spec.scenarios, regimes: spec.regimes, appraisal: spec.appraisal, flows: spec.flows, governance: governance, crossingModesByStatus: statusCounts,
            sources: Self.credits(for: spec), generator: "corridor import (Sources/CorridorData/GeoDataImporter.swift)")

        // Write everything into a staging folder, then swap it in.
        let fm = FileManager.default
        let staging = output.appendingPathComponent(".\(name).staging")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            for kind in layers.keys.sorted() {
                log("writing \(name)/\(kind) (\(layers[kind]!.features.count) features)")
                try VectorWriter.write([layers[kind]!], to: staging.appendingPathComponent("\(kind).geojson.gz").path)
            }
            try manifest.encoded().write(to: staging.appendingPathComponent("manifest.json"))
            try Data(Self.attribution(manifest).utf8).write(to: staging.appendingPathComponent("ATTRIBUTION.md"))
            let final = output.appendingPathComponent(name)
            let old = output.appendingPathComponent(".\(name).old")
            try? fm.removeItem(at: old)
            if fm.fileExists(atPath: final.path) { try fm.moveItem(at: final, to: old) }
            try fm.moveItem(at: staging, to: final)
            try? fm.removeItem(at: old)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        return manifest
    }

    // MARK: - Waypoints and scenario checks

    /// Resolves a waypoint name to the most populous place of that name in the region.
    static func resolve(_ name: String, in places: VectorLayerData, aliases: [String: String], context: String) throws -> RegionManifest.ResolvedWaypoint {
        let key = PlaceName.key(aliases[name] ?? name)
        var best: (Feature, Int64)?
        for f in places.features where places.value(f, "name_key").stringValue == key {
            let pop = places.value(f, "population").integerValue ?? 0
            if best == nil || pop > best!.1 { best = (f, pop) }
        }
        guard let (f, _) = best, case .point(let c) = f.shape else {
            throw DataError.invalid(context, "waypoint '\(name)' matches no place in the region")
        }
        return RegionManifest.ResolvedWaypoint(
            name: name, placeId: places.value(f, "place_id").description, placeName: places.value(f, "name").description,
            country: places.value(f, "adm0_a3").description, lon: c.lon, lat: c.lat)
    }

    /// Every crossing and place a preset names must exist in the region.
    /// Gates name crossings of the region or of its curated crossing file (which regions
    /// share, so a crossing outside this region's box is not a typo).
    static func checkGovernance(_ g: GovernanceSpec, file: String, crossings: VectorLayerData, curated: [String]) throws {
        let ids = Set(crossings.features.map { crossings.value($0, "crossing_id").description }).union(curated)
        for gate in g.gates {
            for s in gate.applies {
                if let c = s.crossing, !ids.contains(c) {
                    throw DataError.invalid("\(file): gate \(gate.id)", "unknown crossing '\(c)'")
                }
            }
        }
    }

    static func checkScenarios(_ scenarios: [ScenarioPreset], crossings: VectorLayerData, places: VectorLayerData, aliases: [String: String]) throws {
        let ids = Set(crossings.features.map { crossings.value($0, "crossing_id").description })
        for s in scenarios {
            for (i, op) in s.operations.enumerated() {
                let where_ = "scenario \(s.id) operation \(i + 1)"
                if let c = op["crossing"]?.stringValue, !ids.contains(c) {
                    throw DataError.invalid(where_, "unknown crossing '\(c)'")
                }
                for end in ["from", "to"] {
                    if let name = op[end]?.stringValue { _ = try resolve(name, in: places, aliases: aliases, context: where_) }
                }
            }
        }
    }

    // MARK: - Attribution

    static func credits(for spec: RegionSpec) -> [RegionManifest.SourceCredit] {
        var out: [RegionManifest.SourceCredit] = [
            .init(name: "Natural Earth", files: ["countries", "admin1", "borders", "seaports", "places"],
                  licence: "public domain", attribution: "Made with Natural Earth"),
            .init(name: "OpenStreetMap (generalised)", files: spec.sources.values.filter { $0.hasPrefix("osm_") }.isEmpty ? [] : ["roads"] + (spec.sources["rail"]!.hasPrefix("osm_") ? ["rail"] : []),
                  licence: "ODbL 1.0", attribution: "© OpenStreetMap contributors"),
            .init(name: "NGA World Port Index (Pub. 150)", files: ["seaports"], licence: "US Government work, public domain",
                  attribution: "National Geospatial-Intelligence Agency"),
            .init(name: "Eurostat MARNET via searoute", files: ["sea_lanes"], licence: "EUPL 1.2", attribution: "Eurostat MARNET, via searoute"),
            .init(name: "GeoNames", files: ["places"], licence: "CC BY 4.0", attribution: "GeoNames (geonames.org)"),
        ]
        if spec.sources["rail"]?.hasPrefix("bts_") == true {
            out.append(.init(name: "BTS North American Rail Network", files: ["rail"], licence: "US Government work, public domain",
                             attribution: "US Bureau of Transportation Statistics"))
        }
        if spec.countries.contains("USA") {
            out.append(.init(name: "BTS Border Crossing Entry Data", files: ["crossings"], licence: "US Government work, public domain",
                             attribution: "US Bureau of Transportation Statistics"))
        } else {
            out.append(.init(name: "Derived border crossing candidates", files: ["crossings"], licence: "ODbL 1.0 (derived)",
                             attribution: "© OpenStreetMap contributors; Natural Earth; curated by the Corridor project"))
        }
        return out
    }

    static func attribution(_ m: RegionManifest) -> String {
        var s = "# \(m.title): data sources\n\nBuilt by `corridor import` from ../shared/data and Curation/.\n\n| source | layers | licence | attribution |\n|---|---|---|---|\n"
        for c in m.sources {
            s += "| \(c.name) | \(c.files.joined(separator: ", ")) | \(c.licence) | \(c.attribution) |\n"
        }
        s += "\nSpeeds, transfer times and crossing delays in manifest.json are labelled assumptions unless a source is named.\n"
        return s
    }
}
