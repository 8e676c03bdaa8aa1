import Foundation
import AtlasCore
import Ink

/// The start page, the Land pages, the theme pages, the two list pages and the
/// editorial pages.
extension PageRenderer {
    func indexPage() -> Page {
        let full = path("index.html")
        var themeItems: [HTML] = []
        for theme in atlas.topics {
            let inds = atlas.indicators.filter { $0.topic.value == theme.id && facts[$0.id] != nil }
            let list: HTML =
                inds.isEmpty
                ? HTML.element("p", ["class": "note"], HTML(text: s["theme.empty"]))
                : HTML.element(
                    "ul", [:],
                    joined: inds.map { i in
                        HTML.element(
                            "li", [:],
                            HTML.element("a", ["href": link(from: full, to: path("indikator/\(i.id)/index.html"))], HTML(text: i.title[lang])))
                    })
            themeItems.append(
                HTML.element(
                    "section", ["class": "theme-box", "aria-labelledby": "t-\(theme.id)"],
                    HTML.element(
                        "h3", ["id": "t-\(theme.id)"],
                        HTML.element("a", ["href": link(from: full, to: path("themen/\(theme.id)/index.html"))], HTML(text: theme.title[lang]))),
                    list))
        }
        // A–Z district finder: works without JavaScript.
        // Sort keys computed once per name, not once per comparison.
        let kreise = atlas.regions.list(.kreis).map { (key: sortKey($0.name), region: $0) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.region.code < $1.region.code }
        var groups: [(letter: String, items: [Region])] = []
        for (key, k) in kreise {
            let letter = String(key.prefix(1)).uppercased()
            if groups.last?.letter == letter { groups[groups.count - 1].items.append(k) } else { groups.append((letter, [k])) }
        }
        let letters = HTML.element(
            "nav", ["class": "az", "aria-label": s["index.az_nav"]],
            HTML.element(
                "ul", [:], joined: groups.map { g in HTML.element("li", [:], HTML.element("a", ["href": "#az-\(g.letter)"], HTML(text: g.letter))) }))
        let lists = groups.map { g in
            HTML.element(
                "section", ["class": "az-group", "aria-labelledby": "az-\(g.letter)"],
                HTML.element("h3", ["id": "az-\(g.letter)"], HTML(text: g.letter)),
                HTML.element(
                    "ul", [:],
                    joined: g.items.map { k in
                        let land = k.parent.flatMap { atlas.regions.region($0, level: .land)?.shortName } ?? ""
                        return HTML.element(
                            "li", [:], HTML.element("a", ["href": link(from: full, to: path("kreis/\(k.code)/index.html"))], HTML(text: k.name)),
                            HTML(text: " (\(land))"))
                    }))
        }
        // The start page leads with a map: the first district indicator of the first theme.
        var map = HTML.empty
        let first = atlas.topics.lazy.compactMap { t in
            atlas.indicators.filter { $0.topic.value == t.id }.sorted { $0.title[lang] < $1.title[lang] }
                .first { facts[$0.id]?.level == .kreis }
        }.first
        if let first, let f = facts[first.id], let geo = maps, let year = f.latestYear, let classes = mapClasses(f) {
            map = choropleth(
                f, year: year, classes: classes, layer: geo.main, borders: geo.mainBorders, id: "karte",
                caption: s("map.caption", first.title[lang], String(year)), legend: true,
                alternative: link(from: full, to: path("indikator/\(first.id)/index.html")) + "#rangliste")
            map += HTML.element(
                "p", [:],
                HTML.element(
                    "a", ["href": link(from: full, to: path("indikator/\(first.id)/index.html"))], HTML(text: s("index.map_more", first.title[lang])))
            )
        }
        let model = IndexModel(
            title: HTML(text: atlas.definition.title[lang]), lead: HTML(text: atlas.definition.description[lang]),
            map: map.isEmpty ? nil : map, sMap: HTML(text: s["index.map"]),
            sThemes: HTML(text: s["index.themes"]), themes: themeItems,
            sKreise: HTML(text: s["index.kreise"]), kreiseIntro: HTML(text: s("index.kreise_intro", String(kreise.count))),
            azNav: letters, azGroups: lists,
            sLaender: HTML(text: s["index.laender"]), laender: laenderList(from: full))
        return Page(path: "index.html", title: s["index.title"], description: atlas.definition.description[lang], model: model, section: "home")
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

    func laenderList(from full: String) -> HTML {
        HTML.element(
            "ul", ["class": "columns"],
            joined: atlas.regions.list(.land).map { l in
                HTML.element("li", [:], HTML.element("a", ["href": link(from: full, to: path("land/\(l.code)/index.html"))], HTML(text: l.name)))
            })
    }

    func laenderPage() -> Page {
        let full = path("laender/index.html")
        return Page(
            path: "laender/index.html", title: s["nav.laender"], description: s["laender.meta"],
            model: ListPageModel(title: HTML(text: s["nav.laender"]), body: laenderList(from: full)), section: "laender",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["nav.laender"], nil)])
    }

    func topicsPage() -> Page {
        let full = path("themen/index.html")
        let items = atlas.topics.map { t in
            HTML.element(
                "li", [:], HTML.element("a", ["href": link(from: full, to: path("themen/\(t.id)/index.html"))], HTML(text: t.title[lang])),
                HTML(text: " – " + t.description[lang]))
        }
        return Page(
            path: "themen/index.html", title: s["nav.themes"], description: s["themes.meta"],
            model: ListPageModel(title: HTML(text: s["nav.themes"]), body: HTML.element("ul", [:], joined: items)), section: "themes",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["nav.themes"], nil)])
    }

    func landPage(_ land: Region) -> Page {
        let page = "land/\(land.code)/index.html"
        let full = path(page)
        let kreise = atlas.regions.list(.kreis).filter { $0.parent == land.code }
        let list = HTML.element(
            "ul", ["class": "columns"],
            joined: kreise.map { k in
                HTML.element(
                    "li", [:], HTML.element("a", ["href": link(from: full, to: path("kreis/\(k.code)/index.html"))], HTML(text: k.name)),
                    HTML(text: k.type.map { " – " + s["type." + $0] } ?? ""))
            })
        var rows: [HTML] = []
        for i in atlas.indicators {
            guard let f = facts[i.id], let y = f.latestYear else { continue }
            rows.append(
                HTML.element(
                    "tr", [:],
                    HTML.element(
                        "th", ["scope": "row"],
                        HTML.element("a", ["href": link(from: full, to: path("indikator/\(i.id)/index.html"))], HTML(text: i.title[lang]))),
                    HTML.element("td", ["class": "num"], HTML(text: String(y))),
                    HTML.element("td", ["class": "num"], numberWithUnit(f.landValues[y]?[land.code], i)),
                    HTML.element("td", ["class": "num"], numberWithUnit(f.germanyValues[y], i)),
                    HTML.element("td", [:], HTML(text: referenceText(i, level: f.level)))))
        }
        let table = HTML.element(
            "table", ["class": "data"],
            HTML.element("caption", [:], HTML(text: s("land.table", land.name))),
            HTML.element(
                "thead", [:],
                HTML.element(
                    "tr", [:], HTML.element("th", ["scope": "col"], HTML(text: s["table.indicator"])),
                    HTML.element("th", ["scope": "col", "class": "num"], HTML(text: s["table.year"])),
                    HTML.element("th", ["scope": "col", "class": "num"], HTML(text: land.name)),
                    HTML.element("th", ["scope": "col", "class": "num"], HTML(text: s["card.germany"])),
                    HTML.element("th", ["scope": "col"], HTML(text: s["ind.reference"])))),
            HTML.element("tbody", [:], joined: rows))
        let model = LandModel(
            name: HTML(text: land.name), sKreise: HTML(text: s("land.kreise", String(kreise.count))), kreise: list,
            sValues: HTML(text: s["land.values"]), values: table, legend: symbolLegend())
        return Page(
            path: page, title: land.name, description: s("land.meta", land.name), model: model, section: "laender",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["nav.laender"], "laender/index.html"), (land.name, nil)])
    }

    func topicPage(_ theme: Topic) -> Page {
        let page = "themen/\(theme.id)/index.html"
        let full = path(page)
        let inds = atlas.indicators.filter { $0.topic.value == theme.id && facts[$0.id] != nil }
        let body: HTML =
            inds.isEmpty
            ? HTML.element("p", [:], HTML(text: s["theme.empty"]))
            : HTML.element(
                "dl", ["class": "indicator-list"],
                joined: inds.map { i in
                    HTML.element(
                        "dt", [:], HTML.element("a", ["href": link(from: full, to: path("indikator/\(i.id)/index.html"))], HTML(text: i.title[lang])))
                        + HTML.element("dd", [:], HTML(text: i.short[lang]))
                })
        let model = TopicModel(title: HTML(text: theme.title[lang]), lead: HTML(text: theme.description[lang]), body: body)
        return Page(
            path: page, title: theme.title[lang], description: theme.description[lang], model: model, section: "themes",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["nav.themes"], "themen/index.html"), (theme.title[lang], nil)])
    }

    /// Markdown written by the editors (trusted: part of the definition, not data tables).
    func editorialPage(_ p: EditorialPage) -> Page {
        let parsed = MarkdownParser().parse(p.markdown)
        let title = p.markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? p.slug
        return Page(
            path: "seiten/\(p.slug)/index.html", title: title, description: s("page.meta", title),
            model: ProseModel(body: HTML.trusted(parsed.html)), section: p.slug == "methodik" ? "method" : "",
            breadcrumbs: [(s["nav.home"], "index.html"), (title, nil)])
    }
}
