import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation
import Testing

/// Bad layer files give one clear error naming the file and feature.
@Suite struct BadLayerTests {
    static func temp() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    static func layer(_ name: String, _ kind: ShapeKind, _ shapes: [Shape], crs: CRS? = .wgs84) -> VectorLayerData {
        VectorLayerData(name: name, geometryKind: kind, crs: crs, fields: [FieldDefinition("id", .integer)],
                        features: shapes.enumerated().map { Feature(id: Int64($0.offset), values: [.integer(Int64($0.offset))], shape: $0.element) })
    }

    @Test func wrongGeometryType() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("roads.gpkg").path
        try VectorWriter.write([Self.layer("roads", .point, [.point(Coordinate(x: 1, y: 1))])], to: path)
        let m = try #require(Self.message { _ = try NetworkBuilder().build(NetworkInputs.files(["road=\(path)"])) })
        #expect(m.contains(path) && m.contains("feature") && m.contains("expected LineString"))
    }

    @Test func emptyLayer() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rail.gpkg").path
        try VectorWriter.write([Self.layer("rail", .lineString, [])], to: path)
        let m = try #require(Self.message { _ = try NetworkInputs.files(["rail=\(path)"]) })
        #expect(m.contains(path) && m.contains("empty"))
    }

    @Test func missingCRS() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("roads.csv").path
        try Data("WKT,id\n\"LINESTRING (0 0,1 1)\",1\n".utf8).write(to: URL(fileURLWithPath: path))
        let m = try #require(Self.message { _ = try NetworkInputs.files(["road=\(path)"]) })
        #expect(m.contains(path) && m.contains("no CRS"))
        // With --crs the same file builds.
        let (n, _) = try NetworkBuilder().build(NetworkInputs.files(["road=\(path)"], crs: .wgs84))
        #expect(n.nodeCount == 2)
    }

    @Test func nanCoordinates() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("roads.gpkg").path
        try VectorWriter.write([Self.layer("roads", .lineString, [
            .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)]),
            .lineString([Coordinate(x: 0, y: 0), Coordinate(x: .nan, y: 1)]),
        ])], to: path)
        let m = try #require(Self.message { _ = try NetworkBuilder().build(NetworkInputs.files(["road=\(path)"])) })
        #expect(m.contains(path) && m.contains("feature 2") && m.contains("not a finite number"))
    }

    @Test func swappedLatitudeLongitude() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("roads.gpkg").path
        // Laredo written as (lat, lon) = (27.5, -99.5) puts -99.5 in the latitude slot.
        try VectorWriter.write([Self.layer("roads", .lineString, [.lineString([Coordinate(x: 27.5, y: -99.5), Coordinate(x: 27.6, y: -99.4)])])], to: path)
        let m = try #require(Self.message { _ = try NetworkBuilder().build(NetworkInputs.files(["road=\(path)"])) })
        #expect(m.contains("swapped"))
    }

    @Test func unknownKindAndDuplicateCrossings() throws {
        #expect(Self.message { _ = try NetworkInputs.files(["motorway=/tmp/x.gpkg"]) }?.contains("KIND=PATH") == true)
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let roads = dir.appendingPathComponent("roads.geojson").path
        try VectorWriter.write([Self.layer("roads", .lineString, [.lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0)])])], to: roads)
        let crossings = dir.appendingPathComponent("crossings.geojson").path
        let rows = [FieldValue.string("x"), .string("road")]
        try VectorWriter.write([VectorLayerData(name: "crossings", geometryKind: .point, crs: .wgs84,
            fields: [FieldDefinition("crossing_id", .string), FieldDefinition("mode", .string)],
            features: [Feature(id: 0, values: rows, shape: .point(Coordinate(x: 0.5, y: 0))), Feature(id: 1, values: rows, shape: .point(Coordinate(x: 0.6, y: 0)))])], to: crossings)
        let m = try #require(Self.message { _ = try NetworkBuilder().build(NetworkInputs.files(["road=\(roads)", "crossings=\(crossings)"])) })
        #expect(m.contains("x/road appears twice"))
    }
}
