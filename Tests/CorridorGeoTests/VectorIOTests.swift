import CorridorGeo
import Foundation
import Testing

@Suite struct VectorIOTests {
    static let fields = [FieldDefinition("name", .string), FieldDefinition("trucks_2024", .integer), FieldDefinition("delay_minutes", .real)]

    static func crossings() -> VectorLayerData {
        VectorLayerData(name: "crossings", geometryKind: .point, crs: .wgs84, fields: fields, features: [
            Feature(id: 0, values: [.string("Laredo"), .integer(2_990_000), .real(42.5)], shape: .point(Coordinate(lon: -99.5075, lat: 27.5064))),
            Feature(id: 1, values: [.string("Dorasan–Kaesong"), .integer(0), .null], shape: .point(Coordinate(lon: 126.6853, lat: 37.8988))),
            Feature(id: 2, values: [.string("Détroit \"Ambassador\", Windsor"), .integer(1_400_000), .real(30)], shape: .point(Coordinate(lon: -83.0739, lat: 42.3124))),
        ])
    }

    static func lines() -> VectorLayerData {
        VectorLayerData(name: "links", geometryKind: .lineString, crs: .wgs84, fields: [FieldDefinition("mode", .string), FieldDefinition("length_km", .real)], features: [
            Feature(id: 0, values: [.string("rail"), .real(12.25)], shape: .lineString([Coordinate(lon: 126.68, lat: 37.89), Coordinate(lon: 126.6, lat: 37.95), Coordinate(lon: 126.55, lat: 37.97)])),
            Feature(id: 1, values: [.string("road"), .real(3.5)], shape: .lineString([Coordinate(lon: -99.5, lat: 27.5), Coordinate(lon: -99.51, lat: 27.47)])),
        ])
    }

    /// Compares features matched by their first field (FlatGeobuf's spatial index stores
    /// features in Hilbert order, so file order is not write order).
    static func assertSame(_ read: VectorLayerData, _ written: VectorLayerData, tolerance: Double) {
        #expect(read.features.count == written.features.count)
        let key = written.fields[0].name
        let readByKey = Dictionary(read.features.map { (read.value($0, key), $0) }, uniquingKeysWith: { a, _ in a })
        let matched = written.features.compactMap { readByKey[written.value($0, key)] }
        #expect(matched.count == written.features.count)
        for w in written.fields {
            #expect(read.fieldIndex(w.name) != nil, "field \(w.name)")
        }
        for (r, w) in zip(matched, written.features) {
            for field in written.fields {
                let rv = read.value(r, field.name), wv = written.value(w, field.name)
                switch (wv, rv) {
                case (.real(let a), _): #expect(isClose(rv.doubleValue ?? .nan, a, relative: 1e-12), "\(field.name)")
                case (.integer(let a), _): #expect(rv.integerValue == a, "\(field.name)")
                default: #expect(rv == wv, "\(field.name)")
                }
            }
            let rc = r.shape?.allCoordinates ?? [], wc = w.shape?.allCoordinates ?? []
            #expect(rc.count == wc.count)
            for (a, b) in zip(rc, wc) {
                #expect(abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance)
            }
            #expect(r.shape?.kind == w.shape?.kind)
        }
    }

    @Test(arguments: VectorFormat.allCases.filter { $0 != .postgis })  // PostGIS: PostGISCommandTests, against a real server
    func roundTripEveryFormat(_ format: VectorFormat) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for layer in [Self.crossings(), Self.lines()] {
            let path = dir.appendingPathComponent("\(layer.name).\(format.fileExtension)").path
            try VectorWriter.write([layer], to: path)
            let read = try VectorDataset(path: path).layer().readAll()
            // RFC 7946 GeoJSON keeps 7 decimals; the others keep doubles exactly.
            Self.assertSame(read, layer, tolerance: format == .geojson ? 1e-7 : 1e-12)
            if format != .csv { #expect(read.crs == .wgs84) }
            // No temporary files are left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") })
        }
    }

    /// Gzipped GeoJSON: readable back, and byte-identical when written twice (no timestamp),
    /// which keeps rebuilt GeoData reproducible.
    @Test func gzippedGeoJSONIsReproducible() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.geojson.gz").path, b = dir.appendingPathComponent("b.geojson.gz").path
        try VectorWriter.write([Self.lines()], to: a)
        try VectorWriter.write([Self.lines()], to: b)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        Self.assertSame(try VectorDataset(path: a).layer().readAll(), Self.lines(), tolerance: 1e-7)
        #expect(try Gzip.decompress(a).starts(with: Data("{".utf8)))
    }

    @Test func geopackageHoldsSeveralLayers() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("network.gpkg").path
        try VectorWriter.write([Self.crossings(), Self.lines()], to: path)
        let ds = try VectorDataset(path: path)
        #expect(Set(ds.layerNames) == ["crossings", "links"])
        #expect(try ds.layer("links").featureCount == 2)
        #expect(try ds.layer("crossings").geometryKind == .point)
    }

    @Test func singleLayerFormatsRefuseSeveral() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("both.geojson").path
        #expect(throws: GeoError.self) { try VectorWriter.write([Self.crossings(), Self.lines()], to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A failed write leaves an existing file untouched and no temporary behind.
    @Test func failedWriteLeavesExistingFileUntouched() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.fgb").path
        try VectorWriter.write([Self.lines()], to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var bad = Self.lines()
        bad.features[1].values = [.string("road")]  // one value for two fields
        do {
            try VectorWriter.write([bad], to: path)
            Issue.record("expected a failure")
        } catch let e as GeoError {
            #expect(e.description.contains("out.fgb:links"))
            #expect(e.description.contains("feature 1"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.fgb"])
    }

    @Test func badPathsAndFormats() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: GeoError.unsupportedFormat(path: dir.path + "/x.shpx")) {
            try VectorWriter.write([Self.lines()], to: dir.path + "/x.shpx")
        }
        #expect(throws: GeoError.self) { try VectorWriter.write([Self.lines()], to: "/nonexistent-dir/x.gpkg") }
        #expect(throws: GeoError.fileNotFound(path: dir.path + "/missing.gpkg")) {
            try VectorDataset(path: dir.path + "/missing.gpkg")
        }
        // Text that no driver recognises.
        let junk = dir.appendingPathComponent("junk.geojson")
        try Data("this is { not geojson".utf8).write(to: junk)
        do {
            _ = try VectorDataset(path: junk.path)
            Issue.record("expected a failure")
        } catch let e as GeoError {
            guard case .unreadableDataset(let p, _) = e else { Issue.record("wrong error \(e)"); return }
            #expect(p == junk.path)
        }
        let ds = try VectorDataset(path: TestPaths.shared("derived/neasia_border_crossings_derived.geojson"))
        #expect(throws: GeoError.self) { try ds.layer("no_such_layer") }
    }

    /// The shared data reads through /vsigzip/ with its CRS and counts intact.
    @Test func readsSharedGzippedLayer() throws {
        let layer = try VectorDataset(path: TestPaths.shared("sea_lanes/marnet_global.geojson.gz")).layer()
        let data = try layer.readAll()
        #expect(data.features.count == 12_616)  // as ../shared/data/README.md states
        #expect(data.crs == .wgs84)
        #expect(data.features.allSatisfy { $0.shape?.lineParts != nil })
    }

    /// BTS ports of entry CSV: lon/lat columns become point geometries.
    @Test func readsCSVWithCoordinateColumns() throws {
        let data = try VectorDataset(path: TestPaths.shared("bts_border_crossings/bts_ports_of_entry.csv")).layer().readAll()
        #expect(data.features.count > 100)
        let withPoints = data.features.filter { if case .point = $0.shape { return true } else { return false } }
        #expect(withPoints.count > 100)
    }
}
