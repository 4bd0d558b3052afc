import CorridorData
import CorridorGeo
import Foundation

/// A corridor option as planners state it: a list of operations on crossings and links.
/// The JSON form is the one region manifests use for their presets:
/// `{"id": "...", "name": "...", "description": "...", "operations": [{"op": "open_crossing", ...}]}`.
public struct Scenario: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var operations: [ScenarioOperation]
    /// What the option costs (for appraisal), when the preset or file says.
    public var cost: OptionCost?

    public init(id: String, name: String, description: String = "", operations: [ScenarioOperation], cost: OptionCost? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.operations = operations
        self.cost = cost
    }

    /// A manifest preset.
    public init(preset: ScenarioPreset) throws {
        try self.init(json: .object(["id": .string(preset.id), "name": .string(preset.name),
                                     "description": .string(preset.description), "operations": .array(preset.operations)]),
                      label: "preset \(preset.id)")
        cost = preset.cost
        try cost?.validate("preset \(preset.id)")
    }

    /// Reads a scenario file.
    /// - Throws: `DataError` naming the file and, where one is at fault, the operation.
    public init(file path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw DataError.fileNotFound(path) }
        try self.init(data: data, source: path)
    }

    /// Reads a scenario from JSON bytes; `source` names them in errors.
    public init(data: Data, source: String) throws {
        let json: JSONValue
        do { json = try JSONDecoder().decode(JSONValue.self, from: data) } catch { throw DataError.badJSON(source, "not JSON (\(JSONErrors.describe(error)))") }
        try self.init(json: json, label: source)
    }

    init(json: JSONValue, label: String) throws {
        guard case .object = json else { throw DataError.invalid(label, "a scenario is a JSON object") }
        guard let name = json["name"]?.stringValue, !name.isEmpty else { throw DataError.invalid(label, "missing \"name\"") }
        guard let ops = json["operations"]?.arrayValue, !ops.isEmpty else { throw DataError.invalid(label, "missing or empty \"operations\"") }
        self.name = name
        id = json["id"]?.stringValue ?? name
        description = json["description"]?.stringValue ?? ""
        operations = try ops.enumerated().map { try ScenarioOperation(json: $0.element, label: "\(label): operation \($0.offset + 1)") }
        if let c = json["cost"] {
            do { cost = try JSONDecoder().decode(OptionCost.self, from: JSONEncoder().encode(c)) }
            catch { throw DataError.invalid(label, "cost: \(JSONErrors.describe(error))") }
            try cost?.validate(label)
        }
    }
}

/// Where an added link starts or ends: a place by name, or a longitude/latitude.
public enum LinkEndpoint: Sendable, Hashable {
    case place(String)
    case coordinate(Coordinate)
}

/// One change to the network.
public enum ScenarioOperation: Sendable, Hashable {
    /// Open a crossing (all its modes, or one), optionally with a new delay.
    case openCrossing(crossing: String, mode: Mode?, delayMinutes: Double?)
    case closeCrossing(crossing: String, mode: Mode?)
    case setDelay(crossing: String, mode: Mode?, delayMinutes: Double)
    /// A new link between the network nodes of `mode` nearest its ends; time from `minutes` or
    /// from the speed (default: the mode's). With `crossing`, the link is that crossing's
    /// border edge and follows its state.
    case addLink(mode: Mode, from: LinkEndpoint, to: LinkEndpoint, via: [Coordinate], kilometersPerHour: Double?, minutes: Double?, crossing: String?)
    /// Remove links by source id ("road:123"), by crossing, or inside a polygon (by midpoint).
    case removeLinks(ids: [String], crossing: String?, polygon: [Coordinate]?)
    /// A new speed for a mode, everywhere or in one country.
    case setSpeed(mode: Mode, country: String?, kilometersPerHour: Double)

    init(json: JSONValue, label: String) throws {
        func fail(_ why: String) -> DataError { .invalid(label, why) }
        guard let op = json["op"]?.stringValue else { throw fail("missing \"op\"") }
        func mode(_ key: String = "mode", required: Bool = false) throws -> Mode? {
            guard let text = json[key]?.stringValue else {
                if required { throw fail("missing \"\(key)\"") }
                return nil
            }
            guard let m = Mode(rawValue: text), [.road, .rail, .sea, .ferry].contains(m) else { throw fail("unknown mode '\(text)'") }
            return m
        }
        func number(_ key: String, range: ClosedRange<Double>) throws -> Double? {
            guard let v = json[key] else { return nil }
            guard let d = v.doubleValue else { throw fail("\"\(key)\" must be a number") }
            guard d.isFinite, range.contains(d) else { throw fail("\"\(key)\" \(d) is outside \(range.lowerBound)...\(range.upperBound)") }
            return d
        }
        func crossing(required: Bool = true) throws -> String? {
            guard let c = json["crossing"]?.stringValue, !c.isEmpty else {
                if required { throw fail("missing \"crossing\"") }
                return nil
            }
            return c
        }
        func coordinate(_ v: JSONValue) throws -> Coordinate {
            guard let a = v.arrayValue, a.count == 2, let x = a[0].doubleValue, let y = a[1].doubleValue else {
                throw fail("a coordinate is [lon, lat]")
            }
            guard x.isFinite, y.isFinite, abs(x) <= 180, abs(y) <= 90 else { throw fail("coordinate [\(x), \(y)] is outside lon -180..180, lat -90..90") }
            return Coordinate(lon: x, lat: y)
        }
        func endpoint(_ key: String) throws -> LinkEndpoint {
            guard let v = json[key] else { throw fail("missing \"\(key)\"") }
            if let s = v.stringValue { return .place(s) }
            return .coordinate(try coordinate(v))
        }
        let speedRange = 0.1...1000.0, minuteRange = 0.0...100_000.0
        switch op {
        case "open_crossing":
            self = .openCrossing(crossing: try crossing()!, mode: try mode(), delayMinutes: try number("delayMinutes", range: minuteRange))
        case "close_crossing":
            self = .closeCrossing(crossing: try crossing()!, mode: try mode())
        case "set_delay":
            guard let d = try number("delayMinutes", range: minuteRange) else { throw fail("missing \"delayMinutes\"") }
            self = .setDelay(crossing: try crossing()!, mode: try mode(), delayMinutes: d)
        case "add_link":
            let via = try (json["via"]?.arrayValue ?? []).map(coordinate)
            self = .addLink(mode: try mode(required: true)!, from: try endpoint("from"), to: try endpoint("to"), via: via,
                            kilometersPerHour: try number("kilometersPerHour", range: speedRange),
                            minutes: try number("minutes", range: minuteRange), crossing: try crossing(required: false))
        case "remove_links":
            let ids = json["ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let polygon = try json["polygon"]?.arrayValue.map { try $0.map(coordinate) }
            if let p = polygon, p.count < 3 { throw fail("a polygon needs at least 3 points") }
            let c = try crossing(required: false)
            guard !ids.isEmpty || c != nil || polygon != nil else { throw fail("remove_links needs \"ids\", \"crossing\" or \"polygon\"") }
            self = .removeLinks(ids: ids, crossing: c, polygon: polygon)
        case "set_speed":
            guard let v = try number("kilometersPerHour", range: speedRange) else { throw fail("missing \"kilometersPerHour\"") }
            self = .setSpeed(mode: try mode(required: true)!, country: json["country"]?.stringValue, kilometersPerHour: v)
        default:
            throw fail("unknown op '\(op)' (open_crossing, close_crossing, set_delay, add_link, remove_links, set_speed)")
        }
    }
}
