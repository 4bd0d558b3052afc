import Foundation
import Testing

/// `build -o FILE.corridor` and `--network FILE`: the same answers as `--region`, and a
/// damaged file refused with one line naming it.
@Suite struct CompiledNetworkCommandTests {
    @Test func networkFileAnswersLikeTheRegion() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("korea.corridor").path
        let built = try CLIRun.run(["build", "--region", "korea", "-o", file, "--quiet"])
        #expect(built.status == 0, "\(built.stderr)")
        for args in [["route", "--from", "Seoul", "--to", "Pyongyang", "--land", "--open", "gyeongui-dorasan-kaesong", "--json"],
                     ["stats", "--json"],
                     ["scenario", "--preset", "reconnect-gyeongui", "--land", "--json"],
                     ["demand", "--json"]] {
            let a = try CLIRun.run([args[0], "--region", "korea", "--quiet"] + args.dropFirst())
            let b = try CLIRun.run([args[0], "--network", file, "--quiet"] + args.dropFirst())
            #expect(a.status == 0 && b.status == 0, "\(args[0]): \(a.stderr) \(b.stderr)")
            #expect(a.stdout == b.stdout, "\(args[0]) differs with --network")
        }
        // --as-of is applied by the reader, never baked into the file (it would apply twice).
        let asOf = try CLIRun.run(["build", "--region", "korea", "--as-of", "2000-01-01", "-o", dir.appendingPathComponent("old.corridor").path])
        #expect(asOf.status == 64 && asOf.stderr.contains("--as-of"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("old.corridor").path))
        // Both sources at once: a usage error.
        let both = try CLIRun.run(["stats", "--region", "korea", "--network", file])
        #expect(both.status == 64)
        // A truncated file: one line naming it, exit 1.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let cut = dir.appendingPathComponent("cut.corridor").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        let bad = try CLIRun.run(["stats", "--network", cut, "--quiet"])
        #expect(bad.status == 1 && bad.stderr.contains("cut.corridor") && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }
}
