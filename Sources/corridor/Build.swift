import ArgumentParser
import CorridorGeo
import CorridorAnalysis
import CorridorNetwork
import CorridorReport
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the multimodal graph and write its nodes and edges layers.",
        discussion: """
            Examples:
              corridor build --region korea -o korea-network.gpkg
              corridor build --layers road=roads.shp --layers countries=countries.gpkg --crs EPSG:4326 -o net.gpkg
            """)

    @OptionGroup var source: NetworkSourceOptions

    @Option(name: [.short, .long], help: "Output file: .gpkg (nodes and edges layers), or .geojson/.fgb/.csv (edges; nodes beside it as NAME_nodes.EXT).")
    var output: String

    func run() throws {
        guard VectorFormat(path: output) != nil else { throw GeoError.unsupportedFormat(path: output) }
        let (network, _) = try source.build()
        try NetworkLayers.write(network, to: output)
        source.log("wrote \(output)")
    }
}
