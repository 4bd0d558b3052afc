import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `corridor validate` on north-america: every port with a count is listed, with a held-out
/// prediction or the reason it has none, and the statistics cover both borders, for the road
/// segments and for rail freight.
@Suite struct ValidateCommandTests {
    @Test func everyCountedPortIsAccountedFor() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plot = dir.appendingPathComponent("validation.svg")
        let r = try CLIRun.run(["validate", "--region", "north-america", "--folds", "3", "--no-estimation", "--quiet", "--json", "--plot", plot.path])
        #expect(r.status == 0, "\(r.stderr)")
        // The plot is a well-formed SVG with one point per port with a positive count and prediction.
        let svg = try Data(contentsOf: plot)
        #expect(XMLParser(data: svg).parse())
        let segments = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(segments.compactMap { $0["name"] as? String } == ["local", "freight", "rail"])
        #expect(segments.compactMap { $0["measure"] as? String } == ["personal_vehicles_2024", "trucks_2024", "trains_2024"])
        for s in segments {
            let ports = try #require(s["ports"] as? [[String: Any]])
            // Road ports count vehicles at over 80 ports; trains cross at about 30.
            #expect(ports.count > (s["name"] as? String == "rail" ? 25 : 80))
            // The global parameters come from their grids: decay, and the factor on the delays.
            #expect(s["delayScales"] as? [Double] == [0.5, 1, 2])
            #expect([0.5, 1, 2].contains(s["fittedDelayScale"] as? Double ?? -1))
            #expect((s["grid"] as? [Double])?.contains(s["fittedDecayPerHour"] as? Double ?? -1) == true)
            // The dispersions tried (infinite, all-or-nothing, written "inf") hold the fitted
            // one; one border factor per border, positive; no estimation with --no-estimation.
            let dispersions = try #require(s["dispersions"] as? [Any])
            #expect(dispersions.count == 6 && dispersions.first as? String == "inf")
            #expect(dispersions.contains { ($0 as? Double) == (s["fittedDispersion"] as? Double) || ($0 as? String) == (s["fittedDispersion"] as? String) })
            let factors = try #require(s["fittedBorderScales"] as? [String: Double])
            #expect(Set(factors.keys) == ["CAN-USA", "MEX-USA"] && factors.values.allSatisfy { $0 > 0 && $0.isFinite })
            #expect(s["estimation"] == nil)
            for p in ports {
                #expect(((p["observed"] as? Double) ?? 0) > 0)
                #expect(p["heldOutPrediction"] != nil || (p["reason"] as? String)?.isEmpty == false)
                if p["heldOutPrediction"] != nil { #expect([0.5, 1, 2].contains(p["delayScale"] as? Double ?? -1)) }
                // A stranded border edge carries nothing, whatever the parameters.
                if (p["reason"] as? String)?.contains("stranded") == true { #expect(p["heldOutPrediction"] as? Double == 0) }
            }
            let plotted = ports.filter { (($0["heldOutPrediction"] as? Double) ?? 0) > 0 }.count
            #expect(plotted > (s["name"] as? String == "rail" ? 15 : 50))
            let stats = try #require(s["statistics"] as? [String: [String: Any]])
            #expect(Set(stats.keys) == ["CAN-USA", "MEX-USA"])
            for (_, st) in stats { #expect(((st["spearman"] as? Double) ?? -1) > 0) }
            // The five largest counted ports of each border, as listed among the ports.
            let largest = try #require(s["largestPorts"] as? [[String: Any]])
            for border in ["CAN-USA", "MEX-USA"] {
                let counted = ports.filter { $0["border"] as? String == border }.compactMap { $0["observed"] as? Double }.sorted(by: >)
                let listed = largest.filter { $0["border"] as? String == border }
                #expect(listed.compactMap { $0["observed"] as? Double } == Array(counted.prefix(5)))
                for p in listed {
                    let o = try #require(p["observed"] as? Double)
                    if let m = p["heldOutPrediction"] as? Double {
                        #expect(abs((p["ratio"] as? Double ?? -1) - m / o) < 1e-12)
                        #expect(p["withinFactorTwo"] as? Bool == (m >= o / 2 && m <= 2 * o))
                    } else {
                        #expect(p["withinFactorTwo"] as? Bool == false)
                    }
                }
            }
        }
        let points = String(decoding: svg, as: UTF8.self).components(separatedBy: "<circle").count - 1
        let expected = try segments.reduce(0) { n, s in
            n + (try #require(s["ports"] as? [[String: Any]])).filter { (($0["heldOutPrediction"] as? Double) ?? 0) > 0 }.count
        }
        let rings = try segments.reduce(0) { n, s in
            n + (try #require(s["largestPorts"] as? [[String: Any]])).filter { (($0["heldOutPrediction"] as? Double) ?? 0) > 0 }.count
        }
        #expect(points == expected + rings + 2)  // + a ring on each largest port, + the legend's two borders
    }
}

/// `corridor assign --region north-america` on options, freight loaded all-or-nothing on demand
/// scaled on the region as loaded: the Gordie Howe bridge takes trucks off the Ambassador
/// Bridge, and closing Laredo sends its trucks to the other Texas ports.
@Suite struct RegionAssignCommandTests {
    static func freight(_ extra: [String]) throws -> [String: Double] {
        let r = try CLIRun.run(["assign", "--region", "north-america", "--segment", "freight", "--algorithm", "aon", "--quiet", "--json"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        let j = try NetworkCommandTests.json(r.stdout)
        let crossings = try #require(j["crossings"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: crossings.compactMap { c in
            (c["crossingId"] as? String).map { ($0, (c["inbound"] as? [Double])?.first ?? 0) }
        })
    }

    @Test func optionsMoveTheTrucks() throws {
        let base = try Self.freight([])
        let bridge = try Self.freight(["--preset", "gordie-howe-bridge"])
        #expect((bridge["gordie-howe-bridge"] ?? 0) > 0 && base["gordie-howe-bridge"] == nil)
        #expect(bridge["detroit-ambassador-bridge"]! < base["detroit-ambassador-bridge"]!)
        let closed = try Self.freight(["--close", "bts-2304"])
        #expect(closed["bts-2304"] == nil && base["bts-2304"]! > 0)
        #expect(closed["bts-2305"]! > base["bts-2305"]!)  // Hidalgo/Pharr
    }

    /// `scenario --flows` on korea: the New Yalu River Bridge carries traffic only after it
    /// opens, and the old Friendship Bridge next to it loses some.
    @Test func scenarioFlowsCompareCrossingVolumes() throws {
        let r = try CLIRun.run(["scenario", "--region", "korea", "--preset", "new-yalu-river-bridge", "--flows", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try NetworkCommandTests.json(r.stdout)
        let flows = try #require((j["flows"] as? [String: Any])?["new-yalu-river-bridge"] as? [String: Any])
        let crossings = try #require(flows["crossings"] as? [[String: Any]])
        func row(_ id: String) throws -> (before: Double, after: Double) {
            let c = try #require(crossings.first { $0["crossingId"] as? String == id })
            return ((c["before"] as! [Double]).reduce(0, +), (c["after"] as! [Double]).reduce(0, +))
        }
        let new = try row("new-yalu-river-bridge"), old = try row("dandong-sinuiju")
        #expect(new.before == 0 && new.after > 0)
        #expect(old.after < old.before)
        let segments = try #require(flows["segments"] as? [[String: Any]])
        #expect(segments.map { $0["name"] as? String } == ["local", "freight"])
        #expect(segments.allSatisfy { ($0["hoursSaved"] as? Double ?? -1) > 0 })
        let text = try CLIRun.run(["scenario", "--region", "korea", "--preset", "new-yalu-river-bridge", "--flows", "--quiet"])
        #expect(text.status == 0 && text.stdout.contains("flows at equilibrium"))
        let bad = try CLIRun.run(["scenario", "--layers", "road=x.geojson", "--scenario", "x.json", "--flows"])
        #expect(bad.status != 0 && bad.stderr.contains("--flows needs --region"))
    }

    /// `criticality --flows` and `corridors --flows` on korea: the flow-weighted losses come
    /// with the population-weighted ones, one per open road crossing and one per corridor.
    @Test func criticalityAndCorridorsWeighByFlows() throws {
        let c = try CLIRun.run(["criticality", "--region", "korea", "--flows", "--quiet", "--json", "--top", "50"])
        #expect(c.status == 0, "\(c.stderr)")
        let j = try NetworkCommandTests.json(c.stdout)
        let losses = try #require(j["flowLosses"] as? [[String: Any]])
        #expect(j["flowSegments"] as? [String] == ["local", "freight"])
        #expect(losses.contains { $0["crossingId"] as? String == "dandong-sinuiju" })
        #expect(losses.allSatisfy { ($0["hoursAdded"] as? [Double])?.allSatisfy { $0 >= 0 } == true })
        let text = try CLIRun.run(["criticality", "--region", "korea", "--flows", "--quiet"])
        #expect(text.status == 0 && text.stdout.contains("open road crossings by flow"))
        let r = try CLIRun.run(["corridors", "--region", "korea", "--flows", "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let k = try NetworkCommandTests.json(r.stdout)
        let corridors = try #require(k["corridors"] as? [[String: Any]])
        let flows = try #require(k["flows"] as? [String: Any])
        #expect(Set(flows.keys) == Set(corridors.compactMap { $0["id"] as? String }))
        let plain = try CLIRun.run(["corridors", "--region", "korea", "--quiet", "--json"])
        #expect(plain.status == 0 && plain.stdout.hasPrefix("["))
    }

    /// `assign --region -o`: a GeoPackage holds the crossings (points) and the routed flows
    /// (lines); GeoJSON the crossings alone; a CSV is refused before any work.
    @Test func regionFlowsAsLayers() throws {
        let dir = try NetworkCommandTests.temp()
        let gpkg = dir.appendingPathComponent("korea-flows.gpkg").path
        let r = try CLIRun.run(["assign", "--region", "korea", "--quiet", "--json", "-o", gpkg])
        #expect(r.status == 0, "\(r.stderr)")
        let crossings = try #require(try NetworkCommandTests.json(r.stdout)["crossings"] as? [[String: Any]])
        let layers = try OutputFormatTests.ogrinfo(gpkg)
        let points = try #require(layers["crossing_flows"])
        #expect(points.count == crossings.count && points.crs)
        for f in ["crossing_id", "local_in_per_year", "freight_out_per_year", "volume_capacity", "hours_congested"] { #expect(points.fields.contains(f)) }
        #expect((layers["routed_flows"]?.count ?? 0) > 0)
        let geojson = dir.appendingPathComponent("korea-flows.geojson").path
        #expect(try CLIRun.run(["assign", "--region", "korea", "--quiet", "-o", geojson]).status == 0)
        #expect(try OutputFormatTests.ogrinfo(geojson).values.first?.count == crossings.count)
        let csv = try CLIRun.run(["assign", "--region", "korea", "--quiet", "-o", dir.appendingPathComponent("x.csv").path])
        #expect(csv.status != 0 && csv.stderr.contains("with --region, write .json or a GIS layer file"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.csv").path))
    }

    /// `assign --region --od`: the user's own trips between zones (by name or place id) go
    /// through the crossings: 1,000 trips from Dandong to Sinŭiju cross once, all of them.
    @Test func ownTripsThroughTheRegion() throws {
        let dir = try NetworkCommandTests.temp()
        let od = dir.appendingPathComponent("od.csv")
        try "origin,destination,trips\nDandong,Sinŭiju,600\ngn:2037886,gn:2040893,400\n".write(to: od, atomically: true, encoding: .utf8)
        let r = try CLIRun.run(["assign", "--region", "korea", "--od", od.path, "--quiet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try NetworkCommandTests.json(r.stdout)
        #expect(j["segments"] as? [String] == ["od"])
        let crossings = try #require(j["crossings"] as? [[String: Any]])
        let total = crossings.reduce(0.0) { $0 + (($1["inbound"] as? [Double])?.first ?? 0) + (($1["outbound"] as? [Double])?.first ?? 0) }
        #expect(abs(total - 1000) < 1e-6)
    }
}

/// `corridor calibrate` on north-america (freight, two folds, few iterations to stay quick):
/// every estimated pair stays within the limit of its prior, the JSON keeps the in-sample fit
/// apart from the held-out one, and bad settings fail before any work.
@Suite struct CalibrateCommandTests {
    @Test func estimatedTripsStayWithinTheLimit() throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("freight.csv")
        let r = try CLIRun.run(["calibrate", "--region", "north-america", "--segment", "freight", "--folds", "2", "--iterations", "4", "--limit", "3",
                                "--quiet", "--json", "-o", csv.path])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try NetworkCommandTests.json(r.stdout)
        #expect((j["estimation"] as? [String: Any])?["limit"] as? Double == 3)
        let segments = try #require(j["segments"] as? [[String: Any]])
        #expect(segments.compactMap { $0["name"] as? String } == ["freight"])
        let s = try #require(segments.first)
        for key in ["inSample", "heldOut", "modelHeldOut"] {
            #expect(Set((s[key] as? [String: Any])?.keys.map { $0 } ?? []) == ["CAN-USA", "MEX-USA"], "\(key)")
        }
        #expect(((s["iterations"] as? Int) ?? 0) >= 1 && ((s["movedPairs"] as? Int) ?? 0) > 0)
        // Each port's hourly GEH is the estimate's against the count, per hour.
        let ports = try #require(s["ports"] as? [[String: Any]])
        #expect(ports.count > 80)
        for p in ports {
            guard let e = p["estimated"] as? Double, let o = p["observed"] as? Double else { continue }
            let m = e / 8760, c = o / 8760
            let geh = m + c > 0 ? (2 * (m - c) * (m - c) / (m + c)).squareRoot() : 0
            #expect(abs((p["gehHourly"] as? Double ?? -1) - geh) < 1e-9)
        }
        // The CSV: one row per pair, never beyond 3 times its prior either way.
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "segment,origin,origin_name,destination,destination_name,trips,prior_trips")
        #expect(lines.count > 1000)
        var moved = 0
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let trips = try #require(Double(f[f.count - 2])), prior = try #require(Double(f[f.count - 1]))
            #expect(f.first == "freight")
            #expect(trips <= prior * 3 * (1 + 1e-5) && trips >= prior / 3 * (1 - 1e-5), "\(line)")
            if abs(trips - prior) > 1e-5 * prior { moved += 1 }
        }
        #expect(moved > 0)
    }

    @Test func badSettingsFailFirst() throws {
        let rail = try CLIRun.run(["calibrate", "--region", "north-america", "--segment", "rail", "--quiet"])
        #expect(rail.status == 1 && rail.stderr.contains("calibrate estimates road demand"))
        let limit = try CLIRun.run(["calibrate", "--region", "north-america", "--limit", "0.5"])
        #expect(limit.status == 64 && limit.stderr.contains("--limit 0.5"))
        let out = try CLIRun.run(["calibrate", "--region", "north-america", "-o", "x.txt"])
        #expect(out.status == 64 && out.stderr.contains("write .csv"))
    }
}
