import Foundation
import Testing

/// The governance commands end to end: real answers on korea and north-america, GIS output,
/// and bad governance input refused with one line and nothing written.
@Suite struct GovernanceCommandTests {
    static func array(_ s: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [[String: Any]])
    }

    /// Dallas to Oklahoma City crosses a state line inside the USA: the federal level is the
    /// common superior.
    @Test func usRouteBetweenTwoStatesHasTheFederalLevelAsSuperior() throws {
        let r = try CLIRun.run(["governance", "--region", "north-america", "--from", "Dallas", "--to", "Oklahoma City", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let profile = try #require(try Self.array(r.stdout).first?["profile"] as? [String: Any])
        #expect(profile["commonSuperior"] as? String == "USA" && profile["commonSuperiorLevel"] as? String == "country")
        let levels = try #require(profile["levels"] as? [[String: Any]])
        #expect(levels.first { $0["level"] as? String == "admin1" }?["sequence"] as? [String] == ["USA/Texas", "USA/Oklahoma"])
    }

    @Test func gatesHoldUpRoadmapAndDockingOnKorea() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gpkg = dir.appendingPathComponent("gates.gpkg").path
        let gates = try CLIRun.run(["gates", "--region", "korea", "--quiet", "--json", "-o", gpkg])
        #expect(gates.status == 0, "\(gates.stderr)")
        let corridors = try #require(try NetworkCommandTests.json(gates.stdout)["corridors"] as? [[String: Any]])
        let west = try #require(corridors.first { $0["id"] as? String == "west-sea-belt" })
        #expect(west["blockedOnlyByGates"] as? Bool == true)
        let blocked = corridors.reduce(0) { $0 + (($1["blocked"] as? [Any])?.count ?? 0) }
        #expect(try NetworkCommandTests.ogrinfoCounts(gpkg) == ["blocked_stretches": blocked])
        // What if inter-Korean relations and the rest were met: the belt's burden falls to the
        // China–DPRK gates of the New Yalu River Bridge.
        let whatIf = try CLIRun.run(["gates", "--region", "korea", "--quiet", "--json", "--gate", "inter-korean-relations=met", "--gate", "denuclearisation=met",
                                     "--gate", "security-crises=met", "--gate", "financing=met"])
        let w2 = try #require((try NetworkCommandTests.json(whatIf.stdout)["corridors"] as? [[String: Any]])?.first { $0["id"] as? String == "west-sea-belt" })
        #expect((w2["gateBurden"] as? Double ?? 99) < (west["gateBurden"] as? Double ?? 0))

        let hold = try CLIRun.run(["holdup", "--region", "korea", "--from", "Seoul", "--to", "Dandong", "--preset", "reconnect-gyeongui", "--land", "--quiet", "--json"])
        #expect(hold.status == 0, "\(hold.stderr)")
        let h = try #require(try Self.array(hold.stdout).first?["holdUp"] as? [String: Any])
        let prk = try #require((h["withdrawals"] as? [[String: Any]])?.first { $0["jurisdiction"] as? String == "PRK" })
        #expect(prk["cutPoint"] as? Bool == true && (prk["legsCut"] as? [String]) == ["Seoul–Dandong"])
        #expect(((prk["network"] as? [String: Any])?["pairsCut"] as? Int ?? 0) > 0)

        let road = try CLIRun.run(["roadmap", "--region", "korea", "--quiet", "--json"])
        #expect(road.status == 0, "\(road.stderr)")
        let plan = try NetworkCommandTests.json(road.stdout)
        // The bridge carries the lightest gates (China–DPRK, not inter-Korean): first in the easy-first order.
        #expect(((plan["easyFirst"] as? [String: Any])?["candidates"] as? [String])?.first == "new-yalu-river-bridge")
        let exact = try #require(plan["exact"] as? [String: Any]), greedy = try #require(plan["greedy"] as? [String: Any])
        #expect((exact["totalGain"] as? Double ?? 0) >= (greedy["totalGain"] as? Double ?? 1) - 1e-9)

        let out = dir.appendingPathComponent("docking.gpkg").path
        let dock = try CLIRun.run(["docking", "--region", "korea", "--as-of", "2019-01-01", "--quiet", "--json", "-o", out])
        #expect(dock.status == 0, "\(dock.stderr)")
        let d = try NetworkCommandTests.json(dock.stdout)
        let hotspots = try #require((d["docking"] as? [String: Any])?["hotspots"] as? [[String: Any]])
        let twins = try #require(d["twinCities"] as? [[String: Any]])
        #expect(try NetworkCommandTests.ogrinfoCounts(out) == ["docking_hotspots": hotspots.count, "twin_cities": twins.count])
        #expect(twins.contains { $0["a"] as? String == "Dandong" && ($0["crossings"] as? [String])?.contains("dandong-sinuiju/road") == true })
    }

    /// A gate with an unknown state, a membership ending before it starts, an overlay with no
    /// CRS: one line naming the file and the entry, exit 1, no output file.
    @Test func badGovernanceInput() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.gpkg").path
        let cases = [
            (#"{"initiatives": [], "gates": [{"id": "peace", "name": "Peace", "state": "maybe", "source": "s", "applies": [{"between": ["KOR", "PRK"]}]}]}"#,
             "gate peace: unknown state 'maybe' (met, partial, unmet)"),
            (#"{"initiatives": [{"id": "gti", "name": "GTI", "kind": "initiative", "source": "s", "members": [{"jurisdiction": "PRK", "from": "2005-09-02", "until": "1995-01-01"}]}], "gates": []}"#,
             "initiative gti member PRK: ends (1995-01-01) before it starts (2005-09-02)"),
        ]
        for (k, (json, message)) in cases.enumerated() {
            let file = dir.appendingPathComponent("bad-\(k).json").path
            try Data(json.utf8).write(to: URL(fileURLWithPath: file))
            let r = try CLIRun.run(["gates", "--region", "korea", "--governance", file, "-o", out, "--quiet"])
            #expect(r.status == 1)
            #expect(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == "Error: \(file): \(message)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        let csv = CLIRun.packageRoot.appendingPathComponent("Tests/CorridorGovernanceTests/Fixtures/three-jurisdictions/overlay-without-crs.csv").path
        let r = try CLIRun.run(["governance", "--region", "korea", "--overlay", csv, "-o", out, "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == "Error: \(csv): overlay has no CRS; write it with one (e.g. EPSG:4326)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
