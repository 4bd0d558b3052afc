import Foundation

extension ODMatrix {
    /// Reads an OD matrix from CSV: a header naming the columns `origin`, `destination` and
    /// `trips` (any order, any case, other columns ignored), then one row per pair. Zones are
    /// 1-based numbers, or names when `zoneNames` is given (a name, or a number as a fallback).
    /// Rows for the same pair add up.
    /// - Throws: `FlowError.invalid` naming the file and line: a missing column, an unknown
    ///   zone, negative, NaN or infinite trips, a row with too few fields.
    public static func readCSV(_ path: String, zoneCount: Int, zoneNames: [String: Int]? = nil) throws -> ODMatrix {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FlowError.invalid(path, FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw FlowError.invalid(path, "not UTF-8 text") }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated()
            .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespaces)) }.filter { !$0.1.isEmpty }
        guard !lines.isEmpty else { throw FlowError.invalid(path, "empty (expected a header origin,destination,trips)") }
        let header = fields(lines.removeFirst().1).map { $0.lowercased() }
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw FlowError.invalid("\(path): line 1", "no '\(name)' column (header: \(header.joined(separator: ",")))")
            }
            return i
        }
        let oc = try column("origin"), dc = try column("destination"), tc = try column("trips")
        func zone(_ raw: String, _ what: String, _ place: String) throws -> Int {
            if let names = zoneNames, let z = names[raw] { return z }
            if let n = Int(raw), n >= 1, n <= zoneCount { return n - 1 }
            throw FlowError.invalid(place, "\(what) '\(raw)' is not one of the \(zoneCount) zones")
        }
        var matrix = ODMatrix(zoneCount: zoneCount)
        for (line, text) in lines {
            let place = "\(path): line \(line)"
            let f = fields(text)
            guard f.count > max(oc, dc, tc) else { throw FlowError.invalid(place, "\(f.count) fields, expected \(header.count)") }
            let o = try zone(f[oc], "origin", place), d = try zone(f[dc], "destination", place)
            guard let t = Double(f[tc]), t.isFinite, t >= 0 else {
                throw FlowError.invalid(place, "trips '\(f[tc])' must be a finite number >= 0")
            }
            matrix[o, d] += t
        }
        return matrix
    }

    /// Comma-separated fields; double quotes around a field are removed ("" inside is a quote).
    private static func fields(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if c == "\"" {
                if quoted, let n = chars.next() {
                    if n == "\"" { field.append("\"") } else { quoted = false; if n == "," { out.append(field); field = "" } else { field.append(n) } }
                } else { quoted.toggle() }
            } else if c == "," && !quoted {
                out.append(field); field = ""
            } else { field.append(c) }
        }
        out.append(field)
        return out.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
