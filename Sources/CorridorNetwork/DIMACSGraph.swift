import CorridorData
import CorridorGeo
import Foundation

/// A road graph in the PACE 2016 format (`p tw N M`, then `u v` per undirected edge, 1-based)
/// or the 9th DIMACS challenge format (`p sp N M`, then `a u v w` per arc), with weights.
public struct DIMACSGraph: Sendable {
    public var nodeCount: Int
    /// 0-based endpoints, one entry per undirected edge (DIMACS arcs u->v and v->u are merged
    /// to one edge when both exist with the same weight).
    public var tails: [UInt32]
    public var heads: [UInt32]
    public var weights: [Double]

    /// The benchmark weight every tool uses for PACE graphs (../shared/data/README.md):
    /// 1 + ((lo·2654435761) XOR (hi·40503)) mod 1000 in 64-bit integers, lo < hi 0-based.
    public static func benchmarkWeight(_ a: UInt32, _ b: UInt32) -> Double {
        let lo = UInt64(min(a, b)), hi = UInt64(max(a, b))
        return Double(1 + ((lo &* 2_654_435_761) ^ (hi &* 40_503)) % 1000)
    }

    /// Parses the text of a `.gr` file.
    /// - Throws: `DataError.invalid` naming the file and line at fault.
    public static func parse(_ data: Data, label: String) throws -> DIMACSGraph {
        var n = -1, declared = 0, format = ""
        var tails: [UInt32] = [], heads: [UInt32] = [], weights: [Double] = []
        var lineNumber = 0
        var seenArc = Set<ArcKey>()
        var arcLines = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let end = bytes.count
            func fail(_ why: String) -> DataError { .invalid("\(label): line \(lineNumber)", why) }
            while i < end {
                lineNumber += 1
                // Tokenise one line into up to 5 fields of ASCII digits/letters.
                var tokens: [(Int, Int)] = []
                while i < end && bytes[i] != 0x0A {
                    while i < end && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D) { i += 1 }
                    let start = i
                    while i < end && bytes[i] != 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
                    if i > start { tokens.append((start, i)) }
                    if tokens.count > 5 { break }
                }
                while i < end && bytes[i] != 0x0A { i += 1 }
                i += 1
                guard let first = tokens.first else { continue }
                func text(_ t: (Int, Int)) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[t.0..<t.1]), as: UTF8.self) }
                func number(_ t: (Int, Int)) throws -> Int {
                    var v = 0
                    guard t.1 > t.0, t.1 - t.0 <= 12 else { throw fail("'\(text(t))' is not a node number") }
                    for k in t.0..<t.1 {
                        let c = bytes[k]
                        guard c >= 0x30 && c <= 0x39 else { throw fail("'\(text(t))' is not a number") }
                        v = v * 10 + Int(c - 0x30)
                    }
                    return v
                }
                switch bytes[first.0] {
                case UInt8(ascii: "c"): continue
                case UInt8(ascii: "p"):
                    guard n < 0 else { throw fail("a second problem line") }
                    guard tokens.count == 4 else { throw fail("expected 'p tw N M' or 'p sp N M'") }
                    format = text(tokens[1])
                    guard format == "tw" || format == "sp" else { throw fail("unknown problem type '\(format)'") }
                    n = try number(tokens[2])
                    declared = try number(tokens[3])
                    // Node and arc indices are UInt32; every edge becomes two arcs.
                    guard n > 0, n < Int(UInt32.max), declared >= 0, declared < Int(Int32.max) else {
                        throw fail("implausible sizes \(n) nodes, \(declared) edges")
                    }
                    // Parsed lists (16 bytes per edge), the CSR graph (2 arcs of 16 bytes per
                    // edge, 4 bytes per node) and the duplicate check: refused before allocating.
                    try MemoryBudget.check(MemoryBudget.bytes(declared, each: 64) &+ MemoryBudget.bytes(n, each: 8),
                                           for: "\(label): line \(lineNumber): a graph of \(n) nodes and \(declared) edges")
                    tails.reserveCapacity(declared); heads.reserveCapacity(declared); weights.reserveCapacity(declared)
                default:
                    guard n > 0 else { throw fail("edge before the problem line") }
                    let isArc = bytes[first.0] == UInt8(ascii: "a")
                    let fieldsNeeded = format == "sp" ? 4 : 2
                    let offset = isArc ? 1 : 0
                    guard tokens.count == fieldsNeeded + (format == "sp" ? 0 : offset), format == "tw" || isArc else {
                        throw fail(format == "sp" ? "expected 'a u v w'" : "expected 'u v'")
                    }
                    let u = try number(tokens[offset]), v = try number(tokens[offset + 1])
                    guard u >= 1, u <= n, v >= 1, v <= n else { throw fail("node \(u < 1 || u > n ? u : v) outside 1...\(n)") }
                    let a = UInt32(u - 1), b = UInt32(v - 1)
                    if format == "sp" {
                        arcLines += 1
                        let w = Double(try number(tokens[3]))
                        // Keep one edge per unordered pair and weight (DIMACS lists both arcs).
                        guard seenArc.insert(ArcKey(pair: UInt64(min(a, b)) << 32 | UInt64(max(a, b)), weight: w)).inserted else { continue }
                        tails.append(a); heads.append(b); weights.append(w)
                    } else {
                        tails.append(a); heads.append(b); weights.append(benchmarkWeight(a, b))
                    }
                }
            }
        }
        guard n > 0 else { throw DataError.invalid(label, "no problem line ('p tw N M' or 'p sp N M')") }
        if format == "tw" && tails.count != declared {
            throw DataError.invalid(label, "the problem line declares \(declared) edges, the file has \(tails.count)")
        }
        if format == "sp" && arcLines != declared {
            throw DataError.invalid(label, "the problem line declares \(declared) arcs, the file has \(arcLines) (truncated?)")
        }
        return DIMACSGraph(nodeCount: n, tails: tails, heads: heads, weights: weights)
    }

    /// An unordered node pair with a weight: the identity of an undirected edge.
    struct ArcKey: Hashable {
        var pair: UInt64
        var weight: Double
    }

    /// The CSR graph and its per-arc weights.
    public func csr() -> (CSRGraph, [Double]) {
        let g = CSRGraph(nodeCount: nodeCount, tails: tails, heads: heads)
        return (g, g.arcEdge.map { weights[Int($0)] })
    }
}
