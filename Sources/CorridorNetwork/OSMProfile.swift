import CorridorData
import Foundation

/// How an OpenStreetMap way becomes an edge for one kind of traffic: which ways are used,
/// their speeds, one-way rules and access. Profiles are JSON files (the built-in ones print with
/// `corridor osm-profile NAME`); every field is documented in docs/osm.md.
public struct OSMProfile: Codable, Sendable, Equatable {
    /// The profile's name ("car").
    public var name: String
    public var description: String
    /// The mode of the edges: road or rail.
    public var mode: Mode
    /// Where the numbers come from.
    public var sources: [String]
    /// The OSM key whose value selects a way and its class speed: "highway" or "railway".
    public var tag: String
    /// Speed in km/h by value of `tag`; ways with other values are not used.
    public var speedsKmh: [String: Double]
    /// Use a way's `maxspeed` where it parses (numbers in km/h, "N mph", "N knots", "walk",
    /// "none", lists separated by ";" averaged); else the class speed.
    public var useMaxspeed: Bool
    /// An upper bound on every speed (a truck's legal limit), nil for none.
    public var maxspeedCapKmh: Double?
    /// The speed `maxspeed=walk` means.
    public var walkKmh: Double
    /// The speed `maxspeed=none` means.
    public var noneKmh: Double
    /// Honour `oneway` (and the one-way that motorways and roundabouts imply).
    public var oneway: Bool
    /// Access keys from general to specific ("access", "vehicle", "motor_vehicle", ...): the
    /// most specific one a way carries decides.
    public var accessKeys: [String]
    /// Access values that keep this traffic off a way.
    public var accessDenied: [String]
    /// Ferry routes (`route=ferry`) are used at this speed; nil leaves them out.
    public var ferryKmh: Double?
    /// The delay at a border control point (`barrier=border_control`), in minutes.
    public var borderControlDelayMinutes: Double

    enum CodingKeys: String, CodingKey {
        case name, description, mode, sources, tag, oneway
        case speedsKmh = "speeds_kmh", useMaxspeed = "use_maxspeed", maxspeedCapKmh = "maxspeed_cap_kmh"
        case walkKmh = "walk_kmh", noneKmh = "none_kmh", accessKeys = "access_keys", accessDenied = "access_denied"
        case ferryKmh = "ferry_kmh", borderControlDelayMinutes = "border_control_delay_minutes"
    }

    /// The direction a way may be travelled in.
    public enum Direction: Sendable, Equatable {
        case both, forward, backward
    }

    // MARK: Loading

    /// The names of the built-in profiles.
    public static let builtInNames = ["car", "truck", "rail"]

    /// The built-in profiles, a line each: the name and what the profile is for.
    /// - Throws: `DataError` should a built-in profile not load.
    public static func listing() throws -> String {
        try builtInNames.map { n in "\(n.padding(toLength: 6, withPad: " ", startingAt: 0)) \(try load(n).description)" }.joined(separator: "\n")
    }

    /// A built-in profile by name, or a profile file (JSON) by path.
    /// - Parameter nameOrPath: "car", "truck", "rail", or a path to a JSON profile.
    /// - Throws: `DataError.invalid` naming the file (or name) and the field at fault.
    public static func load(_ nameOrPath: String) throws -> OSMProfile {
        if let text = builtInJSON[nameOrPath] { return try decode(Data(text.utf8), label: "profile \(nameOrPath)") }
        guard nameOrPath.lowercased().hasSuffix(".json") || nameOrPath.contains("/") else {
            throw DataError.invalid("--profile \(nameOrPath)", "no such profile (built in: \(builtInNames.joined(separator: ", ")); or a .json file)")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw DataError.invalid(nameOrPath, "cannot read the profile file")
        }
        return try decode(data, label: nameOrPath)
    }

    /// The JSON text of a built-in profile, as `load` reads it.
    public static func builtInText(_ name: String) -> String? { builtInJSON[name] }

    static func decode(_ data: Data, label: String) throws -> OSMProfile {
        let profile: OSMProfile
        do {
            profile = try JSONDecoder().decode(OSMProfile.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw DataError.invalid(label, "missing field \(key.stringValue)")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw DataError.invalid(label, "\(path.isEmpty ? "" : path + ": ")\(context.debugDescription)")
        } catch {
            throw DataError.invalid(label, "not a profile: \(error)")
        }
        try profile.validate(label: label)
        return profile
    }

    /// Checks the numbers: every speed positive and finite, the mode road or rail.
    /// - Parameter label: the file or name errors name.
    public func validate(label: String) throws {
        func speed(_ field: String, _ v: Double) throws {
            guard v.isFinite, v > 0, v <= 1000 else { throw DataError.invalid(label, "\(field) \(v) must be a speed in km/h above 0") }
        }
        guard mode == .road || mode == .rail else { throw DataError.invalid(label, "mode \(mode.rawValue): road or rail") }
        guard !tag.isEmpty else { throw DataError.invalid(label, "tag is empty (highway or railway)") }
        guard !speedsKmh.isEmpty else { throw DataError.invalid(label, "speeds_kmh is empty") }
        for (k, v) in speedsKmh.sorted(by: { $0.key < $1.key }) { try speed("speeds_kmh.\(k)", v) }
        if let c = maxspeedCapKmh { try speed("maxspeed_cap_kmh", c) }
        try speed("walk_kmh", walkKmh)
        try speed("none_kmh", noneKmh)
        if let f = ferryKmh { try speed("ferry_kmh", f) }
        guard borderControlDelayMinutes.isFinite, borderControlDelayMinutes >= 0 else {
            throw DataError.invalid(label, "border_control_delay_minutes \(borderControlDelayMinutes) must be a non-negative number")
        }
    }

    // MARK: Rules

    /// The speed of a way in km/h, nil when the profile does not use it (another class,
    /// access denied).
    /// - Parameter tags: the way's tags.
    public func speedKmh(_ tags: [String: String]) -> Double? {
        guard isAllowed(tags) else { return nil }
        var speed: Double
        if tags["route"] == "ferry" {
            guard let f = ferryKmh else { return nil }
            speed = f
        } else {
            guard let value = tags[tag], let s = speedsKmh[value] else { return nil }
            speed = s
            if useMaxspeed, let raw = tags["maxspeed"], let m = Self.parseMaxspeed(raw, walkKmh: walkKmh, noneKmh: noneKmh) { speed = m }
        }
        if let cap = maxspeedCapKmh { speed = min(speed, cap) }
        return speed
    }

    /// Whether access rules let this traffic on the way: the most specific key present decides.
    public func isAllowed(_ tags: [String: String]) -> Bool {
        guard let key = accessKeys.last(where: { tags[$0] != nil }) else { return true }
        return !accessDenied.contains(tags[key]!.lowercased())
    }

    /// The direction the way may be travelled in.
    public func direction(_ tags: [String: String]) -> Direction {
        guard oneway else { return .both }
        switch tags["oneway"]?.lowercased() {
        case "yes", "true", "1": return .forward
        case "-1", "reverse": return .backward
        case "no", "false", "0", "reversible", "alternating": return .both
        default:
            if tags["junction"] == "roundabout" || tags["junction"] == "circular" || tags["highway"] == "motorway" { return .forward }
            return .both
        }
    }

    /// A `maxspeed` value in km/h: a number (km/h), "N mph", "N knots", "N km/h", "walk",
    /// "none", or a list separated by ";" (the mean of its parts that parse). Nil for anything
    /// else ("FI:urban", "signals", a non-positive number).
    /// - Parameters:
    ///   - raw: the tag's value.
    ///   - walkKmh: what "walk" means.
    ///   - noneKmh: what "none" means.
    public static func parseMaxspeed(_ raw: String, walkKmh: Double, noneKmh: Double) -> Double? {
        let values = raw.split(separator: ";").compactMap { part -> Double? in
            var s = part.trimmingCharacters(in: .whitespaces).lowercased()
            if s == "walk" { return walkKmh }
            if s == "none" { return noneKmh }
            var factor = 1.0
            for (suffix, f) in [("mph", 1.609344), ("knots", 1.852), ("km/h", 1.0), ("kmh", 1.0), ("kph", 1.0)] where s.hasSuffix(suffix) {
                factor = f
                s = String(s.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
                break
            }
            guard let v = Double(s), v.isFinite, v > 0 else { return nil }
            return v * factor
        }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    // MARK: Built-in profiles

    private static let builtInJSON: [String: String] = ["car": carJSON, "truck": truckJSON, "rail": railJSON]

    private static let carJSON = #"""
    {
      "name": "car",
      "description": "A passenger car on public roads.",
      "mode": "road",
      "sources": [
        "Speeds by highway class: the default speeds of OSRM's car profile (profiles/car.lua, speed_profile), km/h.",
        "maxspeed values: https://wiki.openstreetmap.org/wiki/Key:maxspeed (numbers in km/h, 'N mph', 'walk', 'none', lists separated by ';' averaged).",
        "oneway: https://wiki.openstreetmap.org/wiki/Key:oneway (yes/true/1, -1/reverse; implied by highway=motorway and junction=roundabout/circular).",
        "Access: https://wiki.openstreetmap.org/wiki/Key:access (the most specific of the listed keys present decides).",
        "Border control delay: an assumption (30 minutes), not a measurement."
      ],
      "tag": "highway",
      "speeds_kmh": {
        "motorway": 90, "motorway_link": 45, "trunk": 85, "trunk_link": 40,
        "primary": 65, "primary_link": 30, "secondary": 55, "secondary_link": 25,
        "tertiary": 40, "tertiary_link": 20, "unclassified": 25, "residential": 25,
        "living_street": 10, "service": 15, "road": 25
      },
      "use_maxspeed": true,
      "maxspeed_cap_kmh": null,
      "walk_kmh": 6,
      "none_kmh": 130,
      "oneway": true,
      "access_keys": ["access", "vehicle", "motor_vehicle", "motorcar"],
      "access_denied": ["no", "private", "agricultural", "forestry", "emergency", "psv", "bus", "customers", "delivery"],
      "ferry_kmh": 5,
      "border_control_delay_minutes": 30
    }
    """#

    private static let truckJSON = #"""
    {
      "name": "truck",
      "description": "A heavy goods vehicle (over 3.5 t) on public roads.",
      "mode": "road",
      "sources": [
        "Class speeds: the car profile's (OSRM car.lua) capped at 80 km/h, the common legal limit for heavy goods vehicles on motorways in Europe (Directive 92/6/EEC speed limiters at 90 km/h; most states 80 km/h).",
        "Minor classes (service, living_street) are left out: a truck corridor model routes on the through network.",
        "Access: https://wiki.openstreetmap.org/wiki/Key:access with hgv as the most specific key.",
        "Border control delay: an assumption (120 minutes for a loaded truck), not a measurement."
      ],
      "tag": "highway",
      "speeds_kmh": {
        "motorway": 80, "motorway_link": 45, "trunk": 80, "trunk_link": 40,
        "primary": 65, "primary_link": 30, "secondary": 55, "secondary_link": 25,
        "tertiary": 40, "tertiary_link": 20, "unclassified": 25, "residential": 20, "road": 25
      },
      "use_maxspeed": true,
      "maxspeed_cap_kmh": 80,
      "walk_kmh": 6,
      "none_kmh": 80,
      "oneway": true,
      "access_keys": ["access", "vehicle", "motor_vehicle", "hgv"],
      "access_denied": ["no", "private", "agricultural", "forestry", "emergency", "psv", "bus", "customers", "delivery", "destination"],
      "ferry_kmh": 5,
      "border_control_delay_minutes": 120
    }
    """#

    private static let railJSON = #"""
    {
      "name": "rail",
      "description": "Freight and intercity trains on main-line railways.",
      "mode": "rail",
      "sources": [
        "railway=rail and narrow_gauge: https://wiki.openstreetmap.org/wiki/Key:railway; trams, subways and light rail are left out.",
        "Class speeds: an assumption of 80 km/h for standard lines (a mixed freight and passenger average) and 40 km/h for narrow gauge; maxspeed used where tagged.",
        "Rail is two-way: oneway on railways describes signalling, not a ban.",
        "Border control delay: an assumption (60 minutes), not a measurement."
      ],
      "tag": "railway",
      "speeds_kmh": { "rail": 80, "narrow_gauge": 40 },
      "use_maxspeed": true,
      "maxspeed_cap_kmh": null,
      "walk_kmh": 6,
      "none_kmh": 160,
      "oneway": false,
      "access_keys": [],
      "access_denied": [],
      "ferry_kmh": null,
      "border_control_delay_minutes": 60
    }
    """#
}
