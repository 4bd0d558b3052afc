import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `corridor report` on korea: the page parses, holds every section with its maps and charts,
/// and its tables agree with the numbers printed by --json.
@Suite struct ReportTests {
    /// Element names, attributes and text of a well-formed page.
    final class Collector: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var sectionIds: [String] = []
        var tableRows: [[String]] = []
        var row: [String]?, cell: String?
        var svgDepth = 0, circlesInFirstSVG = 0, svgSeen = 0
        var skipFirstSVG = false
        func parser(_ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            counts[name, default: 0] += 1
            if name == "section", let id = attributes["id"] { sectionIds.append(id) }
            if name == "svg" { svgDepth += 1; svgSeen += 1 }
            // The first map (after the backdrop sprite, when there is one).
            if name == "circle" && svgSeen == (skipFirstSVG ? 2 : 1) && svgDepth > 0 { circlesInFirstSVG += 1 }
            if name == "tr" { row = [] }
            if name == "td" || name == "th" { cell = "" }
        }
        func parser(_ p: XMLParser, foundCharacters s: String) { cell? += s }
        func parser(_ p: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "svg" { svgDepth -= 1 }
            if name == "td" || name == "th" { row?.append(cell ?? ""); cell = nil }
            if name == "tr", let r = row { tableRows.append(r); row = nil }
        }
    }

    @Test func koreaReport() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("korea.html").path
        let r = try CLIRun.run(["report", "--region", "korea", "--land", "--quiet", "--pair-places", "10", "--top", "5", "-o", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try NetworkCommandTests.json(r.stdout)

        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        // Self-contained: one inline script (pan, zoom, sorting), nothing loaded from elsewhere.
        #expect(text.components(separatedBy: "<script").count == 2 && !text.contains("src=") && !text.contains("<link"))
        // XML-parse everything after the doctype.
        let body = Data(text.drop { $0 != "\n" }.utf8)
        let parser = XMLParser(data: body)
        let c = Collector()
        c.skipFirstSVG = true
        parser.delegate = c
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")

        #expect(c.sectionIds == ["network", "connectivity", "accessibility", "criticality", "borders", "corridors", "scenarios", "appraisal", "flows", "governance", "quality", "sources"])
        let scenarios = try #require(summary["scenarios"] as? [[String: Any]])
        #expect(scenarios.count == 3)
        // The backdrop sprite; maps: network, accessibility, critical links, one per option; one bar
        // chart; one tornado chart and one risk curve per option; the flow map (korea has no counts, so no
        // validation plot); the governance maps (blocked stretches, docking); the data-quality map.
        #expect(c.counts["svg"] == 1 + 3 + scenarios.count + 1 + 2 * scenarios.count + 1 + 2 + 1)
        // The appraisal table ranks the options by NPV as `corridor appraise` does, with its numbers.
        let appraise = try CLIRun.run(["appraise", "--region", "korea", "--all-presets", "--land", "--quiet", "--json"])
        let appraisals = try #require(try JSONSerialization.jsonObject(with: Data(appraise.stdout.utf8)) as? [[String: Any]])
        let npvHeader = try #require(c.tableRows.firstIndex { $0.first == "rank" && $0.contains("NPV") })
        for (k, a) in appraisals.enumerated() {
            let row = c.tableRows[npvHeader + 1 + k]
            #expect(row[1] == a["name"] as? String)
            #expect(row[5] == String(format: "%.1f", (a["netPresentValue"] as? Double ?? .nan) / 1e6))
        }
        // The network map draws every crossing, every port and the ten most populous places.
        let stats = try #require(summary["stats"] as? [String: Any])
        let crossingModes = (stats["crossings"] as? [String: Any])?["byStatus"] as? [String: Int] ?? [:]
        #expect(c.counts["use"] == 2 + scenarios.count + 1 + 2 + 1, "the thematic maps reuse the backdrop")
        // The governance section says what `corridor gates` says of each corridor.
        let gates = try CLIRun.run(["gates", "--region", "korea", "--land", "--quiet", "--json"])
        let statuses = try #require((try JSONSerialization.jsonObject(with: Data(gates.stdout.utf8)) as? [String: Any])?["corridors"] as? [[String: Any]])
        let gateHeader = try #require(c.tableRows.firstIndex { $0.first == "corridor" && $0.contains("blocked only by gates") })
        for (k, g) in statuses.enumerated() {
            let row = c.tableRows[gateHeader + 1 + k]
            #expect(row[0] == g["name"] as? String && row[4].hasPrefix((g["blockedOnlyByGates"] as? Bool ?? false) ? "yes" : "no"))
        }
        // The data-quality section counts what `corridor qa` counts, kind by kind.
        let qa = try CLIRun.run(["qa", "--region", "korea", "--quiet", "--json"])
        let qaCounts = try #require((try JSONSerialization.jsonObject(with: Data(qa.stdout.utf8)) as? [String: Any])?["counts"] as? [String: Int])
        let kindHeader = try #require(c.tableRows.firstIndex { $0 == ["kind", "findings"] })
        #expect(Dictionary(uniqueKeysWithValues: c.tableRows[(kindHeader + 1)...(kindHeader + qaCounts.count)].map { ($0[0], Int($0[1]) ?? -1) }) == qaCounts)
        // Named corridors on their own modes: the Gyeongui line on rail.
        let corridorHeader = try #require(c.tableRows.firstIndex { $0.first == "corridor" && $0.contains("modes") })
        #expect(c.tableRows[(corridorHeader + 1)...].first { $0.first == "Gyeongui line to the TCR" }?[1] == "rail")
        // The flows section: the crossing table lists the open road crossings, the options
        // table every preset, in the manifest's order.
        let crossingHeader = try #require(c.tableRows.firstIndex { $0.first == "crossing" && $0.contains("v/c") })
        #expect(c.tableRows[crossingHeader + 1].first == "Dandong–Sinuiju (Sino-Korean Friendship Bridge)")
        let optionHeader = try #require(c.tableRows.firstIndex { $0.first == "option" && $0.contains("largest moves") })
        #expect(c.tableRows[(optionHeader + 1)...(optionHeader + 3)].map { $0.first } == ["Reconnect the Gyeongui line", "Reconnect the Donghae line and link it to the TSR", "Open the New Yalu River Bridge"])
        #expect(c.circlesInFirstSVG == crossingModes.values.reduce(0, +) + (stats["ports"] as? Int ?? -1) + 10 + 5, "circles (+5 legend swatches)")

        // The options table ranks as the JSON does, with the same gains.
        let header = try #require(c.tableRows.firstIndex { $0.first == "rank" && $0.contains("option") })
        for (k, s) in scenarios.enumerated() {
            let row = c.tableRows[header + 1 + k]
            #expect(row[1] == s["name"] as? String)
            #expect(row[2] == String(format: "%+.3f %%", s["gravityChangePercent"] as? Double ?? .nan))
        }
        #expect((scenarios.first?["scenario"] as? String) == "reconnect-gyeongui")
        // The cross-border subsections, each from the JSON behind it.
        for heading in ["Border zones", "Border effect", "Land against sea", "Seaports with the weakest domestic feeders", "Agglomeration cohesion",
                        "Two-sided catchments"] {
            #expect(text.contains("<h3>\(heading)</h3>"), "\(heading)")
        }
        #expect(summary["borderEffect"] != nil && summary["landSea"] != nil && (summary["agglomerations"] as? [Any])?.isEmpty == false)
        // Border zones: one row per border of the region, as in the JSON.
        let zones = try #require(summary["borderZones"] as? [[String: Any]])
        #expect(zones.count >= 3)
        let zoneHeader = try #require(c.tableRows.firstIndex { $0.first == "border" && $0.contains("open crossings") })
        for (k, z) in zones.enumerated() { #expect(c.tableRows[zoneHeader + 1 + k][0] == z["border"] as? String) }
        // Critical links: five rows, in the JSON's order.
        let links = try #require((summary["links"] as? [String: Any])?["links"] as? [[String: Any]])
        #expect(links.count == 5)
        let linkHeader = try #require(c.tableRows.firstIndex { $0.first == "rank" && $0.contains("link") })
        for (k, l) in links.enumerated() {
            #expect(c.tableRows[linkHeader + 1 + k][1].hasPrefix("\(l["edge"] as? Int ?? -1) ("))
        }
    }

    @Test func reportErrors() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let wrongType = try CLIRun.run(["report", "--region", "korea", "-o", dir.appendingPathComponent("r.txt").path])
        #expect(wrongType.status == 64 && wrongType.stderr.contains("r.txt"))
        let missingDir = dir.appendingPathComponent("no/such/dir/r.html").path
        let unwritable = try CLIRun.run(["report", "--region", "korea", "--land", "--quiet", "--pair-places", "5", "-o", missingDir])
        #expect(unwritable.status == 1 && unwritable.stderr.contains(missingDir))
        #expect(unwritable.stderr.split(separator: "\n").count == 1, "\(unwritable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missingDir))
    }
}
