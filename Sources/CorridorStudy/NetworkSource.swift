import CorridorData
import CorridorNetwork
import Foundation

/// Where a study's network comes from.
public enum NetworkSource: Sendable, Hashable {
    /// An embedded region by name (`GeoData/<name>`), read from the network cache when it
    /// holds the region's network.
    case region(String)
    /// A compiled network file (`corridor build ... -o FILE.corridor`).
    case file(String)
    /// The user's layers as `KIND=PATH` (KIND: road, rail, sea, borders, crossings, ports,
    /// places, countries, admin1), in any format GDAL reads.
    case layers([String])
    /// An OpenStreetMap extract (.osm.pbf or .osm) read with a profile (`car`, `truck`,
    /// `rail` or a profile .json file); `layers` may add places, crossings, countries, admin1.
    case openStreetMap(path: String, profile: String, layers: [String])
}

/// How a study is opened: the source, the day, the crossings opened on top, the build's
/// overrides and where the embedded data and the cache are.
public struct StudyConfiguration: Sendable {
    public var source: NetworkSource
    /// The GeoData folder with the embedded regions (default: `GeoDataLocator.locate()`).
    public var geoData: URL?
    /// With `.layers` or `.openStreetMap`: take the countries and admin-1 layers of this
    /// embedded region (to find border edges).
    public var countriesOf: String?
    /// The CRS of the layer files when missing or wrong.
    public var crs: String?
    /// Join dangling line ends within this many metres (default: the region's value, else 25).
    public var snapMeters: Double?
    /// Open border edges with no known crossing, with this delay in minutes.
    public var openUnknownCrossingsMinutes: Double?
    /// Build without the region's curated repairs.
    public var applyRepairs = true
    /// Crossing delays as of this day (YYYY-MM-DD) under the region's integration regimes.
    public var asOf: String?
    /// Crossings opened (all their modes) in the study's baseline.
    public var open: [String] = []
    /// The network cache (nil: none). `NetworkCache.forThisProgram()` is the command line's.
    public var cache: NetworkCache?
    /// False builds from the layers even when the cache holds the network (build benchmarks).
    public var readCache = true

    /// - Parameters:
    ///   - source: where the network comes from.
    ///   - cache: the network cache, nil for none.
    public init(_ source: NetworkSource, cache: NetworkCache? = nil) {
        self.source = source
        self.cache = cache
    }

    /// A configuration with every setting given (each as the property of the same name).
    /// - Parameters:
    ///   - source: where the network comes from.
    ///   - geoData: the embedded regions' folder (found as the command line finds it when nil).
    ///   - countriesOf: with layers or OpenStreetMap, the region whose countries and admin-1 units to take.
    ///   - crs: the layers' CRS when missing or wrong.
    ///   - snapMeters: join dangling line ends within this many metres (the region's value when nil).
    ///   - openUnknownCrossingsMinutes: open border edges with no known crossing, with this delay.
    ///   - applyRepairs: apply the region's curated repairs.
    ///   - asOf: crossing delays as of this day (YYYY-MM-DD).
    ///   - open: crossings opened in the baseline.
    ///   - cache: the network cache (none when nil).
    ///   - readCache: false builds afresh even when the cache holds the network.
    public init(_ source: NetworkSource, geoData: URL?, countriesOf: String?, crs: String?, snapMeters: Double?,
                openUnknownCrossingsMinutes: Double?, applyRepairs: Bool, asOf: String?, open: [String], cache: NetworkCache?, readCache: Bool) {
        (self.source, self.geoData, self.countriesOf, self.crs, self.snapMeters) = (source, geoData, countriesOf, crs, snapMeters)
        (self.openUnknownCrossingsMinutes, self.applyRepairs, self.asOf, self.open) = (openUnknownCrossingsMinutes, applyRepairs, asOf, open)
        (self.cache, self.readCache) = (cache, readCache)
    }

    /// The builder's options: the region's, with the configuration's overrides.
    public func builderOptions(for region: Region?) -> NetworkOptions {
        var options: NetworkOptions
        if let region { options = NetworkOptions(for: region) }
        else if case .openStreetMap = source { options = .openStreetMap }
        else { options = NetworkOptions() }
        if let s = snapMeters { options.snapToleranceMeters = s }
        options.unknownCrossingDelaySeconds = openUnknownCrossingsMinutes.map { $0 * 60 }
        if !applyRepairs { options.applyRepairs = false }
        return options
    }
}

/// Finds the GeoData folder: an explicit path, `$CORRIDOR_GEODATA`, `./GeoData`, or a GeoData
/// folder in an ancestor of the executable (a source checkout's `.build/<config>/corridor`), or
/// `share/corridor/GeoData` under one (an installed `PREFIX/bin/corridor`).
public enum GeoDataLocator {
    /// - Parameter explicit: a folder given by the user (`--data-dir`).
    /// - Throws: `DataError.invalid` naming the folder that does not exist, or saying none was found.
    public static func locate(explicit: String? = nil) throws -> URL {
        let fm = FileManager.default
        func isDir(_ p: String) -> Bool {
            var d: ObjCBool = false
            return fm.fileExists(atPath: p, isDirectory: &d) && d.boolValue
        }
        if let explicit {
            guard isDir(explicit) else { throw DataError.invalid("--data-dir \(explicit)", "no such directory") }
            return URL(fileURLWithPath: explicit)
        }
        if let env = ProcessInfo.processInfo.environment["CORRIDOR_GEODATA"] {
            guard isDir(env) else { throw DataError.invalid("CORRIDOR_GEODATA=\(env)", "no such directory") }
            return URL(fileURLWithPath: env)
        }
        var candidates = [fm.currentDirectoryPath + "/GeoData"]
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? fm.currentDirectoryPath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("GeoData").path)
            // An installed binary: PREFIX/bin/corridor with PREFIX/share/corridor/GeoData.
            candidates.append(dir.appendingPathComponent("share/corridor/GeoData").path)
            dir = dir.deletingLastPathComponent()
        }
        if let found = candidates.first(where: isDir) { return URL(fileURLWithPath: found) }
        throw DataError.invalid("GeoData", "no GeoData folder found; pass --data-dir or set CORRIDOR_GEODATA")
    }
}

/// The library's version, as the cache key and the reports name it.
public enum CorridorVersion {
    public static let string = "0.1.0"
}

extension NetworkCache {
    /// The running program's executable, resolved.
    public static var executable: String { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path }

    /// The version and the executable's path, size and modification time: a rebuilt program
    /// never reads networks an earlier build wrote.
    public static var programKey: String {
        var key = "corridor \(CorridorVersion.string)"
        let exe = executable
        if let a = try? FileManager.default.attributesOfItem(atPath: exe) {
            let size = (a[.size] as? NSNumber)?.int64Value ?? 0
            let date = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            key += " \(exe) \(size) \(date)"
        }
        return key
    }

    /// The cache of this program in its default folder (`$CORRIDOR_CACHE_DIR`, `off` for none,
    /// else `$XDG_CACHE_HOME/corridor`, else `~/.cache/corridor`); nil when turned off.
    public static func forThisProgram() -> NetworkCache? {
        defaultDirectory().map { NetworkCache(directory: $0, programKey: programKey, fileTag: executable) }
    }
}
