import ArgumentParser
import CorridorStudy
import Foundation

/// `--shard I/N --part FILE`: compute one share of a command's items and write it as a part
/// for `corridor merge`.
struct ShardOption: ParsableArguments {
    @Option(help: ArgumentHelp("Compute only share I of N (1-based) of the items and write it to --part; `corridor merge` joins the parts into the single-process output.",
                               valueName: "I/N"))
    var shard: String?
    @Option(help: "Where --shard writes its part (JSON Lines: a manifest line, then the payload).") var part: String?

    /// The share, 0-based, when --shard was given.
    var value: Shard? { shard.flatMap(Shard.init(parsing:)) }

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
/// merged (`corridor merge`): a `ShardedJob` with its `--shard` options. Its `run()` is
/// `runSharded()`.
protocol ShardableCommand: ParsableCommand, ShardedJob {
    var sharding: ShardOption { get }
    /// Progress lines.
    var quietProgress: Bool { get }
}

extension ShardableCommand {
    static var jobName: String { _commandName }

    /// The command's `run()`: a part for `--shard`, else the whole output.
    func run() throws { try runSharded() }

    /// A part for `--shard`, else the whole output.
    func runSharded() throws {
        let quiet = quietProgress
        try run(shard: sharding.value, part: sharding.part, arguments: PartManifest.recorded(Array(CommandLine.arguments.dropFirst(2)))) {
            if !quiet { ProgressLog.line($0, transient: false) }
        }
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

    @Argument(help: "The part files, in any order.") var parts: [String]
    @Option(name: [.short, .long], help: "Write the command's output file (the format by its extension, as the command's -o).") var output: String?
    @Flag(help: "The command's JSON on stdout.") var json = false
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("give the part files") }
    }

    func run() throws {
        let ordered = try PartFile.readOrdered(parts)
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
