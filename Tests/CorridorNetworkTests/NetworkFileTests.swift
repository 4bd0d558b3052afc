import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation
import Testing

/// The compiled network file reads back exactly what was written, refuses truncated, foreign,
/// damaged and other-version files with one line naming them, and the cache rebuilds a stale
/// or damaged file instead of using it.
@Suite struct NetworkFileTests {
    static func temp() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-netfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func expectSame(_ a: TransportNetwork, _ b: TransportNetwork) {
        #expect(a.graph == b.graph)
        #expect(a.nodeLon == b.nodeLon && a.nodeLat == b.nodeLat && a.nodeKind == b.nodeKind && a.nodeMode == b.nodeMode)
        #expect(a.nodeCountry == b.nodeCountry && a.nodeAdmin1 == b.nodeAdmin1 && a.countries == b.countries && a.admin1Names == b.admin1Names)
        #expect(a.edgeTail == b.edgeTail && a.edgeHead == b.edgeHead && a.edgeMode == b.edgeMode)
        #expect(a.edgeLengthMeters == b.edgeLengthMeters && a.edgeBaseSeconds == b.edgeBaseSeconds)
        #expect(a.edgeCrossing == b.edgeCrossing && a.edgeIsBorder == b.edgeIsBorder && a.edgeSource == b.edgeSource)
        #expect(a.edgeShapeStart == b.edgeShapeStart && a.shapeLon == b.shapeLon && a.shapeLat == b.shapeLat)
        #expect(a.crossings == b.crossings && a.places == b.places && a.ports == b.ports)
        #expect(a.unknownCrossingDelaySeconds == b.unknownCrossingDelaySeconds && a.speeds == b.speeds)
        #expect(a.arcSeconds() == b.arcSeconds())
    }

    @Test func koreaRoundTripsExactly() throws {
        let region = try RegionCatalog(directory: RealRegions.geoData).region("korea")
        let (network, report) = try NetworkBuilder.build(region: region)
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("korea.corridor").path
        try NetworkFile.write(network, report: report, inputsKey: "k1", options: NetworkOptions(for: region), region: region,
                              writer: "test", to: path)
        let (back, backReport, header) = try NetworkFile.read(path: path)
        Self.expectSame(network, back)
        #expect(header.region == "korea" && header.inputsKey == "k1" && header.manifest?.region == "korea")
        #expect(backReport.borderEdgesMatched == report.borderEdgesMatched && backReport.unmatchedBorderEdges == report.unmatchedBorderEdges)
        // Nothing but the file is left in the folder (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["korea.corridor"])
    }

    @Test func badFilesAreRefusedWithOneLine() throws {
        let (network, report) = try NetworkBuilderTests.build()
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("n.corridor").path
        try NetworkFile.write(network, report: report, inputsKey: "", options: NetworkOptions(), region: nil, writer: "test", to: good)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        #expect(try NetworkFile.read(path: good).network.edgeCount == network.edgeCount)

        func message(_ name: String, _ content: [UInt8]) -> String {
            let p = dir.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: p, contents: Data(content))
            do { _ = try NetworkFile.read(path: p); return "read" } catch { return "\(error)" }
        }
        let truncated = message("truncated.corridor", Array(bytes.prefix(bytes.count - 100)))
        #expect(truncated.contains("truncated.corridor") && truncated.contains("truncated"))
        let foreign = message("foreign.corridor", Array("{\"type\": \"FeatureCollection\"}".utf8))
        #expect(foreign.contains("foreign.corridor") && foreign.contains("not a corridor network file"))
        var flipped = bytes
        flipped[bytes.count - 9] ^= 0x40  // a byte of the last array
        let damaged = message("damaged.corridor", flipped)
        #expect(damaged.contains("damaged.corridor") && damaged.contains("checksum"))
        var other = bytes
        other[8] = 99  // the format version
        let version = message("version.corridor", other)
        #expect(version.contains("version.corridor") && version.contains("format 99"))
        for m in [truncated, foreign, damaged, version] { #expect(!m.contains("\n")) }
        let missing = "\((try? NetworkFile.read(path: dir.appendingPathComponent("none.corridor").path)).map { _ in "read" } ?? "refused")"
        #expect(missing == "refused")
    }

    @Test func cacheBuildsOnceAndRebuildsStaleOrDamagedFiles() throws {
        let region = try RegionCatalog(directory: RealRegions.geoData).region("korea")
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = NetworkCache(directory: dir.appendingPathComponent("cache"), programKey: "test 1")
        var builds = 0
        func build() throws -> (TransportNetwork, BuildReport) { builds += 1; return try NetworkBuilder.build(region: region) }
        let options = NetworkOptions(for: region)
        var logs: [String] = []
        let first = try cache.network(region: region, options: options, log: { logs.append($0) }, build: build)
        #expect(!first.fromCache && builds == 1)
        let second = try cache.network(region: region, options: options, log: { logs.append($0) }, build: build)
        #expect(second.fromCache && builds == 1)
        Self.expectSame(first.0, second.0)
        // Other options: a file of their own.
        var wider = options
        wider.snapToleranceMeters += 1
        _ = try cache.network(region: region, options: wider, log: { logs.append($0) }, build: build)
        #expect(builds == 2)
        // Another program: stale, built again.
        let newer = NetworkCache(directory: cache.directory, programKey: "test 2")
        _ = try newer.network(region: region, options: options, log: { logs.append($0) }, build: build)
        #expect(builds == 3)
        // A damaged file: a warning naming it, built again, never used.
        let file = newer.path(region: region, options: options)
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[bytes.count - 9] ^= 1
        try Data(bytes).write(to: file)
        logs.removeAll()
        let again = try newer.network(region: region, options: options, log: { logs.append($0) }, build: build)
        #expect(!again.fromCache && builds == 4)
        #expect(logs.contains { $0.contains(file.path) && $0.contains("checksum") })
        #expect(try newer.network(region: region, options: options, log: { _ in }, build: build).fromCache)
    }
}

/// A place as the user names it: an id, a name, or "name, country"; a miss names the nearest.
@Suite struct ResolvePlaceTests {
    @Test func idNameAndCountry() throws {
        let (n, _) = try RealRegions.build("korea")
        let gwangju = n.places.filter { PlaceName.key($0.name) == "gwangju" }
        #expect(gwangju.count == 2)
        for p in gwangju { #expect(try n.resolvePlace(p.id, option: "--from") == p) }
        // By name: the most populous of the name.
        #expect(try n.resolvePlace("Gwangju", option: "--from") == gwangju.max { $0.population < $1.population })
        let dandong = try n.resolvePlace("Dandong, chn", option: "--to")
        #expect(dandong.country == "CHN")
        let miss = "\((try? n.resolvePlace("Seul", option: "--from")).map { _ in "found" } ?? "refused")"
        #expect(miss == "refused")
        do { _ = try n.resolvePlace("Seul", option: "--from"); Issue.record("resolved") } catch {
            #expect("\(error)" == "--from Seul: no such place in the network; did you mean Seoul?")
        }
    }
}
