import Foundation
import Testing

/// `border-zone` on the real US–Mexico border: the BTS ports of entry are in the band, and
/// the largest gap between open crossings is in Big Bend.
@Suite struct BorderZoneCommandTests {
    @Test func usMexicoBand() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gpkg = dir.appendingPathComponent("zone.gpkg").path
        let r = try CLIRun.run(["border-zone", "--region", "north-america", "--border", "USA-MEX", "--width-km", "100", "--quiet", "--json", "-o", gpkg])
        #expect(r.status == 0, "\(r.stderr)")
        let zones = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let z = try #require(zones.first)
        #expect(z["border"] as? String == "MEX-USA")
        let crossings = try #require(z["crossings"] as? [[String: Any]])
        #expect(crossings.filter { ($0["id"] as? String ?? "").hasPrefix("bts-") }.count >= 25)
        #expect(crossings.contains { $0["name"] as? String == "Laredo, Texas" } || crossings.contains { ($0["name"] as? String ?? "").hasPrefix("Laredo") })
        let gap = try #require(z["largestGap"] as? [String: Any])
        let lon = try #require(gap["lon"] as? Double)
        #expect(lon > -104.5 && lon < -101.0, "largest gap at \(lon): Big Bend lies between Presidio and Del Rio")
        #expect((gap["kilometers"] as? Double ?? 0) > 200)
        #expect((z["dyad"] as? [String: Any])?["dyadClass"] as? String == "high–upper middle")
        let sides = try #require(z["sides"] as? [[String: Any]])
        #expect(sides.map { $0["country"] as? String } == ["MEX", "USA"])
        #expect(sides.allSatisfy { ($0["population"] as? Double ?? 0) > 1_000_000 })
        let counts = try NetworkCommandTests.ogrinfoCounts(gpkg)
        #expect(counts["border_zone"] == 2 && (counts["border_gaps"] ?? 0) == (z["gaps"] as? [Any])?.count)

        let bad = try CLIRun.run(["border-zone", "--region", "north-america", "--border", "USA-CHN", "--quiet"])
        #expect(bad.status != 0 && bad.stderr.contains("CHN-USA"), "\(bad.stderr)")
    }
}

/// `catchment`: at Dandong–Sinuiju the North Korean side binds, and at Hunchun–Kraskino the
/// Russian; the closed Gyeongui crossing joins Seoul's tens of millions to a far smaller
/// northern side.
@Suite struct CatchmentCommandTests {
    @Test func koreaFarSidesBind() throws {
        let r = try CLIRun.run(["catchment", "--region", "korea", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let all = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        func crossing(_ id: String) throws -> [String: Any] { try #require(all.first { $0["crossing"] as? String == id }) }
        let dandong = try crossing("dandong-sinuiju")
        #expect(dandong["bindingSide"] as? String == "PRK")
        let gyeongui = try crossing("gyeongui-dorasan-kaesong")
        #expect(gyeongui["bindingSide"] as? String == "PRK" && (gyeongui["balance"] as? Double ?? 1) < 0.2)
        let sides = try #require(gyeongui["sides"] as? [[String: Any]])
        #expect(sides.first { $0["country"] as? String == "KOR" }?["largestReachablePlace"] as? String == "Seoul")
        // Hunchun–Kraskino (northeast-asia, 10 h: the crossing sits far from both sides' places in
        // the generalised network): the Russian side binds.
        let nea = try CLIRun.run(["catchment", "--region", "northeast-asia", "--quiet", "--json", "--within-hours", "10"])
        #expect(nea.status == 0, "\(nea.stderr)")
        let hunchun = try #require((try JSONSerialization.jsonObject(with: Data(nea.stdout.utf8)) as? [[String: Any]])?.first { $0["crossing"] as? String == "hunchun-kraskino" })
        #expect(hunchun["bindingSide"] as? String == "RUS" && (hunchun["balance"] as? Double ?? 1) < 0.2)
        let text = try CLIRun.run(["catchment", "--region", "korea", "--quiet", "--top", "3"])
        #expect(text.status == 0 && text.stdout.split(separator: "\n").count == 4)
    }
}
