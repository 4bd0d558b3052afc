import CorridorData
import CorridorGeo
import Foundation
import Testing

@Suite struct GeoDataTests {
    static let regions = ["korea", "north-america", "northeast-asia"]

    /// Rebuilding GeoData/ from ../shared/data with the project's importer reproduces every
    /// committed file byte for byte (gzip members compared after decompression).
    @Test func rebuildReproducesCommittedFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-geodata-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let importer = try GeoDataImporter(sharedData: DataPaths.sharedData, curation: DataPaths.curation)
        #expect(try importer.availableRegions() == Self.regions)
        _ = try importer.importRegions(Self.regions, into: out)
        for region in Self.regions {
            let committed = try FileManager.default.contentsOfDirectory(atPath: DataPaths.region(region).path).sorted()
            let rebuilt = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(region).path).sorted()
            #expect(committed == rebuilt, "\(region) file list")
            for file in committed {
                let a = DataPaths.region(region).appendingPathComponent(file).path
                let b = out.appendingPathComponent(region).appendingPathComponent(file).path
                let same = file.hasSuffix(".gz")
                    ? try Gzip.decompress(a) == Gzip.decompress(b)
                    : try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b))
                #expect(same, "\(region)/\(file) differs from a rebuild")
            }
        }
    }

    /// GeoData/ stays under 40 MB.
    @Test func geoDataIsSmall() throws {
        var total = 0
        let e = FileManager.default.enumerator(at: DataPaths.geoData, includingPropertiesForKeys: [.fileSizeKey])!
        for case let url as URL in e { total += (try url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        #expect(total < 40_000_000)
    }

    /// Every layer the manifest names exists with the stated count and WGS 84 CRS.
    @Test(arguments: regions)
    func manifestCountsMatchLayers(_ region: String) throws {
        let m = try DataPaths.manifest(region)
        #expect(Set(m.layers.keys) == ["admin1", "borders", "countries", "crossings", "places", "rail", "roads", "sea_lanes", "seaports"])
        for (kind, entry) in m.layers {
            let data = try DataPaths.layer(region, kind)
            #expect(data.features.count == entry.features, "\(region)/\(kind)")
            #expect(data.crs == .wgs84)
            #expect(entry.features > 0, "\(region)/\(kind) is empty")
        }
        #expect(try CoordinateTransform(from: .wgs84, to: CRS(m.metricCRS)).forward(Coordinate(lon: (m.bbox[0] + m.bbox[2]) / 2, lat: (m.bbox[1] + m.bbox[3]) / 2)).x.isFinite)
    }

    /// Each named corridor's waypoints resolve to places of the region, in order.
    @Test(arguments: regions)
    func corridorWaypointsResolveToPlaces(_ region: String) throws {
        let m = try DataPaths.manifest(region)
        let spec = try JSONDecoder().decode(RegionSpec.self, from: Data(contentsOf: DataPaths.curation.appendingPathComponent("\(region).json")))
        let places = try DataPaths.layer(region, "places")
        let ids = Set(places.features.map { places.value($0, "place_id").description })
        #expect(m.corridors.map(\.id) == spec.corridors.map(\.id))
        for (c, s) in zip(m.corridors, spec.corridors) {
            #expect(c.waypoints.map(\.name) == s.waypoints, "\(c.id)")
            for w in c.waypoints {
                #expect(ids.contains(w.placeId), "\(c.id): \(w.name)")
                #expect(m.countries.contains(w.country))
            }
        }
    }

    /// Known waypoints land in the right country.
    @Test func waypointCountries() throws {
        let k = try DataPaths.manifest("korea")
        let west = try #require(k.corridors.first { $0.id == "west-sea-belt" })
        #expect(west.waypoints.map(\.country) == ["KOR", "PRK", "PRK", "PRK", "PRK", "CHN"])
        let na = try DataPaths.manifest("north-america")
        let gl = try #require(na.corridors.first { $0.id == "detroit-windsor-toronto" })
        #expect(gl.waypoints.map(\.country) == ["USA", "CAN", "CAN", "CAN"])
    }
}
