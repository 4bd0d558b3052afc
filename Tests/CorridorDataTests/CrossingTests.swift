import CorridorData
import CorridorGeo
import Foundation
import Testing

/// The crossings the planning literature is about: present, on a line of their mode, on the
/// border between their two countries (both within 2 km, by geodesic distance).
@Suite struct CrossingTests {
    static let literature = [
        "manzhouli-zabaikalsk", "erenhot-zamyn-uud", "suifenhe-grodekovo", "naushki-sukhbaatar", "dandong-sinuiju",
        "tumen-namyang", "quanhe-wonjong", "hunchun-kraskino", "khasan-tumangang", "heihe-blagoveshchensk",
        "tongjiang-nizhneleninskoye", "gyeongui-dorasan-kaesong", "donghae-jejin-kumgangsan",
    ]
    /// Crossing modes with no line in the sources, each stated in Curation with its reason.
    static let missingGeometry: Set<String> = [
        "tongjiang-nizhneleninskoye/rail", "ereentsav-solovyovsk/rail", "donghae-jejin-kumgangsan/rail",
    ]

    /// Crossings the boundary line does not reach, placed on their own road (reason in Curation).
    static let curatedPositions: Set<String> = ["new-yalu-river-bridge/road"]

    /// Geodesic distance from a point to the nearest of some lines.
    static func distanceMeters(_ c: Coordinate, to lines: Geometry, _ geos: GEOSContext) throws -> Double {
        let (a, b) = try geos.point(c).nearestPoints(to: lines)
        return Geodesic.wgs84.distanceMeters(a, b)
    }

    static func check(region: String, ids: [String], modes: Set<String> = ["rail", "road"]) throws {
        let geos = try GEOSContext()
        let crossings = try DataPaths.layer(region, "crossings")
        let borders = try DataPaths.layer(region, "borders")
        let lines = ["rail": try DataPaths.layer(region, "rail"), "road": try DataPaths.layer(region, "roads")]
        var lineIndex: [String: SpatialIndex] = [:]
        for (mode, layer) in lines { lineIndex[mode] = try SpatialIndex(shapes: layer.features.map { $0.shape! }, in: geos) }
        for id in ids {
            let rows = crossings.features.filter { crossings.value($0, "crossing_id").description == id }
            #expect(!rows.isEmpty, "\(region): crossing \(id) missing")
            for row in rows {
                guard case .point(let c) = row.shape else { Issue.record("\(id) has no point"); continue }
                let mode = crossings.value(row, "mode").description
                guard modes.contains(mode) else { continue }
                let pair = [crossings.value(row, "country_a").description, crossings.value(row, "country_b").description]
                let border = try geos.geometry(.multiLineString(borders.features.filter {
                    [borders.value($0, "country_a").description, borders.value($0, "country_b").description] == pair
                }.flatMap { $0.shape!.lineParts! }))
                if curatedPositions.contains("\(id)/\(mode)") {
                    #expect(crossings.value(row, "located_by").description.hasPrefix("curated position"))
                    #expect(crossings.value(row, "note").description.contains("Located at its curated position"))
                } else {
                    #expect(try distanceMeters(c, to: border, geos) <= 2000, "\(region) \(id) \(mode): off the \(pair) border")
                }
                if missingGeometry.contains("\(id)/\(mode)") {
                    #expect(crossings.value(row, "note").description.contains("No \(mode) line in the sources"))
                    continue
                }
                let index = try #require(lineIndex[mode])
                let nearest = try #require(try index.nearest(to: c))
                let d = try distanceMeters(c, to: index.geometries[nearest], geos)
                #expect(d <= 2000, "\(region) \(id) \(mode): \(Int(d)) m from the nearest \(mode) line")
            }
        }
    }

    @Test func northeastAsiaLiteratureCrossings() throws {
        try Self.check(region: "northeast-asia", ids: Self.literature + ["new-yalu-river-bridge", "ereentsav-solovyovsk", "kyakhta-altanbulag", "manpo-jian"])
    }

    @Test func koreaCrossingsInItsBox() throws {
        try Self.check(region: "korea", ids: ["dandong-sinuiju", "tumen-namyang", "quanhe-wonjong", "hunchun-kraskino", "khasan-tumangang",
                                              "gyeongui-dorasan-kaesong", "donghae-jejin-kumgangsan", "new-yalu-river-bridge"])
    }

    /// The inter-Korean links are closed today; the big Chinese gateways are open.
    @Test func statusesMatchTheCuration() throws {
        let crossings = try DataPaths.layer("korea", "crossings")
        func status(_ id: String, _ mode: String) -> String? {
            crossings.features.first { crossings.value($0, "crossing_id").description == id && crossings.value($0, "mode").description == mode }
                .map { crossings.value($0, "status").description }
        }
        #expect(status("gyeongui-dorasan-kaesong", "rail") == "closed")
        #expect(status("gyeongui-dorasan-kaesong", "road") == "closed")
        #expect(status("donghae-jejin-kumgangsan", "rail") == "planned")
        #expect(status("dandong-sinuiju", "rail") == "open")
        #expect(status("new-yalu-river-bridge", "road") == "closed")
    }

    /// North America: BTS ports with their volumes, checked against the BTS table read
    /// independently; the big truck ports are on a road line at the border.
    @Test func northAmericaCarriesBTSVolumes() throws {
        let crossings = try DataPaths.layer("north-america", "crossings")
        let bts = try VectorDataset(path: DataPaths.sharedData.appendingPathComponent("bts_border_crossings/bts_ports_of_entry.csv").path).layer().readAll()
        for (code, id) in [("2304", "bts-2304"), ("3801", "detroit-ambassador-bridge"), ("2506", "bts-2506")] {
            let src = try #require(bts.features.first { bts.value($0, "port_code").description == code })
            let row = try #require(crossings.features.first {
                crossings.value($0, "crossing_id").description == id && crossings.value($0, "mode").description == "road"
            }, "\(id)")
            for measure in ["trucks_2023", "trucks_2024", "trains_2024", "personal_vehicles_2024"] {
                #expect(crossings.value(row, measure).integerValue == bts.value(src, measure).integerValue, "\(id) \(measure)")
            }
            #expect(crossings.value(row, "status").description == "open")
        }
        // Laredo is the busiest truck port of the continent (BTS, 2024).
        let busiest = crossings.features.filter { crossings.value($0, "mode").description == "road" }
            .max { (crossings.value($0, "trucks_2024").integerValue ?? 0) < (crossings.value($1, "trucks_2024").integerValue ?? 0) }
        #expect(busiest.map { crossings.value($0, "crossing_id").description } == "bts-2304")
        try CrossingTests.check(region: "north-america", ids: ["bts-2304", "detroit-ambassador-bridge"])
        // Otay Mesa's trains are not on a BTS rail line that reaches the border; its road mode is.
        try CrossingTests.check(region: "north-america", ids: ["bts-2506"], modes: ["road"])
    }
}
