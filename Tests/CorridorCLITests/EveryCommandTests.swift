import Foundation
import Testing

/// The commands not covered elsewhere, end to end on korea, and every command's help with a
/// real example.
@Suite struct EveryCommandTests {
    static let commands = ["regions", "import", "build", "stats", "route", "matrix", "access", "centrality", "scenario", "appraise", "corridors", "governance", "holdup", "gates", "roadmap", "docking", "criticality",
                           "border-zone", "catchment", "border-effect", "cohesion", "land-sea", "demand", "assign", "validate", "calibrate", "report", "merge", "bench"]

    @Test(arguments: commands)
    func helpShowsAnExample(_ command: String) throws {
        let r = try CLIRun.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example") && r.stdout.contains("corridor \(command)"), "\(command) --help")
    }

    @Test func regionsAndImport() throws {
        let regions = try CLIRun.run(["regions", "--json"])
        #expect(regions.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(regions.stdout.utf8)) as? [[String: Any]])
        #expect(Set(list.compactMap { $0["name"] as? String }) == ["korea", "northeast-asia", "north-america"])

        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = CLIRun.packageRoot
        let shared = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"]
            ?? root.appendingPathComponent("../shared/data").standardized.path
        let r = try CLIRun.run(["import", "--shared-data", shared, "--region", "korea", "-o", dir.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("korea: "))
        // Reproducible: the manifest is the committed one, byte for byte.
        let written = try Data(contentsOf: dir.appendingPathComponent("korea/manifest.json"))
        let committed = try Data(contentsOf: root.appendingPathComponent("GeoData/korea/manifest.json"))
        #expect(written == committed)
    }

    @Test func crossBorderCommands() throws {
        let zone = try CLIRun.run(["border-zone", "--region", "korea", "--border", "CHN-PRK", "--quiet", "--json"])
        #expect(zone.status == 0, "\(zone.stderr)")
        let z = try #require((try JSONSerialization.jsonObject(with: Data(zone.stdout.utf8)) as? [[String: Any]])?.first)
        #expect((z["dyad"] as? [String: Any])?["dyadClass"] as? String == "upper middle–low")
        #expect((z["openCrossings"] as? Int ?? 0) >= 4)

        let effect = try CLIRun.run(["border-effect", "--region", "korea", "--open", "gyeongui-dorasan-kaesong", "--places", "30", "--quiet", "--json"])
        #expect(effect.status == 0, "\(effect.stderr)")
        let e = try NetworkCommandTests.json(effect.stdout)
        let pairs = try #require(e["byCountryPair"] as? [[String: Any]])
        let korPrk = try #require(pairs.first { $0["countries"] as? String == "KOR-PRK" })
        #expect((korPrk["weightedMeanHoursAdded"] as? Double ?? 0) > 0 && (korPrk["weightedMeanRatio"] as? Double ?? 0) > 1)
        let sweep = try #require(e["sweep"] as? [[String: Any]])
        let changes = sweep.compactMap { $0["interactionChangePercent"] as? Double }
        #expect(changes.count == 4 && changes == changes.sorted(by: >), "interaction falls as the delays grow")

        let cohesion = try CLIRun.run(["cohesion", "--region", "korea", "--land", "--quiet", "--json", "--cities", "Seoul,Incheon,Suwon"])
        #expect(cohesion.status == 0, "\(cohesion.stderr)")
        let c = try NetworkCommandTests.json(cohesion.stdout)
        #expect(c["shareWithin2Hours"] as? Double == 1 && (c["pairs"] as? [Any])?.count == 3)
        // Land against sea: KOR–PRK pairs go by sea while Gyeongui is closed, by land once open.
        func landShareKorPrk(_ extra: [String]) throws -> Double {
            let r = try CLIRun.run(["land-sea", "--region", "korea", "--places", "30", "--quiet", "--json"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let pairs = try #require(try NetworkCommandTests.json(r.stdout)["byCountryPair"] as? [[String: Any]])
            return try #require(pairs.first { $0["countries"] as? String == "KOR-PRK" }?["landShare"] as? Double)
        }
        #expect(try landShareKorPrk([]) == 0 && landShareKorPrk(["--open", "gyeongui-dorasan-kaesong"]) == 1)
        // Integration regimes: before NAFTA (1993) US–Mexico delays were the USMCA ones over 0.8.
        func mexUsaHours(_ extra: [String]) throws -> Double {
            let r = try CLIRun.run(["border-effect", "--region", "north-america", "--places", "20", "--scales", "1", "--quiet", "--json"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let pairs = try #require(try NetworkCommandTests.json(r.stdout)["byCountryPair"] as? [[String: Any]])
            return try #require(pairs.first { $0["countries"] as? String == "MEX-USA" }?["weightedMeanHoursAdded"] as? Double)
        }
        let now = try mexUsaHours([]), before = try mexUsaHours(["--as-of", "1993-06-01"])
        #expect(abs(before - now / 0.8) < 1e-6 * now, "\(before) vs \(now)")
        let badDay = try CLIRun.run(["stats", "--region", "korea", "--quiet", "--as-of", "1993-13-45"])
        #expect(badDay.status == 1 && badDay.stderr.contains("1993-13-45"))
        let unknown = try CLIRun.run(["cohesion", "--region", "korea", "--quiet", "--cities", "Seoul,Atlantis"])
        #expect(unknown.status == 1 && unknown.stderr.contains("Atlantis") && !unknown.stderr.contains("Usage:"))
    }
}
