import CorridorAnalysis
import CorridorData
import Foundation

/// Work whose items can be computed in shares by separate processes and merged into exactly
/// the output of one process (`--shard I/N --part FILE`, `corridor merge`, corridor-dask).
///
/// The single-process run is `finish` of the one part of the whole, so a merge of any number
/// of parts goes through the same code.
public protocol ShardedJob {
    /// What the job loads once (the network, options, a baseline).
    associatedtype Context
    /// One share's result, as the part file carries it.
    associatedtype Part: Codable

    /// The job's name in part manifests (the command's name).
    static var jobName: String { get }
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

extension ShardedJob {
    /// The whole output (no shard), or one share written as a part file.
    /// - Parameters:
    ///   - shard: the share, nil for the whole.
    ///   - path: where the part goes (with `shard`).
    ///   - arguments: the recorded arguments (`PartManifest.recorded`), hashed with the inputs.
    ///   - progress: a line when the part is written.
    public func run(shard: Shard?, part path: String?, arguments: [String], progress: (String) -> Void = { _ in }) throws {
        let context = try context()
        guard let shard, let path else {
            try finish(context, parts: [compute(context, shard: .whole)])
            return
        }
        let part = try compute(context, shard: shard)
        let items = itemCount(context, part: part), mine = shard.range(of: items)
        let manifest = PartManifest(command: Self.jobName, arguments: arguments, inputs: try inputsHash(context, arguments: arguments),
                                    shard: shard.index + 1, shards: shard.count, items: items, first: mine.lowerBound, count: mine.count)
        try PartFile.write(manifest: manifest, payload: part, to: path)
        progress("part \(shard.index + 1)/\(shard.count) written to \(path)")
    }

    /// SHA-256 of the job, its recorded arguments and its inputs.
    public func inputsHash(_ context: Context, arguments: [String]) throws -> String {
        PartManifest.inputsHash(command: Self.jobName, arguments: arguments, inputs: try inputs(context))
    }

    /// The merge: parts (in shard order, see `PartFile.ordered`) checked against this job's
    /// inputs, decoded, then `finish`.
    /// - Throws: `DataError.invalid` naming a part computed on other inputs or not decoding.
    public func merge(_ parts: [(path: String, manifest: PartManifest, payload: Data)]) throws {
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
