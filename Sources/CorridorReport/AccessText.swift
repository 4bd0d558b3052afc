import CorridorAnalysis
import Foundation

/// The command line's text of accessibility and travel-time tables (the JSON and layers carry
/// every row).
public enum AccessText {
    /// The 15 most populous places: hours to a port, an open crossing and the own capital,
    /// and the population within `withinHours`.
    public static func places(_ result: AccessibilityResult, withinHours: Double) -> String {
        var out: [String] = []
        out.append("place".padding(toLength: 24, withPad: " ", startingAt: 0) + "country  population  h-to-port  h-to-crossing  h-to-capital  pop-within-\(Int(withinHours))h")
        let top = result.population.indices.sorted { result.population[$0] > result.population[$1] }.prefix(15)
        for i in top {
            out.append(result.placeNames[i].padding(toLength: 24, withPad: " ", startingAt: 0)
                  + result.countries[i].padding(toLength: 9, withPad: " ", startingAt: 0)
                  + String(format: "%10.0f %10.1f %14.1f %13.1f %16.0f", result.population[i], result.hoursToNearestPort[i],
                           result.hoursToNearestOpenCrossing[i], result.hoursToOwnCapital[i], result.populationWithin[i]))
        }
        return out.joined(separator: "\n")
    }

    /// Per node: the median hours to a port, an open crossing and the own capital.
    public static func nodes(_ r: NodeAccessibility, nodeCount: Int) -> String {
        func median(_ v: [Double]) -> String {
            let f = v.filter(\.isFinite).sorted()
            return f.isEmpty ? "-" : String(format: "%.1f", f[f.count / 2])
        }
        return "\(nodeCount) nodes; median hours to a port \(median(r.hoursToNearestPort)), to an open crossing "
            + "\(median(r.hoursToNearestOpenCrossing)), to the own capital \(median(r.hoursToOwnCapital))"
    }

    /// A travel-time table in hours: up to 40 origins by 8 destinations, with a note when cut.
    public static func matrix(origins: [String], destinations: [String], hours: [[Double?]]) -> String {
        let m = destinations.count, shown = min(m, 8)
        var out = [pad("hours", 16) + destinations.prefix(shown).map { pad(String($0.prefix(9)), 10) }.joined()]
        for (i, name) in origins.enumerated().prefix(40) {
            out.append(pad(String(name.prefix(15)), 16) + (0..<shown).map { j in
                pad(hours[i][j].map { String(format: "%.1f", $0) } ?? "-", 10)
            }.joined())
        }
        if origins.count > 40 || m > shown { out.append("(\(origins.count) × \(m); write the whole table with -o)") }
        return out.joined(separator: "\n")
    }
}
