import Foundation
import Testing

/// `corridor qa`, `--modes` and the repaired north-america network from the command line.
@Suite struct QAModesCommandTests {
    /// The Peace Bridge now carries Buffalo–Fort Erie (it ran over 91 km, round by Niagara
    /// Falls, before bts-901's port area and the Fort Erie Highway 3 repair).
    @Test func buffaloFortErieCrossesThePeaceBridge() throws {
        let r = try CLIRun.run(["route", "--region", "north-america", "--from", "Buffalo", "--to", "Fort Erie", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let km = try #require(json["kilometers"] as? Double)
        #expect(km < 10)
        #expect(json["crossings"] as? [String] == ["bts-901/road"])
    }

    /// San Diego–Tijuana crosses at San Ysidro (before the I-5 plaza repair, the port's US side
    /// was stranded and the route went by Otay Mesa; with Otay Mesa closed, by Calexico).
    @Test func sanDiegoTijuanaCrossesAtSanYsidro() throws {
        let r = try CLIRun.run(["route", "--region", "north-america", "--from", "San Diego", "--to", "Tijuana", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["crossings"] as? [String] == ["bts-2504/road"])
        #expect(try #require(json["kilometers"] as? Double) < 40)
    }

    /// An unknown mode, and a mode the network lacks: one line naming it, exit 1, nothing on stdout.
    @Test func badModesGiveOneLine() throws {
        let unknown = try CLIRun.run(["route", "--region", "korea", "--from", "Seoul", "--to", "Busan", "--modes", "tram", "--quiet"])
        #expect(unknown.status == 1 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == "Error: --modes tram: unknown mode 'tram'; modes are road, rail, sea, ferry")
        let missing = try CLIRun.run(["matrix", "--region", "korea", "--top", "3", "--modes", "ferry", "--quiet"])
        #expect(missing.status == 1 && missing.stdout.isEmpty)
        #expect(missing.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == "Error: --modes ferry: this network has no ferry links (it has road, rail, sea)")
    }

    /// The review as JSON counts each kind it lists, and -o writes the same findings as a layer.
    @Test func qaJSONAndLayerAgree() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-qa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let layer = dir.appendingPathComponent("qa.geojson").path
        let r = try CLIRun.run(["qa", "--region", "korea", "--quiet", "--json", "-o", layer])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]]), counts = try #require(json["counts"] as? [String: Int])
        #expect(counts.values.reduce(0, +) == findings.count)
        for (kind, n) in counts { #expect(findings.filter { $0["kind"] as? String == kind }.count == n) }
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layer))) as? [String: Any])
        #expect((written["features"] as? [Any])?.count == findings.count)
    }
}
