import CorridorFlows
import Foundation

/// The validation scatter plot: counted against modelled (held-out) volumes per port, log-log,
/// one panel per segment, ports coloured by border, with the line of perfect agreement; the
/// largest counted ports of each border are ringed and named.
public enum ValidationPlot {
    static let colours = ["#2166ac", "#b2182b", "#1b7837", "#762a83"]

    /// A standalone SVG document.
    /// - Parameters:
    ///   - segments: the validation results.
    ///   - title: the plot's title.
    public static func svg(_ segments: [RegionValidation.Segment], title: String) -> String {
        let panel = 420.0, margin = 56.0, gap = 30.0
        let width = margin + Double(segments.count) * (panel + gap), height = panel + margin + 70
        var s = "<text x=\"\(margin)\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">\(HTML.escape(title))</text>"
        let borders = Array(Set(segments.flatMap { $0.ports.map(\.border) })).sorted()
        for (k, seg) in segments.enumerated() {
            let largest = Set(seg.largestPorts.map { "\($0.border)|\($0.code)" })
            let points = seg.ports.compactMap { p -> (Double, Double, String, String, Bool)? in
                guard let m = p.heldOutPrediction, m > 0, p.observed > 0 else { return nil }
                return (p.observed, m, p.border, p.name, largest.contains("\(p.border)|\(p.code)"))
            }
            let values = points.flatMap { [$0.0, $0.1] }
            // Volumes under one a year sit on the axes' floor.
            let lo = max(0, floor(log10(values.min() ?? 1))), hi = max(lo + 1, ceil(log10(values.max() ?? 10)))
            let x0 = margin + Double(k) * (panel + gap), y0 = 40.0
            func px(_ v: Double) -> Double { x0 + (max(log10(v), lo) - lo) / (hi - lo) * panel }
            func py(_ v: Double) -> Double { y0 + panel - (max(log10(v), lo) - lo) / (hi - lo) * panel }
            s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\" stroke=\"#999999\"/>", x0, y0, panel, panel)
            var d = lo
            while d <= hi {
                let v = pow(10, d)
                s += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eeeeee\"/>", px(v), y0, px(v), y0 + panel)
                s += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eeeeee\"/>", x0, py(v), x0 + panel, py(v))
                s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"#444444\">1e%d</text>", px(v), y0 + panel + 14, Int(d))
                s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#444444\">1e%d</text>", x0 - 4, py(v) + 3, Int(d))
                d += 1
            }
            s += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888888\" stroke-dasharray=\"4 3\"/>", px(pow(10, lo)), py(pow(10, lo)), px(pow(10, hi)), py(pow(10, hi)))
            for p in points {
                let colour = colours[(borders.firstIndex(of: p.2) ?? 0) % colours.count]
                s += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" fill=\"%@\" fill-opacity=\"0.75\"><title>%@</title></circle>", px(p.0), py(p.1), colour,
                            HTML.escape("\(p.3) (\(p.2)): counted \(Int(p.0)), modelled \(Int(p.1.rounded()))"))
                if p.4 {
                    // One of the border's largest counted ports: ringed and named.
                    s += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6.5\" fill=\"none\" stroke=\"#222222\" stroke-width=\"1.2\"/>", px(p.0), py(p.1))
                    s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"#222222\">%@</text>", px(p.0) + 8, py(p.1) + 3,
                                HTML.escape(String(p.3.split(separator: ",").first ?? "")))
                }
            }
            let stats = seg.statistics.sorted { $0.key < $1.key }.map { "\($0.key) ρ \(String(format: "%.2f", $0.value.spearman))" }.joined(separator: ", ")
            s += "<text x=\"\(x0)\" y=\"\(y0 + panel + 32)\" font-size=\"12\" fill=\"#222222\">\(HTML.escape("\(seg.name): counted \(seg.measure) (x) against held-out model (y)"))</text>"
            s += "<text x=\"\(x0)\" y=\"\(y0 + panel + 48)\" font-size=\"11\" fill=\"#444444\">\(HTML.escape("Spearman: " + stats))</text>"
        }
        for (i, b) in borders.enumerated() {
            let x = margin + Double(i) * 120
            s += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%@\"/>", x, height - 10, colours[i % colours.count])
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#222222\">%@</text>", x + 8, height - 6, HTML.escape(b))
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\">"
            + "<title>\(HTML.escape(title))</title>" + s + "</svg>\n"
    }
}
