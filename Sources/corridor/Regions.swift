import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct Regions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the embedded study regions and their layers.",
        discussion: "Example: corridor regions --json")

    @OptionGroup var data: DataOptions
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func run() throws {
        let catalog = try data.catalog()
        let regions = try catalog.names().map { try catalog.region($0) }
        if json { try printJSON(regions.map(RegionEntry.init)); return }
        print(RegionText.list(regions, catalog: catalog.directory.path))
    }
}

/// Where the embedded data lives.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The GeoData folder (default: $CORRIDOR_GEODATA, ./GeoData, beside the binary, or PREFIX/share/corridor/GeoData).") var dataDir: String?

    func catalog() throws -> RegionCatalog {
        RegionCatalog(directory: try directory())
    }

    /// The GeoData folder (see `GeoDataLocator`).
    func directory() throws -> URL {
        try GeoDataLocator.locate(explicit: dataDir)
    }
}
