import CorridorGeo
import Foundation
import Testing

@Suite struct GeometryTests {
    /// Which Natural Earth 10m country polygon holds each city, by prepared point-in-polygon.
    /// Twin cities on either side of a border make the check sharp.
    @Test func citiesFallInTheirCountries() throws {
        let geos = try GEOSContext()
        let layer = try VectorDataset(path: TestPaths.shared("natural_earth/ne_10m_admin_0_countries.geojson.gz")).layer()
        let data = try layer.readAll()
        let wanted: Set<String> = ["KOR", "PRK", "USA", "MEX", "CHN", "CAN", "RUS"]
        var countries: [(String, PreparedGeometry)] = []
        for f in data.features {
            guard let code = data.value(f, "ADM0_A3").stringValue, wanted.contains(code), let shape = f.shape else { continue }
            countries.append((code, try geos.geometry(shape).prepared()))
        }
        #expect(countries.count == wanted.count)
        let cities: [(String, Coordinate, String)] = [
            ("Seoul", Coordinate(lon: 126.9780, lat: 37.5665), "KOR"),
            ("Kaesong", Coordinate(lon: 126.5544, lat: 37.9708), "PRK"),
            ("Laredo TX", Coordinate(lon: -99.5075, lat: 27.5064), "USA"),
            ("Nuevo Laredo", Coordinate(lon: -99.5169, lat: 27.4763), "MEX"),
            ("Dandong", Coordinate(lon: 124.3545, lat: 40.1245), "CHN"),
            ("Sinuiju", Coordinate(lon: 124.3981, lat: 40.1006), "PRK"),
            ("Detroit", Coordinate(lon: -83.0458, lat: 42.3314), "USA"),
            ("Windsor", Coordinate(lon: -83.0364, lat: 42.3149), "CAN"),
            ("Tijuana", Coordinate(lon: -117.0382, lat: 32.5149), "MEX"),
            ("San Diego", Coordinate(lon: -117.1611, lat: 32.7157), "USA"),
            ("Vladivostok", Coordinate(lon: 131.8869, lat: 43.1155), "RUS"),
        ]
        for (name, c, expected) in cities {
            let holders = try countries.filter { try $0.1.contains(c) }.map(\.0)
            #expect(holders == [expected], "\(name)")
        }
    }

    @Test func wktRoundTripAndMeasures() throws {
        let geos = try GEOSContext()
        let g = try geos.geometry(wkt: "LINESTRING (0 0, 3 4, 3 10)")
        #expect(try g.planarLength() == 11)  // 5 + 6, by hand
        #expect(try g.wkt() == "LINESTRING (0 0, 3 4, 3 10)")
        #expect(try g.kind == .lineString)
        #expect(try g.envelope() == Envelope(minX: 0, minY: 0, maxX: 3, maxY: 10))
        let square = try geos.geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))")
        #expect(try square.planarArea() == 16)
        #expect(try square.shape() == .polygon([[Coordinate(x: 0, y: 0), Coordinate(x: 4, y: 0), Coordinate(x: 4, y: 4), Coordinate(x: 0, y: 4), Coordinate(x: 0, y: 0)]]))
    }

    @Test func shapeWKBRoundTripsThroughGEOS() throws {
        let geos = try GEOSContext()
        let shapes: [Shape] = [
            .point(Coordinate(x: 126.5, y: 37.9)),
            .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)]),
            .multiLineString([[Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0)], [Coordinate(x: 2, y: 2), Coordinate(x: 3, y: 3)]]),
            .multiPoint([Coordinate(x: 1, y: 2), Coordinate(x: 3, y: 4)]),
            .multiPolygon([[[Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 0)]]]),
            .collection([.point(Coordinate(x: 5, y: 5)), .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 9, y: 9)])]),
        ]
        for s in shapes {
            #expect(try geos.geometry(s).shape() == s)
        }
    }

    /// Big-endian, ISO-Z WKB from other producers decodes to the same 2-D value.
    @Test func decodesBigEndianAndZ() throws {
        // POINT Z (1 2 3) in big-endian ISO WKB: type 1001.
        var bytes: [UInt8] = [0, 0, 0, 0x03, 0xE9]
        for v in [1.0, 2.0, 3.0] { withUnsafeBytes(of: v.bitPattern.bigEndian) { bytes.append(contentsOf: $0) } }
        #expect(try Shape(wkb: bytes) == .point(Coordinate(x: 1, y: 2)))
    }

    @Test func nodingSplitsCrossingLines() throws {
        let geos = try GEOSContext()
        // Two lines crossing at (1 1): noding gives four segments meeting there.
        let g = try geos.geometry(wkt: "MULTILINESTRING ((0 0, 2 2), (0 2, 2 0))").noded()
        guard case .multiLineString(let parts) = try g.shape() else { Issue.record("not lines"); return }
        #expect(parts.count == 4)
        #expect(parts.allSatisfy { $0.contains(Coordinate(x: 1, y: 1)) })
        // The crossing point by intersection.
        let a = try geos.geometry(wkt: "LINESTRING (0 0, 2 2)"), b = try geos.geometry(wkt: "LINESTRING (0 2, 2 0)")
        #expect(try a.intersection(b).shape() == .point(Coordinate(x: 1, y: 1)))
    }

    @Test func strTreeAnswersNearestAndIntersects() throws {
        let geos = try GEOSContext()
        // Three horizontal lines at y = 0, 10, 20.
        let lines: [Shape] = (0..<3).map { i in
            .lineString([Coordinate(x: 0, y: Double(i) * 10), Coordinate(x: 100, y: Double(i) * 10)])
        }
        let index = try SpatialIndex(shapes: lines, in: geos)
        #expect(try index.nearest(to: Coordinate(x: 50, y: 12)) == 1)
        #expect(try index.nearest(to: Coordinate(x: 50, y: 17)) == 2)
        #expect(try index.nearest(to: Coordinate(x: -40, y: -3)) == 0)
        #expect(try index.candidates(intersecting: Envelope(minX: 10, minY: 5, maxX: 20, maxY: 25)) == [1, 2])
        #expect(try index.candidates(intersecting: Envelope(minX: 200, minY: 0, maxX: 300, maxY: 25)) == [])
    }

    @Test func invalidPolygonReportsReason() throws {
        let geos = try GEOSContext()
        let bowtie = try geos.geometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))")
        #expect(try !bowtie.isValid())
        let reason = try #require(try bowtie.invalidityReason())
        #expect(reason.contains("Self-intersection"))
        #expect(throws: GeoError.self) { try bowtie.validate(context: "test.gpkg:roads feature 7") }
        do {
            try bowtie.validate(context: "test.gpkg:roads feature 7")
        } catch let e as GeoError {
            #expect(e.description.hasPrefix("test.gpkg:roads feature 7: invalid geometry: Self-intersection"))
        }
        #expect(try bowtie.makeValid().isValid())
    }

    @Test func malformedInputThrowsTypedErrors() throws {
        let geos = try GEOSContext()
        #expect(throws: GeoError.self) { try geos.geometry(wkt: "LINESTRING (0 0, 1") }
        #expect(throws: GeoError.self) { try geos.geometry(wkb: [1, 2, 0, 0]) }
        // Truncated WKB in the Swift decoder names its context.
        let cut = Array(Shape.lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)]).wkb.dropLast(3))
        #expect(throws: GeoError.malformedGeometry(context: "roads.fgb feature 3", reason: "count 2 exceeds the 29 bytes left")) {
            try Shape(wkb: cut, context: "roads.fgb feature 3")
        }
        // A count claiming more points than the bytes can hold is refused before allocating.
        let huge: [UInt8] = [1, 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: GeoError.self) { try Shape(wkb: huge) }
    }
}
