import CorridorFlows
import Foundation

enum FlowPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The shared source data: CORRIDOR_SHARED_DATA (scripts/test sets it), else beside the repo.
    static let sharedData = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static func tntp(_ folder: String) -> String {
        sharedData.appendingPathComponent("transportation_networks").appendingPathComponent(folder).path
    }

    /// Network, demand and best-known flows (when the collection has them) of a TNTP network.
    static func load(_ folder: String, weights: TNTP.CostWeights = .init()) throws -> (AssignmentNetwork, ODMatrix, [Double]?) {
        let f = try TNTP.files(tntp(folder))
        let net = try TNTP.readNetwork(f.net, weights: weights).network
        let trips = try TNTP.readTrips(f.trips, zoneCount: net.zoneCount)
        return (net, trips, try f.flows.map { try TNTP.readFlows($0, network: net) })
    }

    static func temp() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-flows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// max |a − b| / max |b|.
func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
    let scale = b.map(abs).max() ?? 1
    return zip(a, b).map { abs($0 - $1) }.max().map { $0 / max(scale, 1e-300) } ?? 0
}
