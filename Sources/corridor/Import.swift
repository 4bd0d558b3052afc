import ArgumentParser
import CorridorStudy
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build GeoData/ from ../shared/data and Curation/ (reproducibly).",
        discussion: """
            Example: corridor import --shared-data ../shared/data --region korea
            Each region is written to a staging folder and swapped in when complete.
            """)

    @Option(help: "The shared source data folder (default: $CORRIDOR_SHARED_DATA, else ../shared/data).") var sharedData = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"] ?? "../shared/data"
    @Option(help: "The curated specs folder.") var curation = "Curation"
    @Option(name: [.short, .long], help: "The GeoData folder to write.") var output = "GeoData"
    @Option(name: .customLong("region"), help: "A region to build (repeatable; default: all in Curation/).") var regions: [String] = []
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func run() throws {
        let quiet = self.quiet
        let importer = try GeoDataImporter(
            sharedData: URL(fileURLWithPath: sharedData), curation: URL(fileURLWithPath: curation),
            log: { if !quiet { Progress.line("import: \($0)", transient: false) } })
        let names = regions.isEmpty ? try importer.availableRegions() : regions
        guard !names.isEmpty else { throw ValidationError("no region specs in \(curation)") }
        for m in try importer.importRegions(names, into: URL(fileURLWithPath: output)) {
            let counts = m.layers.keys.sorted().map { "\($0) \(m.layers[$0]!.features)" }.joined(separator: ", ")
            print("\(m.region): \(counts)")
        }
    }
}
