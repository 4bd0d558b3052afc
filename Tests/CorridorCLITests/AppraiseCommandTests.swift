import Foundation
import Testing

/// `corridor appraise` end to end on korea: JSON, the allocation table, the text.
@Suite struct AppraiseCommandTests {
    @Test func everyKoreaPresetRankedByNPV() throws {
        let r = try CLIRun.run(["appraise", "--region", "korea", "--all-presets", "--land", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(Set(list.compactMap { $0["scenario"] as? String }) == ["reconnect-gyeongui", "reconnect-donghae-tsr", "new-yalu-river-bridge"])
        let npv = list.compactMap { $0["netPresentValue"] as? Double }
        #expect(npv == npv.sorted(by: >))
        for a in list {
            #expect((a["costSource"] as? String).map { !$0.isEmpty } == true)
            #expect((a["benefitMethod"] as? String)?.contains("not a flow-based") == true)
            let shares = try #require(a["shares"] as? [[String: Any]])
            #expect(abs(shares.compactMap { $0["costShare"] as? Double }.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func allocationTableAndOverrides() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("allocation.csv").path
        let base = ["appraise", "--region", "korea", "--preset", "new-yalu-river-bridge", "--land", "--quiet"]
        let r = try CLIRun.run(base + ["--cost-rule", "equal", "-o", table])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Open the New Yalu River Bridge") && r.stdout.contains("dissimilarity D"))
        let csv = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n")
        #expect(csv.first?.contains("benefit_share") == true && csv.first?.contains("shapley_npv") == true)
        #expect(csv.count >= 3)  // header, CHN, PRK
        // A higher discount rate lowers the NPV of an option that pays off over time.
        func npv(_ extra: [String]) throws -> Double {
            let j = try CLIRun.run(base + extra + ["--json"])
            let list = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [[String: Any]])
            return try #require(list.first?["netPresentValue"] as? Double)
        }
        #expect(try npv(["--discount-rate", "0.10"]) < npv(["--discount-rate", "0.03"]))
    }
}
