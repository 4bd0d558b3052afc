import Foundation
import Testing

/// `--shard I/N --part FILE` and `corridor merge`: the merged output is byte for byte the
/// single-process output (GeoPackage by feature content), whatever the number of shards, and
/// `merge` refuses damaged, missing, repeated or foreign parts with one line naming the file.
@Suite struct ShardingCommandTests {
    /// Runs `command` once whole with `-o single.EXT` and in `shards` parts merged to
    /// `merged.EXT`; returns both paths and the parts.
    static func sharded(_ command: [String], ext: String, shards: Int, in dir: URL) throws -> (single: URL, merged: URL, parts: [String]) {
        let single = dir.appendingPathComponent("single-\(shards).\(ext)"), merged = dir.appendingPathComponent("merged-\(shards).\(ext)")
        let whole = try CLIRun.run(command + ["--quiet", "-o", single.path])
        #expect(whole.status == 0, "\(whole.stderr)")
        var parts: [String] = []
        for i in 1...shards {
            let part = dir.appendingPathComponent("\(command[0])-\(i)-of-\(shards).jsonl").path
            let r = try CLIRun.run(command + ["--quiet", "--shard", "\(i)/\(shards)", "--part", part])
            #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
            parts.append(part)
        }
        let m = try CLIRun.run(["merge"] + parts.reversed() + ["--quiet", "-o", merged.path])
        #expect(m.status == 0, "\(m.stderr)")
        return (single, merged, parts)
    }

    static func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    @Test func accessPerPlaceAndPerNodeMergeToTheSingleProcessOutput() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        for shards in [2, 5] {
            let csv = try Self.sharded(["access", "--region", "korea", "--within-hours", "3"], ext: "csv", shards: shards, in: dir)
            #expect(try Self.bytes(csv.single) == Self.bytes(csv.merged), "\(shards) shards")
        }
        let nodes = try Self.sharded(["access", "--region", "korea", "--per-node", "--land"], ext: "json", shards: 3, in: dir)
        #expect(try Self.bytes(nodes.single) == Self.bytes(nodes.merged))

        // GeoPackage: the same features (ogrinfo's listing without the file name).
        let gpkg = try Self.sharded(["access", "--region", "korea"], ext: "gpkg", shards: 3, in: dir)
        #expect(try Self.features(gpkg.single) == Self.features(gpkg.merged))
        // stdout too: the merge prints what the command prints.
        let single = try CLIRun.run(["access", "--region", "korea", "--quiet", "--json"])
        let merged = try CLIRun.run(["merge", "--json"] + gpkg.parts)
        #expect(single.status == 0 && merged.status == 0 && single.stdout == merged.stdout)
    }

    static func features(_ url: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        p.arguments = ["-al", "-q", url.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && text.contains("OGRFeature"))
        return text
    }

    @Test func scenarioCriticalityMatrixCentralityMerge() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [([String], String, Int)] = [
            (["scenario", "--region", "korea", "--all-presets", "--land"], "json", 3),
            (["criticality", "--region", "korea", "--land", "--pair-places", "20"], "csv", 4),
            (["matrix", "--region", "korea", "--top", "30"], "csv", 3),
            (["centrality", "--region", "korea", "--measure", "betweenness", "--sample", "50"], "json", 3),
            (["centrality", "--region", "korea", "--measure", "harmonic"], "json", 2),
        ]
        for (command, ext, shards) in cases {
            let r = try Self.sharded(command, ext: ext, shards: shards, in: dir)
            #expect(try Self.bytes(r.single) == Self.bytes(r.merged), "\(command.joined(separator: " "))")
        }
        // More shards than options: the empty shares still merge.
        let many = try Self.sharded(["scenario", "--region", "korea", "--preset", "reconnect-gyeongui", "--land"], ext: "json", shards: 3, in: dir)
        #expect(try Self.bytes(many.single) == Self.bytes(many.merged))
    }

    @Test func mergeRefusesPartsThatDoNotBelongTogether() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        func part(_ extra: [String], _ shard: String, _ name: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            let r = try CLIRun.run(["access", "--region", "korea", "--land", "--quiet", "--shard", shard, "--part", path] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return path
        }
        let a1 = try part([], "1/2", "a1.jsonl"), a2 = try part([], "2/2", "a2.jsonl")
        let b2 = try part(["--within-hours", "3"], "2/2", "b2.jsonl")
        let out = dir.appendingPathComponent("out.csv").path
        func refused(_ parts: [String], naming: String, _ why: String) throws {
            let r = try CLIRun.run(["merge"] + parts + ["-o", out])
            #expect(r.status == 1, "\(why)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1 && r.stderr.contains(naming) && r.stderr.contains(why), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "nothing written")
        }
        try refused([a1, b2], naming: "b2.jsonl", "not of `corridor access --region korea --land`")
        try refused([a1], naming: "merge", "shard 2/2 missing")
        try refused([a1, a1, a2], naming: "a1.jsonl", "given twice")
        // One payload byte changed: the checksum names the file.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: a2))
        let at = bytes.index(before: bytes.endIndex - 10)
        bytes[at] = bytes[at] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        let damaged = dir.appendingPathComponent("damaged.jsonl").path
        try bytes.write(to: URL(fileURLWithPath: damaged))
        try refused([a1, damaged], naming: "damaged.jsonl", "does not match its checksum")
        // Same command, other inputs (as from another machine's data): the inputs hash differs.
        let text = try String(contentsOfFile: a2, encoding: .utf8)
        let foreign = dir.appendingPathComponent("foreign.jsonl").path
        let inputs = try #require(text.range(of: #""inputs":"[0-9a-f]{64}""#, options: .regularExpression))
        try text.replacingCharacters(in: inputs, with: "\"inputs\":\"" + String(repeating: "0", count: 64) + "\"")
            .write(toFile: foreign, atomically: true, encoding: .utf8)
        try refused([a1, foreign], naming: "foreign.jsonl", "other inputs")
        try refused([dir.appendingPathComponent("none.jsonl").path, a2], naming: "none.jsonl", "no such file")
        // A part of another region.
        let other = dir.appendingPathComponent("nea2.jsonl").path
        let nea = try CLIRun.run(["access", "--region", "northeast-asia", "--land", "--quiet", "--shard", "2/2", "--part", other])
        #expect(nea.status == 0, "\(nea.stderr)")
        try refused([a1, other], naming: "nea2.jsonl", "not of `corridor access --region korea --land`")
        try "not a part\n".write(toFile: dir.appendingPathComponent("text.jsonl").path, atomically: true, encoding: .utf8)
        try refused([a1, dir.appendingPathComponent("text.jsonl").path], naming: "text.jsonl", "not a corridor part")

        // --shard goes with --part and not with -o or --json.
        let bad = try CLIRun.run(["access", "--region", "korea", "--shard", "1/2", "--part", a1, "-o", out])
        #expect(bad.status == 64 && bad.stderr.contains("give -o and --json to `corridor merge`"))
        let zero = try CLIRun.run(["access", "--region", "korea", "--shard", "3/2", "--part", a1])
        #expect(zero.status == 64 && zero.stderr.contains("--shard 3/2"))
        let lonely = try CLIRun.run(["access", "--region", "korea", "--shard", "1/2"])
        #expect(lonely.status == 64 && lonely.stderr.contains("--part"))
    }

    /// All-or-nothing loading in shares merged is `assign --algorithm aon`; an equilibrium whose
    /// loadings run elsewhere (`--aon-command`, here a script running the shards in turn) is the
    /// single-process equilibrium: the same flows file and the same report.
    @Test func assignmentLoadingsInShares() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shared = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"]
            ?? CLIRun.packageRoot.appendingPathComponent("../shared/data").standardized.path
        let sioux = shared + "/transportation_networks/SiouxFalls"
        let aon = try Self.sharded(["assign", "--tntp", sioux, "--algorithm", "aon"], ext: "csv", shards: 3, in: dir)
        #expect(try Self.bytes(aon.single) == Self.bytes(aon.merged))

        // The external loader: CMD COSTS LIST, writing each shard's part and listing them.
        let script = dir.appendingPathComponent("shards.sh")
        try """
            #!/bin/sh
            costs=$1; list=$2; : > "$list"
            for k in 1 2 3; do
              "\(CLIRun.binary.path)" assign --tntp "\(sioux)" --algorithm bfw --quiet --link-costs "$costs" --shard $k/3 --part "$list.$k" || exit 1
              echo "$list.$k" >> "$list"
            done
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let args = ["assign", "--tntp", sioux, "--algorithm", "bfw", "--gap", "1e-3", "--quiet"]
        let single = try CLIRun.run(args + ["-o", dir.appendingPathComponent("bfw-single.csv").path])
        let external = try CLIRun.run(args + ["--aon-command", script.path, "-o", dir.appendingPathComponent("bfw-external.csv").path])
        #expect(single.status == 0 && external.status == 0, "\(external.stderr)")
        #expect(try Self.bytes(dir.appendingPathComponent("bfw-single.csv")) == Self.bytes(dir.appendingPathComponent("bfw-external.csv")))
        func report(_ s: String) -> [Substring] { s.split(separator: "\n").filter { !$0.hasPrefix("seconds") } }
        #expect(report(single.stdout) == report(external.stdout) && single.stdout.contains("converged"))

        // A loader that fails, or parts loaded at other costs, stop the assignment with one line.
        let failing = try CLIRun.run(args + ["--aon-command", "false"])
        #expect(failing.status == 1 && failing.stderr.contains("--aon-command: loading 1 failed"))
        let costs = dir.appendingPathComponent("costs.json").path
        try #"{"costs":"AAAAAAAAAAA="}"#.write(toFile: costs, atomically: true, encoding: .utf8)
        let badCosts = try CLIRun.run(["assign", "--tntp", sioux, "--link-costs", costs, "--shard", "1/2", "--part", dir.appendingPathComponent("x").path])
        #expect(badCosts.status == 1 && badCosts.stderr.contains("costs.json") && badCosts.stderr.contains("link costs"))
        let gp = try CLIRun.run(["assign", "--tntp", sioux, "--algorithm", "gp", "--aon-command", "true"])
        #expect(gp.status == 64 && gp.stderr.contains("link-based algorithm"))
        let region = try CLIRun.run(["assign", "--region", "korea", "--shard", "1/2", "--part", dir.appendingPathComponent("y").path])
        #expect(region.status == 64 && region.stderr.contains("--tntp"))
    }
}
