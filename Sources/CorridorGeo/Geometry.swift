import CGEOS

/// A GEOS geometry. Owns its GEOS handle and frees it on deinit; keeps its `GEOSContext`
/// alive. Confined to the thread of its context.
public final class Geometry {
    let handle: OpaquePointer
    public let context: GEOSContext

    /// Takes ownership of `handle`, which must come from `context`.
    init(owning handle: OpaquePointer, in context: GEOSContext) {
        self.handle = handle
        self.context = context
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, handle)
    }

    private var ctx: GEOSContextHandle_t { context.handle }

    /// Wraps a GEOS call that returns a new geometry or NULL on exception.
    private func derive(_ operation: String, _ body: (GEOSContextHandle_t) -> OpaquePointer?) throws -> Geometry {
        guard let g = body(ctx) else { throw context.error(operation) }
        return Geometry(owning: g, in: context)
    }

    /// Wraps a GEOS predicate that returns 1 true, 0 false, 2 on exception.
    private func predicate(_ operation: String, _ body: (GEOSContextHandle_t) -> CChar) throws -> Bool {
        switch body(ctx) {
        case 1: return true
        case 0: return false
        default: throw context.error(operation)
        }
    }

    // MARK: Conversion

    /// The geometry as a Swift value.
    public func shape() throws -> Shape {
        try Shape(wkb: wkb(), context: "GEOS geometry")
    }

    /// Little-endian 2-D WKB.
    public func wkb() throws -> [UInt8] {
        // GEOSWKBWriter_create_r returns NULL on exception.
        guard let writer = GEOSWKBWriter_create_r(ctx) else { throw context.error("WKB writer") }
        defer { GEOSWKBWriter_destroy_r(ctx, writer) }
        GEOSWKBWriter_setOutputDimension_r(ctx, writer, 2)
        GEOSWKBWriter_setByteOrder_r(ctx, writer, 1)
        var size = 0
        // GEOSWKBWriter_write_r returns NULL on exception; the buffer is ours to GEOSFree_r.
        guard let buf = GEOSWKBWriter_write_r(ctx, writer, handle, &size) else { throw context.error("WKB write") }
        defer { GEOSFree_r(ctx, buf) }
        return Array(UnsafeBufferPointer(start: buf, count: size))
    }

    /// WKT with trailing zeros trimmed.
    public func wkt() throws -> String {
        guard let writer = GEOSWKTWriter_create_r(ctx) else { throw context.error("WKT writer") }
        defer { GEOSWKTWriter_destroy_r(ctx, writer) }
        GEOSWKTWriter_setTrim_r(ctx, writer, 1)
        // GEOSWKTWriter_write_r returns NULL on exception; the string is ours to GEOSFree_r.
        guard let s = GEOSWKTWriter_write_r(ctx, writer, handle) else { throw context.error("WKT write") }
        defer { GEOSFree_r(ctx, s) }
        return String(cString: s)
    }

    // MARK: Properties

    /// The OGC kind.
    public var kind: ShapeKind? {
        // GEOSGeomTypeId_r returns -1 on exception; GEOS ids are WKB codes minus one,
        // except LinearRing (2) which we report as a LineString.
        let id = GEOSGeomTypeId_r(ctx, handle)
        switch id {
        case 0: return .point
        case 1, 2: return .lineString
        case 3: return .polygon
        case 4: return .multiPoint
        case 5: return .multiLineString
        case 6: return .multiPolygon
        case 7: return .collection
        default: return nil
        }
    }

    public var isEmpty: Bool { GEOSisEmpty_r(ctx, handle) == 1 }

    /// Planar length in the coordinates' unit (use `Geodesic` for metres on the ellipsoid).
    public func planarLength() throws -> Double {
        var v = 0.0
        // GEOSLength_r returns 0 on exception.
        guard GEOSLength_r(ctx, handle, &v) != 0 else { throw context.error("length") }
        return v
    }

    /// Planar area in the coordinates' unit squared.
    public func planarArea() throws -> Double {
        var v = 0.0
        // GEOSArea_r returns 0 on exception.
        guard GEOSArea_r(ctx, handle, &v) != 0 else { throw context.error("area") }
        return v
    }

    /// The bounding box, or nil for an empty geometry.
    public func envelope() throws -> Envelope? {
        if isEmpty { return nil }
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        // Each GEOSGeom_get*_r returns 0 on exception.
        guard GEOSGeom_getXMin_r(ctx, handle, &minX) != 0, GEOSGeom_getYMin_r(ctx, handle, &minY) != 0,
              GEOSGeom_getXMax_r(ctx, handle, &maxX) != 0, GEOSGeom_getYMax_r(ctx, handle, &maxY) != 0
        else { throw context.error("envelope") }
        return Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    // MARK: Validity

    /// True when the geometry is valid in the OGC sense.
    public func isValid() throws -> Bool {
        try predicate("isValid") { GEOSisValid_r($0, handle) }
    }

    /// Nil when valid, else GEOS's reason, e.g. "Self-intersection[10 10]".
    public func invalidityReason() throws -> String? {
        if try isValid() { return nil }
        // GEOSisValidReason_r returns NULL on exception; the string is ours to GEOSFree_r.
        guard let s = GEOSisValidReason_r(ctx, handle) else { throw context.error("isValidReason") }
        defer { GEOSFree_r(ctx, s) }
        return String(cString: s)
    }

    /// Throws `GeoError.invalidGeometry` naming `context` when the geometry is invalid.
    public func validate(context label: String) throws {
        if let reason = try invalidityReason() {
            throw GeoError.invalidGeometry(context: label, reason: reason)
        }
    }

    /// A valid version of this geometry (GEOS MakeValid).
    public func makeValid() throws -> Geometry {
        try derive("makeValid") { GEOSMakeValid_r($0, handle) }
    }

    // MARK: Predicates and measures

    public func intersects(_ other: Geometry) throws -> Bool {
        try predicate("intersects") { GEOSIntersects_r($0, handle, other.handle) }
    }

    public func contains(_ other: Geometry) throws -> Bool {
        try predicate("contains") { GEOSContains_r($0, handle, other.handle) }
    }

    public func covers(_ other: Geometry) throws -> Bool {
        try predicate("covers") { GEOSCovers_r($0, handle, other.handle) }
    }

    /// Planar distance in the coordinates' unit.
    public func distance(to other: Geometry) throws -> Double {
        var d = 0.0
        // GEOSDistance_r returns 0 on exception.
        guard GEOSDistance_r(ctx, handle, other.handle, &d) != 0 else { throw context.error("distance") }
        return d
    }

    /// The two closest points, this geometry's first.
    public func nearestPoints(to other: Geometry) throws -> (Coordinate, Coordinate) {
        // GEOSNearestPoints_r returns a new coordinate sequence or NULL on exception.
        guard let seq = GEOSNearestPoints_r(ctx, handle, other.handle) else { throw context.error("nearestPoints") }
        defer { GEOSCoordSeq_destroy_r(ctx, seq) }
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        guard GEOSCoordSeq_getXY_r(ctx, seq, 0, &x0, &y0) != 0,
              GEOSCoordSeq_getXY_r(ctx, seq, 1, &x1, &y1) != 0 else { throw context.error("nearestPoints") }
        return (Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y1))
    }

    // MARK: Overlay and construction

    public func intersection(_ other: Geometry) throws -> Geometry {
        try derive("intersection") { GEOSIntersection_r($0, handle, other.handle) }
    }

    public func union(_ other: Geometry) throws -> Geometry {
        try derive("union") { GEOSUnion_r($0, handle, other.handle) }
    }

    public func difference(_ other: Geometry) throws -> Geometry {
        try derive("difference") { GEOSDifference_r($0, handle, other.handle) }
    }

    /// The union of all parts (dissolves a collection).
    public func unaryUnion() throws -> Geometry {
        try derive("unaryUnion") { GEOSUnaryUnion_r($0, handle) }
    }

    /// Planar buffer with `quadrantSegments` segments per quarter circle.
    public func buffer(_ width: Double, quadrantSegments: Int32 = 8) throws -> Geometry {
        try derive("buffer") { GEOSBuffer_r($0, handle, width, quadrantSegments) }
    }

    /// Fully nodes linework: every line is split wherever it meets another, so the result's
    /// segments meet only at their endpoints (GEOSNode).
    public func noded() throws -> Geometry {
        try derive("node") { GEOSNode_r($0, handle) }
    }

    /// Sews connected lines into the longest possible lines (GEOSLineMerge).
    public func lineMerged() throws -> Geometry {
        try derive("lineMerge") { GEOSLineMerge_r($0, handle) }
    }

    /// Douglas-Peucker simplification preserving topology.
    public func simplified(tolerance: Double) throws -> Geometry {
        try derive("simplify") { GEOSTopologyPreserveSimplify_r($0, handle, tolerance) }
    }

    /// A prepared version for repeated predicates against many other geometries.
    public func prepared() throws -> PreparedGeometry {
        try PreparedGeometry(base: self)
    }
}
