/// Time series as lines: a sparkline for one district on a Steckbrief, or
/// Germany and the Länder on an indicator page. The emphasised series is drawn
/// thicker, in blue and labelled at its end; the others thin and grey.
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
        let left = 44.0, right = compact ? 12.0 : 92.0, top = 18.0, bottom = 22.0
        let all = series.flatMap(\.points)
        guard let y0 = all.map(\.year).min(), let y1 = all.map(\.year).max() else {
            return HTML.element("p", ["class": "nodata"], HTML(text: s["chart.nodata"]))
        }
        let values = all.map(\.value)
        let ticks = Chart.ticks(values.min()!, values.max()!, count: compact ? 2 : 4)
        let lo = ticks.first!, hi = ticks.last!
        func x(_ year: Int) -> Double { y1 == y0 ? left + (w - left - right) / 2 : left + Double(year - y0) / Double(y1 - y0) * (w - left - right) }
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * (h - top - bottom) }

        var body = HTML.empty
        for t in ticks {
            body += HTML.empty("line", ["x1": Chart.n(left), "x2": Chart.n(w - right), "y1": Chart.n(y(t)), "y2": Chart.n(y(t)), "class": "grid"])
            body += HTML.element(
                "text", ["x": Chart.n(left - 4), "y": Chart.n(y(t) + 4), "text-anchor": "end", "class": "tick"],
                HTML(text: display.number(t, decimals: tickDecimals(ticks))))
        }
        for year in Set([y0, y1]).sorted() {
            body += HTML.element(
                "text", ["x": Chart.n(x(year)), "y": Chart.n(h - 6), "text-anchor": year == y0 && y1 != y0 ? "start" : "end", "class": "tick"],
                HTML(text: String(year)))
        }
        body += HTML.element("text", ["x": "2", "y": "9", "class": "unit"], HTML(text: unit))
        // Grey series first, the emphasised one on top.
        for sr in series.sorted(by: { !$0.emphasised && $1.emphasised }) where !sr.points.isEmpty {
            let pts = sr.points.sorted { $0.year < $1.year }
            // Gaps (missing years) break the line.
            var d = ""
            var prev: Int?
            for p in pts {
                d += (prev == nil || p.year != prev! + 1 ? "M" : "L") + Chart.n(x(p.year)) + " " + Chart.n(y(p.value)) + " "
                prev = p.year
            }
            body += HTML.element(
                "path",
                ["d": String(d.dropLast()), "class": sr.emphasised ? "line em" : "line"],
                HTML.element("title", [:], HTML(text: sr.name)))
            if sr.emphasised {
                for p in pts {
                    body += HTML.empty("circle", ["cx": Chart.n(x(p.year)), "cy": Chart.n(y(p.value)), "r": "2.5", "class": "dot em"])
                }
                if !compact, let last = pts.last {
                    body += HTML.element(
                        "text", ["x": Chart.n(x(last.year) + 5), "y": Chart.n(y(last.value) + 4), "class": "label em"],
                        HTML(text: sr.name))
                }
            }
        }
        let desc = description()
        return Chart.figure(
            id: id, caption: caption, description: desc, width: width, height: height, body: body, table: table,
            tableSummary: s["chart.table"], className: compact ? "chart-figure spark" : "chart-figure")
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
        let pts = main.points.sorted { $0.year < $1.year }
        let minP = pts.min { $0.value < $1.value || ($0.value == $1.value && $0.year < $1.year) }!
        let maxP = pts.max { $0.value < $1.value || ($0.value == $1.value && $0.year > $1.year) }!
        let f = { (v: Double) in display.number(v, decimals: decimals) + (unit.isEmpty ? "" : " " + unit) }
        return s(
            "chart.line.desc", main.name, String(pts.first!.year), String(pts.last!.year), f(minP.value), String(minP.year),
            f(maxP.value), String(maxP.year), f(pts.last!.value))
    }
}
