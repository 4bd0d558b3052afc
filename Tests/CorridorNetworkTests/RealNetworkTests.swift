import CorridorAnalysis
import CorridorData
import CorridorGeo
@testable import CorridorNetwork  // hand-made crossing states and edge times
import Foundation
import Testing

enum RealRegions {
    static let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    static func build(_ name: String) throws -> (TransportNetwork, BuildReport) {
        try NetworkBuilder.build(region: RegionCatalog(directory: geoData).region(name))
    }
}

@Suite struct RealNetworkTests {
    /// Seoul to Pyongyang by land is impossible while the inter-Korean links are closed; with
    /// the Gyeongui crossing opened the route exists and passes Dorasan–Kaesong.
    @Test func gyeonguiOpensSeoulPyongyang() throws {
        var (n, _) = try RealRegions.build("korea")
        let seoul = try #require(n.place(named: "Seoul")), pyongyang = try #require(n.place(named: "Pyongyang"))
        #expect(seoul.country == "KOR" && pyongyang.country == "PRK")
        #expect(Route.fastest(in: n, from: Int(seoul.node), to: Int(pyongyang.node), weights: n.arcSeconds(excluding: [.sea])) == nil)
        for i in n.crossingIndices(id: "gyeongui-dorasan-kaesong") { n.crossings[i].status = .open }
        let r = try #require(Route.fastest(in: n, from: Int(seoul.node), to: Int(pyongyang.node), weights: n.arcSeconds(excluding: [.sea])))
        #expect(r.crossings.contains { $0.hasPrefix("gyeongui-dorasan-kaesong/") })
        #expect(r.crossings.allSatisfy { $0.hasPrefix("gyeongui-dorasan-kaesong/") })
        // Straight-line distance is 195 km; the route must be longer but not absurdly so.
        #expect(r.meters > 195_000 && r.meters < 400_000)
        // Every edge the route uses is finite and ends where the next begins.
        #expect(r.nodes.first == Int(seoul.node) && r.nodes.last == Int(pyongyang.node))
    }

    /// The road trip Monterrey–San Antonio crosses at Laredo (BTS port 2304).
    @Test func laredoCarriesMonterreySanAntonio() throws {
        let (n, report) = try RealRegions.build("north-america")
        let monterrey = try #require(n.place(named: "Monterrey")), sanAntonio = try #require(n.place(named: "San Antonio"))
        let r = try #require(Route.fastest(in: n, from: Int(monterrey.node), to: Int(sanAntonio.node), weights: n.arcSeconds(excluding: [.sea])))
        #expect(r.crossings == ["bts-2304/road"])
        #expect(r.legs.contains { $0.mode == "road" })
        #expect(report.borderEdgesMatched > 100)
    }

    /// Closing Laredo's crossing sends the trip to another port, and it takes longer.
    @Test func closingLaredoReroutes() throws {
        var (n, _) = try RealRegions.build("north-america")
        let a = Int(try #require(n.place(named: "Monterrey")).node), b = Int(try #require(n.place(named: "San Antonio")).node)
        let before = try #require(Route.fastest(in: n, from: a, to: b, weights: n.arcSeconds(excluding: [.sea])))
        for i in n.crossingIndices(id: "bts-2304") { n.crossings[i].status = .closed }
        let after = try #require(Route.fastest(in: n, from: a, to: b, weights: n.arcSeconds(excluding: [.sea])))
        #expect(after.seconds > before.seconds)
        #expect(!after.crossings.contains("bts-2304/road"))
    }

    /// Nodes get the country and province they lie in.
    @Test func nodesKnowCountryAndProvince() throws {
        let (n, report) = try RealRegions.build("korea")
        let seoul = try #require(n.place(named: "Seoul"))
        // The place's access arc leads to a road node in KOR, in the Seoul admin-1 unit.
        let arc = n.graph.arcs(of: Int(seoul.node)).first!
        let roadNode = Int(n.graph.head[arc])
        #expect(n.country(of: roadNode) == "KOR")
        #expect(n.admin1(of: roadNode)?.hasPrefix("KOR/") == true)
        #expect(report.modes["road"]!.nodes > 1000)
        #expect(Set(n.countries) == ["CHN", "KOR", "PRK", "RUS"])
    }
}
