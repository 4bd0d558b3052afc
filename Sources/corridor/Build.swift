import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the multimodal graph and write its nodes and edges layers.",
        discussion: """
            Examples:
              corridor build --region korea -o korea-network.gpkg
              corridor build --region korea -o korea.corridor && corridor route --network korea.corridor --from Seoul --to Busan
              corridor build --layers road=roads.shp --layers countries=countries.gpkg --crs EPSG:4326 -o net.gpkg
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(name: [.short, .long], help: "Output file: .corridor (the compiled network, which every command reads with --network), .gpkg (nodes and edges layers), or .geojson/.fgb/.csv (edges; nodes beside it as NAME_nodes.EXT).") var output: String

    func run() throws {
        let compiled = output.lowercased().hasSuffix(".\(NetworkFile.fileExtension)")
        guard compiled || VectorFormat(path: output) != nil else { throw GeoError.unsupportedFormat(path: output) }
        // Delays as of a day scale the stored ones: applied once, by the command that reads the file.
        if compiled, let day = source.asOf {
            throw ValidationError("--as-of \(day): give it to the command that reads --network \(output); the compiled network keeps today's delays")
        }
        let study = try source.study()
        let (network, report) = (study.network, study.buildReport)
        if compiled {
            try NetworkFile.write(network, report: report, inputsKey: "", options: study.configuration.builderOptions(for: study.region),
                                  region: study.region, writer: NetworkCache.programKey, to: output)
        } else {
            try NetworkLayers.write(network, to: output)
        }
        source.log("wrote \(output)")
    }
}
