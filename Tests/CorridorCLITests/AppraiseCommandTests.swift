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
            #expect((a["benefitMethod"] as? String)?.hasPrefix("rule of half") == true)
            let shares = try #require(a["shares"] as? [[String: Any]])
            #expect(abs(shares.compactMap { $0["costShare"] as? Double }.reduce(0, +) - 1) < 1e-9)
        }
    }

    /// The acceptance command: the benefit method, trips and vehicle-hours per segment, the
    /// value of time used per segment, and the Monte Carlo block.
    @Test func gyeonguiFromTrafficWithItsRisk() throws {
        let r = try CLIRun.run(["appraise", "--region", "korea", "--preset", "reconnect-gyeongui", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let a = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])?.first)
        #expect((a["benefitMethod"] as? String)?.hasPrefix("rule of half") == true)
        let traffic = try #require(a["traffic"] as? [String: Any])
        let segments = try #require(traffic["segments"] as? [[String: Any]])
        #expect(segments.compactMap { $0["name"] as? String } == ["local", "freight", "rail"])
        var total = 0.0
        for s in segments {
            for key in ["tripsBefore", "tripsAfter", "crossBorderTripsBefore", "crossBorderTripsAfter", "vehicleHoursBefore", "vehicleHoursAfter",
                        "hoursSaved", "valueOfTimePerVehicleHour", "timeBenefit", "operatingCostBenefit", "newConnectionBenefit", "total"] {
                #expect(s[key] is Double, "\(key)")
            }
            let parts = ["timeBenefit", "operatingCostBenefit", "tollUserBenefit", "tollRevenueChange", "newConnectionBenefit"].compactMap { s[$0] as? Double }
            #expect(abs(parts.reduce(0, +) - (s["total"] as? Double ?? .nan)) < 1e-6 * max(1, abs(s["total"] as? Double ?? 0)))
            total += s["total"] as? Double ?? .nan
        }
        #expect(abs(total - (a["firstYearBenefit"] as? Double ?? .nan)) < 1e-6 * abs(total))
        let values = try #require(traffic["values"] as? [[String: Any]])
        #expect(values.count == 3 && values.allSatisfy { ($0["valueOfTimePerVehicleHour"] as? [String: Double])?["KOR"].map { $0 > 0 } == true })
        #expect(values.allSatisfy { !(($0["valueOfTimeSource"] as? String) ?? "").isEmpty && !(($0["operatingCostSource"] as? String) ?? "").isEmpty })
        let risk = try #require(a["risk"] as? [String: Any])
        let p10 = try #require(risk["netPresentValueP10"] as? Double), p50 = try #require(risk["netPresentValueP50"] as? Double)
        let p90 = try #require(risk["netPresentValueP90"] as? Double), p = try #require(risk["probabilityBenefitCostRatioAboveOne"] as? Double)
        #expect(p10 <= p50 && p50 <= p90 && p >= 0 && p <= 1)
        #expect(risk["draws"] as? Int == 10_000 && risk["referenceClass"] as? String == "rail")
        // The accessibility benefit on request, labelled, without traffic.
        let acc = try CLIRun.run(["appraise", "--region", "korea", "--preset", "reconnect-gyeongui", "--benefit", "accessibility", "--draws", "0", "--quiet", "--json"])
        let b = try #require((try JSONSerialization.jsonObject(with: Data(acc.stdout.utf8)) as? [[String: Any]])?.first)
        #expect((b["benefitMethod"] as? String)?.contains("not a flow-based") == true && b["traffic"] == nil && b["risk"] == nil)
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
