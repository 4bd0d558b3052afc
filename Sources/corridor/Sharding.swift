import ArgumentParser
import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorNetwork
import CorridorStudy
import Foundation

/// `--shard I/N --part FILE`: compute one share of a command's items and write it as a part
/// for `corridor merge`.
struct ShardOption: ParsableArguments {
    @Option(help: ArgumentHelp("Compute only share I of N (1-based) of the items and write it to --part; `corridor merge` joins the parts into the single-process output.",
                               valueName: "I/N"))
    var shard: String?

    @Option(help: "Where --shard writes its part (JSON Lines: a manifest line, then the payload).")
    var part: String?

    /// The share, 0-based, when --shard was given.
    var value: Shard? {
        guard let shard else { return nil }
        let f = shard.split(separator: "/")
        guard f.count == 2, let i = Int(f[0]), let n = Int(f[1]), n >= 1, n <= 100_000, i >= 1, i <= n else { return nil }
        return Shard(index: i - 1, count: n)
    }

    func validate() throws {
        if let shard, value == nil { throw ValidationError("--shard \(shard): must be I/N with 1 <= I <= N <= 100000") }
        if shard != nil && part == nil { throw ValidationError("--shard needs --part FILE (where the part goes)") }
        if shard == nil && part != nil { throw ValidationError("--part goes with --shard I/N") }
    }

    /// Refuses outputs that belong to the merge.
    /// - Parameters:
    ///   - output: the command's -o.
    ///   - json: the command's --json.
    func check(output: String?, json: Bool) throws {
        if shard != nil && (output != nil || json) {
            throw ValidationError("--shard writes its part to --part; give -o and --json to `corridor merge`")
        }
    }
}

/// A command whose items can be computed in shares by separate processes (`--shard I/N`) and
/// merged (`corridor merge`) into exactly the output of one process.
///
/// `run()` of such a command is `runSharded()`: the single-process run is `finish` of the one
/// part of the whole, so a merge of any number of parts goes through the same code.
protocol ShardableCommand: ParsableCommand {
    /// What the command loads once (the network, options, a baseline).
    associatedtype Context
    /// One share's result, as the part file carries it.
    associatedtype Part: Codable

    var sharding: ShardOption { get }
    /// Progress lines.
    var quietProgress: Bool { get }

    /// Loads the network and what every share needs.
    func context() throws -> Context
    /// How many items (places, nodes, options, links) the shares split (the part of any
    /// share knows it).
    func itemCount(_ context: Context, part: Part) -> Int
    /// The network and other inputs every part of one job must share (hashed into the
    /// manifest's `inputs`).
    func inputs(_ context: Context) throws -> [Data]
    /// One share's result.
    func compute(_ context: Context, shard: Shard) throws -> Part
    /// The output of all the shares (in share order): files, stdout.
    func finish(_ context: Context, parts: [Part]) throws
}

extension ShardableCommand {
    /// The command's `run()`: a part for `--shard`, else the whole output.
    func runSharded() throws {
        let context = try context()
        guard let shard = sharding.value, let path = sharding.part else {
            try finish(context, parts: [compute(context, shard: .whole)])
            return
        }
        let part = try compute(context, shard: shard)
        let arguments = PartManifest.recorded(Array(CommandLine.arguments.dropFirst(2)))
        let items = itemCount(context, part: part), mine = shard.range(of: items)
        let manifest = PartManifest(
            command: Self._commandName, arguments: arguments,
            inputs: try inputsHash(context, arguments: arguments), shard: shard.index + 1, shards: shard.count, items: items,
            first: mine.lowerBound, count: mine.count,
            payloadSHA256: "", corridorVersion: CorridorVersion.string)
        try PartFile.write(manifest: manifest, payload: part, to: path)
        if !quietProgress { Progress.line("part \(shard.index + 1)/\(shard.count) written to \(path)", transient: false) }
    }

    /// SHA-256 of the command, its recorded arguments and its inputs.
    func inputsHash(_ context: Context, arguments: [String]) throws -> String {
        var data = Data((Self._commandName).utf8)
        data.append(0)
        for a in arguments {
            data.append(contentsOf: Array(a.utf8)); data.append(0)
        }
        for d in try inputs(context) {
            var n = UInt64(d.count).littleEndian
            withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
            data.append(d)
        }
        return SHA256.hex(data)
    }

    /// The merge: parts checked against each other and against this command's inputs, then
    /// `finish`.
    func merge(_ parts: [(path: String, manifest: PartManifest, payload: Data)]) throws {
        let context = try context()
        let expected = try inputsHash(context, arguments: parts[0].manifest.arguments)
        for p in parts where p.manifest.inputs != expected {
            throw DataError.invalid(p.path, "its inputs (network, options or data) differ from the network this merge loads; merge on a machine with the same data")
        }
        let decoder = PartFile.decoder()
        let decoded = try parts.map { p -> Part in
            do { return try decoder.decode(Part.self, from: p.payload) } catch {
                throw DataError.invalid(p.path, "payload does not decode as a \(p.manifest.command) part: \(JSONErrors.describe(error))")
            }
        }
        try finish(context, parts: decoded)
    }
}

/// The first line of a part file.
struct PartManifest: Codable, Equatable {
    var format = PartManifest.formatName
    var command: String
    /// The command's arguments without --shard, --part, -o, --json, --threads and --quiet.
    var arguments: [String]
    /// SHA-256 of the command, its arguments and its inputs (the network's nodes, arcs and
    /// weights, places, options): equal for every part of one job.
    var inputs: String
    /// 1-based.
    var shard: Int
    var shards: Int
    var items: Int
    var first: Int
    var count: Int
    /// SHA-256 of every byte after the first newline.
    var payloadSHA256: String
    var corridorVersion: String

    static let formatName = "corridor-part/1"

    enum CodingKeys: String, CodingKey {
        case format, command, arguments, inputs, shard, shards, items, first, count
        case payloadSHA256 = "payload_sha256", corridorVersion = "corridor_version"
    }

    /// Options that take a value and do not belong in the record.
    static let droppedWithValue: Set<String> = ["--shard", "--part", "-o", "--output", "--threads"]
    /// Flags that do not belong in the record.
    static let droppedFlags: Set<String> = ["--json", "--quiet"]

    /// The arguments as recorded: what changes the result, in the order given.
    static func recorded(_ arguments: [String]) -> [String] {
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
enum PartFile {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    static func write<P: Encodable>(manifest: PartManifest, payload: P, to path: String) throws {
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
    static func read(_ path: String) throws -> (manifest: PartManifest, payload: Data) {
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
enum NetworkFingerprint {
    static func data(_ network: TransportNetwork, weights: [Double]) -> [Data] {
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
struct PackedDoubles: Codable, Equatable {
    var values: [Double]
    init(_ values: [Double]) { self.values = values }
    init(from decoder: Decoder) throws {
        let data = try decoder.singleValueContainer().decode(Data.self)
        guard data.count % 8 == 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "packed doubles of \(data.count) bytes"))
        }
        values = stride(from: 0, to: data.count, by: 8).map { i in
            Double(bitPattern: UInt64(littleEndian: data[data.startIndex + i..<data.startIndex + i + 8].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }))
        }
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) })
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the parts of a sharded command (`--shard I/N --part FILE`) into exactly the output of one process.",
        discussion: """
            Examples:
              corridor access --region north-america --per-node --shard 1/2 --part p1.jsonl
              corridor access --region north-america --per-node --shard 2/2 --part p2.jsonl
              corridor merge p1.jsonl p2.jsonl -o nodes.gpkg
            The parts must come from the same command, arguments, network and data, cover every
            shard 1..N once, and match their checksums; the merge loads the network again (a
            compiled --network file loads fastest) to write the layers. Shardable: access
            (places or nodes), matrix (origins), scenario (options), criticality (links and
            crossings), centrality (nodes; betweenness by source chunks), assign --tntp (the
            origin chunks of the free-flow loading). corridor-dask (Distributed/) runs the
            shards on a Dask cluster.
            """)

    @Argument(help: "The part files, in any order.")
    var parts: [String]

    @Option(name: [.short, .long], help: "Write the command's output file (the format by its extension, as the command's -o).")
    var output: String?

    @Flag(help: "The command's JSON on stdout.")
    var json = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("give the part files") }
    }

    func run() throws {
        let read = try parts.map { path -> (path: String, manifest: PartManifest, payload: Data) in
            let (m, p) = try PartFile.read(path)
            return (path, m, p)
        }
        let ordered = try PartFile.ordered(read)
        let first = ordered[0]
        var arguments = [first.manifest.command] + first.manifest.arguments
        if let output { arguments += ["-o", output] }
        if json { arguments.append("--json") }
        if quiet { arguments.append("--quiet") }
        let parsed: ParsableCommand
        do { parsed = try Corridor.parseAsRoot(arguments) } catch {
            throw DataError.invalid(first.path, "its command does not parse here: \(Corridor.message(for: error))")
        }
        guard let command = parsed as? any ShardableCommand else {
            throw DataError.invalid(first.path, "`\(first.manifest.command)` cannot be merged")
        }
        try command.merge(ordered)
    }
}

extension PartFile {
    /// Parts of one job in shard order, checked: same command, arguments, inputs, shard and
    /// item counts; every shard once; each shard's item range.
    static func ordered(_ read: [(path: String, manifest: PartManifest, payload: Data)]) throws -> [(path: String, manifest: PartManifest, payload: Data)] {
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
