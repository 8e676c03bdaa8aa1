import AtlasCore

/// The offers directory on the site: a list per district on its Steckbrief,
/// a page per category by Land and district, and the directory as CSV. A
/// district without entries is said to have none in the directory — never
/// "0 offers".
extension PageRenderer {
    func offerList(_ offers: [Offer], from full: String) -> HTML {
        HTML.element(
            "ul", ["class": "offers"],
            joined: offers.map { o in
                var parts: [HTML] = []
                let name = o.website.map { HTML.element("a", ["href": $0], HTML(text: o.name)) } ?? HTML(text: o.name)
                parts.append(HTML.element("strong", [:], name))
                let address = [o.street, [o.postcode, o.place].filter { !$0.isEmpty }.joined(separator: " ")].filter { !$0.isEmpty }.joined(
                    separator: ", ")
                if !address.isEmpty { parts.append(HTML(text: address)) }
                if !o.languages.isEmpty { parts.append(HTML(text: s("offers.languages", o.languages.joined(separator: ", ")))) }
                if !o.targetGroups.isEmpty { parts.append(HTML(text: s("offers.groups", o.targetGroups.joined(separator: ", ")))) }
                parts.append(HTML.element("span", ["class": "note"], HTML(text: s("offers.verified", dateText(o.verifiedOn), o.verifiedBy))))
                return HTML.element("li", [:], HTML.joined(parts, separator: HTML.trusted("<br>")))
            })
    }

    /// The Steckbrief section: the district's offers by category.
    func kreisOffers(_ kreis: Region, from full: String) -> HTML {
        guard let def = atlas.definition.offers else { return .empty }
        let mine = atlas.offers.filter { $0.kreis == kreis.code }
        var body = HTML.element("h2", ["id": "angebote"], HTML(text: s["offers.title"]))
        if mine.isEmpty {
            body += HTML.element("p", [:], HTML(text: s("offers.none_kreis", kreis.name)))
        } else {
            for c in def.categories {
                let inCat = mine.filter { $0.category == c.id }
                guard !inCat.isEmpty else { continue }
                body += HTML.element("h3", [:], HTML(text: c.title[lang] + " (\(inCat.count))")) + offerList(inCat, from: full)
            }
        }
        body += HTML.element(
            "p", ["class": "note"], HTML(text: s["offers.coverage"] + " "),
            HTML.element("a", ["href": link(from: full, to: path("angebote/index.html"))], HTML(text: s["offers.all"])))
        return HTML.element("section", ["class": "offers-section", "aria-labelledby": "angebote"], body)
    }

    func offersIndexPage() -> Page {
        let full = path("angebote/index.html")
        let def = atlas.definition.offers!
        let items = def.categories.map { c in
            let n = atlas.offers.filter { $0.category == c.id }.count
            return HTML.element(
                "li", [:], HTML.element("a", ["href": link(from: full, to: path("angebote/\(c.id)/index.html"))], HTML(text: c.title[lang])),
                HTML(text: " – " + (n == 0 ? s["offers.none_short"] : s("offers.count", String(n)))))
        }
        var body = HTML.element("p", ["class": "lead"], HTML(text: s["offers.what"]))
        body += HTML.element("p", [:], HTML(text: s["offers.coverage"]))
        body += HTML.element("ul", [:], joined: items)
        body += HTML.element(
            "p", [:],
            HTML.element(
                "a", ["href": link(from: full, to: "daten/angebotsverzeichnis.csv"), "download": "angebotsverzeichnis.csv"],
                HTML(text: s["offers.csv"])))
        return Page(
            path: "angebote/index.html", title: s["offers.title"], description: s["offers.what"],
            model: ContentModel(title: HTML(text: s["offers.title"]), body: body), section: "offers",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["offers.title"], nil)])
    }

    func offerCategoryPage(_ c: OffersDefinition.Category) -> Page {
        let page = "angebote/\(c.id)/index.html"
        let full = path(page)
        let mine = atlas.offers.filter { $0.category == c.id }
        var body = HTML.element("p", [:], HTML(text: s("offers.category_intro", c.title[lang], String(mine.count))))
        if mine.isEmpty {
            body += HTML.element("p", [:], HTML(text: s["offers.none_category"]))
        }
        for land in atlas.regions.list(.land) {
            let inLand = mine.filter { $0.kreis.hasPrefix(land.code) }
            guard !inLand.isEmpty else { continue }
            body += HTML.element("h2", [:], HTML(text: "\(land.name) (\(inLand.count))"))
            for kreis in atlas.regions.list(.kreis) where kreis.parent == land.code {
                let inKreis = inLand.filter { $0.kreis == kreis.code }
                guard !inKreis.isEmpty else { continue }
                body += HTML.element(
                    "h3", [:], HTML.element("a", ["href": link(from: full, to: path("kreis/\(kreis.code)/index.html"))], HTML(text: kreis.name)),
                    HTML(text: " (\(inKreis.count))"))
                body += offerList(inKreis, from: full)
            }
        }
        return Page(
            path: page, title: c.title[lang], description: s("offers.category_intro", c.title[lang], String(mine.count)),
            model: ContentModel(title: HTML(text: c.title[lang]), body: body), section: "offers",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["offers.title"], "angebote/index.html"), (c.title[lang], nil)])
    }
}
