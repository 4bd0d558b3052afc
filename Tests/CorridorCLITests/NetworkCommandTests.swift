import Foundation
import Testing

/// `corridor build`, `stats` and `route` on the korea region, run as a user would.
@Suite struct NetworkCommandTests {
    static func temp() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func json(_ s: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    /// Feature counts per layer as GDAL's own ogrinfo reports them.
    static func ogrinfoCounts(_ path: String) throws -> [String: Int] {
        try OutputFormatTests.ogrinfo(path).mapValues(\.count)
    }

    @Test func statsJSON() throws {
        let r = try CLIRun.run(["stats", "--region", "korea", "--json", "--quiet"])
        #expect(r.status == 0)
        let j = try Self.json(r.stdout)
        #expect((j["nodes"] as? Int ?? 0) > 1000)
        #expect((j["borderEdgesMatched"] as? Int ?? 0) > 10)
        #expect(r.stderr.isEmpty)
    }

    @Test func routeRespectsCrossingState() throws {
        let closed = try CLIRun.run(["route", "--region", "korea", "--from", "Seoul", "--to", "Pyongyang", "--land", "--json", "--quiet"])
        #expect(closed.status == 0)
        #expect(try Self.json(closed.stdout)["reachable"] as? Bool == false)
        let open = try CLIRun.run(["route", "--region", "korea", "--from", "Seoul", "--to", "Pyongyang", "--land", "--json", "--quiet",
                                   "--open", "gyeongui-dorasan-kaesong"])
        let j = try Self.json(open.stdout)
        #expect(j["reachable"] as? Bool == true)
        #expect((j["crossings"] as? [String])?.contains { $0.hasPrefix("gyeongui-dorasan-kaesong") } == true)
    }

    @Test func buildWritesLayersGDALReads() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stats = try Self.json(try CLIRun.run(["stats", "--region", "korea", "--json", "--quiet"]).stdout)
        let gpkg = dir.appendingPathComponent("korea.gpkg").path
        let r = try CLIRun.run(["build", "--region", "korea", "-o", gpkg, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let counts = try Self.ogrinfoCounts(gpkg)
        #expect(counts["nodes"] == stats["nodes"] as? Int)
        #expect(counts["edges"] == stats["edges"] as? Int)
        // Single-layer formats: edges at the path, nodes beside it.
        let fgb = dir.appendingPathComponent("korea.fgb").path
        #expect(try CLIRun.run(["build", "--region", "korea", "-o", fgb, "--quiet"]).status == 0)
        #expect(try Self.ogrinfoCounts(fgb).values.first == stats["edges"] as? Int)
        #expect(try Self.ogrinfoCounts(dir.appendingPathComponent("korea_nodes.fgb").path).values.first == stats["nodes"] as? Int)
    }

    @Test func badLayerFailsCleanly() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("roads.geojson")
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,1]}}]}"#.utf8).write(to: bad)
        let out = dir.appendingPathComponent("net.gpkg").path
        let r = try CLIRun.run(["build", "--layers", "road=\(bad.path)", "-o", out, "--quiet"])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(r.stderr.contains(bad.path) && r.stderr.contains("expected LineString"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // An existing output is left untouched.
        try Data("keep".utf8).write(to: URL(fileURLWithPath: out))
        _ = try CLIRun.run(["build", "--layers", "road=\(bad.path)", "-o", out, "--quiet"])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep")
    }

    @Test func usageErrors() throws {
        let both = try CLIRun.run(["stats", "--region", "korea", "--layers", "road=x.gpkg"])
        #expect(both.status == 64)
        let unknown = try CLIRun.run(["stats", "--region", "atlantis"])
        #expect(unknown.status != 0 && unknown.stderr.contains("atlantis"))
        let format = try CLIRun.run(["build", "--region", "korea", "-o", "/tmp/x.shpx"])
        #expect(format.status == 1 && format.stderr.contains("unsupported output format"))
    }
}

@Suite struct BenchCommandTests {
    /// The stable benchmark entry point reports the checksum worked out by hand (3354).
    @Test func benchTreesJSON() throws {
        let file = CLIRun.packageRoot.appendingPathComponent("Tests/CorridorNetworkTests/Fixtures/dimacs/square.gr.xz").path
        let r = try CLIRun.run(["bench", "trees", "--dimacs", file, "--sources", "5", "--threads", "2", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(j["checksum"] as? Int == 3354)
        #expect(j["reached"] as? Int == 5)
        #expect(j["nodes"] as? Int == 5)
        let bad = try CLIRun.run(["bench", "trees", "--dimacs", "/nonexistent.gr"])
        #expect(bad.status == 1 && bad.stderr.contains("/nonexistent.gr"))
    }

    /// The betweenness entry point writes the graph it routes on and its scores for the peer
    /// harness: one row per node, one per open edge, and the scores add up to the checksum.
    @Test func benchBetweennessFilesForPeers() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edges = dir.appendingPathComponent("edges.csv").path, scores = dir.appendingPathComponent("scores.csv").path
        let r = try CLIRun.run(["bench", "betweenness", "--region", "korea", "--threads", "2", "--edges", edges, "--scores", scores, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let nodes = try #require(j["nodes"] as? Int), checksum = try #require(j["checksum"] as? Double)
        let scoreRows = try String(contentsOfFile: scores, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(scoreRows.count == nodes)
        let sum = scoreRows.map { Double($0.split(separator: ",")[1])! }.reduce(0, +)
        #expect(abs(sum - checksum) <= 1e-9 * checksum)
        let edgeRows = try String(contentsOfFile: edges, encoding: .utf8).split(separator: "\n").dropFirst()
        let arcs = try #require(j["arcs"] as? Int)
        #expect(edgeRows.count > nodes && edgeRows.count <= arcs / 2)
        #expect(edgeRows.allSatisfy { row in
            let f = row.split(separator: ",")
            return f.count == 3 && Int(f[0])! < nodes && Int(f[1])! < nodes && Double(f[2])!.isFinite
        })
    }
}

@Suite struct MatrixCommandTests {
    /// The table's Seoul–Busan entry is the fastest route's time (computed by `route`, a plain
    /// Dijkstra on the full graph, independently of the bucket table); the diagonal is 0; the CSV
    /// layer has one desire line per pair; an unknown name is a usage error naming it.
    @Test func matrixAgreesWithRoute() throws {
        let r = try CLIRun.run(["matrix", "--region", "korea", "--places", "Seoul,Busan,Pyongyang", "--json", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let hours = try #require(j["hours"] as? [[Any]])
        let route = try CLIRun.run(["route", "--region", "korea", "--from", "Seoul", "--to", "Busan", "--json", "--quiet"])
        let rj = try #require(try JSONSerialization.jsonObject(with: Data(route.stdout.utf8)) as? [String: Any])
        let seoulBusan = try #require(hours[0][1] as? Double), routeHours = try #require(rj["hours"] as? Double)
        #expect(abs(seoulBusan - routeHours) <= 1e-9 * routeHours)
        #expect(hours[0][0] as? Double == 0 && hours[1][1] as? Double == 0)

        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("od.csv").path
        let w = try CLIRun.run(["matrix", "--region", "korea", "--top", "4", "--to-top", "3", "-o", csv, "--quiet"])
        #expect(w.status == 0, "\(w.stderr)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 4 * 3)
        #expect(rows[0].contains("from_name") && rows[0].contains("hours"))

        let bad = try CLIRun.run(["matrix", "--region", "korea", "--places", "Seoul,Atlantis", "--quiet"])
        #expect(bad.status == 1 && bad.stderr.contains("Atlantis"))
        // A data error is one line, with no usage trailer.
        #expect(!bad.stderr.contains("Usage:") && bad.stderr.split(separator: "\n").count == 1)
    }
}

@Suite struct AnalysisCommandTests {
    @Test func accessWritesALayerAndJSON() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("access.csv").path
        let r = try CLIRun.run(["access", "--region", "korea", "--land", "--quiet", "--json", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let names = try #require(j["placeNames"] as? [String])
        let within = try #require(j["populationWithin"] as? [Double])
        let seoul = try #require(names.firstIndex(of: "Seoul"))
        let pops = try #require(j["population"] as? [Double])
        // A place always reaches itself: its own population is within any threshold.
        #expect(within[seoul] >= pops[seoul])
        #expect(try NetworkCommandTests.ogrinfoCounts(out).values.first == names.count)
        // Seoul is KOR's capital: 0 h to its own capital (unknown capitals are "inf").
        let own = try #require(j["hoursToOwnCapital"] as? [Any])
        #expect(own[seoul] as? Double == 0)

        // Per node: one feature per network node, with the same fields.
        let nodes = dir.appendingPathComponent("nodes.gpkg").path
        let n = try CLIRun.run(["access", "--region", "korea", "--per-node", "--quiet", "-o", nodes])
        #expect(n.status == 0, "\(n.stderr)")
        let stats = try CLIRun.run(["stats", "--region", "korea", "--json", "--quiet"])
        let sj = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let nodeCount = try #require(sj["nodes"] as? Int)
        #expect(try NetworkCommandTests.ogrinfoCounts(nodes)["node_accessibility"] == nodeCount)
    }

    @Test func centralityTopNodes() throws {
        let r = try CLIRun.run(["centrality", "--region", "korea", "--quiet", "--measure", "betweenness", "--sample", "16", "--seed", "3", "--json", "--top", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        let values = rows.compactMap { $0["value"] as? Double }
        #expect(values == values.sorted(by: >) && values[0] > 0)
        let bad = try CLIRun.run(["centrality", "--region", "korea", "--sample", "0"])
        #expect(bad.status == 64)
    }
}

@Suite struct CorridorsCommandTests {
    /// With the Gyeongui crossing open, the West Sea belt is complete by land and passes the
    /// Gyeongui and Dandong–Sinuiju crossings; closed, it is not.
    @Test func westSeaBelt() throws {
        func belt(_ extra: [String]) throws -> [String: Any] {
            let r = try CLIRun.run(["corridors", "--region", "korea", "--land", "--quiet", "--json", "--path-places", "10"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let all = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            return try #require(all.first { $0["id"] as? String == "west-sea-belt" })
        }
        let closed = try belt([])
        #expect(closed["complete"] as? Bool == false)
        let open = try belt(["--open", "gyeongui-dorasan-kaesong"])
        #expect(open["complete"] as? Bool == true)
        let crossings = (open["crossings"] as? [[String: Any]] ?? []).compactMap { $0["crossing"] as? String }
        #expect(crossings.contains("gyeongui-dorasan-kaesong/road") && crossings.contains("dandong-sinuiju/road"))
        #expect((open["detourIndex"] as? Double ?? 0) >= 1)
    }
}
