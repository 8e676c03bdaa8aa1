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

    /// What a Steckbrief card of an indicator shows the same for every
    /// district, as markup: made once per language and indicator (all
    /// Steckbriefe are at the same depth), not 400 times.
    struct CardFrame {
        var head: String  // <article …><h3>…</h3><p class="short">…</p><dl class="facts"><dt>Wert 2023</dt><dd>
        var rank: String  // </dd><dt>Rang</dt><dd>
        var rankNote: String  // <span class="note"> (…)</span></dd>
        var germany: String  // <dt>Deutschland</dt><dd>
        var change: String  // </dd><dt>Veränderung …</dt><dd>
        var tail: String  // </dd><dt>Datenstand</dt><dd>…</dd></dl><p class="note">…</p><div class="figures">
        var noChange: HTML
        var yearText: String
    }

    func makeCardFrame(_ i: Indicator, _ f: IndicatorFacts, from full: String) -> CardFrame {
        let year = f.latestYear
        let yearText = year.map(String.init) ?? "–"
        let id = Escape.attribute(i.id)
        func dt(_ term: String) -> String { "<dt>" + Escape.html(term) + "</dt><dd>" }
        var head = "<article class=\"card\" aria-labelledby=\"ind-" + id + "\"><h3 id=\"ind-" + id + "\"><a href=\""
        head += Escape.attribute(link(from: full, to: path("indikator/\(i.id)/index.html"))) + "\">"
        head += Escape.html(i.title[lang]) + "</a></h3><p class=\"short\">" + Escape.html(i.short[lang]) + "</p><dl class=\"facts\">"
        head += dt(s("card.value", yearText))
        var tail = "</dd>" + dt(s["card.datenstand"]) + Escape.html(dateText(i.source.datenstand)) + "</dd>"
        tail += "</dl><p class=\"note\">" + Escape.html(s["card.reference"] + " " + referenceText(i, level: .kreis) + ".") + "</p>"
        tail += "<div class=\"figures\">"
        return CardFrame(
            head: head, rank: "</dd>" + dt(s["card.rank"]),
            rankNote: HTML.element("span", ["class": "note"], HTML(text: " (" + rankDirection(i) + ")")).raw + "</dd>",
            germany: dt(s["card.germany"]), change: "</dd>" + dt(s("card.change", year.map { String($0 - 5) } ?? "–", yearText)),
            tail: tail, noChange: HTML(text: s("card.change_none", year.map { String($0 - 5) } ?? "–")), yearText: yearText)
    }

    func makeCardFrames() -> [String: CardFrame] {
        var out: [String: CardFrame] = [:]
        let full = path("kreis/00000/index.html")
        for (_, indicators) in steckbriefThemes {
            for i in indicators { if let f = facts[i.id] { out[i.id] = makeCardFrame(i, f, from: full) } }
        }
        return out
    }

    func card(_ i: Indicator, _ f: IndicatorFacts, kreis: Region, land: Region?, from full: String) -> HTML {
        let frame = cardFrames[i.id] ?? makeCardFrame(i, f, from: full)
        let year = f.latestYear
        let obs = f.observation(kreis.code)
        let landValue = year.flatMap { y in land.flatMap { f.landValues[y]?[$0.code] } }
        let deValue = year.flatMap { f.germanyValues[$0] }
        var change = frame.noChange
        if let y = year, let now = f.values.observation(kreis.code, year: y)?.value,
            let then = f.values.observation(kreis.code, year: y - 5)?.value
        {
            change = HTML(text: display.number(now - then, decimals: i.decimals, signed: true) + "\u{00A0}" + changeUnit(i))
        }
        // The card is written straight into one string (the markup
        // HTML.element would give): 23 cards on each of 800 Steckbriefe.
        let spark = sparkline(
            id: "verlauf-\(i.id)", caption: s("card.spark", i.title[lang], kreis.name), name: kreis.name, facts: f, code: kreis.code)
        var histogram = Histogram(
            id: "verteilung-\(i.id)", caption: s("card.hist", i.title[lang], frame.yearText), unit: unit(i), decimals: i.decimals,
            values: f.latestFigures(), marker: obs?.value.map { ($0, kreis.name) }, display: display)
        histogram.cache = histograms
        let hist = histogram.render()
        var out = ""
        out.reserveCapacity(spark.raw.utf8.count + hist.raw.utf8.count + frame.head.utf8.count + frame.tail.utf8.count + 600)
        out += frame.head
        out += valueHTML(obs, i).raw
        out += frame.rank
        out += Escape.html(rankText(f.rankByCode[kreis.code]))
        out += frame.rankNote
        if let land {
            out += "<dt>"; out += Escape.html(land.name); out += "</dt><dd>"
            out += numberWithUnit(landValue, i).raw; out += coverage(f, year, land.code).raw; out += "</dd>"
        }
        out += frame.germany
        out += numberWithUnit(deValue, i).raw; out += coverage(f, year, "DE").raw
        out += frame.change
        out += change.raw
        out += frame.tail
        out += spark.raw; out += hist.raw; out += "</div></article>"
        return HTML.trusted(out)
    }
}
