import CPROJ

/// A PROJ transformation between two CRSs, with axis order normalised for GIS use: geographic
/// CRSs take and give longitude first, whatever their authority says. Owns its own PROJ context,
/// so an instance is confined to one thread; make one per worker.
public final class CoordinateTransform {
    private let ctx: OpaquePointer
    private let pj: OpaquePointer
    public let source: CRS
    public let target: CRS

    /// - Throws: `GeoError.unknownCRS` naming the definition PROJ could not resolve.
    public init(from source: CRS, to target: CRS) throws {
        // proj_context_create returns NULL only when out of memory.
        guard let ctx = proj_context_create() else {
            throw GeoError.transformFailed(message: "could not create a PROJ context")
        }
        proj_log_level(ctx, PJ_LOG_NONE)  // errors come back to us as values, not on stderr
        var owned = true
        defer { if owned { proj_context_destroy(ctx) } }

        for crs in [source, target] {
            // proj_create returns NULL when the definition cannot be resolved.
            guard let probe = proj_create(ctx, crs.definition) else {
                throw GeoError.unknownCRS(definition: crs.definition, message: Self.message(ctx))
            }
            let isCRS = proj_is_crs(probe) != 0
            proj_destroy(probe)
            guard isCRS else {
                throw GeoError.unknownCRS(definition: crs.definition, message: "not a coordinate reference system")
            }
        }
        // proj_create_crs_to_crs returns NULL when no operation links the two.
        guard let raw = proj_create_crs_to_crs(ctx, source.definition, target.definition, nil) else {
            throw GeoError.transformFailed(message: "\(source) -> \(target): \(Self.message(ctx))")
        }
        defer { proj_destroy(raw) }
        // proj_normalize_for_visualization returns a new object (lon/lat order) or NULL.
        guard let normalized = proj_normalize_for_visualization(ctx, raw) else {
            throw GeoError.transformFailed(message: "\(source) -> \(target): \(Self.message(ctx))")
        }
        self.ctx = ctx
        self.pj = normalized
        self.source = source
        self.target = target
        owned = false  // ownership of ctx moves to self; freed in deinit
    }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(ctx)
    }

    private static func message(_ ctx: OpaquePointer) -> String {
        let code = proj_context_errno(ctx)
        guard code != 0, let s = proj_context_errno_string(ctx, code) else { return "not recognised" }
        return String(cString: s)
    }

    private func apply(_ c: Coordinate, _ direction: PJ_DIRECTION) throws -> Coordinate {
        proj_errno_reset(pj)
        // proj_trans returns HUGE_VAL components on failure and sets the object's errno.
        let out = proj_trans(pj, direction, proj_coord(c.x, c.y, 0, 0))
        guard out.xy.x.isFinite, out.xy.y.isFinite, out.xy.x != .greatestFiniteMagnitude else {
            let code = proj_errno(pj)
            let why = code != 0 ? String(cString: proj_context_errno_string(ctx, code)) : "non-finite result"
            throw GeoError.transformFailed(message: "(\(c.x), \(c.y)) \(source) -> \(target): \(why)")
        }
        return Coordinate(x: out.xy.x, y: out.xy.y)
    }

    /// Source to target.
    public func forward(_ c: Coordinate) throws -> Coordinate {
        try apply(c, PJ_FWD)
    }

    /// Target to source.
    public func inverse(_ c: Coordinate) throws -> Coordinate {
        try apply(c, PJ_INV)
    }

    /// Source to target for many coordinates.
    public func forward(_ cs: [Coordinate]) throws -> [Coordinate] {
        try cs.map { try apply($0, PJ_FWD) }
    }

    /// Every vertex of a shape, source to target.
    public func forward(_ shape: Shape) throws -> Shape {
        switch shape {
        case .point(let c): return .point(try forward(c))
        case .lineString(let cs): return .lineString(try forward(cs))
        case .multiPoint(let cs): return .multiPoint(try forward(cs))
        case .polygon(let rings): return .polygon(try rings.map { try forward($0) })
        case .multiLineString(let ls): return .multiLineString(try ls.map { try forward($0) })
        case .multiPolygon(let ps): return .multiPolygon(try ps.map { try $0.map { try forward($0) } })
        case .collection(let parts): return .collection(try parts.map { try forward($0) })
        }
    }
}
