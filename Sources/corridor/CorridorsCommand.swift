import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct CorridorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridors",
        abstract: "Evaluate the region's named corridors (and your own --via lists): time, distance, detour, crossings, slowest leg.",
        discussion: """
            Examples:
              corridor corridors --region korea --land
              corridor corridors --region korea --land --open gyeongui-dorasan-kaesong --via "Seoul,Kaesong,Pyongyang"
              corridor corridors --region korea --open new-yalu-river-bridge --flows
            Each named corridor is measured on its own modes (the Gyeongui and Donghae lines and
            the Trans-Siberian on rail, the highway corridors on road); --modes or --land put
            every corridor on the same modes.
            --flows adds, per corridor, the flows through its road crossings at the region's
            equilibrium and the flow-weighted loss were they all closed (trips re-routed at the
            equilibrium's costs: vehicle-hours a year added, trips cut off).
            """)

    @OptionGroup var source: NetworkSourceOptions
    @OptionGroup var option: OptionArguments
    @Option(help: "A corridor of your own as comma-separated place names; repeatable.") var via: [String] = []
    @OptionGroup var mode: LandOption
    @Option(help: "Share of paths over this many of the most populous places.") var pathPlaces: Int = 40
    @OptionGroup var flowOptions: FlowsOption
    @OptionGroup var workers: ThreadsOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard pathPlaces >= 2 && pathPlaces <= 2000 else { throw ValidationError("--path-places \(pathPlaces): must be 2...2000") }
        for v in via where v.split(separator: ",").count < 2 { throw ValidationError("--via \(v): give at least two places") }
    }

    func run() throws {
        _ = try source.twoWayNetwork(for: "corridors")
        let full = try option.network(source)
        let network = try mode.restrict(full)
        let weights = network.arcSeconds(excluding: mode.excluding)
        var results = try CorridorEvaluation.named(full, corridors: try source.regionValue()?.manifest.corridors ?? [], override: try mode.override(full),
                                                   pathPlaces: pathPlaces)
        var specs: [(String, String, [Int])] = []
        for (k, v) in via.enumerated() {
            let names = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            specs.append(("via-\(k + 1)", names.joined(separator: "–"), try names.map { n in
                let p = try network.resolvePlace(n, option: "--via"), i = network.places.firstIndex(of: p)!
                return i
            }))
        }
        results += specs.map { CorridorEvaluation.evaluate(network, id: $0.0, name: $0.1, waypoints: $0.2, weights: weights, pathPlaces: pathPlaces) }
        var flowLosses: [String: CorridorFlowLoss] = [:]
        if let study = try flowOptions.study(source, network: network, threads: workers.threads) {
            flowLosses = try study.corridorLosses(results, threads: workers.threads)
            Progress.finish()
        }
        if json {
            struct Output: Encodable { var corridors: [CorridorEvaluation]; var flows: [String: CorridorFlowLoss] }
            if flowOptions.flows { try printJSON(Output(corridors: results, flows: flowLosses)) } else { try printJSON(results) }
            return
        }
        print(CorridorText.corridors(results, flowLosses: flowLosses))
    }
}
