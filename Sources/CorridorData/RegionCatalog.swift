import CorridorGeo
import Foundation

/// An embedded region: its folder and manifest.
public struct Region: Sendable {
    public let directory: URL
    public let manifest: RegionManifest

    public var name: String { manifest.region }

    /// A region from its folder and manifest (the catalog reads both; a compiled network file
    /// stores the manifest).
    /// - Parameters:
    ///   - directory: the folder holding the region's layers.
    ///   - manifest: the region's manifest.
    public init(directory: URL, manifest: RegionManifest) {
        self.directory = directory
        self.manifest = manifest
    }

    /// Reads one of the region's layers.
    /// - Throws: `DataError.invalid` when the manifest does not name the layer; GDAL errors.
    public func layer(_ kind: String) throws -> VectorLayerData {
        guard let path = manifest.layerPath(kind, in: directory) else {
            throw DataError.invalid("\(directory.path)/manifest.json", "no layer '\(kind)'")
        }
        return try VectorDataset(path: path).layer().readAll()
    }
}

/// The regions of a GeoData folder (each a subfolder with a manifest.json).
public struct RegionCatalog: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Region names, sorted.
    public func names() -> [String] {
        let fm = FileManager.default
        let entries = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { !$0.hasPrefix(".") && fm.fileExists(atPath: directory.appendingPathComponent("\($0)/manifest.json").path) }.sorted()
    }

    /// A region by name.
    /// - Throws: `DataError.invalid` listing the regions there are.
    public func region(_ name: String) throws -> Region {
        let dir = directory.appendingPathComponent(name)
        guard names().contains(name) else {
            throw DataError.invalid("--region \(name)", "no such region in \(directory.path)" + PlaceName.didYouMean(name, among: names())
                                    + " (have: \(names().joined(separator: ", ")))")
        }
        return Region(directory: dir, manifest: try RegionManifest.load(dir.appendingPathComponent("manifest.json")))
    }
}
