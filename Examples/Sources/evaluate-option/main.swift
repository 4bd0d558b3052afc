// Evaluates one corridor option from Swift: load an embedded region, build its network once,
// then ask what reconnecting the Gyeongui line changes and which countries gain.
//
//   swift run --package-path Examples evaluate-option [GEODATA_DIR] [REGION] [PRESET]
//
// Defaults: ../GeoData beside this package, korea, reconnect-gyeongui.
import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let geoData = arguments.first.map { URL(fileURLWithPath: $0) }
    ?? here.appendingPathComponent("../../../GeoData").standardized
let regionName = arguments.dropFirst().first ?? "korea"
let presetID = arguments.dropFirst(2).first ?? "reconnect-gyeongui"

do {
    // 1. The region and its network, built once.
    let region = try RegionCatalog(directory: geoData).region(regionName)
    let inputs = try NetworkInputs.region(region)
    let (network, report) = try NetworkBuilder(options: NetworkOptions(for: region)).build(inputs)
    print("\(region.name): \(network.graph.nodeCount) nodes, \(network.places.count) places, \(report.borderEdgesMatched) border edges on known crossings")

    // 2. The option: a preset of the region's manifest (or `Scenario(file:)` for your own JSON).
    guard let preset = region.manifest.scenarios.first(where: { $0.id == presetID }) else {
        throw DataError.invalid(presetID, "no such preset in \(regionName)")
    }
    let option = try Scenario(preset: preset)

    // 3. The baseline once, then the option against it (land only: sea legs closed).
    let evaluator = ScenarioEvaluator(base: network, excluding: [.sea], withinHours: 4, beta: 0.1, pairPlaces: 100, threads: 2)
    let result = try evaluator.evaluate(option)
    print(String(format: "%@: gravity accessibility %+.2f%%, %.0f people newly connected", result.name,
                 result.gravityChangePercent, result.newlyConnectedPopulation))
    for country in result.byCountry {
        print(String(format: "  %@  %+9.2f%%  (%d places gain)", country.name, country.gravityChangePercent, country.placesGaining))
    }
} catch {
    FileHandle.standardError.write(Data("evaluate-option: \(error)\n".utf8))
    exit(1)
}
