import CorridorData
import CorridorNetwork
import Foundation

enum KoreaNetwork {
    static func build(_ geoData: URL) throws -> TransportNetwork {
        let region = try RegionCatalog(directory: geoData).region("korea")
        var options = NetworkOptions()
        options.snapToleranceMeters = region.manifest.snapToleranceMeters ?? options.snapToleranceMeters
        return try NetworkBuilder(options: options).build(NetworkInputs.region(region)).0
    }
}
