import CorridorData
import CorridorGeo
import Foundation

/// Reads an OpenStreetMap extract (.osm.pbf or .osm XML, through GDAL's OSM driver) into the
/// builder's layers for one profile: the ways the profile uses as a line layer with each way's
/// speed (`speed_kmh`) and direction (`oneway`, a way tagged `oneway=-1` reversed), border
/// control points (`barrier=border_control`) as crossings, and populated places
/// (`place=city|town|village`) with their `population`.
///
/// OpenStreetMap ways meet where they share a node; the OSM driver gives a node's position
/// exactly the same in every way, so the builder joins ways at shared vertices without any
/// snapping (build with `snapToleranceMeters = 0`). Two distinct nodes at exactly the same
/// position would be joined too; ways that only cross (a bridge) are not.
public enum OSMImport {
    /// What the import found.
    public struct Summary: Sendable, Codable, Hashable {
        /// Ways in the file (lines layer).
        public var waysRead = 0
        /// Ways the profile uses.
        public var waysUsed = 0
        /// Used ways by class (the value of the profile's tag; "ferry" for ferry routes).
        public var waysByClass: [String: Int] = [:]
        /// Used ways one-way (after the profile's rules).
        public var oneWayWays = 0
        /// Used ways whose maxspeed gave the speed.
        public var maxspeedUsed = 0
        /// maxspeed values that did not parse (the class speed was used), with counts.
        public var maxspeedIgnored: [String: Int] = [:]
        /// Ways of a used class left out by access rules.
        public var accessDenied = 0
        public var borderControls = 0
        public var places = 0
    }

    /// The layers of an extract for a profile.
    /// - Parameters:
    ///   - path: an .osm.pbf or .osm file.
    ///   - profile: the profile.
    /// - Returns: the line layer (kind `road` or `rail` as the profile's mode), `crossings`
    ///   when the file has border control points, `places` when it has populated places, and
    ///   the summary.
    /// - Throws: `GeoError` naming the file when GDAL cannot read it (a truncated PBF), and
    ///   `DataError.invalid` naming the file when no way is usable by the profile.
    public static func layers(path: String, profile: OSMProfile) throws -> (layers: [LayerKind: InputLayer], summary: Summary) {
        let lower = path.lowercased()
        guard lower.hasSuffix(".pbf") || lower.hasSuffix(".osm") else {
            throw DataError.invalid(path, "not an OpenStreetMap file (.osm.pbf or .osm)")
        }
        let dataset = try VectorDataset(path: path)
        var summary = Summary()
        var lineFeatures: [Feature] = [], crossingFeatures: [Feature] = [], placeFeatures: [Feature] = []
        try dataset.forEachFeatureInFileOrder { layer, fields, feature in
            switch layer {
            case "lines":
                summary.waysRead += 1
                let tags = Self.tags(fields, feature)
                guard let line = feature.shape, case .lineString(var coordinates) = line, coordinates.count >= 2 else { return }
                guard let kmh = profile.speedKmh(tags) else {
                    if tags["route"] == "ferry" || tags[profile.tag].map({ profile.speedsKmh[$0] != nil }) == true, !profile.isAllowed(tags) {
                        summary.accessDenied += 1
                    }
                    return
                }
                let isFerry = tags["route"] == "ferry"
                let cls = isFerry ? "ferry" : tags[profile.tag]!
                summary.waysUsed += 1
                summary.waysByClass[cls, default: 0] += 1
                if !isFerry, profile.useMaxspeed, let raw = tags["maxspeed"] {
                    if OSMProfile.parseMaxspeed(raw, walkKmh: profile.walkKmh, noneKmh: profile.noneKmh) != nil {
                        summary.maxspeedUsed += 1
                    } else {
                        summary.maxspeedIgnored[raw, default: 0] += 1
                    }
                }
                let direction = profile.direction(tags)
                if direction == .backward { coordinates.reverse() }
                if direction != .both { summary.oneWayWays += 1 }
                lineFeatures.append(Feature(id: feature.id, values: [
                    .integer(feature.id), tags["name"].map { .string($0) } ?? .null, .string(cls), .real(kmh),
                    .integer(direction == .both ? 0 : 1), tags["maxspeed"].map { .string($0) } ?? .null,
                ], shape: .lineString(coordinates)))
            case "points":
                let tags = Self.tags(fields, feature)
                guard case .point(let c)? = feature.shape else { return }
                if tags["barrier"] == "border_control" {
                    summary.borderControls += 1
                    crossingFeatures.append(Feature(id: feature.id, values: [
                        .string("osm:node/\(feature.id)"), .string(tags["name"] ?? "border control \(feature.id)"),
                        .string(profile.mode.rawValue), .string("open"), .real(profile.borderControlDelayMinutes),
                    ], shape: .point(c)))
                }
                if let kind = tags["place"], ["city", "town", "village"].contains(kind), let name = tags["name"] {
                    summary.places += 1
                    let population = tags["population"].flatMap { Double($0.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")) }
                    placeFeatures.append(Feature(id: feature.id, values: [
                        .string("osm:node/\(feature.id)"), .string(name), population.map { .real($0) } ?? .real(0),
                    ], shape: .point(c)))
                }
            default:
                return
            }
        }
        guard !lineFeatures.isEmpty else {
            let classes = profile.speedsKmh.keys.sorted().joined(separator: ", ")
            throw DataError.invalid(path, "no way usable by profile \(profile.name): \(summary.waysRead) ways read, none with \(profile.tag)=\(classes)\(profile.ferryKmh != nil ? " or route=ferry" : "") and access allowed")
        }
        let kind: LayerKind = profile.mode == .rail ? .rail : .road
        var layers: [LayerKind: InputLayer] = [:]
        layers[kind] = InputLayer(data: VectorLayerData(
            name: "osm_\(kind.rawValue)", geometryKind: .lineString, crs: .wgs84,
            fields: [FieldDefinition("osm_id", .integer), FieldDefinition("name", .string), FieldDefinition("class", .string),
                     FieldDefinition("speed_kmh", .real), FieldDefinition("oneway", .integer), FieldDefinition("maxspeed", .string)],
            features: lineFeatures), label: "\(path) (ways)")
        if !crossingFeatures.isEmpty {
            layers[.crossings] = InputLayer(data: VectorLayerData(
                name: "osm_crossings", geometryKind: .point, crs: .wgs84,
                fields: [FieldDefinition("crossing_id", .string), FieldDefinition("name", .string), FieldDefinition("mode", .string),
                         FieldDefinition("status", .string), FieldDefinition("delay_minutes", .real)],
                features: crossingFeatures), label: "\(path) (border control points)")
        }
        if !placeFeatures.isEmpty {
            layers[.places] = InputLayer(data: VectorLayerData(
                name: "osm_places", geometryKind: .point, crs: .wgs84,
                fields: [FieldDefinition("place_id", .string), FieldDefinition("name", .string), FieldDefinition("population", .real)],
                features: placeFeatures), label: "\(path) (places)")
        }
        return (layers, summary)
    }

    /// A feature's OSM tags: the driver's attribute fields and the `other_tags` hstore.
    static func tags(_ fields: [FieldDefinition], _ feature: Feature) -> [String: String] {
        var tags: [String: String] = [:]
        for (i, field) in fields.enumerated() where i < feature.values.count {
            guard let v = feature.values[i].stringValue else { continue }
            if field.name == "other_tags" {
                for (k, value) in parseHstore(v) { tags[k] = value }
            } else if field.name != "osm_id" && field.name != "z_order" {
                tags[field.name] = v
            }
        }
        return tags
    }

    /// Parses GDAL's `other_tags` text: `"key"=>"value","key2"=>"value2"`, with `\"` and `\\`
    /// escaped inside the quotes.
    /// - Parameter text: the field's value.
    /// - Returns: the pairs in order; a malformed remainder is ignored.
    public static func parseHstore(_ text: String) -> [(String, String)] {
        var out: [(String, String)] = []
        var chars = Array(text.unicodeScalars)[...]
        func quoted() -> String? {
            while let c = chars.first, c == " " || c == "," { chars = chars.dropFirst() }
            guard chars.first == "\"" else { return nil }
            chars = chars.dropFirst()
            var s = String.UnicodeScalarView()
            while let c = chars.first {
                chars = chars.dropFirst()
                if c == "\\", let next = chars.first { s.append(next); chars = chars.dropFirst(); continue }
                if c == "\"" { return String(s) }
                s.append(c)
            }
            return nil
        }
        while let key = quoted() {
            while let c = chars.first, c == " " { chars = chars.dropFirst() }
            guard chars.starts(with: "=>".unicodeScalars) else { break }
            chars = chars.dropFirst(2)
            guard let value = quoted() else { break }
            out.append((key, value))
        }
        return out
    }
}
