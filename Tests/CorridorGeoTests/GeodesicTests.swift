import CorridorGeo
import Foundation
import Testing

struct GeodesicFixture: Decodable {
    struct Pair: Decodable {
        var from: String, to: String
        var lon1: Double, lat1: Double, lon2: Double, lat2: Double
        var distanceMeters: Double, azimuth1Degrees: Double, azimuth2Degrees: Double
    }
    struct Polyline: Decodable {
        var cities: [String]
        var coordinates: [[Double]]
        var lengthMeters: Double
    }
    var pairs: [Pair]
    var polyline: Polyline

    static func load() throws -> GeodesicFixture {
        try JSONDecoder().decode(GeodesicFixture.self, from: Data(contentsOf: TestPaths.fixture("geodesic_pairs.json")))
    }
}

@Suite struct GeodesicTests {
    /// Distances agree with GeographicLib's Python implementation to a micrometre.
    @Test func cityPairsMatchGeographicLib() throws {
        let fixture = try GeodesicFixture.load()
        #expect(fixture.pairs.count >= 12)
        for p in fixture.pairs {
            let r = Geodesic.wgs84.inverse(from: Coordinate(lon: p.lon1, lat: p.lat1), to: Coordinate(lon: p.lon2, lat: p.lat2))
            #expect(abs(r.distanceMeters - p.distanceMeters) < 1e-6, "\(p.from)-\(p.to)")
            #expect(abs(r.azimuth1Degrees - p.azimuth1Degrees) < 1e-9, "\(p.from)-\(p.to) azimuth 1")
            #expect(abs(r.azimuth2Degrees - p.azimuth2Degrees) < 1e-9, "\(p.from)-\(p.to) azimuth 2")
        }
    }

    @Test func polylineLengthMatchesGeographicLib() throws {
        let line = try GeodesicFixture.load().polyline
        let cs = line.coordinates.map { Coordinate(lon: $0[0], lat: $0[1]) }
        #expect(abs(Geodesic.wgs84.lengthMeters(of: cs) - line.lengthMeters) < 1e-6)
    }

    /// Direct then inverse returns to the start: going 195 km from Seoul at the azimuth to
    /// Pyongyang lands on Pyongyang.
    @Test func directInvertsInverse() throws {
        let seoul = Coordinate(lon: 126.9780, lat: 37.5665), pyongyang = Coordinate(lon: 125.7625, lat: 39.0392)
        let r = Geodesic.wgs84.inverse(from: seoul, to: pyongyang)
        let end = Geodesic.wgs84.destination(from: seoul, azimuthDegrees: r.azimuth1Degrees, distanceMeters: r.distanceMeters)
        #expect(abs(end.lon - pyongyang.lon) < 1e-9)
        #expect(abs(end.lat - pyongyang.lat) < 1e-9)
    }

    /// A 1° x 1° cell at the equator: area by hand from the authalic sphere is about
    /// 12,308 km²; Karney's exact ellipsoidal value is 12,308,778,361 m² (GeographicLib).
    @Test func equatorialCellArea() {
        let ring = [Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 1, lat: 1), Coordinate(lon: 0, lat: 1)]
        let a = Geodesic.wgs84.areaSquareMeters(ofRing: ring)
        #expect(isClose(a, 12_308_778_361.469, relative: 1e-9))
    }
}
