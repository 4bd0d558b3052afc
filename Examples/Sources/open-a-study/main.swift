// Opens a study of the korea region once, then asks it many questions: a route and the
// accessibility on the baseline and under an option (the reconnect-gyeongui preset), what the
// option changes in the flows, and the region's facts. The DocC article "Open a study and ask
// many questions" (CorridorStudy) shows this code; the test command builds and runs it.
//
//   swift run --package-path Examples open-a-study
//
// GeoData is found as the command line finds it: $CORRIDOR_GEODATA, ./GeoData, or a GeoData
// folder in an ancestor of the executable.
import CorridorStudy  // the study and every library layer below the report
import Foundation

do {
    // 1. Open the study: the manifest and the network are read once (the network from the
    //    cache when it holds it), and every later question reuses them.
    let study = try Study(StudyConfiguration(.region("korea"), cache: NetworkCache.forThisProgram()))

    // 2. An option is a value. The network under it is a new network: the baseline is unchanged.
    let option = StudyOption(presets: ["reconnect-gyeongui"])
    let reconnected = try study.network(under: option)

    // 3. The same questions on both networks, by land (sea legs closed). The accessibility
    //    takes its hierarchies from the study's session: the second one is re-customised in
    //    the first one's node order instead of contracted again.
    for (name, network) in [("baseline", study.network), (option.id, reconnected)] {
        let weights = network.arcSeconds(excluding: [.sea])
        guard let seoul = network.place(named: "Seoul"), let pyongyang = network.place(named: "Pyongyang") else { continue }
        let route = Route.fastest(in: network, from: Int(seoul.node), to: Int(pyongyang.node), weights: weights)
        let access = Accessibility.places(network, weights: weights, withinHours: 4, threads: 2, session: study.session)
        let reached = zip(access.population, access.populationWithin).reduce(0) { $0 + $1.0 * $1.1 } / access.population.reduce(0, +)
        print(name + ": Seoul -> Pyongyang by land " + (route.map { String(format: "%.1f h", $0.seconds / 3600) } ?? "unreachable")
              + String(format: "; within 4 h a resident reaches %.1f M people on average", reached / 1e6))
    }

    // 4. The flows: the region's demand model at equilibrium on the baseline is built once per
    //    study; each option is loaded with the baseline's trip rates and compared with it.
    let flows = try study.flows(threads: 2)
    let change = try flows.change(option: reconnected, log: { _ in })
    for s in change.segments {
        print(String(format: "%@ trips through a crossing: %.0f -> %.0f a year; %.0f newly connected", s.name,
                     s.crossBorderTripsBefore, s.crossBorderTripsAfter, s.tripsNewlyConnected))
    }

    // 5. The region's facts (incomes, counted volumes, ports of entry), read once.
    let facts = try study.facts()
    print("GDP per capita (USD): " + facts.incomes.map { "\($0.code) \(Int($0.gdpPerCapitaUSD))" }.joined(separator: ", "))
} catch {
    FileHandle.standardError.write(Data("open-a-study: \(error)\n".utf8))
    exit(1)
}
