import CorridorData
import CorridorGeo

/// What a node stands for.
public enum NodeKind: UInt8, Sendable, Hashable, Codable {
    /// A junction or end of a road, rail or sea line.
    case network
    /// A populated place: a leaf joined to the network by one access arc.
    case place
    /// A seaport: a transfer hub between road, rail and sea.
    case port
    /// A road-rail terminal at a city: a transfer hub.
    case terminal
}

/// A land border crossing of one mode, as the network uses it.
public struct NetworkCrossing: Sendable, Hashable {
    public var id: String
    public var name: String
    public var mode: Mode
    public internal(set) var countries: [String]
    public var status: CrossingStatus
    public var delaySeconds: Double
    public var position: Coordinate
    /// A port of entry (e.g. a BTS port): an administrative unit that may span several
    /// structures, so border edges in its wider area match it.
    public var isPortOfEntry: Bool = false
    /// Trucks (road) or trains (rail) per year from the latest year of the crossings layer
    /// (`trucks_YYYY`, `trains_YYYY`), when known.
    public var vehiclesPerYear: Double? = nil
    /// Time to change between track gauges (transshipment or bogie exchange) at a rail
    /// crossing between 1,435 mm and 1,520 mm networks, on top of `delaySeconds`; 0 elsewhere.
    /// Border-friction scaling (`--as-of`, the border-effect sweep) leaves it alone; a
    /// scenario's delay sets the time to pass (`setPassSeconds`).
    public var gaugeChangeSeconds: Double = 0
    /// How the gauge change is made and where the time comes from, e.g. "transshipment
    /// 1435/1520 mm (assumption: ...)"; nil without a gauge change.
    public var gaugeChange: String? = nil

    /// The gauge change as routes and corridors report it: its description, "gauge change"
    /// for a time without one, nil when the crossing has none (a dual-gauge crossing has a
    /// description and no time).
    public var gaugeChangeDescription: String? {
        gaugeChange ?? (gaugeChangeSeconds > 0 ? "gauge change" : nil)
    }

    /// Border delay and gauge change together: what passing the crossing costs.
    public var passSeconds: Double { delaySeconds + gaugeChangeSeconds }

    /// Sets the time to pass the crossing, gauge change included (what a scenario's delay
    /// means): the gauge change keeps its time up to `seconds`, the border delay takes the rest.
    /// - Parameter seconds: the new time to pass, non-negative.
    public mutating func setPassSeconds(_ seconds: Double) {
        gaugeChangeSeconds = min(gaugeChangeSeconds, seconds)
        delaySeconds = seconds - gaugeChangeSeconds
    }

    /// - Parameters:
    ///   - id: the crossing's id (one crossing per id and mode).
    ///   - name: its name.
    ///   - mode: road, rail or ferry.
    ///   - countries: the two country codes, sorted.
    ///   - status: open, closed, planned or unverified.
    ///   - delaySeconds: the border delay.
    ///   - position: where it is.
    ///   - isPortOfEntry: an administrative port spanning several structures.
    ///   - vehiclesPerYear: the latest annual trucks or trains, when known.
    ///   - gaugeChangeSeconds: the gauge change on top of the delay.
    ///   - gaugeChange: how the gauge is changed and the source.
    public init(id: String, name: String, mode: Mode, countries: [String], status: CrossingStatus, delaySeconds: Double, position: Coordinate,
                isPortOfEntry: Bool = false, vehiclesPerYear: Double? = nil, gaugeChangeSeconds: Double = 0, gaugeChange: String? = nil) {
        self.id = id
        self.name = name
        self.mode = mode
        self.countries = countries
        self.status = status
        self.delaySeconds = delaySeconds
        self.position = position
        self.isPortOfEntry = isPortOfEntry
        self.vehiclesPerYear = vehiclesPerYear
        self.gaugeChangeSeconds = gaugeChangeSeconds
        self.gaugeChange = gaugeChange
    }

    /// Open crossings carry traffic; every other status blocks it.
    public var isOpen: Bool { status == .open }
}

/// A place of the network: a leaf node with a population.
public struct NetworkPlace: Sendable, Hashable {
    public var node: UInt32
    public var id: String
    public var name: String
    public var country: String
    public var population: Double
    /// "country" for a national capital, "admin1" for a province capital, "" otherwise
    /// (the places layer's `capital` field; user layers without it have no capitals).
    public var capital: String = ""

    public init(node: UInt32, id: String, name: String, country: String, population: Double, capital: String = "") {
        self.node = node
        self.id = id
        self.name = name
        self.country = country
        self.population = population
        self.capital = capital
    }
}

/// A seaport of the network.
public struct NetworkPort: Sendable, Hashable {
    public var node: UInt32
    public var id: String
    public var name: String
    public var country: String
    public var harborSize: String?
}

/// The multimodal network: a CSR graph with node and edge attributes in parallel arrays.
/// Edges are undirected links; each gives two arcs. Costs are derived from each edge's base
/// travel time and its crossing's state, so a scenario changes `crossings` or edge speeds and
/// calls `arcSeconds()` again without rebuilding the topology.
public struct TransportNetwork: Sendable {
    public internal(set) var graph: CSRGraph

    // MARK: Nodes (parallel arrays, index = node id)
    public internal(set) var nodeLon: [Double]
    public internal(set) var nodeLat: [Double]
    public internal(set) var nodeKind: [NodeKind]
    /// The mode of a network node; nil for places, ports and terminals.
    public internal(set) var nodeMode: [Mode?]
    /// Index into `countries`, or -1 outside every country (at sea).
    public internal(set) var nodeCountry: [Int16]
    /// Index into `admin1Names`, or -1.
    public internal(set) var nodeAdmin1: [Int32]
    public internal(set) var countries: [String]
    /// "AAA/name" of each admin-1 unit.
    public internal(set) var admin1Names: [String]

    // MARK: Edges (parallel arrays, index = edge id)
    public internal(set) var edgeTail: [UInt32]
    public internal(set) var edgeHead: [UInt32]
    public internal(set) var edgeMode: [Mode]
    public internal(set) var edgeLengthMeters: [Double]
    /// Travel time without any crossing delay.
    public internal(set) var edgeBaseSeconds: [Double]
    /// Index into `crossings`, or -1.
    public internal(set) var edgeCrossing: [Int32]
    /// True for an edge whose ends lie in two countries.
    public internal(set) var edgeIsBorder: [Bool]
    /// The source feature (layer kind and feature id) an edge comes from, "" for connectors.
    public internal(set) var edgeSource: [String]
    /// Edge geometry: vertices `edgeShapeStart[e] ..< edgeShapeStart[e + 1]` of `shapeLon/shapeLat`.
    public internal(set) var edgeShapeStart: [UInt32]
    public internal(set) var shapeLon: [Double]
    public internal(set) var shapeLat: [Double]

    // MARK: Semantics
    public internal(set) var crossings: [NetworkCrossing]
    public internal(set) var places: [NetworkPlace]
    public internal(set) var ports: [NetworkPort]
    /// Delay for border edges with no known crossing; nil keeps them closed.
    public internal(set) var unknownCrossingDelaySeconds: Double?
    /// The speed assumptions the edge times were computed from (scenarios change them).
    public internal(set) var speeds: [SpeedAssumption] = []
    /// Per edge: passable only from tail to head (a one-way street). Empty when every edge is
    /// two-way, as in the embedded regions.
    public internal(set) var edgeOneWay: [Bool] = []

    /// True when some edge is one-way: distances then depend on direction, and analyses that
    /// rely on symmetry search backwards or refuse the network.
    public var isDirected: Bool { edgeOneWay.contains(true) }

    /// Stops with a message when the network has one-way edges: for analyses that compare
    /// both directions of a pair as one or remove links and re-measure pairs, which assume
    /// two-way links (the command line refuses such networks with a one-line error first).
    /// - Parameter analysis: what assumes two-way links, for the message.
    public func assumeTwoWay(_ analysis: String) {
        precondition(!isDirected, "\(analysis) assumes two-way links; this network has one-way edges")
    }

    /// Whether edge `e` may be travelled only from its tail to its head.
    @inline(__always)
    public func isOneWay(_ e: Int) -> Bool { e < edgeOneWay.count && edgeOneWay[e] }

    public var nodeCount: Int { graph.nodeCount }
    public var edgeCount: Int { edgeTail.count }

    /// The country code of a node, nil at sea.
    public func country(of node: Int) -> String? {
        nodeCountry[node] >= 0 ? countries[Int(nodeCountry[node])] : nil
    }

    /// The admin-1 name of a node ("AAA/name"), nil when none.
    public func admin1(of node: Int) -> String? {
        nodeAdmin1[node] >= 0 ? admin1Names[Int(nodeAdmin1[node])] : nil
    }

    public func coordinate(of node: Int) -> Coordinate {
        Coordinate(lon: nodeLon[node], lat: nodeLat[node])
    }

    /// The vertices of an edge, tail to head.
    public func shape(of edge: Int) -> [Coordinate] {
        (Int(edgeShapeStart[edge])..<Int(edgeShapeStart[edge + 1])).map { Coordinate(lon: shapeLon[$0], lat: shapeLat[$0]) }
    }

    /// The cost of an edge now: base time plus its crossing's delay, or infinity while the
    /// crossing is not open (or the border edge has no known crossing and none is allowed).
    public func edgeSeconds(_ e: Int) -> Double {
        let c = Int(edgeCrossing[e])
        if c >= 0 {
            let crossing = crossings[c]
            return crossing.isOpen ? edgeBaseSeconds[e] + crossing.passSeconds : .infinity
        }
        if edgeIsBorder[e] {
            return unknownCrossingDelaySeconds.map { edgeBaseSeconds[e] + $0 } ?? .infinity
        }
        return edgeBaseSeconds[e]
    }

    /// Every arc's cost in seconds, in CSR order (the weights the algorithms take).
    /// - Parameter excluding: modes whose edges are closed for this use (e.g. `[.sea]` for
    ///   land-only routes; port hubs then only link road and rail).
    public func arcSeconds(excluding: Set<Mode> = []) -> [Double] {
        arcWeights(edgeCosts(excluding: excluding))
    }

    /// Per-arc weights from per-edge costs, in CSR order: an arc against a one-way edge costs
    /// infinity. Every place that turns edge costs into arc weights goes through here.
    /// - Parameter perEdge: a cost per edge id.
    public func arcWeights(_ perEdge: [Double]) -> [Double] {
        guard isDirected else { return graph.arcEdge.map { perEdge[Int($0)] } }
        var w = [Double](repeating: .infinity, count: graph.arcCount)
        for v in 0..<nodeCount {
            for a in graph.arcs(of: v) {
                let e = Int(graph.arcEdge[a])
                if !edgeOneWay[e] || Int(edgeTail[e]) == v { w[a] = perEdge[e] }
            }
        }
        return w
    }

    /// The weights of the reversed network on the same CSR: every arc takes the weight of the
    /// arc of its edge in the other direction, so a search with them finds distances *to* its
    /// source. Equal to `weights` on a network with no one-way edge.
    /// - Parameter weights: per-arc weights in CSR order.
    public func reversedArcWeights(_ weights: [Double]) -> [Double] {
        guard isDirected else { return weights }
        let twin = graph.twinArcs()
        return twin.map { weights[Int($0)] }
    }

    /// Every edge's cost in seconds, by edge id (both arcs of an edge cost the same).
    public func edgeCosts(excluding: Set<Mode> = []) -> [Double] {
        (0..<edgeCount).map { e in
            excluding.contains(edgeMode[e]) || (excluding.contains(.sea) && isSeaConnector(e)) ? .infinity : edgeSeconds(e)
        }
    }

    /// A port's link to a sea-lane node.
    func isSeaConnector(_ e: Int) -> Bool {
        edgeMode[e] == .transfer && (nodeMode[Int(edgeTail[e])] == .sea || nodeMode[Int(edgeHead[e])] == .sea)
    }

    /// Indices of the crossings with this id (one per mode).
    public func crossingIndices(id: String) -> [Int] {
        crossings.indices.filter { crossings[$0].id == id }
    }

    /// Indices into `places` of the `count` most populous, largest first (ties by index).
    public func mostPopulousPlaces(_ count: Int) -> [Int] {
        Array(places.indices.sorted { places[$0].population > places[$1].population || (places[$0].population == places[$1].population && $0 < $1) }.prefix(count))
    }

    /// The place a user means: its id, "name, country" (a country code, for names that repeat,
    /// such as korea's two Gwangju), or a name (the most populous of that name).
    /// - Parameters:
    ///   - query: an id, a name, or "name, country".
    ///   - option: the option or field named in the error (e.g. "--from").
    /// - Throws: `DataError.invalid` naming the option and the query, with the nearest names
    ///   ("did you mean Seoul?").
    public func resolvePlace(_ query: String, option: String) throws -> NetworkPlace {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        if let p = places.first(where: { $0.id == trimmed }) { return p }
        if let comma = trimmed.lastIndex(of: ",") {
            let name = String(trimmed[..<comma]), country = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces).uppercased()
            let key = PlaceName.key(name)
            if let p = places.filter({ PlaceName.key($0.name) == key && $0.country == country }).max(by: { $0.population < $1.population }) {
                return p
            }
        }
        if let p = place(named: trimmed) { return p }
        let byPopulation = places.sorted { $0.population > $1.population }.map(\.name)
        throw DataError.invalid("\(option) \(query)", "no such place in the network" + PlaceName.didYouMean(trimmed, among: byPopulation))
    }

    /// Indices into `places` of the places a user names, in order.
    /// - Parameters:
    ///   - queries: ids, names or "name, country" each (see ``resolvePlace(_:option:)``).
    ///   - option: the option or field named in the error.
    /// - Throws: `DataError.invalid` for the first query that names no place.
    public func placeIndices(_ queries: [String], option: String) throws -> [Int] {
        try queries.map { q in
            let p = try resolvePlace(q, option: option)
            return places.firstIndex(of: p)!
        }
    }

    /// The place with this name (most populous on a tie), by place-name key.
    public func place(named name: String) -> NetworkPlace? {
        let key = PlaceName.key(name)
        return places.filter { PlaceName.key($0.name) == key }.max { $0.population < $1.population }
    }
}
