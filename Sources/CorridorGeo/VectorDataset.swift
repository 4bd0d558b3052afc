import CGDAL
import Foundation

/// A vector dataset opened read-only through GDAL/OGR: any format GDAL reads (GeoPackage,
/// GeoJSON, FlatGeobuf, Shapefile, CSV, ...). `.gz` files are read through /vsigzip/.
/// Owns its GDAL handle; confined to one thread (open one per worker).
public final class VectorDataset {
    let handle: GDALDatasetH
    /// The path as the user gave it, for messages.
    public let path: String

    /// Opens a dataset.
    /// - Parameters:
    ///   - path: the file, or a GDAL virtual path beginning `/vsi`; a `.gz` file is read
    ///     through /vsigzip/.
    ///   - openOptions: GDAL open options ("KEY=VALUE"). CSV files get sensible
    ///     defaults (typed columns; geometry from a WKT column or lon/lat columns).
    /// - Throws: `GeoError.fileNotFound`, or `GeoError.unreadableDataset` with GDAL's message.
    public init(path: String, openOptions: [String]? = nil) throws {
        GDALRuntime.ensure()
        self.path = path
        let isDatabase = PostGIS.isConnection(path)
        guard path.hasPrefix("/vsi") || isDatabase || FileManager.default.fileExists(atPath: path) else {
            throw GeoError.fileNotFound(path: path)
        }
        let lower = path.lowercased()
        let gdalPath = lower.hasSuffix(".gz") && !path.hasPrefix("/vsi") ? "/vsigzip/" + path : path
        let isCSV = lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz")
        let options = openOptions ?? (isCSV ? [
            "AUTODETECT_TYPE=YES", "KEEP_GEOM_COLUMNS=YES",
            "GEOM_POSSIBLE_NAMES=WKT,geometry,geom",
            "X_POSSIBLE_NAMES=lon,longitude,x", "Y_POSSIBLE_NAMES=lat,latitude,y",
        ] : [])
        GDALRuntime.resetError()
        let handle = withCStringList(options) { opts in
            // GDALOpenEx returns NULL when no driver can open the file.
            GDALOpenEx(gdalPath, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil,
                       opts.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }, nil)
        }
        guard let handle else {
            if isDatabase {
                throw GeoError.unreadableDataset(path: PostGIS.label(path), message: PostGIS.oneLine(GDALRuntime.lastMessage(or: "cannot connect")))
            }
            throw GeoError.unreadableDataset(path: path, message: GDALRuntime.lastMessage(or: "no vector driver recognises it"))
        }
        self.handle = handle
    }

    deinit {
        GDALClose(handle)
    }

    /// Names of the layers, in dataset order.
    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { i in
            GDALDatasetGetLayer(handle, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    /// The named layer (or the only one when `name` is nil).
    /// - Throws: `GeoError.layerNotFound`.
    public func layer(_ name: String? = nil) throws -> VectorLayer {
        let h: OGRLayerH?
        if let name {
            h = GDALDatasetGetLayerByName(handle, name)
        } else {
            h = GDALDatasetGetLayerCount(handle) > 0 ? GDALDatasetGetLayer(handle, 0) : nil
        }
        guard let h else { throw GeoError.layerNotFound(path: path, layer: name ?? "#0") }
        return VectorLayer(handle: h, dataset: self)
    }
}

extension VectorDataset {
    /// Calls `body` for every feature of every layer in the order the file stores them (the
    /// way to read formats whose layers interleave, such as OpenStreetMap, in one pass).
    /// - Parameter body: gets the layer's name, its fields and the feature.
    /// - Throws: what `body` throws; `GeoError.malformedGeometry` naming the layer and
    ///   feature; `GeoError.readFailed` naming the file when GDAL reports an error mid-read
    ///   (a truncated file).
    public func forEachFeatureInFileOrder(_ body: (_ layer: String, _ fields: [FieldDefinition], _ feature: Feature) throws -> Void) throws {
        var layers: [OGRLayerH: (name: String, fields: [FieldDefinition], label: String)] = [:]
        GDALDatasetResetReading(handle)
        GDALRuntime.resetError()
        while true {
            var layerHandle: OGRLayerH?
            // GDALDatasetGetNextFeature hands us ownership of the feature and says its layer.
            guard let f = GDALDatasetGetNextFeature(handle, &layerHandle, nil, nil, nil) else { break }
            defer { OGR_F_Destroy(f) }
            guard let layerHandle else { continue }
            if layers[layerHandle] == nil {
                let layer = VectorLayer(handle: layerHandle, dataset: self)
                layers[layerHandle] = (layer.name, layer.fields, layer.label)
            }
            let info = layers[layerHandle]!
            try body(info.name, info.fields, VectorLayer.feature(f, info.fields, label: info.label))
        }
        if GDALRuntime.lastErrorIsFailure {
            throw GeoError.readFailed(path: path, message: GDALRuntime.lastMessage())
        }
    }
}

/// A layer of an open dataset. Keeps its dataset alive.
public final class VectorLayer {
    let handle: OGRLayerH
    public let dataset: VectorDataset

    init(handle: OGRLayerH, dataset: VectorDataset) {
        self.handle = handle
        self.dataset = dataset
    }

    public var name: String { String(cString: OGR_L_GetName(handle)) }

    /// Where messages say a feature came from: "path:layer".
    public var label: String { "\(dataset.path):\(name)" }

    /// The layer's fields in order.
    public var fields: [FieldDefinition] {
        let defn = OGR_L_GetLayerDefn(handle)
        return (0..<OGR_FD_GetFieldCount(defn)).map { i in
            let f = OGR_FD_GetFieldDefn(defn, i)
            let type: FieldType
            switch OGR_Fld_GetType(f) {
            case OFTInteger, OFTInteger64: type = .integer
            case OFTReal: type = .real
            default: type = .string
            }
            return FieldDefinition(String(cString: OGR_Fld_GetNameRef(f)), type)
        }
    }

    /// The layer's CRS, or nil when the source declares none.
    public var crs: CRS? {
        guard let srs = OGR_L_GetSpatialRef(handle) else { return nil }
        return SpatialReference.crs(of: srs)
    }

    /// The declared geometry kind, nil for none or unknown.
    public var geometryKind: ShapeKind? {
        let flat = OGR_GT_Flatten(OGR_L_GetGeomType(handle))
        return ShapeKind(rawValue: flat.rawValue)
    }

    /// The feature count (may scan the layer for formats that do not store it).
    public var featureCount: Int {
        Int(OGR_L_GetFeatureCount(handle, 1))
    }

    /// Reads every feature in order.
    /// - Throws: `GeoError.malformedGeometry` naming the layer and feature id when a geometry
    ///   cannot be decoded; `GeoError.readFailed` when GDAL reports an error mid-read.
    public func readAll() throws -> VectorLayerData {
        var features: [Feature] = []
        try forEach { features.append($0) }
        return VectorLayerData(name: name, geometryKind: geometryKind, crs: crs, fields: fields, features: features)
    }

    /// Calls `body` for every feature in order.
    public func forEach(_ body: (Feature) throws -> Void) throws {
        let fieldList = fields
        let label = self.label
        OGR_L_ResetReading(handle)
        GDALRuntime.resetError()
        while let f = OGR_L_GetNextFeature(handle) {
            defer { OGR_F_Destroy(f) }  // OGR_L_GetNextFeature hands us ownership
            try body(Self.feature(f, fieldList, label: label))
        }
        if GDALRuntime.lastErrorIsFailure {
            throw GeoError.readFailed(path: label, message: GDALRuntime.lastMessage())
        }
    }

    /// An OGR feature (borrowed) as a Swift value, its fields read as `fieldList` says.
    static func feature(_ f: OGRFeatureH, _ fieldList: [FieldDefinition], label: String) throws -> Feature {
        let fid = OGR_F_GetFID(f)
        var values: [FieldValue] = []
        values.reserveCapacity(fieldList.count)
        for (i, def) in fieldList.enumerated() {
            let idx = Int32(i)
            if OGR_F_IsFieldSetAndNotNull(f, idx) == 0 {
                values.append(.null)
                continue
            }
            switch def.type {
            case .integer: values.append(.integer(OGR_F_GetFieldAsInteger64(f, idx)))
            case .real: values.append(.real(OGR_F_GetFieldAsDouble(f, idx)))
            case .string: values.append(.string(String(cString: OGR_F_GetFieldAsString(f, idx))))
            }
        }
        var shape: Shape?
        if let g = OGR_F_GetGeometryRef(f), OGR_G_IsEmpty(g) == 0 {
            shape = try Self.shape(of: g, context: "\(label): feature \(fid)")
        }
        return Feature(id: fid, values: values, shape: shape)
    }

    /// An OGR geometry (borrowed) as a Swift value; curves are linearised first.
    static func shape(of g: OGRGeometryH, context: String) throws -> Shape {
        var geometry = g
        var owned: OGRGeometryH?
        defer { if let owned { OGR_G_DestroyGeometry(owned) } }
        if OGR_G_HasCurveGeometry(g, 1) != 0 {
            // OGR_G_GetLinearGeometry returns a new geometry we own, or NULL.
            guard let lin = OGR_G_GetLinearGeometry(g, 0, nil) else {
                throw GeoError.malformedGeometry(context: context, reason: "curve could not be linearised")
            }
            owned = lin
            geometry = lin
        }
        let size = Int(OGR_G_WkbSize(geometry))
        var bytes = [UInt8](repeating: 0, count: size)
        // OGR_G_ExportToIsoWkb returns OGRERR_NONE on success.
        let err = bytes.withUnsafeMutableBufferPointer { OGR_G_ExportToIsoWkb(geometry, wkbNDR, $0.baseAddress) }
        guard err == OGRERR_NONE else {
            throw GeoError.malformedGeometry(context: context, reason: "OGR could not export WKB (error \(err))")
        }
        return try Shape(wkb: bytes, context: context)
    }
}

/// Calls `body` with a NULL-terminated C string list (char **), or NULL for an empty list.
/// The strings are copies freed after `body` returns.
func withCStringList<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> R) -> R {
    if strings.isEmpty { return body(nil) }
    var list: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    list.append(nil)
    defer { list.forEach { free($0) } }
    return list.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}
