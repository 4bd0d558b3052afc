import CorridorData
import CorridorFlows
import CorridorNetwork
import CorridorStudy
import Foundation
import Testing

/// The baseline equilibrium kept between runs (`FlowRunCache`): a study that reads it answers
/// exactly as one that computed it; a stale, damaged or truncated file is refused with one line
/// and the baseline computed and stored again.
@Suite struct FlowRunCacheTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
        func contains(_ s: String) -> Bool { all.contains { $0.contains(s) } }
    }

    static func study(cache: URL, program: String, lines: Lines) throws -> Study {
        var c = StudyConfiguration(.region("korea"), cache: NetworkCache(directory: cache, programKey: program, fileTag: "test"))
        c.geoData = StudyTests.geoData
        return try Study(c, log: { lines.add($0) })
    }

    /// Everything a baseline gives its users, as bytes: the run's arrays and, through the path
    /// sets, the pairs' route lengths; and an option's change against it.
    static func fingerprint(_ study: Study) throws -> Data {
        let flows = try study.flows(threads: 2)
        let run = flows.baseRun
        let r = run.result
        var doubles: [Double] = run.scales + run.hours + r.linkFlows + r.linkCosts + r.unroutedTrips
        doubles += [r.relativeGap, r.beckmann, r.totalTravelCost, Double(run.feedbackLoops), Double(r.iterations.count)]
        for k in run.segments.indices {
            doubles += run.demand[k].trips + run.crossBorder[k].trips + r.classFlows[k] + r.zoneCosts[k]
            doubles += try #require(flows.baseModel.pairKilometers(run, segment: k))
        }
        var out = Data(doubles.withUnsafeBytes { Array($0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        out += try encoder.encode(run.volumes)
        let option = try study.network(under: StudyOption(presets: ["new-yalu-river-bridge"]))
        out += try encoder.encode(try flows.change(option: option, log: { _ in }))
        return out
    }

    @Test func aStoredBaselineAnswersAsTheComputedOneAndABadFileIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-flow-cache-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = Lines()
        let computed = try Self.fingerprint(try Self.study(cache: dir, program: "p1", lines: first))
        #expect(first.contains("cache: wrote") && first.contains(".corridor-flows"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".corridor-flows") }
        #expect(files.count == 1)
        let file = dir.appendingPathComponent(try #require(files.first))

        // Read back: the same bytes, and no baseline iteration run.
        let second = Lines()
        #expect(try Self.fingerprint(try Self.study(cache: dir, program: "p1", lines: second)) == computed)
        #expect(second.contains("baseline equilibrium read from"))
        #expect(!second.contains("flows: baseline equilibrium, iteration"))

        // Another program: stale, computed again and replaced.
        let stale = Lines()
        #expect(try Self.fingerprint(try Self.study(cache: dir, program: "p2", lines: stale)) == computed)
        #expect(stale.contains("is stale"))
        #expect(stale.contains("flows: baseline equilibrium, iteration"))

        // A flipped byte in the arrays: refused by its checksum, computed again.
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 9] ^= 0x5A
        try bytes.write(to: file)
        let damaged = Lines()
        #expect(try Self.fingerprint(try Self.study(cache: dir, program: "p2", lines: damaged)) == computed)
        #expect(damaged.all.contains { $0.hasPrefix("warning: \(file.path): ") && $0.contains("checksum") })

        // A digit of the header changed, the JSON still valid (a scale): refused by the
        // header's checksum, computed again.
        bytes = try Data(contentsOf: file)
        let scales = try #require(bytes.range(of: Data("\"scales\":[".utf8)))
        let digit = try #require(bytes[scales.upperBound...].firstIndex { $0 >= 0x31 && $0 <= 0x38 })
        bytes[digit] += 1
        try bytes.write(to: file)
        let header = Lines()
        #expect(try Self.fingerprint(try Self.study(cache: dir, program: "p2", lines: header)) == computed)
        #expect(header.all.contains { $0.hasPrefix("warning: \(file.path): ") && $0.contains("header fails its checksum") })

        // Truncated: refused, computed again.
        try Data(try Data(contentsOf: file).prefix(4096)).write(to: file)
        let truncated = Lines()
        #expect(try Self.fingerprint(try Self.study(cache: dir, program: "p2", lines: truncated)) == computed)
        #expect(truncated.all.contains { $0.hasPrefix("warning: \(file.path): ") })
        #expect(truncated.contains("cache: wrote"))
    }
}
