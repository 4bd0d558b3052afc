import CorridorData
import CorridorGeo
import Foundation

/// Builds a `TransportNetwork` from layers: topology per mode, countries and admin-1 per node,
/// travel times from speed assumptions, border edges matched to crossings, places and seaports
/// joined by access arcs, and transfer hubs at ports and rail cities.
///
/// Transfer hubs (ports, terminals) charge each of their arcs a half-transfer
/// h_m = (t(m,x) + t(m,y) - t(x,y)) / 2 for the three modes m, x, y, so that passing through a
/// hub from one mode to another costs exactly the transfer time between them. Places are
/// leaves (one access arc), so no route passes through a city.
public struct NetworkBuilder {
    public var options: NetworkOptions
    public var log: @Sendable (String) -> Void

    public init(options: NetworkOptions = NetworkOptions(), log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.log = log
    }

    /// Builds an embedded region with its own settings.
    public static func build(region: Region) throws -> (TransportNetwork, BuildReport) {
        try NetworkBuilder(options: NetworkOptions(for: region)).build(NetworkInputs.region(region))
    }

    public func build(_ inputs: NetworkInputs) throws -> (TransportNetwork, BuildReport) {
        var report = BuildReport()
        let geos = try GEOSContext()

        // Nodes and edges accumulate here; node ids are assigned in order.
        var lon: [Double] = [], lat: [Double] = [], kind: [NodeKind] = [], nodeMode: [Mode?] = []
        var eTail: [UInt32] = [], eHead: [UInt32] = [], eMode: [Mode] = [], eLen: [Double] = []
        var eSource: [String] = [], eShapes: [[Coordinate]] = []
        var eExtraSeconds: [Double] = []  // transfer time added to connector edges
        var eFixedSeconds: [Double?] = []  // a line's own speed (speed_kmh) fixes its time
        var eOneWay: [Bool] = []
        var modeNodes: [Mode: [Int32]] = [:]

        func addNode(_ c: Coordinate, _ k: NodeKind, _ m: Mode?) -> Int {
            lon.append(c.lon); lat.append(c.lat); kind.append(k); nodeMode.append(m)
            return lon.count - 1
        }
        func addEdge(_ t: Int, _ h: Int, _ m: Mode, _ shape: [Coordinate], _ source: String, extraSeconds: Double = 0,
                     fixedSeconds: Double? = nil, oneWay: Bool = false) {
            eTail.append(UInt32(t)); eHead.append(UInt32(h)); eMode.append(m)
            eLen.append(Geodesic.wgs84.lengthMeters(of: shape)); eSource.append(source); eShapes.append(shape)
            eExtraSeconds.append(extraSeconds); eFixedSeconds.append(fixedSeconds); eOneWay.append(oneWay)
        }

        // 1. Topology per line mode.
        for (layerKind, mode) in [(LayerKind.road, Mode.road), (.rail, .rail), (.sea, .sea)] {
            guard var layer = inputs.layers[layerKind] else { continue }
            // Curated repairs: labelled "repair:ID", or left out without repairs.
            var repairOf: [Int64: String] = [:]
            if layer.data.fieldIndex("repair") != nil {
                if !options.applyRepairs {
                    let kept = layer.data.features.filter { layer.data.value($0, "repair").stringValue == nil }
                    layer.data.features = kept
                }
                for f in layer.data.features { if let r = layer.data.value(f, "repair").stringValue { repairOf[f.id] = r } }
            }
            var lines = try LayerValidation.lines(layer)
            if mode == .sea {
                // Lanes that jump the antimeridian would wrap the globe: split them there.
                lines = lines.map { ($0.id, $0.parts.flatMap(Self.splitAtAntimeridian)) }
            }
            // A line's own speed (speed_kmh) and direction (oneway), when the layer has them.
            let (speedOf, oneWayOf) = try Self.lineAttributes(layer, mode: mode, lines: &lines)
            let topo = LineTopology(lines: lines, snapToleranceMeters: options.snapToleranceMeters)
            guard !topo.edges.isEmpty else {
                throw DataError.invalid(layer.label, "no usable \(mode.rawValue) lines: the layer's \(lines.count) features give no edge (empty or zero-length geometries)")
            }
            var topoNodes = topo.nodes
            var topoEdges = topo.edges.map { e in
                TopologyEdge(tail: e.tail, head: e.head, shape: e.shape, source: e.source, oneWay: oneWayOf.contains(e.source),
                             seconds: speedOf[e.source].map { Geodesic.wgs84.lengthMeters(of: e.shape) / ($0 / 3.6) })
            }
            if options.simplify { (topoNodes, topoEdges) = ChainSimplifier.simplify(nodes: topoNodes, edges: topoEdges) }
            let base = lon.count
            for c in topoNodes { modeNodes[mode, default: []].append(Int32(addNode(c, .network, mode))) }
            var degree = [Int](repeating: 0, count: topoNodes.count)
            for e in topoEdges {
                addEdge(base + e.tail, base + e.head, mode, e.shape, repairOf[e.source].map { "repair:\($0)" } ?? "\(layerKind.rawValue):\(e.source)",
                        fixedSeconds: e.seconds, oneWay: e.oneWay)
                degree[e.tail] += 1; degree[e.head] += 1
            }
            var counts = BuildReport.ModeCounts()
            counts.nodes = topoNodes.count
            counts.edges = topoEdges.count
            let oneWayCount = topoEdges.filter(\.oneWay).count
            counts.oneWayEdges = oneWayCount > 0 ? oneWayCount : nil
            counts.snappedEnds = topo.snappedEnds
            counts.droppedSelfLoops = topo.droppedSelfLoops
            counts.danglingEnds = degree.filter { $0 == 1 }.count
            counts.lengthKilometers = (eLen.suffix(topoEdges.count).reduce(0, +) / 1000).rounded()
            report.modes[mode.rawValue] = counts
            log("\(mode.rawValue): \(topoNodes.count) nodes, \(topoEdges.count) edges, \(topo.snappedEnds) ends snapped")
        }
        guard !lon.isEmpty else { throw DataError.invalid("network", "no road, rail or sea layer given") }

        // Entry points: nodes of each mode's substantial components.
        var componentSize = [Int](repeating: 0, count: lon.count)
        do {
            var sets = UnionFind(count: lon.count)
            for (t, h) in zip(eTail, eHead) { sets.union(Int(t), Int(h)) }
            let labels = sets.roots()
            var sizes: [Int: Int] = [:]
            for l in labels { sizes[l, default: 0] += 1 }
            for v in 0..<lon.count { componentSize[v] = sizes[labels[v]]! }
        }
        let grids = Dictionary(uniqueKeysWithValues: modeNodes.map { mode, members -> (Mode, PointGrid) in
            let largest = members.map { componentSize[Int($0)] }.max() ?? 0
            let floor = min(options.minimumComponentNodes, largest)
            return (mode, PointGrid(lon: lon, lat: lat, members: members.filter { componentSize[Int($0)] >= floor }))
        })
        let halves = Self.halfTransfers(inputs.transfers)
        let accessSpeed = Self.speed(inputs.speeds, .access, nil) ?? 30

        // 2. Places: leaves with one access arc to the nearest road node (else rail, else any).
        var places: [NetworkPlace] = []
        if let layer = inputs.layers[.places] {
            for f in layer.data.features {
                let c = try LayerValidation.point(layer, f)
                let name = try LayerValidation.text(layer, f, ["name", "NAME", "nameascii"]) ?? ""
                let id = try LayerValidation.text(layer, f, ["place_id", "id", "geonameid"], required: false) ?? "place:\(f.id)"
                let target = [Mode.road, .rail].lazy.compactMap { grids[$0]?.nearest(to: c, maxMeters: options.placeAccessMaxMeters) }.first
                guard let target else { report.placesUnconnected.append(id); continue }
                let p = addNode(c, .place, nil)
                addEdge(p, target.node, .access, [c, Coordinate(lon: lon[target.node], lat: lat[target.node])], "place:\(id)")
                let country = try LayerValidation.text(layer, f, ["adm0_a3", "ADM0_A3", "country"], required: false) ?? ""
                let pop = layer.data.value(f, "population").doubleValue ?? layer.data.value(f, "pop_max").doubleValue ?? 0
                let capital = layer.data.value(f, "capital").stringValue ?? ""
                guard ["", "country", "admin1"].contains(capital) else {
                    throw DataError.invalid("\(layer.label): feature \(f.id)", "capital '\(capital)' is not country, admin1 or empty")
                }
                places.append(NetworkPlace(node: UInt32(p), id: id, name: name, country: country, population: max(0, pop), capital: capital))
            }
        }

        // 3. Terminals: road-rail hubs at populous places with rail nearby, one per rail node.
        if let rail = grids[.rail], let road = grids[.road] {
            var seen = Set<Int>()
            for p in places where p.population >= options.terminalMinPopulation {
                let c = Coordinate(lon: lon[Int(p.node)], lat: lat[Int(p.node)])
                guard let r = rail.nearest(to: c, maxMeters: options.railLinkMaxMeters), !seen.contains(r.node),
                      let d = road.nearest(to: c, maxMeters: options.railLinkMaxMeters) else { continue }
                seen.insert(r.node)
                let t = addNode(c, .terminal, nil)
                addEdge(t, d.node, .transfer, [c, coordinate(d.node, lon, lat)], "terminal:\(p.id)", extraSeconds: halves[.road] ?? 0)
                addEdge(t, r.node, .transfer, [c, coordinate(r.node, lon, lat)], "terminal:\(p.id)", extraSeconds: halves[.rail] ?? 0)
                report.terminals += 1
            }
        }

        // 4. Ports: hubs linked to road, rail and sea with half-transfers.
        var ports: [NetworkPort] = []
        if let layer = inputs.layers[.ports] {
            for f in layer.data.features {
                let c = try LayerValidation.point(layer, f)
                let id = try LayerValidation.text(layer, f, ["port_id", "id"], required: false) ?? "port:\(f.id)"
                let links: [(Mode, Double)] = [(.road, options.portRoadMaxMeters), (.rail, options.railLinkMaxMeters), (.sea, options.portSeaMaxMeters)]
                let found = links.compactMap { m, reach in grids[m]?.nearest(to: c, maxMeters: reach).map { (m, $0.node) } }
                guard found.contains(where: { $0.0 != .sea }) else { report.portsUnconnected.append(id); continue }
                let p = addNode(c, .port, nil)
                for (m, n) in found {
                    addEdge(p, n, .transfer, [c, coordinate(n, lon, lat)], "port:\(id)", extraSeconds: halves[m] ?? 0)
                }
                ports.append(NetworkPort(node: UInt32(p), id: id,
                                         name: try LayerValidation.text(layer, f, ["name", "Main Port Name"], required: false) ?? id,
                                         country: try LayerValidation.text(layer, f, ["adm0_a3", "country"], required: false) ?? "",
                                         harborSize: layer.data.value(f, "harbor_size").stringValue))
            }
        }

        // 5. Countries and admin-1 per node.
        let n = lon.count
        var countryCodes: [String] = []
        var nodeCountry = [Int16](repeating: -1, count: n)
        if let layer = inputs.layers[.countries] {
            var polys: [(code: String, prepared: PreparedGeometry, envelope: Envelope)] = []
            for f in layer.data.features {
                let s = try LayerValidation.polygons(layer, f)
                let code = try LayerValidation.text(layer, f, ["adm0_a3", "ADM0_A3", "iso_a3", "ISO_A3", "country"])!
                polys.append((code, try geos.geometry(s, context: "\(layer.label): feature \(f.id)").prepared(), s.envelope!))
            }
            countryCodes = Array(Set(polys.map(\.code))).sorted()
            let index = Dictionary(uniqueKeysWithValues: countryCodes.enumerated().map { ($0.element, Int16($0.offset)) })
            for v in 0..<n where nodeMode[v] != .sea {
                let c = Coordinate(lon: lon[v], lat: lat[v])
                var hit: String?
                for p in polys where p.envelope.contains(c) {
                    if try p.prepared.covers(c) { hit = p.code; break }
                }
                if hit == nil {
                    // Coastal ends and harbour points just outside the generalised coastline.
                    let point = try geos.point(c)
                    for p in polys where p.envelope.expanded(by: 0.05).contains(c) {
                        if try p.prepared.isWithinDistance(point, 0.05) { hit = p.code; break }
                    }
                }
                if let hit { nodeCountry[v] = index[hit]! }
            }
        }
        var admin1Names: [String] = []
        var nodeAdmin1 = [Int32](repeating: -1, count: n)
        if let layer = inputs.layers[.admin1] {
            var shapes: [Shape] = []
            for f in layer.data.features {
                shapes.append(try LayerValidation.polygons(layer, f))
                let code = try LayerValidation.text(layer, f, ["adm0_a3", "ADM0_A3"], required: false) ?? ""
                admin1Names.append("\(code)/\(try LayerValidation.text(layer, f, ["name", "NAME"], required: false) ?? "#\(f.id)")")
            }
            nodeAdmin1 = try PolygonCover.assign(lon: lon, lat: lat, shapes: shapes, geos: geos) { nodeMode[$0] != .sea }
        }

        // 6. Crossings, and border edges matched to them.
        var crossings: [NetworkCrossing] = []
        var portArea: [Int: Double] = [:]  // crossings whose port area is curated
        if let layer = inputs.layers[.crossings] {
            for f in layer.data.features {
                let c = try LayerValidation.point(layer, f)
                let where_ = "\(layer.label): feature \(f.id)"
                let modeText = try LayerValidation.text(layer, f, ["mode"])!
                guard let mode = Mode(rawValue: modeText.lowercased()) else {
                    throw DataError.invalid(where_, "unknown mode '\(modeText)' (road, rail, ferry)")
                }
                let statusText = try LayerValidation.text(layer, f, ["status"], required: false) ?? "open"
                guard let status = CrossingStatus(rawValue: statusText.lowercased()) else {
                    throw DataError.invalid(where_, "unknown status '\(statusText)' (open, closed, planned, unverified)")
                }
                let delay = layer.data.value(f, "delay_minutes").doubleValue ?? 0
                guard delay.isFinite, delay >= 0 else { throw DataError.invalid(where_, "delay_minutes \(delay) must be a non-negative number") }
                if options.applyRepairs, let km = layer.data.value(f, "port_area_km").doubleValue {
                    guard km.isFinite, km > 0, km <= 100 else { throw DataError.invalid(where_, "port_area_km \(km) must be in (0, 100]") }
                    portArea[crossings.count] = km * 1000
                }
                let gauge = layer.data.value(f, "gauge_change_minutes").doubleValue ?? 0
                guard gauge.isFinite, gauge >= 0 else { throw DataError.invalid(where_, "gauge_change_minutes \(gauge) must be a non-negative number") }
                guard gauge == 0 || mode == .rail else { throw DataError.invalid(where_, "gauge_change_minutes on a \(mode.rawValue) crossing (rail only)") }
                let a = try LayerValidation.text(layer, f, ["country_a"], required: false)
                let b = try LayerValidation.text(layer, f, ["country_b"], required: false)
                crossings.append(NetworkCrossing(
                    id: try LayerValidation.text(layer, f, ["crossing_id", "id"])!,
                    name: try LayerValidation.text(layer, f, ["name"], required: false) ?? "",
                    mode: mode, countries: [a, b].compactMap { $0 }.sorted(), status: status, delaySeconds: delay * 60, position: c,
                    isPortOfEntry: layer.data.value(f, "bts_port_code").stringValue != nil,
                    vehiclesPerYear: Self.latestVolume(layer, f, mode == .rail ? "trains" : "trucks"),
                    gaugeChangeSeconds: gauge * 60,
                    gaugeChange: layer.data.value(f, "gauge_change").stringValue))
            }
            let ids = crossings.map { "\($0.id)/\($0.mode.rawValue)" }
            if let dup = Dictionary(grouping: ids, by: { $0 }).filter({ $0.value.count > 1 }).keys.min() {  // the first in id order, in every process
                throw DataError.invalid(layer.label, "crossing \(dup) appears twice")
            }
        }
        var eCrossing = [Int32](repeating: -1, count: eTail.count)
        var eBorder = [Bool](repeating: false, count: eTail.count)
        var used = Set<Int>()
        for e in 0..<eTail.count where eMode[e] == .road || eMode[e] == .rail {
            let cu = nodeCountry[Int(eTail[e])], cv = nodeCountry[Int(eHead[e])]
            guard cu >= 0, cv >= 0, cu != cv else { continue }
            eBorder[e] = true
            let pair = [countryCodes[Int(cu)], countryCodes[Int(cv)]].sorted()
            var best: (Int, Double)?
            var line: Geometry?
            let reach = max(options.crossingMatchMeters, options.portAreaMeters, portArea.values.max() ?? 0)
            for (i, x) in crossings.enumerated() where x.mode == eMode[e] && (x.countries.isEmpty || x.countries == pair) {
                let env = Envelope(covering: eShapes[e])!.expanded(by: reach / 70_000)
                guard env.contains(x.position) else { continue }
                if line == nil { line = try geos.geometry(.lineString(eShapes[e])) }
                let (onLine, _) = try line!.nearestPoints(to: geos.point(x.position))
                let d = Geodesic.wgs84.distanceMeters(onLine, x.position)
                let allowed = d <= options.crossingMatchMeters || (x.isPortOfEntry && d <= (portArea[i] ?? options.portAreaMeters))
                if allowed, best == nil || d < best!.1 { best = (i, d) }
            }
            if let (i, d) = best {
                eCrossing[e] = Int32(i)
                used.insert(i)
                report.borderEdgesMatched += 1
                if d > options.crossingMatchMeters { report.borderEdgesMatchedInPortArea += 1 }
            } else {
                let mid = eShapes[e][eShapes[e].count / 2]
                report.unmatchedBorderEdges.append(.init(edge: e, mode: eMode[e].rawValue, countries: pair, lon: mid.lon, lat: mid.lat))
            }
        }
        // 6b. Ports of entry the generalised lines miss: an assumed connector from the nearest
        // node of the port's mode on each side, through the port, carrying the port's crossing.
        if options.portConnectorMaxMeters > 0 {
            let index = Dictionary(uniqueKeysWithValues: countryCodes.enumerated().map { ($0.element, Int16($0.offset)) })
            for (i, x) in crossings.enumerated() where !used.contains(i) && x.isPortOfEntry && (x.mode == .road || x.mode == .rail) && x.countries.count == 2 {
                guard let grid = grids[x.mode], let ca = index[x.countries[0]], let cb = index[x.countries[1]] else { continue }
                let a = grid.nearest(to: x.position, maxMeters: options.portConnectorMaxMeters, where: { nodeCountry[$0] == ca })
                let b = grid.nearest(to: x.position, maxMeters: options.portConnectorMaxMeters, where: { nodeCountry[$0] == cb })
                guard let a, let b else {
                    let side = a == nil ? x.countries[0] : x.countries[1]
                    report.portsNotJoined.append("\(x.id)/\(x.mode.rawValue): no \(x.mode.rawValue) node in \(side) within \(Int(options.portConnectorMaxMeters / 1000)) km")
                    continue
                }
                addEdge(a.node, b.node, x.mode, [Coordinate(lon: lon[a.node], lat: lat[a.node]), x.position, Coordinate(lon: lon[b.node], lat: lat[b.node])],
                        "connector:\(x.id)")
                eCrossing.append(Int32(i))
                eBorder.append(true)
                used.insert(i)
                report.borderEdgesMatched += 1
                report.portConnectors.append(.init(crossing: "\(x.id)/\(x.mode.rawValue)", meters: eLen[eLen.count - 1]))
            }
        }
        report.crossingsWithoutEdge = crossings.indices.filter { !used.contains($0) && crossings[$0].mode != .ferry }
            .map { "\(crossings[$0].id)/\(crossings[$0].mode.rawValue)" }

        // 7. Travel times: half the length at each end's speed, plus transfer time on hubs.
        // Sea lanes and the port links reaching them run at sea speed.
        let seaSpeed = (Self.speed(inputs.speeds, .sea, nil) ?? 26) / 3.6
        var eBase = [Double](repeating: 0, count: eTail.count)
        for e in 0..<eTail.count {
            if let fixed = eFixedSeconds[e] {
                eBase[e] = fixed
                continue
            }
            let m = eMode[e]
            let toSea = nodeMode[Int(eTail[e])] == .sea || nodeMode[Int(eHead[e])] == .sea
            if m == .sea || (m == .transfer && toSea) {
                eBase[e] = eLen[e] / seaSpeed + eExtraSeconds[e]
                continue
            }
            let speedMode: Mode = (m == .road || m == .rail) ? m : .access
            func v(_ node: UInt32) -> Double {
                let code = nodeCountry[Int(node)] >= 0 ? countryCodes[Int(nodeCountry[Int(node)])] : nil
                return (Self.speed(inputs.speeds, speedMode, code) ?? accessSpeed) / 3.6
            }
            eBase[e] = eLen[e] / 2 / v(eTail[e]) + eLen[e] / 2 / v(eHead[e]) + eExtraSeconds[e]
        }

        // 8. Assemble.
        var shapeStart: [UInt32] = [0], shapeLon: [Double] = [], shapeLat: [Double] = []
        for s in eShapes {
            for c in s { shapeLon.append(c.lon); shapeLat.append(c.lat) }
            shapeStart.append(UInt32(shapeLon.count))
        }
        let network = TransportNetwork(
            graph: CSRGraph(nodeCount: n, tails: eTail, heads: eHead),
            nodeLon: lon, nodeLat: lat, nodeKind: kind, nodeMode: nodeMode, nodeCountry: nodeCountry, nodeAdmin1: nodeAdmin1,
            countries: countryCodes, admin1Names: admin1Names,
            edgeTail: eTail, edgeHead: eHead, edgeMode: eMode, edgeLengthMeters: eLen, edgeBaseSeconds: eBase,
            edgeCrossing: eCrossing, edgeIsBorder: eBorder, edgeSource: eSource,
            edgeShapeStart: shapeStart, shapeLon: shapeLon, shapeLat: shapeLat,
            crossings: crossings, places: places, ports: ports,
            unknownCrossingDelaySeconds: options.unknownCrossingDelaySeconds, speeds: inputs.speeds,
            edgeOneWay: eOneWay.contains(true) ? eOneWay : [])
        log("network: \(n) nodes, \(eTail.count) edges, \(report.borderEdgesMatched) border edges matched, \(report.unmatchedBorderEdges.count) unmatched")
        return (network, report)
    }

    private func coordinate(_ v: Int, _ lon: [Double], _ lat: [Double]) -> Coordinate {
        Coordinate(lon: lon[v], lat: lat[v])
    }

    /// The speed for a mode in a country: the country's own assumption, else the mode's.
    static func speed(_ speeds: [SpeedAssumption], _ mode: Mode, _ country: String?) -> Double? {
        if let country, let s = speeds.first(where: { $0.mode == mode && $0.country == country }) { return s.kilometersPerHour }
        return speeds.first { $0.mode == mode && $0.country == nil }?.kilometersPerHour
    }

    /// Half-transfer seconds per mode at a hub: h_m = (t(m,x) + t(m,y) - t(x,y)) / 2, floored at 0.
    static func halfTransfers(_ transfers: [TransferAssumption]) -> [Mode: Double] {
        func t(_ a: Mode, _ b: Mode) -> Double {
            (transfers.first { Set($0.between) == Set([a, b]) }?.minutes ?? 0) * 60
        }
        let modes: [Mode] = [.road, .rail, .sea]
        var out: [Mode: Double] = [:]
        for m in modes {
            let others = modes.filter { $0 != m }
            out[m] = max(0, (t(m, others[0]) + t(m, others[1]) - t(others[0], others[1])) / 2)
        }
        return out
    }

    /// Splits a polyline where consecutive vertices are more than 180° of longitude apart.
    static func splitAtAntimeridian(_ part: [Coordinate]) -> [[Coordinate]] {
        var out: [[Coordinate]] = [[]]
        for c in part {
            if let last = out[out.count - 1].last, abs(last.lon - c.lon) > 180 { out.append([]) }
            out[out.count - 1].append(c)
        }
        return out.filter { $0.count >= 2 }
    }
}

extension NetworkBuilder {
    /// The `speed_kmh` (a positive number) and `oneway` (1, yes or true: along the line; -1:
    /// against it, whose lines are reversed here; 0, no, false or empty: both ways) of a road
    /// or rail layer's features, when it has those fields.
    /// - Throws: `DataError.invalid` naming the layer and feature for a value out of range.
    static func lineAttributes(_ layer: InputLayer, mode: Mode, lines: inout [(id: Int64, parts: [[Coordinate]])]) throws
        -> (speeds: [Int64: Double], oneWay: Set<Int64>) {
        var speeds: [Int64: Double] = [:], oneWay = Set<Int64>()
        let hasSpeed = layer.data.fieldIndex("speed_kmh") != nil
        let hasOneWay = layer.data.fieldIndex("oneway") != nil && mode != .sea
        guard hasSpeed || hasOneWay else { return (speeds, oneWay) }
        for (i, f) in layer.data.features.enumerated() {
            let place = "\(layer.label): feature \(f.id)"
            if hasSpeed {
                let v = layer.data.value(f, "speed_kmh")
                if v != .null {
                    guard let kmh = v.doubleValue, kmh.isFinite, kmh > 0, kmh <= 1000 else {
                        throw DataError.invalid(place, "speed_kmh \(v) must be a speed in km/h above 0")
                    }
                    speeds[f.id] = kmh
                }
            }
            if hasOneWay {
                let v = layer.data.value(f, "oneway")
                switch v.stringValue?.lowercased() ?? "" {
                case "", "0", "no", "false": break
                case "1", "yes", "true": oneWay.insert(f.id)
                case "-1":
                    oneWay.insert(f.id)
                    lines[i].parts = lines[i].parts.reversed().map { $0.reversed() }
                default:
                    throw DataError.invalid(place, "oneway \(v) must be 1, -1 or 0 (yes, no)")
                }
            }
        }
        return (speeds, oneWay)
    }

    /// The latest `PREFIX_YYYY` value of a feature (e.g. `trucks_2024`), if any is set.
    static func latestVolume(_ layer: InputLayer, _ f: Feature, _ prefix: String) -> Double? {
        layer.data.fields.compactMap { field -> (Int, Double)? in
            let name = field.name.lowercased()
            guard name.hasPrefix(prefix + "_"), let year = Int(name.dropFirst(prefix.count + 1)),
                  let v = layer.data.value(f, field.name).doubleValue, v.isFinite, v >= 0 else { return nil }
            return (year, v)
        }.max { $0.0 < $1.0 }?.1
    }
}
