import Foundation
import Testing

/// Runs the binary with these variables set over the test's environment, and these removed.
private func runWith(_ arguments: [String], set: [String: String] = [:], unset: [String] = []) throws -> CLIRun {
    var environment: [String: String?] = set.mapValues { $0 }
    for k in unset { environment[k] = .some(nil) }
    return try CLIRun.run(arguments, environment: environment)
}

private func json(_ r: CLIRun) throws -> [String: Any] {
    try #require(r.status == 0, "\(r.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
}

/// Options on every question: `--preset`, `--scenario`, `--close`, `--delay` on the commands
/// that ask on a network (one test per command family), through the study.
@Suite struct OptionsOnEveryCommand {
    @Test func routeUnderAPresetCrossesTheReconnectedGyeonguiLine() throws {
        let base = try json(try CLIRun.run(["route", "--region", "korea", "--modes", "rail", "--from", "Seoul", "--to", "Pyongyang", "--json", "--quiet"]))
        #expect(base["reachable"] as? Bool == false || !((base["crossings"] as? [String]) ?? []).contains { $0.lowercased().contains("dorasan") })
        let r = try json(try CLIRun.run(["route", "--region", "korea", "--modes", "rail", "--preset", "reconnect-gyeongui",
                                         "--from", "Seoul", "--to", "Pyongyang", "--json", "--quiet"]))
        #expect(r["reachable"] as? Bool == true)
        let crossings = try #require(r["crossings"] as? [String])
        #expect(crossings.contains { $0.lowercased().contains("dorasan") && $0.lowercased().contains("kaesong") }, "\(crossings)")
        let legs = try #require(r["legs"] as? [[String: Any]])
        #expect(legs.contains { $0["mode"] as? String == "rail" })
        #expect(legs.allSatisfy { ["rail", "access"].contains($0["mode"] as? String ?? "") }, "\(legs)")
    }

    @Test func matrixUnderAPresetConnectsWhatTheBaselineCannot() throws {
        let args = ["matrix", "--region", "korea", "--modes", "rail", "--places", "Seoul,Pyongyang", "--json", "--quiet"]
        let before = try CLIRun.run(args)
        let after = try CLIRun.run(args + ["--preset", "reconnect-gyeongui"])
        try #require(before.status == 0 && after.status == 0, "\(before.stderr)\(after.stderr)")
        #expect(before.stdout != after.stdout)
        #expect(after.stdout.contains("Pyongyang"))
    }

    @Test func accessUnderAPresetChanges() throws {
        let args = ["access", "--region", "korea", "--json", "--quiet"]
        let before = try CLIRun.run(args)
        let after = try CLIRun.run(args + ["--preset", "reconnect-gyeongui"])
        try #require(before.status == 0 && after.status == 0, "\(before.stderr)\(after.stderr)")
        #expect(before.stdout != after.stdout)
    }

    @Test func corridorsCriticalityAndCentralityTakeOptions() throws {
        for args in [["corridors", "--region", "korea", "--json", "--quiet"],
                     ["criticality", "--region", "korea", "--top", "3", "--json", "--quiet"],
                     ["centrality", "--region", "korea", "--measure", "closeness", "--json", "--quiet"]] {
            let before = try CLIRun.run(args)
            let after = try CLIRun.run(args + ["--preset", "reconnect-gyeongui"])
            try #require(before.status == 0 && after.status == 0, "\(args[0]): \(before.stderr)\(after.stderr)")
            #expect(before.stdout != after.stdout, "\(args[0]) unchanged under the preset")
        }
    }

    @Test func governanceTakesTheSameOptions() throws {
        let r = try CLIRun.run(["governance", "--region", "korea", "--from", "Seoul", "--to", "Dandong", "--preset", "reconnect-gyeongui",
                                "--close", "new-yalu-river-bridge", "--json", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func reportComparesTheOptionsGiven() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-report-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("k.html").path
        let summary = try json(try CLIRun.run(["report", "--region", "korea", "--land", "--no-flows", "--pair-places", "5", "--top", "3",
                                               "--preset", "reconnect-gyeongui", "-o", path, "--json", "--quiet"]))
        let scenarios = try #require(summary["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["scenario"] as? String } == ["reconnect-gyeongui"])
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("reconnect-gyeongui"))
    }

    @Test func badOptionsAreOneLine() throws {
        for (args, needle) in [(["route", "--region", "korea", "--from", "Seoul", "--to", "Busan", "--preset", "reconect-gyeongui"], "reconnect-gyeongui"),
                               (["route", "--region", "korea", "--from", "Seoul", "--to", "Busan", "--close", "gyeongui-dorasan-kaesongg"], "--close gyeongui-dorasan-kaesongg"),
                               (["route", "--region", "korea", "--from", "Seoul", "--to", "Busan", "--delay", "gyeongui-dorasan-kaesong"], "CROSSING=MINUTES")] {
            let r = try CLIRun.run(args + ["--quiet"])
            #expect(r.status != 0)
            let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("Usage") && !$0.hasPrefix("  See") && !$0.isEmpty }
            #expect(lines.count == 1 && r.stderr.contains(needle), "\(r.stderr)")
        }
    }
}

/// Load once: one manifest read and one hierarchy contracted from scratch in a whole
/// `scenario --flows` run; every other weighting is re-customised in its order, once each.
@Suite struct LoadOnce {
    @Test func scenarioWithFlowsReadsTheManifestOnceAndContractsOnce() throws {
        let r = try runWith(["scenario", "--region", "korea", "--preset", "reconnect-gyeongui", "--flows", "--json", "--quiet"],
                            set: ["CORRIDOR_DIAGNOSTICS": "1"])
        try #require(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stderr.split(separator: "\n").last { $0.hasPrefix("diagnostics: ") })
        var counts: [String: Int] = [:]
        for part in line.dropFirst("diagnostics: ".count).split(separator: ",") {
            let words = part.trimmingCharacters(in: .whitespaces).split(separator: " ")
            counts[words.dropLast().joined(separator: " ")] = Int(words.last!)
        }
        #expect(counts["manifest reads"] == 1, "\(line)")
        #expect(counts["hierarchies contracted"] == 1, "\(line)")
        let weightings = try #require(counts["distinct weightings"])
        #expect(weightings >= 2)
        #expect(counts["hierarchies contracted"]! + counts["hierarchies re-customised"]! == weightings, "\(line)")
    }
}

/// Same input, same output in every process: Swift seeds hashing per process, so each command
/// family runs twice in separate processes (without SWIFT_DETERMINISTIC_HASHING) and the
/// outputs must agree byte for byte, timings aside.
@Suite struct SameOutputInEveryProcess {
    static let families: [[String]] = [
        ["assign", "--region", "korea", "--json"],
        ["scenario", "--region", "korea", "--preset", "reconnect-gyeongui", "--flows", "--json"],
        ["appraise", "--region", "korea", "--all-presets", "--json"],
        ["governance", "--region", "korea", "--corridor", "west-sea-belt", "--json"],
        ["roadmap", "--region", "korea", "--json"],
        ["access", "--region", "korea", "--json"],
        ["criticality", "--region", "korea", "--top", "5", "--json"],
    ]

    /// The output without its timing lines.
    static func timeless(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"seconds\"") && !$0.contains("\"wallSeconds\"") }
            .joined(separator: "\n")
    }

    @Test(arguments: families) func twoProcessesAgree(_ args: [String]) throws {
        let a = try runWith(args + ["--quiet"], unset: ["SWIFT_DETERMINISTIC_HASHING"])
        let b = try runWith(args + ["--quiet"], unset: ["SWIFT_DETERMINISTIC_HASHING"])
        try #require(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(Self.timeless(a.stdout) == Self.timeless(b.stdout), "\(args.joined(separator: " ")) differs between two processes")
    }
}
