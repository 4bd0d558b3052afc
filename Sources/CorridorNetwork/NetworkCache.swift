import CorridorData
import CorridorGeo
import Foundation

/// Compiled networks of the embedded regions, kept between runs: one ``NetworkFile`` per
/// region, options and program, keyed by a hash of every file in the region's folder, the
/// builder's options, the file format and the program. A file whose key does not match, or
/// that fails to read (truncated, foreign, damaged), is never used: the region is built again
/// and the file replaced (written to a temporary file, then renamed).
public struct NetworkCache: Sendable {
    /// Where the files live.
    public let directory: URL
    /// Identifies the program whose builder made the files (a change invalidates them).
    public let programKey: String
    /// Separates the files of programs that run side by side (a debug and a release build).
    public let fileTag: String

    /// - Parameters:
    ///   - directory: the cache folder (created when missing).
    ///   - programKey: identifies the builder (for example the program's version and build).
    ///   - fileTag: programs with different tags keep different files (for example the
    ///     executable's path); a program with the same tag and another key replaces the file.
    public init(directory: URL, programKey: String, fileTag: String = "") {
        self.directory = directory
        self.programKey = programKey
        self.fileTag = fileTag
    }

    /// The user's cache folder: `$CORRIDOR_CACHE_DIR`, else `$XDG_CACHE_HOME/corridor`, else
    /// `~/.cache/corridor`; nil when `CORRIDOR_CACHE_DIR` is `off` or no home is known.
    /// - Parameter environment: the variables to read (the process's by default).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let dir = environment["CORRIDOR_CACHE_DIR"], !dir.isEmpty {
            return dir == "off" ? nil : URL(fileURLWithPath: dir)
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("corridor")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/corridor")
    }

    /// The key of a region's inputs under these options: every file of its folder (names and
    /// bytes, in name order), the options, the file format and the program.
    /// - Parameters:
    ///   - region: the embedded region.
    ///   - options: the builder's options.
    public func key(region: Region, options: NetworkOptions) throws -> String {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: region.directory.path).filter { !$0.hasPrefix(".") }.sorted()
        var parts: [[UInt8]] = [Array("corridor-network-\(NetworkFile.formatVersion)".utf8), Array(programKey.utf8),
                                Array(options.jsonText.utf8)]
        for name in names {
            let url = region.directory.appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            parts.append(Array(name.utf8))
            parts.append(Array(try Data(contentsOf: url)))
        }
        return NetworkFile.key(parts: parts)
    }

    /// The cache file of a region under these options (other options, and other programs such
    /// as a debug and a release build, get a file of their own; a rebuilt program replaces its own).
    /// - Parameters:
    ///   - region: the embedded region.
    ///   - options: the builder's options.
    public func path(region: Region, options: NetworkOptions) -> URL {
        let tag = NetworkFile.key(parts: [Array(options.jsonText.utf8), Array(fileTag.utf8)]).prefix(10)
        return directory.appendingPathComponent("\(region.name)-\(tag).\(NetworkFile.fileExtension)")
    }

    /// A region's network from the cache, or built and stored.
    /// - Parameters:
    ///   - region: the embedded region.
    ///   - options: the builder's options.
    ///   - log: progress and warnings (a stale or damaged file, a cache that cannot be written).
    ///   - build: builds the network when the cache cannot answer.
    /// - Returns: the network, its build report, and whether it came from the cache.
    public func network(region: Region, options: NetworkOptions, log: (String) -> Void,
                        build: () throws -> (TransportNetwork, BuildReport)) throws -> (TransportNetwork, BuildReport, fromCache: Bool) {
        let key = try key(region: region, options: options)
        let file = path(region: region, options: options)
        if FileManager.default.fileExists(atPath: file.path) {
            do {
                // One read: the key is checked on the header it returns (a stale file, rare,
                // costs one wasted read; the usual hit no longer parses the header twice).
                let (network, report, header) = try NetworkFile.read(path: file.path)
                if header.inputsKey == key { return (network, report, true) }
                log("cache: \(file.path) is stale (inputs, options or program changed); building again")
            } catch {
                log("warning: \(error); building again")
            }
        }
        let (network, report) = try build()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try NetworkFile.write(network, report: report, inputsKey: key, options: options, region: region,
                                  writer: programKey, to: file.path)
            log("cache: wrote \(file.path)")
        } catch {
            log("warning: cannot write the network cache (\(error)); continuing without it")
        }
        return (network, report, false)
    }
}
