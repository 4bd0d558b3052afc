// Evaluates one corridor option from Swift: open a study of an embedded region (its network
// read or built once), then ask what reconnecting the Gyeongui line changes and which
// countries gain.
//
//   swift run --package-path Examples evaluate-option [REGION] [PRESET]
//
// Defaults: korea, reconnect-gyeongui. GeoData is found as the command line finds it:
// $CORRIDOR_GEODATA, ./GeoData, or a GeoData folder in an ancestor of the executable.
import CorridorStudy  // the study and every library layer below the report
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let regionName = arguments.first ?? "korea"
let presetID = arguments.dropFirst().first ?? "reconnect-gyeongui"

do {
    // 1. The study: the region and its network, read from the network cache or built once.
    let study = try Study(StudyConfiguration(.region(regionName), cache: NetworkCache.forThisProgram()))
    let network = study.network
    print("\(regionName): \(network.graph.nodeCount) nodes, \(network.places.count) places, \(study.buildReport.borderEdgesMatched) border edges on known crossings")

    // 2. The option, as a value: a preset of the region's manifest (`scenarioFiles:` takes your
    //    own JSON; `close:` and `delayMinutes:` change crossings). An unknown preset throws one
    //    line with a did-you-mean and the presets there are.
    let option = StudyOption(presets: [presetID])
    guard let scenario = try study.scenario(for: option) else { throw DataError.invalid(presetID, "an empty option") }
    let optionNetwork = try study.network(under: option)

    // 3. The baseline once, then the option against it (land only: sea legs closed). The
    //    evaluator shares the study's hierarchies.
    let evaluator = ScenarioEvaluator(base: network, excluding: [.sea], withinHours: 4, beta: 0.1, pairPlaces: 100, threads: 2,
                                      session: study.session)
    let result = evaluator.evaluate(option: optionNetwork, scenario: scenario)
    print(String(format: "%@: gravity accessibility %+.2f%%, %.0f people newly connected", result.name,
                 result.gravityChangePercent, result.newlyConnectedPopulation))
    for country in result.byCountry {
        print(String(format: "  %@  %+9.2f%%  (%d places gain)", country.name, country.gravityChangePercent, country.placesGaining))
    }
} catch {
    FileHandle.standardError.write(Data("evaluate-option: \(error)\n".utf8))
    exit(1)
}
