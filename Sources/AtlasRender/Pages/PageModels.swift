/// The page models: what each page kind shows, as values. The compute stage
/// and the page functions fill them; the theme's templates own the markup
/// around them. Every text is `HTML` (escaped by `Escape` when it was made);
/// charts, maps and tables that Swift draws arrive as finished `HTML`.
///
/// Field names are what templates read (`{{{siteTitle}}}`); the theme is
/// checked against these types when it loads (`TemplateContract`).
enum PageModels {
    /// Every page kind, each with its template of the same name.
    static let kinds: [any PageModel.Type] = [
        LayoutModel.self, IndexModel.self, KreisModel.self, GemeindeModel.self, IndicatorModel.self, LandModel.self,
        TopicModel.self, ProseModel.self, ListPageModel.self, KeyIndexModel.self, NotFoundModel.self,
    ]
}

/// A link with its text.
struct LinkModel: Codable, Sendable {
    var href: HTML
    var label: HTML
}

/// Every page but the 404 page: the frame around the page kind's content.
struct LayoutModel: PageModel {
    static let template = "layout"
    struct NavItem: Codable, Sendable {
        var href: HTML
        var label: HTML
        var current: Bool
    }
    struct Alternate: Codable, Sendable {
        var hreflang: HTML
        var href: HTML
    }
    struct OtherLanguage: Codable, Sendable {
        var hreflang: HTML
        var href: HTML
        var label: HTML
    }
    struct Crumb: Codable, Sendable {
        var label: HTML
        /// nil for the page itself.
        var href: HTML?
    }
    var lang: HTML
    var title: HTML
    var siteTitle: HTML
    var description: HTML
    var canonical: HTML?
    /// The relative path to the site root ("../../").
    var root: HTML
    var home: HTML
    /// The page kind's template, rendered.
    var content: HTML
    /// The page kind (a class on <body>).
    var kind: HTML
    var nav: [NavItem]
    var alternates: [Alternate]
    var otherLanguages: [OtherLanguage]
    var breadcrumbs: [Crumb]
    var hasBreadcrumbs: Bool
    var footerLinks: [LinkModel]
    var sortable: Bool
    var sSkip: HTML
    var sNav: HTML
    var sBreadcrumbs: HTML
    var sFooter: HTML
    var sPrivacy: HTML
    var gebietsstand: HTML
}

/// The start page.
struct IndexModel: PageModel {
    static let template = "index"
    var title: HTML
    var lead: HTML
    var map: HTML?
    var sMap: HTML
    var sThemes: HTML
    var themes: [HTML]
    var sKreise: HTML
    var kreiseIntro: HTML
    var azNav: HTML
    var azGroups: [HTML]
    var sLaender: HTML
    var laender: HTML
}

/// A Steckbrief (district profile).
struct KreisModel: PageModel {
    static let template = "kreis"
    /// One topic's section of cards.
    struct Section: Codable, Sendable {
        var id: HTML
        var title: HTML
        var cards: [Card]
    }
    /// One indicator on a Steckbrief (`card.mustache`).
    struct Card: Codable, Sendable {
        var id: HTML
        var href: HTML
        var title: HTML
        var short: HTML
        var valueLabel: HTML
        var value: HTML
        var rankLabel: HTML
        var rank: HTML
        var rankDirection: HTML
        /// The Land's value (absent for a district without a Land).
        var land: Reference?
        var germany: Reference
        var changeLabel: HTML
        var change: HTML
        var datenstandLabel: HTML
        var datenstand: HTML
        /// How the Land and Germany values are formed.
        var reference: HTML
        var sparkline: HTML
        var histogram: HTML
    }
    /// A reference value: whose, how much, and on how many districts it rests when not on all.
    struct Reference: Codable, Sendable {
        var label: HTML
        var value: HTML
        var coverage: HTML?
    }
    var name: HTML
    var type: HTML?
    var land: LinkModel?
    var ags: HTML
    var intro: HTML
    var locator: HTML
    var sections: [Section]
    var gemeinden: HTML
    var offers: HTML
    var legend: HTML
}

/// A Gemeinde page.
struct GemeindeModel: PageModel {
    static let template = "gemeinde"
    var name: HTML
    var intro: HTML
    var sections: [HTML]
    var legend: HTML
}

/// An indicator page.
struct IndicatorModel: PageModel {
    static let template = "indikator"
    var title: HTML
    var short: HTML
    var meta: HTML
    var sMaps: HTML
    var maps: HTML
    var sFigures: HTML
    var figures: HTML
    var sRanking: HTML
    var ranking: HTML
    var legend: HTML
}

/// A Land page.
struct LandModel: PageModel {
    static let template = "land"
    var name: HTML
    var sKreise: HTML
    var kreise: HTML
    var sValues: HTML
    var values: HTML
    var legend: HTML
}

/// A topic of the atlas ("Arbeit", "Bildung", …) with its indicators.
struct TopicModel: PageModel {
    static let template = "thema"
    var title: HTML
    var lead: HTML
    var body: HTML
}

/// An editorial page (Markdown from Data/pages).
struct ProseModel: PageModel {
    static let template = "seite"
    var body: HTML
}

/// A page with a heading and content made in Swift: the lists of topics and
/// Länder, a ranking of Gemeinden, the offers, a distribution key.
struct ListPageModel: PageModel {
    static let template = "liste"
    var title: HTML
    var body: HTML
}

/// The overview of the distribution keys.
struct KeyIndexModel: PageModel {
    static let template = "schluessel"
    struct Key: Codable, Sendable {
        var href: HTML
        var title: HTML
        var note: HTML
        var download: HTML
        var downloadLabel: HTML
    }
    var title: HTML
    var what: HTML
    var noScore: HTML
    var persons: HTML
    var sList: HTML
    var keys: [Key]
}

/// 404.html: a whole document, in every language of the atlas, with absolute
/// links (it is served for any missing path).
struct NotFoundModel: PageModel {
    static let template = "404"
    struct Section: Codable, Sendable {
        var lang: HTML
        var title: HTML
        var text: HTML
        var home: HTML
        var homeLabel: HTML
    }
    var lang: HTML
    var title: HTML
    var siteTitle: HTML
    var description: HTML
    var base: HTML
    var sections: [Section]
}
