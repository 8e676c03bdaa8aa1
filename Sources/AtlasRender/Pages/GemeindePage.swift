import AtlasCore

/// The page of one Gemeinde (only where the atlas asks for them with
/// `pages: true`): every indicator with Gemeinde figures in one table (latest
/// value, change against the year before, rank among all Gemeinden), then per
/// indicator its time series with the data table behind it.
extension PageRenderer {
    func gemeindePage(_ gemeinde: Region) -> Page {
        let kreis = gemeinde.parent.flatMap { atlas.regions.region($0, level: .kreis) }
        let land = kreis?.parent.flatMap { atlas.regions.region($0, level: .land) }
        let page = "gemeinde/\(gemeinde.code)/index.html"
        let full = path(page)
        let indicators = gemeindeIndicators

        let rows = indicators.map { i in
            let f = gemeindeFacts[i.id]!
            var change = HTML(text: "–")
            if let y = f.latestYear, let now = f.values.observation(gemeinde.code, year: y)?.value,
                let before = f.values.observation(gemeinde.code, year: y - 1)?.value
            {
                change = HTML(text: display.number(now - before, decimals: i.decimals, signed: true) + "\u{00A0}" + changeUnit(i))
            }
            let common = gemeindeCommons[i.id] ?? makeGemeindeCommon(i)
            return GemeindeModel.Indicator(
                id: common.id, title: common.title, short: common.short, href: common.href, year: HTML(text: f.latestYear.map(String.init) ?? "–"),
                value: valueHTML(f.observation(gemeinde.code), i), change: change, rank: HTML(text: rankText(f.rankByCode[gemeinde.code])),
                sparkline: sparkline(
                    id: "verlauf-\(i.id)", caption: s("card.spark", i.title[lang], gemeinde.name), name: gemeinde.name, facts: f,
                    code: gemeinde.code))
        }
        let model = GemeindeModel(
            name: HTML(text: gemeinde.name), level: HTML(text: s["level.gemeinde"]),
            kreis: kreis.map { LinkModel(href: HTML(text: link(from: full, to: path("kreis/\($0.code)/index.html"))), label: HTML(text: $0.name)) },
            land: land.map { LinkModel(href: HTML(text: link(from: full, to: path("land/\($0.code)/index.html"))), label: HTML(text: $0.name)) },
            ags: HTML(text: gemeinde.code), intro: HTML(text: s["gemeinde.intro"]), sOverview: HTML(text: s["gemeinde.overview"]),
            caption: HTML(text: s("gemeinde.table", gemeinde.name)), sIndicator: HTML(text: s["table.indicator"]), sYear: HTML(text: s["table.year"]),
            sValue: HTML(text: s["table.value"]), sChange: HTML(text: s["gemeinde.change"]), sRank: HTML(text: s["gemeinde.rank"]),
            sSeries: HTML(text: s["gemeinde.series"]), hasIndicators: !rows.isEmpty, indicators: rows, legend: symbolLegend())
        return Page(
            path: page, title: gemeinde.name, description: s("gemeinde.meta", gemeinde.name, kreis?.name ?? ""),
            model: model,
            section: "laender",
            breadcrumbs: [
                (s["nav.home"], "index.html"), (land?.name ?? "", land.map { "land/\($0.code)/index.html" }),
                (kreis?.name ?? "", kreis.map { "kreis/\($0.code)/index.html" }), (gemeinde.name, nil),
            ])
    }

    /// What a Gemeinde page shows of an indicator the same on every page
    /// (all Gemeinde pages are at the same depth): made once per language and indicator.
    struct GemeindeCommon: Sendable {
        var id, title, short, href: HTML
    }

    func makeGemeindeCommon(_ i: Indicator) -> GemeindeCommon {
        let full = path("gemeinde/00000000/index.html")
        return GemeindeCommon(
            id: HTML(text: i.id), title: HTML(text: i.title[lang]), short: HTML(text: i.short[lang]),
            href: HTML(text: link(from: full, to: path("indikator/\(i.id)/gemeinden/index.html"))))
    }

    func makeGemeindeCommons() -> [String: GemeindeCommon] {
        var out: [String: GemeindeCommon] = [:]
        for i in gemeindeIndicators { out[i.id] = makeGemeindeCommon(i) }
        return out
    }

    /// All Gemeinden of an indicator by rank (the indicator page ranks the Kreise).
    func gemeindeRankingPage(_ i: Indicator) -> Page {
        let f = gemeindeFacts[i.id]!
        let page = "indikator/\(i.id)/gemeinden/index.html"
        let full = path(page)
        let title = s("gemeinde.ranking_title", i.title[lang])
        let model = GemeindeRankingModel(
            title: HTML(text: title), short: HTML(text: i.short[lang]),
            back: LinkModel(
                href: HTML(text: link(from: full, to: path("indikator/\(i.id)/index.html"))), label: HTML(text: s("gemeinde.back", i.title[lang]))),
            download: LinkModel(href: HTML(text: link(from: full, to: "daten/gemeinden/\(i.id).csv")), label: HTML(text: s["gemeinde.csv"])),
            downloadName: HTML(text: "\(i.id)-gemeinden.csv"), ranking: ranking(i, f, from: full), legend: symbolLegend())
        let theme = atlas.topics.first { $0.id == i.topic.value }
        return Page(
            path: page, title: title, description: i.short[lang], model: model,
            section: "themes", sortable: true,
            breadcrumbs: [
                (s["nav.home"], "index.html"), (theme?.title[lang] ?? "", theme.map { "themen/\($0.id)/index.html" }),
                (i.title[lang], "indikator/\(i.id)/index.html"), (s["level.gemeinden"], nil),
            ])
    }

    /// On a Kreis page: links to the pages of its Gemeinden.
    func kreisGemeinden(_ kreis: Region, from full: String) -> KreisModel.Gemeinden? {
        guard atlas.definition.regions[.gemeinde]?.pages == true else { return nil }
        let members = atlas.regions.list(.gemeinde).filter { $0.parent == kreis.code }
        guard !members.isEmpty else { return nil }
        return KreisModel.Gemeinden(
            title: HTML(text: s("kreis.gemeinden", String(members.count))),
            links: members.map { g in
                LinkModel(href: HTML(text: link(from: full, to: path("gemeinde/\(g.code)/index.html"))), label: HTML(text: g.name))
            })
    }
}
