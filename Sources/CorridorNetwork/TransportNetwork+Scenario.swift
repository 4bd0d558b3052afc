import CorridorData
import CorridorGeo
import Foundation

extension TransportNetwork {
    /// The network with a scenario's operations applied, in order.
    /// - Throws: `DataError.invalid` naming the scenario and operation for an unknown
    ///   crossing or place, or a link end with no node of its mode nearby.
    public func applying(_ scenario: Scenario) throws -> TransportNetwork {
        var n = self
        for (i, op) in scenario.operations.enumerated() {
            try n.apply(op, label: "scenario \(scenario.id): operation \(i + 1)")
        }
        return n
    }

    mutating func apply(_ op: ScenarioOperation, label: String) throws {
        func crossingIndices(_ id: String, _ mode: Mode?) throws -> [Int] {
            let all = self.crossingIndices(id: id)
            guard !all.isEmpty else {
                throw DataError.invalid(label, "unknown crossing '\(id)'" + PlaceName.didYouMean(id, among: crossings.map(\.id)))
            }
            let chosen = all.filter { mode == nil || crossings[$0].mode == mode }
            guard !chosen.isEmpty else { throw DataError.invalid(label, "crossing '\(id)' has no \(mode!.rawValue) mode") }
            return chosen
        }
        switch op {
        case .openCrossing(let id, let mode, let delay):
            for i in try crossingIndices(id, mode) {
                crossings[i].status = .open
                if let delay { crossings[i].setPassSeconds(delay * 60) }
            }
        case .closeCrossing(let id, let mode):
            for i in try crossingIndices(id, mode) { crossings[i].status = .closed }
        case .setDelay(let id, let mode, let delay):
            for i in try crossingIndices(id, mode) { crossings[i].setPassSeconds(delay * 60) }
        case .removeLinks(let ids, let crossing, let polygon):
            let idSet = Set(ids)
            let crossingSet = try crossing.map { Set(try crossingIndices($0, nil).map(Int32.init)) } ?? []
            var removed = 0
            for e in 0..<edgeCount {
                var hit = idSet.contains(edgeSource[e]) || crossingSet.contains(edgeCrossing[e])
                if !hit, let polygon {
                    let s = shape(of: e)
                    hit = Self.contains(polygon, s[s.count / 2])
                }
                if hit { edgeBaseSeconds[e] = .infinity; removed += 1 }
            }
            guard removed > 0 else { throw DataError.invalid(label, "remove_links matches no link") }
        case .setSpeed(let mode, let country, let kph):
            speeds.removeAll { $0.mode == mode && $0.country == country }
            speeds.append(SpeedAssumption(mode: mode, country: country, kilometersPerHour: kph, source: label))
            for e in 0..<edgeCount where edgeMode[e] == mode && edgeBaseSeconds[e].isFinite {
                let a = self.country(of: Int(edgeTail[e])), b = self.country(of: Int(edgeHead[e]))
                guard country == nil || a == country || b == country else { continue }
                edgeBaseSeconds[e] = edgeLengthMeters[e] / 2 / speedMetersPerSecond(mode, a) + edgeLengthMeters[e] / 2 / speedMetersPerSecond(mode, b)
            }
        case .addLink(let mode, let from, let to, let via, let kph, let minutes, let crossing):
            let a = try nearestNode(mode, from, label), b = try nearestNode(mode, to, label)
            guard a != b else { throw DataError.invalid(label, "both ends of the link snap to node \(a)") }
            let shape = [coordinate(of: a)] + via + [coordinate(of: b)]
            let meters = Geodesic.wgs84.lengthMeters(of: shape)
            let seconds = minutes.map { $0 * 60 } ?? meters / ((kph ?? (speedMetersPerSecond(mode, country(of: a)) * 3.6)) / 3.6)
            var crossingIndex: Int32 = -1
            if let crossing {
                crossingIndex = Int32(try crossingIndices(crossing, mode == .ferry ? .ferry : mode).first!)
            }
            edgeTail.append(UInt32(a)); edgeHead.append(UInt32(b)); edgeMode.append(mode)
            edgeLengthMeters.append(meters); edgeBaseSeconds.append(seconds)
            edgeCrossing.append(crossingIndex)
            edgeIsBorder.append(crossingIndex >= 0 || (country(of: a) != nil && country(of: b) != nil && country(of: a) != country(of: b)))
            edgeSource.append("scenario:\(label)")
            if !edgeOneWay.isEmpty { edgeOneWay.append(false) }
            for c in shape { shapeLon.append(c.lon); shapeLat.append(c.lat) }
            edgeShapeStart.append(UInt32(shapeLon.count))
            graph = CSRGraph(nodeCount: nodeCount, tails: edgeTail, heads: edgeHead)
        }
    }

    /// Metres per second for a mode in a country, from the network's speed table.
    func speedMetersPerSecond(_ mode: Mode, _ country: String?) -> Double {
        let kph = speeds.first { $0.mode == mode && $0.country == country && country != nil }?.kilometersPerHour
            ?? speeds.first { $0.mode == mode && $0.country == nil }?.kilometersPerHour ?? 60
        return kph / 3.6
    }

    /// The network node of `mode` nearest an endpoint (a place name resolves to its position).
    func nearestNode(_ mode: Mode, _ end: LinkEndpoint, _ label: String) throws -> Int {
        let c: Coordinate
        switch end {
        case .coordinate(let x): c = x
        case .place(let name):
            guard let p = place(named: name) else { throw DataError.invalid(label, "unknown place '\(name)'") }
            c = coordinate(of: Int(p.node))
        }
        var best: (Int, Double)?
        for v in 0..<nodeCount where nodeMode[v] == mode {
            let d = Geodesic.wgs84.distanceMeters(c, coordinate(of: v))
            if best == nil || d < best!.1 { best = (v, d) }
        }
        guard let (v, d) = best, d <= 50_000 else {
            throw DataError.invalid(label, "no \(mode.rawValue) node within 50 km of (\(c.lon), \(c.lat))")
        }
        return v
    }

    /// Even-odd point in polygon on longitude/latitude.
    static func contains(_ ring: [Coordinate], _ p: Coordinate) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.lat > p.lat) != (b.lat > p.lat), p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
