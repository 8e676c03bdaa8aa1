/// Ranked horizontal bars (top and bottom 10 on an indicator page). Each bar
/// is labelled with its region and value in text; the marked bar is also
/// hatched, so colour is never the only sign.
public struct BarChart {
    public struct Bar {
        public var label: String
        public var value: Double
        public var rank: Int

        public init(label: String, value: Double, rank: Int) {
            self.label = label
            self.value = value
            self.rank = rank
        }
    }

    public var id: String
    public var caption: String
    public var unit: String
    public var decimals: Int
    public var bars: [Bar]
    public var display: Display
    public var width = 460

    public init(id: String, caption: String, unit: String, decimals: Int, bars: [Bar], display: Display) {
        self.id = id
        self.caption = caption
        self.unit = unit
        self.decimals = decimals
        self.bars = bars
        self.display = display
    }

    public func render() -> HTML {
        let s = display.strings
        let rowH = 18.0
        // Long names are shortened in the chart (the table below has them in
        // full); label and value columns are as wide as their texts.
        let labelW = min(Double(width) * 0.5, (bars.map { Chart.textWidth("\($0.rank). \($0.label)") }.max() ?? 0) + 10)
        let values = bars.map { display.number($0.value, decimals: decimals) }
        let valueW = (values.map { Chart.textWidth($0) }.max() ?? 0) + 8
        let height = Int(Double(bars.count) * rowH + 8)
        let maxV = max(bars.map { abs($0.value) }.max() ?? 1, 1e-9)
        let barSpace = Double(width) - labelW - valueW
        var body = HTML.empty
        for (i, b) in bars.enumerated() {
            let y = 4 + Double(i) * rowH
            let len = max(1, abs(b.value) / maxV * barSpace)
            body += HTML.element(
                "text", ["x": Chart.n(labelW - 6), "y": Chart.n(y + 12), "text-anchor": "end", "class": "tick"],
                HTML(text: Chart.fitted("\(b.rank). \(b.label)", width: labelW - 8)))
            body += HTML.empty(
                "rect", ["x": Chart.n(labelW), "y": Chart.n(y + 2), "width": Chart.n(len), "height": Chart.n(rowH - 5), "class": "bar"])
            body += HTML.element("text", ["x": Chart.n(labelW + len + 4), "y": Chart.n(y + 12), "class": "tick"], HTML(text: values[i]))
        }
        let f = { (v: Double) in display.number(v, decimals: decimals) + (unit.isEmpty ? "" : " " + unit) }
        let desc: String
        if let first = bars.first, let last = bars.last {
            desc = s("chart.bars.desc", String(bars.count), first.label, f(first.value), last.label, f(last.value))
        } else {
            desc = s["chart.nodata"]
        }
        let table = Chart.table(
            caption: caption, headers: [s["table.rank"], s["table.region"], "\(s["table.value"]) (\(unit))"],
            rows: bars.map { [HTML(text: String($0.rank)), HTML(text: $0.label), HTML(text: display.number($0.value, decimals: decimals))] },
            numericFrom: 2)
        return Chart.figure(
            id: id, caption: caption, description: desc, width: width, height: height, body: body, table: table,
            tableSummary: s["chart.table"], className: "chart-figure bars")
    }
}
