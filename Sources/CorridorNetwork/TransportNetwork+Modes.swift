import CorridorData
import CorridorGeo
import Foundation

/// The line modes a question may use (`--modes rail`, `--modes road,rail`): the other line
/// modes are closed, transfers happen only at the hubs (ports, terminals) that join two
/// allowed modes, and without road each place enters the network at its nearest rail node.
public struct ModeSelection: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The modes a selection can name: the network's line modes.
    public static let lineModes: [Mode] = [.road, .rail, .sea, .ferry]

    /// The allowed line modes (a non-empty subset of `lineModes`).
    public let modes: Set<Mode>

    /// - Parameter modes: the allowed line modes.
    /// - Throws: `DataError.invalid` when `modes` is empty or names a mode that is not a line mode.
    public init(_ modes: Set<Mode>) throws {
        guard !modes.isEmpty else { throw DataError.invalid("modes", "no mode given; modes are road, rail, sea, ferry") }
        if let bad = modes.filter({ !Self.lineModes.contains($0) }).min(by: { $0.rawValue < $1.rawValue }) {
            throw DataError.invalid("modes \(bad.rawValue)", "not a line mode; modes are road, rail, sea, ferry")
        }
        self.modes = modes
    }

    /// Parses "rail" or "road,rail" (commas or plus signs, any case).
    /// - Parameters:
    ///   - text: the list as the user wrote it.
    ///   - option: the option or field named in the error (e.g. "--modes").
    /// - Throws: `DataError.invalid` naming the option and the unknown word.
    public init(parsing text: String, option: String = "--modes") throws {
        var set = Set<Mode>()
        for word in text.split(whereSeparator: { $0 == "," || $0 == "+" }).map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !word.isEmpty {
            guard let m = Mode(rawValue: word), Self.lineModes.contains(m) else {
                throw DataError.invalid("\(option) \(text)", "unknown mode '\(word)'; modes are road, rail, sea, ferry")
            }
            set.insert(m)
        }
        guard !set.isEmpty else { throw DataError.invalid("\(option) \(text)", "no mode given; modes are road, rail, sea, ferry") }
        self.modes = set
    }

    /// The line modes closed for the question (what `arcSeconds(excluding:)` takes).
    public var excluding: Set<Mode> { Set(Self.lineModes).subtracting(modes) }

    /// "rail", "road+rail": the allowed modes in the order of `lineModes`.
    public var description: String { Self.lineModes.filter(modes.contains).map(\.rawValue).joined(separator: "+") }
}

extension TransportNetwork {
    /// The line modes with at least one edge in the network.
    public var presentLineModes: Set<Mode> {
        var found = Set<Mode>()
        for m in edgeMode where ModeSelection.lineModes.contains(m) {
            found.insert(m)
            if found.count == ModeSelection.lineModes.count { break }
        }
        return found
    }

    /// The network as a question restricted to `selection` sees it. With road allowed the
    /// network is unchanged (places already join the road network); without road, each
    /// place's access arc is moved to its nearest rail node (in a rail component of at least
    /// 20 nodes, or the largest), in its own country within `ownCountryReachMeters` when there
    /// is one, else within `stationReachMeters`, costed at the access speed, and
    /// a place with no rail within reach keeps a closed arc. Node and edge ids stay the same,
    /// so scenario operations and results index the same elements.
    /// - Parameters:
    ///   - selection: the allowed line modes.
    ///   - stationReachMeters: how far a place may lie from a rail node across a border.
    ///   - ownCountryReachMeters: how far a place may lie from a rail node in its own country
    ///     (the generalised lines have long edges without nodes: Kaesong's nearest DPRK rail
    ///     node is 42 km away, its nearest node 14 km away across the DMZ).
    /// - Throws: `DataError.invalid` for a mode the network lacks, or a selection without
    ///   road or rail (places reach the sea only through ports).
    public func restricted(to selection: ModeSelection, stationReachMeters: Double = 30_000,
                           ownCountryReachMeters: Double = 50_000) throws -> TransportNetwork {
        let present = presentLineModes
        if let missing = ModeSelection.lineModes.first(where: { selection.modes.contains($0) && !present.contains($0) }) {
            let have = ModeSelection.lineModes.filter(present.contains).map(\.rawValue).joined(separator: ", ")
            throw DataError.invalid("--modes \(selection)", "this network has no \(missing.rawValue) links (it has \(have))")
        }
        if selection.modes.contains(.road) { return self }
        guard selection.modes.contains(.rail) else {
            throw DataError.invalid("--modes \(selection)", "places join the network by road or rail; add road or rail (ports then link them to the sea)")
        }
        var n = self
        // Rail nodes in substantial rail components.
        var sets = UnionFind(count: nodeCount)
        for e in 0..<edgeCount where edgeMode[e] == .rail { sets.union(Int(edgeTail[e]), Int(edgeHead[e])) }
        let railNodes = (0..<nodeCount).filter { nodeMode[$0] == .rail }
        var size: [Int: Int] = [:]
        for v in railNodes { size[sets.find(v), default: 0] += 1 }
        let floor = min(20, size.values.max() ?? 0)
        let grid = PointGrid(lon: nodeLon, lat: nodeLat, members: railNodes.filter { size[sets.find($0)]! >= floor }.map(Int32.init))
        let accessKph = speeds.first { $0.mode == .access && $0.country == nil }?.kilometersPerHour ?? 30
        var edgeOfPlace = [Int](repeating: -1, count: nodeCount)
        for e in 0..<edgeCount where edgeMode[e] == .access {
            if nodeKind[Int(edgeTail[e])] == .place { edgeOfPlace[Int(edgeTail[e])] = e }
            else if nodeKind[Int(edgeHead[e])] == .place { edgeOfPlace[Int(edgeHead[e])] = e }
        }
        for p in places {
            let v = Int(p.node), e = edgeOfPlace[v]
            guard e >= 0 else { continue }
            let c = coordinate(of: v)
            // A station in the place's own country when there is one within reach (a border
            // town's nearest track may lie across the border), else the nearest.
            let own = countries.firstIndex(of: p.country).map(Int16.init)
            let inCountry = own.flatMap { k in grid.nearest(to: c, maxMeters: ownCountryReachMeters, where: { nodeCountry[$0] == k }) }
            guard let station = inCountry ?? grid.nearest(to: c, maxMeters: stationReachMeters) else {
                n.edgeBaseSeconds[e] = .infinity
                continue
            }
            n.edgeTail[e] = UInt32(v); n.edgeHead[e] = UInt32(station.node)
            n.edgeLengthMeters[e] = station.meters
            n.edgeBaseSeconds[e] = station.meters / (accessKph / 3.6)
            // The arc's shape in place: the place first, the station at every later vertex
            // (the builder's access shapes have two).
            let s = Int(edgeShapeStart[e]), end = Int(edgeShapeStart[e + 1])
            n.shapeLon[s] = c.lon; n.shapeLat[s] = c.lat
            for k in (s + 1)..<end { n.shapeLon[k] = nodeLon[station.node]; n.shapeLat[k] = nodeLat[station.node] }
        }
        n.graph = CSRGraph(nodeCount: nodeCount, tails: n.edgeTail, heads: n.edgeHead)
        return n
    }
}

/// The modes a user allows an analysis: every mode, every mode but sea (`land`), or a
/// selection (`--modes road,rail`).
public struct ModeChoice: Sendable, Hashable {
    /// Every mode but sea.
    public var land: Bool
    /// The selection as the user wrote it (comma-separated modes), nil for every mode.
    public var modes: String?

    /// - Parameters:
    ///   - land: every mode but sea.
    ///   - modes: comma-separated modes (road, rail, sea, ferry); nil for every mode.
    public init(land: Bool = false, modes: String? = nil) {
        self.land = land
        self.modes = modes
    }

    /// The selected modes, nil for every mode (or every mode but sea with `land`).
    /// - Throws: `DataError.invalid` for an unknown mode.
    public func selection() throws -> ModeSelection? {
        try modes.map { try ModeSelection(parsing: $0) }
    }

    /// The modes closed for the analysis.
    public var excluding: Set<Mode> {
        if land { return [.sea] }
        return ((try? selection()) ?? nil)?.excluding ?? []
    }

    /// The modes every corridor is measured on instead of its own: the selection, or with
    /// `land` every mode of the network but sea; nil for neither.
    /// - Parameter network: the network (for the modes it has).
    public func override(_ network: TransportNetwork) throws -> ModeSelection? {
        if land { return try ModeSelection(network.presentLineModes.subtracting([.sea])) }
        return try selection()
    }

    /// The network as the chosen modes see it (places re-anchored on rail without road).
    /// - Throws: `DataError.invalid` for an unknown mode or one the network lacks.
    public func restrict(_ network: TransportNetwork) throws -> TransportNetwork {
        guard let s = try selection() else { return network }
        return try network.restricted(to: s)
    }
}
