import AtlasCore
import AtlasNumerics

/// Pieces several page kinds share.
extension PageRenderer {
    /// The Zeichenerklärung (legend of symbols and flags) under every page
    /// with figures (made once per language: `legend`).
    func symbolLegend() -> LegendModel { legend ?? makeSymbolLegend() }

    func makeSymbolLegend() -> LegendModel {
        var items = Symbol.allCases.map { LegendModel.Item(symbol: HTML(text: display.shown($0)), meaning: HTML(text: display.meaning($0))) }
        items.append(LegendModel.Item(symbol: HTML(text: "( )"), meaning: HTML(text: s["symbol.restricted"])))
        for f in Flags.allCases { items.append(LegendModel.Item(symbol: HTML(text: f.letters), meaning: HTML(text: s["flag." + f.letters]))) }
        return LegendModel(title: HTML(text: s["legend.title"]), items: items)
    }

    /// How the Land and Germany values of an indicator are formed, in words.
    func referenceText(_ i: Indicator, level: RegionLevel) -> String {
        switch i.reference {
        case .median: return s["ref.median"]
        case .sum, .sumWithCoverage: return s["ref.sum"]
        case .weightedMean(let w):
            let title = atlas.indicators.first { $0.id == w.value }?.title[lang] ?? w.value
            return s("ref.weighted", title)
        case .ratio:
            let d = i.derive
            let title = { (id: String?) in atlas.indicators.first { $0.id == id }?.title[lang] ?? id ?? "" }
            return s("ref.ratio", title(d?.numerator.value), title(d?.denominator.value))
        }
    }

    /// How a Land's value (`land`) or Germany's (nil) was formed, short
    /// enough for its label ("Median der Kreise", "amtliche Zahl"): a reader
    /// who quotes the figure quotes how it came about with it.
    func formation(_ i: Indicator, _ f: IndicatorFacts, year: Int?, land: String?) -> String {
        s["ref.short." + formationKey(i, f, year: year, land: land)]
    }

    /// The same as a word for the downloads: "median", "official", "sum_laender", …
    func formationKey(_ i: Indicator, _ f: IndicatorFacts, year: Int?, land: String?) -> String {
        if f.level == .land { return land == nil ? "sum_laender" : "official" }
        if let land, let y = year, atlas.values(i.id, level: .land)?.series[land]?[y] != nil {
            // Given by a source: official; else added up from the Gemeinden (`aggregate:`).
            if i.values.contains(where: { $0.level == .land }) || i.aggregate == nil { return "official" }
            return i.aggregate!.rule == .sum ? "sum_gemeinden" : "weighted_gemeinden"
        }
        switch i.reference {
        case .median: return "median"
        case .sum, .sumWithCoverage: return "sum"
        case .weightedMean: return "weighted"
        case .ratio: return "ratio"
        }
    }

    /// A reference value's label with its formation: "Deutschland (Median der Kreise)".
    func formedLabel(_ name: String, _ i: Indicator, _ f: IndicatorFacts, year: Int?, land: String?) -> String {
        s("ref.label", name, formation(i, f, year: year, land: land))
    }

    /// "Rang 37 von 398" plus the tie, in words.
    func rankText(_ rank: Ranking.Rank?) -> String {
        guard let rank else { return s["rank.none"] }
        var t = s("rank.of", String(rank.position), String(rank.of))
        if rank.tied > 1 { t += " " + s("rank.tied", String(rank.tied - 1)) }
        return t
    }

    func rankDirection(_ i: Indicator) -> String {
        switch i.polarity {
        case .higherIsBetter: s["rank.dir.higher"]
        case .lowerIsBetter: s["rank.dir.lower"]
        case .neutral: s["rank.dir.neutral"]
        }
    }

    /// A value with its unit, or a symbol: for definition lists and cells.
    func valueHTML(_ o: Observation?, _ i: Indicator) -> HTML {
        let v = display.html(o, decimals: i.decimals)
        guard o?.hasValue == true else { return v }
        return v + HTML(text: "\u{00A0}" + unit(i))
    }

    func numberWithUnit(_ v: Double?, _ i: Indicator) -> HTML {
        guard let v else { return display.html(nil, decimals: 0) }
        return HTML(text: display.number(v, decimals: i.decimals) + "\u{00A0}" + unit(i))
    }

    /// The unit of a change: percentage points for percentages.
    func changeUnit(_ i: Indicator) -> String {
        i.unit["de"] == "%" ? s["unit.pp"] : unit(i)
    }

    /// A region's figures by year, the course its sparkline draws (and the
    /// comparison's small series): symbols left out, years in order.
    func seriesPoints(_ f: IndicatorFacts, _ code: String) -> [(year: Int, value: Double)] {
        let series = f.values.series[code] ?? [:]
        return series.keys.sorted().compactMap { y in series[y]?.value.map { (year: y, value: $0) } }
    }

    /// The time series of one region as a sparkline with its table.
    func sparkline(id: String, caption: String, name: String, facts f: IndicatorFacts, code: String) -> HTML {
        let i = f.indicator
        let series = f.values.series[code] ?? [:]
        let years = series.keys.sorted()
        let points = seriesPoints(f, code)
        // The rows written straight into one string: every card has this table.
        // They start where the chart starts, at the first figure: the years
        // before it (a source's series reaching back to 1995 for other
        // districts) were a column of "k. A." the chart does not show.
        var rows = ""
        rows.reserveCapacity(years.count * 60)
        for y in years where y >= (points.first?.year ?? y) {
            rows += "<tr><th scope=\"row\">"
            rows += String(y)
            rows += "</th><td class=\"num\">"
            rows += display.html(series[y], decimals: i.decimals).raw
            rows += "</td></tr>"
        }
        // One figure is no course over time: no chart (the card shows the value).
        guard points.count > 1 else { return .empty }
        let table = Chart.table(caption: caption, headers: [s["table.year"], "\(s["table.value"]) (\(unit(i)))"], body: rows)
        return LineChart(
            id: id, caption: caption, unit: unit(i), decimals: i.decimals,
            series: [LineChart.Series(name: name, points: points, emphasised: true)], table: table, display: display
        ).render(compact: true)
    }
}
