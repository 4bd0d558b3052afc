import CorridorGeo
import Foundation
import Testing

@Suite struct ProjectionTests {
    static let places: [Coordinate] = [
        Coordinate(lon: 126.9780, lat: 37.5665),  // Seoul
        Coordinate(lon: 125.7625, lat: 39.0392),  // Pyongyang
        Coordinate(lon: -99.5075, lat: 27.5064),  // Laredo
        Coordinate(lon: -83.0458, lat: 42.3314),  // Detroit
        Coordinate(lon: 131.8869, lat: 43.1155),  // Vladivostok
    ]

    /// Web Mercator by hand: x = R·λ, y = R·ln tan(π/4 + φ/2), R = 6,378,137 m.
    @Test func webMercatorMatchesTheFormula() throws {
        let t = try CoordinateTransform(from: .wgs84, to: .webMercator)
        let r = 6_378_137.0
        for c in Self.places {
            let p = try t.forward(c)
            let x = r * c.lon * .pi / 180
            let y = r * log(tan(.pi / 4 + c.lat * .pi / 360))
            #expect(abs(p.x - x) < 1e-6 && abs(p.y - y) < 1e-6)
        }
    }

    /// 4326 -> 3857 -> UTM -> 4326 returns within 1e-6 degrees (the acceptance bound); the
    /// actual error is far smaller.
    @Test func roundTripsThroughMercatorAndUTM() throws {
        for c in Self.places {
            let utm = CRS.utmZone(containing: c)
            let toMercator = try CoordinateTransform(from: .wgs84, to: .webMercator)
            let mercatorToUTM = try CoordinateTransform(from: .webMercator, to: utm)
            let utmToGeographic = try CoordinateTransform(from: utm, to: .wgs84)
            let back = try utmToGeographic.forward(mercatorToUTM.forward(toMercator.forward(c)))
            #expect(abs(back.lon - c.lon) < 1e-6 && abs(back.lat - c.lat) < 1e-6, "\(c) via \(utm)")
            // And the inverse direction of one transform.
            let inv = try toMercator.inverse(toMercator.forward(c))
            #expect(abs(inv.lon - c.lon) < 1e-9 && abs(inv.lat - c.lat) < 1e-9)
        }
    }

    /// Seoul is in UTM zone 52N; on its zone the easting is 500 km at the central meridian
    /// 129°E, and Seoul lies west of it.
    @Test func utmZoneSelection() throws {
        #expect(CRS.utmZone(containing: Self.places[0]) == .epsg(32652))
        #expect(CRS.utmZone(containing: Self.places[2]) == .epsg(32614))
        let t = try CoordinateTransform(from: .wgs84, to: .epsg(32652))
        #expect(abs(try t.forward(Coordinate(lon: 129, lat: 0)).x - 500_000) < 1e-6)
        #expect(try t.forward(Self.places[0]).x < 500_000)
    }

    /// Lon/lat order holds even though EPSG:4326 is lat-first by authority.
    @Test func axisOrderIsLonLat() throws {
        let t = try CoordinateTransform(from: .wgs84, to: "EPSG:4269")  // NAD83, also lat-first officially
        let p = try t.forward(Self.places[2])
        #expect(abs(p.x - Self.places[2].lon) < 1e-4)
    }

    @Test func unknownCRSIsATypedError() throws {
        #expect(throws: GeoError.self) { try CoordinateTransform(from: "EPSG:999999", to: .wgs84) }
        do {
            _ = try CoordinateTransform(from: .wgs84, to: "not a crs")
        } catch let GeoError.unknownCRS(definition, message) {
            #expect(definition == "not a crs")
            #expect(!message.isEmpty)
        }
    }

    @Test func outOfDomainPointFails() throws {
        let t = try CoordinateTransform(from: .wgs84, to: .webMercator)
        #expect(throws: GeoError.self) { try t.forward(Coordinate(lon: 0, lat: 91)) }
    }
}
