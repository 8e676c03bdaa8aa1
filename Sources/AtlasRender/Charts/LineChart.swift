/// Time series as lines: a sparkline for one district on a Steckbrief, or
/// Germany and the Länder on an indicator page. The emphasised series is drawn
/// thicker, in blue; the others thin and grey; a legend above the plot names
/// both (the compact sparkline has one series and no legend).
public struct LineChart {
    public struct Series {
        public var name: String
        public var points: [(year: Int, value: Double)]
        public var emphasised: Bool

        public init(name: String, points: [(year: Int, value: Double)], emphasised: Bool) {
            self.name = name
            self.points = points
            self.emphasised = emphasised
        }
    }

    public var id: String
    public var caption: String
    public var unit: String
    public var decimals: Int
    public var series: [Series]
    /// The table behind the chart: rows are years, columns the series (pre-formatted cells).
    public var table: HTML
    public var display: Display
    public var width = 320
    public var height = 150
    /// What the grey series are, for the legend (e.g. "Länder").
    public var othersLabel: String?

    public init(id: String, caption: String, unit: String, decimals: Int, series: [Series], table: HTML, display: Display) {
        self.id = id
        self.caption = caption
        self.unit = unit
        self.decimals = decimals
        self.series = series
        self.table = table
        self.display = display
    }

    public func render(compact: Bool = false) -> HTML {
        let s = display.strings
        let w = Double(width), h = Double(height)
        // Non-compact: the legend on the first line, the unit on the second.
        let right = 14.0, top = compact ? 18.0 : 36.0, bottom = 22.0
        // Extent of all points in one pass (a sparkline per card: no copies).
        var y0 = Int.max, y1 = Int.min, v0 = Double.infinity, v1 = -Double.infinity, pointCount = 0
        for sr in series {
            for p in sr.points {
                y0 = min(y0, p.year)
                y1 = max(y1, p.year)
                v0 = min(v0, p.value)
                v1 = max(v1, p.value)
                pointCount += 1
            }
        }
        guard pointCount > 0 else {
            return HTML.element("p", ["class": "nodata"], HTML(text: s["chart.nodata"]))
        }
        let ticks = Chart.ticks(v0, v1, count: compact ? 2 : 4)
        let lo = ticks.first!, hi = ticks.last!
        let tickDecimals = tickDecimals(ticks)
        let tickTexts = ticks.map { display.number($0, decimals: tickDecimals) }
        // As wide as the widest tick label (1 200 000 needs more than 4,5).
        let left = max(compact ? 26.0 : 34.0, (tickTexts.map { Chart.textWidth($0) }.max() ?? 0) + 8)
        func x(_ year: Int) -> Double { y1 == y0 ? left + (w - left - right) / 2 : left + Double(year - y0) / Double(y1 - y0) * (w - left - right) }
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * (h - top - bottom) }

        // Numbers and fixed class names are written straight into the string
        // (they need no escaping); text goes through Escape. The same markup as
        // HTML.element would give, at a third of the cost: every Steckbrief
        // card has a sparkline.
        var b = ""
        b.reserveCapacity(400 + 160 * ticks.count + pointCount * 80)
        // The grid lines as one path, then their labels.
        b += "<path d=\""
        for t in ticks {
            b += "M"; b += Chart.n(left); b += " "; b += Chart.n(y(t)); b += "H"; b += Chart.n(w - right)
        }
        b += "\" class=\"grid\"/>"
        for (t, text) in zip(ticks, tickTexts) {
            b += "<text x=\""; b += Chart.n(left - 4); b += "\" y=\""; b += Chart.n(y(t) + 4)
            b += "\" text-anchor=\"end\" class=\"tick\">"; b += Escape.html(text); b += "</text>"
        }
        for year in y0 == y1 ? [y0] : [y0, y1] {
            b += "<text x=\""; b += Chart.n(x(year)); b += "\" y=\""; b += Chart.n(h - 6)
            b += year == y0 && y1 != y0 ? "\" text-anchor=\"start\" class=\"tick\">" : "\" text-anchor=\"end\" class=\"tick\">"
            b += String(year); b += "</text>"
        }
        b += "<text x=\"2\" y=\""; b += compact ? "11" : "26"; b += "\" class=\"unit\">"; b += Escape.html(Chart.fitted(unit, width: w - 4))
        b += "</text>"
        // The legend, right-aligned above the plot: a sample of each line and what it is.
        if !compact, let main = series.first(where: \.emphasised) {
            var at = w - 2
            var entries = [(label: Chart.fitted(main.name, width: w - 30, bold: true), css: "line em", bold: true)]
            if let others = othersLabel, series.contains(where: { !$0.emphasised }),
                Chart.textWidth(entries[0].label, bold: true) + Chart.textWidth(others) + 70 < w
            {
                entries.append((others, "line", false))
            }
            for e in entries {
                at -= Chart.textWidth(e.label, bold: e.bold)
                b += "<text x=\""; b += Chart.n(at); b += "\" y=\"11\" class=\""; b += e.bold ? "label em" : "tick"; b += "\">"
                b += Escape.html(e.label); b += "</text>"
                b += "<path d=\"M"; b += Chart.n(at - 22); b += " 7 H"; b += Chart.n(at - 4); b += "\" class=\""; b += e.css; b += "\"/>"
                at -= 34
            }
        }
        // Grey series first, the emphasised one on top.
        for sr in series.count == 1 ? series : series.sorted(by: { !$0.emphasised && $1.emphasised }) where !sr.points.isEmpty {
            let pts = Self.byYear(sr.points)
            // Gaps (missing years) break the line.
            b += "<path d=\""
            // Points after a move are lines to ("M x y x y …").
            var prev: Int?
            for p in pts {
                if let prev, p.year == prev + 1 { b += " " } else { b += "M" }
                b += Chart.n(x(p.year)); b += " "; b += Chart.n(y(p.value))
                prev = p.year
            }
            b += sr.emphasised ? "\" class=\"line em\"><title>" : "\" class=\"line\"><title>"
            b += Escape.html(sr.name); b += "</title></path>"
            if !sr.emphasised {
                // A figure without a neighbouring year draws no line: a dot shows it.
                let years = Set(pts.map(\.year))
                for p in pts where !years.contains(p.year - 1) && !years.contains(p.year + 1) {
                    b += "<circle cx=\""; b += Chart.n(x(p.year)); b += "\" cy=\""; b += Chart.n(y(p.value))
                    b += "\" r=\"1.5\" class=\"dot\"/>"
                }
            }
            if sr.emphasised {
                // Every figure a dot: zero-length lines with round caps, in one path.
                b += "<path d=\""
                for p in pts { b += "M"; b += Chart.n(x(p.year)); b += " "; b += Chart.n(y(p.value)); b += "h0" }
                b += "\" class=\"dots em\"/>"
            }
        }
        let body = HTML.trusted(b)
        let desc = description()
        return Chart.figure(
            id: id, caption: caption, description: desc, width: width, height: height, body: body, table: table,
            tableSummary: s["chart.table"], className: compact ? "chart-figure spark" : "chart-figure")
    }

    /// Points in year order (they nearly always come so: sorted only if not).
    static func byYear(_ points: [(year: Int, value: Double)]) -> [(year: Int, value: Double)] {
        for k in points.indices.dropFirst() where points[k - 1].year > points[k].year {
            return points.sorted { $0.year < $1.year }
        }
        return points
    }

    func tickDecimals(_ ticks: [Double]) -> Int {
        guard ticks.count > 1 else { return 0 }
        let step = abs(ticks[1] - ticks[0])
        if step >= 1 { return 0 }
        if step >= 0.1 { return 1 }
        return 2
    }

    /// "Deutschland: von 2006 bis 2020; niedrigster Wert 12,3 (2006), höchster 45,6 (2020), zuletzt 45,6."
    func description() -> String {
        let s = display.strings
        guard let main = series.first(where: \.emphasised) ?? series.first, !main.points.isEmpty else {
            return s["chart.nodata"]
        }
        let pts = Self.byYear(main.points)
        let minP = pts.min { $0.value < $1.value || ($0.value == $1.value && $0.year < $1.year) }!
        let maxP = pts.max { $0.value < $1.value || ($0.value == $1.value && $0.year > $1.year) }!
        let f = { (v: Double) in display.number(v, decimals: decimals) + (unit.isEmpty ? "" : " " + unit) }
        return s(
            "chart.line.desc", main.name, String(pts.first!.year), String(pts.last!.year), f(minP.value), String(minP.year),
            f(maxP.value), String(maxP.year), f(pts.last!.value))
    }
}
