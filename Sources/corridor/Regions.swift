import ArgumentParser
import CorridorData
import CorridorStudy
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
        RegionCatalog(directory: try directory())
    }

    /// The GeoData folder (see `GeoDataLocator`).
    func directory() throws -> URL {
        try GeoDataLocator.locate(explicit: dataDir)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
