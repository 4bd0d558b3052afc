import Foundation

/// A TNTP test network ready to assign (`corridor assign --tntp`): the network with its
/// generalised costs, the trips (the `_trips` file or an OD CSV, scaled), and select-link
/// queries.
public struct TNTPProblem: Sendable {
    /// The files: network, trips, and (when present) node coordinates and best-known flows.
    public var files: (net: String, trips: String, nodes: String?, flows: String?)
    public var network: AssignmentNetwork
    public var demand: ODMatrix
    public var queries: [SelectLinkQuery]

    /// Reads a TNTP network and its trips.
    /// - Parameters:
    ///   - stem: DIR/NAME, or a directory with one `*_net.tntp`.
    ///   - odFile: an OD CSV (origin,destination,trips; 1-based zones) instead of the `_trips` file.
    ///   - demandScale: every trip times this.
    ///   - distanceWeight: generalised cost per unit of link length.
    ///   - tollWeight: generalised cost per unit of toll.
    ///   - selectLinks: `[NAME=]ITEMS` queries (see `SelectLinkQuery(parsing:network:)`).
    /// - Throws: `FlowError` or `DataError` naming the file, line or query at fault.
    public init(_ stem: String, odFile: String? = nil, demandScale: Double = 1, distanceWeight: Double = 0, tollWeight: Double = 0,
                selectLinks: [String] = []) throws {
        let files = try TNTP.files(stem)
        let network = try TNTP.readNetwork(files.net, weights: .init(distance: distanceWeight, toll: tollWeight)).network
        var demand = try odFile.map { try ODMatrix.readCSV($0, zoneCount: network.zoneCount) } ?? TNTP.readTrips(files.trips, zoneCount: network.zoneCount)
        if demandScale != 1 { demand = demand.scaled(by: demandScale) }
        self.files = files
        self.network = network
        self.demand = demand
        queries = try selectLinks.map { try SelectLinkQuery(parsing: $0, network: network) }
    }
}

extension SelectLinkQuery {
    /// A query from "[NAME=]12,3-4": 1-based link numbers or FROM-TO node pairs (every link
    /// between them), as 0-based links.
    /// - Throws: `FlowError.invalid` naming the query and the item at fault.
    public init(parsing spec: String, network: AssignmentNetwork) throws {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        let name = parts.count == 2 ? parts[0] : spec
        let items = parts.count == 2 ? parts[1] : spec
        var links: [Int] = []
        for raw in items.split(separator: ",") {
            let item = raw.trimmingCharacters(in: .whitespaces)
            if let l = Int(item) {
                guard l >= 1, l <= network.linkCount else {
                    throw FlowError.invalid("--select-link \(spec)", "link \(l) is not one of the \(network.linkCount) links")
                }
                links.append(l - 1)
            } else {
                let ends = item.split(separator: "-").compactMap { Int($0) }
                guard ends.count == 2 else { throw FlowError.invalid("--select-link \(spec)", "'\(item)' is neither a link number nor FROM-TO") }
                let found = (0..<network.linkCount).filter { Int(network.tails[$0]) == ends[0] - 1 && Int(network.heads[$0]) == ends[1] - 1 }
                guard !found.isEmpty else { throw FlowError.invalid("--select-link \(spec)", "no link from node \(ends[0]) to node \(ends[1])") }
                links += found
            }
        }
        guard !links.isEmpty else { throw FlowError.invalid("--select-link \(spec)", "no links") }
        self.init(name: name.replacingOccurrences(of: " ", with: "_"), links: links)
    }
}

/// The summary `corridor assign --tntp` prints (and writes with the link flows as .json).
public struct AssignmentSummary: Encodable, Sendable {
    public struct SelectLink: Encodable, Sendable {
        public var name: String
        /// 1-based links.
        public var links: [Int]
        public var trips: Double
        /// [origin, destination, trips], 1-based zones, largest first.
        public var pairs: [[Double]]
    }
    public var network: String
    public var algorithm: String
    public var iterations: Int
    public var converged: Bool
    public var relativeGap: Double
    public var beckmann: Double
    public var totalTravelCost: Double
    public var trips: Double
    public var unroutedTrips: Double
    public var threads: Int
    public var seconds: Double
    public var history: [IterationRecord]
    public var selectLinks: [SelectLink]
    public var linkFlows: [Double]?

    /// The summary of a result.
    /// - Parameters:
    ///   - result: the assignment's result.
    ///   - network: the network file's path, as printed.
    ///   - algorithm: the algorithm that ran.
    ///   - trips: the trips loaded.
    ///   - threads: the workers it ran on.
    ///   - seconds: how long it took.
    ///   - withLinkFlows: keep every link's flow (the .json output).
    public init(_ result: AssignmentResult, network: String, algorithm: AssignmentAlgorithm, trips: Double, threads: Int, seconds: Double,
                withLinkFlows: Bool = false) {
        self.network = network
        self.algorithm = algorithm.rawValue
        iterations = result.iterations.count
        converged = result.converged
        relativeGap = result.relativeGap
        beckmann = result.beckmann
        totalTravelCost = result.totalTravelCost
        self.trips = trips
        unroutedTrips = result.unroutedTrips.reduce(0, +)
        self.threads = threads
        self.seconds = seconds
        history = result.iterations
        selectLinks = result.selectLinks.map { s in
            var pairs: [[Double]] = []
            let n = s.trips.zoneCount
            for i in s.trips.trips.indices where s.trips.trips[i] > 0 { pairs.append([Double(i / n + 1), Double(i % n + 1), s.trips.trips[i]]) }
            pairs.sort { $0[2] != $1[2] ? $0[2] > $1[2] : ($0[0], $0[1]) < ($1[0], $1[1]) }
            return SelectLink(name: s.query.name, links: s.query.links.map { $0 + 1 }, trips: s.trips.total, pairs: pairs)
        }
        linkFlows = withLinkFlows ? result.linkFlows : nil
    }
}
