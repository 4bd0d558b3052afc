import CorridorData
import CorridorGeo
import Foundation

enum DataPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let geoData = packageRoot.appendingPathComponent("GeoData")
    static let curation = packageRoot.appendingPathComponent("Curation")
    /// The shared source data: CORRIDOR_SHARED_DATA (scripts/test sets it), else beside the repo.
    static let sharedData = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    static func region(_ name: String) -> URL { geoData.appendingPathComponent(name) }

    static func manifest(_ name: String) throws -> RegionManifest {
        try RegionManifest.load(region(name).appendingPathComponent("manifest.json"))
    }

    static func layer(_ region: String, _ kind: String) throws -> VectorLayerData {
        let m = try manifest(region)
        return try VectorDataset(path: m.layerPath(kind, in: Self.region(region))!).layer().readAll()
    }
}
