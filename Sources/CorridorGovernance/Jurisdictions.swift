import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// A level of the jurisdiction tree: countries, their admin-1 units, or a functional overlay
/// (metro areas, river basins) that cuts across both.
public struct JurisdictionLevel: Sendable, Hashable, Codable, CustomStringConvertible {
    public let name: String
    public static let country = JurisdictionLevel(name: "country")
    public static let admin1 = JurisdictionLevel(name: "admin1")
    /// An overlay level, named after its layer.
    public static func overlay(_ name: String) -> JurisdictionLevel { JurisdictionLevel(name: "overlay:\(name)") }
    public var description: String { name }

    /// Parses "country", "admin1" (or "admin-1").
    /// - Throws: `DataError.invalid` naming the option.
    public init(parsing text: String, option: String = "--level") throws {
        switch text.lowercased() {
        case "country": self = .country
        case "admin1", "admin-1": self = .admin1
        default: throw DataError.invalid("\(option) \(text)", "unknown level (country, admin1)")
        }
    }

    init(name: String) { self.name = name }
}

/// A polygon layer of functional regions (metro areas, river basins, special zones) that
/// cut across the administrative tree; each network node lies in at most one of them.
public struct FunctionalOverlay: Sendable {
    public var name: String
    public var regions: [String]
    /// Index into `regions` per network node, or -1.
    public var nodeRegion: [Int32]

    public init(name: String, regions: [String], nodeRegion: [Int32]) {
        self.name = name
        self.regions = regions
        self.nodeRegion = nodeRegion
    }

    /// Reads a polygon layer and places every node of `network` in the region that covers it.
    /// - Parameters:
    ///   - path: any vector file GDAL reads, with a CRS.
    ///   - nameField: the field naming each region (else "#feature id").
    ///   - network: the network whose nodes are assigned.
    /// - Throws: `DataError.invalid` naming the file (and the feature) for a missing CRS, an
    ///   empty layer or a geometry that is not a polygon.
    public static func read(path: String, nameField: String = "name", network: TransportNetwork) throws -> FunctionalOverlay {
        let layer = try VectorDataset(path: path).layer()
        var data = try layer.readAll()
        guard !data.features.isEmpty else { throw DataError.invalid(path, "overlay layer '\(data.name)' is empty") }
        guard let crs = data.crs else { throw DataError.invalid(path, "overlay has no CRS; write it with one (e.g. EPSG:4326)") }
        if crs != .wgs84 {
            let t = try CoordinateTransform(from: crs, to: .wgs84)
            for i in data.features.indices {
                if let s = data.features[i].shape { data.features[i].shape = try t.forward(s) }
            }
        }
        let geos = try GEOSContext()
        var shapes: [Shape] = [], names: [String] = []
        for f in data.features {
            guard let s = f.shape, s.kind == .polygon || s.kind == .multiPolygon else {
                throw DataError.invalid("\(path): feature \(f.id)", "expected Polygon or MultiPolygon, got \(f.shape.map { "\($0.kind)" } ?? "no geometry")")
            }
            shapes.append(s)
            let v = data.value(f, nameField).stringValue ?? ""
            names.append(v.isEmpty ? "#\(f.id)" : v)
        }
        let nodeRegion = try PolygonCover.assign(lon: network.nodeLon, lat: network.nodeLat, shapes: shapes, geos: geos) { network.nodeMode[$0] != .sea }
        return FunctionalOverlay(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, regions: names, nodeRegion: nodeRegion)
    }
}

/// The jurisdictions a network knows (countries and admin-1 units, from its nodes), the
/// user's functional overlays, and the initiatives in force on a day with their members.
public struct JurisdictionModel: Sendable {
    public let network: TransportNetwork
    public let governance: GovernanceSpec
    /// The day memberships are read on (YYYY-MM-DD).
    public let day: String
    public let overlays: [FunctionalOverlay]

    /// - Parameters:
    ///   - network: the network whose nodes carry countries and admin-1 units.
    ///   - governance: the initiatives, gates and twin cities (none if nil).
    ///   - day: memberships in force on this day (YYYY-MM-DD); today when nil.
    ///   - overlays: functional regions that cut across the administrative tree.
    /// - Throws: `DataError.invalid` for a day that is not YYYY-MM-DD.
    public init(network: TransportNetwork, governance: GovernanceSpec?, asOf day: String? = nil, overlays: [FunctionalOverlay] = []) throws {
        let d = day ?? CalendarDay.today()
        guard CalendarDay.isValid(d) else { throw DataError.invalid("--as-of \(d)", "give a date as YYYY-MM-DD") }
        self.network = network
        self.governance = governance ?? GovernanceSpec(initiatives: [], gates: [])
        self.day = d
        self.overlays = overlays
    }

    /// Country, admin-1 (when the network has admin-1 units) and each overlay.
    public var levels: [JurisdictionLevel] {
        [.country] + (network.admin1Names.isEmpty ? [] : [.admin1]) + overlays.map { .overlay($0.name) }
    }

    /// The jurisdiction of a node at a level, nil outside every one (at sea, or outside an overlay).
    public func jurisdiction(of node: Int, at level: JurisdictionLevel) -> String? {
        switch level {
        case .country: return network.country(of: node)
        case .admin1: return network.admin1(of: node)
        default:
            guard let o = overlays.first(where: { JurisdictionLevel.overlay($0.name) == level }) else { return nil }
            let r = o.nodeRegion[node]
            return r >= 0 ? o.regions[Int(r)] : nil
        }
    }

    /// Per node, a small integer id of its jurisdiction at a level (-1 for none), with the names.
    public func labels(at level: JurisdictionLevel) -> (labels: [Int32], names: [String]) {
        switch level {
        case .country: return (network.nodeCountry.map(Int32.init), network.countries)
        case .admin1: return (network.nodeAdmin1, network.admin1Names)
        default:
            guard let o = overlays.first(where: { JurisdictionLevel.overlay($0.name) == level }) else {
                return ([Int32](repeating: -1, count: network.nodeCount), [])
            }
            return (o.nodeRegion, o.regions)
        }
    }

    /// `network` (the model's, or a view of it with the same nodes) with every edge touching
    /// the jurisdiction's territory closed: the jurisdiction withdraws.
    public func withdrawn(_ jurisdiction: String, at level: JurisdictionLevel, from network: TransportNetwork) -> TransportNetwork {
        let (labels, names) = self.labels(at: level)
        guard let index = names.firstIndex(of: jurisdiction).map(Int32.init) else { return network }
        return network.closingEdges((0..<network.edgeCount).filter {
            labels[Int(network.edgeTail[$0])] == index || labels[Int(network.edgeHead[$0])] == index
        })
    }

    /// The initiatives in force on the model's day.
    public var initiativesInForce: [GovernanceSpec.Initiative] {
        governance.initiatives.filter { $0.isInForce(on: day) }
    }

    /// Does `member` (a country or admin-1 unit) cover `jurisdiction`? A country covers its
    /// admin-1 units.
    public static func covers(_ member: String, _ jurisdiction: String) -> Bool {
        member == jurisdiction || jurisdiction.hasPrefix(member + "/")
    }

    /// The initiatives in force whose members on the day cover every one of `jurisdictions`:
    /// the frameworks a cross-border arrangement could sit in when there is no common superior.
    public func frameworks(covering jurisdictions: Set<String>) -> [GovernanceSpec.Initiative] {
        guard !jurisdictions.isEmpty else { return [] }
        return initiativesInForce.filter { i in
            let members = i.members(on: day)
            return jurisdictions.allSatisfy { j in members.contains { Self.covers($0, j) } }
        }
    }

    /// The lowest common superior of a set of countries and admin-1 units: the admin-1 unit
    /// when all are one, the country when all lie in one, nil when they span countries (no
    /// jurisdiction stands above two sovereign states).
    public static func commonSuperior(countries: Set<String>, admin1: Set<String>) -> (name: String, level: String)? {
        if countries.count == 1, let c = countries.first {
            if admin1.count == 1, let a = admin1.first, a.hasPrefix(c + "/") { return (a, "admin1") }
            return (c, "country")
        }
        return nil
    }
}
