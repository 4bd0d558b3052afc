import Foundation
import Testing

/// `corridor assign` end to end on every shared TNTP network, and its outputs read back.
@Suite struct AssignCommandTests {
    static func tntp(_ folder: String) -> String {
        let root = CLIRun.packageRoot
        let shared = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"] ?? root.appendingPathComponent("../shared/data").standardized.path
        return "\(shared)/transportation_networks/\(folder)"
    }

    struct Network: CustomTestStringConvertible, Sendable {
        var folder: String
        var arguments: [String]
        var trips: Double
        var testDescription: String { folder }
    }

    static let networks = [
        Network(folder: "SiouxFalls", arguments: ["--gap", "1e-4"], trips: 360_600),
        Network(folder: "Anaheim", arguments: ["--gap", "1e-4"], trips: 104_694.4),
        Network(folder: "Chicago-Sketch", arguments: ["--gap", "1e-3", "--demand-scale", "2"], trips: 2 * 1_260_907.44),
        Network(folder: "Berlin-Center", arguments: ["--max-iterations", "3"], trips: 168_222.302),
        Network(folder: "Braess-Example", arguments: ["--gap", "1e-9"], trips: 6),
    ]

    @Test(arguments: networks)
    func assignsEverySharedNetwork(_ n: Network) throws {
        let r = try CLIRun.run(["assign", "--tntp", Self.tntp(n.folder), "--json", "--quiet"] + n.arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let j = try NetworkCommandTests.json(r.stdout)
        #expect(abs((j["trips"] as? Double ?? 0) - n.trips) < 1e-3 * n.trips)
        #expect(j["unroutedTrips"] as? Double == 0)
        let history = try #require(j["history"] as? [[String: Any]])
        let gap = try #require(j["relativeGap"] as? Double)
        #expect(gap == history.last?["relativeGap"] as? Double)
        if n.folder != "Berlin-Center" { #expect(j["converged"] as? Bool == true) } else { #expect(history.count == 4) }
    }

    @Test func textOutputAndProgress() throws {
        let r = try CLIRun.run(["assign", "--tntp", Self.tntp("Braess-Example"), "--gap", "1e-9", "--select-link", "bridge=3-4"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("total travel     552.0"))
        #expect(r.stdout.contains("select link bridge: 2.000 trips over 1 OD pairs"))
        #expect(r.stderr.contains("assign: iteration 2 gap"))
    }

    @Test(arguments: ["gpkg", "geojson", "fgb", "csv"])
    func linkLayers(_ ext: String) throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("flows.\(ext)").path
        let r = try CLIRun.run(["assign", "--tntp", Self.tntp("SiouxFalls"), "--quiet", "--select-link", "10-16", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let layer = try #require(try OutputFormatTests.ogrinfo(out).values.first)
        #expect(layer.count == 76)
        for f in ["link", "from_node", "to_node", "free_flow_time", "capacity", "flow", "cost", "volume_capacity", "select_10-16"] {
            #expect(layer.fields.contains(f), "\(ext): \(f) in \(layer.fields)")
        }
        if ext != "csv" { #expect(layer.crs) }
    }

    @Test func projectedNodesNeedTheirCRS() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("chicago.gpkg").path
        let refused = try CLIRun.run(["assign", "--tntp", Self.tntp("Chicago-Sketch"), "--max-iterations", "1", "--quiet", "-o", out])
        #expect(refused.status == 64 && refused.stderr.contains("--node-crs"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // Illinois State Plane East, US feet, as the collection's README says.
        let ok = try CLIRun.run(["assign", "--tntp", Self.tntp("Chicago-Sketch"), "--max-iterations", "1", "--quiet", "--node-crs", "EPSG:3435", "-o", out])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try OutputFormatTests.ogrinfo(out)["link_flows"]?.count == 2950)
    }

    @Test func jsonFileHoldsEveryLinkFlow() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("braess.json").path
        let r = try CLIRun.run(["assign", "--tntp", Self.tntp("Braess-Example"), "--gap", "1e-10", "--quiet", "-o", out])
        #expect(r.status == 0)
        let j = try NetworkCommandTests.json(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self))
        let flows = try #require(j["linkFlows"] as? [Double])
        #expect(zip(flows, [4.0, 2, 2, 2, 4]).allSatisfy { abs($0 - $1) < 1e-6 })
    }
}
