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
        var meta: [IndicatorModel.Meta] = []
        func row(_ term: String, _ text: String, href: String? = nil, licence: Bool = false, download: String? = nil) {
            meta.append(
                IndicatorModel.Meta(
                    term: HTML(text: term), text: HTML(text: text), href: href.map { HTML(text: $0) }, licence: licence,
                    download: download.map { HTML(text: $0) }))
        }
        row(s["ind.definition"], i.definition[lang])
        row(s["ind.unit"], unit(i))
        row(s["ind.years"], f.years.first.map { $0 == f.years.last! ? String($0) : "\($0)–\(f.years.last!)" } ?? "–")
        row(s["ind.source"], i.source.publisher[lang], href: i.source.url)
        if let licence { row(s["ind.licence"], licence.name, href: licence.url, licence: true) }
        if let a = i.source.attribution { row(s["ind.attribution"], a) }
        if let c = i.source.changes { row(s["ind.changes"], c[lang]) }
        // A table set: the later files' years with their own Datenstand.
        let later = Dictionary(grouping: f.values.datenstand.keys.sorted()) { f.values.datenstand[$0]! }.sorted { $0.key < $1.key }
        row(
            s["ind.datenstand"],
            ([dateText(i.source.datenstand)] + later.map { d, years in "\(years.map(String.init).joined(separator: ", ")): \(dateText(d))" })
                .joined(separator: "; "))
        row(s["ind.reference"], referenceText(i, level: f.level))
        if let note = i.note { row(s["ind.note"], note[lang]) }
        if let least = i.disclosure?.min {
            row(s["ind.secrecy"], least == 2 ? s["ind.secrecy_one"] : s("ind.secrecy_text", String(least - 1)))
        }
        for (code, note) in f.values.notListed.sorted(by: { $0.key < $1.key }) {
            row(s["ind.not_listed"], (atlas.regions.region(code, level: .kreis)?.name ?? code) + ": " + note[lang])
        }
        // Figures of reporting units: never ranked as one Kreis's.
        for group in f.values.groups {
            let names = group.covers.compactMap { atlas.regions.region($0, level: .kreis)?.name }.joined(separator: ", ")
            let value = f.latestYear.flatMap { group.series[$0] }
            let shown =
                value?.hasValue == true
                ? display.number(value!.value!, decimals: i.decimals) + "\u{00A0}" + unit(i) : display.shown(value?.symbol ?? .blank)
            row(
                s["ind.group"],
                s("ind.group_text", atlas.regions.region(group.reportedBy, level: .kreis)?.name ?? group.reportedBy, names, shown, yearText) + " "
                    + group.note[lang])
        }
        row(s["ind.rank"], rankDirection(i))
        if gemeindeFacts[i.id] != nil {
            row(s["ind.gemeinden"], s["ind.gemeinden_link"], href: link(from: full, to: path("indikator/\(i.id)/gemeinden/index.html")))
        }
        row(s["ind.download"], s("ind.csv", i.id), href: link(from: full, to: "daten/\(i.id).csv"), download: "\(i.id).csv")
        row(s["ind.download_excel"], s("ind.csv_excel", i.id), href: link(from: full, to: "daten/\(i.id)-excel.csv"), download: "\(i.id)-excel.csv")

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
            title: HTML(text: i.title[lang]), short: HTML(text: i.short[lang]), meta: meta,
            sMaps: HTML(text: s["map.heading"]), maps: indicatorMaps(f), sFigures: HTML(text: s["ind.figures"]), figures: figures,
            sPeers: HTML(text: atlas.definition.peerGroups?.title[lang] ?? ""), peers: peerTable(i, f),
            sRanking: HTML(text: s("ind.ranking", levelName, yearText)), ranking: ranking(i, f, from: full), legend: symbolLegend())
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
        // A Germany line that never moves (the sum of shares of the Länder: 100 %) says nothing.
        let germanyValues = Set(f.germanyValues.values.map { ValueParser.rounded($0, decimals: i.decimals) })
        let hasGermany = !f.germanyValues.isEmpty && !(f.level == .land && f.years.count > 1 && germanyValues.count == 1)
        let germany = formedLabel(s["card.germany"], i, f, year: f.latestYear, land: nil)
        if hasGermany {
            series.append(
                LineChart.Series(name: germany, points: f.years.compactMap { y in f.germanyValues[y].map { (y, $0) } }, emphasised: true))
        }
        let headers = [s["table.year"]] + (hasGermany ? [germany] : []) + laender.map { $0.shortName ?? $0.name }
        let rows: [[HTML]] = f.years.map { y in
            [HTML(text: String(y))] + (hasGermany ? [cell(f.germanyValues[y], i)] : [])
                + laender.map { cell(f.landValues[y]?[$0.code], i) }
        }
        let caption = s(hasGermany ? "ind.series" : "ind.series_laender", unit(i))
        let table = Chart.table(caption: caption, headers: headers, rows: rows)
        var chart = LineChart(id: "zeitreihe", caption: caption, unit: unit(i), decimals: i.decimals, series: series, table: table, display: display)
        chart.width = 560
        chart.height = 260
        chart.othersLabel = s["level.laender"]
        return chart.render()
    }

    /// Each peer group's value in the latest year, with how many Kreise it has.
    func peerTable(_ i: Indicator, _ f: IndicatorFacts) -> TableModel? {
        guard let def = atlas.definition.peerGroups, f.level == .kreis, let year = f.latestYear else { return nil }
        var count: [String: Int] = [:]
        for (_, g) in atlas.peerGroupOf { count[g, default: 0] += 1 }
        let rows = def.names.map { group in
            let partial = f.peerPartial[year]?[group.code].map { " " + s("card.partial", String($0.have), String($0.of)) } ?? ""
            return TableModel.Row(cells: [
                TableModel.Cell(value: HTML(text: group.name[lang]), href: nil, header: true, numeric: false),
                TableModel.Cell(
                    value: HTML(text: display.number(Double(count[group.code] ?? 0), decimals: 0)), href: nil, header: false, numeric: true),
                TableModel.Cell(value: cell(f.peerValues[year]?[group.code], i) + HTML(text: partial), href: nil, header: false, numeric: true),
            ])
        }
        return TableModel(
            caption: HTML(text: s("ind.peers", String(year), referenceText(i, level: .kreis), def.source[lang])),
            columns: [
                TableModel.Column(label: HTML(text: def.title[lang]), numeric: false),
                TableModel.Column(label: HTML(text: s["level.kreise"]), numeric: true),
                TableModel.Column(label: HTML(text: unit(i)), numeric: true),
            ], rows: rows)
    }

    func cell(_ v: Double?, _ i: Indicator) -> HTML {
        guard let v else { return display.html(nil, decimals: 0) }
        return HTML(text: display.number(v, decimals: i.decimals))
    }

    func ranking(_ i: Indicator, _ f: IndicatorFacts, from full: String) -> RankingModel {
        let regions = atlas.regions.list(f.level)
        let byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
        let folder = f.level == .gemeinde ? "gemeinde" : f.level == .kreis ? "kreis" : "land"
        var rows: [RankingModel.Row] = []
        rows.reserveCapacity(regions.count)
        func row(_ r: Region, rank: String, rankSort: String, obs: Observation?, sortValue: String) {
            // The region one level up: the Land of a Kreis, the Kreis of a Gemeinde.
            let up =
                f.level == .gemeinde
                ? r.parent.flatMap { atlas.regions.region($0, level: .kreis) }.map { $0.shortName ?? $0.name } ?? ""
                : f.level == .kreis ? r.parent.flatMap { atlas.regions.region($0, level: .land)?.shortName } ?? "" : ""
            rows.append(
                RankingModel.Row(
                    rank: HTML(text: rank), rankSort: HTML(text: rankSort),
                    href: HTML(text: link(from: full, to: path("\(folder)/\(r.code)/index.html"))),
                    name: HTML(text: r.name), up: HTML(text: up), value: display.html(obs, decimals: i.decimals),
                    coverage: coverageText(f, r.code), valueSort: HTML(text: sortValue)))
        }
        for entry in f.ranking {
            guard let r = byCode[entry.id] else { continue }
            let rank = entry.rank.tied > 1 ? "\(entry.rank.position)=" : String(entry.rank.position)
            row(r, rank: rank, rankSort: String(entry.rank.position), obs: f.observation(r.code), sortValue: String(entry.value))
        }
        for r in regions where f.rankByCode[r.code] == nil && !i.sparse {
            row(r, rank: "–", rankSort: "999999", obs: f.observation(r.code), sortValue: "")
        }
        let tieNote = f.ranking.contains { $0.rank.tied > 1 } ? " " + s["table.tie_note"] : ""
        return RankingModel(
            caption: HTML(
                text: s("table.ranking_caption", i.title[lang], f.latestYear.map(String.init) ?? "–") + tieNote
                    + (i.sparse ? " " + s["ind.sparse"] : "")),
            sRank: HTML(text: s["table.rank"]),
            sRegion: HTML(text: f.level == .gemeinde ? s["table.gemeinde"] : f.level == .kreis ? s["table.kreis"] : s["table.land"]),
            hasUp: f.level != .land, sUp: HTML(text: f.level == .gemeinde ? s["table.kreis"] : s["table.land"]),
            sValue: HTML(text: "\(s["table.value"]) (\(unit(i)))"), rows: rows)
    }
}
