import AtlasCore

/// The Steckbrief of one district: every indicator grouped by theme with its
/// latest value, rank, Land and Germany values, change over five years, a
/// sparkline and where it stands among all districts.
extension PageRenderer {
    func kreisPage(_ kreis: Region) -> Page {
        let land = kreis.parent.flatMap { atlas.regions.region($0, level: .land) }
        let page = "kreis/\(kreis.code)/index.html"
        let full = path(page)
        var sections: [HTML] = []
        for (theme, indicators) in steckbriefThemes {
            var cards: [HTML] = []
            for i in indicators {
                guard let f = facts[i.id] else { continue }
                cards.append(card(i, f, kreis: kreis, land: land, from: full))
            }
            sections.append(
                HTML.element(
                    "section", ["class": "theme", "aria-labelledby": "thema-\(theme.id)"],
                    HTML.element("h2", ["id": "thema-\(theme.id)"], HTML(text: theme.title[lang])),
                    HTML.element("div", ["class": "cards"], joined: cards)))
        }
        var lead: [HTML] = []
        if let type = kreis.type { lead.append(HTML(text: s["type." + type])) }
        if let land {
            lead.append(HTML.element("a", ["href": link(from: full, to: path("land/\(land.code)/index.html"))], HTML(text: land.name)))
        }
        lead.append(HTML(text: "AGS \(kreis.code)"))
        var intro = HTML.element("p", ["class": "lead"], HTML.joined(lead, separator: HTML(text: " · ")))
        intro += HTML.element("p", [:], HTML(text: s["kreis.intro"]))
        return Page(
            path: page, title: kreis.name, description: s("kreis.meta", kreis.name, land?.name ?? ""),
            parts: ["name": HTML(text: kreis.name), "intro": intro, "locator": locatorMap(kreis), "sections": sections, "offers": kreisOffers(kreis, from: full), "gemeinden": kreisGemeinden(kreis, from: full), "legend": symbolLegend()], kind: "kreis", section: "laender",
            breadcrumbs: [(s["nav.home"], "index.html"), (land?.name ?? "", land.map { "land/\($0.code)/index.html" }), (kreis.name, nil)])
    }

    /// " (aus 1 von 2 Kreisen)" where a reference value rests on part of the districts.
    func coverage(_ f: IndicatorFacts, _ year: Int?, _ key: String) -> HTML {
        guard let year, let p = f.partial[year]?[key] else { return .empty }
        return HTML.element("span", ["class": "note"], HTML(text: " " + s("card.partial", String(p.have), String(p.of))))
    }

    func card(_ i: Indicator, _ f: IndicatorFacts, kreis: Region, land: Region?, from full: String) -> HTML {
        let year = f.latestYear
        let obs = f.observation(kreis.code)
        let landValue = year.flatMap { y in land.flatMap { f.landValues[y]?[$0.code] } }
        let deValue = year.flatMap { f.germanyValues[$0] }
        var change = HTML(text: s("card.change_none", year.map { String($0 - 5) } ?? "–"))
        if let y = year, let now = f.values.observation(kreis.code, year: y)?.value,
            let then = f.values.observation(kreis.code, year: y - 5)?.value
        {
            change = HTML(text: display.number(now - then, decimals: i.decimals, signed: true) + "\u{00A0}" + changeUnit(i))
        }
        let yearText = year.map(String.init) ?? "–"
        // The card is written straight into one string (the markup
        // HTML.element would give): 23 cards on each of 800 Steckbriefe.
        let spark = sparkline(
            id: "verlauf-\(i.id)", caption: s("card.spark", i.title[lang], kreis.name), name: kreis.name, facts: f, code: kreis.code)
        var histogram = Histogram(
            id: "verteilung-\(i.id)", caption: s("card.hist", i.title[lang], yearText), unit: unit(i), decimals: i.decimals,
            values: f.latestFigures(), marker: obs?.value.map { ($0, kreis.name) }, display: display)
        histogram.cache = histograms
        let hist = histogram.render()
        let id = Escape.attribute(i.id)
        var out = ""
        out.reserveCapacity(spark.raw.utf8.count + hist.raw.utf8.count + 1500)
        out += "<article class=\"card\" aria-labelledby=\"ind-"; out += id; out += "\"><h3 id=\"ind-"; out += id; out += "\"><a href=\""
        out += Escape.attribute(link(from: full, to: path("indikator/\(i.id)/index.html"))); out += "\">"
        out += Escape.html(i.title[lang]); out += "</a></h3><p class=\"short\">"; out += Escape.html(i.short[lang]); out += "</p><dl class=\"facts\">"
        func row(_ term: String, _ value: HTML) {
            out += "<dt>"; out += Escape.html(term); out += "</dt><dd>"; out += value.raw; out += "</dd>"
        }
        row(s("card.value", yearText), valueHTML(obs, i))
        row(s["card.rank"], HTML(text: rankText(f.rankByCode[kreis.code])) + HTML.element("span", ["class": "note"], HTML(text: " (" + rankDirection(i) + ")")))
        if let land { row(land.name, numberWithUnit(landValue, i) + coverage(f, year, land.code)) }
        row(s["card.germany"], numberWithUnit(deValue, i) + coverage(f, year, "DE"))
        row(s("card.change", year.map { String($0 - 5) } ?? "–", yearText), change)
        row(s["card.datenstand"], HTML(text: dateText(i.source.datenstand)))
        out += "</dl><p class=\"note\">"; out += Escape.html(s["card.reference"] + " " + referenceText(i, level: .kreis) + "."); out += "</p>"
        out += "<div class=\"figures\">"; out += spark.raw; out += hist.raw; out += "</div></article>"
        return HTML.trusted(out)
    }
}
