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

    /// DIMACS lists each road twice (u→v and v→u); one edge per pair and weight is kept.
    /// Edges 1–2 (w 2) and 1–4 (w 3) are different roads and both stay (an earlier key,
    /// pair XOR 2w, made them collide: 1 ^ 4 = 3 ^ 6 = 5).
    @Test func reverseArcsMergeDistinctEdgesStay() throws {
        let text = "p sp 4 4\na 1 2 2\na 2 1 2\na 1 4 3\na 4 1 3\n"
        let g = try DIMACSGraph.parse(Data(text.utf8), label: "pairs.gr")
        #expect(g.tails.count == 2)
        #expect(g.weights == [2, 3])
    }

    /// A header that declares more than the machine holds is refused before anything is
    /// allocated: 2·10⁹ edges × 64 bytes + 4·10⁹ nodes × 8 bytes = 160 GB. The line names the
    /// file and line.
    @Test func oversizedHeaderIsRefused() throws {
        let text = "c huge\np tw 4000000000 2000000000\n1 2\n"
        do {
            _ = try DIMACSGraph.parse(Data(text.utf8), label: "huge.gr")
            Issue.record("parsed")
        } catch let error as ResourceError {
            let line = "\(error)"
            #expect(line.hasPrefix("huge.gr: line 2: a graph of 4000000000 nodes and 2000000000 edges needs about 160.0 GB"), "\(line)")
            #expect(!line.contains("\n"))
        }
    }

    /// CORRIDOR_MEMORY_LIMIT's sizes, and estimates that saturate instead of overflowing.
    @Test func memoryLimitParses() {
        #expect(MemoryBudget.parse("1M") == 1 << 20)
        #expect(MemoryBudget.parse("1.5g") == 3 << 29)
        #expect(MemoryBudget.parse("4096") == 4096)
        #expect(MemoryBudget.parse("-1G") == nil && MemoryBudget.parse("lots") == nil && MemoryBudget.parse("") == nil)
        #expect(MemoryBudget.bytes(Int.max / 2, each: 64) == Int.max)
    }
}
