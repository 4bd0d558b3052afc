import CorridorAnalysis
import CorridorData
import CorridorGeo
@testable import CorridorNetwork  // hand-made crossing states and edge times
import Foundation
import Testing

/// The border-zone inventory on the two-countries fixture, by hand. The metric CRS is the
/// equirectangular projection (x = a·λ, y = a·φ, a = 6,378,137 m), so the border (lon 1,
/// lat −1..1) is 2·a·π/180 = 222.639 km long and the 55 km band on each side is a rectangle.
@Suite struct BorderZoneTests {
    static let a = 6_378_137.0
    static func m(_ degrees: Double) -> Double { a * degrees * .pi / 180 }

    @Test func fixtureInventory() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let inputs = try NetworkBuilderTests.inputs()
        let borders = try #require(inputs.layers[.borders]).data
        let countries = try #require(inputs.layers[.countries]).data
        var shapes: [String: Shape] = [:]
        for f in countries.features { shapes[countries.value(f, "adm0_a3").stringValue!] = f.shape! }
        let z = try BorderZone.inventory(network: n, countries: ("BBB", "AAA"), countryShapes: shapes, borderLines: borders.features.map { $0.shape! },
                                         metricCRS: CRS("+proj=eqc +datum=WGS84 +units=m +no_defs +type=crs"), widthKilometers: 55, reachKilometers: 50)
        #expect(z.border == "AAA-BBB" && z.borderParts == 1)
        #expect(isClose(z.borderKilometers, Self.m(2) / 1000))
        // The river bridge is open, the rail bridge closed.
        #expect(z.crossingsByStatus == ["open": 1, "closed": 1])
        #expect(isClose(z.openCrossingsPer100Kilometers, 100 / (Self.m(2) / 1000)))
        // One open crossing in the middle: no gap between crossings, two end stretches of a·π/180.
        #expect(z.meanGapKilometers == nil && z.largestGap == nil)
        #expect(z.gaps.count == 2 && z.gaps.allSatisfy { $0.atBorderEnd && isClose($0.kilometers, Self.m(1) / 1000) })
        let bridge = try #require(z.crossings.first { $0.id == "river-bridge" })
        #expect(isClose(bridge.kilometersAlongBorder, Self.m(1) / 1000))
        // Within 50 km of the bridge: 100 km of the 222.639 km (sampled every 250 m).
        #expect(abs(z.shareBeyondReach - (1 - 100_000 / Self.m(2))) < 0.003)

        let (sideA, sideB) = (z.sides[0], z.sides[1])
        #expect(sideA.country == "AAA" && sideB.country == "BBB")
        // Band: 55 km by the border's 222.639 km (the buffer's round caps fall outside the countries).
        #expect(isClose(sideA.areaSquareKilometers, 55 * Self.m(2) / 1000, relative: 1e-9))
        #expect(isClose(sideB.areaSquareKilometers, 55 * Self.m(2) / 1000, relative: 1e-9))
        // The band runs from lon 1 − 0.494° to 1 + 0.494°: Alpha (lon 0.6) is in it, Beta (lon 1.5) just beyond.
        #expect(sideA.places == 1 && sideA.population == 1000 && sideB.places == 0)
        #expect(sideA.seaports == 0 && sideB.seaports == 0)
        // Roads: 55 km of the equator road on each side; on side A also the north–south road at
        // lon 0.75 (a 0.1° meridian arc, all inside). Rail: 0.6–1.0 and 1.0–1.4, 0.4° each.
        let meridian = Geodesic.wgs84.distanceMeters(Coordinate(lon: 0.75, lat: -0.05), Coordinate(lon: 0.75, lat: 0.05))
        #expect(isClose(sideA.kilometersByMode["road"] ?? 0, 55 + meridian / 1000, relative: 1e-9))
        #expect(isClose(sideB.kilometersByMode["road"] ?? 0, 55, relative: 1e-9))
        #expect(isClose(sideA.kilometersByMode["rail"] ?? 0, Self.m(0.4) / 1000, relative: 1e-9))
        #expect(isClose(sideB.kilometersByMode["rail"] ?? 0, Self.m(0.4) / 1000, relative: 1e-9))
        #expect(z.bands.count == 2)
    }

    /// Two open crossings 1° apart on the border: one inner gap of a·π/180 between them.
    @Test func gapBetweenCrossings() throws {
        var (n, _) = try NetworkBuilderTests.build()
        let i = try #require(n.crossings.firstIndex { $0.id == "rail-bridge" })
        n.crossings[i].status = .open
        n.crossings[i].position = Coordinate(lon: 1, lat: 0.5)
        let inputs = try NetworkBuilderTests.inputs()
        let borders = try #require(inputs.layers[.borders]).data, countries = try #require(inputs.layers[.countries]).data
        var shapes: [String: Shape] = [:]
        for f in countries.features { shapes[countries.value(f, "adm0_a3").stringValue!] = f.shape! }
        let z = try BorderZone.inventory(network: n, countries: ("AAA", "BBB"), countryShapes: shapes, borderLines: borders.features.map { $0.shape! },
                                         metricCRS: CRS("+proj=eqc +datum=WGS84 +units=m +no_defs +type=crs"), widthKilometers: 10)
        #expect(z.openCrossings == 2)
        let gap = try #require(z.largestGap)
        #expect(isClose(gap.kilometers, Self.m(0.5) / 1000) && isClose(z.meanGapKilometers ?? 0, Self.m(0.5) / 1000))
        #expect(Set([gap.from, gap.to]).count == 2 && isClose(gap.lat, 0.25, relative: 1e-9))
        // End stretches: 1° below the bridge, 0.5° above the second crossing.
        #expect(z.gaps.filter(\.atBorderEnd).map(\.kilometers).sorted().elementsEqual([Self.m(0.5) / 1000, Self.m(1) / 1000]) { isClose($0, $1) })
    }

    /// Dyads from the Natural Earth income groups: US–Mexico is high–upper middle, with the
    /// GDP per capita ratio 65,298 / 9,946.
    @Test func dyadClasses() throws {
        let d = BorderZone.dyad(("3. Upper middle income", 9946), ("1. High income: OECD", 65298))
        #expect(d.dyadClass == "high–upper middle" && isClose(d.asymmetry, 65298.0 / 9946))
        #expect(BorderZone.dyad(("5. Low income", 1558), ("3. Upper middle income", 10262)).dyadClass == "upper middle–low")
        var a = try BorderZoneTests.fixtureZone(), b = a
        a.border = "AAA-BBB"; a.dyad = BorderZone.dyad(("1. High income: OECD", 40000), ("1. High income: OECD", 50000))
        b.border = "BBB-CCC"; b.dyad = BorderZone.dyad(("1. High income: OECD", 30000), ("1. High income: OECD", 60000))
        let groups = BorderZone.byDyadClass([a, b])
        #expect(groups.count == 1 && groups[0].dyadClass == "high–high" && groups[0].borders == ["AAA-BBB", "BBB-CCC"])
        #expect(isClose(groups[0].borderKilometers, 2 * a.borderKilometers) && isClose(groups[0].meanAsymmetry, (1.25 + 2) / 2))
        #expect(isClose(groups[0].openCrossingsPer100Kilometers, a.openCrossingsPer100Kilometers))
    }

    static func fixtureZone() throws -> BorderZoneInventory {
        let (n, _) = try NetworkBuilderTests.build()
        let inputs = try NetworkBuilderTests.inputs()
        return try #require(try BorderZone.inventories(network: n, inputs: inputs, metricCRS: CRS("+proj=eqc +datum=WGS84 +units=m +no_defs +type=crs"),
                                                        widthKilometers: 10).first)
    }

    @Test func missingBorderIsAnError() throws {
        let (n, _) = try NetworkBuilderTests.build()
        #expect(throws: DataError.self) {
            try BorderZone.inventory(network: n, countries: ("AAA", "BBB"), countryShapes: [:], borderLines: [],
                                     metricCRS: CRS("EPSG:3857"), widthKilometers: 10)
        }
    }
}

/// Two-sided catchment on the fixture, by hand. From the river bridge's AAA end (road node at
/// lon 0.9) Alpha is 0.3° of road at 10 m/s away; from its BBB end (lon 1.1) Beta is 0.4°.
/// From the rail bridge's AAA end (rail 0.9) Alpha is 0.3° of rail at 20 m/s plus the
/// terminal's two half-transfers (30 + 30 min); its BBB end has no terminal, so no place.
@Suite struct CrossingCatchmentTests {
    static func m(_ degrees: Double) -> Double { 6_378_137 * degrees * .pi / 180 }

    @Test func fixtureCatchments() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let alphaRoad = Self.m(0.3) / 10 / 3600, betaRoad = Self.m(0.4) / 10 / 3600, alphaRail = (Self.m(0.3) / 20 + 3600) / 3600
        #expect(alphaRoad < 1 && betaRoad > 1 && alphaRail > 1 && alphaRail < 2)

        let oneHour = CrossingCatchments.compute(n, withinHours: 1)
        let river = try #require(oneHour.first { $0.crossing == "river-bridge" })
        #expect(river.sides.map(\.country) == ["AAA", "BBB"])
        #expect(river.sides[0].populationWithin == 1000 && river.sides[1].populationWithin == 0)
        #expect(river.bindingSide == "BBB" && river.balance == 0)
        #expect(river.sides[0].largestReachablePlace == "Alpha" && isClose(river.sides[0].hoursToLargestReachablePlace!, alphaRoad))
        #expect(river.sides[1].largestReachablePlace == "Beta" && isClose(river.sides[1].hoursToLargestReachablePlace!, betaRoad))
        #expect(river.sides.allSatisfy { $0.hoursToNearestCity == nil })

        let twoHours = CrossingCatchments.compute(n, withinHours: 2)
        let river2 = try #require(twoHours.first { $0.crossing == "river-bridge" })
        #expect(river2.bindingSide == "AAA" && river2.balance == 0.5)
        // Ranked by the binding side: the river bridge (1,000) before the rail bridge (0).
        #expect(twoHours.map(\.crossing) == ["river-bridge", "rail-bridge"])
        let rail = twoHours[1]
        #expect(rail.status == "closed" && rail.sides[0].populationWithin == 1000 && rail.sides[1].populationWithin == 0)
        #expect(isClose(rail.sides[0].hoursToLargestReachablePlace!, alphaRail) && rail.sides[1].largestReachablePlace == nil)
        // Domestic feeder quality: each side's gravity over its own places.
        #expect(isClose(river2.sides[0].domesticGravity, 1000 * exp(-0.1 * alphaRoad)) && isClose(river2.sides[1].domesticGravity, 2000 * exp(-0.1 * betaRoad)))
    }

    /// Port A's domestic feeder: its half-transfer to road (30 min) and 0.4° of road at
    /// 10 m/s to Alpha, 1.74 h.
    @Test func seaportFeeder() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let f = try #require(CrossingCatchments.seaportFeeders(n, withinHours: 2).first)
        let hours = (1800 + Self.m(0.4) / 10) / 3600
        #expect(f.name == "Port A" && f.country == "AAA" && f.populationWithin == 1000 && f.largestReachablePlace == "Alpha")
        #expect(isClose(f.hoursToLargestReachablePlace!, hours) && isClose(f.domesticGravity, 1000 * exp(-0.1 * hours)))
    }
}

/// The border effect on the fixture, by hand: Alpha–Beta is 0.9° of road at 10 m/s plus the
/// river bridge's 30 minutes; the road runs along the straight line, so the equivalent
/// distance of the bridge is 1,800 s at 10 m/s = 18 km.
@Suite struct BorderEffectTests {
    @Test func fixtureEffect() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let r = BorderEffect.compute(n, places: 2, scales: [0, 0.5, 2], beta: 0.1)
        let t0 = NetworkBuilderTests.meters(degrees: 0.9) / 10
        #expect(r.crossBorderPairs == 1 && r.byCountryPair.count == 1)
        let c = r.byCountryPair[0]
        #expect(c.countries == "AAA-BBB" && c.pairs == 1)
        #expect(isClose(c.weightedMeanRatio, (t0 + 1800) / t0) && isClose(c.weightedMeanHoursAdded, 0.5))
        #expect(isClose(c.equivalentKilometers, 18, relative: 1e-9))
        #expect(r.sweep.map(\.scale) == [0, 0.5, 1, 2])
        for row in r.sweep {
            let hours = (t0 + row.scale * 1800) / 3600
            #expect(isClose(row.weightedMeanHours, hours))
            #expect(isClose(row.interaction, 1000 * 2000 * exp(-0.1 * hours)))
            let reference = exp(-0.1 * (t0 + 1800) / 3600)
            #expect(isClose(row.interactionChangePercent, (exp(-0.1 * hours) - reference) / reference * 100, relative: 1e-9))
        }
    }
}

/// Cluster cohesion on the fixture: Alpha–Beta is 0.9° of road at 10 m/s plus the bridge's
/// 30 minutes (3.28 h), and nothing else links them once that road is cut (the rail bridge
/// is closed and Beta has no rail terminal).
@Suite struct CohesionTests {
    @Test func fixtureCluster() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let alpha = n.places.firstIndex { $0.name == "Alpha" }!, beta = n.places.firstIndex { $0.name == "Beta" }!
        let r = ClusterCohesion.compute(n, name: "AB", cities: [alpha, beta], weights: n.arcSeconds())
        let hours = (NetworkBuilderTests.meters(degrees: 0.9) / 10 + 1800) / 3600
        #expect(r.pairs.count == 1 && r.connectedPairs == 1)
        #expect(isClose(r.meanHours, hours) && isClose(r.maxHours, hours))
        #expect(r.shareWithin1Hour == 0 && r.shareWithin2Hours == 0)
        #expect(r.pairs[0].alternativeHours == .infinity && r.shareWithAlternative == 0 && r.meanAlternativeRatio == nil)
        // Closing the bridge disconnects the pair: the maximum becomes infinite.
        var closed = n
        closed.crossings[closed.crossings.firstIndex { $0.id == "river-bridge" }!].status = .closed
        let cut = ClusterCohesion.compute(closed, name: "AB", cities: [alpha, beta], weights: closed.arcSeconds())
        #expect(cut.connectedPairs == 0 && cut.maxHours == .infinity)
    }
}

/// Land against sea on the fixture: Alpha–Beta by land over the river bridge (3.28 h); no
/// port in BBB, so no sea route: land takes the pair, through the bridge.
@Suite struct LandSeaTests {
    @Test func fixtureLandWins() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let r = LandSeaCompetition.compute(n, places: 2)
        #expect(r.pairs == 1 && r.landShare == 1)
        #expect(r.byCountryPair.map(\.countries) == ["AAA-BBB"] && r.byCountryPair[0].meanSeaHours == nil)
        #expect(r.byCrossing.map(\.crossing) == ["river-bridge/road"] && r.byCrossing[0].landCaptureShare == 1)
        // Bridge closed: no route either way, no pair.
        var closed = n
        closed.crossings[closed.crossings.firstIndex { $0.id == "river-bridge" }!].status = .closed
        #expect(LandSeaCompetition.compute(closed, places: 2).pairs == 0)
    }
}

/// Gateway usage and hub succession on the fixture: the one pair's road passes the river
/// bridge (share 1); with the bridge closed no pair connects, and the bridge is bypassed.
@Suite struct HubSuccessionTests {
    @Test func fixtureSuccession() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let before = GatewayUsage.compute(n, places: 2)
        #expect(before.gateways.map(\.id) == ["crossing:river-bridge"] && before.gateways[0].share == 1 && before.gateways[0].pairs == 1)
        var closed = n
        closed.crossings[closed.crossings.firstIndex { $0.id == "river-bridge" }!].status = .closed
        let after = GatewayUsage.compute(closed, places: 2)
        #expect(after.gateways.isEmpty)
        let h = HubSuccession(before: before, after: after)
        #expect(h.rows.count == 1 && h.rows[0].rankBefore == 1 && h.rows[0].rankAfter == nil && h.rows[0].shareAfter == 0)
        #expect(h.bypassed.map(\.id) == ["crossing:river-bridge"])
    }
}

/// Integration regimes: the curated delays describe the present. With a regime of factor 0.5
/// in force from 2000-01-01, the river bridge's 30 minutes were 60 before it, and 45 under an
/// earlier regime of factor 0.75 (1990–2000).
@Suite struct RegimeTests {
    @Test func delaysAsOf() throws {
        let (n, _) = try NetworkBuilderTests.build()
        let regimes = [
            IntegrationRegime(name: "old", category: "customs union talks", countries: ["AAA", "BBB"], from: "1990-01-01", until: "2000-01-01",
                              delayFactor: 0.75, source: "test"),
            IntegrationRegime(name: "new", category: "free trade area", countries: ["AAA", "BBB", "CCC"], from: "2000-01-01", delayFactor: 0.5, source: "test"),
        ]
        func delay(_ day: String) throws -> Double {
            let m = try n.asOf(day, regimes: regimes)
            return m.crossings.first { $0.id == "river-bridge" }!.delaySeconds / 60
        }
        #expect(try isClose(delay("2024-05-01"), 30) && isClose(delay("2000-01-01"), 30))
        #expect(try isClose(delay("1999-12-31"), 45) && isClose(delay("1985-06-30"), 60))
        #expect(throws: DataError.self) { try n.asOf("yesterday", regimes: regimes) }
        #expect(regimes[1].covers("BBB", "AAA") && !regimes[1].covers("AAA", "AAA") && !regimes[0].covers("AAA", "CCC"))
    }
}
