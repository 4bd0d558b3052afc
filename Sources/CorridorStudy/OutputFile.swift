import CorridorGeo
import Foundation

/// How results are written as JSON and text: one encoder (sorted keys; unreachable, infinite
/// values as "inf"), and files written to a temporary file and renamed into place, so a failed
/// write leaves nothing half-written.
public enum OutputFile {
    /// The JSON encoder of every output: pretty, sorted keys, slashes unescaped, non-finite
    /// numbers as "inf", "-inf" and "nan".
    public static func jsonEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    /// A value as JSON text.
    /// - Parameter value: the value.
    public static func jsonText<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try jsonEncoder().encode(value), as: UTF8.self)
    }

    /// Writes a value as JSON, atomically.
    /// - Parameters:
    ///   - value: the value.
    ///   - path: the file.
    /// - Throws: `GeoError.writeFailed` naming the file.
    public static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        let data: Data
        do { data = try jsonEncoder().encode(value) } catch {
            throw GeoError.writeFailed(path: path, message: "\(error.localizedDescription)")
        }
        try write(data, to: path)
    }

    /// Writes text, atomically.
    /// - Parameters:
    ///   - text: the text.
    ///   - path: the file.
    /// - Throws: `GeoError.writeFailed` naming the file.
    public static func writeText(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    private static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw GeoError.writeFailed(path: path, message: "\(error.localizedDescription)")
        }
    }
}
