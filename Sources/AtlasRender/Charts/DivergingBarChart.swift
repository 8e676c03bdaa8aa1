/// Bars to the left and right of a zero line (differences, e.g. persons
/// more or fewer than under the Königsteiner Schlüssel). Direction and a
/// signed label carry the meaning; colour (blue more, vermillion fewer) only
/// repeats it.
public struct DivergingBarChart {
    public struct Bar {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var id: String
    public var caption: String
    public var unit: String
    public var bars: [Bar]
    public var table: HTML
    public var display: Display
    public var width = 560

    public init(id: String, caption: String, unit: String, bars: [Bar], table: HTML, display: Display) {
        self.id = id
        self.caption = caption
        self.unit = unit
        self.bars = bars
        self.table = table
        self.display = display
    }

    public func render() -> HTML {
        let s = display.strings
        let rowH = 18.0, labelW = 170.0, pad = 60.0
        let height = Int(Double(bars.count) * rowH + 8)
        let maxV = max(bars.map { abs($0.value) }.max() ?? 1, 1)
        let half = (Double(width) - labelW - 2 * pad) / 2
        let zero = labelW + pad + half
        var body = HTML.empty("line", ["x1": Chart.n(zero), "x2": Chart.n(zero), "y1": "0", "y2": String(height), "class": "axis"])
        for (i, b) in bars.enumerated() {
            let y = 4 + Double(i) * rowH
            let len = abs(b.value) / maxV * half
            let x = b.value >= 0 ? zero : zero - len
            body += HTML.element(
                "text", ["x": Chart.n(labelW - 6), "y": Chart.n(y + 12), "text-anchor": "end", "class": "tick"], HTML(text: b.label))
            body += HTML.empty(
                "rect",
                [
                    "x": Chart.n(x), "y": Chart.n(y + 2), "width": Chart.n(max(len, 0.5)), "height": Chart.n(rowH - 5),
                    "class": b.value >= 0 ? "bar" : "bar neg",
                ])
            let text = display.number(b.value, decimals: 0, signed: true)
            body += HTML.element(
                "text",
                [
                    "x": Chart.n(b.value >= 0 ? zero + len + 4 : zero - len - 4), "y": Chart.n(y + 12), "text-anchor": b.value >= 0 ? "start" : "end",
                    "class": "tick",
                ],
                HTML(text: text))
        }
        let sorted = bars.sorted { $0.value < $1.value }
        let desc: String
        if let lo = sorted.first, let hi = sorted.last {
            desc = s(
                "chart.diverging.desc", hi.label, display.number(hi.value, decimals: 0, signed: true), lo.label,
                display.number(lo.value, decimals: 0, signed: true), unit)
        } else {
            desc = s["chart.nodata"]
        }
        return Chart.figure(
            id: id, caption: caption, description: desc, width: width, height: height, body: body, table: table,
            tableSummary: s["chart.table"], className: "chart-figure bars")
    }
}
