import CGEOS

/// A GEOS context handle with its error channel. GEOS contexts are not thread-safe: create one
/// per thread (e.g. one inside each `concurrentPerform` iteration) and never share it. Every
/// `Geometry` made in a context keeps the context alive and must stay on its thread.
public final class GEOSContext {
    /// Receives GEOS's error messages; the C handler writes here through `userdata`.
    final class MessageBox {
        var last = ""
    }

    let handle: GEOSContextHandle_t
    private let messages: MessageBox

    /// - Throws: `GeoError.geos` if GEOS cannot allocate a context.
    public init() throws {
        // GEOS_init_r returns NULL only when out of memory.
        guard let h = GEOS_init_r() else {
            throw GeoError.geos(operation: "init", message: "could not create a context")
        }
        handle = h
        messages = MessageBox()
        // The box lives as long as this context (same owner), so the unretained pointer the
        // handler receives stays valid until GEOS_finish_r in deinit.
        let box = Unmanaged.passUnretained(messages).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let userdata, let message else { return }
            Unmanaged<MessageBox>.fromOpaque(userdata).takeUnretainedValue().last = String(cString: message)
        }, box)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The last error GEOS reported in this context, cleared by the read.
    func takeMessage() -> String {
        defer { messages.last = "" }
        return messages.last.isEmpty ? "unknown error" : messages.last
    }

    func error(_ operation: String) -> GeoError {
        .geos(operation: operation, message: takeMessage())
    }

    // MARK: Constructors

    /// Parses WKT.
    /// - Throws: `GeoError.malformedGeometry` with GEOS's parse message.
    public func geometry(wkt: String) throws -> Geometry {
        // GEOSWKTReader_create_r returns NULL on exception.
        guard let reader = GEOSWKTReader_create_r(handle) else { throw error("WKT reader") }
        defer { GEOSWKTReader_destroy_r(handle, reader) }
        // GEOSWKTReader_read_r returns NULL on exception.
        guard let g = GEOSWKTReader_read_r(handle, reader, wkt) else {
            throw GeoError.malformedGeometry(context: "WKT", reason: takeMessage())
        }
        return Geometry(owning: g, in: self)
    }

    /// Parses WKB (either byte order, ISO or extended).
    /// - Throws: `GeoError.malformedGeometry` naming `context`.
    public func geometry(wkb: [UInt8], context: String = "WKB") throws -> Geometry {
        // GEOSGeomFromWKB_buf_r returns NULL on exception.
        let g = wkb.withUnsafeBufferPointer { buf in
            GEOSGeomFromWKB_buf_r(handle, buf.baseAddress, buf.count)
        }
        guard let g else { throw GeoError.malformedGeometry(context: context, reason: takeMessage()) }
        return Geometry(owning: g, in: self)
    }

    /// Makes a GEOS geometry from a Swift value.
    public func geometry(_ shape: Shape, context: String = "shape") throws -> Geometry {
        try geometry(wkb: shape.wkb, context: context)
    }

    /// A point geometry.
    public func point(_ c: Coordinate) throws -> Geometry {
        // GEOSGeom_createPointFromXY_r returns NULL on exception.
        guard let g = GEOSGeom_createPointFromXY_r(handle, c.x, c.y) else { throw error("create point") }
        return Geometry(owning: g, in: self)
    }
}
