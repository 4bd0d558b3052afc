import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// The gates of a region with their states (the curated ones, or a what-if), and what each
/// applies to.
public struct GateBook: Sendable {
    public let gates: [GovernanceSpec.Gate]

    /// - Parameters:
    ///   - spec: the governance curation.
    ///   - overrides: gate id → state, for a what-if ("with sanctions relief met").
    /// - Throws: `DataError.invalid` for an override naming no gate.
    public init(_ spec: GovernanceSpec, overrides: [String: GateState] = [:]) throws {
        let ids = Set(spec.gates.map(\.id))
        for id in overrides.keys.sorted() where !ids.contains(id) {
            throw DataError.invalid("--gate \(id)", "no such gate" + PlaceName.didYouMean(id, among: spec.gates.map(\.id)))
        }
        gates = spec.gates.map { g in
            var g = g
            if let s = overrides[g.id] { g.state = s.rawValue }
            return g
        }
    }

    /// What-if gate states as the command line gives them.
    /// - Parameter items: `ID=met`, `ID=partial` or `ID=unmet` each.
    /// - Returns: gate id → state (the last wins for an id given twice).
    /// - Throws: `DataError.invalid` naming the item that is not `ID=STATE`.
    public static func overrides(parsing items: [String]) throws -> [String: GateState] {
        var out: [String: GateState] = [:]
        for g in items {
            let parts = g.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let s = GateState(rawValue: parts[1]) else {
                throw DataError.invalid("--gate \(g)", "expected ID=met, ID=partial or ID=unmet")
            }
            out[parts[0]] = s
        }
        return out
    }

    /// The gates that apply to a crossing: by its id (and mode) or by its two countries.
    public func gates(for crossing: NetworkCrossing) -> [GovernanceSpec.Gate] {
        gates.filter { g in
            g.applies.contains { s in
                if let c = s.crossing { return c == crossing.id && (s.mode == nil || s.mode == crossing.mode) }
                if let b = s.between { return Set(b) == Set(crossing.countries) }
                return false
            }
        }
    }

    /// The gates that apply to a scenario preset.
    public func gates(forScenario id: String) -> [GovernanceSpec.Gate] {
        gates.filter { g in g.applies.contains { $0.scenario == id } }
    }

    /// Gates not met among these ids (sorted).
    public func open(_ gates: [GovernanceSpec.Gate]) -> [String] {
        Array(Set(gates.filter { $0.gateState != .met }.map(\.id))).sorted()
    }

    /// Σ weight × state factor (unmet 1, partial ½, met 0) over distinct gate ids.
    public func burden(_ ids: some Sequence<String>) -> Double {
        let byId = Dictionary(uniqueKeysWithValues: gates.map { ($0.id, $0) })
        return Set(ids).sorted().reduce(0) { sum, id in
            guard let g = byId[id] else { return sum }
            return sum + (g.weight ?? 1) * g.gateState.burdenFactor
        }
    }
}

/// A corridor's continuity under a scenario and what blocks it: the corridor's alignment is
/// its fastest route with every crossing open (what the links would carry once every gate is
/// met); its links are operable when they are open in the scenario. Blocked stretches are
/// gated (closed crossings with gates not met), closed (no gate explains the closure), or
/// missing (no link even with every crossing open; the presets that would build one named).
public struct CorridorGateStatus: Sendable, Codable {
    public struct Segment: Sendable, Codable, Hashable {
        public var leg: String
        /// gated, closed or missing.
        public var kind: String
        public var kilometers: Double
        /// Crossings ("id/mode") closed on the stretch.
        public var crossings: [String]
        /// Gates not met that block it.
        public var gates: [String]
        /// For a missing stretch, the presets that would provide a link.
        public var providedBy: [String]
        /// The stretch's edges (none for a missing one).
        public var edges: [Int]
        /// For a missing stretch: its ends (lon, lat).
        public var ends: [[Double]]
    }

    public var id: String
    public var name: String
    public var scenario: String?
    /// The modes the corridor is measured on, nil for every mode.
    public var modes: String?
    public var links: Int
    public var operableLinks: Int
    /// Operable links over all links.
    public var continuity: Double
    public var kilometers: Double
    public var operableKilometers: Double
    public var continuityByLength: Double
    public var blocked: [Segment]
    /// Gates not met that block a stretch.
    public var gates: [String]
    /// Σ weight × state factor of `gates`.
    public var gateBurden: Double
    /// True when something blocks the corridor and every blocked stretch is a closure that
    /// gates explain: meeting `gates` would reopen it without building anything.
    public var blockedOnlyByGates: Bool
    /// Gates not met on the open links it uses or on the scenario itself: conditions of
    /// its operation rather than blocks.
    public var conditionalOn: [String]
}

/// Corridor continuity against the gates: the named corridors of a region, or one corridor
/// given as legs, on their alignment (fastest route with every crossing open).
public enum GateAnalysis {
    /// Every crossing open (closed and planned ones with their curated delays).
    static func allOpen(_ n: TransportNetwork) -> TransportNetwork {
        n.changingCrossings { $0.status = .open }
    }

    /// The gate status of named corridors under a scenario.
    /// - Parameters:
    ///   - network: the baseline network with every mode.
    ///   - corridors: the region's corridors (each on its own modes; every mode but
    ///     `excluding` when it names none).
    ///   - book: the gates and their states.
    ///   - presets: the region's scenario presets (to name what would build a missing link).
    ///   - scenario: the option the corridors are measured under (baseline when nil).
    ///   - excluding: modes closed for corridors naming none.
    /// - Throws: `DataError.invalid` naming the corridor for a waypoint not in the network, or
    ///   the scenario for one that does not fit the network.
    public static func named(_ network: TransportNetwork, corridors: [RegionManifest.ResolvedCorridor], book: GateBook,
                             presets: [Scenario] = [], scenario: Scenario? = nil, excluding: Set<Mode> = []) throws -> [CorridorGateStatus] {
        let actualFull = try scenario.map { try network.applying($0) } ?? network
        var views = CorridorViews(actualFull, excluding: excluding)
        var aligned: [ModeSelection?: TransportNetwork] = [:]
        // Each preset applied with every crossing open, per selection, made when a missing
        // link asks for it (nil when the preset does not fit).
        var presetViews: [String: [ModeSelection?: TransportNetwork?]] = [:]
        func presetAligned(_ p: Scenario, _ s: ModeSelection?) -> TransportNetwork? {
            if let n = presetViews[p.id]?[s] { return n }
            let n = (try? actualFull.applying(p)).flatMap { applied in try? allOpen(s.map { try applied.restricted(to: $0) } ?? applied) }
            presetViews[p.id, default: [:]][s] = .some(n)
            return n
        }
        return try corridors.map { c in
            let legs = GovernanceLeg.through(try views.waypoints(c).map { network.places[$0] })
            let selection = try views.selection(c)
            let actual = try views.view(selection, corridor: c.id)
            if aligned[selection] == nil { aligned[selection] = allOpen(actual) }
            var status = evaluate(id: c.id, name: c.name, legs: legs, actual: actual, aligned: aligned[selection]!, excluding: views.excluding(selection), book: book,
                                  presets: presets.map { p in (p.id, { presetAligned(p, selection) }) }, scenario: scenario?.id)
            status.modes = selection?.description
            return status
        }
    }

    /// The gate status of one corridor (or route) given as legs.
    /// - Parameters:
    ///   - id: the corridor's id, as reported.
    ///   - name: its name, as reported.
    ///   - legs: the waypoint legs.
    ///   - actual: the network under the scenario (restricted to the corridor's modes).
    ///   - aligned: `actual` with every crossing open.
    ///   - excluding: modes closed.
    ///   - book: the gates.
    ///   - presets: preset ids, each with its network with every crossing open (made on first
    ///     call; nil when the preset does not fit), to name what would build a missing link.
    ///   - scenario: the scenario id, when one is applied (its gates become conditions).
    public static func evaluate(id: String, name: String, legs: [GovernanceLeg], actual: TransportNetwork, aligned: TransportNetwork,
                                excluding: Set<Mode>, book: GateBook, presets: [(String, () -> TransportNetwork?)] = [], scenario: String? = nil) -> CorridorGateStatus {
        actual.assumeTwoWay("gate analysis")
        let actualCosts = actual.edgeCosts(excluding: excluding)
        let alignedCosts = aligned.edgeCosts(excluding: excluding)
        let alignedWeights = aligned.graph.arcEdge.map { alignedCosts[Int($0)] }
        let dijkstra = Dijkstra(graph: aligned.graph)
        // Each preset's network and weights, once, when a missing leg first asks.
        var presetCache: [Int: (TransportNetwork, [Double])?] = [:]
        func presetWeights(_ k: Int) -> (TransportNetwork, [Double])? {
            if let cached = presetCache[k] { return cached }
            let made = presets[k].1().map { net in (net, net.arcSeconds(excluding: excluding)) }
            presetCache[k] = .some(made)
            return made
        }
        var links = 0, operable = 0, km = 0.0, operableKm = 0.0
        var segments: [CorridorGateStatus.Segment] = [], conditions = Set<String>()
        for l in legs {
            let legName = "\(l.fromName)–\(l.toName)"
            dijkstra.run(from: [l.from], weights: alignedWeights, target: l.to)
            guard let arcs = dijkstra.pathArcs(to: l.to) else {
                let a = actual.coordinate(of: l.from), b = actual.coordinate(of: l.to)
                let straight = Geodesic.wgs84.distanceMeters(a, b) / 1000
                var providers: [String] = [], gates: [String] = []
                for (k, (pid, _)) in presets.enumerated() {
                    guard let (net, w) = presetWeights(k) else { continue }
                    let d = Dijkstra(graph: net.graph)
                    d.run(from: [l.from], weights: w, target: l.to)
                    if d.distance(to: l.to).isFinite {
                        providers.append(pid)
                        gates += book.open(book.gates(forScenario: pid))
                    }
                }
                links += 1
                km += straight
                segments.append(.init(leg: legName, kind: "missing", kilometers: straight, crossings: [], gates: Array(Set(gates)).sorted(),
                                      providedBy: providers, edges: [], ends: [[a.lon, a.lat], [b.lon, b.lat]]))
                continue
            }
            var run: [Int] = []
            func close() {
                guard !run.isEmpty else { return }
                var crossings: [String] = [], gates = Set<String>(), unexplained = false
                for e in run {
                    let c = Int(actual.edgeCrossing[e])
                    if c >= 0 && !actual.crossings[c].isOpen {
                        let x = actual.crossings[c]
                        crossings.append("\(x.id)/\(x.mode.rawValue)")
                        let g = book.open(book.gates(for: x))
                        if g.isEmpty { unexplained = true }
                        gates.formUnion(g)
                    } else {
                        unexplained = true
                    }
                }
                segments.append(.init(leg: legName, kind: unexplained ? "closed" : "gated", kilometers: run.reduce(0) { $0 + actual.edgeLengthMeters[$1] } / 1000,
                                      crossings: Array(Set(crossings)).sorted(), gates: gates.sorted(), providedBy: [], edges: run, ends: []))
                run = []
            }
            for arc in arcs {
                let e = Int(aligned.graph.arcEdge[arc])
                guard aligned.edgeMode[e] != .access else { continue }
                links += 1
                km += aligned.edgeLengthMeters[e] / 1000
                if actualCosts[e].isFinite {
                    operable += 1
                    operableKm += aligned.edgeLengthMeters[e] / 1000
                    close()
                    let c = Int(actual.edgeCrossing[e])
                    if c >= 0 { conditions.formUnion(book.open(book.gates(for: actual.crossings[c]))) }
                } else {
                    run.append(e)
                }
            }
            close()
        }
        if let scenario { conditions.formUnion(book.open(book.gates(forScenario: scenario))) }
        let blocking = Set(segments.flatMap(\.gates))
        return CorridorGateStatus(
            id: id, name: name, scenario: scenario, modes: nil, links: links, operableLinks: operable,
            continuity: links > 0 ? Double(operable) / Double(links) : 1, kilometers: km, operableKilometers: operableKm,
            continuityByLength: km > 0 ? operableKm / km : 1, blocked: segments, gates: blocking.sorted(), gateBurden: book.burden(blocking),
            blockedOnlyByGates: !segments.isEmpty && segments.allSatisfy { $0.kind == "gated" },
            conditionalOn: conditions.subtracting(blocking).sorted())
    }
}
