import CorridorGeo
import Foundation

/// GeoData/<region>/manifest.json: what a region holds and the assumptions that go with it.
/// Written by the import; read by everything that runs on a region.
public struct RegionManifest: Sendable, Codable {
    public struct LayerEntry: Sendable, Hashable, Codable {
        public var file: String
        public var features: Int
        public var geometry: String
        public var source: String
    }

    public struct ResolvedWaypoint: Sendable, Hashable, Codable {
        public var name: String
        public var placeId: String
        public var placeName: String
        public var country: String
        public var lon: Double
        public var lat: Double
    }

    public struct ResolvedCorridor: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var note: String?
        public var waypoints: [ResolvedWaypoint]
        /// The line modes the corridor is measured on; nil for every mode.
        public var modes: [Mode]?
    }

    public struct SourceCredit: Sendable, Hashable, Codable {
        public var name: String
        public var files: [String]
        public var licence: String
        public var attribution: String
    }

    public var region: String
    public var title: String
    public var description: String
    public var bbox: [Double]
    public var bboxNote: String?
    public var countries: [String]
    public var admin1: [String: [String]]?
    public var metricCRS: String
    public var metricCRSNote: String?
    public var layers: [String: LayerEntry]
    public var snapToleranceMeters: Double?
    public var snapToleranceNote: String?
    public var speeds: [SpeedAssumption]
    public var transfers: [TransferAssumption]
    public var corridors: [ResolvedCorridor]
    /// The curated repairs applied to the line layers (features with a `repair` value).
    public var repairs: [LineRepair]?
    public var scenarios: [ScenarioPreset]
    /// Integration agreements over time (border-friction assumptions), for `--as-of`.
    public var regimes: [IntegrationRegime]?
    /// Appraisal defaults (discounting, growth, value of time, currency tables), for `appraise`.
    public var appraisal: AppraisalDefaults?
    /// The demand model (zones, segments, crossing capacities), for `demand`, `assign` and `validate`.
    public var flows: FlowDefaults?
    /// Initiatives and agreements over time, gates and twin cities, for the governance commands.
    public var governance: GovernanceSpec?
    /// Crossing modes by status, e.g. ["open": 160, "closed": 4].
    public var crossingModesByStatus: [String: Int]
    public var sources: [SourceCredit]
    public var generator: String

    /// Reads a manifest.
    /// - Throws: a `DataError` naming the file.
    public static func load(_ url: URL) throws -> RegionManifest {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw DataError.fileNotFound(url.path) }
        ProcessCounters.increment(.manifestReads)
        do { return try JSONDecoder().decode(RegionManifest.self, from: data) }
        catch { throw DataError.badJSON(url.path, JSONErrors.describe(error)) }
    }

    /// The path of a layer's file in the region folder.
    public func layerPath(_ kind: String, in regionDirectory: URL) -> String? {
        layers[kind].map { regionDirectory.appendingPathComponent($0.file).path }
    }

    /// Deterministic JSON: sorted keys, pretty printed.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }
}

/// A failure in reading or importing region data: one line naming the file and what is wrong.
public enum DataError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(String)
    case badJSON(String, String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): return "\(path): no such file"
        case .badJSON(let path, let why): return "\(path): invalid JSON: \(why)"
        case .invalid(let what, let why): return "\(what): \(why)"
        }
    }
}

/// Decoding errors as one readable line with the JSON path at fault.
public enum JSONErrors {
    public static func describe(_ error: Error) -> String {
        func path(_ c: [CodingKey]) -> String {
            c.isEmpty ? "top level" : c.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case DecodingError.keyNotFound(let key, let ctx): return "missing key '\(key.stringValue)' at \(path(ctx.codingPath))"
        case DecodingError.typeMismatch(_, let ctx): return "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case DecodingError.valueNotFound(_, let ctx): return "missing value at \(path(ctx.codingPath))"
        case DecodingError.dataCorrupted(let ctx): return "\(ctx.debugDescription) at \(path(ctx.codingPath))"
        default: return "\(error)"
        }
    }
}

/// Reads a Codable JSON file with errors that name it.
func loadJSON<T: Decodable>(_ type: T.Type, _ url: URL) throws -> T {
    let data: Data
    do { data = try Data(contentsOf: url) } catch { throw DataError.fileNotFound(url.path) }
    do { return try JSONDecoder().decode(T.self, from: data) }
    catch { throw DataError.badJSON(url.path, JSONErrors.describe(error)) }
}
