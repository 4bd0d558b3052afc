import CGEOS

/// A GEOS prepared geometry: indexes its base once so that repeated predicates (e.g. which
/// country polygon holds each of a million points) run in logarithmic time.
/// Keeps its base geometry alive, as GEOS requires.
public final class PreparedGeometry {
    let handle: OpaquePointer
    public let base: Geometry

    init(base: Geometry) throws {
        // GEOSPrepare_r returns NULL on exception.
        guard let h = GEOSPrepare_r(base.context.handle, base.handle) else {
            throw base.context.error("prepare")
        }
        self.handle = h
        self.base = base
    }

    deinit {
        GEOSPreparedGeom_destroy_r(base.context.handle, handle)
    }

    private func predicate(_ operation: String, _ body: (GEOSContextHandle_t) -> CChar) throws -> Bool {
        // Prepared predicates return 1 true, 0 false, 2 on exception.
        switch body(base.context.handle) {
        case 1: return true
        case 0: return false
        default: throw base.context.error(operation)
        }
    }

    /// Point-in-polygon: true when `c` lies in the interior (not on the boundary).
    public func contains(_ c: Coordinate) throws -> Bool {
        let p = try base.context.point(c)
        return try contains(p)
    }

    /// True when `c` lies in the interior or on the boundary.
    public func covers(_ c: Coordinate) throws -> Bool {
        let p = try base.context.point(c)
        return try predicate("prepared covers") { GEOSPreparedCovers_r($0, handle, p.handle) }
    }

    public func contains(_ g: Geometry) throws -> Bool {
        try predicate("prepared contains") { GEOSPreparedContains_r($0, handle, g.handle) }
    }

    /// True when `g` comes within `distance` (planar, in the coordinates' unit).
    public func isWithinDistance(_ g: Geometry, _ distance: Double) throws -> Bool {
        try predicate("prepared distanceWithin") { GEOSPreparedDistanceWithin_r($0, handle, g.handle, distance) }
    }

    public func intersects(_ g: Geometry) throws -> Bool {
        try predicate("prepared intersects") { GEOSPreparedIntersects_r($0, handle, g.handle) }
    }
}
