import CorridorData
import CorridorFlows
import CorridorNetwork
import Foundation
import Testing

/// The embedded korea region's demand model at equilibrium, with and without the Gyeongui
/// crossing, and the option's change measured against the baseline.
@Suite struct RegionEquilibriumTests {
    static let geoData = FlowPaths.packageRoot.appendingPathComponent("GeoData")

    /// korea's manifest flows, its network as loaded and with the Gyeongui preset, and GDP per capita.
    static func korea() throws -> (defaults: FlowDefaults, base: TransportNetwork, gyeongui: TransportNetwork, gdp: [String: Double]) {
        let region = try RegionCatalog(directory: geoData).region("korea")
        let defaults = try #require(region.manifest.flows)
        let (base, _) = try NetworkBuilder.build(region: region)
        let preset = try #require(region.manifest.scenarios.first { $0.id == "reconnect-gyeongui" })
        return (defaults, base, try base.applying(try Scenario(preset: preset)), try gdp(region))
    }

    static func gdp(_ region: Region) throws -> [String: Double] {
        let layer = try region.layer("countries")
        var out: [String: Double] = [:]
        for f in layer.features {
            if let code = layer.value(f, "adm0_a3").stringValue { out[code] = layer.value(f, "gdp_per_capita_usd").doubleValue ?? 0 }
        }
        return out
    }

    @Test func seoulPyongyangFlowsAreZeroUntilGyeonguiOpens() throws {
        let (defaults, base, option, gdp) = try Self.korea()
        let options = AssignmentOptions(targetRelativeGap: 1e-6, maxIterations: 1000, threads: 2)
        let before = try RegionFlowModel(network: base, defaults: defaults, gdpPerCapita: gdp, threads: 2)
        let after = try RegionFlowModel(network: option, defaults: defaults, gdpPerCapita: gdp, threads: 2)
        let segments = before.segments  // the road segments: local and freight
        #expect(segments.map(\.name) == ["local", "freight"])
        let scales = Array(repeating: 1.0, count: segments.count)
        let b = try before.equilibrium(segments, scales: scales, options: options, inbound: "KOR")
        let a = try after.equilibrium(segments, scales: scales, options: options, inbound: "KOR")
        let seoul = try #require(before.zones.firstIndex { $0.name == "Seoul" && $0.country == "KOR" })
        let pyongyang = try #require(before.zones.firstIndex { $0.name == "Pyongyang" && $0.country == "PRK" })
        let z = before.zones.count
        #expect(after.zones == before.zones)
        for k in segments.indices {
            // No road across the DMZ: the gravity model sends nothing, both ways.
            #expect(b.demand[k][seoul, pyongyang] == 0 && b.demand[k][pyongyang, seoul] == 0)
            #expect(!b.hours[seoul * z + pyongyang].isFinite)
            // Open: trips both ways, all of them through a crossing.
            #expect(a.demand[k][seoul, pyongyang] > 0 && a.crossBorder[k][seoul, pyongyang] == a.demand[k][seoul, pyongyang])
            #expect(a.hours[seoul * z + pyongyang].isFinite)
        }
        let gyeongui = "gyeongui-dorasan-kaesong"
        #expect(!before.crossingLinks.contains { $0.crossingId == gyeongui })
        let volume = try #require(a.volumes.first { $0.crossingId == gyeongui })
        #expect(volume.inbound.reduce(0, +) > 0 && volume.outbound.reduce(0, +) > 0)
        // The change: Gyeongui from nothing to its volume; the Seoul–Pyongyang trips are newly
        // connected, so they count as such and not in the rule of half.
        let change = try RegionFlowModel.change(base: b, option: a)
        let row = try #require(change.crossings.first { $0.crossingId == gyeongui })
        #expect(row.before.allSatisfy { $0 == 0 })
        for k in segments.indices {
            #expect(abs(row.after[k] - volume.inbound[k] - volume.outbound[k]) < 1e-6 * max(1, row.after[k]))
            #expect(change.segments[k].tripsNewlyConnected >= a.demand[k][seoul, pyongyang] + a.demand[k][pyongyang, seoul])
            #expect(change.segments[k].tripsCutOff == 0)
        }
        // The same run against itself changes nothing.
        let none = try RegionFlowModel.change(base: b, option: b)
        #expect(none.segments.allSatisfy { $0.hoursSaved == 0 && $0.tripsNewlyConnected == 0 })
        #expect(none.crossings.allSatisfy { $0.before == $0.after })
    }

    /// The feedback loops run as the manifest says, to the asked gap, and keep the trips.
    @Test func feedbackRunsTheManifestsLoops() throws {
        let (defaults, base, _, gdp) = try Self.korea()
        let model = try RegionFlowModel(network: base, defaults: defaults, gdpPerCapita: gdp, threads: 2)
        let run = try model.equilibrium(model.segments, scales: [1, 1], options: AssignmentOptions(targetRelativeGap: 1e-6, threads: 2), inbound: "KOR")
        #expect(run.feedbackLoops == (defaults.feedbackLoops ?? 1))
        #expect(run.result.relativeGap <= 1e-6)
        // Trips are conserved through the feedback: each round's gravity model keeps the
        // productions, and the averages of matrices with equal totals keep them too.
        for k in model.segments.indices {
            let fresh = try model.demand(model.segments[k])
            #expect(abs(run.demand[k].total - fresh.total) < 1e-6 * fresh.total)
        }
    }

    /// Closing crossings at the equilibrium's costs: a crossing with no flow costs nothing;
    /// closing every crossing cuts every trip between two countries and between parts of one
    /// country joined only abroad; the other pairs of one country that shortcut abroad fall
    /// back on their domestic route (hours added, not cut).
    @Test func crossingLossesAddUp() throws {
        let (defaults, base, _, gdp) = try Self.korea()
        let model = try RegionFlowModel(network: base, defaults: defaults, gdpPerCapita: gdp, threads: 2)
        let run = try model.equilibrium(model.segments, scales: [1, 1], options: AssignmentOptions(targetRelativeGap: 1e-6, threads: 2), inbound: "KOR")
        let losses = try model.crossingLosses(run, threads: 2)
        #expect(Set(losses.map(\.crossingId)) == Set(model.crossingLinks.map(\.crossingId)))
        for l in losses {
            let v = try #require(run.volumes.first { $0.crossingId == l.crossingId })
            for k in model.segments.indices {
                #expect(abs(l.volume[k] - v.inbound[k] - v.outbound[k]) <= 1e-9 * max(1, l.volume[k]))
                #expect(l.hoursAdded[k] >= 0 && l.tripsCutOff[k] >= 0)
                if l.volume[k] == 0 { #expect(l.hoursAdded[k] == 0 && l.tripsCutOff[k] == 0) }
            }
        }
        #expect(losses.contains { $0.volume.reduce(0, +) > 0 && $0.hoursAdded.reduce(0, +) + $0.tripsCutOff.reduce(0, +) > 0 })
        let both = try model.closureLosses(run, closing: [Set(model.crossingLinks.map(\.crossingId)), []], threads: 2)
        let all = both[0], none = both[1]
        let z = model.zones.count
        for k in model.segments.indices {
            // Cut: pairs in two countries, and pairs of one country that only a route abroad
            // joins (no domestic route to fall back on).
            var expected = 0.0
            for i in 0..<z {
                for j in 0..<z where model.zones[i].country != model.zones[j].country || !model.domesticZoneHours[i * z + j].isFinite {
                    expected += run.crossBorder[k][i, j]
                }
            }
            #expect(abs(all.tripsCutOff[k] - expected) <= 1e-9 * max(1, expected))
        }
        #expect(none.hoursAdded.allSatisfy { $0 == 0 } && none.tripsCutOff.allSatisfy { $0 == 0 } && none.volume.allSatisfy { $0 == 0 })
    }

    /// Rail freight runs on rail and crosses on rail edges: none through the closed Gyeongui
    /// crossing, some once the preset reopens its rail link, and road segments stay out of a
    /// rail model.
    @Test func railFreightUsesTheRailCrossings() throws {
        let (defaults, base, option, gdp) = try Self.korea()
        let before = try RegionFlowModel(network: base, defaults: defaults, gdpPerCapita: gdp, threads: 2, mode: .rail)
        let after = try RegionFlowModel(network: option, defaults: defaults, gdpPerCapita: gdp, threads: 2, mode: .rail)
        #expect(before.segments.map(\.name) == ["rail"])
        for m in [before, after] {
            for l in m.crossingLinks {
                let e = try #require((0..<m.network.edgeCount).first { Int(m.network.edgeTail[$0]) == l.nodeA && Int(m.network.edgeHead[$0]) == l.nodeB && m.network.edgeIsBorder[$0] })
                #expect(m.network.edgeMode[e] == .rail)
            }
        }
        let options = AssignmentOptions(targetRelativeGap: 1e-6, threads: 2)
        let b = try before.equilibrium(before.segments, scales: [1], options: options, inbound: "KOR")
        let a = try after.equilibrium(after.segments, scales: [1], options: options, inbound: "KOR")
        #expect(!b.volumes.contains { $0.crossingId == "gyeongui-dorasan-kaesong" })
        let g = try #require(a.volumes.first { $0.crossingId == "gyeongui-dorasan-kaesong" })
        #expect(g.inbound[0] > 0 && g.outbound[0] > 0)
        #expect(a.crossBorder[0].total > b.crossBorder[0].total)
    }
}
