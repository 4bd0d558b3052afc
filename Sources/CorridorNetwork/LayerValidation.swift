import CorridorData
import CorridorGeo

/// Checks of user and embedded layers: the geometry kind a layer kind needs, and coordinates
/// that are numbers on the globe. Errors name the file and feature.
enum LayerValidation {
    static func checkCoordinates(_ s: Shape, _ label: String, _ id: Int64) throws {
        for c in s.allCoordinates {
            guard c.isFinite else {
                throw DataError.invalid("\(label): feature \(id)", "coordinate (\(c.x), \(c.y)) is not a finite number")
            }
            guard abs(c.lat) <= 90, abs(c.lon) <= 180 else {
                let hint = abs(c.lon) <= 90 && abs(c.lat) <= 180 ? " (latitude and longitude swapped?)" : ""
                throw DataError.invalid("\(label): feature \(id)", "coordinate (\(c.x), \(c.y)) is outside lon -180..180, lat -90..90\(hint)")
            }
        }
    }

    /// Line parts per feature, in order.
    static func lines(_ layer: InputLayer) throws -> [(id: Int64, parts: [[Coordinate]])] {
        try layer.data.features.map { f in
            guard let s = f.shape else { throw DataError.invalid("\(layer.label): feature \(f.id)", "no geometry") }
            guard let parts = s.lineParts else {
                throw DataError.invalid("\(layer.label): feature \(f.id)", "expected LineString or MultiLineString, got \(s.kind)")
            }
            try checkCoordinates(s, layer.label, f.id)
            return (f.id, parts)
        }
    }

    static func point(_ layer: InputLayer, _ f: Feature) throws -> Coordinate {
        guard case .point(let c) = f.shape else {
            throw DataError.invalid("\(layer.label): feature \(f.id)", "expected Point, got \(f.shape.map { "\($0.kind)" } ?? "no geometry")")
        }
        try checkCoordinates(.point(c), layer.label, f.id)
        return c
    }

    static func polygons(_ layer: InputLayer, _ f: Feature) throws -> Shape {
        guard let s = f.shape, s.kind == .polygon || s.kind == .multiPolygon else {
            throw DataError.invalid("\(layer.label): feature \(f.id)", "expected Polygon or MultiPolygon, got \(f.shape.map { "\($0.kind)" } ?? "no geometry")")
        }
        try checkCoordinates(s, layer.label, f.id)
        return s
    }

    /// A required text field (first of several names, case-insensitive).
    static func text(_ layer: InputLayer, _ f: Feature, _ names: [String], required: Bool = true) throws -> String? {
        for n in names {
            if let v = layer.data.value(f, n).stringValue, !v.isEmpty { return v }
        }
        if required {
            throw DataError.invalid("\(layer.label): feature \(f.id)", "no value for field \(names[0])")
        }
        return nil
    }
}
