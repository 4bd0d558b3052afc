import CGDAL

/// One-time GDAL set-up: register the drivers and silence GDAL's default stderr handler, so
/// that errors reach the user once, as our typed errors. Swift runs a global's initialiser
/// exactly once, thread-safely.
enum GDALRuntime {
    private static let registered: Bool = {
        GDALAllRegister()
        CPLSetErrorHandler(CPLQuietErrorHandler)
        return true
    }()

    static func ensure() {
        _ = registered
    }

    /// GDAL's last error message on this thread (GDAL keeps it per thread).
    static func lastMessage(or fallback: String = "unknown GDAL error") -> String {
        guard let m = CPLGetLastErrorMsg(), m.pointee != 0 else { return fallback }
        return String(cString: m)
    }

    static func resetError() {
        CPLErrorReset()
    }

    static var lastErrorIsFailure: Bool {
        CPLGetLastErrorType().rawValue >= CE_Failure.rawValue
    }
}

/// A spatial reference made from a `CRS`, in traditional GIS axis order (x = longitude).
final class SpatialReference {
    let handle: OGRSpatialReferenceH

    init(_ crs: CRS) throws {
        GDALRuntime.ensure()
        // OSRNewSpatialReference returns NULL only when out of memory.
        guard let h = OSRNewSpatialReference(nil) else {
            throw GeoError.unknownCRS(definition: crs.definition, message: "out of memory")
        }
        // OSRSetFromUserInput returns OGRERR_NONE (0) on success.
        guard OSRSetFromUserInput(h, crs.definition) == OGRERR_NONE else {
            OSRRelease(h)
            throw GeoError.unknownCRS(definition: crs.definition, message: GDALRuntime.lastMessage(or: "not recognised by GDAL"))
        }
        OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER)
        handle = h
    }

    deinit {
        OSRRelease(handle)
    }

    /// "EPSG:NNNN" when the reference has an EPSG identity, else its WKT.
    static func crs(of h: OGRSpatialReferenceH) -> CRS? {
        if let name = OSRGetAuthorityName(h, nil), String(cString: name) == "EPSG",
           let code = OSRGetAuthorityCode(h, nil) {
            return CRS("EPSG:\(String(cString: code))")
        }
        var wkt: UnsafeMutablePointer<CChar>?
        // OSRExportToWkt returns OGRERR_NONE on success; the string is ours to CPLFree (VSIFree).
        guard OSRExportToWkt(h, &wkt) == OGRERR_NONE, let wkt else { return nil }
        defer { VSIFree(wkt) }
        return CRS(String(cString: wkt))
    }
}
