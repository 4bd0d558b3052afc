/// A failure in the geo layer, carrying the C library's own message and the file, feature or
/// value at fault. `description` is one line, fit for a CLI's stderr.
public enum GeoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path does not exist.
    case fileNotFound(path: String)
    /// GDAL could not open the file as a vector dataset.
    case unreadableDataset(path: String, message: String)
    /// The dataset has no layer of that name (or index).
    case layerNotFound(path: String, layer: String)
    /// A geometry is not valid; `context` names where it came from.
    case invalidGeometry(context: String, reason: String)
    /// Bytes that are not well-formed WKB, or a geometry kind this layer does not handle.
    case malformedGeometry(context: String, reason: String)
    /// PROJ does not recognise the CRS definition.
    case unknownCRS(definition: String, message: String)
    /// PROJ could not transform a coordinate.
    case transformFailed(message: String)
    /// A GEOS operation failed.
    case geos(operation: String, message: String)
    /// The output path's extension names no supported vector format.
    case unsupportedFormat(path: String)
    /// Writing an output failed; nothing was left at `path`.
    case writeFailed(path: String, message: String)
    /// A GDAL call failed while reading.
    case readFailed(path: String, message: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file"
        case .unreadableDataset(let path, let message):
            return "\(path): not a vector dataset GDAL can read (\(message))"
        case .layerNotFound(let path, let layer):
            return "\(path): no layer '\(layer)'"
        case .invalidGeometry(let context, let reason):
            return "\(context): invalid geometry: \(reason)"
        case .malformedGeometry(let context, let reason):
            return "\(context): malformed geometry: \(reason)"
        case .unknownCRS(let definition, let message):
            return "unknown CRS '\(definition)': \(message)"
        case .transformFailed(let message):
            return "coordinate transform failed: \(message)"
        case .geos(let operation, let message):
            return "GEOS \(operation) failed: \(message)"
        case .unsupportedFormat(let path):
            return "\(path): unsupported output format (use .gpkg, .geojson, .fgb, .csv or a PostGIS connection PG:...)"
        case .writeFailed(let path, let message):
            return "\(path): write failed: \(message)"
        case .readFailed(let path, let message):
            return "\(path): read failed: \(message)"
        }
    }
}
