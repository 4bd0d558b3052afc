import ArgumentParser
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
        PartManifest.inputsHash(command: Self._commandName, arguments: arguments, inputs: try inputs(context))
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
