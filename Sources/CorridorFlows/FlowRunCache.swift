import CorridorData
import CorridorNetwork
import Foundation

/// Baseline equilibria kept between runs: a region's demand model loaded on its baseline
/// (the segments' scales, the trips of the last feedback round, the assignment and its path
/// sets) in one file per region, mode and program (the last baseline computed), so an option,
/// a report or an appraisal on an unchanged baseline skips the fit to the counts and the
/// baseline's equilibrium.
///
/// The file's key hashes everything the equilibrium depends on: the compact network the
/// model built (links, free-flow times, congestion parameters, capacities, and which links
/// are which crossing's, between which countries), the zones and their hours, the demand model, the counts, the assignment's algorithm, gap and iteration
/// limit, the inbound country, the file format and the program. The number of threads is
/// left out: the equilibrium does not depend on it. A file whose key differs (stale) or that
/// fails to read (truncated, damaged) is refused with one line and the baseline computed and
/// stored again. A run read from the file equals the run computed, bit for bit.
public struct FlowRunCache: Sendable {
    /// Where the files live.
    public let directory: URL
    /// Identifies the program that wrote the files (a change invalidates them).
    public let programKey: String
    /// Separates the files of programs that run side by side (a debug and a release build).
    public let fileTag: String

    static let magic: [UInt8] = Array("CORRFLW".utf8) + [0]
    static let formatVersion: UInt32 = 1
    /// The file name extension.
    public static let fileExtension = "corridor-flows"

    /// - Parameters:
    ///   - directory: the cache folder (created when missing).
    ///   - programKey: identifies the program (its version and build).
    ///   - fileTag: programs with different tags keep different files.
    public init(directory: URL, programKey: String, fileTag: String = "") {
        self.directory = directory
        self.programKey = programKey
        self.fileTag = fileTag
    }

    /// The flows cache beside a network cache: the same folder, program and tag.
    /// - Parameter cache: the network cache.
    public init(beside cache: NetworkCache) {
        self.init(directory: cache.directory, programKey: cache.programKey, fileTag: cache.fileTag)
    }

    struct Header: Codable {
        var key: String
        var segments: [RegionFlowRun.Segment]
        var scales: [Double]
        var feedbackLoops: Int
        var algorithm: AssignmentAlgorithm
        var iterations: [IterationRecord]
        var relativeGap: Double
        var converged: Bool
        var beckmann: Double
        var totalTravelCost: Double
        var unroutedTrips: [Double]
        var zoneCount: Int
        var linkCount: Int
        var hasPaths: Bool
    }

    /// The file and the key of a baseline: what the model was built from and how it is loaded.
    /// - Returns: the file's path (one per content and program tag) and the full key.
    func address(model: RegionFlowModel, counts: [String: [String: Double]], options: AssignmentOptions, inbound: String) throws
        -> (path: URL, key: String) {
        let json = ArtefactFile.jsonEncoder()
        let net = model.assignmentNetwork
        func bytes<T>(_ a: [T]) -> [UInt8] { a.withUnsafeBytes { Array($0) } }
        var content: [[UInt8]] = [Array("corridor-flows-\(Self.formatVersion)".utf8), Array(model.mode.rawValue.utf8), Array(inbound.utf8),
                                  Array(try json.encode(model.defaults)), Array(try json.encode(model.zones)), Array(try json.encode(counts)),
                                  Array(try json.encode(model.crossingLinks)),
                                  model.crossingAssignmentLinks.flatMap { [Int64($0.forward), Int64($0.backward)] }.withUnsafeBytes { Array($0) },
                                  Array("\(options.algorithm.rawValue) \(options.targetRelativeGap) \(options.maxIterations)".utf8)]
        content += [bytes(net.tails), bytes(net.heads), bytes(net.costs.freeFlowTime), bytes(net.costs.b), bytes(net.costs.power),
                    bytes(net.costs.capacity), bytes(net.costs.fixedCost), bytes(model.zoneHours), bytes(model.domesticZoneHours),
                    bytes([Int64(net.nodeCount), Int64(net.zoneCount), Int64(net.firstThroughNode)])]
        // One file per region (its zones), mode and program tag: a new baseline, other
        // options or a rebuilt program replace it, so files do not pile up.
        let name = NetworkFile.key(parts: [Array(model.mode.rawValue.utf8), Array(try json.encode(model.zones)), Array(fileTag.utf8)]).prefix(16)
        let key = NetworkFile.key(parts: content + [Array(programKey.utf8)])
        return (directory.appendingPathComponent("flows-\(model.mode.rawValue)-\(name).\(Self.fileExtension)"), key)
    }

    /// The stored baseline of `model` at `address` (from `address(model:counts:options:inbound:)`),
    /// or nil (none, stale or unreadable: logged).
    func load(at address: (path: URL, key: String), model: RegionFlowModel, inbound: String, log: (String) -> Void) -> RegionFlowRun? {
        let (url, key) = address
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let file = try ArtefactFile.Reader<Header>(path: url.path, magic: Self.magic, version: Self.formatVersion)
            let h = file.header
            guard h.key == key else {
                log("cache: \(url.path) is stale (network, demand model, counts, options or program changed); computing the baseline again")
                return nil
            }
            let run = try Self.decode(file, model: model, inbound: inbound)
            log("cache: baseline equilibrium read from \(url.path)")
            return run
        } catch {
            log("warning: \(error); computing the baseline again")
            return nil
        }
    }

    /// Stores `run` at `address` (a failure to write is logged, not thrown).
    func store(_ run: RegionFlowRun, at address: (path: URL, key: String), log: (String) -> Void) {
        guard run.result.selectLinks.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Self.encode(run, key: address.key).write(to: address.path.path)
            log("cache: wrote \(address.path.path)")
        } catch {
            log("warning: cannot write the flows cache (\(error)); continuing without it")
        }
    }

    struct Encoded {
        var writer: ArtefactFile.Writer
        var header: Header
        func write(to path: String) throws {
            try writer.write(magic: FlowRunCache.magic, version: FlowRunCache.formatVersion, header: header, to: path)
        }
    }

    static func encode(_ run: RegionFlowRun, key: String) -> Encoded {
        var w = ArtefactFile.Writer()
        let r = run.result
        for (k, d) in run.demand.enumerated() { w.append("demand.\(k)", d.trips) }
        w.append("linkFlows", r.linkFlows)
        w.append("linkCosts", r.linkCosts)
        for (c, f) in r.classFlows.enumerated() { w.append("classFlows.\(c)", f) }
        for (c, z) in r.zoneCosts.enumerated() { w.append("zoneCosts.\(c)", z) }
        if let paths = run.paths {
            for (c, byOrigin) in paths.enumerated() {
                var origins: [Int64] = [], counts: [Int64] = [], destinations: [Int32] = [], trips: [Double] = []
                var pathStart: [Int32] = [], linkStart: [Int32] = [], links: [Int32] = [], flow: [Double] = []
                for o in byOrigin.keys.sorted() {
                    let op = byOrigin[o]!
                    origins.append(Int64(o))
                    counts += [Int64(op.destinations.count), Int64(op.flow.count), Int64(op.links.count)]
                    // Within one origin, indices fit 32 bits (zones, its paths, its links).
                    destinations += op.destinations.map { Int32($0) }
                    trips += op.trips
                    pathStart += op.pathStart.map { Int32($0) }
                    linkStart += op.linkStart.map { Int32($0) }
                    links += op.links
                    flow += op.flow
                }
                w.append("paths.\(c).origins", origins); w.append("paths.\(c).counts", counts)
                w.append("paths.\(c).destinations", destinations); w.append("paths.\(c).trips", trips)
                w.append("paths.\(c).pathStart", pathStart); w.append("paths.\(c).linkStart", linkStart)
                w.append("paths.\(c).links", links); w.append("paths.\(c).flow", flow)
            }
        }
        let header = Header(key: key, segments: run.segments, scales: run.scales, feedbackLoops: run.feedbackLoops, algorithm: r.algorithm,
                            iterations: r.iterations, relativeGap: r.relativeGap, converged: r.converged, beckmann: r.beckmann,
                            totalTravelCost: r.totalTravelCost, unroutedTrips: r.unroutedTrips, zoneCount: run.demand.first?.zoneCount ?? 0,
                            linkCount: r.linkFlows.count, hasPaths: run.paths != nil)
        return Encoded(writer: w, header: header)
    }

    /// The run stored in `file`, for `model`; the crossing volumes, the trips through a
    /// crossing and the zone-to-zone hours are derived from it as the equilibrium derives them.
    static func decode(_ file: ArtefactFile.Reader<Header>, model: RegionFlowModel, inbound: String) throws -> RegionFlowRun {
        let h = file.header
        let z = model.zones.count, m = model.assignmentNetwork.linkCount, n = h.segments.count
        func fail(_ why: String) -> ArtefactFile.ReadError { ArtefactFile.ReadError(path: file.path, reason: "damaged flows cache (\(why))") }
        guard h.zoneCount == z, h.linkCount == m, h.scales.count == n, h.unroutedTrips.count == n else { throw fail("its shapes are not the model's") }
        func doubles(_ name: String, _ count: Int) throws -> [Double] {
            let a = try file.array(name, Double.self)
            guard a.count == count else { throw fail("\(name) has \(a.count) values, not \(count)") }
            return a
        }
        let demand = try (0..<n).map { try ODMatrix(zoneCount: z, trips: try doubles("demand.\($0)", z * z)) }
        let result = AssignmentResult(
            algorithm: h.algorithm, linkFlows: try doubles("linkFlows", m), classFlows: try (0..<n).map { try doubles("classFlows.\($0)", m) },
            linkCosts: try doubles("linkCosts", m), iterations: h.iterations, relativeGap: h.relativeGap, converged: h.converged,
            beckmann: h.beckmann, totalTravelCost: h.totalTravelCost, unroutedTrips: h.unroutedTrips,
            zoneCosts: try (0..<n).map { try doubles("zoneCosts.\($0)", z * z) }, selectLinks: [])
        var paths: [[Int: PathAssignment.OriginPaths]]? = nil
        if h.hasPaths {
            paths = try (0..<n).map { c in
                let origins = try file.array("paths.\(c).origins", Int64.self), counts = try file.array("paths.\(c).counts", Int64.self)
                let destinations = try file.array("paths.\(c).destinations", Int32.self), trips = try file.array("paths.\(c).trips", Double.self)
                let pathStart = try file.array("paths.\(c).pathStart", Int32.self), linkStart = try file.array("paths.\(c).linkStart", Int32.self)
                let links = try file.array("paths.\(c).links", Int32.self), flow = try file.array("paths.\(c).flow", Double.self)
                guard counts.count == 3 * origins.count, destinations.count == trips.count else { throw fail("path tables disagree") }
                guard zip(origins, origins.dropFirst()).allSatisfy({ $0 < $1 }) else { throw fail("path origins out of order") }
                var out: [Int: PathAssignment.OriginPaths] = [:]
                var d0 = 0, p0 = 0, l0 = 0, ps0 = 0, ls0 = 0
                for (i, o) in origins.enumerated() {
                    let nd64 = counts[3 * i], np64 = counts[3 * i + 1], nl64 = counts[3 * i + 2]
                    // Each count against what is left of its table: no sum can overflow.
                    guard o >= 0, o < Int64(z), nd64 >= 0, np64 >= 0, nl64 >= 0, nd64 <= Int64(destinations.count - d0),
                          nd64 < Int64(pathStart.count - ps0), np64 < Int64(linkStart.count - ls0), np64 <= Int64(flow.count - p0),
                          nl64 <= Int64(links.count - l0) else { throw fail("path tables run short") }
                    let nd = Int(nd64), np = Int(np64), nl = Int(nl64)
                    var op = PathAssignment.OriginPaths()
                    op.destinations = destinations[d0..<(d0 + nd)].map { Int($0) }
                    op.trips = Array(trips[d0..<(d0 + nd)])
                    op.pathStart = pathStart[ps0..<(ps0 + nd + 1)].map { Int($0) }
                    op.linkStart = linkStart[ls0..<(ls0 + np + 1)].map { Int($0) }
                    op.links = Array(links[l0..<(l0 + nl)])
                    op.flow = Array(flow[p0..<(p0 + np)])
                    guard op.destinations.allSatisfy({ $0 >= 0 && $0 < z }), op.pathStart.first == 0, op.pathStart.last == np,
                          zip(op.pathStart, op.pathStart.dropFirst()).allSatisfy({ $0 <= $1 }),
                          op.linkStart.first == 0, op.linkStart.last == nl, zip(op.linkStart, op.linkStart.dropFirst()).allSatisfy({ $0 <= $1 }),
                          op.links.allSatisfy({ $0 >= 0 && Int($0) < m }), op.flow.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                        throw fail("a path of origin \(o) is out of range")
                    }
                    out[Int(o)] = op
                    d0 += nd; ps0 += nd + 1; p0 += np; ls0 += np + 1; l0 += nl
                }
                return out
            }
        }
        let border = demand.map(model.crossBorderTrips)
        return RegionFlowRun(segments: h.segments, scales: h.scales, demand: demand, crossBorder: border, result: result,
                             volumes: model.crossingVolumes(result, inbound: inbound), hours: model.equilibriumHours(result, crossBorder: border),
                             feedbackLoops: h.feedbackLoops, paths: paths)
    }
}
