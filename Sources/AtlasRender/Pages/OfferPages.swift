import AtlasCore

/// The offers directory on the site: a list per district on its Steckbrief,
/// a page per category by Land and district, and the directory as CSV. A
/// district without entries is said to have none in the directory — never
/// "0 offers".
extension PageRenderer {
    /// One entry of the offers directory as the partial `offer.mustache` shows it.
    func offerModel(_ o: Offer) -> OfferModel {
        let address = [o.street, [o.postcode, o.place].filter { !$0.isEmpty }.joined(separator: " ")].filter { !$0.isEmpty }.joined(
            separator: ", ")
        return OfferModel(
            name: HTML(text: o.name), href: o.website.map { HTML(text: $0) }, address: address.isEmpty ? nil : HTML(text: address),
            languages: o.languages.isEmpty ? nil : HTML(text: s("offers.languages", o.languages.joined(separator: ", "))),
            targetGroups: o.targetGroups.isEmpty ? nil : HTML(text: s("offers.groups", o.targetGroups.joined(separator: ", "))),
            verified: HTML(
                text: o.attribution.map { s("offers.as_of", dateText(o.verifiedOn), $0) }
                    ?? s("offers.verified", dateText(o.verifiedOn), o.verifiedBy)))
    }

    /// For a district without entries: that the directory does not cover it
    /// (yet), and which districts it does cover.
    func offersNotCovered(_ kreis: Region) -> String {
        let covered = Set(atlas.offers.map(\.kreis)).sorted()
        guard !covered.isEmpty else { return s("offers.none_kreis", kreis.name) }
        let names = covered.compactMap { atlas.regions.region($0, level: .kreis)?.name }
        let shown = names.prefix(8).joined(separator: "; ") + (names.count > 8 ? " " + s("offers.more", String(names.count - 8)) : "")
        return s("offers.not_covered", kreis.name, String(covered.count), shown)
    }

    /// The Steckbrief section: the district's offers by category.
    func kreisOffers(_ kreis: Region, from full: String) -> KreisModel.Offers? {
        guard let def = atlas.definition.offers else { return nil }
        let mine = atlas.offers.filter { $0.kreis == kreis.code }
        let categories = def.categories.compactMap { c -> KreisModel.OfferCategory? in
            let inCategory = mine.filter { $0.category == c.id }
            guard !inCategory.isEmpty else { return nil }
            return KreisModel.OfferCategory(title: HTML(text: c.title[lang] + " (\(inCategory.count))"), offers: inCategory.map(offerModel))
        }
        return KreisModel.Offers(
            title: HTML(text: s["offers.title"]), none: mine.isEmpty ? HTML(text: offersNotCovered(kreis)) : nil,
            categories: categories, coverage: HTML(text: s["offers.coverage"]),
            all: LinkModel(href: HTML(text: link(from: full, to: path("angebote/index.html"))), label: HTML(text: s["offers.all"])))
    }

    func offersIndexPage() -> Page {
        let full = path("angebote/index.html")
        let def = atlas.definition.offers!
        let model = OffersModel(
            title: HTML(text: s["offers.title"]), what: HTML(text: s["offers.what"]), coverage: HTML(text: s["offers.coverage"]),
            categories: def.categories.map { c in
                let n = atlas.offers.filter { $0.category == c.id }.count
                return EntryModel(
                    href: HTML(text: link(from: full, to: path("angebote/\(c.id)/index.html"))), label: HTML(text: c.title[lang]),
                    note: HTML(text: "– " + (n == 0 ? s["offers.none_short"] : s("offers.count", String(n)))))
            },
            download: LinkModel(href: HTML(text: link(from: full, to: "daten/angebotsverzeichnis.csv")), label: HTML(text: s["offers.csv"])),
            downloadName: HTML(text: "angebotsverzeichnis.csv"))
        return Page(
            path: "angebote/index.html", title: s["offers.title"], description: s["offers.what"], model: model, section: "offers",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["offers.title"], nil)])
    }

    func offerCategoryPage(_ c: OffersDefinition.Category) -> Page {
        let page = "angebote/\(c.id)/index.html"
        let full = path(page)
        let mine = atlas.offers.filter { $0.category == c.id }
        var laender: [OfferCategoryModel.Land] = []
        for land in atlas.regions.list(.land) {
            let inLand = mine.filter { $0.kreis.hasPrefix(land.code) }
            guard !inLand.isEmpty else { continue }
            let kreise = atlas.regions.list(.kreis).filter { $0.parent == land.code }.compactMap { kreis -> OfferCategoryModel.Kreis? in
                let inKreis = inLand.filter { $0.kreis == kreis.code }
                guard !inKreis.isEmpty else { return nil }
                return OfferCategoryModel.Kreis(
                    href: HTML(text: link(from: full, to: path("kreis/\(kreis.code)/index.html"))), name: HTML(text: kreis.name),
                    count: HTML(text: String(inKreis.count)), offers: inKreis.map(offerModel))
            }
            laender.append(OfferCategoryModel.Land(title: HTML(text: "\(land.name) (\(inLand.count))"), kreise: kreise))
        }
        let model = OfferCategoryModel(
            title: HTML(text: c.title[lang]), intro: HTML(text: s("offers.category_intro", c.title[lang], String(mine.count))),
            none: mine.isEmpty ? HTML(text: s["offers.none_category"]) : nil, laender: laender)
        return Page(
            path: page, title: c.title[lang], description: s("offers.category_intro", c.title[lang], String(mine.count)), model: model,
            section: "offers", breadcrumbs: [(s["nav.home"], "index.html"), (s["offers.title"], "angebote/index.html"), (c.title[lang], nil)])
    }
}
