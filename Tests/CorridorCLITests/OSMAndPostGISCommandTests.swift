import Foundation
import Testing

/// `corridor build --osm`, one-way edges through the commands, bad OpenStreetMap input, and
/// PostGIS in and out against a real PostgreSQL started for the test (scripts/pg-test-server).
@Suite struct OSMCommandTests {
    static let fixtures = CLIRun.packageRoot.appendingPathComponent("Tests/CorridorAnalysisTests/Fixtures")
    static let town = fixtures.appendingPathComponent("border_town.osm").path
    static let countries = "countries=" + fixtures.appendingPathComponent("border_town_countries.geojson").path

    static func features(_ path: String) throws -> [[String: Any]] {
        let j = try NetworkCommandTests.json(String(contentsOfFile: path, encoding: .utf8))
        return try #require(j["features"] as? [[String: Any]])
    }

    @Test func buildsAnOSMFileWithOneWayEdges() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("town.geojson").path
        let r = try CLIRun.run(["build", "--osm", Self.town, "--layers", Self.countries, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("6 of 8 ways used by profile car") && r.stderr.contains("4 one-way") && r.stderr.contains("1 border control points"))
        let edges = try Self.features(out)
        #expect(edges.count == 8)
        let props = edges.compactMap { $0["properties"] as? [String: Any] }
        #expect(props.filter { ($0["oneway"] as? Int) == 1 }.count == 5)
        #expect(props.filter { ($0["border"] as? Int) == 1 && ($0["crossing_id"] as? String) == "osm:node/3" }.count == 1)
        // The compiled file answers route and refuses an analysis that assumes two-way links.
        let net = dir.appendingPathComponent("town.corridor").path
        #expect(try CLIRun.run(["build", "--osm", Self.town, "--layers", Self.countries, "-o", net, "--quiet"]).status == 0)
        let stats = try CLIRun.run(["stats", "--network", net, "--json", "--quiet"])
        let statsJSON = try NetworkCommandTests.json(stats.stdout)
        #expect(stats.status == 0 && statsJSON["edges"] as? Int == 8)
        let crit = try CLIRun.run(["criticality", "--network", net, "--quiet"])
        #expect(crit.status == 1 && crit.stderr.contains("corridor criticality: assumes two-way links") && crit.stderr.contains("5 one-way edges"))
        #expect(crit.stderr.split(separator: "\n").count == 1)
        // The commands that handle one-way edges run (qa on the links as links).
        for args in [["access", "--json"], ["access", "--per-node"], ["qa"], ["matrix"], ["centrality", "--measure", "closeness"],
                     ["centrality", "--measure", "betweenness"]] {
            let r = try CLIRun.run(args + ["--network", net, "--quiet"])
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
    }

    @Test func countriesFromAnEmbeddedRegionFindTheBorder() throws {
        // One trunk road from Detroit to Windsor across the river, a border control point on it:
        // north-america's countries put its ends in USA and CAN, so it is a border edge and
        // matches the control point, with the car profile's 30 minutes.
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("dw.geojson").path
        let file = Self.fixtures.appendingPathComponent("detroit_windsor.osm").path
        let r = try CLIRun.run(["build", "--osm", file, "--countries-of", "north-america", "-o", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let edges = try Self.features(out).compactMap { $0["properties"] as? [String: Any] }
        #expect(edges.count == 1)
        let e = try #require(edges.first)
        #expect(e["country_from"] as? String == "USA" && e["country_to"] as? String == "CAN")
        #expect(e["border"] as? Int == 1 && e["crossing_id"] as? String == "osm:node/2" && e["crossing_status"] as? String == "open")
        let base = try #require(e["base_seconds"] as? Double), seconds = try #require(e["seconds"] as? Double)
        #expect(abs(seconds - base - 1800) < 1e-6)
        // Without countries there is no border.
        let plain = try CLIRun.run(["build", "--osm", file, "-o", out, "--quiet"])
        let plainEdge = try Self.features(out).first?["properties"] as? [String: Any]
        #expect(plain.status == 0 && plainEdge?["border"] as? Int == 0)
        // --countries-of belongs with --osm or --layers.
        let wrong = try CLIRun.run(["build", "--region", "korea", "--countries-of", "korea", "-o", out, "--quiet"])
        #expect(wrong.status != 0 && wrong.stderr.contains("--countries-of applies with --osm or --layers"))
    }

    @Test func theBuiltInCarProfileIsTheOracles() throws {
        let r = try CLIRun.run(["osm-profile", "car"])
        #expect(r.status == 0)
        let printed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? NSDictionary
        let oracle = try JSONSerialization.jsonObject(with: Data(contentsOf: CLIRun.packageRoot.appendingPathComponent("Tests/Oracles/osm_car_profile.json"))) as? NSDictionary
        #expect(printed != nil && printed == oracle)
        let list = try CLIRun.run(["osm-profile"])
        #expect(list.stdout.contains("car") && list.stdout.contains("truck") && list.stdout.contains("rail"))
    }

    @Test func badOSMInputIsOneLineAndWritesNothing() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let helsinki = CLIRun.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/osm_extracts/Helsinki.osm.pbf")
        let shared = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"].map { URL(fileURLWithPath: $0).appendingPathComponent("osm_extracts/Helsinki.osm.pbf") } ?? helsinki
        let bytes = try Data(contentsOf: shared)
        let cut = dir.appendingPathComponent("cut.osm.pbf")
        try bytes.prefix(bytes.count / 3).write(to: cut)
        let noWays = dir.appendingPathComponent("empty.osm")
        try #"<?xml version="1.0"?><osm version="0.6"><node id="1" version="1" lat="50" lon="10"/></osm>"#.write(to: noWays, atomically: true, encoding: .utf8)
        let profile = dir.appendingPathComponent("slow.json")
        let car = try CLIRun.run(["osm-profile", "car"]).stdout
        try car.replacingOccurrences(of: "\"walk_kmh\": 6", with: "\"walk_kmh\": -6").write(to: profile, atomically: true, encoding: .utf8)
        // Every line feature zero-length: the road layer gives no edge.
        let zero = dir.appendingPathComponent("zero.geojson")
        try #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[10, 50], [10, 50]]}}]}"#
            .write(to: zero, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--osm", cut.path], "cut.osm.pbf"),
            (["--osm", noWays.path], "empty.osm: no way usable by profile car"),
            (["--osm", Self.town, "--profile", profile.path], "slow.json: walk_kmh -6.0"),
            (["--osm", Self.town, "--profile", "bicycle"], "--profile bicycle: no such profile"),
            (["--layers", "road=" + zero.path], "zero.geojson: no usable road lines"),
        ]
        for (args, message) in cases {
            let out = dir.appendingPathComponent("out.gpkg")
            let r = try CLIRun.run(["build"] + args + ["-o", out.path, "--quiet"])
            #expect(r.status == 1, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["cut.osm.pbf", "empty.osm", "slow.json", "zero.geojson"])
    }
}

/// A real PostgreSQL with PostGIS in a temporary folder on a loopback port.
@Suite(.serialized) struct PostGISCommandTests {
    static func shell(_ args: [String]) throws -> CLIRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func writesReadsAndRollsBack() throws {
        let dir = URL(fileURLWithPath: "/tmp/corridor-pg-\(UUID().uuidString.prefix(8))")
        let script = CLIRun.packageRoot.appendingPathComponent("scripts/pg-test-server").path
        // The server outlives the script and inherits its descriptors, so Foundation's Process
        // (which waits on descriptors of its own) would wait for the server too: system(3)
        // waits for the script alone.
        let status = system("bash '\(script)' start '\(dir.path)' > '\(dir.path).log' 2>&1")
        defer { _ = system("bash '\(script)' stop '\(dir.path)' > /dev/null 2>&1"); try? FileManager.default.removeItem(atPath: dir.path + ".log") }
        try #require(status == 0, "scripts/pg-test-server start failed: \((try? String(contentsOfFile: dir.path + ".log", encoding: .utf8)) ?? "")")
        let pg = try String(contentsOf: dir.appendingPathComponent("conninfo"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(pg.hasPrefix("PG:"))
        let libpq = String(pg.dropFirst(3))
        func sql(_ q: String) throws -> String {
            let r = try Self.shell(["psql", libpq, "-Atc", q])
            #expect(r.status == 0, "\(q): \(r.stderr)")
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // Every result layer: the network's nodes and edges as two tables in one transaction.
        let build = try CLIRun.run(["build", "--region", "korea", "-o", "\(pg) table=korea", "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let stats = try NetworkCommandTests.json(try CLIRun.run(["stats", "--region", "korea", "--json", "--quiet"]).stdout)
        #expect(try sql("select count(*) from korea_edges") == "\(stats["edges"] as? Int ?? -1)")
        #expect(try sql("select count(*) from korea_nodes") == "\(stats["nodes"] as? Int ?? -1)")
        #expect(try sql("select Find_SRID('public', 'korea_edges', 'geom')") == "4326")
        let ogr = try Self.shell(["ogrinfo", "-ro", "-so", pg, "korea_edges"])
        #expect(ogr.status == 0 && ogr.stdout.contains("Feature Count: \(stats["edges"] as? Int ?? -1)"))
        // An access layer, and the OSM network's one-way edges, read back as a road layer.
        #expect(try CLIRun.run(["access", "--region", "korea", "-o", "\(pg) table=korea_access", "--quiet"]).status == 0)
        #expect(try sql("select count(*) > 100 from korea_access") == "t")
        let town = OSMCommandTests.town
        #expect(try CLIRun.run(["build", "--osm", town, "-o", "\(pg) table=town", "--quiet"]).status == 0)
        #expect(try sql("select sum(oneway) from town_edges") == "5")
        // --table does the same as the table= keyword; without a PG: output it is refused.
        #expect(try CLIRun.run(["access", "--region", "korea", "-o", pg, "--table", "korea_access2", "--quiet"]).status == 0)
        #expect(try sql("select count(*) from korea_access2") == (try sql("select count(*) from korea_access")))
        let misplaced = try CLIRun.run(["access", "--region", "korea", "--table", "x", "--quiet"])
        #expect(misplaced.status != 0 && misplaced.stderr.contains("--table x: applies to a PostGIS output"))
        let dir2 = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir2) }
        let back = dir2.appendingPathComponent("back.geojson").path
        let read = try CLIRun.run(["build", "--layers", "road=\(pg) tables=town_edges", "-o", back, "--quiet"])
        #expect(read.status == 0, "\(read.stderr)")
        let edges = try OSMCommandTests.features(back).compactMap { $0["properties"] as? [String: Any] }
        #expect(edges.filter { ($0["oneway"] as? Int) == 1 }.count == 5)

        // A failure in the second table rolls the first back: no table is left behind.
        _ = try sql("create view broken_edges as select 1 as x")
        let failed = try CLIRun.run(["build", "--region", "korea", "-o", "\(pg) table=broken", "--quiet"])
        #expect(failed.status == 1 && failed.stderr.contains("broken_edges"))
        #expect(failed.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)
        #expect(try sql("select to_regclass('broken_nodes') is null") == "t")

        // Ctrl-C while the tables are being copied: exit 130, and the transaction never
        // commits (the connection closes), so neither table exists.
        let p = Process()
        p.executableURL = CLIRun.binary
        p.arguments = ["build", "--region", "north-america", "-o", "\(pg) table=interrupted", "--quiet"]
        p.currentDirectoryURL = CLIRun.packageRoot
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var copying = false
        let deadline = Date().addingTimeInterval(300)
        while p.isRunning && Date() < deadline {
            if try sql("select count(*) from pg_stat_activity where query ilike 'COPY%' and state <> 'idle'") != "0" { copying = true; break }
            usleep(20_000)
        }
        #expect(copying, "the COPY into the tables was never seen")
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(try sql("select to_regclass('interrupted_nodes') is null and to_regclass('interrupted_edges') is null") == "t")

        // An unreachable server: one line naming the connection, nothing written.
        let down = "PG:host=127.0.0.1 port=1 dbname=nowhere"
        for args in [["build", "--region", "korea", "-o", down], ["build", "--layers", "road=\(down)", "-o", back + ".x.gpkg"]] {
            let r = try CLIRun.run(args + ["--quiet"])
            #expect(r.status == 1 && r.stderr.contains("port=1 dbname=nowhere") && r.stderr.contains("Connection refused"), "\(r.stderr)")
            #expect(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: back + ".x.gpkg"))
    }
}
