import Foundation

/// Readers for the TNTP formats of the "Transportation Networks for Research" collection:
/// `_net` (links with BPR parameters), `_trips` (the OD matrix), `_node` (coordinates) and
/// `_flow` (a flow solution). Nodes are numbered from 1 in the files and from 0 in Corridor;
/// the zones are nodes 1 ... NUMBER OF ZONES.
///
/// Every reader throws `FlowError.invalid` with "FILE: line N" and the reason on bad input:
/// missing metadata, an unknown node, a negative or NaN value, a capacity <= 0 with a BPR
/// term, a link to itself, fewer links or trips than the metadata declares (a truncated file).
public enum TNTP {
    /// Weights of the generalised cost: cost = BPR time + distanceWeight · length +
    /// tollWeight · toll (Chicago Sketch's best-known solution uses 0.04 min/mile and
    /// 0.02 min/cent; the collection's READMEs give each network's weights).
    public struct CostWeights: Sendable, Hashable {
        public var distance: Double
        public var toll: Double
        public init(distance: Double = 0, toll: Double = 0) { self.distance = distance; self.toll = toll }
    }

    /// A network file read.
    public struct Network: Sendable {
        public var network: AssignmentNetwork
        public var lengths: [Double]
        public var tolls: [Double]
        public var linkTypes: [Int]
        /// 1-based FIRST THRU NODE as in the file.
        public var firstThroughNodeInFile: Int
    }

    // MARK: Lines

    /// The file's lines (1-based numbers), split into metadata (`<KEY> value` up to
    /// `<END OF METADATA>`) and body lines without comments (`~ ...`) or blanks.
    struct Lines {
        var metadata: [String: (value: String, line: Int)] = [:]
        var body: [(text: String, line: Int)] = []
        let label: String

        init(path: String) throws {
            label = path
            guard FileManager.default.fileExists(atPath: path) else { throw FlowError.invalid(path, "no such file") }
            guard let data = FileManager.default.contents(atPath: path) else { throw FlowError.invalid(path, "cannot be read") }
            guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
                throw FlowError.invalid(path, "not text")
            }
            var inMetadata = true
            for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty { continue }
                if inMetadata, line.hasPrefix("<") {
                    guard let close = line.firstIndex(of: ">") else { throw FlowError.invalid("\(path): line \(i + 1)", "metadata without '>'") }
                    let key = line[line.index(after: line.startIndex)..<close].uppercased()
                    if key == "END OF METADATA" { inMetadata = false; continue }
                    metadata[key] = (line[line.index(after: close)...].trimmingCharacters(in: .whitespaces), i + 1)
                    continue
                }
                if line.hasPrefix("~") { continue }
                inMetadata = false
                body.append((line, i + 1))
            }
        }

        func integer(_ key: String, required: Bool = true) throws -> Int? {
            guard let (value, line) = metadata[key] else {
                if required { throw FlowError.invalid(label, "missing metadata <\(key)>") }
                return nil
            }
            guard let n = Int(value.split(separator: " ").first ?? ""), n >= 0 else {
                throw FlowError.invalid("\(label): line \(line)", "<\(key)> '\(value)' is not a whole number >= 0")
            }
            return n
        }

        func number(_ key: String) throws -> Double? {
            guard let (value, line) = metadata[key] else { return nil }
            guard let x = Double(value.split(separator: " ").first ?? ""), x.isFinite else {
                throw FlowError.invalid("\(label): line \(line)", "<\(key)> '\(value)' is not a number")
            }
            return x
        }
    }

    /// The whitespace-separated fields of a body line, with the trailing ';' removed.
    static func fields(_ text: String) -> [Substring] {
        let cut = text.firstIndex(of: ";").map { text[..<$0] } ?? text[...]
        return cut.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    static func number(_ s: Substring, _ what: String, at place: String, nonNegative: Bool = true) throws -> Double {
        guard let x = Double(s), x.isFinite else { throw FlowError.invalid(place, "\(what) '\(s)' is not a finite number") }
        if nonNegative && x < 0 { throw FlowError.invalid(place, "\(what) \(x) is negative") }
        return x
    }

    static func node(_ s: Substring, _ what: String, count: Int, at place: String) throws -> Int {
        guard let v = Int(s) else { throw FlowError.invalid(place, "\(what) '\(s)' is not a node number") }
        guard v >= 1, v <= count else { throw FlowError.invalid(place, "\(what) \(v) is not one of the \(count) nodes") }
        return v - 1
    }

    // MARK: Network

    /// Reads a `_net` file.
    public static func readNetwork(_ path: String, weights: CostWeights = CostWeights()) throws -> Network {
        let file = try Lines(path: path)
        let zones = try file.integer("NUMBER OF ZONES")!
        let nodes = try file.integer("NUMBER OF NODES")!
        let links = try file.integer("NUMBER OF LINKS")!
        let firstThru = try file.integer("FIRST THRU NODE", required: false) ?? 1
        guard zones <= nodes else { throw FlowError.invalid(path, "<NUMBER OF ZONES> \(zones) exceeds <NUMBER OF NODES> \(nodes)") }
        guard firstThru >= 1 else { throw FlowError.invalid(path, "<FIRST THRU NODE> must be >= 1") }
        var tails: [UInt32] = [], heads: [UInt32] = []
        var capacity: [Double] = [], length: [Double] = [], t0: [Double] = [], b: [Double] = [], power: [Double] = []
        var toll: [Double] = [], type: [Int] = []
        for (text, line) in file.body {
            let place = "\(path): line \(line)"
            let f = fields(text)
            guard f.count >= 7 else { throw FlowError.invalid(place, "a link needs at least 7 fields (init, term, capacity, length, free-flow time, b, power), got \(f.count)") }
            let t = try node(f[0], "init node", count: nodes, at: place)
            let h = try node(f[1], "term node", count: nodes, at: place)
            guard t != h else { throw FlowError.invalid(place, "link from node \(t + 1) to itself") }
            let cap = try number(f[2], "capacity", at: place)
            let len = try number(f[3], "length", at: place)
            let fftt = try number(f[4], "free-flow time", at: place)
            let bi = try number(f[5], "b", at: place)
            let p = try number(f[6], "power", at: place)
            if bi > 0 && fftt > 0 && cap <= 0 { throw FlowError.invalid(place, "capacity \(cap) must be > 0 with a BPR term (b = \(bi))") }
            tails.append(UInt32(t)); heads.append(UInt32(h))
            capacity.append(cap); length.append(len); t0.append(fftt); b.append(bi); power.append(p)
            toll.append(f.count > 8 ? try number(f[8], "toll", at: place) : 0)
            type.append(f.count > 9 ? Int(f[9]) ?? 0 : 0)
        }
        guard tails.count == links else {
            throw FlowError.invalid(path, "<NUMBER OF LINKS> declares \(links) links, the file has \(tails.count)\(tails.count < links ? " (truncated?)" : "")")
        }
        let fixed = zip(length, toll).map { weights.distance * $0 + weights.toll * $1 }
        let costs = try BPRCosts(freeFlowTime: t0, b: b, power: power, capacity: capacity, fixedCost: fixed)
        // FIRST THRU NODE f: nodes 1 ..< f are zones that paths may not pass through.
        let network = try AssignmentNetwork(nodeCount: nodes, zoneCount: zones, firstThroughNode: min(zones, firstThru - 1),
                                            tails: tails, heads: heads, costs: costs)
        return Network(network: network, lengths: length, tolls: toll, linkTypes: type, firstThroughNodeInFile: firstThru)
    }

    // MARK: Trips

    /// Reads a `_trips` file: "Origin o" lines, each followed by "d : trips;" entries.
    /// - Parameters:
    ///   - path: the `_trips` file.
    ///   - zoneCount: the network's zones; the file must declare the same number.
    public static func readTrips(_ path: String, zoneCount: Int) throws -> ODMatrix {
        let file = try Lines(path: path)
        let zones = try file.integer("NUMBER OF ZONES")!
        guard zones == zoneCount else { throw FlowError.invalid(path, "<NUMBER OF ZONES> \(zones), the network has \(zoneCount)") }
        let declared = try file.number("TOTAL OD FLOW")
        var matrix = ODMatrix(zoneCount: zones)
        var origin: Int? = nil
        var total = 0.0
        for (text, line) in file.body {
            let place = "\(path): line \(line)"
            if text.lowercased().hasPrefix("origin") {
                let f = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard f.count >= 2 else { throw FlowError.invalid(place, "an Origin line without a zone") }
                origin = try node(f[1], "origin", count: zones, at: place)
                continue
            }
            guard let o = origin else { throw FlowError.invalid(place, "trips before any 'Origin' line") }
            for entry in text.split(separator: ";") {
                let parts = entry.split(separator: ":")
                if parts.isEmpty || entry.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                guard parts.count == 2 else { throw FlowError.invalid(place, "'\(entry.trimmingCharacters(in: .whitespaces))' is not 'destination : trips'") }
                let d = try node(Substring(parts[0].trimmingCharacters(in: .whitespaces)), "destination", count: zones, at: place)
                let raw = Substring(parts[1].trimmingCharacters(in: .whitespaces))
                guard let t = Double(raw), !t.isNaN else { throw FlowError.invalid(place, "trips '\(raw)' from \(o + 1) to \(d + 1) is not a number") }
                guard t.isFinite, t >= 0 else { throw FlowError.invalid(place, "trips \(t) from \(o + 1) to \(d + 1) must be finite and >= 0") }
                matrix[o, d] += t
                total += t
            }
        }
        if let declared, abs(total - declared) > 1e-6 * max(1, declared) {
            throw FlowError.invalid(path, "<TOTAL OD FLOW> declares \(declared) trips, the file has \(total)\(total < declared ? " (truncated?)" : "")")
        }
        return matrix
    }

    // MARK: Nodes and flows

    /// Reads a `_node` file: node number, X, Y per line (a header line "Node X Y" is skipped).
    /// - Returns: (x, y) per node, 0-based.
    public static func readNodes(_ path: String, nodeCount: Int) throws -> [(x: Double, y: Double)] {
        let file = try Lines(path: path)
        var xy = [(x: Double, y: Double)?](repeating: nil, count: nodeCount)
        for (text, line) in file.body {
            let place = "\(path): line \(line)"
            let f = fields(text)
            if f.first.map({ Int($0) == nil }) ?? true { continue }  // the header
            guard f.count >= 3 else { throw FlowError.invalid(place, "a node needs number, X and Y") }
            let v = try node(f[0], "node", count: nodeCount, at: place)
            xy[v] = (try number(f[1], "X", at: place, nonNegative: false), try number(f[2], "Y", at: place, nonNegative: false))
        }
        if let missing = xy.firstIndex(where: { $0 == nil }) { throw FlowError.invalid(path, "node \(missing + 1) has no coordinates") }
        return xy.map { $0! }
    }

    /// Reads a `_flow` file ("From To Volume Cost" per line) as a flow per link of `network`.
    /// Line i is link i when the nodes agree; otherwise the link is found by its end nodes.
    public static func readFlows(_ path: String, network: AssignmentNetwork) throws -> [Double] {
        let file = try Lines(path: path)
        var flows = [Double?](repeating: nil, count: network.linkCount)
        var row = 0
        for (text, line) in file.body {
            let place = "\(path): line \(line)"
            let f = fields(text)
            if f.first.map({ Int($0) == nil }) ?? true { continue }  // the header
            guard f.count >= 3 else { throw FlowError.invalid(place, "a flow needs from, to and volume") }
            let t = try node(f[0], "from node", count: network.nodeCount, at: place)
            let h = try node(f[1], "to node", count: network.nodeCount, at: place)
            let v = try number(f[2], "volume", at: place)
            var link: Int? = nil
            if row < network.linkCount, Int(network.tails[row]) == t, Int(network.heads[row]) == h { link = row }
            else { link = network.link(from: t, to: h) }
            guard let l = link else { throw FlowError.invalid(place, "no link from node \(t + 1) to node \(h + 1) in the network") }
            flows[l] = v
            row += 1
        }
        guard row == network.linkCount else {
            throw FlowError.invalid(path, "\(row) flows for \(network.linkCount) links\(row < network.linkCount ? " (truncated?)" : "")")
        }
        return flows.map { $0 ?? 0 }
    }

    /// The paths of a TNTP network by its stem: "DIR/NAME" gives DIR/NAME_net.tntp,
    /// _trips.tntp, _node.tntp and _flow.tntp (the last two when present). A directory with one
    /// `*_net.tntp` names that network.
    public static func files(_ stem: String) throws -> (net: String, trips: String, nodes: String?, flows: String?) {
        var stem = stem
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: stem, isDirectory: &isDir), isDir.boolValue {
            let nets = (try? FileManager.default.contentsOfDirectory(atPath: stem))?.filter { $0.hasSuffix("_net.tntp") }.sorted() ?? []
            guard nets.count == 1 else { throw FlowError.invalid(stem, "\(nets.count) *_net.tntp files (give DIR/NAME)") }
            stem = (stem as NSString).appendingPathComponent(String(nets[0].dropLast("_net.tntp".count)))
        }
        for suffix in ["_net.tntp", "_trips.tntp", ".tntp"] where stem.hasSuffix(suffix) { stem = String(stem.dropLast(suffix.count)) }
        let fm = FileManager.default
        let net = stem + "_net.tntp", trips = stem + "_trips.tntp"
        guard fm.fileExists(atPath: net) else { throw FlowError.invalid(net, "no such file") }
        guard fm.fileExists(atPath: trips) else { throw FlowError.invalid(trips, "no such file") }
        let nodes = stem + "_node.tntp", flows = stem + "_flow.tntp"
        return (net, trips, fm.fileExists(atPath: nodes) ? nodes : nil, fm.fileExists(atPath: flows) ? flows : nil)
    }
}
