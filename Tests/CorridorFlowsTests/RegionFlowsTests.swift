import CorridorData
import CorridorFlows
import CorridorNetwork
import Foundation
import Testing

@Suite struct RegionFlowsTests {
    /// Two crossings in parallel between two zones, linear delay curves:
    /// t1 = 1 (1 + v1/100), t2 = 2 (1 + v2/200). With 300 trips the equilibrium has equal costs:
    /// 1 + v1/100 = 2 + v2/100 and v1 + v2 = 300, so v1 = 200, v2 = 100, both costing 3.
    @Test func congestedCrossingsSplitAsEquilibriumSays() throws {
        // Zones 0 and 1; side nodes 2 (crossing 1, near side) ... 5.
        let tails: [UInt32] = [0, 2, 3, 0, 4, 5], heads: [UInt32] = [2, 3, 1, 4, 5, 1]
        let costs = try BPRCosts(freeFlowTime: [0, 1, 0, 0, 2, 0], b: [0, 1, 0, 0, 1, 0], power: [1, 1, 1, 1, 1, 1],
                                 capacity: [1, 100, 1, 1, 200, 1])
        let net = try AssignmentNetwork(nodeCount: 6, zoneCount: 2, firstThroughNode: 2, tails: tails, heads: heads, costs: costs)
        let demand = try ODMatrix(zoneCount: 2, trips: [0, 300, 0, 0])
        let r = try TrafficAssignment.run(network: net, classes: [TrafficClass(name: "all", demand: demand)],
                                          options: AssignmentOptions(algorithm: .biconjugateFrankWolfe, targetRelativeGap: 1e-12, maxIterations: 1000, threads: 1))
        #expect(abs(r.linkFlows[1] - 200) < 1e-6 && abs(r.linkFlows[4] - 100) < 1e-6)
        #expect(abs(r.linkCosts[1] - 3) < 1e-8 && abs(r.linkCosts[4] - 3) < 1e-8)
    }

    /// The two-countries fixture's network and a local segment (10 trips a person, e per 2 h).
    static func twoCountries() throws -> (TransportNetwork, FlowSegmentSpec) {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CorridorNetworkTests/Fixtures/two-countries")
        let specs = [("road", "roads"), ("rail", "rail"), ("countries", "countries"), ("crossings", "crossings"), ("places", "places")]
            .map { "\($0.0)=\(dir.appendingPathComponent("\($0.1).geojson").path)" }
        let (network, _) = try NetworkBuilder().build(try NetworkInputs.files(specs))
        let segment = FlowSegmentSpec(name: "local", mass: .population, tripsPerMassPerYear: 10, deterrence: .exponential, alpha: nil, beta: 0.5,
                                      passengerCarEquivalent: 1, observedMeasure: "personal_vehicles", source: "test")
        return (network, segment)
    }

    /// The two-countries fixture: Alpha (AAA) and Beta (BBB) as zones, one open road crossing
    /// (the river bridge). Every trip between them crosses there, and nothing else does.
    @Test func twoCountriesFixtureModel() throws {
        let (network, segment) = try Self.twoCountries()
        let defaults = FlowDefaults(minimumZonePopulation: 500, intrazonalHours: 0.25, segments: [segment], roadCrossingCapacityPerHour: 100,
                                    operatingHoursPerYear: 1000, congestionB: 0.15, congestionPower: 4, capacitySource: "test")
        let model = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: ["AAA": 1, "BBB": 1], threads: 1)
        #expect(model.zones.map(\.name) == ["Alpha", "Beta"])
        #expect(model.crossingLinks.count == 1 && model.crossingLinks[0].crossingId == "river-bridge")
        // Doubly constrained: each zone produces and attracts 10 trips per person.
        let od = try model.demand(segment)
        #expect(abs(od.rowSums[0] - 10_000) < 1e-4 && abs(od.columnSums[1] - 20_000) < 1e-4)
        let crossing = model.crossBorderTrips(od)
        #expect(crossing[0, 0] == 0 && crossing[0, 1] == od[0, 1] && crossing[1, 0] == od[1, 0])
        let r = try TrafficAssignment.run(network: model.assignmentNetwork, classes: [TrafficClass(name: "local", demand: crossing)],
                                          options: AssignmentOptions(targetRelativeGap: 1e-9, threads: 1))
        let volumes = model.crossingVolumes(r, inbound: "BBB")
        #expect(volumes.count == 1 && abs(volumes[0].inbound[0] - od[0, 1]) < 1e-6 && abs(volumes[0].outbound[0] - od[1, 0]) < 1e-6)
        #expect(abs(model.inboundVolumes(r.linkFlows, inbound: "BBB")["river-bridge"]! - od[0, 1]) < 1e-6)
    }

    /// Logit crossing choice by hand: times 1 h and 1.5 h at θ = 2 per hour weigh 1 and e^−1.
    @Test func logitSharesByHand() {
        var hours = [1.0, 1.5]
        RegionFlowModel.logitShares(&hours, dispersion: 2, cheapest: 1)
        let e = exp(-1.0)
        #expect(abs(hours[0] - 1 / (1 + e)) < 1e-15 && abs(hours[1] - e / (1 + e)) < 1e-15)
    }

    /// With one crossing, every trip into Beta enters there whatever the dispersion, as
    /// all-or-nothing loads it.
    @Test func logitLoadingKeepsTheTrips() throws {
        let (network, segment) = try Self.twoCountries()
        let defaults = FlowDefaults(minimumZonePopulation: 500, intrazonalHours: 0.25, segments: [segment], roadCrossingCapacityPerHour: 100,
                                    operatingHoursPerYear: 1000, congestionB: 0.15, congestionPower: 4, capacitySource: "test")
        let model = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: ["AAA": 1, "BBB": 1], threads: 1)
        let trips = model.crossBorderTrips(try model.demand(segment))
        let aon = model.freeFlowInbound(trips, inbound: "BBB", threads: 1)
        #expect(model.strandedCrossings().isEmpty)  // both sides of the river bridge reach their zone
        for theta in [0.5, 2, Double.infinity] {
            let logit = model.logitInbound(trips, dispersion: theta, inbound: "BBB", threads: 2)
            #expect(abs(logit["river-bridge"]! - trips[0, 1]) < 1e-9 * trips[0, 1] && abs(aon["river-bridge"]! - trips[0, 1]) < 1e-9 * trips[0, 1])
        }
    }

    /// A crossing's own capacity replaces the default; it is split over the crossing's border
    /// edges and turned into a yearly figure with the operating hours.
    @Test func crossingCapacityOverridesTheDefault() throws {
        let (network, segment) = try Self.twoCountries()
        var defaults = FlowDefaults(minimumZonePopulation: 500, intrazonalHours: 0.25, segments: [segment], roadCrossingCapacityPerHour: 100,
                                    operatingHoursPerYear: 1000, congestionB: 0.15, congestionPower: 4, capacitySource: "test")
        let plain = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: [:], threads: 1)
        #expect(plain.crossingLinks.map(\.capacityPerYear) == [100 * 1000])
        defaults.crossingCapacities = [CrossingCapacity(crossing: "river-bridge", vehiclesPerHour: 250, source: "test")]
        let own = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: [:], threads: 1)
        #expect(own.crossingLinks.map(\.capacityPerYear) == [250 * 1000])
        let (f, b) = own.crossingAssignmentLinks[0]
        #expect(own.assignmentNetwork.costs.capacity[f] == 250_000 && own.assignmentNetwork.costs.capacity[b] == 250_000)
        defaults.crossingCapacities = [CrossingCapacity(crossing: "river-bridge", vehiclesPerHour: -1, source: "test")]
        #expect(throws: DataError.self) { try defaults.validate("test") }
        defaults.crossingCapacities = [CrossingCapacity(crossing: "a", vehiclesPerHour: 1, source: "x"), CrossingCapacity(crossing: "a", vehiclesPerHour: 2, source: "y")]
        #expect(throws: DataError.self) { try defaults.validate("test") }
        defaults.crossingCapacities = nil
        defaults.feedbackLoops = 0
        #expect(throws: DataError.self) { try defaults.validate("test") }
    }

    /// A factor on the border delays moves the crossing's time, and with it the hours between
    /// the two zones (the bridge is their only route), by (factor − 1) × the 30-minute delay.
    @Test func delayScaleMovesTheCrossingTime() throws {
        let (network, segment) = try Self.twoCountries()
        let defaults = FlowDefaults(minimumZonePopulation: 500, intrazonalHours: 0.25, segments: [segment], roadCrossingCapacityPerHour: 100,
                                    operatingHoursPerYear: 1000, congestionB: 0.15, congestionPower: 4, capacitySource: "test")
        let m = try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: [:], threads: 1)
        let l = m.crossingLinks[0]
        #expect(abs(l.delayHours - 0.5) < 1e-12 && m.delayScale == 1)
        for scale in [0.0, 0.5, 2] {
            let v = try m.withDelayScale(scale, threads: 1)
            #expect(v.delayScale == scale)
            #expect(abs(v.crossingLinks[0].freeFlowHours - (l.freeFlowHours + (scale - 1) * 0.5)) < 1e-12)
            #expect(abs(v.zoneHours[1] - (m.zoneHours[1] + (scale - 1) * 0.5)) < 1e-9 && abs(v.zoneHours[2] - (m.zoneHours[2] + (scale - 1) * 0.5)) < 1e-9)
            #expect(v.assignmentNetwork.costs.freeFlowTime[v.crossingAssignmentLinks[0].forward] == max(v.crossingLinks[0].freeFlowHours, 1e-6))
        }
        // A factor applies to the delay as the network gives it, not on top of an earlier one.
        let again = try m.withDelayScale(2, threads: 1).withDelayScale(0.5, threads: 1)
        #expect(abs(again.crossingLinks[0].freeFlowHours - (try m.withDelayScale(0.5, threads: 1)).crossingLinks[0].freeFlowHours) < 1e-12)
        #expect(throws: FlowError.self) { try m.withDelayScale(-1, threads: 1) }
    }

    @Test func badSegmentsNameTheSegment() {
        let bad = FlowSegmentSpec(name: "freight", mass: .economic, tripsPerMassPerYear: 1, deterrence: .exponential, alpha: nil, beta: -0.1,
                                  passengerCarEquivalent: 2.5, observedMeasure: "trucks", source: "test")
        let defaults = FlowDefaults(minimumZonePopulation: 500, intrazonalHours: 0.25, segments: [bad], roadCrossingCapacityPerHour: 100,
                                    operatingHoursPerYear: 1000, congestionB: 0.15, congestionPower: 4, capacitySource: "test")
        #expect { try defaults.validate("north-america") } throws: { "\($0)".contains("segment freight") && "\($0)".contains("beta -0.1") }
        // An unknown mass or deterrence form is refused when the manifest is read, naming the value and the ones allowed.
        let json = #"{"name": "freight", "mass": "gdp", "tripsPerMassPerYear": 1, "deterrence": "exponential", "beta": 0.1, "passengerCarEquivalent": 2.5, "observedMeasure": "trucks", "source": "test"}"#
        #expect { try JSONDecoder().decode(FlowSegmentSpec.self, from: Data(json.utf8)) } throws: { "\($0)".contains("unknown mass 'gdp' (population, economic)") }
        let form = json.replacingOccurrences(of: #""mass": "gdp""#, with: #""mass": "population""#).replacingOccurrences(of: "exponential", with: "gamma")
        #expect { try JSONDecoder().decode(FlowSegmentSpec.self, from: Data(form.utf8)) } throws: { "\($0)".contains("unknown deterrence 'gamma' (exponential, power, tanner)") }
    }
}
