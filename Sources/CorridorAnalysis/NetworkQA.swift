import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// A data-quality review of a built network: what a planner should check before trusting
/// its numbers. Each finding has a kind, a location, the numbers behind it and a suggested fix.
///
/// - Components: every component but the largest that holds population.
/// - Near misses: a dangling end of a road or rail line within `nearMissMeters` of another
///   line of its mode that it does not join, where the network distance between the two is
///   over `circuity` times the gap (so a short spur beside its own junction is not one).
/// - Suspect bridges: a link whose loss cuts off at least `suspectPopulation` people, whose
///   two sides hold nodes of its mode within `suspectGapMeters` of each other, reached
///   through the bridge only by a path over `circuity` times longer (a missing junction, not
///   a real bridge to an island).
/// - Crossings no border edge passes, and border edges no crossing covers (closed).
/// - Places whose access arc is longer than `longAccessMeters`.
/// - Duplicate edges (same ends and mode, lengths within 1 %) and edges under 1 m.
/// - Speeds (length over base time) outside each mode's range, and non-positive times.
public struct NetworkQA: Sendable, Codable {
    /// What a finding is about.
    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        case component
        case nearMiss = "near-miss"
        case suspectBridge = "suspect-bridge"
        case crossingWithoutEdge = "crossing-without-edge"
        case unmatchedBorderEdge = "unmatched-border-edge"
        case longAccess = "long-access"
        case duplicateEdge = "duplicate-edge"
        case zeroLength = "zero-length"
        case speedOutOfRange = "speed-out-of-range"

        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// One thing to check.
    public struct Finding: Sendable, Codable, Hashable {
        public var kind: Kind
        public var mode: String?
        /// Where it is (a node, an edge's middle, a crossing).
        public var lon: Double
        public var lat: Double
        /// The other end of a suggested connector (near misses, suspect bridges).
        public var toLon: Double?
        public var toLat: Double?
        /// The edge or node concerned, when one is.
        public var edge: Int?
        public var node: Int?
        /// The numbers behind the finding, by name (e.g. "gapMeters", "population").
        public var values: [String: Double]
        /// What was found, in one line.
        public var detail: String
        /// What would fix it.
        public var fix: String
    }

    /// The thresholds, with their defaults.
    public struct Options: Sendable, Codable, Hashable {
        /// A dangling end this close to another line of its mode is a near miss.
        public var nearMissMeters = 2_000.0
        /// A bridge whose smaller side holds at least this many people is checked.
        public var suspectPopulation = 50_000.0
        /// The two sides of a suspect bridge come this close by the same mode.
        public var suspectGapMeters = 5_000.0
        /// Network distance over straight distance above which two close nodes count as unjoined.
        public var circuity = 3.0
        /// A place's access arc longer than this is reported.
        public var longAccessMeters = 10_000.0
        /// Speeds (km/h) outside these ranges are reported, by mode.
        public var speedRange: [String: [Double]] = ["road": [5, 130], "rail": [5, 300], "sea": [5, 80], "ferry": [3, 80], "access": [1, 130]]

        public init() {}
    }

    public var options: Options
    public var findings: [Finding]
    /// Findings per kind (every kind listed, zeros included).
    public var counts: [String: Int]
    /// Components without population (not listed one by one), and their nodes.
    public var emptyComponents: Int
    public var emptyComponentNodes: Int
    public var nodes: Int
    public var edges: Int

    /// Reviews a network.
    /// - Parameters:
    ///   - network: the built network (its crossing states as they are).
    ///   - report: the build report (crossings without edges, unmatched border edges); nil
    ///     leaves those two kinds out.
    ///   - options: thresholds.
    public static func review(_ network: TransportNetwork, report: BuildReport?, options: Options = Options()) -> NetworkQA {
        var findings: [Finding] = []
        let g = network.graph
        let lengths = (0..<g.arcCount).map { network.edgeLengthMeters[Int(g.arcEdge[$0])] }

        // Components over every edge with a finite base time (crossing states ignored: a closed
        // border is a decision, not a data gap).
        let label = Components.labels(g, weights: g.arcEdge.map { network.edgeBaseSeconds[Int($0)] })
        var nodes = [Int](repeating: 0, count: (label.max() ?? -1) + 1), people = [Double](repeating: 0, count: nodes.count)
        var largestPlace = [Int?](repeating: nil, count: nodes.count)
        for v in 0..<network.nodeCount { nodes[label[v]] += 1 }
        for (i, p) in network.places.enumerated() {
            let l = label[Int(p.node)]
            people[l] += p.population
            if largestPlace[l].map({ network.places[$0].population < p.population }) ?? true { largestPlace[l] = i }
        }
        let largest = nodes.indices.max { (nodes[$0], $1) < (nodes[$1], $0) }
        var emptyComponents = 0, emptyNodes = 0
        for l in nodes.indices where l != largest {
            guard people[l] > 0, let i = largestPlace[l] else { emptyComponents += 1; emptyNodes += nodes[l]; continue }
            let top = network.places[i], c = network.coordinate(of: Int(top.node))
            findings.append(Finding(kind: .component, mode: nil, lon: c.lon, lat: c.lat, node: Int(top.node),
                                    values: ["nodes": Double(nodes[l]), "population": people[l]],
                                    detail: "\(nodes[l]) nodes holding \(Int(people[l])) people (largest place \(top.name)) join nothing else",
                                    fix: "look for the missing bridge, ferry, sea lane or junction that joins it"))
        }

        findings += nearMisses(network, lengths: lengths, options: options)
        findings += suspectBridges(network, lengths: lengths, options: options)

        if let report {
            for id in report.crossingsWithoutEdge {
                let parts = id.split(separator: "/")
                guard parts.count == 2, let i = network.crossings.firstIndex(where: { $0.id == parts[0] && $0.mode.rawValue == parts[1] }) else { continue }
                let x = network.crossings[i]
                findings.append(Finding(kind: .crossingWithoutEdge, mode: x.mode.rawValue, lon: x.position.lon, lat: x.position.lat, values: [:],
                                        detail: "crossing \(id) (\(x.name), \(x.status.rawValue)): no \(x.mode.rawValue) border edge passes it",
                                        fix: "add the \(x.mode.rawValue) line that crosses here, or move the crossing's hint onto it"))
            }
            for u in report.unmatchedBorderEdges {
                let mode = Mode(rawValue: u.mode)
                let here = Coordinate(lon: u.lon, lat: u.lat)
                let nearest = network.crossings.filter { $0.mode == mode }.map { ($0, Geodesic.wgs84.distanceMeters($0.position, here)) }.min { $0.1 < $1.1 }
                var values: [String: Double] = [:]
                var fix = "curate a crossing here (or confirm there is none)"
                if let (x, d) = nearest {
                    values["nearestCrossingMeters"] = d.rounded()
                    fix = "curate a crossing here, or widen the port area of \(x.id) (\(Int((d / 1000).rounded())) km away) if it covers this structure"
                }
                findings.append(Finding(kind: .unmatchedBorderEdge, mode: u.mode, lon: u.lon, lat: u.lat, edge: u.edge, values: values,
                                        detail: "\(u.mode) edge \(u.edge) crosses the \(u.countries.joined(separator: "–")) border with no known crossing, so it stays closed",
                                        fix: fix))
            }
        }

        // Access arcs, duplicates, zero lengths, speeds.
        var seen: [String: Int] = [:]
        for e in 0..<network.edgeCount {
            let mode = network.edgeMode[e], len = network.edgeLengthMeters[e], base = network.edgeBaseSeconds[e]
            let s = network.shape(of: e), mid = s[s.count / 2]
            if mode == .access, len > options.longAccessMeters {
                let place = [network.edgeTail[e], network.edgeHead[e]].first { network.nodeKind[Int($0)] == .place }
                if let p = place.flatMap({ v in network.places.first { $0.node == v } }) {
                    let c = network.coordinate(of: Int(p.node))
                    findings.append(Finding(kind: .longAccess, mode: mode.rawValue, lon: c.lon, lat: c.lat, edge: e, node: Int(p.node),
                                            values: ["meters": len.rounded(), "population": p.population],
                                            detail: "\(p.name) (\(p.country)) reaches the network over \(Int((len / 1000).rounded())) km",
                                            fix: "check the lines near \(p.name): a missing road or a place outside the lines' coverage"))
                }
            }
            guard mode != .transfer && mode != .access else { continue }
            if len < 1 {
                findings.append(Finding(kind: .zeroLength, mode: mode.rawValue, lon: mid.lon, lat: mid.lat, edge: e, values: ["meters": len],
                                        detail: "\(mode.rawValue) edge \(e) (\(network.edgeSource[e])) is \(String(format: "%.2f", len)) m long",
                                        fix: "merge its two ends in the source data"))
            }
            let a = min(network.edgeTail[e], network.edgeHead[e]), b = max(network.edgeTail[e], network.edgeHead[e])
            let key = "\(a)-\(b)-\(mode.rawValue)"
            if let other = seen[key], abs(network.edgeLengthMeters[other] - len) <= 0.01 * max(len, network.edgeLengthMeters[other]) {
                findings.append(Finding(kind: .duplicateEdge, mode: mode.rawValue, lon: mid.lon, lat: mid.lat, edge: e,
                                        values: ["meters": len.rounded(), "duplicateOf": Double(other)],
                                        detail: "\(mode.rawValue) edge \(e) repeats edge \(other) (same ends, same length)",
                                        fix: "drop one of the two lines in the source data"))
            } else if seen[key] == nil { seen[key] = e }
            if let range = options.speedRange[mode.rawValue], base.isFinite, len >= 1 {
                let kph = base > 0 ? len / base * 3.6 : .infinity
                if kph < range[0] || kph > range[1] {
                    findings.append(Finding(kind: .speedOutOfRange, mode: mode.rawValue, lon: mid.lon, lat: mid.lat, edge: e,
                                            values: ["kilometersPerHour": kph, "seconds": base, "meters": len.rounded()],
                                            detail: "\(mode.rawValue) edge \(e) runs at \(String(format: "%.1f", kph)) km/h (range \(Int(range[0]))–\(Int(range[1])))",
                                            fix: "check the speed assumption or the edge's time"))
                }
            }
        }

        findings.sort { ($0.kind, -$0.weight, $0.lon, $0.lat) < ($1.kind, -$1.weight, $1.lon, $1.lat) }
        var counts = Dictionary(uniqueKeysWithValues: Kind.allCases.map { ($0.rawValue, 0) })
        for f in findings { counts[f.kind.rawValue]! += 1 }
        return NetworkQA(options: options, findings: findings, counts: counts, emptyComponents: emptyComponents,
                         emptyComponentNodes: emptyNodes, nodes: network.nodeCount, edges: network.edgeCount)
    }

    /// Dangling road and rail ends near a line of their mode they do not join.
    static func nearMisses(_ network: TransportNetwork, lengths: [Double], options: Options) -> [Finding] {
        var out: [Finding] = []
        let search = Dijkstra(graph: network.graph)
        for mode in [Mode.road, .rail] {
            let index = SegmentIndex(network, mode: mode, cellDegrees: max(0.005, options.nearMissMeters / 111_000))
            guard !index.isEmpty else { continue }
            var degree = [Int32](repeating: 0, count: network.nodeCount)
            for e in 0..<network.edgeCount where network.edgeMode[e] == mode && network.edgeBaseSeconds[e].isFinite {
                degree[Int(network.edgeTail[e])] += 1; degree[Int(network.edgeHead[e])] += 1
            }
            for v in 0..<network.nodeCount where network.nodeMode[v] == mode && degree[v] == 1 {
                let c = network.coordinate(of: v)
                let own = Set(network.graph.arcs(of: v).map { Int(network.graph.arcEdge[$0]) })
                guard let hit = index.nearest(to: c, within: options.nearMissMeters, skipping: own) else { continue }
                // Joined already if the network reaches the other line's ends within circuity x gap.
                let limit = max(options.circuity * hit.meters, hit.meters + 1_000)
                let e = hit.edge
                let ends = [Int(network.edgeTail[e]), Int(network.edgeHead[e])]
                search.run(from: [v], weights: lengths, targets: ends, limit: limit)
                let along = ends.map(search.distance(to:)).min()!
                guard along > limit else { continue }
                out.append(Finding(kind: .nearMiss, mode: mode.rawValue, lon: c.lon, lat: c.lat, toLon: hit.point.lon, toLat: hit.point.lat,
                                   edge: e, node: v,
                                   values: ["gapMeters": hit.meters.rounded(), "networkMetersAtLeast": along.isFinite ? along.rounded() : limit.rounded()],
                                   detail: "\(mode.rawValue) end at node \(v) stops \(Int(hit.meters.rounded())) m from \(mode.rawValue) edge \(e) (\(network.edgeSource[e])) without joining it",
                                   fix: "join the end to the line (snap it, or add a \(Int(hit.meters.rounded())) m connector) if they meet on the ground"))
            }
        }
        return out
    }

    /// Bridges whose two populated sides come close by the same mode away from the bridge.
    static func suspectBridges(_ network: TransportNetwork, lengths: [Double], options: Options) -> [Finding] {
        // A data-gap check on the links as links: one-way edges count as links (the
        // structural, undirected view), so the review runs on directed networks too.
        let network = network.twoWay()
        let bridges = Criticality.bridges(network).filter {
            $0.populationCutOff >= options.suspectPopulation && ($0.mode == "road" || $0.mode == "rail")
        }
        let g = network.graph
        var out: [Finding] = []
        let w = network.arcSeconds()
        let nearSearch = Dijkstra(graph: g), farSearch = Dijkstra(graph: g)
        var fenced = lengths  // lengths with the arcs leaving one bridge's small side closed
        for b in bridges {
            let e = b.edge, mode = network.edgeMode[e]
            let t = Int(network.edgeTail[e]), h = Int(network.edgeHead[e])
            // The side of each end without the bridge (open arcs only, as Criticality).
            func side(from s: Int, cap: Int) -> [Int]? {
                var seen: Set<Int> = [s], stack = [s], out = [s]
                while let u = stack.popLast() {
                    for a in g.arcs(of: u) where w[a].isFinite && Int(g.arcEdge[a]) != e {
                        let v = Int(g.head[a])
                        if seen.insert(v).inserted { stack.append(v); out.append(v); if out.count > cap { return nil } }
                    }
                }
                return out
            }
            let cap = network.nodeCount / 2
            let (small, near, far): ([Int], Int, Int) = {
                if let s = side(from: h, cap: cap) { return (s, h, t) }
                return (side(from: t, cap: network.nodeCount)!, t, h)
            }()
            let inSmall = Set(small)
            // Distances within the small side from its end of the bridge.
            let leaving = small.flatMap { u in g.arcs(of: u).filter { !inSmall.contains(Int(g.head[$0])) } }
            for a in leaving { fenced[a] = .infinity }
            nearSearch.run(from: [near], weights: fenced, targets: nil)
            for a in leaving { fenced[a] = lengths[a] }
            let grid = PointGrid(lon: network.nodeLon, lat: network.nodeLat,
                                 members: (0..<network.nodeCount).filter { network.nodeMode[$0] == mode && !inSmall.contains($0) }.map(Int32.init),
                                 cellDegrees: 0.02)
            var best: (a: Int, b: Int, d: Double, net: Double)?
            for a in small where network.nodeMode[a] == mode {
                guard let (bNode, d) = grid.nearest(to: network.coordinate(of: a), maxMeters: options.suspectGapMeters), bNode != far || a != near else { continue }
                if let cur = best, d >= cur.d { continue }
                farSearch.run(from: [far], weights: lengths, targets: [bNode], limit: options.circuity * d + 1)
                let net = nearSearch.distance(to: a) + network.edgeLengthMeters[e] + farSearch.distance(to: bNode)
                if net > options.circuity * d { best = (a, bNode, d, net) }
            }
            guard let best else { continue }
            let ca = network.coordinate(of: best.a), cb = network.coordinate(of: best.b)
            out.append(Finding(kind: .suspectBridge, mode: mode.rawValue, lon: ca.lon, lat: ca.lat, toLon: cb.lon, toLat: cb.lat, edge: e, node: best.a,
                               values: ["population": b.populationCutOff, "gapMeters": best.d.rounded(),
                                        "networkMetersAtLeast": best.net.isFinite ? best.net.rounded() : (options.circuity * best.d).rounded(),
                                        "bridgeLon": b.lon, "bridgeLat": b.lat],
                               detail: "\(mode.rawValue) edge \(e) (\(network.edgeSource[e])) is the only link to \(Int(b.populationCutOff)) people, yet its two sides come within \(Int(best.d.rounded())) m of each other by \(mode.rawValue)",
                               fix: "join (\(ca.lon), \(ca.lat)) to (\(cb.lon), \(cb.lat)) if the lines meet on the ground (a missing junction, not a real bridge)"))
        }
        return out
    }
}

extension NetworkQA.Finding {
    /// How much a finding matters within its kind: population, else the inverse of a gap.
    var weight: Double {
        if let p = values["population"] { return p }
        if let g = values["gapMeters"] { return -g }
        if let d = values["nearestCrossingMeters"] { return -d }
        if let m = values["meters"] { return m }
        return 0
    }
}

/// Segments of one mode's edges in a lon/lat grid, for the nearest line to a point.
struct SegmentIndex {
    private let cellDegrees: Double
    private var cells: [Int64: [(edge: Int32, i: Int32)]] = [:]
    private let lon: [Double], lat: [Double], start: [UInt32]

    init(_ n: TransportNetwork, mode: Mode, cellDegrees: Double) {
        self.cellDegrees = cellDegrees
        lon = n.shapeLon; lat = n.shapeLat; start = n.edgeShapeStart
        for e in 0..<n.edgeCount where n.edgeMode[e] == mode && n.edgeBaseSeconds[e].isFinite {
            for i in Int(n.edgeShapeStart[e])..<(Int(n.edgeShapeStart[e + 1]) - 1) {
                let x0 = cell(min(lon[i], lon[i + 1])), x1 = cell(max(lon[i], lon[i + 1]))
                let y0 = cell(min(lat[i], lat[i + 1])), y1 = cell(max(lat[i], lat[i + 1]))
                guard (x1 - x0 + 1) * (y1 - y0 + 1) <= 400 else { continue }  // a long straight sea-like segment
                for x in x0...x1 { for y in y0...y1 { cells[key(x, y), default: []].append((Int32(e), Int32(i))) } }
            }
        }
    }

    var isEmpty: Bool { cells.isEmpty }
    private func cell(_ v: Double) -> Int64 { Int64((v / cellDegrees).rounded(.down)) }
    private func key(_ x: Int64, _ y: Int64) -> Int64 { (x << 32) ^ (y & 0xFFFF_FFFF) }

    /// The nearest segment point of an edge not in `skipping`, within `meters`.
    func nearest(to c: Coordinate, within meters: Double, skipping: Set<Int>) -> (edge: Int, meters: Double, point: Coordinate)? {
        let mPerDegLat = 111_320.0, mPerDegLon = 111_320.0 * max(0.05, cos(c.lat * .pi / 180))
        let rx = Int64((meters / mPerDegLon / cellDegrees).rounded(.up)), ry = Int64((meters / mPerDegLat / cellDegrees).rounded(.up))
        let cx = cell(c.lon), cy = cell(c.lat)
        var best: (Int, Double, Coordinate)?
        for x in (cx - rx)...(cx + rx) {
            for y in (cy - ry)...(cy + ry) {
                guard let list = cells[key(x, y)] else { continue }
                for (e, i) in list where !skipping.contains(Int(e)) {
                    let i = Int(i)
                    // Local plane at the point's latitude.
                    let ax = (lon[i] - c.lon) * mPerDegLon, ay = (lat[i] - c.lat) * mPerDegLat
                    let bx = (lon[i + 1] - c.lon) * mPerDegLon, by = (lat[i + 1] - c.lat) * mPerDegLat
                    let dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy
                    let t = len2 > 0 ? min(1, max(0, -(ax * dx + ay * dy) / len2)) : 0
                    let px = ax + t * dx, py = ay + t * dy
                    let d = (px * px + py * py).squareRoot()
                    if d <= meters, best == nil || d < best!.1 {
                        best = (Int(e), d, Coordinate(lon: c.lon + px / mPerDegLon, lat: c.lat + py / mPerDegLat))
                    }
                }
            }
        }
        // The nearest point is found on a local plane; its distance is measured on the ellipsoid.
        return best.map { (edge: $0.0, meters: Geodesic.wgs84.distanceMeters(c, $0.2), point: $0.2) }
    }
}

extension NetworkQA {
    /// The review as text: counts by kind, then the first `top` findings of each kind.
    /// - Parameter top: findings printed per kind.
    public func text(top: Int = 5) -> String {
        var lines = ["quality review: \(nodes) nodes, \(edges) edges; \(findings.count) findings"]
        for k in Kind.allCases { lines.append("  " + k.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%6d", counts[k.rawValue] ?? 0)) }
        if emptyComponents > 0 {
            lines.append("  (and \(emptyComponents) components without population, \(emptyComponentNodes) nodes in all)")
        }
        for k in Kind.allCases {
            let list = findings.filter { $0.kind == k }
            guard !list.isEmpty, top > 0 else { continue }
            lines.append("\(k.rawValue)\(list.count > top ? " (first \(top) of \(list.count))" : ""):")
            for f in list.prefix(top) {
                lines.append(String(format: "  (%.3f, %.3f) ", f.lon, f.lat) + f.detail)
                lines.append("      fix: " + f.fix)
            }
        }
        return lines.joined(separator: "\n")
    }
}
