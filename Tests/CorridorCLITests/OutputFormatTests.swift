import Foundation
import Testing

/// Every vector output format, read back by GDAL's own ogrinfo: the expected layer, fields
/// (units in their names) and feature count, for the scenario, criticality and access layers.
@Suite struct OutputFormatTests {
    /// Layer name → (feature count, field names), from `ogrinfo -so -al`.
    static func ogrinfo(_ path: String) throws -> [String: (count: Int, fields: [String], crs: Bool)] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        p.arguments = ["-ro", "-so", "-al", path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        var result: [String: (count: Int, fields: [String], crs: Bool)] = [:]
        var layer = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("Layer name: ") { layer = String(line.dropFirst(12)); result[layer] = (0, [], false) }
            guard !layer.isEmpty else { continue }
            if line.hasPrefix("Feature Count: ") { result[layer]!.count = Int(line.dropFirst(15)) ?? -1 }
            if line.contains("WGS 84") || line.contains("EPSG\",4326") || line.contains("CRS84") { result[layer]!.crs = true }
            if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("Layer"), !line.hasPrefix("Feature"),
               !line.hasPrefix("Geometry"), !line.hasPrefix("Extent"), !line.hasPrefix("FID"), !line.hasPrefix("Data axis"),
               !line.hasPrefix("INFO"), !line.hasPrefix("Metadata"), line[line.index(after: colon)...].hasPrefix(" "),
               ["String", "Real", "Integer", "Integer64"].contains(where: { line[colon...].contains($0) }) {
                result[layer]!.fields.append(String(line[..<colon]))
            }
        }
        return result
    }

    @Test(arguments: ["gpkg", "geojson", "fgb", "csv"])
    func scenarioAndCriticalityLayers(_ ext: String) throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let changes = dir.appendingPathComponent("changes.\(ext)").path
        let s = try CLIRun.run(["scenario", "--region", "korea", "--land", "--quiet", "--preset", "new-yalu-river-bridge", "--json", "-o", changes])
        #expect(s.status == 0, "\(s.stderr)")
        let evaluations = try #require(try JSONSerialization.jsonObject(with: Data(s.stdout.utf8)) as? [[String: Any]])
        let places = try #require(evaluations.first?["places"] as? [Any])
        let scenarioLayer = try #require(try Self.ogrinfo(changes).values.first)
        #expect(scenarioLayer.count == places.count)
        for field in ["scenario", "place_id", "gravity_before", "gravity_after", "gravity_change_pct", "newly_reachable_population"] {
            #expect(scenarioLayer.fields.contains(field), "\(ext): \(field) in \(scenarioLayer.fields)")
        }
        if ext != "csv" { #expect(scenarioLayer.crs, "\(ext) carries WGS 84") }

        let links = dir.appendingPathComponent("links.\(ext)").path
        let c = try CLIRun.run(["criticality", "--region", "korea", "--land", "--quiet", "--pair-places", "8", "--json", "-o", links])
        #expect(c.status == 0, "\(c.stderr)")
        let j = try NetworkCommandTests.json(c.stdout)
        let linkLayer = try #require(try Self.ogrinfo(links).values.first)
        #expect(linkLayer.count == j["linksTested"] as? Int)
        for field in ["rank", "edge_id", "length_km", "weighted_hours_added", "pairs_disconnected", "is_bridge"] {
            #expect(linkLayer.fields.contains(field), "\(ext): \(field) in \(linkLayer.fields)")
        }
    }
}

/// `scenario` and `criticality` end to end on korea, as a user runs them.
@Suite struct OptionCommandTests {
    @Test func scenarioRanksPresets() throws {
        let r = try CLIRun.run(["scenario", "--region", "korea", "--land", "--all-presets", "--pair-places", "20"])
        #expect(r.status == 0, "\(r.stderr)")
        let ranks = r.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(ranks.count == 3 && ranks[0].contains("reconnect-gyeongui"))
        #expect(r.stderr.contains("places recomputed"))
        // Hub succession: the New Yalu bridge takes the Dandong–Sinuiju flows.
        let yalu = try CLIRun.run(["scenario", "--region", "korea", "--land", "--quiet", "--preset", "new-yalu-river-bridge", "--hubs", "40", "--json"])
        #expect(yalu.status == 0, "\(yalu.stderr)")
        let e = try #require((try JSONSerialization.jsonObject(with: Data(yalu.stdout.utf8)) as? [[String: Any]])?.first)
        let hubs = try #require(e["hubs"] as? [String: Any])
        let rows = try #require(hubs["rows"] as? [[String: Any]])
        #expect(rows.first?["id"] as? String == "crossing:new-yalu-river-bridge")
        #expect((hubs["bypassed"] as? [[String: Any]])?.first?["id"] as? String == "crossing:dandong-sinuiju")
        let bad = try CLIRun.run(["scenario", "--region", "korea", "--preset", "nope"])
        #expect(bad.status != 0 && bad.stderr.contains("nope"))
        let unknown = try CLIRun.run(["scenario", "--region", "korea", "--scenario", "/nonexistent/option.json"])
        #expect(unknown.status == 1 && unknown.stderr.contains("/nonexistent/option.json"))
    }

    @Test func criticalityLists() throws {
        let r = try CLIRun.run(["criticality", "--region", "korea", "--land", "--quiet", "--top", "3", "--pair-places", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("links between junctions") && r.stdout.contains("open crossings") && r.stdout.contains("bridges"))
        let usage = try CLIRun.run(["criticality", "--region", "korea", "--top", "0"])
        #expect(usage.status == 64 && usage.stderr.contains("--top 0"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(_ shell: String) throws {
        let r = try CLIRun.run(["--generate-completion-script", shell])
        #expect(r.status == 0 && r.stdout.contains("criticality") && r.stdout.contains("report"))
    }
}
