import CorridorAnalysis
import CorridorGeo
import CorridorNetwork
import Foundation
import Testing

/// The DIMACS/PACE reader and the benchmark weight rule.
@Suite struct DIMACSTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/dimacs")

    /// Weight rule by hand: w(0,1) = 1 + (0 XOR 1·40503) mod 1000 = 504;
    /// w(0,3) = 1 + (0 XOR 3·40503 = 121509) mod 1000 = 510. The rest from the same rule in
    /// Python's integers: w(1,2) = 960, w(2,3) = 448, w(3,4) = 872.
    @Test func weightRule() {
        #expect(DIMACSGraph.benchmarkWeight(0, 1) == 504)
        #expect(DIMACSGraph.benchmarkWeight(3, 0) == 510)
        #expect(DIMACSGraph.benchmarkWeight(1, 2) == 960)
        #expect(DIMACSGraph.benchmarkWeight(2, 3) == 448)
        #expect(DIMACSGraph.benchmarkWeight(3, 4) == 872)
    }

    /// The square with a tail, plain and xz-compressed: distances from node 0 are
    /// 0, 504, min(504 + 960, 510 + 448) = 958, 510, 510 + 872 = 1382 (checksum 3354).
    @Test(arguments: ["square.gr", "square.gr.xz"])
    func squareDistances(_ file: String) throws {
        let g = try DIMACSGraph.parse(FileBytes.read(Self.dir.appendingPathComponent(file).path), label: file)
        #expect(g.nodeCount == 5 && g.tails.count == 5)
        let (graph, weights) = g.csr()
        let d = Dijkstra(graph: graph)
        d.run(from: [0], weights: weights)
        #expect(d.distances() == [0, 504, 958, 510, 1382])
        let ch = ContractionHierarchy(graph: graph, weights: weights)
        let sums = PHAST.trees(ch, sources: [0], threads: 1) { _, dist in dist.reduce(0, +) }
        #expect(sums[0] == 3354)
    }

    @Test(arguments: [("bad-node.gr", "line 3", "outside 1...3"), ("no-header.gr", "line 1", "before the problem line"),
                      ("short.gr", "short.gr", "declares 3 edges")])
    func badFilesNameTheLine(_ file: String, _ place: String, _ why: String) throws {
        do {
            _ = try DIMACSGraph.parse(FileBytes.read(Self.dir.appendingPathComponent(file).path), label: file)
            Issue.record("\(file) parsed")
        } catch {
            #expect("\(error)".contains(place) && "\(error)".contains(why), "\(error)")
        }
    }

    @Test func corruptXZIsATypedError() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-\(UUID().uuidString).gr.xz")
        defer { try? FileManager.default.removeItem(at: tmp) }
        var bytes = try Data(contentsOf: Self.dir.appendingPathComponent("square.gr.xz"))
        bytes = bytes.prefix(bytes.count / 2)
        try bytes.write(to: tmp)
        #expect(throws: GeoError.self) { try FileBytes.read(tmp.path) }
    }
}
