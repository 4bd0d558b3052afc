import CorridorData
import CorridorGeo

/// What the builder did and what a planner should check: snapping, dangling ends, border
/// edges with and without a known crossing, and what could not be connected.
public struct BuildReport: Sendable, Codable {
    public struct ModeCounts: Sendable, Codable, Hashable {
        public var nodes = 0
        public var edges = 0
        public var snappedEnds = 0
        public var danglingEnds = 0
        public var droppedSelfLoops = 0
        public var lengthKilometers = 0.0
        /// Edges passable one way only (nil when none).
        public var oneWayEdges: Int?
    }

    public struct UnmatchedBorderEdge: Sendable, Codable, Hashable {
        public var edge: Int
        public var mode: String
        public var countries: [String]
        public var lon: Double
        public var lat: Double

        /// - Parameters:
        ///   - edge: the edge id.
        ///   - mode: its mode.
        ///   - countries: the two countries it joins.
        ///   - lon: its middle's longitude.
        ///   - lat: its middle's latitude.
        public init(edge: Int, mode: String, countries: [String], lon: Double, lat: Double) {
            self.edge = edge
            self.mode = mode
            self.countries = countries
            self.lon = lon
            self.lat = lat
        }
    }

    public var modes: [String: ModeCounts] = [:]
    public var borderEdgesMatched = 0
    /// Border edges matched in the wider port-of-entry area (second tier).
    public var borderEdgesMatchedInPortArea = 0
    public var unmatchedBorderEdges: [UnmatchedBorderEdge] = []
    /// Crossing ids (with mode) that no border edge passes.
    public var crossingsWithoutEdge: [String] = []
    /// Ports of entry the lines miss, joined by an assumed connector from the nearest node of
    /// their mode on each side through the port ("id/mode" and the connector's length in metres).
    public var portConnectors: [PortConnector] = []
    /// Ports of entry left without a connector, with the reason.
    public var portsNotJoined: [String] = []
    public struct PortConnector: Sendable, Hashable, Codable {
        public var crossing: String
        public var meters: Double
    }
    public var placesUnconnected: [String] = []
    public var portsUnconnected: [String] = []
    public var terminals = 0
}
