import CGDAL
import Foundation

/// The vector formats Corridor writes, chosen from the output path's extension.
public enum VectorFormat: String, Sendable, CaseIterable {
    case geopackage
    case geojson
    case flatgeobuf
    case csv
    /// Tables in a PostgreSQL/PostGIS database: the "path" is a GDAL connection string
    /// `PG:host=... dbname=...`, optionally ending ` table=NAME` (see ``PostGIS``).
    case postgis

    /// The format for a path's extension (.gpkg, .geojson, .geojson.gz, .fgb, .csv), or
    /// PostGIS for a `PG:` connection string; nil otherwise.
    public init?(path: String) {
        if PostGIS.isConnection(path) { self = .postgis; return }
        var ext = (path as NSString).pathExtension.lowercased()
        if ext == "gz" { ext = ((path as NSString).deletingPathExtension as NSString).pathExtension.lowercased() }
        switch ext {
        case "gpkg": self = .geopackage
        case "geojson": self = .geojson
        case "fgb": self = .flatgeobuf
        case "csv": self = .csv
        default: return nil
        }
    }

    /// The file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .geopackage: return "gpkg"
        case .geojson: return "geojson"
        case .flatgeobuf: return "fgb"
        case .csv: return "csv"
        case .postgis: return ""
        }
    }

    /// The GDAL driver's short name.
    var driverName: String {
        switch self {
        case .geopackage: return "GPKG"
        case .geojson: return "GeoJSON"
        case .flatgeobuf: return "FlatGeobuf"
        case .csv: return "CSV"
        case .postgis: return "PostgreSQL"
        }
    }

    /// GeoPackage and PostGIS hold several layers (tables) in one output.
    public var holdsSeveralLayers: Bool { self == .geopackage || self == .postgis }

    /// Layer creation options: RFC 7946 GeoJSON (lon/lat WGS 84), CSV geometry as WKT.
    var layerOptions: [String] {
        switch self {
        case .geojson: return ["RFC7946=YES", "WRITE_NAME=YES"]
        case .csv: return ["GEOMETRY=AS_WKT", "CREATE_CSVT=NO"]
        case .geopackage, .flatgeobuf: return ["SPATIAL_INDEX=YES"]
        case .postgis: return ["OVERWRITE=YES", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=GIST", "LAUNDER=NO"]
        }
    }
}

/// Writes layers to a vector file through GDAL/OGR. Always writes a temporary file in the
/// target's directory and renames it into place on success, so a failure leaves nothing
/// half-written and an existing file at `path` untouched.
public enum VectorWriter {
    /// "dir/net.geojson" -> "dir/net_nodes.geojson" (keeps a .gz after the extension).
    /// - Parameters:
    ///   - path: the file.
    ///   - suffix: added to the file name before its extension.
    public static func siblingPath(_ path: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: path)
        var name = url.lastPathComponent
        var gz = ""
        if name.lowercased().hasSuffix(".gz") { gz = ".gz"; name = String(name.dropLast(3)) }
        let ext = (name as NSString).pathExtension
        let stem = (name as NSString).deletingPathExtension
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)\(suffix).\(ext)\(gz)").path
    }

    /// Writes layers to one file when its format holds several (GeoPackage, PostGIS), else
    /// the first layer to `path` and each other beside it, its suffix added to the file name
    /// (`out.geojson`, `out_gaps.geojson`).
    /// - Parameters:
    ///   - layers: the layers.
    ///   - path: the file (its extension names the format).
    ///   - suffixes: one per layer after the first.
    /// - Throws: `GeoError` naming the file at fault.
    public static func write(_ layers: [VectorLayerData], to path: String, siblingSuffixes suffixes: [String]) throws {
        guard let format = VectorFormat(path: path), !format.holdsSeveralLayers else { try write(layers, to: path); return }
        try write(Array(layers.prefix(1)), to: path)
        for (layer, suffix) in zip(layers.dropFirst(), suffixes) { try write([layer], to: siblingPath(path, suffix: suffix)) }
    }

    /// - Parameters:
    ///   - layers: one or more layers; several only for GeoPackage.
    ///   - path: the output; its extension picks the format unless `format` is given. A
    ///     path ending `.gz` is written gzip-compressed.
    ///   - format: the format to write, whatever the extension; nil picks it from `path`.
    /// - Throws: `GeoError.unsupportedFormat`, `GeoError.writeFailed` naming the file and,
    ///   where one is at fault, the layer and feature.
    public static func write(_ layers: [VectorLayerData], to path: String, format: VectorFormat? = nil) throws {
        GDALRuntime.ensure()
        guard let format = format ?? VectorFormat(path: path) else { throw GeoError.unsupportedFormat(path: path) }
        guard !layers.isEmpty else { throw GeoError.writeFailed(path: path, message: "no layers to write") }
        guard layers.count == 1 || format.holdsSeveralLayers else {
            throw GeoError.writeFailed(path: path, message: "\(format.driverName) holds one layer, got \(layers.count)")
        }
        if format == .postgis { return try PostGIS.write(layers, to: path) }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw GeoError.writeFailed(path: path, message: "directory \(dir) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: dir) else {
            throw GeoError.writeFailed(path: path, message: "directory \(dir) is not writable")
        }
        let tmp = "\(dir)/.\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).\(format.fileExtension)"
        let gzipped = path.lowercased().hasSuffix(".gz")
        TemporaryFiles.register(tmp)
        defer { TemporaryFiles.unregister(tmp) }
        do {
            try writeDataset(layers, to: tmp, format: format, label: path)
            if gzipped {
                try Gzip.compress(tmp, to: tmp + ".gz", label: path)
                unlink(tmp)
                guard rename(tmp + ".gz", path) == 0 else {
                    throw GeoError.writeFailed(path: path, message: String(cString: strerror(errno)))
                }
                return
            }
            // rename(2) replaces any existing file atomically; returns 0 on success.
            guard rename(tmp, path) == 0 else {
                throw GeoError.writeFailed(path: path, message: String(cString: strerror(errno)))
            }
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm", ".gz"] { unlink(tmp + suffix) }
            throw error
        }
    }

    private static func writeDataset(_ layers: [VectorLayerData], to tmp: String, format: VectorFormat, label: String) throws {
        func failure(_ what: String) -> GeoError {
            .writeFailed(path: label, message: "\(what): \(GDALRuntime.lastMessage())")
        }
        GDALRuntime.resetError()
        // GDALGetDriverByName returns NULL when the driver is not built in.
        guard let driver = GDALGetDriverByName(format.driverName) else {
            throw GeoError.writeFailed(path: label, message: "GDAL has no \(format.driverName) driver")
        }
        // GDALCreate returns NULL on failure.
        guard let ds = GDALCreate(driver, tmp, 0, 0, 0, GDT_Unknown, nil) else { throw failure("create") }
        var open = true
        defer { if open { GDALClose(ds) } }

        for layer in layers {
            try writeLayer(layer, into: ds, format: format, label: label)
        }
        open = false
        GDALRuntime.resetError()
        GDALClose(ds)  // flushes; failures surface as the thread's last CPL error
        if GDALRuntime.lastErrorIsFailure { throw failure("close") }
    }

    static func writeLayer(_ layer: VectorLayerData, into ds: GDALDatasetH, format: VectorFormat, label: String, ownTransaction: Bool = true) throws {
        let where_ = "\(label):\(layer.name)"
        func failure(_ what: String) -> GeoError {
            let message = format == .postgis ? PostGIS.oneLine(GDALRuntime.lastMessage()) : GDALRuntime.lastMessage()
            return .writeFailed(path: where_, message: "\(what): \(message)")
        }
        let srs: SpatialReference? = try layer.geometryKind == nil ? nil : SpatialReference(layer.crs ?? .wgs84)
        let geomType = layer.geometryKind.map { OGRwkbGeometryType(rawValue: $0.rawValue) } ?? wkbNone
        // GDALDatasetCreateLayer returns NULL on failure.
        let created = withCStringList(format.layerOptions) { opts in
            GDALDatasetCreateLayer(ds, layer.name, srs?.handle, geomType, opts)
        }
        guard let lh = created else { throw failure("create layer") }

        for field in layer.fields {
            let type: OGRFieldType
            switch field.type {
            case .integer: type = OFTInteger64
            case .real: type = OFTReal
            case .string: type = OFTString
            }
            // OGR_Fld_Create returns a definition we own; OGR_L_CreateField copies it.
            let defn = OGR_Fld_Create(field.name, type)
            defer { OGR_Fld_Destroy(defn) }
            guard OGR_L_CreateField(lh, defn, 1) == OGRERR_NONE else { throw failure("create field \(field.name)") }
        }

        let inTransaction = ownTransaction && GDALDatasetStartTransaction(ds, 0) == OGRERR_NONE
        let defn = OGR_L_GetLayerDefn(lh)
        for (n, feature) in layer.features.enumerated() {
            guard feature.values.count == layer.fields.count else {
                throw GeoError.writeFailed(path: where_, message: "feature \(n) has \(feature.values.count) values for \(layer.fields.count) fields")
            }
            // OGR_F_Create returns a feature we own.
            guard let f = OGR_F_Create(defn) else { throw failure("feature \(n)") }
            defer { OGR_F_Destroy(f) }
            for (i, value) in feature.values.enumerated() {
                let idx = Int32(i)
                switch value {
                case .integer(let v): OGR_F_SetFieldInteger64(f, idx, v)
                case .real(let v):
                    if v.isFinite { OGR_F_SetFieldDouble(f, idx, v) } else { OGR_F_SetFieldNull(f, idx) }
                case .string(let s): OGR_F_SetFieldString(f, idx, s)
                case .null: OGR_F_SetFieldNull(f, idx)
                }
            }
            if let shape = feature.shape, layer.geometryKind != nil {
                let bytes = shape.wkb
                var g: OGRGeometryH?
                // OGR_G_CreateFromWkb returns OGRERR_NONE and a geometry we own.
                let err = bytes.withUnsafeBytes { OGR_G_CreateFromWkb($0.baseAddress, srs?.handle, &g, Int32(bytes.count)) }
                guard err == OGRERR_NONE, let g else {
                    throw GeoError.writeFailed(path: where_, message: "feature \(n): geometry rejected (OGR error \(err))")
                }
                OGR_F_SetGeometryDirectly(f, g)  // ownership of g moves to the feature
            }
            guard OGR_L_CreateFeature(lh, f) == OGRERR_NONE else { throw failure("feature \(n)") }
        }
        if inTransaction, GDALDatasetCommitTransaction(ds) != OGRERR_NONE { throw failure("commit") }
    }
}
