import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation
import Testing

/// The options planners argue about, on the embedded regions.
@Suite struct RealScenarioTests {
    static func preset(_ region: String, _ id: String) throws -> Scenario {
        let r = try RegionCatalog(directory: RealRegions.geoData).region(region)
        return try Scenario(preset: try #require(r.manifest.scenarios.first { $0.id == id }))
    }

    /// Reconnecting the Gyeongui line makes Seoul–Pyongyang reachable by rail (the road link
    /// left closed), and the gains fall in KOR and PRK, and in CHN through Dandong.
    @Test func gyeonguiReconnection() throws {
        let (base, _) = try RealRegions.build("korea")
        let preset = try Self.preset("korea", "reconnect-gyeongui")
        // The preset without its road link: Dorasan track restored, rail crossing opened.
        let railOnly = Scenario(id: "gyeongui-rail", name: "Gyeongui rail", operations: preset.operations.filter {
            $0 != .openCrossing(crossing: "gyeongui-dorasan-kaesong", mode: .road, delayMinutes: nil)
        })
        #expect(railOnly.operations.count == preset.operations.count - 1)
        let rail = try base.applying(railOnly)
        let seoul = Int(try #require(base.place(named: "Seoul")).node), pyongyang = Int(try #require(base.place(named: "Pyongyang")).node)
        #expect(Route.fastest(in: base, from: seoul, to: pyongyang, weights: base.arcSeconds(excluding: [.sea])) == nil)
        let r = try #require(Route.fastest(in: rail, from: seoul, to: pyongyang, weights: rail.arcSeconds(excluding: [.sea])))
        #expect(r.crossings == ["gyeongui-dorasan-kaesong/rail"])
        #expect(r.legs.contains { $0.mode == "rail" })

        let e = ScenarioEvaluation.evaluate(base: base, option: try base.applying(preset), scenario: preset, excluding: [.sea], pairPlaces: 50, threads: 2)
        for country in ["KOR", "PRK", "CHN"] {
            let g = try #require(e.byCountry.first { $0.name == country })
            #expect(g.gravityChangePercent > 0, "\(country) gains")
            #expect(g.placesLosing == 0)
        }
        #expect(e.pairs.newlyReachable > 0 && e.pairs.noLongerReachable == 0)
        #expect(e.newlyConnectedPopulation > 10_000_000)
    }

    /// The incremental evaluator (baseline once, only reachable places recomputed) agrees
    /// with the plain full evaluation on every Korea preset and on small changes, and a
    /// change at the Russian border recomputes only some places.
    @Test func incrementalMatchesFullEvaluation() throws {
        let (base, _) = try RealRegions.build("korea")
        let region = try RegionCatalog(directory: RealRegions.geoData).region("korea")
        var scenarios = try region.manifest.scenarios.map { try Scenario(preset: $0) }
        scenarios += try [
            #"{"id": "slow-khasan", "name": "slow-khasan", "operations": [{"op": "set_delay", "crossing": "khasan-tumangang", "delayMinutes": 2000}]}"#,
            #"{"id": "fast-hunchun", "name": "fast-hunchun", "operations": [{"op": "set_delay", "crossing": "hunchun-kraskino", "mode": "road", "delayMinutes": 10}]}"#,
            #"{"id": "close-dandong", "name": "close-dandong", "operations": [{"op": "close_crossing", "crossing": "dandong-sinuiju"}]}"#,
            #"{"id": "nothing", "name": "nothing", "operations": [{"op": "open_crossing", "crossing": "manpo-jian", "mode": "road"}]}"#,
        ].map { try Scenario(data: Data($0.utf8), source: "test") }
        let excluding: Set<Mode> = [.sea]
        let evaluator = ScenarioEvaluator(base: base, excluding: excluding, pairPlaces: 60, threads: 2)
        for s in scenarios {
            let option = try base.applying(s)
            let fast = evaluator.evaluate(option: option, scenario: s)
            let full = ScenarioEvaluation.evaluate(base: base, option: option, scenario: s, excluding: excluding, pairPlaces: 60, threads: 2)
            #expect(fast.places.count == full.places.count)
            for (a, b) in zip(fast.places, full.places) {
                #expect(isClose(a.gravityAfter, b.gravityAfter, relative: 1e-9), "\(s.id) \(a.name)")
                #expect(a.populationWithinAfter == b.populationWithinAfter && a.populationReachableAfter == b.populationReachableAfter, "\(s.id) \(a.name)")
            }
            #expect(isClose(fast.gravityChangePercent, full.gravityChangePercent, relative: 1e-6), "\(s.id)")
            #expect(fast.pairs.newlyReachable == full.pairs.newlyReachable && fast.pairs.noLongerReachable == full.pairs.noLongerReachable)
            #expect(abs(fast.pairs.weightedMeanHoursSaved - full.pairs.weightedMeanHoursSaved) < 1e-6, "\(s.id)")
            #expect(fast.newlyConnectedPopulation == full.newlyConnectedPopulation, "\(s.id)")
            if s.id == "nothing" { #expect(fast.placesRecomputed == 0) }
            if s.id == "slow-khasan" { #expect(fast.placesRecomputed > 0 && fast.placesRecomputed < base.places.count, "\(fast.placesRecomputed)") }
        }
    }

    /// Cutting the Manzhouli–Zabaikalsk rail delay from 24 h to 6 h shortens Harbin–Chita by
    /// rail by exactly those 18 hours.
    @Test func manzhouliDelayCut() throws {
        let (base, _) = try RealRegions.build("northeast-asia")
        let option = try base.applying(try Self.preset("northeast-asia", "manzhouli-rail-delay-cut"))
        // Rail nodes nearest Harbin and Chita; rail-only weights.
        func railNode(_ name: String) throws -> Int {
            let c = base.coordinate(of: Int(try #require(base.place(named: name)).node))
            return (0..<base.nodeCount).filter { base.nodeMode[$0] == .rail }
                .min { Geodesic.wgs84.distanceMeters(c, base.coordinate(of: $0)) < Geodesic.wgs84.distanceMeters(c, base.coordinate(of: $1)) }!
        }
        let harbin = try railNode("Harbin"), chita = try railNode("Chita")
        let keep: Set<Mode> = [.road, .sea, .access, .transfer]
        let before = try #require(Route.fastest(in: base, from: harbin, to: chita, weights: base.arcSeconds(excluding: keep)))
        let after = try #require(Route.fastest(in: option, from: harbin, to: chita, weights: option.arcSeconds(excluding: keep)))
        #expect(before.crossings == ["manzhouli-zabaikalsk/rail"])
        #expect(abs((before.seconds - after.seconds) - 18 * 3600) < 1e-6)
    }

    /// Closing the Ambassador Bridge while the Gordie Howe bridge is absent raises Detroit–
    /// Toronto (trucks divert to Port Huron) and Detroit–Windsor; adding Gordie Howe restores
    /// Detroit–Toronto to within minutes of the baseline, through the new bridge.
    @Test func ambassadorAndGordieHowe() throws {
        let (base, _) = try RealRegions.build("north-america")
        let closed = try base.applying(try Self.preset("north-america", "ambassador-bridge-closed"))
        let both = try closed.applying(try Self.preset("north-america", "gordie-howe-bridge"))
        func route(_ n: TransportNetwork, _ to: String) throws -> Route {
            let a = Int(try #require(base.place(named: "Detroit")).node), b = Int(try #require(base.place(named: to)).node)
            return try #require(Route.fastest(in: n, from: a, to: b, weights: n.arcSeconds(excluding: [.sea])))
        }
        let toronto = try route(base, "Toronto")
        #expect(toronto.crossings == ["detroit-ambassador-bridge/road"])
        let diverted = try route(closed, "Toronto")
        #expect(diverted.seconds > toronto.seconds && diverted.crossings == ["bts-3802/road"], "\(diverted.crossings)")
        let restored = try route(both, "Toronto")
        #expect(restored.crossings == ["gordie-howe-bridge/road"])
        #expect(restored.seconds < diverted.seconds && abs(restored.seconds - toronto.seconds) < 600)
        #expect(try route(closed, "Windsor").seconds > route(base, "Windsor").seconds + 900)
        #expect(try route(both, "Windsor").seconds < route(closed, "Windsor").seconds)
    }

    /// Every preset of every region applies and evaluates.
    @Test(arguments: ["korea", "northeast-asia", "north-america"])
    func presetsRun(_ region: String) throws {
        let r = try RegionCatalog(directory: RealRegions.geoData).region(region)
        let (base, _) = try NetworkBuilder.build(region: r)
        for p in r.manifest.scenarios {
            let s = try Scenario(preset: p)
            let option = try base.applying(s)
            #expect(option.arcSeconds().count == option.graph.arcCount, "\(region)/\(p.id)")
        }
    }
}
