import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

// Sharded work (`--shard I/N --part FILE`, `corridor merge`, corridor-dask): the part file
// format and its checks, so a library user can shard and merge as the command line does.

/// The first line of a part file.
public struct PartManifest: Codable, Equatable, Sendable {
    public var format = PartManifest.formatName
    public var command: String
    /// The command's arguments without --shard, --part, -o, --json, --threads and --quiet.
    public var arguments: [String]
    /// SHA-256 of the command, its arguments and its inputs (the network's nodes, arcs and
    /// weights, places, options): equal for every part of one job.
    public var inputs: String
    /// 1-based.
    public var shard: Int
    public var shards: Int
    public var items: Int
    public var first: Int
    public var count: Int
    /// SHA-256 of every byte after the first newline.
    public var payloadSHA256: String
    public var corridorVersion: String

    public static let formatName = "corridor-part/1"

    /// - Parameters: the manifest's fields (`payloadSHA256` is set when the part is written).
    public init(command: String, arguments: [String], inputs: String, shard: Int, shards: Int, items: Int, first: Int, count: Int,
                payloadSHA256: String = "", corridorVersion: String = CorridorVersion.string) {
        self.command = command
        self.arguments = arguments
        self.inputs = inputs
        self.shard = shard
        self.shards = shards
        self.items = items
        self.first = first
        self.count = count
        self.payloadSHA256 = payloadSHA256
        self.corridorVersion = corridorVersion
    }

    /// SHA-256 of a command, its recorded arguments and its inputs (each input's length, then
    /// its bytes): what every part of one job must share.
    public static func inputsHash(command: String, arguments: [String], inputs: [Data]) -> String {
        var data = Data(command.utf8)
        data.append(0)
        for a in arguments {
            data.append(contentsOf: Array(a.utf8)); data.append(0)
        }
        for d in inputs {
            var n = UInt64(d.count).littleEndian
            withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
            data.append(d)
        }
        return SHA256.hex(data)
    }

    enum CodingKeys: String, CodingKey {
        case format, command, arguments, inputs, shard, shards, items, first, count
        case payloadSHA256 = "payload_sha256", corridorVersion = "corridor_version"
    }

    /// Options that take a value and do not belong in the record.
    public static let droppedWithValue: Set<String> = ["--shard", "--part", "-o", "--output", "--threads"]
    /// Flags that do not belong in the record.
    public static let droppedFlags: Set<String> = ["--json", "--quiet"]

    /// The arguments as recorded: what changes the result, in the order given.
    public static func recorded(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var skip = false
        for a in arguments {
            if skip { skip = false; continue }
            if droppedWithValue.contains(a) { skip = true; continue }
            if droppedFlags.contains(a) { continue }
            if let eq = a.firstIndex(of: "="), droppedWithValue.contains(String(a[..<eq])) { continue }
            out.append(a)
        }
        return out
    }
}

/// Part files: JSON Lines, a manifest then the payload, written atomically.
public enum PartFile {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    public static func write<P: Encodable>(manifest: PartManifest, payload: P, to path: String) throws {
        var body = try encoder().encode(payload)
        body.append(0x0A)
        var m = manifest
        m.payloadSHA256 = SHA256.hex(body)
        var file = try encoder().encode(m)
        file.append(0x0A)
        file.append(body)
        do { try file.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw GeoError.writeFailed(path: path, message: error.localizedDescription)
        }
    }

    /// A part's manifest and payload bytes, checked: one line naming the file when it is not
    /// a part or its payload does not match its checksum.
    public static func read(_ path: String) throws -> (manifest: PartManifest, payload: Data) {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError.fileNotFound(path) }
        guard let newline = data.firstIndex(of: 0x0A) else {
            throw DataError.invalid(path, "not a corridor part (no manifest line); parts are written by a command's --shard I/N --part FILE")
        }
        let manifest: PartManifest
        do { manifest = try decoder().decode(PartManifest.self, from: data[data.startIndex..<newline]) } catch {
            throw DataError.invalid(path, "not a corridor part (its first line is not a manifest: \(JSONErrors.describe(error)))")
        }
        guard manifest.format == PartManifest.formatName else {
            throw DataError.invalid(path, "part format \(manifest.format), this corridor reads \(PartManifest.formatName)")
        }
        let payload = Data(data[(newline + 1)...])
        guard SHA256.hex(payload) == manifest.payloadSHA256 else {
            throw DataError.invalid(path, "damaged part: its payload does not match its checksum (shard \(manifest.shard)/\(manifest.shards)); compute that shard again")
        }
        return (manifest, payload)
    }
}

/// Hashable bytes of a network as a command sees it: nodes, arcs, weights, places.
public enum NetworkFingerprint {
    public static func data(_ network: TransportNetwork, weights: [Double]) -> [Data] {
        func bytes<T>(_ a: [T]) -> Data { a.withUnsafeBytes { Data($0) } }
        let g = network.graph
        var places = Data()
        for p in network.places {
            places.append(contentsOf: Array("\(p.id)\u{0}\(p.node)\u{0}\(p.population)\u{0}".utf8))
        }
        return [bytes(network.nodeLon), bytes(network.nodeLat), bytes(Array(g.firstOut)), bytes(Array(g.head)), bytes(weights), places]
    }
}

/// Large arrays in a part: little-endian IEEE bytes as base64 (exact and compact).
public struct PackedDoubles: Codable, Equatable, Sendable {
    public var values: [Double]
    public init(_ values: [Double]) { self.values = values }
    public init(from decoder: Decoder) throws {
        let data = try decoder.singleValueContainer().decode(Data.self)
        guard data.count % 8 == 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "packed doubles of \(data.count) bytes"))
        }
        values = stride(from: 0, to: data.count, by: 8).map { i in
            Double(bitPattern: UInt64(littleEndian: data[data.startIndex + i..<data.startIndex + i + 8].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }))
        }
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) })
    }
}

extension PartFile {
    /// Reads part files and puts them in shard order (see ``ordered(_:)``).
    /// - Parameter paths: the part files, in any order.
    /// - Throws: `DataError.invalid` naming the file at fault.
    public static func readOrdered(_ paths: [String]) throws -> [(path: String, manifest: PartManifest, payload: Data)] {
        try ordered(try paths.map { path in
            let (m, p) = try read(path)
            return (path, m, p)
        })
    }

    /// Parts of one job in shard order, checked: same command, arguments, inputs, shard and
    /// item counts; every shard once; each shard's item range.
    public static func ordered(_ read: [(path: String, manifest: PartManifest, payload: Data)]) throws -> [(path: String, manifest: PartManifest, payload: Data)] {
        let first = read[0]
        for p in read.dropFirst() {
            let m = p.manifest, f = first.manifest
            if m.command != f.command || m.arguments != f.arguments {
                throw DataError.invalid(p.path, "part of `corridor \(m.command) \(m.arguments.joined(separator: " "))`, not of `corridor \(f.command) \(f.arguments.joined(separator: " "))` like \(first.path)")
            }
            if m.inputs != f.inputs {
                throw DataError.invalid(p.path, "computed on other inputs (network or data) than \(first.path)")
            }
            if m.shards != f.shards || m.items != f.items {
                throw DataError.invalid(p.path, "one of \(m.shards) shards of \(m.items) items, \(first.path) one of \(f.shards) of \(f.items)")
            }
        }
        var byShard: [Int: (path: String, manifest: PartManifest, payload: Data)] = [:]
        for p in read {
            if let other = byShard[p.manifest.shard] {
                throw DataError.invalid(p.path, "shard \(p.manifest.shard)/\(p.manifest.shards) given twice (also \(other.path))")
            }
            byShard[p.manifest.shard] = p
        }
        let n = first.manifest.shards
        if let missing = (1...n).first(where: { byShard[$0] == nil }) {
            throw DataError.invalid("merge", "shard \(missing)/\(n) missing (\(read.count) of \(n) parts given)")
        }
        let ordered = (1...n).map { byShard[$0]! }
        for p in ordered {
            let r = Shard(index: p.manifest.shard - 1, count: n).range(of: p.manifest.items)
            guard p.manifest.first == r.lowerBound && p.manifest.count == r.count else {
                throw DataError.invalid(p.path, "covers items \(p.manifest.first)+\(p.manifest.count), shard \(p.manifest.shard)/\(n) covers \(r.lowerBound)+\(r.count)")
            }
        }
        return ordered
    }
}
