import ArgumentParser
import CorridorData
import Foundation

struct Regions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the embedded study regions and their layers.",
        discussion: "Example: corridor regions --json")

    @OptionGroup var data: DataOptions

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    func run() throws {
        let catalog = try data.catalog()
        let regions = try catalog.names().map { try catalog.region($0) }
        if json {
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            struct Entry: Encodable {
                var name, title, metricCRS: String
                var countries: [String]
                var layers: [String: Int]
                var corridors: [String]
                var scenarios: [String]
                var regimes: [IntegrationRegime]
            }
            let entries = regions.map { r in
                Entry(name: r.name, title: r.manifest.title, metricCRS: r.manifest.metricCRS, countries: r.manifest.countries,
                      layers: r.manifest.layers.mapValues(\.features), corridors: r.manifest.corridors.map(\.id),
                      scenarios: r.manifest.scenarios.map(\.id), regimes: r.manifest.regimes ?? [])
            }
            print(String(decoding: try e.encode(entries), as: UTF8.self))
            return
        }
        if regions.isEmpty { print("No regions in \(catalog.directory.path)."); return }
        for r in regions {
            let m = r.manifest
            print("\(m.region) — \(m.title) [\(m.countries.joined(separator: ", "))]")
            for kind in m.layers.keys.sorted() {
                print("  \(kind.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(m.layers[kind]!.features).leftPadded(7))  \(m.layers[kind]!.geometry)")
            }
            print("  corridors: \(m.corridors.map(\.id).joined(separator: ", "))")
            print("  scenarios: \(m.scenarios.map(\.id).joined(separator: ", "))")
            for g in m.regimes ?? [] {
                print("  regime: \(g.name) [\(g.countries.joined(separator: ", "))] \(g.from)–\(g.until ?? ""), delay factor \(g.delayFactor) (\(g.category); \(g.source))")
            }
        }
    }
}

/// Where the embedded data lives.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The GeoData folder (default: $CORRIDOR_GEODATA, ./GeoData, beside the binary, or PREFIX/share/corridor/GeoData).")
    var dataDir: String?

    func catalog() throws -> RegionCatalog {
        RegionCatalog(directory: URL(fileURLWithPath: try GeoDataLocator.locate(explicit: dataDir)))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// Finds the GeoData folder: an explicit option, $CORRIDOR_GEODATA, ./GeoData, or a GeoData
/// folder in an ancestor of the executable (a source checkout's .build/<config>/corridor), or
/// share/corridor/GeoData under one (an installed PREFIX/bin/corridor).
enum GeoDataLocator {
    static func locate(explicit: String?) throws -> String {
        let fm = FileManager.default
        func isDir(_ p: String) -> Bool {
            var d: ObjCBool = false
            return fm.fileExists(atPath: p, isDirectory: &d) && d.boolValue
        }
        if let explicit {
            guard isDir(explicit) else { throw ValidationError("--data-dir \(explicit): no such directory") }
            return explicit
        }
        if let env = ProcessInfo.processInfo.environment["CORRIDOR_GEODATA"] {
            guard isDir(env) else { throw ValidationError("CORRIDOR_GEODATA=\(env): no such directory") }
            return env
        }
        var candidates = [fm.currentDirectoryPath + "/GeoData"]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("GeoData").path)
            // An installed binary: PREFIX/bin/corridor with PREFIX/share/corridor/GeoData.
            candidates.append(dir.appendingPathComponent("share/corridor/GeoData").path)
            dir = dir.deletingLastPathComponent()
        }
        if let found = candidates.first(where: isDir) { return found }
        throw ValidationError("no GeoData folder found; pass --data-dir or set CORRIDOR_GEODATA")
    }
}
