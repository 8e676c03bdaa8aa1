import AtlasCore
import Foundation

/// Find (issue 17, item 2): a search page that leads to a Steckbrief by the
/// name of a district or Gemeinde, an AGS, a postcode or a former district's
/// code (Eisenach 16056 → Wartburgkreis). Without JavaScript the page holds
/// the districts A–Z, the former districts and a postcode index in ten pages;
/// `assets/search.js` adds the search over `daten/suche.json`.
extension PageRenderer {
    func searchPage() -> Page {
        let page = "suche/index.html"
        let full = path(page)
        let entries = kreiseAZ().map { _, k in
            EntryModel(
                href: HTML(text: link(from: full, to: path("kreis/\(k.code)/index.html"))), label: HTML(text: k.name),
                note: HTML(text: "\(k.code), " + (k.parent.flatMap { atlas.regions.region($0, level: .land)?.shortName } ?? "")))
        }
        let former = atlas.definition.territorialChanges.filter { $0.level == .kreis }.sorted { $0.oldCode < $1.oldCode }.map { c in
            EntryModel(
                href: HTML(text: link(from: full, to: path("kreis/\(c.newCode)/index.html"))),
                label: HTML(text: atlas.regions.region(c.newCode, level: .kreis)?.name ?? c.newName),
                note: HTML(text: s("search.former_entry", c.oldCode, c.oldName, dateText(c.date))))
        }
        let digits = Set(atlas.postcodes.keys.compactMap(\.first)).sorted()
        let letters = gemeindeLetters()
        let model = SearchModel(
            title: HTML(text: s["search.title"]), lead: HTML(text: s["search.lead"]), sQuery: HTML(text: s["search.query"]),
            sButton: HTML(text: s["search.button"]), query: HTML(text: ""), data: HTML(text: link(from: full, to: "daten/suche.json")),
            base: HTML(text: link(from: full, to: path(""))), script: HTML(text: link(from: full, to: "assets/search.js")),
            sNoResult: HTML(text: s["search.none"]), sResults: HTML(text: s["search.results"]),
            sUntil: HTML(text: s["search.until"]), sKreise: HTML(text: s["search.kreise"]),
            kreise: entries, sFormer: HTML(text: s["search.former"]), hasFormer: !former.isEmpty, former: former,
            sGemeinden: HTML(text: s["search.gemeinden"]), hasGemeinden: !letters.isEmpty,
            gemeindePages: letters.map { l in
                LinkModel(href: HTML(text: link(from: full, to: path("suche/gemeinden/\(l)/index.html"))), label: HTML(text: String(l).uppercased()))
            },
            sPostcodes: HTML(text: s["search.postcodes"]), hasPostcodes: !digits.isEmpty,
            postcodePages: digits.map { d in
                LinkModel(
                    href: HTML(text: link(from: full, to: path("suche/plz/\(d)/index.html"))),
                    label: HTML(text: s("search.postcodes_from", String(d))))
            })
        return Page(
            path: page, title: s["search.title"], description: s["search.meta"], model: model, section: "search",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["search.title"], nil)])
    }

    /// The postcodes that begin with one digit, each with the districts it reaches into.
    func postcodePage(_ digit: Character) -> Page {
        let page = "suche/plz/\(digit)/index.html"
        let full = path(page)
        let rows = atlas.postcodes.filter { $0.key.first == digit }.sorted { $0.key < $1.key }.map { plz, codes in
            PostcodeModel.Row(
                postcode: HTML(text: plz),
                kreise: codes.sorted().compactMap { code in
                    atlas.regions.region(code, level: .kreis).map {
                        LinkModel(href: HTML(text: link(from: full, to: path("kreis/\(code)/index.html"))), label: HTML(text: $0.name))
                    }
                })
        }
        let title = s("search.postcodes_from", String(digit))
        return Page(
            path: page, title: title, description: s["search.meta"],
            model: PostcodeModel(
                title: HTML(text: title), sPostcode: HTML(text: s["search.postcode"]), sKreise: HTML(text: s["search.postcode_kreise"]),
                caption: HTML(text: title), rows: rows),
            section: "search",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["search.title"], "suche/index.html"), (title, nil)])
    }
}

extension PageRenderer {
    /// The first letters of the Gemeinden (a–z, umlauts as their vowel), one static page each.
    func gemeindeLetters() -> [Character] {
        Set(atlas.regions.list(.gemeinde).compactMap { sortKey($0.name).first }).sorted()
    }

    /// Without a script: the Gemeinden beginning with one letter, each with
    /// the district whose Steckbrief holds its figures (issue 17, item 2).
    func gemeindeIndexPage(_ letter: Character) -> Page {
        let page = "suche/gemeinden/\(letter)/index.html"
        let full = path(page)
        // With Gemeinde pages, a Gemeinde's name leads to its own page.
        let ownPages = atlas.definition.regions[.gemeinde]?.pages == true
        let rows = atlas.regions.list(.gemeinde).filter { sortKey($0.name).first == letter }
            .sorted { (sortKey($0.name), $0.code) < (sortKey($1.name), $1.code) }
            .map { g in
                PostcodeModel.Row(
                    postcode: ownPages
                        ? HTML.element("a", ["href": link(from: full, to: path("gemeinde/\(g.code)/index.html"))], HTML(text: g.name))
                        : HTML(text: g.name),
                    kreise: g.parent.flatMap { atlas.regions.region($0, level: .kreis) }.map {
                        [LinkModel(href: HTML(text: link(from: full, to: path("kreis/\($0.code)/index.html"))), label: HTML(text: $0.name))]
                    } ?? [])
            }
        let title = s("search.gemeinden_from", String(letter).uppercased())
        return Page(
            path: page, title: title, description: s["search.meta"],
            model: PostcodeModel(
                title: HTML(text: title), sPostcode: HTML(text: s["search.gemeinde"]), sKreise: HTML(text: s["search.gemeinde_kreis"]),
                caption: HTML(text: s("search.gemeinden_caption", String(letter).uppercased(), String(rows.count))), rows: rows),
            section: "search",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["search.title"], "suche/index.html"), (title, nil)])
    }
}

/// The search's data, one file for all languages: districts, Gemeinden,
/// postcodes and former districts, as short arrays (the file is fetched only
/// when a reader searches).
enum SearchData {
    static func json(_ atlas: Atlas) -> String {
        func str(_ s: String) -> String { OpenData.json(s) }
        var out = "{\"kreise\":["
        out += atlas.regions.list(.kreis).map { k in
            "[\(str(k.code)),\(str(k.name)),\(str(k.parent.flatMap { atlas.regions.region($0, level: .land)?.shortName } ?? ""))]"
        }.joined(separator: ",")
        out += "],\"gemeinden\":["
        out += atlas.regions.list(.gemeinde).map { g in "[\(str(g.code)),\(str(g.name)),\(str(g.parent ?? ""))]" }.joined(separator: ",")
        out += "],\"plz\":{"
        out += atlas.postcodes.sorted { $0.key < $1.key }.map { plz, codes in
            "\(str(plz)):[\(codes.sorted().map(str).joined(separator: ","))]"
        }.joined(separator: ",")
        out += "},\"alt\":["
        out += atlas.definition.territorialChanges.filter { $0.level == .kreis }.sorted { $0.oldCode < $1.oldCode }.map { c in
            "[\(str(c.oldCode)),\(str(c.oldName)),\(str(c.newCode)),\(str(c.date))]"
        }.joined(separator: ",")
        out += "]}\n"
        return out
    }
}
