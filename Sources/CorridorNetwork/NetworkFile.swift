import CorridorData
import CorridorGeo
import Foundation

/// The compiled network file (`.corridor`): a built ``TransportNetwork``, its ``BuildReport``,
/// the manifest it came from and the key of its inputs, in one versioned binary file, so a
/// command answers without reading layers or building again.
///
/// Layout (little-endian):
/// - 8 bytes magic `CORRNET\0`, a `UInt32` format version, a `UInt32` header length;
/// - the header: UTF-8 JSON (``NetworkFile/Header``): the inputs' key, the options, the region,
///   the program that wrote it, the manifest, the build report, the network's small tables
///   (crossings, places, ports, countries, speeds) and the table of array sections, each with
///   its offset, length, element type and checksum;
/// - the array sections, each 8-byte aligned so a reader can map the file and view them in place.
///
/// A reader checks the magic, the version, every section's bounds and checksum and the
/// arrays' shapes: a truncated, foreign, corrupt or stale file is refused with one line naming it.
public enum NetworkFile {
    /// The first eight bytes of every compiled network file.
    public static let magic: [UInt8] = Array("CORRNET".utf8) + [0]
    /// Bumped whenever the layout or the meaning of a field changes.
    public static let formatVersion: UInt32 = 3
    /// The file name extension.
    public static let fileExtension = "corridor"

    /// What a file says about itself, besides the arrays.
    public struct Header: Codable, Sendable {
        /// The format version (also in the fixed prefix).
        public var formatVersion: UInt32
        /// A key of the inputs and options the network was built from (see ``NetworkFile/key(parts:)``).
        public var inputsKey: String
        /// The builder's options, as JSON text.
        public var options: String
        /// The embedded region the network was built from, nil for the user's layers.
        public var region: String?
        /// The program and version that wrote the file.
        public var writer: String
        /// The region's manifest, when built from a region.
        public var manifest: RegionManifest?
        /// The build report of the network.
        public var buildReport: BuildReport
        var tables: Tables
        var sections: [Section]
    }

    /// The network's small tables, stored as JSON in the header.
    struct Tables: Codable, Sendable {
        var nodeCount: Int
        var countries: [String]
        var admin1Names: [String]
        var crossings: [CrossingRecord]
        var places: [PlaceRecord]
        var ports: [PortRecord]
        var unknownCrossingDelaySeconds: Double?
        var speeds: [SpeedAssumption]
    }

    struct CrossingRecord: Codable, Sendable {
        var id, name: String
        var mode: Mode
        var countries: [String]
        var status: CrossingStatus
        var delaySeconds: Double
        var lon, lat: Double
        var isPortOfEntry: Bool
        var vehiclesPerYear: Double?
        var gaugeChangeSeconds: Double?
        var gaugeChange: String?
    }

    struct PlaceRecord: Codable, Sendable {
        var node: UInt32
        var id, name, country: String
        var population: Double
        var capital: String
    }

    struct PortRecord: Codable, Sendable {
        var node: UInt32
        var id, name, country: String
        var harborSize: String?
    }

    /// One array: where it lies and what it holds (the layout the artefact files share).
    typealias Section = ArtefactFile.Section

    /// The failures of reading a compiled file, each one line naming the file.
    public enum FileError: Error, CustomStringConvertible, Sendable {
        case unreadable(path: String, reason: String)
        case foreign(path: String)
        case version(path: String, found: UInt32)
        case corrupt(path: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let p, let r): return "\(p): cannot read the network file (\(r))"
            case .foreign(let p): return "\(p): not a corridor network file (no CORRNET header); build one with `corridor build ... -o FILE.corridor`"
            case .version(let p, let v): return "\(p): network file format \(v), this corridor reads format \(NetworkFile.formatVersion); build it again with `corridor build`"
            case .corrupt(let p, let r): return "\(p): damaged network file (\(r)); build it again with `corridor build`"
            }
        }
    }

    // MARK: Keys and checksums

    /// A 128-bit hex key of byte strings (two independent 64-bit multiply-xorshift lanes over
    /// 8-byte words): for cache keys and section checksums, not for security.
    /// - Parameter parts: the byte strings, each with its length, in order.
    public static func key(parts: [[UInt8]]) -> String {
        var h = Hasher128()
        for p in parts {
            h.add(UInt64(p.count))
            p.withUnsafeBytes { h.add(bytes: $0) }
        }
        return h.hex
    }

    /// The checksum of a raw buffer.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> String {
        var h = Hasher128()
        h.add(UInt64(bytes.count))
        h.add(bytes: bytes)
        return h.hex
    }

    struct Hasher128 {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F

        @inline(__always) mutating func add(_ w: UInt64) {
            a = (a ^ w) &* 0xFF51_AFD7_ED55_8CCD
            a ^= a >> 33
            b = (b ^ (w &+ 0x1656_67B1_9E37_79F9)) &* 0xC4CE_B9FE_1A85_EC53
            b ^= b >> 29
        }

        mutating func add(bytes: UnsafeRawBufferPointer) {
            let words = bytes.count / 8
            for i in 0..<words { add(bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
            var tail: UInt64 = 0
            for i in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[i]) }
            add(tail)
        }

        var hex: String {
            var x = a, y = b
            x ^= y >> 31; y ^= x >> 27
            return String(format: "%016llx%016llx", x &* 0x94D0_49BB_1331_11EB, y &* 0xBF58_476D_1CE4_E5B9)
        }
    }

    // MARK: Writing

    /// Writes a network to `path` (to a temporary file beside it, then renamed into place).
    /// - Parameters:
    ///   - network: the network, as built (before any per-command changes such as `--open`).
    ///   - report: the build report.
    ///   - inputsKey: the key of the inputs and options (see ``key(parts:)``).
    ///   - options: the builder's options.
    ///   - region: the region the network was built from, if any (its manifest is stored).
    ///   - writer: the program and version writing the file.
    ///   - path: the destination; an existing file is replaced only once the new one is complete.
    /// - Throws: `GeoError.writeFailed` naming the path.
    public static func write(_ network: TransportNetwork, report: BuildReport, inputsKey: String, options: NetworkOptions,
                             region: Region?, writer: String, to path: String) throws {
        var body: [UInt8] = []
        var sections: [Section] = []
        func append<T>(_ name: String, _ array: [T]) {
            while body.count % 8 != 0 { body.append(0) }
            let offset = body.count
            array.withUnsafeBytes { raw in
                body.append(contentsOf: raw)
                sections.append(Section(name: name, offset: offset, count: array.count, elementSize: MemoryLayout<T>.stride,
                                        checksum: checksum(raw)))
            }
        }
        let g = network.graph
        append("graph.firstOut", g.firstOut)
        append("graph.head", g.head)
        append("graph.arcEdge", g.arcEdge)
        append("node.lon", network.nodeLon)
        append("node.lat", network.nodeLat)
        append("node.kind", network.nodeKind.map(\.rawValue))
        append("node.mode", network.nodeMode.map { $0.map(modeCode) ?? 255 })
        append("node.country", network.nodeCountry)
        append("node.admin1", network.nodeAdmin1)
        append("edge.tail", network.edgeTail)
        append("edge.head", network.edgeHead)
        append("edge.mode", network.edgeMode.map(modeCode))
        append("edge.lengthMeters", network.edgeLengthMeters)
        append("edge.baseSeconds", network.edgeBaseSeconds)
        append("edge.crossing", network.edgeCrossing)
        append("edge.isBorder", network.edgeIsBorder.map { $0 ? UInt8(1) : 0 })
        append("edge.oneWay", network.edgeOneWay.map { $0 ? UInt8(1) : 0 })
        append("edge.shapeStart", network.edgeShapeStart)
        append("shape.lon", network.shapeLon)
        append("shape.lat", network.shapeLat)
        var sourceStart: [UInt32] = [0], sourceBytes: [UInt8] = []
        for s in network.edgeSource { sourceBytes.append(contentsOf: s.utf8); sourceStart.append(UInt32(sourceBytes.count)) }
        append("edge.sourceStart", sourceStart)
        append("edge.sourceBytes", sourceBytes)

        let tables = Tables(
            nodeCount: network.nodeCount, countries: network.countries, admin1Names: network.admin1Names,
            crossings: network.crossings.map {
                CrossingRecord(id: $0.id, name: $0.name, mode: $0.mode, countries: $0.countries, status: $0.status,
                               delaySeconds: $0.delaySeconds, lon: $0.position.lon, lat: $0.position.lat,
                               isPortOfEntry: $0.isPortOfEntry, vehiclesPerYear: $0.vehiclesPerYear,
                               gaugeChangeSeconds: $0.gaugeChangeSeconds == 0 ? nil : $0.gaugeChangeSeconds, gaugeChange: $0.gaugeChange)
            },
            places: network.places.map { PlaceRecord(node: $0.node, id: $0.id, name: $0.name, country: $0.country, population: $0.population, capital: $0.capital) },
            ports: network.ports.map { PortRecord(node: $0.node, id: $0.id, name: $0.name, country: $0.country, harborSize: $0.harborSize) },
            unknownCrossingDelaySeconds: network.unknownCrossingDelaySeconds, speeds: network.speeds)
        let header = Header(formatVersion: formatVersion, inputsKey: inputsKey, options: options.jsonText, region: region?.name,
                            writer: writer, manifest: region?.manifest, buildReport: report, tables: tables, sections: sections)
        let encoder = ArtefactFile.jsonEncoder()
        let headerBytes: [UInt8]
        do { headerBytes = Array(try encoder.encode(header)) } catch {
            throw GeoError.writeFailed(path: path, message: "header: \(error)")
        }
        var file: [UInt8] = magic
        withUnsafeBytes(of: formatVersion.littleEndian) { file.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(headerBytes.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: headerBytes)
        while file.count % 8 != 0 { file.append(0) }
        file.append(contentsOf: body)
        try writeAtomically(file, to: path)
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        TemporaryFiles.register(temp.path)
        defer { TemporaryFiles.unregister(temp.path) }
        do {
            try Data(bytes).write(to: temp)
            // rename(2) replaces an existing file atomically: a reader sees the old file or the new one.
            guard rename(temp.path, url.path) == 0 else {
                throw GeoError.writeFailed(path: path, message: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw GeoError.writeFailed(path: path, message: error.localizedDescription)
        }
    }

    // MARK: Reading

    /// Reads only the header (the arrays stay on disk): for `--network` to learn the region
    /// and for a cache to check a key.
    /// - Parameter path: the file.
    /// - Throws: ``FileError`` naming the file.
    public static func header(path: String) throws -> Header {
        let data = try map(path)
        return try parseHeader(data, path: path).header
    }

    /// Reads a compiled network file, checking every section.
    /// - Parameter path: the file.
    /// - Returns: the network, its build report and the header.
    /// - Throws: ``FileError`` naming the file: unreadable, foreign, another format version,
    ///   truncated or corrupt.
    public static func read(path: String) throws -> (network: TransportNetwork, report: BuildReport, header: Header) {
        let data = try map(path)
        let (header, bodyStart) = try parseHeader(data, path: path)
        var byName: [String: Section] = [:]
        for s in header.sections { byName[s.name] = s }

        func array<T>(_ name: String, _ type: T.Type) throws -> [T] {
            guard let s = byName[name] else { throw FileError.corrupt(path: path, reason: "no section \(name)") }
            guard s.elementSize == MemoryLayout<T>.stride, s.count >= 0, s.offset >= 0 else {
                throw FileError.corrupt(path: path, reason: "section \(name) has elements of \(s.elementSize) bytes")
            }
            let start = bodyStart + s.offset, length = s.count * s.elementSize
            guard start % 8 == 0, start + length <= data.count else {
                throw FileError.corrupt(path: path, reason: "section \(name) runs past the end of the file (truncated?)")
            }
            return try data.withUnsafeBytes { (all: UnsafeRawBufferPointer) -> [T] in
                let raw = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                guard checksum(raw) == s.checksum else { throw FileError.corrupt(path: path, reason: "section \(name) fails its checksum") }
                return [T](unsafeUninitializedCapacity: s.count) { buffer, initialized in
                    if length > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw) }
                    initialized = s.count
                }
            }
        }

        let t = header.tables
        let n = t.nodeCount
        let firstOut = try array("graph.firstOut", UInt32.self)
        let head = try array("graph.head", UInt32.self)
        let arcEdge = try array("graph.arcEdge", UInt32.self)
        let nodeLon = try array("node.lon", Double.self), nodeLat = try array("node.lat", Double.self)
        let kindCodes = try array("node.kind", UInt8.self), nodeModeCodes = try array("node.mode", UInt8.self)
        let nodeCountry = try array("node.country", Int16.self), nodeAdmin1 = try array("node.admin1", Int32.self)
        let edgeTail = try array("edge.tail", UInt32.self), edgeHead = try array("edge.head", UInt32.self)
        let edgeModeCodes = try array("edge.mode", UInt8.self)
        let edgeLength = try array("edge.lengthMeters", Double.self), edgeBase = try array("edge.baseSeconds", Double.self)
        let edgeCrossing = try array("edge.crossing", Int32.self), edgeBorder = try array("edge.isBorder", UInt8.self)
        let shapeStart = try array("edge.shapeStart", UInt32.self)
        let edgeOneWay = try array("edge.oneWay", UInt8.self)
        let shapeLon = try array("shape.lon", Double.self), shapeLat = try array("shape.lat", Double.self)
        let sourceStart = try array("edge.sourceStart", UInt32.self), sourceBytes = try array("edge.sourceBytes", UInt8.self)

        // Shapes: every array agrees with the node and edge counts and every index is in range.
        func check(_ ok: Bool, _ what: String) throws { if !ok { throw FileError.corrupt(path: path, reason: what) } }
        let m = edgeTail.count
        try check([nodeLon.count, nodeLat.count, kindCodes.count, nodeModeCodes.count, nodeCountry.count, nodeAdmin1.count].allSatisfy { $0 == n },
                  "node arrays disagree with \(n) nodes")
        try check([edgeHead.count, edgeModeCodes.count, edgeLength.count, edgeBase.count, edgeCrossing.count, edgeBorder.count].allSatisfy { $0 == m }
                  && shapeStart.count == m + 1 && sourceStart.count == m + 1, "edge arrays disagree with \(m) edges")
        try check(edgeOneWay.isEmpty || edgeOneWay.count == m, "edge.oneWay disagrees with \(m) edges")
        try check(firstOut.count == n + 1 && firstOut.first == 0 && Int(firstOut.last ?? 0) == head.count && arcEdge.count == head.count
                  && zip(firstOut, firstOut.dropFirst()).allSatisfy { $0 <= $1 } && head.allSatisfy { Int($0) < n }
                  && arcEdge.allSatisfy { Int($0) < m }, "graph arrays are not a CSR of \(n) nodes")
        try check(edgeTail.allSatisfy { Int($0) < n } && edgeHead.allSatisfy { Int($0) < n }, "an edge end is not a node")
        try check(shapeLon.count == shapeLat.count && shapeStart.first == 0 && Int(shapeStart.last ?? 0) == shapeLon.count
                  && zip(shapeStart, shapeStart.dropFirst()).allSatisfy { $0 <= $1 }, "edge shapes out of range")
        try check(sourceStart.first == 0 && Int(sourceStart.last ?? 0) == sourceBytes.count
                  && zip(sourceStart, sourceStart.dropFirst()).allSatisfy { $0 <= $1 }, "edge sources out of range")
        try check(edgeCrossing.allSatisfy { $0 >= -1 && Int($0) < t.crossings.count }, "an edge names a crossing that is not there")
        try check(nodeCountry.allSatisfy { $0 >= -1 && Int($0) < t.countries.count }
                  && nodeAdmin1.allSatisfy { $0 >= -1 && Int($0) < t.admin1Names.count }, "a node names a country or admin-1 unit that is not there")
        try check(t.places.allSatisfy { Int($0.node) < n } && t.ports.allSatisfy { Int($0.node) < n }, "a place or port is not a node")
        let modes = Mode.allCases
        try check(edgeModeCodes.allSatisfy { Int($0) < modes.count } && nodeModeCodes.allSatisfy { $0 == 255 || Int($0) < modes.count },
                  "unknown mode code")
        let kinds = try kindCodes.map { code -> NodeKind in
            guard let k = NodeKind(rawValue: code) else { throw FileError.corrupt(path: path, reason: "unknown node kind \(code)") }
            return k
        }
        let edgeSource = (0..<m).map { e in
            String(decoding: sourceBytes[Int(sourceStart[e])..<Int(sourceStart[e + 1])], as: UTF8.self)
        }

        var network = TransportNetwork(
            graph: CSRGraph(nodeCount: n, firstOut: firstOut, head: head, arcEdge: arcEdge),
            nodeLon: nodeLon, nodeLat: nodeLat, nodeKind: kinds,
            nodeMode: nodeModeCodes.map { $0 == 255 ? nil : modes[Int($0)] },
            nodeCountry: nodeCountry, nodeAdmin1: nodeAdmin1, countries: t.countries, admin1Names: t.admin1Names,
            edgeTail: edgeTail, edgeHead: edgeHead, edgeMode: edgeModeCodes.map { modes[Int($0)] },
            edgeLengthMeters: edgeLength, edgeBaseSeconds: edgeBase, edgeCrossing: edgeCrossing,
            edgeIsBorder: edgeBorder.map { $0 != 0 }, edgeSource: edgeSource,
            edgeShapeStart: shapeStart, shapeLon: shapeLon, shapeLat: shapeLat,
            crossings: t.crossings.map {
                NetworkCrossing(id: $0.id, name: $0.name, mode: $0.mode, countries: $0.countries, status: $0.status,
                                delaySeconds: $0.delaySeconds, position: Coordinate(lon: $0.lon, lat: $0.lat),
                                isPortOfEntry: $0.isPortOfEntry, vehiclesPerYear: $0.vehiclesPerYear,
                                gaugeChangeSeconds: $0.gaugeChangeSeconds ?? 0, gaugeChange: $0.gaugeChange)
            },
            places: t.places.map { NetworkPlace(node: $0.node, id: $0.id, name: $0.name, country: $0.country, population: $0.population, capital: $0.capital) },
            ports: t.ports.map { NetworkPort(node: $0.node, id: $0.id, name: $0.name, country: $0.country, harborSize: $0.harborSize) },
            unknownCrossingDelaySeconds: t.unknownCrossingDelaySeconds)
        network.speeds = t.speeds
        network.edgeOneWay = edgeOneWay.map { $0 != 0 }
        return (network, header.buildReport, header)
    }

    private static func map(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw FileError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    private static func parseHeader(_ data: Data, path: String) throws -> (header: Header, bodyStart: Int) {
        guard data.count >= 16, Array(data.prefix(8)) == magic else { throw FileError.foreign(path: path) }
        func u32(_ at: Int) -> UInt32 {
            data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        }
        let version = u32(8)
        guard version == formatVersion else { throw FileError.version(path: path, found: version) }
        let length = Int(u32(12))
        guard 16 + length <= data.count else { throw FileError.corrupt(path: path, reason: "header runs past the end of the file (truncated?)") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: Header
        do { header = try decoder.decode(Header.self, from: data.subdata(in: 16..<(16 + length))) } catch {
            throw FileError.corrupt(path: path, reason: "header: \(error)")
        }
        var bodyStart = 16 + length
        while bodyStart % 8 != 0 { bodyStart += 1 }
        return (header, bodyStart)
    }

    private static func modeCode(_ m: Mode) -> UInt8 {
        UInt8(Mode.allCases.firstIndex(of: m)!)
    }
}

extension NetworkOptions {
    /// The options as sorted-key JSON: part of a network's cache key.
    public var jsonText: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return (try? e.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
