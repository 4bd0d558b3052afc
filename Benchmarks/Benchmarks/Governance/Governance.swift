import Benchmark
import BenchmarkSupport
import CorridorAnalysis
import CorridorData
import CorridorGovernance
import CorridorNetwork
import Foundation

/// The governance routines that reuse the incremental scenario evaluation, on korea and
/// northeast-asia by land: the roadmap's exact search over 12 candidates (4,096 subsets
/// scored, three orders staged) and the hold-up of a named corridor with the network-wide loss
/// of each withdrawal. The evaluator's baseline is built in set-up (what a command pays once).
let threads = ProcessInfo.processInfo.activeProcessorCount
let land: Set<Mode> = [.sea]

struct Study {
    let network: TransportNetwork
    let region: Region
    let candidates: [RoadmapCandidate]
    let book: GateBook

    init(_ name: String) throws {
        region = try RegionCatalog(directory: Tracking.geoData).region(name)
        network = try NetworkBuilder.build(region: region).0
        book = try GateBook(region.manifest.governance ?? GovernanceSpec(initiatives: [], gates: []))
        // The presets, then closed crossings by id, twelve in all.
        var c = try region.manifest.scenarios.map { RoadmapCandidate(id: $0.id, name: $0.name, kind: "preset", scenario: try Scenario(preset: $0)) }
        for id in Set(network.crossings.filter { !$0.isOpen }.map(\.id)).sorted() where c.count < 12 {
            if network.edgeCrossing.contains(where: { $0 >= 0 && network.crossings[Int($0)].id == id }) { c.append(try RoadmapCandidate.crossing(id, in: network)) }
        }
        candidates = c
    }

    func legs(_ corridor: String) -> [GovernanceLeg] {
        let c = region.manifest.corridors.first { $0.id == corridor }!
        let places = c.waypoints.map { w in network.places.first { $0.id == w.placeId }! }
        return zip(places, places.dropFirst()).map { GovernanceLeg(from: Int($0.node), to: Int($1.node), fromName: $0.name, toName: $1.name) }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = Tracking.configuration

    for (region, corridor) in [("korea", "west-sea-belt"), ("northeast_asia", "china-mongolia-russia")] {
        Benchmark("Roadmap_\(region)_exact12") { benchmark in
            let study = try Study(region.replacingOccurrences(of: "_", with: "-"))
            let evaluator = ScenarioEvaluator(base: study.network, excluding: land, threads: threads)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try Roadmap.plan(study.candidates, evaluator: evaluator, book: study.book).exact?.totalGain)
            }
        }

        Benchmark("HoldUp_\(region)_\(corridor.replacingOccurrences(of: "-", with: "_"))") { benchmark in
            let study = try Study(region.replacingOccurrences(of: "_", with: "-"))
            let evaluator = ScenarioEvaluator(base: study.network, excluding: land, threads: threads)
            let model = try JurisdictionModel(network: study.network, governance: study.region.manifest.governance, asOf: "2026-01-01")
            let legs = study.legs(corridor)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let losses = WithdrawalLosses(evaluator: evaluator, model: model, level: .country)
                blackHole(HoldUpAnalysis.analyse(model: model, legs: legs, excluding: land, losses: losses).withdrawals.count)
            }
        }
    }
}
