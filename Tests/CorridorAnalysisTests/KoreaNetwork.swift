import CorridorData
import CorridorNetwork
import Foundation

enum KoreaNetwork {
    static func build(_ geoData: URL) throws -> TransportNetwork {
        try NetworkBuilder.build(region: RegionCatalog(directory: geoData).region("korea")).0
    }
}
