import ArgumentParser
import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorNetwork
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

    @Option(help: "A corridor of your own as comma-separated place names; repeatable.")
    var via: [String] = []

    @OptionGroup var mode: LandOption

    @Option(help: "Share of paths over this many of the most populous places.")
    var pathPlaces: Int = 40

    @OptionGroup var flowOptions: FlowsOption

    @OptionGroup var workers: ThreadsOption

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    /// A corridor's road crossings in the region's flows.
    struct FlowLoss: Encodable {
        var corridor: String
        var crossings: [String]
        var segments: [String]
        var volume: [Double]
        var hoursAdded: [Double]
        var tripsCutOff: [Double]
    }

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
        var flowLosses: [String: FlowLoss] = [:]
        if let study = try flowOptions.study(source, network: network, threads: workers.threads) {
            let sets = results.map { r in
                Set(r.crossings.compactMap { c -> String? in c.crossing.hasSuffix("/road") ? String(c.crossing.dropLast(5)) : nil })
            }
            let losses = try study.baseModel.closureLosses(study.baseRun, closing: sets, threads: workers.threads)
            for (r, (ids, l)) in zip(results, zip(sets, losses)) {
                flowLosses[r.id] = FlowLoss(corridor: r.id, crossings: ids.sorted(), segments: study.baseRun.segments.map(\.name),
                                            volume: l.volume, hoursAdded: l.hoursAdded, tripsCutOff: l.tripsCutOff)
            }
            Progress.finish()
        }
        if json {
            struct Output: Encodable { var corridors: [CorridorEvaluation]; var flows: [String: FlowLoss] }
            if flowOptions.flows { try printJSON(Output(corridors: results, flows: flowLosses)) } else { try printJSON(results) }
            return
        }
        for r in results {
            if r.complete {
                print(String(format: "%@ (%@)%@: %.1f h, %.0f km, detour %.2f, %.0f%% of top-place paths use it", r.name, r.id,
                             r.modes.map { " by \($0)" } ?? "", r.hours, r.kilometers, r.detourIndex, r.shareOfPaths * 100))
            } else {
                print("\(r.name) (\(r.id))\(r.modes.map { " by \($0)" } ?? ""): incomplete, \(r.legs.filter { !$0.reachable }.map { "\($0.from)–\($0.to)" }.joined(separator: ", ")) unreachable")
            }
            for l in r.legs where l.reachable {
                print(String(format: "   %@ %6.1f h %6.0f km  %4.0f km/h  %@", pad("\(l.from)–\(l.to)", 28), l.hours, l.kilometers, l.kilometersPerHour,
                             l.modes.filter { $0.mode != "access" }.map(\.mode).joined(separator: "+")))
            }
            for c in r.crossings {
                let gauge = c.gaugeChange != nil ? String(format: ", of which %.1f h gauge change (%@)", c.gaugeChangeHours, gaugeMethod(c.gaugeChange ?? "")) : ""
                print(String(format: "   crossing %@: %.1f h delay (%.0f%% of the time)%@", c.crossing, c.delayHours, c.shareOfTime * 100, gauge))
            }
            if let s = r.slowestLeg { print("   slowest leg: \(s)") }
            if let f = flowLosses[r.id] {
                if f.crossings.isEmpty { print("   flows: no road crossing on the corridor's route") }
                for (k, s) in f.segments.enumerated() where !f.crossings.isEmpty {
                    print(String(format: "   flows, %@: %.0f vehicles a year through its road crossings; closing them adds %.0f vehicle-hours a year and cuts %.0f trips",
                                 s, f.volume[k], f.hoursAdded[k], f.tripsCutOff[k]))
                }
            }
        }
    }
}
