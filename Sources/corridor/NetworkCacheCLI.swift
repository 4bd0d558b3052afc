import ArgumentParser
import CorridorData
import CorridorNetwork
import Foundation

/// The command line's network cache (see `NetworkCache`): `$CORRIDOR_CACHE_DIR` (`off` turns
/// it off), else `$XDG_CACHE_HOME/corridor`, else `~/.cache/corridor`.
enum CorridorCache {
    static let shared: NetworkCache? = NetworkCache.defaultDirectory().map {
        NetworkCache(directory: $0, programKey: programKey, fileTag: executable)
    }

    static var executable: String { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path }

    /// The version and the executable's size and modification time: a rebuilt program never
    /// reads networks an earlier build wrote.
    static var programKey: String {
        var key = "corridor \(CorridorVersion.string)"
        let exe = executable
        if let a = try? FileManager.default.attributesOfItem(atPath: exe) {
            let size = (a[.size] as? NSNumber)?.int64Value ?? 0
            let date = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            key += " \(exe) \(size) \(date)"
        }
        return key
    }

    /// An embedded region's network: from the cache, or built (and cached).
    /// - Parameters:
    ///   - options: the builder's options (default: the region's own).
    ///   - inputs: the region's layers when the command has read them already.
    ///   - cached: false builds from the layers even when the cache holds the network (the
    ///     build benchmarks time the build, not a read).
    static func network(_ region: Region, options: NetworkOptions? = nil, inputs: NetworkInputs? = nil,
                        quiet: Bool, cached: Bool = true) throws -> (TransportNetwork, BuildReport) {
        let options = options ?? NetworkOptions(for: region)
        let log: @Sendable (String) -> Void = { line in if !quiet { Progress.line(line, transient: false) } }
        let build = { try NetworkBuilder(options: options, log: { log("build: \($0)") }).build(try inputs ?? NetworkInputs.region(region)) }
        guard cached, let cache = shared else { return try build() }
        let (network, report, _) = try cache.network(region: region, options: options, log: log, build: build)
        return (network, report)
    }
}

/// The region and its network for the commands that need a region's demand model
/// (`demand`, `assign --region`, `validate`): `--region NAME` (network from the cache) or
/// `--network FILE` built from an embedded region (its stored manifest).
func demandRegion(region: String?, network: String?, data: DataOptions, quiet: Bool) throws -> (Region, TransportNetwork) {
    if let network {
        let (net, _, header) = try NetworkFile.read(path: network)
        guard let region = try storedRegion(header, file: network, data: data) else {
            throw ValidationError("--network \(network): built from layers, not from an embedded region; flows need a region's demand model")
        }
        return (region, net)
    }
    guard let region else { throw ValidationError("give --region or --network") }
    let r = try data.catalog().region(region)
    return (r, try CorridorCache.network(r, quiet: quiet).0)
}

/// The region a compiled network file was built from: its stored manifest, with the layers of
/// the embedded copy when the catalog has that region (else the file's folder); nil for a
/// network built from the user's layers.
func storedRegion(_ header: NetworkFile.Header, file: String, data: DataOptions) throws -> Region? {
    guard let name = header.region, let manifest = header.manifest else { return nil }
    let catalog = try data.catalog()
    let directory = catalog.names().contains(name) ? catalog.directory.appendingPathComponent(name)
        : URL(fileURLWithPath: file).deletingLastPathComponent()
    return Region(directory: directory, manifest: manifest)
}
