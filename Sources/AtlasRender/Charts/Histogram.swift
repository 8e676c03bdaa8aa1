import Foundation
import AtlasNumerics

/// Where a value stands among all districts: a histogram of the latest values
/// with the district's bin hatched and pointed at by a labelled marker.
public struct Histogram {
    public var id: String
    public var caption: String
    public var unit: String
    public var decimals: Int
    public var values: [Double]
    /// The district's value and name, if it has one.
    public var marker: (value: Double, label: String)?
    public var display: Display
    /// 12 bins on a Steckbrief card, 24 on an indicator page.
    public var bins = Histogram.cardBins
    static let cardBins = 12
    /// Parts that are the same for every district (bars, table rows), shared
    /// by the 400 Steckbriefe: only the marked bar and row differ.
    public var cache: HistogramCache?
    public var width = 320
    public var height = 110
    /// The table of bins and counts below the chart. A Steckbrief card leaves
    /// it out: its description says the range and where the district lies, the
    /// card its rank, and the indicator page (one link away) has the finer
    /// histogram with its table and the whole ranking; 35 such tables, the
    /// same bins on every Steckbrief, were a sixth of its weight (issue 17,
    /// item 8).
    public var table = true

    public init(
        id: String, caption: String, unit: String, decimals: Int, values: [Double], marker: (value: Double, label: String)?,
        display: Display
    ) {
        self.id = id
        self.caption = caption
        self.unit = unit
        self.decimals = decimals
        self.values = values
        self.marker = marker
        self.display = display
    }

    /// What is the same for every district of an indicator: bins, bars, axis
    /// and table rows, computed once per chart id and language and shared by
    /// all Steckbriefe; only the marked bar, the marker and one row differ.
    struct Parts: Sendable {
        var lo = 0.0, hi = 0.0, binWidth = 1.0, bw = 1.0
        /// Each bar as a closed subpath ("M x y h w v h h-w z"; empty for an
        /// empty bin): the bars of a chart are one path, not a rect each.
        var bars: [String] = []
        var markedRects: [String] = []
        /// "1,0 – 2,0" per bin, escaped.
        var ranges: [String] = []
        var counts: [String] = []
        /// The pattern definition, and the axis with its two tick labels.
        var defs = ""
        var axis = ""
        var description = ""
        var tableHead = ""
    }

    func makeParts(bins: Int, compact: Bool) -> Parts? {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        let s = display.strings
        let upper = hi > lo ? hi : lo + 1
        let counts = Summary.histogram(values, bins: bins, lower: lo, upper: upper)
        let binWidth = (upper - lo) / Double(bins)
        let w = Double(width), h = Double(height)
        let left = 8.0, right = 8.0, top = compact ? 22.0 : 24.0, bottom = 20.0
        let maxCount = Double(counts.max() ?? 1)
        let bw = (w - left - right) / Double(bins)
        var parts = Parts(lo: lo, hi: hi, binWidth: binWidth, bw: bw)
        for (i, c) in counts.enumerated() {
            let bh = Double(c) / maxCount * (h - top - bottom)
            let x = left + Double(i) * bw
            let geometry = (x: Chart.n(x + 0.5), y: Chart.n(h - bottom - bh), w: Chart.n(bw - 1), h: Chart.n(max(bh, c > 0 ? 1 : 0)))
            parts.bars.append(c > 0 ? "M\(geometry.x) \(geometry.y)h\(geometry.w)v\(geometry.h)h-\(geometry.w)z" : "")
            parts.markedRects.append(
                HTML.empty(
                    "rect",
                    [
                        "x": geometry.x, "y": geometry.y, "width": geometry.w, "height": geometry.h, "class": "bin mark",
                        "style": "fill:url(#\(id)-hatch)",
                    ]
                ).raw)
            let a = lo + Double(i) * binWidth
            let b = i == bins - 1 ? upper : a + binWidth
            parts.ranges.append(Escape.html("\(display.number(a, decimals: decimals + 1)) – \(display.number(b, decimals: decimals + 1))"))
            parts.counts.append(String(c))
        }
        parts.defs =
            HTML.element(
                "defs", [:],
                HTML.element(
                    "pattern",
                    ["id": "\(id)-hatch", "width": "4", "height": "4", "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)"],
                    HTML.empty("rect", ["width": "4", "height": "4", "fill": Chart.vermillion]),
                    HTML.empty("line", ["x1": "0", "y1": "0", "x2": "0", "y2": "4", "stroke": "#ffffff", "stroke-width": "1.5"]))
            ).raw
        var axis = HTML.empty(
            "line", ["x1": Chart.n(left), "x2": Chart.n(w - right), "y1": Chart.n(h - bottom), "y2": Chart.n(h - bottom), "class": "axis"])
        axis += HTML.element("text", ["x": Chart.n(left), "y": Chart.n(h - 5), "class": "tick"], HTML(text: display.number(lo, decimals: decimals)))
        axis += HTML.element(
            "text", ["x": Chart.n(w - right), "y": Chart.n(h - 5), "text-anchor": "end", "class": "tick"],
            HTML(text: display.number(hi, decimals: decimals) + (unit.isEmpty ? "" : " " + unit)))
        parts.axis = axis.raw
        parts.description = s("chart.hist.desc", String(values.count), withUnit(lo), withUnit(hi))
        parts.tableHead = "\(s["table.from_to"]) (\(unit))"
        return parts
    }

    func withUnit(_ v: Double) -> String { display.number(v, decimals: decimals) + (unit.isEmpty ? "" : " " + unit) }

    public func render(compact: Bool = true) -> HTML {
        let s = display.strings
        let bins = compact ? bins : 2 * bins
        let prepared =
            cache.map { c in c.parts(id: id, compact: compact) { makeParts(bins: bins, compact: compact) } }
            ?? makeParts(bins: bins, compact: compact)
        guard let parts = prepared else {
            return HTML.element("p", ["class": "nodata"], HTML(text: s["chart.nodata"]))
        }
        let markBin = marker.map { Summary.bin(of: $0.value, bins: bins, lower: parts.lo, width: parts.binWidth) }
        guard let marker else { return figure(parts, bins: bins, compact: compact, markBin: nil, texts: nil) }
        let texts = (
            desc: s("chart.hist.marker", marker.label, withUnit(marker.value)),
            label: "\(marker.label): \(display.number(marker.value, decimals: decimals))",
            here: s("chart.hist.here", marker.label)
        )
        return figure(parts, bins: bins, compact: compact, markBin: markBin, texts: texts)
    }

    /// The figure with the district's bin marked and its texts (unescaped).
    func figure(_ parts: Parts, bins: Int, compact: Bool, markBin: Int?, texts: (desc: String, label: String, here: String)?) -> HTML {
        let s = display.strings
        let w = Double(width)
        let left = 8.0
        var body = parts.defs
        body.reserveCapacity(parts.defs.utf8.count + parts.axis.utf8.count + bins * 40 + 400)
        body += "<path d=\""
        for i in 0..<bins where i != markBin { body += parts.bars[i] }
        body += "\" class=\"bin\"/>"
        if let markBin { body += parts.markedRects[markBin] }
        body += parts.axis
        var desc = parts.description
        if let texts, let markBin {
            let cx = left + (Double(markBin) + 0.5) * parts.bw
            body += "<path d=\"M"; body += Chart.n(cx - 5); body += " 13h10l-5 7z\" class=\"marker\"/>"
            // The label over its bin, moved (and if need be shortened) to stay inside the chart.
            let label = Chart.fitted(texts.label, width: w - 4, bold: true)
            let lw = Chart.textWidth(label, bold: true)
            let lx = min(max(cx - lw / 2, 2), w - 2 - lw)
            body += "<text x=\""; body += Chart.n(lx); body += "\" y=\"10.5\" class=\"label em\">"
            body += Escape.html(label); body += "</text>"
        }
        if let texts { desc += " " + texts.desc }
        var rows = ""
        rows.reserveCapacity(table ? bins * 70 + 80 : 0)
        for i in 0..<bins where table {
            rows += "<tr><th scope=\"row\">"
            rows += parts.ranges[i]
            if i == markBin, let texts {
                rows += " <strong>"
                rows += Escape.html(texts.here)
                rows += "</strong>"
            }
            rows += "</th><td class=\"num\">"
            rows += parts.counts[i]
            rows += "</td></tr>"
        }
        return Chart.figure(
            id: id, caption: caption, description: desc, width: width, height: height, body: HTML.trusted(body),
            table: table ? Chart.table(caption: caption, headers: [parts.tableHead, s["table.count"]], body: rows) : nil,
            tableSummary: s["chart.table"], className: compact ? "chart-figure spark" : "chart-figure")
    }
}

/// Histogram parts per chart id, computed once and shared across threads.
public final class HistogramCache: @unchecked Sendable {
    private var store: [String: Histogram.Parts?] = [:]
    private let lock = NSLock()

    public init() {}

    func parts(id: String, compact: Bool, make: () -> Histogram.Parts?) -> Histogram.Parts? {
        let key = compact ? id : id + "|wide"
        if let p = lock.withLock({ store[key] }) { return p }
        let p = make()
        lock.withLock { store[key] = .some(p) }
        return p
    }
}
