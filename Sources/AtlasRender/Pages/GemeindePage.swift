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

        var rows: [[HTML]] = []
        var cards = ""
        for i in indicators {
            let f = gemeindeFacts[i.id]!
            let obs = f.observation(gemeinde.code)
            var change = HTML(text: "–")
            if let y = f.latestYear, let now = f.values.observation(gemeinde.code, year: y)?.value,
                let before = f.values.observation(gemeinde.code, year: y - 1)?.value
            {
                change = HTML(text: display.number(now - before, decimals: i.decimals, signed: true) + "\u{00A0}" + changeUnit(i))
            }
            let frame = gemeindeFrames[i.id] ?? makeGemeindeFrame(i, from: full)
            let title = frame.link
            rows.append([
                title, HTML(text: f.latestYear.map(String.init) ?? "–"), valueHTML(obs, i), change,
                HTML(text: rankText(f.rankByCode[gemeinde.code])),
            ])
            let spark = sparkline(
                id: "verlauf-\(i.id)", caption: s("card.spark", i.title[lang], gemeinde.name), name: gemeinde.name, facts: f,
                code: gemeinde.code)
            cards += frame.head
            cards += spark.raw
            cards += "</div></article>"
        }
        let table = Chart.table(
            caption: s("gemeinde.table", gemeinde.name),
            headers: [s["table.indicator"], s["table.year"], s["table.value"], s["gemeinde.change"], s["gemeinde.rank"]],
            rows: rows, numericFrom: 1)
        var lead: [HTML] = [HTML(text: s["level.gemeinde"])]
        if let kreis {
            lead.append(HTML.element("a", ["href": link(from: full, to: path("kreis/\(kreis.code)/index.html"))], HTML(text: kreis.name)))
        }
        if let land {
            lead.append(HTML.element("a", ["href": link(from: full, to: path("land/\(land.code)/index.html"))], HTML(text: land.name)))
        }
        lead.append(HTML(text: "AGS \(gemeinde.code)"))
        let intro =
            HTML.element("p", ["class": "lead"], HTML.joined(lead, separator: HTML(text: " · ")))
            + HTML.element("p", [:], HTML(text: s["gemeinde.intro"]))
        let sections: [HTML] =
            indicators.isEmpty
            ? []
            : [
                HTML.element(
                    "section", ["aria-labelledby": "ueberblick"], HTML.element("h2", ["id": "ueberblick"], HTML(text: s["gemeinde.overview"])), table),
                HTML.element(
                    "section", ["aria-labelledby": "verlaeufe"], HTML.element("h2", ["id": "verlaeufe"], HTML(text: s["gemeinde.series"])),
                    HTML.element("div", ["class": "cards"], HTML.trusted(cards))),
            ]
        return Page(
            path: page, title: gemeinde.name, description: s("gemeinde.meta", gemeinde.name, kreis?.name ?? ""),
            model: GemeindeModel(name: HTML(text: gemeinde.name), intro: intro, sections: sections, legend: symbolLegend()),
            section: "laender",
            breadcrumbs: [
                (s["nav.home"], "index.html"), (land?.name ?? "", land.map { "land/\($0.code)/index.html" }),
                (kreis?.name ?? "", kreis.map { "kreis/\($0.code)/index.html" }), (gemeinde.name, nil),
            ])
    }

    /// What a Gemeinde page shows of an indicator the same on every page: the
    /// card's head and the link in the overview table (all Gemeinde pages
    /// are at the same depth). Made once per language and indicator.
    func makeGemeindeFrame(_ i: Indicator, from full: String) -> (head: String, link: HTML) {
        let head = HTML.element(
            "article", ["class": "card", "aria-labelledby": "ind-\(i.id)"],
            HTML.element("h3", ["id": "ind-\(i.id)"], HTML(text: i.title[lang])),
            HTML.element("p", ["class": "short"], HTML(text: i.short[lang])),
            HTML.element("div", ["class": "figures"], HTML.trusted("\u{1}"))
        ).raw
        // Cut where the sparkline goes.
        let cut = head.range(of: "\u{1}")!
        let link = HTML.element("a", ["href": link(from: full, to: path("indikator/\(i.id)/gemeinden/index.html"))], HTML(text: i.title[lang]))
        return (String(head[..<cut.lowerBound]), link)
    }

    func makeGemeindeFrames() -> [String: (head: String, link: HTML)] {
        var out: [String: (head: String, link: HTML)] = [:]
        let full = path("gemeinde/00000000/index.html")
        for i in gemeindeIndicators { out[i.id] = makeGemeindeFrame(i, from: full) }
        return out
    }

    /// All Gemeinden of an indicator by rank (the indicator page ranks the Kreise).
    func gemeindeRankingPage(_ i: Indicator) -> Page {
        let f = gemeindeFacts[i.id]!
        let page = "indikator/\(i.id)/gemeinden/index.html"
        let full = path(page)
        let title = s("gemeinde.ranking_title", i.title[lang])
        var body = HTML.element("p", ["class": "lead"], HTML(text: i.short[lang]))
        body += HTML.element(
            "p", [:],
            HTML.element("a", ["href": link(from: full, to: path("indikator/\(i.id)/index.html"))], HTML(text: s("gemeinde.back", i.title[lang]))))
        body += HTML.element(
            "p", [:],
            HTML.element(
                "a", ["href": link(from: full, to: "daten/gemeinden/\(i.id).csv"), "download": "\(i.id)-gemeinden.csv"],
                HTML(text: s["gemeinde.csv"])))
        body += rankingTable(i, f, from: full)
        body += symbolLegend()
        let theme = atlas.topics.first { $0.id == i.topic.value }
        return Page(
            path: page, title: title, description: i.short[lang], model: ListPageModel(title: HTML(text: title), body: body),
            section: "themes", sortable: true,
            breadcrumbs: [
                (s["nav.home"], "index.html"), (theme?.title[lang] ?? "", theme.map { "themen/\($0.id)/index.html" }),
                (i.title[lang], "indikator/\(i.id)/index.html"), (s["level.gemeinden"], nil),
            ])
    }

    /// On a Kreis page: links to the pages of its Gemeinden.
    func kreisGemeinden(_ kreis: Region, from full: String) -> HTML {
        guard atlas.definition.regions[.gemeinde]?.pages == true else { return .empty }
        let members = atlas.regions.list(.gemeinde).filter { $0.parent == kreis.code }
        guard !members.isEmpty else { return .empty }
        var items = ""
        for g in members {
            items += "<li><a href=\""
            items += Escape.attribute(link(from: full, to: path("gemeinde/\(g.code)/index.html")))
            items += "\">"
            items += Escape.html(g.name)
            items += "</a></li>"
        }
        return HTML.element(
            "section", ["class": "theme", "aria-labelledby": "gemeinden"],
            HTML.element("h2", ["id": "gemeinden"], HTML(text: s("kreis.gemeinden", String(members.count)))),
            HTML.element("ul", ["class": "columns"], HTML.trusted(items)))
    }
}
