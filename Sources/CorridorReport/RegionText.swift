import CorridorData
import Foundation

/// The command line's text of the embedded regions.
public enum RegionText {
    /// An imported region: its layers with their feature counts.
    /// - Parameter m: the region's new manifest.
    public static func imported(_ m: RegionManifest) -> String {
        "\(m.region): " + m.layers.keys.sorted().map { "\($0) \(m.layers[$0]!.features)" }.joined(separator: ", ")
    }

    /// Each region: title, countries, layers with feature counts and geometry, corridors,
    /// presets and integration regimes.
    /// - Parameters:
    ///   - regions: the regions, in catalog order.
    ///   - catalog: the folder, for the message when there is none.
    public static func list(_ regions: [Region], catalog: String) -> String {
        if regions.isEmpty { return "No regions in \(catalog)." }
        var out: [String] = []
        for r in regions {
            let m = r.manifest
            out.append("\(m.region) — \(m.title) [\(m.countries.joined(separator: ", "))]")
            for kind in m.layers.keys.sorted() {
                let count = String(m.layers[kind]!.features)
                out.append("  \(kind.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(repeating: " ", count: max(0, 7 - count.count)) + count)  \(m.layers[kind]!.geometry)")
            }
            out.append("  corridors: \(m.corridors.map(\.id).joined(separator: ", "))")
            out.append("  scenarios: \(m.scenarios.map(\.id).joined(separator: ", "))")
            for g in m.regimes ?? [] {
                out.append("  regime: \(g.name) [\(g.countries.joined(separator: ", "))] \(g.from)–\(g.until ?? ""), delay factor \(g.delayFactor) (\(g.category); \(g.source))")
            }
        }
        return out.joined(separator: "\n")
    }
}
