import CorridorGeo
import Foundation

/// A static map drawn as inline SVG: an equirectangular projection scaled by the cosine of the
/// middle latitude (true scale along that parallel), fitted to a longitude/latitude box.
/// Lines are simplified to the pixel grid (vertices closer than `tolerance` pixels to the last
/// kept one are dropped), so a continental network stays a few hundred kilobytes.
struct SVGMap {
    let width: Double
    let height: Double
    let west: Double, north: Double, scale: Double, cosine: Double
    private(set) var body: [String] = []

    /// - Parameter box: [west, south, east, north] in degrees.
    init(box: [Double], width: Double = 900, maxHeight: Double = 900) {
        let (w, s, e, n) = (box[0], box[1], max(box[2], box[0] + 1e-6), max(box[3], box[1] + 1e-6))
        cosine = cos((s + n) / 2 * .pi / 180)
        let spanX = (e - w) * cosine, spanY = n - s
        scale = min(width / spanX, maxHeight / spanY)
        self.width = (spanX * scale).rounded(.up)
        self.height = (spanY * scale).rounded(.up)
        west = w
        north = n
    }

    func x(_ c: Coordinate) -> Double { (c.lon - west) * cosine * scale }
    func y(_ c: Coordinate) -> Double { (north - c.lat) * scale }

    private static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Many lines as one path element. Lines whose projected extent is below `minimum`
    /// pixels are left out (invisible at this scale); `decimals` sets the coordinate precision.
    /// Strokes do not scale (`vector-effect`): they keep their width when the page's script
    /// zooms the map.
    mutating func lines(_ shapes: [[Coordinate]], stroke: String, width: Double, opacity: Double = 1, dash: String? = nil,
                        tolerance: Double = 0.7, minimum: Double = 0, decimals: Int = 1, title: String? = nil) {
        body.append(Self.path(self, shapes, stroke: stroke, width: width, opacity: opacity, dash: dash, tolerance: tolerance,
                              minimum: minimum, decimals: decimals, title: title))
    }

    /// A group of paths kept for reuse: `defs(id:)` in one map, `use(id:)` in the others.
    mutating func append(_ element: String) { body.append(element) }

    static func path(_ map: SVGMap, _ shapes: [[Coordinate]], stroke: String, width: Double, opacity: Double = 1, dash: String? = nil,
                     tolerance: Double = 0.7, minimum: Double = 0, decimals: Int = 1, title: String? = nil) -> String {
        let format = "%.\(decimals)f"
        func f(_ v: Double) -> String { String(format: format, v) }
        var d = ""
        d.reserveCapacity(shapes.count * 24)
        for shape in shapes where shape.count >= 2 {
            if minimum > 0 {
                let xs = shape.map(map.x), ys = shape.map(map.y)
                if xs.max()! - xs.min()! < minimum && ys.max()! - ys.min()! < minimum { continue }
            }
            var lastX = map.x(shape[0]), lastY = map.y(shape[0])
            d += "M\(f(lastX)) \(f(lastY))"
            var drawn = false
            for (k, c) in shape.enumerated().dropFirst() {
                let px = map.x(c), py = map.y(c)
                let isLast = k == shape.count - 1
                if abs(px - lastX) + abs(py - lastY) < tolerance && !(isLast && !drawn) { continue }
                d += "L\(f(px)) \(f(py))"
                lastX = px; lastY = py; drawn = true
            }
        }
        guard !d.isEmpty else { return "" }
        let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        let inner = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        return "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(width)\" stroke-opacity=\"\(opacity)\" stroke-linecap=\"round\" stroke-linejoin=\"round\" vector-effect=\"non-scaling-stroke\"\(dashAttribute)>\(inner)</path>"
    }

    mutating func circle(_ c: Coordinate, radius: Double, fill: String, stroke: String = "#ffffff", title: String? = nil) {
        let inner = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        let strokeAttribute = stroke == "#ffffff" ? "" : " stroke=\"\(stroke)\""
        body.append("<circle cx=\"\(Self.f(x(c)))\" cy=\"\(Self.f(y(c)))\" r=\"\(Self.f(radius))\" fill=\"\(fill)\"\(strokeAttribute)>\(inner)</circle>")
    }

    mutating func label(_ c: Coordinate, _ text: String, size: Double = 11, dx: Double = 5, dy: Double = -4) {
        body.append("<text x=\"\(Self.f(x(c) + dx))\" y=\"\(Self.f(y(c) + dy))\" font-size=\"\(size)\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" fill=\"#222222\">\(HTML.escape(text))</text>")
    }

    /// A legend box in the top-left corner: (swatch colour, is a line, text).
    mutating func legend(_ entries: [(color: String, line: Bool, text: String)]) {
        guard !entries.isEmpty else { return }
        let h = Double(entries.count) * 16 + 8
        let w = (entries.map { Double($0.text.count) }.max() ?? 10) * 6.4 + 36
        var s = "<g class=\"legend\"><rect x=\"8\" y=\"8\" width=\"\(Self.f(w))\" height=\"\(Self.f(h))\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#bbbbbb\"/>"
        for (i, e) in entries.enumerated() {
            let y = 20 + Double(i) * 16
            if e.line {
                s += "<line x1=\"14\" y1=\"\(Self.f(y))\" x2=\"32\" y2=\"\(Self.f(y))\" stroke=\"\(e.color)\" stroke-width=\"3\"/>"
            } else {
                s += "<circle cx=\"23\" cy=\"\(Self.f(y))\" r=\"5\" fill=\"\(e.color)\" stroke=\"#555555\" stroke-width=\"0.5\"/>"
            }
            s += "<text x=\"38\" y=\"\(Self.f(y + 4))\" font-size=\"11\" fill=\"#222222\" stroke=\"none\">\(HTML.escape(e.text))</text>"
        }
        body.append(s + "</g>")
    }

    func svg(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" role=\"img\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\">"
            + "<title>\(HTML.escape(title))</title><rect width=\"100%\" height=\"100%\" fill=\"#f4f6f8\"/>"
            + "<g stroke=\"#ffffff\" stroke-width=\"0.6\">" + body.joined() + "</g></svg>"
    }
}

/// Horizontal bar charts as inline SVG: one row per (label, value), bars from a zero line,
/// positive values to the right in green and negative to the left in red.
struct SVGBarChart {
    struct Group { var title: String; var bars: [(label: String, value: Double)] }

    static func svg(_ groups: [Group], unit: String, title: String, width: Double = 900) -> String {
        let rowHeight = 18.0, groupGap = 26.0, labelWidth = 190.0
        let maxAbs = max(1e-12, groups.flatMap { $0.bars.map { abs($0.value) } }.max() ?? 1)
        let hasNegative = groups.contains { $0.bars.contains { $0.value < 0 } }
        let plotWidth = width - labelWidth - 90
        let zero = labelWidth + (hasNegative ? plotWidth / 2 : 0)
        let span = hasNegative ? plotWidth / 2 : plotWidth
        var y = 10.0
        var s = ""
        for g in groups {
            s += "<text x=\"4\" y=\"\(y + 12)\" font-size=\"12\" font-weight=\"bold\" fill=\"#222222\">\(HTML.escape(g.title))</text>"
            y += 20
            for b in g.bars {
                let len = abs(b.value) / maxAbs * span
                let x0 = b.value >= 0 ? zero : zero - len
                let color = b.value >= 0 ? "#1a9850" : "#d73027"
                s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 12)\" font-size=\"11\" text-anchor=\"end\" fill=\"#222222\">\(HTML.escape(b.label))</text>"
                s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"><title>%@</title></rect>", x0, y + 2, max(0.5, len),
                            rowHeight - 5, color, HTML.escape("\(b.label): \(String(format: "%+.3f", b.value)) \(unit)"))
                let tx = b.value >= 0 ? x0 + max(0.5, len) + 4 : x0 - 4
                s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"%@\" fill=\"#444444\">%@</text>", tx, y + 12,
                            b.value >= 0 ? "start" : "end", HTML.escape(String(format: "%+.2f", b.value) + " " + unit))
                y += rowHeight
            }
            y += groupGap - rowHeight / 2
        }
        s += String(format: "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888888\" stroke-width=\"0.8\"/>", zero, zero, y)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(y))\" width=\"\(Int(width))\" height=\"\(Int(y))\">"
            + "<title>\(HTML.escape(title))</title>" + s + "</svg>"
    }
}

enum HTML {
    /// Escapes text for element content and quoted attributes (XML-safe: the report parses
    /// as XML as well as HTML).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}

/// A tornado chart: per parameter, a bar from the NPV at its low value to the NPV at its high
/// value, around the central NPV, widest swing on top.
struct SVGTornado {
    struct Row { var label: String; var lowLabel: String; var highLabel: String; var low: Double; var high: Double }

    static func svg(_ rows: [Row], center: Double, unit: String, title: String, width: Double = 900) -> String {
        let rowHeight = 22.0, labelWidth = 230.0, plotWidth = width - labelWidth - 30
        let values = rows.flatMap { [$0.low, $0.high] } + [center]
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let span = max(1e-12, hi - lo)
        func x(_ v: Double) -> Double { labelWidth + (v - lo) / span * plotWidth }
        var y = 8.0
        var s = ""
        for r in rows {
            let a = min(r.low, r.high), b = max(r.low, r.high)
            s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" font-size=\"11\" text-anchor=\"end\" fill=\"#222222\">\(HTML.escape(r.label))</text>"
            s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4393c3\"><title>%@</title></rect>", x(a), y + 3,
                        max(0.5, x(b) - x(a)), rowHeight - 7,
                        HTML.escape("\(r.label): \(r.lowLabel) → \(String(format: "%.1f", r.low)) \(unit); \(r.highLabel) → \(String(format: "%.1f", r.high)) \(unit)"))
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\" fill=\"#444444\">%@</text>", x(a) - 3, y + 14,
                        HTML.escape(r.low <= r.high ? r.lowLabel : r.highLabel))
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"#444444\">%@</text>", x(b) + 3, y + 14,
                        HTML.escape(r.low <= r.high ? r.highLabel : r.lowLabel))
            y += rowHeight
        }
        s += String(format: "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222222\" stroke-width=\"1\"/>", x(center), x(center), y)
        s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"#222222\">NPV %@</text>", x(center), y + 12,
                    HTML.escape(String(format: "%.1f", center) + " " + unit))
        y += 18
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(y))\" width=\"\(Int(width))\" height=\"\(Int(y))\">"
            + "<title>\(HTML.escape(title))</title>" + s + "</svg>"
    }
}
