import CorridorFlows
import Foundation
import Testing

@Suite struct TNTPReaderTests {
    @Test func siouxFallsAsDeclared() throws {
        let (net, trips, best) = try FlowPaths.load("SiouxFalls")
        #expect(net.nodeCount == 24 && net.zoneCount == 24 && net.linkCount == 76)
        #expect(net.firstThroughNode == 0)  // FIRST THRU NODE 1: every node may be passed through
        #expect(abs(trips.total - 360_600) < 1e-6)
        #expect(trips[0, 1] == 100 && trips[0, 3] == 500)
        #expect(best?.count == 76)
        // Link 1 is 1 -> 2 with capacity 25900.20064, free-flow time 6, b 0.15, power 4.
        #expect(net.tails[0] == 0 && net.heads[0] == 1)
        #expect(abs(net.costs.capacity[0] - 25900.20064) < 1e-9 && net.costs.freeFlowTime[0] == 6)
        #expect(abs(net.costs.cost(0, flow: 25900.20064) - 6 * 1.15) < 1e-12)
    }

    @Test func zonesThatAreNotPassedThrough() throws {
        let chicago = try FlowPaths.load("Chicago-Sketch").0
        #expect(chicago.zoneCount == 387 && chicago.nodeCount == 933 && chicago.linkCount == 2950 && chicago.firstThroughNode == 0)
        let anaheim = try FlowPaths.load("Anaheim").0
        #expect(anaheim.zoneCount == 38 && anaheim.firstThroughNode == 38)
    }

    @Test func rowAndColumnSums() throws {
        let m = try ODMatrix(zoneCount: 3, entries: [(0, 1, 5), (0, 2, 1), (2, 1, 4), (0, 1, 2)])
        #expect(m.total == 12 && m.rowSums == [8, 0, 4] && m.columnSums == [0, 11, 1] && m.nonZeroCount == 3)
        // Costs 0.5, 2.5, 9 and ∞: bins of 1 hold 7 (0.5) and 1 (2.5) ... by hand.
        let d = m.tripLengthDistribution(costs: [0, 0.5, 2.5, 1, 0, 1, 1, 9, 0], binWidth: 1)
        #expect(d.trips == [7, 0, 1, 0, 0, 0, 0, 0, 0, 4])
        #expect(abs(d.meanCost - (7 * 0.5 + 1 * 2.5 + 4 * 9) / 12) < 1e-12 && d.unreachableTrips == 0)
        let inf = m.tripLengthDistribution(costs: [0, 0.5, .infinity, 1, 0, 1, 1, 9, 0], binWidth: 1)
        #expect(inf.unreachableTrips == 1)
    }

    struct BadFile: CustomTestStringConvertible, Sendable {
        var name: String
        var net: String
        var trips: String = "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 3\n<END OF METADATA>\nOrigin 1\n 2 : 3;\n"
        /// Must appear in the error line.
        var names: String
        var testDescription: String { name }
    }

    static let header = "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n~ init term cap len t0 b power\n"
    static let good = header + "1 3 10 1 1 0.15 4 0 0 1 ;\n3 2 10 1 1 0.15 4 0 0 1 ;\n"
    static let cases: [BadFile] = [
        BadFile(name: "missing metadata", net: good.replacingOccurrences(of: "<NUMBER OF LINKS> 2\n", with: ""), names: "<NUMBER OF LINKS>"),
        BadFile(name: "unknown node", net: header + "1 3 10 1 1 0.15 4 ;\n3 7 10 1 1 0.15 4 ;\n", names: "line 8: term node 7"),
        BadFile(name: "link to itself", net: header + "1 3 10 1 1 0.15 4 ;\n3 3 10 1 1 0.15 4 ;\n", names: "line 8: link from node 3 to itself"),
        BadFile(name: "zero capacity with a BPR term", net: header + "1 3 0 1 1 0.15 4 ;\n3 2 10 1 1 0.15 4 ;\n", names: "line 7: capacity 0.0"),
        BadFile(name: "NaN time", net: header + "1 3 10 1 nan 0.15 4 ;\n3 2 10 1 1 0.15 4 ;\n", names: "line 7: free-flow time 'nan'"),
        BadFile(name: "truncated network", net: header + "1 3 10 1 1 0.15 4 ;\n", names: "declares 2 links, the file has 1 (truncated?)"),
        BadFile(name: "negative trips", net: good, trips: "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : -3;\n", names: "line 4: trips -3.0"),
        BadFile(name: "NaN trips", net: good, trips: "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : nan;\n", names: "line 4: trips 'nan'"),
        BadFile(name: "unknown destination", net: good, trips: "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 3 : 1;\n", names: "line 4: destination 3"),
        BadFile(name: "truncated trips", net: good, trips: "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 9\n<END OF METADATA>\nOrigin 1\n 2 : 3;\n", names: "(truncated?)"),
        BadFile(name: "zone count mismatch", net: good, trips: "<NUMBER OF ZONES> 5\n<END OF METADATA>\n", names: "<NUMBER OF ZONES> 5"),
    ]

    @Test(arguments: cases)
    func badInputNamesFileAndLine(_ c: BadFile) throws {
        let dir = try FlowPaths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try c.net.write(to: dir.appendingPathComponent("bad_net.tntp"), atomically: true, encoding: .utf8)
        try c.trips.write(to: dir.appendingPathComponent("bad_trips.tntp"), atomically: true, encoding: .utf8)
        do {
            let f = try TNTP.files(dir.appendingPathComponent("bad").path)
            let net = try TNTP.readNetwork(f.net).network
            _ = try TNTP.readTrips(f.trips, zoneCount: net.zoneCount)
            Issue.record("\(c.name): no error")
        } catch let e as FlowError {
            #expect(e.description.contains(c.names), "\(c.name): \(e)")
            #expect(e.description.contains("bad_"), "\(c.name): \(e)")
            #expect(!e.description.contains("\n"))
        }
    }

    @Test func odMatrixCSV() throws {
        let dir = try FlowPaths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("od.csv")
        try "Origin,Destination,Trips\n1,2,3.5\n\"2\",1,1\n1,2,0.5\n".write(to: good, atomically: true, encoding: .utf8)
        let m = try ODMatrix.readCSV(good.path, zoneCount: 2)
        #expect(m[0, 1] == 4 && m[1, 0] == 1 && m.total == 5)
        let named = try ODMatrix.readCSV(good.path, zoneCount: 2, zoneNames: ["1": 1, "2": 0])
        #expect(named[1, 0] == 4)
        for (text, names) in [("origin,destination\n1,2\n", "no 'trips' column"), ("origin,destination,trips\n1,9,2\n", "line 2: destination '9'"),
                              ("origin,destination,trips\n1,2,-1\n", "line 2: trips '-1'"), ("origin,destination,trips\n1,2,nan\n", "line 2: trips 'nan'")] {
            let bad = dir.appendingPathComponent("bad.csv")
            try text.write(to: bad, atomically: true, encoding: .utf8)
            #expect { try ODMatrix.readCSV(bad.path, zoneCount: 2) } throws: { e in
                "\(e)".contains(names) && "\(e)".contains("bad.csv")
            }
        }
    }
}
