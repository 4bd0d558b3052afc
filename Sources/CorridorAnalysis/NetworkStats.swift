import CorridorData
import CorridorNetwork
import Foundation

/// The numbers `corridor stats` reports.
public struct NetworkStats: Sendable, Codable {
    public struct CrossingCounts: Sendable, Codable, Hashable {
        public var byStatus: [String: Int] = [:]
        public var byMode: [String: Int] = [:]
        /// By country pair, e.g. "CHN-PRK".
        public var byCountries: [String: Int] = [:]
    }

    public var nodes: Int
    public var edges: Int
    public var arcs: Int
    public var components: Int
    public var largestComponentNodes: Int
    public var edgesByMode: [String: Int]
    public var kilometersByMode: [String: Double]
    public var nodesByCountry: [String: Int]
    public var borderEdgesMatched: Int
    public var borderEdgesUnmatched: Int
    /// Matched border edges whose crossing is not open (closed, planned, unverified).
    public var borderEdgesClosed: Int
    public var crossings: CrossingCounts
    public var places: Int
    public var ports: Int
    /// Kansky indices per mode ("road", "rail", "sea") and "all".
    public var kansky: [String: KanskyIndices]
    public var report: BuildReport

    public init(_ network: TransportNetwork, report: BuildReport) {
        let weights = network.arcSeconds()
        let labels = Components.labels(network.graph, weights: weights)
        let sizes = Components.sizes(labels)
        nodes = network.nodeCount
        edges = network.edgeCount
        arcs = network.graph.arcCount
        components = sizes.count
        largestComponentNodes = sizes.first ?? 0
        var byMode: [String: Int] = [:], km: [String: Double] = [:]
        for e in 0..<network.edgeCount {
            byMode[network.edgeMode[e].rawValue, default: 0] += 1
            km[network.edgeMode[e].rawValue, default: 0] += network.edgeLengthMeters[e] / 1000
        }
        edgesByMode = byMode
        kilometersByMode = km.mapValues { $0.rounded() }
        var byCountry: [String: Int] = [:]
        for v in 0..<network.nodeCount { byCountry[network.country(of: v) ?? "none", default: 0] += 1 }
        nodesByCountry = byCountry
        borderEdgesMatched = report.borderEdgesMatched
        borderEdgesUnmatched = report.unmatchedBorderEdges.count
        borderEdgesClosed = (0..<network.edgeCount).filter { network.edgeCrossing[$0] >= 0 && !network.edgeSeconds($0).isFinite }.count
        var c = CrossingCounts()
        for x in network.crossings {
            c.byStatus[x.status.rawValue, default: 0] += 1
            c.byMode[x.mode.rawValue, default: 0] += 1
            c.byCountries[x.countries.joined(separator: "-"), default: 0] += 1
        }
        crossings = c
        places = network.places.count
        ports = network.ports.count
        var k: [String: KanskyIndices] = ["all": KanskyIndices(network, mode: nil)]
        for m in [Mode.road, .rail, .sea] where network.edgeMode.contains(m) { k[m.rawValue] = KanskyIndices(network, mode: m) }
        kansky = k
        self.report = report
    }

    /// A plain-text table.
    public var text: String {
        func line(_ k: String, _ v: Any) -> String { k.padding(toLength: 34, withPad: " ", startingAt: 0) + "\(v)" }
        var out = [
            line("nodes", nodes), line("edges (arcs)", "\(edges) (\(arcs))"),
            line("components (largest)", "\(components) (\(largestComponentNodes) nodes)"),
            line("places / ports / terminals", "\(places) / \(ports) / \(report.terminals)"),
            line("border edges matched / unmatched", "\(borderEdgesMatched) / \(borderEdgesUnmatched)"),
            line("  in a port-of-entry area", report.borderEdgesMatchedInPortArea),
            line("border edges closed by crossing", borderEdgesClosed),
        ]
        for m in edgesByMode.keys.sorted() {
            out.append(line("  \(m) edges, km", "\(edgesByMode[m]!), \(Int(kilometersByMode[m] ?? 0))"))
        }
        for (m, c) in report.modes.sorted(by: { $0.key < $1.key }) {
            out.append(line("  \(m) snapped / dangling ends", "\(c.snappedEnds) / \(c.danglingEnds)"))
            if let oneWay = c.oneWayEdges { out.append(line("  \(m) one-way edges", oneWay)) }
        }
        for (m, k) in kansky.sorted(by: { $0.key < $1.key }) {
            out.append(line("  Kansky \(m): μ α β γ η", String(format: "%d %.3f %.3f %.3f %.1f km", k.cyclomatic, k.alpha, k.beta, k.gamma, k.etaKilometers)))
        }
        out.append(line("crossings by status", crossings.byStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        out.append(line("crossings by mode", crossings.byMode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        out.append(line("crossings by countries", crossings.byCountries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        out.append(line("nodes by country", nodesByCountry.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        if !report.portConnectors.isEmpty {
            let km = report.portConnectors.reduce(0) { $0 + $1.meters } / 1000
            out.append(line("ports on assumed connectors", String(format: "%d (%.0f km in all; --json lists them)", report.portConnectors.count, km)))
        }
        if !report.crossingsWithoutEdge.isEmpty {
            out.append(line("crossings no border edge passes", report.crossingsWithoutEdge.count))
        }
        return out.joined(separator: "\n")
    }
}
