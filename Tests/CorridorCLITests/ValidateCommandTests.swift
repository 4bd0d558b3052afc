import Foundation
import Testing

/// `corridor validate` on north-america: every port with a count is listed, with a held-out
/// prediction or the reason it has none, and the statistics cover both borders.
@Suite struct ValidateCommandTests {
    @Test func everyCountedPortIsAccountedFor() throws {
        let r = try CLIRun.run(["validate", "--region", "north-america", "--folds", "3", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let segments = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(segments.compactMap { $0["name"] as? String } == ["local", "freight"])
        for s in segments {
            let ports = try #require(s["ports"] as? [[String: Any]])
            #expect(ports.count > 80)
            for p in ports {
                #expect(((p["observed"] as? Double) ?? 0) > 0)
                #expect(p["heldOutPrediction"] != nil || (p["reason"] as? String)?.isEmpty == false)
            }
            let stats = try #require(s["statistics"] as? [String: [String: Any]])
            #expect(Set(stats.keys) == ["CAN-USA", "MEX-USA"])
            for (_, st) in stats { #expect(((st["spearman"] as? Double) ?? -1) > 0) }
        }
    }
}
