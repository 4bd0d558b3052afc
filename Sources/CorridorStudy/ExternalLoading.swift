import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorGeo
import Foundation

/// The link costs of one all-or-nothing loading, for the processes that compute its shares:
/// JSON `{"costs": base64 little-endian doubles}` (exact).
public enum LinkCostsFile {
    struct Body: Codable { var costs: PackedDoubles }

    /// Writes the costs (atomically).
    public static func write(_ costs: [Double], to path: String) throws {
        let data = try PartFile.encoder().encode(Body(costs: PackedDoubles(costs)))
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw GeoError.writeFailed(path: path, message: error.localizedDescription)
        }
    }

    /// Reads and checks the costs of a network of `count` links.
    /// - Throws: `DataError.invalid` naming the file for a bad file, count or cost.
    public static func read(_ path: String, count: Int) throws -> [Double] {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError.fileNotFound(path) }
        let costs: [Double]
        do { costs = try PartFile.decoder().decode(Body.self, from: data).costs.values } catch {
            throw DataError.invalid(path, "not a link costs file: \(JSONErrors.describe(error))")
        }
        guard costs.count == count else { throw DataError.invalid(path, "\(costs.count) link costs, the network has \(count) links") }
        guard costs.allSatisfy({ $0 >= 0 && !$0.isNaN }) else { throw DataError.invalid(path, "a negative or NaN link cost") }
        return costs
    }

    /// SHA-256 of the costs' bytes: which loading a part belongs to.
    public static func digest(_ costs: [Double]) -> String {
        SHA256.hex(costs.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) })
    }
}

/// `assign --aon-command CMD`: each all-or-nothing loading is computed elsewhere. Per loading
/// the costs go to a file, `CMD COSTS LIST` runs (corridor-dask's `corridor_dask.aon` maps
/// `corridor assign ... --shard I/N --link-costs COSTS --part P` over a Dask cluster), and LIST
/// names the parts; they are checked (checksums, every shard once, the same job, loaded at
/// these costs) and returned in shard order.
public struct ExternalLoading: Sendable {
    public var command: String
    /// Where the costs and part lists go (removed by the caller when done).
    public var directory: URL
    var chunks: Int
    var progress: @Sendable (String) -> Void

    /// - Parameters:
    ///   - command: the shell command, run as `CMD COSTS LIST` per loading.
    ///   - network: the network loaded.
    ///   - demand: the trips loaded.
    ///   - progress: a line per loading.
    public init(command: String, network: AssignmentNetwork, demand: ODMatrix, progress: @escaping @Sendable (String) -> Void) throws {
        self.command = command
        self.progress = progress
        chunks = AllOrNothing.chunkCount(network: network, demand: demand)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-aon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The loading as `AssignmentOptions.externalLoading` takes it.
    public func closure() -> @Sendable (Int, [Double], Int) throws -> [AllOrNothing.Partial]? {
        let me = self
        return { _, costs, k in try me.load(costs: costs, loading: k) }
    }

    /// Loading `k` at `costs`, from the parts the command lists.
    public func load(costs: [Double], loading k: Int) throws -> [AllOrNothing.Partial] {
        let costsPath = directory.appendingPathComponent("costs-\(k).json").path
        let listPath = directory.appendingPathComponent("parts-\(k).txt").path
        try LinkCostsFile.write(costs, to: costsPath)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command + " " + Self.quoted(costsPath) + " " + Self.quoted(listPath)]
        p.standardOutput = FileHandle.standardError  // stdout stays the assignment's
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw DataError.invalid("--aon-command", "cannot run /bin/sh: \(error.localizedDescription)") }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw DataError.invalid("--aon-command", "loading \(k) failed (exit \(p.terminationStatus)): \(command)")
        }
        guard let list = try? String(contentsOfFile: listPath, encoding: .utf8) else {
            throw DataError.invalid("--aon-command", "loading \(k) wrote no list of parts to \(listPath)")
        }
        let paths = list.split(separator: "\n").map { String($0) }.filter { !$0.isEmpty }
        guard !paths.isEmpty else { throw DataError.invalid(listPath, "no parts listed") }
        let read = try paths.map { path -> (path: String, manifest: PartManifest, payload: Data) in
            let (m, payload) = try PartFile.read(path)
            return (path, m, payload)
        }
        let ordered = try PartFile.ordered(read)
        let digest = LinkCostsFile.digest(costs)
        let decoder = PartFile.decoder()
        let parts = try ordered.map { r -> AllOrNothing.Partial in
            guard r.manifest.command == "assign", r.manifest.items == chunks else {
                throw DataError.invalid(r.path, "not a part of this loading (`corridor \(r.manifest.command)`, \(r.manifest.items) items, expected assign with \(chunks) chunks)")
            }
            let part: AssignmentPart
            do { part = try decoder.decode(AssignmentPart.self, from: r.payload) } catch {
                throw DataError.invalid(r.path, "payload does not decode as an assign part: \(JSONErrors.describe(error))")
            }
            guard part.costsSHA256 == digest else { throw DataError.invalid(r.path, "loaded at other link costs than loading \(k)") }
            return part.loading
        }
        progress("assign: loading \(k) from \(parts.count) parts")
        for path in paths + [costsPath, listPath] { try? FileManager.default.removeItem(atPath: path) }
        return parts
    }
}

/// One share of an all-or-nothing loading, with the SHA-256 of the costs it loaded at (the
/// payload of an `assign --tntp --shard` part).
public struct AssignmentPart: Codable, Sendable {
    public var loading: AllOrNothing.Partial
    public var costsSHA256: String

    public init(loading: AllOrNothing.Partial, costsSHA256: String) {
        self.loading = loading
        self.costsSHA256 = costsSHA256
    }
}
