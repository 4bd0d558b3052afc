import CorridorData
import CorridorFlows
import CorridorNetwork
import Foundation
import Testing

/// Matrix estimation from counts, worked by hand on two zones joined by two bridges.
@Suite struct MatrixEstimationTests {
    /// The two-countries fixture with a second road bridge 0.1° north of the river bridge:
    /// Alpha (AAA) and Beta (BBB) are joined by two routes, one per bridge, each with a
    /// 30-minute delay, the northern one longer.
    static func twoBridges(riverBridge: String = "open", gamma: Bool = false) throws -> RegionFlowModel {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CorridorNetworkTests/Fixtures/two-countries")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-odme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func lines(_ coordinates: [[[Double]]]) -> String {
            let features = coordinates.enumerated().map { i, c in
                #"{"type":"Feature","properties":{"id":\#(i + 1)},"geometry":{"type":"LineString","coordinates":\#(c)}}"#
            }
            return #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
        }
        // With `gamma`, a third bridge at 0.3° north leads from Alpha's road to a stretch of
        // Beta's side that no road of Beta joins, with the small town Gamma at its end.
        try lines([[[0.6, 0], [0.9, 0]], [[0.9, 0], [1.1, 0]], [[1.1, 0], [1.5, 0]],
                   [[0.6, 0], [0.9, 0.1]], [[0.9, 0.1], [1.1, 0.1]], [[1.1, 0.1], [1.5, 0]]]
                  + (gamma ? [[[0.6, 0], [0.9, 0.3]], [[0.9, 0.3], [1.1, 0.3]], [[1.1, 0.3], [1.3, 0.3]]] : []))
            .write(to: dir.appendingPathComponent("roads.geojson"), atomically: true, encoding: .utf8)
        let crossings = ([("river-bridge", 0.0, riverBridge), ("north-bridge", 0.1, "open")] + (gamma ? [("gamma-bridge", 0.3, "open")] : [])).map { id, lat, status in
            #"{"type":"Feature","properties":{"crossing_id":"\#(id)","mode":"road","status":"\#(status)","delay_minutes":30,"country_a":"AAA","country_b":"BBB"},"geometry":{"type":"Point","coordinates":[1,\#(lat)]}}"#
        }
        try #"{"type":"FeatureCollection","features":[\#(crossings.joined(separator: ","))]}"#
            .write(to: dir.appendingPathComponent("crossings.geojson"), atomically: true, encoding: .utf8)
        let places = [("pa", "Alpha", "AAA", 1000, 0.6, 0.0), ("pb", "Beta", "BBB", 2000, 1.5, 0.0)] + (gamma ? [("pg", "Gamma", "BBB", 100, 1.3, 0.3)] : [])
        try (#"{"type":"FeatureCollection","features":["# + places.map { id, name, country, population, x, y in
            #"{"type":"Feature","properties":{"place_id":"\#(id)","name":"\#(name)","adm0_a3":"\#(country)","population":\#(population),"capital":""},"geometry":{"type":"Point","coordinates":[\#(x),\#(y)]}}"#
        }.joined(separator: ",") + "]}").write(to: dir.appendingPathComponent("places.geojson"), atomically: true, encoding: .utf8)
        let specs = ["road=\(dir.appendingPathComponent("roads.geojson").path)",
                     "countries=\(fixture.appendingPathComponent("countries.geojson").path)",
                     "crossings=\(dir.appendingPathComponent("crossings.geojson").path)",
                     "places=\(dir.appendingPathComponent("places.geojson").path)"]
        let (network, _) = try NetworkBuilder().build(try NetworkInputs.files(specs))
        let segment = FlowSegmentSpec(name: "local", mass: .population, tripsPerMassPerYear: 10, deterrence: .exponential, alpha: nil, beta: 0.5,
                                      passengerCarEquivalent: 1, observedMeasure: "personal_vehicles", source: "test")
        let defaults = FlowDefaults(minimumZonePopulation: 500, intrazonalHours: 0.25, segments: [segment], roadCrossingCapacityPerHour: 100,
                                    operatingHoursPerYear: 1000, congestionB: 0.15, congestionPower: 4, capacitySource: "test")
        return try RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: [:], threads: 1)
    }

    /// With shares s₁, s₂ of Alpha → Beta over the bridges (logit at θ = 2 per hour) and only
    /// the river bridge counted (C₁), the pair moves by f = C₁ / (s₁ T): after it, the river
    /// bridge carries C₁, the north bridge s₂ C₁ / s₁, and Beta → Alpha moves by the same f.
    /// Counted at both, the pair moves by the share-weighted geometric mean of the two factors,
    /// which lands in one step on ln T* = s₁ ln(C₁ / s₁) + s₂ ln(C₂ / s₂) (the fixed point of
    /// s₁ ln(C₁ / s₁T) + s₂ ln(C₂ / s₂T) = 0).
    @Test func countedPairsMoveAsWorkedByHand() throws {
        let model = try Self.twoBridges()
        #expect(model.zones.map(\.name) == ["Alpha", "Beta"])
        #expect(Set(model.crossingLinks.map(\.crossingId)) == ["river-bridge", "north-bridge"])
        let prior = try ODMatrix(zoneCount: 2, trips: [0, 1000, 800, 0])
        let unit = model.logitInbound(try ODMatrix(zoneCount: 2, trips: [0, 1, 0, 0]), dispersion: 2, inbound: "BBB", threads: 1)
        let s1 = unit["river-bridge"]!, s2 = unit["north-bridge"]!
        #expect(abs(s1 + s2 - 1) < 1e-12 && s1 > s2 && s2 > 0.01)

        let one = try model.estimateMatrix(prior: prior, borderScales: [:], counts: ["river-bridge": 1500], dispersion: 2, inbound: "BBB", threads: 1)
        let f = 1500 / (s1 * 1000)
        #expect(abs(one.trips[0, 1] - 1000 * f) < 1e-9 * 1000 * f && abs(one.trips[1, 0] - 800 * f) < 1e-9 * 800 * f)
        #expect(abs(one.inbound["river-bridge"]! - 1500) < 1e-9 && abs(one.inbound["north-bridge"]! - s2 * 1500 / s1) < 1e-9)
        #expect(one.iterations == 1 && one.movedPairs == 1)

        let both = try model.estimateMatrix(prior: prior, borderScales: [:], counts: ["river-bridge": 1500, "north-bridge": 100], dispersion: 2,
                                            inbound: "BBB", threads: 2)
        let star = exp(s1 * log(1500 / s1) + s2 * log(100 / s2))
        #expect(abs(both.trips[0, 1] - star) < 1e-9 * star)
        #expect(abs(both.inbound["river-bridge"]! - s1 * star) < 1e-9 * star && abs(both.inbound["north-bridge"]! - s2 * star) < 1e-9 * star)
    }

    /// A border factor scales the prior first; the limit stops a cell at limit × its prior;
    /// all-or-nothing (θ infinite) gives the cheaper bridge every trip; bad settings are named.
    @Test func borderFactorLimitAndAllOrNothing() throws {
        let model = try Self.twoBridges()
        let prior = try ODMatrix(zoneCount: 2, trips: [0, 1000, 800, 0])
        let aon = try model.estimateMatrix(prior: prior, borderScales: ["AAA-BBB": 3], counts: ["river-bridge": 6000], dispersion: .infinity,
                                           inbound: "BBB", threads: 1)
        // Scaled to 3000 on the river bridge (the cheaper route), then × 2 to meet 6,000.
        #expect(abs(aon.trips[0, 1] - 6000) < 1e-6 && abs(aon.trips[1, 0] - 4800) < 1e-6 && aon.inbound["north-bridge"] == nil)
        let capped = try model.estimateMatrix(prior: prior, borderScales: [:], counts: ["river-bridge": 100_000], dispersion: .infinity, inbound: "BBB",
                                              estimation: MatrixEstimation(limit: 5, iterations: 10), threads: 1)
        #expect(abs(capped.trips[0, 1] - 5000) < 1e-6 && abs(capped.inbound["river-bridge"]! - 5000) < 1e-6)
        #expect(throws: FlowError.self) {
            try model.estimateMatrix(prior: prior, borderScales: [:], counts: [:], dispersion: 2, inbound: "BBB", estimation: MatrixEstimation(limit: 0.5, iterations: 3), threads: 1)
        }
        #expect(throws: FlowError.self) {
            try model.estimateMatrix(prior: prior, borderScales: [:], counts: ["river-bridge": -1], dispersion: 2, inbound: "BBB", threads: 1)
        }
    }

    /// The crossing choice acts on the relative detour: ln(s₁ / s₂) = θ (t₂ / t₁ − 1), with t₁
    /// the route by the river bridge (the model's best time) and t₂ the route by the north
    /// bridge (the best time once the river bridge is closed).
    @Test func logitWeighsTheRelativeDetour() throws {
        let model = try Self.twoBridges(), closed = try Self.twoBridges(riverBridge: "closed")
        let t1 = model.zoneHours[1], t2 = closed.zoneHours[1]
        #expect(t2 > t1 && t1 > 0.5)
        for theta in [1.0, 4, 16] {
            let v = model.logitInbound(try ODMatrix(zoneCount: 2, trips: [0, 1, 0, 0]), dispersion: theta, inbound: "BBB", threads: 1)
            #expect(abs(log(v["river-bridge"]! / v["north-bridge"]!) - theta * (t2 / t1 - 1)) < 1e-9)
        }
    }

    /// Several matrices and dispersions in one pass give what one loading at a time gives, to
    /// the bit.
    @Test func batchedLoadingEqualsOneAtATime() throws {
        let model = try Self.twoBridges()
        let a = try ODMatrix(zoneCount: 2, trips: [0, 1000, 800, 0]), b = try ODMatrix(zoneCount: 2, trips: [0, 5, 0, 0])
        let dispersions = [Double.infinity, 4, 1]
        let many = model.logitInbound([a, b], dispersions: dispersions, inbound: "BBB", threads: 2)
        for (t, m) in [a, b].enumerated() {
            for (k, theta) in dispersions.enumerated() {
                #expect(many[t][k] == model.logitInbound(m, dispersion: theta, inbound: "BBB", threads: 1))
            }
        }
    }

    /// A town that no centre of its country reaches by its country's roads, but that reaches a
    /// crossing, is a zone of its own (below the minimum population): joined to Beta, whose
    /// roads it cannot reach, its trips could never use the bridge that serves it. Alpha's trips
    /// to Gamma cross there, and nothing is stranded.
    @Test func cutOffTownIsItsOwnZone() throws {
        let model = try Self.twoBridges(gamma: true)
        #expect(model.zones.map(\.name) == ["Alpha", "Beta", "Gamma"])
        #expect(model.zones.map(\.population) == [1000, 2000, 100])
        #expect(model.strandedCrossings().isEmpty)
        var trips = try ODMatrix(zoneCount: 3, trips: Array(repeating: 0, count: 9))
        trips[0, 2] = 50
        let v = model.logitInbound(trips, dispersion: .infinity, inbound: "BBB", threads: 1)
        #expect(v["gamma-bridge"] == 50 && (v["river-bridge"] ?? 0) == 0)
        // Without the town, the zones are Alpha and Beta as before.
        #expect(try Self.twoBridges().zones.map(\.name) == ["Alpha", "Beta"])
    }

    /// The log-fit scale by hand: observed e² − 1 and e⁴ − 1 against predictions 1 and 3 at
    /// scale s: the error is smallest where log(1 + s) + log(1 + 3s) balances 2 + 4, found on
    /// the 5 % grid within 2.5 % of the exact s.
    @Test func logFitScaleMinimisesTheLogError() {
        let observed = [exp(2.0) - 1, exp(4.0) - 1], predicted = [1.0, 3.0]
        let (s, sse) = RegionValidation.logFitScale(observed: observed, predicted: predicted)
        // d/ds Σ (log(1+o) − log(1+s p))² = 0 ⇔ Σ p (log(1+o) − log(1+s p)) / (1 + s p) = 0; solved by bisection.
        func g(_ s: Double) -> Double { zip(observed, predicted).reduce(0) { $0 + $1.1 * (log1p($1.0) - log1p(s * $1.1)) / (1 + s * $1.1) } }
        var lo = 0.1, hi = 100.0
        for _ in 0..<200 { let mid = (lo * hi).squareRoot(); if g(mid) > 0 { lo = mid } else { hi = mid } }
        #expect(abs(s / lo - 1) < 0.025)
        let exact = zip(observed, predicted).reduce(0.0) { let e = log1p($1.0) - log1p(lo * $1.1); return $0 + e * e }
        #expect(sse >= exact - 1e-12 && sse < exact + 1e-3)
    }
}
