import Foundation
import AtlasCore

/// The start page, the Land pages, the theme pages, the two list pages and the
/// editorial pages.
extension PageRenderer {
    func indexPage() -> Page {
        let full = path("index.html")
        let topics = atlas.topics.map { topic in
            let indicators = atlas.indicators.filter { $0.topic.value == topic.id && facts[$0.id] != nil }
            return IndexModel.TopicBox(
                id: HTML(text: topic.id), href: HTML(text: link(from: full, to: path("themen/\(topic.id)/index.html"))),
                title: HTML(text: topic.title[lang]),
                indicators: indicators.map { i in
                    LinkModel(href: HTML(text: link(from: full, to: path("indikator/\(i.id)/index.html"))), label: HTML(text: i.title[lang]))
                },
                empty: indicators.isEmpty ? HTML(text: s["theme.empty"]) : nil)
        }
        var map = HTML.empty
        let first = atlas.topics.lazy.compactMap { t in
            atlas.indicators.filter { $0.topic.value == t.id }.sorted { $0.title[lang] < $1.title[lang] }
                .first { facts[$0.id]?.level == .kreis }
        }.first
        if let first, let f = facts[first.id], let geo = maps, let year = f.latestYear, let classes = mapClasses(f) {
            map = choropleth(
                f, year: year, classes: classes, layer: geo.main, borders: geo.mainBorders, id: "karte",
                caption: s("map.caption", first.title[lang], String(year)), legend: true,
                alternative: link(from: full, to: path("indikator/\(first.id)/index.html")) + "#rangliste", from: full)
            map += HTML.element(
                "p", [:],
                HTML.element(
                    "a", ["href": link(from: full, to: path("indikator/\(first.id)/index.html"))], HTML(text: s("index.map_more", first.title[lang])))
            )
        }
        let model = IndexModel(
            title: HTML(text: atlas.definition.title[lang]), lead: HTML(text: atlas.definition.description[lang]),
            map: map.isEmpty ? nil : map, sMap: HTML(text: s["index.map"]), sThemes: HTML(text: s["index.themes"]), topics: topics,
            sFind: HTML(text: s["index.find"]), findIntro: HTML(text: s["index.find_intro"]),
            azList: LinkModel(
                href: HTML(text: link(from: full, to: path("suche/index.html")) + "#suche-kreise"),
                label: HTML(text: s("index.az", String(atlas.regions.list(.kreis).count)))),
            sLaender: HTML(text: s["index.laender"]), laender: laenderLinks(from: full))
        return Page(path: "index.html", title: s["index.title"], description: atlas.definition.description[lang], model: model, section: "home")
    }

    /// The districts A–Z as people look them up (search page), with their sort keys.
    func kreiseAZ() -> [(key: String, region: Region)] {
        atlas.regions.list(.kreis).map { (key: sortKey($0.name), region: $0) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.region.code < $1.region.code }
    }

    /// Sorting names as people look them up: umlauts as their base letter.
    /// One pass over the characters (Foundation's replacingOccurrences four
    /// times was most of the index page); characters compare canonically, so
    /// a decomposed "a\u{308}" counts as "ä" as before.
    func sortKey(_ name: String) -> String {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        for c in name.lowercased() {
            switch c {
            case "ä": out += "a"
            case "ö": out += "o"
            case "ü": out += "u"
            case "ß": out += "ss"
            default: out.append(c)
            }
        }
        return out
    }

    func laenderLinks(from full: String) -> [LinkModel] {
        atlas.regions.list(.land).map { l in
            LinkModel(href: HTML(text: link(from: full, to: path("land/\(l.code)/index.html"))), label: HTML(text: l.name))
        }
    }

    func laenderPage() -> Page {
        let full = path("laender/index.html")
        let items = laenderLinks(from: full).map { EntryModel(href: $0.href, label: $0.label, note: nil) }
        return Page(
            path: "laender/index.html", title: s["nav.laender"], description: s["laender.meta"],
            model: ListPageModel(title: HTML(text: s["nav.laender"]), items: items, columns: true), section: "laender",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["nav.laender"], nil)])
    }

    func topicsPage() -> Page {
        let full = path("themen/index.html")
        let items = atlas.topics.map { t in
            EntryModel(
                href: HTML(text: link(from: full, to: path("themen/\(t.id)/index.html"))), label: HTML(text: t.title[lang]),
                note: HTML(text: "– " + t.description[lang]))
        }
        return Page(
            path: "themen/index.html", title: s["nav.themes"], description: s["themes.meta"],
            model: ListPageModel(title: HTML(text: s["nav.themes"]), items: items, columns: false), section: "themes",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["nav.themes"], nil)])
    }

    func landPage(_ land: Region) -> Page {
        let page = "land/\(land.code)/index.html"
        let full = path(page)
        let kreise = atlas.regions.list(.kreis).filter { $0.parent == land.code }
        var rows: [LandModel.Row] = []
        for i in atlas.indicators {
            guard let f = facts[i.id], let y = f.latestYear else { continue }
            rows.append(
                LandModel.Row(
                    href: HTML(text: link(from: full, to: path("indikator/\(i.id)/index.html"))), title: HTML(text: i.title[lang]),
                    year: HTML(text: String(y)), land: landValueHTML(f, i, y, land.code), germany: numberWithUnit(f.germanyValues[y], i),
                    reference: HTML(
                        text: s("ref.land_germany", formation(i, f, year: y, land: land.code), formation(i, f, year: y, land: nil)))))
        }
        let model = LandModel(
            name: HTML(text: land.name), sKreise: HTML(text: s("land.kreise", String(kreise.count))),
            kreise: kreise.map { k in
                EntryModel(
                    href: HTML(text: link(from: full, to: path("kreis/\(k.code)/index.html"))), label: HTML(text: k.name),
                    note: k.type.map { HTML(text: "– " + s["type." + $0]) })
            },
            sValues: HTML(text: s["land.values"]), caption: HTML(text: s("land.table", land.name)), sIndicator: HTML(text: s["table.indicator"]),
            sYear: HTML(text: s["table.year"]), sGermany: HTML(text: s["card.germany"]), sReference: HTML(text: s["ind.reference"]), rows: rows,
            legend: symbolLegend())
        return Page(
            path: page, title: land.name, description: s("land.meta", land.name), model: model, section: "laender",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["nav.laender"], "laender/index.html"), (land.name, nil)])
    }

    func topicPage(_ topic: Topic) -> Page {
        let page = "themen/\(topic.id)/index.html"
        let full = path(page)
        let indicators = atlas.indicators.filter { $0.topic.value == topic.id && facts[$0.id] != nil }
        let model = TopicModel(
            title: HTML(text: topic.title[lang]), lead: HTML(text: topic.description[lang]),
            indicators: indicators.map { i in
                EntryModel(
                    href: HTML(text: link(from: full, to: path("indikator/\(i.id)/index.html"))), label: HTML(text: i.title[lang]),
                    note: HTML(text: i.short[lang]))
            },
            empty: indicators.isEmpty ? HTML(text: s["theme.empty"]) : nil, table: topicTable(topic, from: full),
            sTable: HTML(text: s["table.all_kreise"]),
            builder: LinkModel(href: HTML(text: link(from: full, to: path("tabelle/index.html"))), label: HTML(text: s["table.build"])))
        return Page(
            path: page, title: topic.title[lang], description: topic.description[lang], model: model, section: "themes", sortable: true,
            breadcrumbs: [(s["nav.home"], "index.html"), (s["nav.themes"], "themen/index.html"), (topic.title[lang], nil)])
    }

    /// Markdown written by the editors (trusted: part of the definition, not data tables).
    func editorialPage(_ p: PageSource) -> Page {
        let title = p.markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? p.slug
        return Page(
            path: "seiten/\(p.slug)/index.html", title: title, description: s("page.meta", title),
            model: ProseModel(body: Markdown.html(p.markdown)), section: p.slug == "methodik" ? "method" : "",
            breadcrumbs: [(s["nav.home"], "index.html"), (title, nil)])
    }
}
