import Foundation
import Testing

/// The bad-input catalogue: each input gives one clear line on stderr naming the file,
/// feature or value at fault, a non-zero exit (1 bad input, 64 usage), no crash, and no
/// partial output (an existing output file is left untouched). More cases live in
/// BadLayerTests (wrong geometry type, empty layer, missing CRS, NaN, swapped lat/lon,
/// duplicate crossings) and the command tests.
@Suite struct BadInputCatalogueTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// File name → contents, written into a fresh folder; "$DIR" in arguments is that folder.
        var files: [String: [UInt8]] = [:]
        var arguments: [String]
        var status: Int32
        /// Must appear in the one stderr line.
        var names: String
        var testDescription: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func scenario(_ op: String) -> [String: [UInt8]] { ["option.json": text("{\"name\": \"bad\", \"operations\": [\(op)]}")] }
    static let line = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#

    /// A two-zone TNTP network as bad_net.tntp and bad_trips.tntp.
    static func tntp(links: String = "1 3 10 1 1 0.15 4 ;\n3 2 10 1 1 0.15 4 ;\n",
                     trips: String = "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : 3;\n") -> [String: [UInt8]] {
        ["bad_net.tntp": text("<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n~ init term cap len t0 b power\n" + links),
         "bad_trips.tntp": text(trips)]
    }

    static let cases: [Case] = [
        Case(name: "truncated GeoJSON", files: ["roads.geojson": text(String(line.prefix(90)))],
             arguments: ["build", "--layers", "road=$DIR/roads.geojson", "-o", "$DIR/out.gpkg"], status: 1, names: "roads.geojson"),
        Case(name: "layer file missing", arguments: ["build", "--layers", "road=$DIR/none.geojson", "-o", "$DIR/out.gpkg"], status: 1, names: "none.geojson"),
        Case(name: "unknown layer kind", files: ["r.geojson": text(line)], arguments: ["build", "--layers", "river=$DIR/r.geojson", "-o", "$DIR/out.gpkg"],
             status: 1, names: "river"),
        Case(name: "latitude out of range", files: ["roads.geojson": text(line.replacingOccurrences(of: "[1,1]", with: "[1,95]"))],
             arguments: ["build", "--layers", "road=$DIR/roads.geojson", "-o", "$DIR/out.gpkg"], status: 1, names: "roads.geojson"),
        Case(name: "non-UTF-8 scenario", files: ["option.json": [0xff, 0xfe, 0x00, 0x41, 0xc3]],
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "option.json"),
        Case(name: "scenario not an object", files: ["option.json": text("[1, 2]")],
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "object"),
        Case(name: "scenario without operations", files: ["option.json": text(#"{"name": "x", "operations": []}"#)],
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "operations"),
        Case(name: "scenario unknown op", files: scenario(#"{"op": "teleport"}"#),
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "teleport"),
        Case(name: "scenario unknown crossing", files: scenario(#"{"op": "open_crossing", "crossing": "atlantis-bridge"}"#),
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "atlantis-bridge"),
        Case(name: "scenario unknown place", files: scenario(#"{"op": "add_link", "mode": "road", "from": "Atlantis", "to": "Seoul"}"#),
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "Atlantis"),
        Case(name: "scenario negative speed", files: scenario(#"{"op": "set_speed", "mode": "road", "kilometersPerHour": -5}"#),
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "kilometersPerHour"),
        Case(name: "scenario zero speed", files: scenario(#"{"op": "set_speed", "mode": "rail", "kilometersPerHour": 0}"#),
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "kilometersPerHour"),
        Case(name: "scenario negative delay", files: scenario(#"{"op": "set_delay", "crossing": "dandong-sinuiju", "delayMinutes": -10}"#),
             arguments: ["scenario", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "delayMinutes"),
        Case(name: "DIMACS edge count short", files: ["g.gr": text("p sp 3 2\na 1 2 5\n")],
             arguments: ["bench", "trees", "--dimacs", "$DIR/g.gr", "--sources", "1"], status: 1, names: "g.gr"),
        Case(name: "DIMACS node out of range", files: ["g.gr": text("p sp 2 1\na 1 5 3\n")],
             arguments: ["bench", "trees", "--dimacs", "$DIR/g.gr", "--sources", "1"], status: 1, names: "outside"),
        Case(name: "DIMACS without a problem line", files: ["g.gr": text("a 1 2 3\n")],
             arguments: ["bench", "trees", "--dimacs", "$DIR/g.gr", "--sources", "1"], status: 1, names: "problem line"),
        Case(name: "DIMACS not a number", files: ["g.gr": text("p sp 2 1\na 1 x 3\n")],
             arguments: ["bench", "trees", "--dimacs", "$DIR/g.gr", "--sources", "1"], status: 1, names: "'x'"),
        Case(name: "DIMACS header beyond memory", files: ["g.gr": text("p tw 4000000000 2000000000\n1 2\n")],
             arguments: ["bench", "trees", "--dimacs", "$DIR/g.gr", "--sources", "1"], status: 1, names: "g.gr: line 1: a graph of 4000000000 nodes"),
        Case(name: "matrix unknown place", arguments: ["matrix", "--region", "korea", "--places", "Seoul,Atlantis"], status: 1, names: "Atlantis"),
        Case(name: "absurd threshold", arguments: ["access", "--region", "korea", "--within-hours", "1e9"], status: 64, names: "--within-hours"),
        Case(name: "zero threads", arguments: ["access", "--region", "korea", "--threads", "0"], status: 64, names: "--threads"),
        Case(name: "negative snap", arguments: ["build", "--region", "korea", "--snap-meters=-1", "-o", "$DIR/out.gpkg"], status: 64, names: "--snap-meters"),
        Case(name: "unsupported output format", arguments: ["build", "--region", "korea", "-o", "$DIR/out.shp"], status: 1, names: "out.shp"),
        Case(name: "unwritable output path", arguments: ["build", "--region", "korea", "-o", "$DIR/no/such/dir/out.gpkg"], status: 1, names: "no/such/dir"),
        Case(name: "unknown region", arguments: ["stats", "--region", "atlantis"], status: 1, names: "atlantis"),
        Case(name: "unknown place in a route", arguments: ["route", "--region", "korea", "--from", "Seoul", "--to", "Atlantis"], status: 1, names: "Atlantis"),
        Case(name: "misspelt place: the nearest names", arguments: ["route", "--region", "korea", "--from", "Seul", "--to", "Busan"], status: 1,
             names: "--from Seul: no such place in the network; did you mean Seoul"),
        Case(name: "unknown crossing to open", arguments: ["stats", "--region", "korea", "--open", "atlantis-bridge"], status: 1, names: "atlantis-bridge"),
        Case(name: "misspelt crossing: the nearest ids", arguments: ["stats", "--region", "korea", "--open", "gyeongui-dorasan-kaesung"], status: 1,
             names: "did you mean gyeongui-dorasan-kaesong"),
        Case(name: "misspelt preset", arguments: ["scenario", "--region", "korea", "--preset", "reconnect-gyeong"], status: 1,
             names: "did you mean reconnect-gyeongui"),
        Case(name: "misspelt region", arguments: ["stats", "--region", "koera"], status: 1, names: "did you mean korea"),
        Case(name: "unknown border", arguments: ["border-zone", "--region", "korea", "--border", "KOR-FRA"], status: 1, names: "FRA"),
        Case(name: "bad as-of date", arguments: ["stats", "--region", "korea", "--as-of", "1993-13-45"], status: 1, names: "1993-13-45"),
        Case(name: "a cluster of one city", arguments: ["cohesion", "--region", "korea", "--cities", "Seoul"], status: 64, names: "--cities"),
        Case(name: "bad delay scale", arguments: ["border-effect", "--region", "korea", "--scales", "0,abc"], status: 64, names: "abc"),
        Case(name: "assign: network file missing", arguments: ["assign", "--tntp", "$DIR/none", "-o", "$DIR/out.gpkg"], status: 1, names: "none_net.tntp"),
        Case(name: "assign: unknown node", files: tntp(links: "1 3 10 1 1 0.15 4 ;\n3 9 10 1 1 0.15 4 ;\n"),
             arguments: ["assign", "--tntp", "$DIR/bad", "-o", "$DIR/out.gpkg"], status: 1, names: "bad_net.tntp: line 8: term node 9"),
        Case(name: "assign: zero capacity with a BPR term", files: tntp(links: "1 3 0 1 1 0.15 4 ;\n3 2 10 1 1 0.15 4 ;\n"),
             arguments: ["assign", "--tntp", "$DIR/bad", "-o", "$DIR/out.gpkg"], status: 1, names: "bad_net.tntp: line 7: capacity"),
        Case(name: "assign: truncated trips", files: tntp(trips: "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 9\n<END OF METADATA>\nOrigin 1\n 2 : 3;\n"),
             arguments: ["assign", "--tntp", "$DIR/bad", "-o", "$DIR/out.gpkg"], status: 1, names: "bad_trips.tntp"),
        Case(name: "assign: negative trips in an OD CSV", files: tntp().merging(["od.csv": text("origin,destination,trips\n1,2,-4\n")]) { a, _ in a },
             arguments: ["assign", "--tntp", "$DIR/bad", "--od", "$DIR/od.csv", "-o", "$DIR/out.gpkg"], status: 1, names: "od.csv: line 2"),
        Case(name: "assign --region: unknown place in an OD CSV", files: ["od.csv": text("origin,destination,trips\nSeoul,Atlantis,5\n")],
             arguments: ["assign", "--region", "korea", "--od", "$DIR/od.csv", "-o", "$DIR/out.json"], status: 1, names: "od.csv: line 2: destination 'Atlantis'"),
        Case(name: "assign --region: negative trips in an OD CSV", files: ["od.csv": text("origin,destination,trips\nSeoul,Busan,-5\n")],
             arguments: ["assign", "--region", "korea", "--od", "$DIR/od.csv", "-o", "$DIR/out.gpkg"], status: 1, names: "od.csv: line 2: trips '-5'"),
        Case(name: "assign: unknown algorithm", arguments: ["assign", "--tntp", "$DIR/bad", "--algorithm", "dijkstra"], status: 64, names: "dijkstra"),
        // A link the network lacks is bad input like an unknown place (1), not a usage error.
        Case(name: "assign: unknown select link", files: tntp(), arguments: ["assign", "--tntp", "$DIR/bad", "--select-link", "7-8", "-o", "$DIR/out.gpkg"],
             status: 1, names: "7-8"),
        Case(name: "assign: geometry without node coordinates", files: tntp(), arguments: ["assign", "--tntp", "$DIR/bad", "-o", "$DIR/out.gpkg"],
             status: 64, names: "_node.tntp"),
        Case(name: "appraise: negative cost", files: ["option.json": text(#"{"name": "x", "cost": {"capital": -5, "currency": "USD", "priceYear": 2024, "source": "test"}, "operations": [{"op": "open_crossing", "crossing": "new-yalu-river-bridge"}]}"#)],
             arguments: ["appraise", "--region", "korea", "--scenario", "$DIR/option.json", "-o", "$DIR/table.csv"], status: 1, names: "capital -5"),
        Case(name: "appraise: currency without a price year", files: ["option.json": text(#"{"name": "x", "cost": {"capital": 5, "currency": "EUR", "source": "test"}, "operations": [{"op": "open_crossing", "crossing": "new-yalu-river-bridge"}]}"#)],
             arguments: ["appraise", "--region", "korea", "--scenario", "$DIR/option.json"], status: 1, names: "without a price year"),
        Case(name: "appraise: discount rate of -100 %", arguments: ["appraise", "--region", "korea", "--preset", "reconnect-gyeongui", "--discount-rate=-1"], status: 64, names: "--discount-rate"),
        Case(name: "appraise: zero horizon", arguments: ["appraise", "--region", "korea", "--preset", "reconnect-gyeongui", "--horizon-years", "0"], status: 64, names: "--horizon-years"),
        Case(name: "appraise: unknown benefit", arguments: ["appraise", "--region", "korea", "--preset", "reconnect-gyeongui", "--benefit", "gdp"], status: 64, names: "--benefit gdp"),
        Case(name: "appraise: negative draws", arguments: ["appraise", "--region", "korea", "--preset", "reconnect-gyeongui", "--draws=-1"], status: 64, names: "--draws -1"),
        Case(name: "appraise: unknown cost rule", arguments: ["appraise", "--region", "korea", "--preset", "reconnect-gyeongui", "--cost-rule", "gdp"], status: 64, names: "gdp"),
        Case(name: "zero band width", arguments: ["border-zone", "--region", "korea", "--width-km", "0"], status: 64, names: "--width-km"),
    ]

    @Test(arguments: cases)
    func failsCleanly(_ c: Case) throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, bytes) in c.files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        // An existing output must survive a failed run untouched.
        let existing = Data("previous output".utf8)
        try existing.write(to: dir.appendingPathComponent("out.gpkg"))
        let args = c.arguments.map { $0.replacingOccurrences(of: "$DIR", with: dir.path) } + ["--quiet"]
        let r = try CLIRun.run(args)
        #expect(r.status == c.status, "\(c.name): exit \(r.status), \(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("Usage:") && !$0.hasPrefix("Help:") && !$0.hasPrefix("  See '") && !$0.isEmpty }
        #expect(lines.count == 1, "\(c.name): \(r.stderr)")
        #expect(r.stderr.contains(c.names), "\(c.name): \(r.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("out.gpkg")) == existing, "\(c.name): existing output changed")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !c.files.keys.contains($0) && $0 != "out.gpkg" }
        #expect(left.isEmpty, "\(c.name): left \(left)")
    }
}
