import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct BorderZoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "border-zone",
        abstract: "The band of N km on each side of a border: crossings per 100 km, gaps between crossings, what lies in the band.",
        discussion: """
            Examples:
              corridor border-zone --region north-america --border USA-MEX --width-km 100
              corridor border-zone --region northeast-asia --border CHN-PRK --json -o chn-prk-zone.gpkg
              corridor border-zone --region korea            (every border of the region)
            Buffers, areas and distances along the border are computed in the region's metric CRS
            (see `corridor regions`; --metric-crs overrides it). 100 km is the US–Mexico La Paz
            Agreement border area.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "The border as two ISO codes, e.g. USA-MEX; repeatable (default: every border in the borders layer).") var border: [String] = []
    @Option(help: "Band width on each side, km.") var widthKm: Double = 100
    @Option(help: "Report the share of the border farther than this from any open crossing, km.") var reachKm: Double = 50
    @Option(help: "Projected CRS in metres for buffers and lengths (default: the region's).") var metricCrs: String?
    @Option(name: [.short, .long], help: "Bands and gaps as layers: .gpkg (both), or .geojson/.fgb/.csv (bands; gaps beside as NAME_gaps.EXT); or .json.") var output: String?
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard widthKm.isFinite, widthKm > 0, widthKm <= 2000 else { throw ValidationError("--width-km \(widthKm): must be in (0, 2000]") }
        guard reachKm.isFinite, reachKm > 0, reachKm <= 5000 else { throw ValidationError("--reach-km \(reachKm): must be in (0, 5000]") }
        for b in border where b.split(separator: "-").count != 2 { throw ValidationError("--border \(b): give two country codes, e.g. USA-MEX") }
        if let o = output, !o.lowercased().hasSuffix(".json"), VectorFormat(path: o) == nil { throw GeoError.unsupportedFormat(path: o) }
    }

    func run() throws {
        let region = try source.regionValue()
        let (network, _) = try source.twoWayNetwork(for: "border-zone")
        let inputs = try source.study().inputs()
        guard let crsText = metricCrs ?? region?.manifest.metricCRS else { throw ValidationError("give --metric-crs (a projected CRS in metres)") }
        let zones = try BorderZone.inventories(network: network, inputs: inputs, borders: border, metricCRS: CRS(crsText),
                                               widthKilometers: widthKm, reachKilometers: reachKm) { source.log($0, step: true) }
        Progress.finish()
        if let o = output {
            if o.lowercased().hasSuffix(".json") { try writeJSONAtomically(zones, to: o) }
            else {
                let layers = ResultLayers.borderZone(zones)
                if VectorFormat(path: o)!.holdsSeveralLayers { try VectorWriter.write(layers, to: o) }
                else {
                    try VectorWriter.write([layers[0]], to: o)
                    try VectorWriter.write([layers[1]], to: NetworkLayers.siblingPath(o, suffix: "_gaps"))
                }
            }
        }
        if json { try printJSON(zones); return }
        print(BorderText.zones(zones))
    }
}
