import AtlasCore

/// One indicator: definition, source and licence, distribution, time series of
/// Germany and the Länder, top and bottom 10, the full ranking table (sortable
/// with a small script; sorted by rank without it) and the CSV download.
extension PageRenderer {
    func indicatorPage(_ i: Indicator) -> Page {
        let f = facts[i.id]!
        let page = "indikator/\(i.id)/index.html"
        let full = path(page)
        let yearText = f.latestYear.map(String.init) ?? "–"
        let licence = atlas.definition.licences[i.source.licence.value]
        var meta: [HTML] = []
        func row(_ term: String, _ value: HTML) {
            meta.append(HTML.element("dt", [:], HTML(text: term)) + HTML.element("dd", [:], value))
        }
        row(s["ind.definition"], HTML(text: i.definition[lang]))
        row(s["ind.unit"], HTML(text: unit(i)))
        row(s["ind.years"], HTML(text: f.years.first.map { "\($0)–\(f.years.last!)" } ?? "–"))
        var source = HTML(text: i.source.publisher[lang])
        if let url = i.source.url { source = HTML.element("a", ["href": url], source) }
        row(s["ind.source"], source)
        if let licence {
            row(s["ind.licence"], HTML.element("a", ["href": licence.url, "rel": "license"], HTML(text: licence.name)))
        }
        if let a = i.source.attribution { row(s["ind.attribution"], HTML(text: a)) }
        if let c = i.source.changes { row(s["ind.changes"], HTML(text: c[lang])) }
        row(s["ind.datenstand"], HTML(text: dateText(i.source.datenstand)))
        row(s["ind.reference"], HTML(text: referenceText(i, level: f.level)))
        row(s["ind.rank"], HTML(text: rankDirection(i)))
        if gemeindeFacts[i.id] != nil {
            row(
                s["ind.gemeinden"],
                HTML.element("a", ["href": link(from: full, to: path("indikator/\(i.id)/gemeinden/index.html"))], HTML(text: s["ind.gemeinden_link"]))
            )
        }
        row(
            s["ind.download"],
            HTML.element("a", ["href": link(from: full, to: "daten/\(i.id).csv"), "download": "\(i.id).csv"], HTML(text: s("ind.csv", i.id))))

        let levelName = f.level == .kreis ? s["level.kreise"] : s["level.laender"]
        var figures = HTML.empty
        if f.level == .kreis {
            var hist = Histogram(
                id: "verteilung", caption: s("ind.hist", yearText, String(f.ranking.count)), unit: unit(i), decimals: i.decimals,
                values: f.latestFigures(), marker: nil, display: display)
            hist.width = 560
            hist.height = 180
            figures += hist.render(compact: false)
        }
        figures += timeSeries(i, f)
        let names = Dictionary(uniqueKeysWithValues: atlas.regions.list(f.level).map { ($0.code, $0.shortName ?? $0.name) })
        let top = f.ranking.prefix(10).map { BarChart.Bar(label: names[$0.id] ?? $0.id, value: $0.value, rank: $0.rank.position) }
        let bottom = f.ranking.suffix(10).map { BarChart.Bar(label: names[$0.id] ?? $0.id, value: $0.value, rank: $0.rank.position) }
        if f.ranking.count > 20 {
            figures += BarChart(id: "erste-10", caption: s("ind.top", yearText), unit: unit(i), decimals: i.decimals, bars: top, display: display)
                .render()
            figures += BarChart(
                id: "letzte-10", caption: s("ind.bottom", yearText), unit: unit(i), decimals: i.decimals, bars: Array(bottom), display: display
            ).render()
        }

        let model = IndicatorModel(
            title: HTML(text: i.title[lang]), short: HTML(text: i.short[lang]), meta: HTML.joined(meta),
            sMaps: HTML(text: s["map.heading"]), maps: indicatorMaps(f), sFigures: HTML(text: s["ind.figures"]), figures: figures,
            sRanking: HTML(text: s("ind.ranking", levelName, yearText)), ranking: rankingTable(i, f, from: full), legend: symbolLegend())
        let theme = atlas.topics.first { $0.id == i.topic.value }
        return Page(
            path: page, title: i.title[lang], description: i.short[lang], model: model,
            section: "themes", sortable: true,
            breadcrumbs: [
                (s["nav.home"], "index.html"), (theme?.title[lang] ?? "", theme.map { "themen/\($0.id)/index.html" }),
                (i.title[lang], nil),
            ])
    }

    func timeSeries(_ i: Indicator, _ f: IndicatorFacts) -> HTML {
        let laender = atlas.regions.list(.land)
        var series: [LineChart.Series] = laender.map { l in
            LineChart.Series(
                name: l.shortName ?? l.name, points: f.years.compactMap { y in f.landValues[y]?[l.code].map { (y, $0) } }, emphasised: false)
        }
        let hasGermany = !f.germanyValues.isEmpty
        if hasGermany {
            series.append(
                LineChart.Series(name: s["card.germany"], points: f.years.compactMap { y in f.germanyValues[y].map { (y, $0) } }, emphasised: true))
        }
        let headers = [s["table.year"]] + (hasGermany ? [s["card.germany"]] : []) + laender.map { $0.shortName ?? $0.name }
        let rows: [[HTML]] = f.years.map { y in
            [HTML(text: String(y))] + (hasGermany ? [cell(f.germanyValues[y], i)] : [])
                + laender.map { cell(f.landValues[y]?[$0.code], i) }
        }
        let caption = s("ind.series", unit(i))
        let table = Chart.table(caption: caption, headers: headers, rows: rows)
        var chart = LineChart(id: "zeitreihe", caption: caption, unit: unit(i), decimals: i.decimals, series: series, table: table, display: display)
        chart.width = 560
        chart.height = 260
        return chart.render()
    }

    func cell(_ v: Double?, _ i: Indicator) -> HTML {
        guard let v else { return display.html(nil, decimals: 0) }
        return HTML(text: display.number(v, decimals: i.decimals))
    }

    func rankingTable(_ i: Indicator, _ f: IndicatorFacts, from full: String) -> HTML {
        let regions = atlas.regions.list(f.level)
        let byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
        // The rows are written straight into one string (the markup
        // HTML.element would give): 400 rows here, 10,800 on a Gemeinde ranking.
        let folder = f.level == .gemeinde ? "gemeinde" : f.level == .kreis ? "kreis" : "land"
        var rows = ""
        rows.reserveCapacity(regions.count * 260)
        func row(_ r: Region, rank: String, rankSort: String, obs: Observation?, sortValue: String) {
            rows += "<tr><td class=\"num\" data-sort=\""; rows += rankSort; rows += "\">"; rows += Escape.html(rank)
            let name = Escape.attribute(r.name)
            rows += "</td><th scope=\"row\" data-sort=\""; rows += name; rows += "\"><a href=\""
            rows += Escape.attribute(link(from: full, to: path("\(folder)/\(r.code)/index.html"))); rows += "\">"; rows += name; rows += "</a></th>"
            if f.level != .land {
                // The region one level up: the Land of a Kreis, the Kreis of a Gemeinde.
                let up =
                    f.level == .gemeinde
                    ? r.parent.flatMap { atlas.regions.region($0, level: .kreis) }.map { $0.shortName ?? $0.name } ?? ""
                    : r.parent.flatMap { atlas.regions.region($0, level: .land)?.shortName } ?? ""
                let upText = Escape.html(up)
                rows += "<td data-sort=\""; rows += upText; rows += "\">"; rows += upText; rows += "</td>"
            }
            rows += "<td class=\"num\" data-sort=\""; rows += Escape.attribute(sortValue); rows += "\">"
            rows += display.html(obs, decimals: i.decimals).raw; rows += "</td></tr>"
        }
        for entry in f.ranking {
            guard let r = byCode[entry.id] else { continue }
            let rank = entry.rank.tied > 1 ? "\(entry.rank.position)=" : String(entry.rank.position)
            row(r, rank: rank, rankSort: String(entry.rank.position), obs: f.observation(r.code), sortValue: String(entry.value))
        }
        for r in regions where f.rankByCode[r.code] == nil {
            row(r, rank: "–", rankSort: "999999", obs: f.observation(r.code), sortValue: "")
        }
        let head = HTML.element(
            "tr", [:],
            HTML.element("th", ["scope": "col", "class": "num", "aria-sort": "ascending", "data-type": "number"], HTML(text: s["table.rank"])),
            HTML.element(
                "th", ["scope": "col", "data-type": "text"],
                HTML(text: f.level == .gemeinde ? s["table.gemeinde"] : f.level == .kreis ? s["table.kreis"] : s["table.land"])),
            f.level != .land
                ? HTML.element("th", ["scope": "col", "data-type": "text"], HTML(text: f.level == .gemeinde ? s["table.kreis"] : s["table.land"]))
                : .empty,
            HTML.element("th", ["scope": "col", "class": "num", "data-type": "number"], HTML(text: "\(s["table.value"]) (\(unit(i)))")))
        let tieNote = f.ranking.contains { $0.rank.tied > 1 } ? " " + s["table.tie_note"] : ""
        return HTML.element(
            "table", ["class": "data ranking sortable"],
            HTML.element("caption", [:], HTML(text: s("table.ranking_caption", i.title[lang], f.latestYear.map(String.init) ?? "–") + tieNote)),
            HTML.element("thead", [:], head), HTML.element("tbody", [:], HTML.trusted(rows)))
    }
}
