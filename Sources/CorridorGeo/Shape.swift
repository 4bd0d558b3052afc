/// A simple-features geometry as a plain Swift value: `Sendable`, so it crosses threads
/// freely, unlike GEOS or OGR handles. Polygons are lists of rings, exterior first.
public enum Shape: Sendable, Hashable {
    case point(Coordinate)
    case lineString([Coordinate])
    case polygon([[Coordinate]])
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([[[Coordinate]]])
    case collection([Shape])

    /// The geometry's kind, as OGC names it.
    public var kind: ShapeKind {
        switch self {
        case .point: return .point
        case .lineString: return .lineString
        case .polygon: return .polygon
        case .multiPoint: return .multiPoint
        case .multiLineString: return .multiLineString
        case .multiPolygon: return .multiPolygon
        case .collection: return .collection
        }
    }

    /// Every vertex, in storage order.
    public var allCoordinates: [Coordinate] {
        switch self {
        case .point(let c): return [c]
        case .lineString(let cs), .multiPoint(let cs): return cs
        case .polygon(let rings), .multiLineString(let rings): return rings.flatMap { $0 }
        case .multiPolygon(let polys): return polys.flatMap { $0.flatMap { $0 } }
        case .collection(let parts): return parts.flatMap { $0.allCoordinates }
        }
    }

    /// The line parts of a linear geometry (a LineString is one part); nil for other kinds.
    public var lineParts: [[Coordinate]]? {
        switch self {
        case .lineString(let cs): return [cs]
        case .multiLineString(let parts): return parts
        default: return nil
        }
    }

    /// The bounding box, or nil when there are no coordinates.
    public var envelope: Envelope? { Envelope(covering: allCoordinates) }

    /// True when there are no coordinates at all.
    public var isEmpty: Bool { allCoordinates.isEmpty }
}

/// The OGC geometry kinds, with their WKB type codes.
public enum ShapeKind: UInt32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case point = 1
    case lineString = 2
    case polygon = 3
    case multiPoint = 4
    case multiLineString = 5
    case multiPolygon = 6
    case collection = 7

    public var description: String {
        switch self {
        case .point: return "Point"
        case .lineString: return "LineString"
        case .polygon: return "Polygon"
        case .multiPoint: return "MultiPoint"
        case .multiLineString: return "MultiLineString"
        case .multiPolygon: return "MultiPolygon"
        case .collection: return "GeometryCollection"
        }
    }
}
