import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorNetwork
import CorridorStudy
import Foundation
import Testing

/// The study facade on the embedded korea region, through the library only.
@Suite struct StudyTests {
    static let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    static func korea(open: [String] = []) throws -> Study {
        var c = StudyConfiguration(.region("korea"))
        c.geoData = geoData
        c.open = open
        return try Study(c)
    }

    @Test func opensOnceAndTakesOptionsAsValues() throws {
        let study = try Self.korea()
        #expect(study.region?.name == "korea")
        let option = StudyOption(presets: ["reconnect-gyeongui"])
        let under = try study.network(under: option)
        // The option adds a rail link and opens the Dorasan–Kaesong crossing; the baseline is untouched.
        #expect(under.edgeCount == study.network.edgeCount + 1)
        let ids = study.network.crossingIndices(id: "gyeongui-dorasan-kaesong")
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { !study.network.crossings[$0].isOpen })
        #expect(ids.allSatisfy { under.crossings[$0].isOpen })
        // The empty option is the baseline itself.
        #expect(try study.network(under: StudyOption()).edgeCount == study.network.edgeCount)
    }

    @Test func listsCombineInAFixedOrder() throws {
        let study = try Self.korea()
        let option = StudyOption(presets: ["reconnect-gyeongui"], close: ["gyeongui-dorasan-kaesong"], delayMinutes: ["new-yalu-river-bridge": 90])
        let s = try #require(try study.scenario(for: option))
        #expect(s.id == "reconnect-gyeongui+close:gyeongui-dorasan-kaesong+delay:new-yalu-river-bridge=90")
        let n = try study.network(under: option)
        // Closed after the preset opened it.
        #expect(n.crossingIndices(id: "gyeongui-dorasan-kaesong").allSatisfy { !n.crossings[$0].isOpen })
        #expect(n.crossingIndices(id: "new-yalu-river-bridge").allSatisfy { abs(n.crossings[$0].passSeconds - 5400) < 1e-9 })
    }

    @Test func unknownNamesAreRefusedWithSuggestions() throws {
        let study = try Self.korea()
        #expect(throws: DataError.self) { try study.network(under: StudyOption(presets: ["reconect-gyeongui"])) }
        do {
            _ = try study.network(under: StudyOption(close: ["gyeongui-dorasan-kaesongg"]))
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("--close gyeongui-dorasan-kaesongg: no such crossing"))
            #expect("\(error)".contains("gyeongui-dorasan-kaesong"))
        }
        #expect(throws: DataError.self) { try StudyOption.delays(parsing: ["x=-1"]) }
        #expect(throws: DataError.self) { try StudyOption.delays(parsing: ["x"]) }
        #expect(try StudyOption.delays(parsing: ["a=1.5", "b=0"]) == ["a": 1.5, "b": 0])
    }

    @Test func factsAreTheLayersOnes() throws {
        let study = try Self.korea()
        let facts = try study.facts()
        let codes = Set(facts.incomes.map(\.code))
        #expect(codes.isSuperset(of: ["KOR", "PRK", "CHN"]))
        #expect(facts.gdpPerCapita["KOR"]! > facts.gdpPerCapita["PRK"] ?? 0)
    }

    @Test func flowsAreBuiltOnceAndSharedByOptions() throws {
        let study = try Self.korea()
        let before = ProcessCounters.value(.contractions)
        let a = try study.flows(threads: 2)
        let b = try study.flows(threads: 2)
        #expect(a.baseRun.result.relativeGap == b.baseRun.result.relativeGap)
        let change = try a.change(option: try study.network(under: StudyOption(presets: ["reconnect-gyeongui"]))) { _ in }
        #expect(change.segments.count == a.segments.count)
        // One hierarchy from scratch at most for the study's nodes (other suites may contract in parallel).
        #expect(study.session.contractions <= 1)
        _ = before
    }

    @Test func openedCrossingsAreTheBaselines() throws {
        let study = try Self.korea(open: ["gyeongui-dorasan-kaesong"])
        #expect(study.network.crossingIndices(id: "gyeongui-dorasan-kaesong").allSatisfy { study.network.crossings[$0].isOpen })
        var c = StudyConfiguration(.region("korea"))
        c.geoData = Self.geoData
        c.open = ["nowhere"]
        #expect(throws: DataError.self) { try Study(c) }
    }

    @Test func anUnknownRegionIsOneLine() throws {
        var c = StudyConfiguration(.region("koera"))
        c.geoData = Self.geoData
        do { _ = try Study(c); Issue.record("no error") } catch { #expect("\(error)".contains("korea")) }
    }
}
