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
        TopicModel.self, ProseModel.self, ListPageModel.self, GemeindeRankingModel.self, OffersModel.self, OfferCategoryModel.self, KeyModel.self,
        KeyIndexModel.self, NotFoundModel.self,
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
    /// The start page in Leichte Sprache (`Data/pages/leichte-sprache.*.md`), linked in every header.
    var easyRead: LinkModel?
    /// The search form in every header: it leads to the search page.
    var searchAction: HTML
    var sSearch: HTML
    var sSearchButton: HTML
    var breadcrumbs: [Crumb]
    var hasBreadcrumbs: Bool
    /// The page listing every download.
    var downloads: LinkModel
    var footerLinks: [LinkModel]
    var sortable: Bool
    var sSkip: HTML
    var sNav: HTML
    var sBreadcrumbs: HTML
    var sFooter: HTML
    var sPrivacy: HTML
    var gebietsstand: HTML
}

/// The Zeichenerklärung under every page with figures (`legend.mustache`).
struct LegendModel: Codable, Sendable {
    struct Item: Codable, Sendable {
        var symbol: HTML
        var meaning: HTML
    }
    var title: HTML
    var items: [Item]
}

/// A region or indicator in a list: its link, its name and a note after it.
struct EntryModel: Codable, Sendable {
    var href: HTML
    var label: HTML
    var note: HTML?
}

/// The start page.
struct IndexModel: PageModel {
    static let template = "index"
    /// A topic with its indicators.
    struct TopicBox: Codable, Sendable {
        var id: HTML
        var href: HTML
        var title: HTML
        var indicators: [LinkModel]
        /// Said when the topic has no indicator yet.
        var empty: HTML?
    }
    var title: HTML
    var lead: HTML
    var map: HTML?
    var sMap: HTML
    var sThemes: HTML
    var topics: [TopicBox]
    /// How to find one's district: the search in the header, the A–Z list on
    /// the search page (kept off the start page: its 400 links duplicated the
    /// map's and cost a fifth of the page's weight), the Länder.
    var sFind: HTML
    var findIntro: HTML
    var azList: LinkModel
    var sLaender: HTML
    var laender: [LinkModel]
}

/// A Steckbrief (district profile).
struct KreisModel: PageModel {
    static let template = "kreis"
    /// One topic's section of cards.
    struct Section: Codable, Sendable {
        var id: HTML
        var title: HTML
        var cards: [Card]
        /// Said where cards were left out: the directory does not cover the district.
        var note: HTML?
    }
    /// One indicator on a Steckbrief (`card.mustache`).
    struct Card: Codable, Sendable {
        var id: HTML
        var href: HTML
        var title: HTML
        var short: HTML
        var valueLabel: HTML
        var value: HTML
        /// The share of the weight the district's value covers, where it is partial.
        var valueCoverage: HTML?
        var rankLabel: HTML
        var rank: HTML
        var rankDirection: HTML
        /// The Land's value (absent for a district without a Land).
        var land: Reference?
        /// The value of the district's peer group (its settlement type), where the atlas has peer groups.
        var peer: Reference?
        var germany: Reference
        var changeLabel: HTML
        /// Absent for an indicator with a single year: there is nothing to compare.
        var change: HTML?
        var datenstandLabel: HTML
        var datenstand: HTML
        /// How the Land and Germany values are formed.
        var reference: HTML
        /// The indicator's note (e.g. "cells rounded to multiples of 5").
        var note: HTML?
        /// Where the district's figure is counted, if a reporting unit covers it.
        var counted: HTML?
        var sparkline: HTML
        var histogram: HTML
    }
    struct Keys: Codable, Sendable {
        var title: HTML
        var intro: HTML
        var table: TableModel
        var all: LinkModel
    }
    struct Gemeinden: Codable, Sendable {
        var title: HTML
        var links: [LinkModel]
    }
    /// The Steckbrief's section of the offers directory.
    struct Offers: Codable, Sendable {
        var title: HTML
        /// Said when the district has no entry.
        var none: HTML?
        var categories: [OfferCategory]
        var coverage: HTML
        var all: LinkModel
    }
    struct OfferCategory: Codable, Sendable {
        var title: HTML
        var offers: [OfferModel]
    }
    /// A reference value: whose, how much, and on how many districts it rests when not on all.
    struct Reference: Codable, Sendable {
        var label: HTML
        var value: HTML
        var coverage: HTML?
    }
    var name: HTML
    var type: HTML?
    /// "Siedlungsstruktureller Kreistyp: Dünn besiedelter ländlicher Kreis", where the atlas has peer groups.
    var peerGroup: HTML?
    var land: LinkModel?
    var ags: HTML
    var intro: HTML
    var locator: HTML
    /// "Vergleichen mit …": links to the comparison with neighbours and peers.
    var sCompare: HTML
    var compare: [LinkModel]
    var sections: [Section]
    /// Links to the pages of the district's Gemeinden, where the atlas has them.
    var gemeinden: Gemeinden?
    /// The district's entries of the offers directory, where the atlas has one.
    var offers: Offers?
    /// The district's share and persons under each distribution key.
    var keys: Keys?
    /// Every figure of the cards in one table, with the sources: what the
    /// Steckbrief prints as a two-page handout.
    var summary: Summary
    var legend: LegendModel
    struct Summary: Codable, Sendable {
        var title: HTML
        var caption: HTML
        var columns: [HTML]
        var groups: [Group]
        var sourcesTitle: HTML
        var sources: [HTML]
        /// The page's public address and the Gebietsstand, for paper.
        var imprint: HTML
        /// The district's figures as CSV, plain and for German Excel.
        var sDownload: HTML
        var downloads: [LinkModel]
    }
    struct Group: Codable, Sendable {
        var title: HTML
        var span: HTML
        var rows: [SummaryRow]
    }
    /// One indicator's line: its figures as on its card.
    struct SummaryRow: Codable, Sendable {
        var href: HTML
        var title: HTML
        /// Year, unit and how the reference values are formed.
        var note: HTML
        var value: HTML
        var rank: HTML
        var land: HTML?
        var peer: HTML?
        var germany: HTML
        var change: HTML
        /// The year the change is counted from.
        var since: HTML?
    }
}

/// A Gemeinde page: its indicators in one table, then each one's time series.
struct GemeindeModel: PageModel {
    static let template = "gemeinde"
    /// One indicator of the Gemeinde.
    struct Indicator: Codable, Sendable {
        var id: HTML
        var title: HTML
        var short: HTML
        /// The ranking of all Gemeinden by this indicator.
        var href: HTML
        var year: HTML
        var value: HTML
        var change: HTML
        var rank: HTML
        var sparkline: HTML
    }
    var name: HTML
    var level: HTML
    var kreis: LinkModel?
    var land: LinkModel?
    var ags: HTML
    var intro: HTML
    var sOverview: HTML
    var caption: HTML
    var sIndicator: HTML
    var sYear: HTML
    var sValue: HTML
    var sChange: HTML
    var sRank: HTML
    var sSeries: HTML
    var hasIndicators: Bool
    var indicators: [Indicator]
    var legend: LegendModel
}

/// A ranking of all regions of a level by an indicator (`ranking.mustache`):
/// sortable with the theme's script, sorted by rank without it.
struct RankingModel: Codable, Sendable {
    struct Row: Codable, Sendable {
        /// "14" or "15=" for a tie; "–" without a value.
        var rank: HTML
        var rankSort: HTML
        var href: HTML
        var name: HTML
        /// The region one level up (the Land of a Kreis, the Kreis of a Gemeinde).
        var up: HTML
        var value: HTML
        /// The share of the weight an aggregate covers, where it is partial.
        var coverage: HTML?
        var valueSort: HTML
    }
    var caption: HTML
    var sRank: HTML
    var sRegion: HTML
    /// Whether the table has the column of the region one level up, and its heading.
    var hasUp: Bool
    var sUp: HTML
    var sValue: HTML
    var rows: [Row]
}

/// An indicator page.
struct IndicatorModel: PageModel {
    static let template = "indikator"
    /// A line of the indicator's description: a term and its text, a link where it has one.
    struct Meta: Codable, Sendable {
        var term: HTML
        var text: HTML
        var href: HTML?
        /// The link is the licence (rel="license").
        var licence: Bool
        /// The link is a download, saved under this name.
        var download: HTML?
    }
    var title: HTML
    var short: HTML
    var meta: [Meta]
    var sMaps: HTML
    var maps: HTML
    var sFigures: HTML
    var figures: HTML
    /// The values of the peer groups (settlement types), where the atlas has them.
    var sPeers: HTML
    var peers: TableModel?
    var sRanking: HTML
    var ranking: RankingModel
    var legend: LegendModel
}

/// All Gemeinden of an indicator by rank.
struct GemeindeRankingModel: PageModel {
    static let template = "gemeinden"
    var title: HTML
    var short: HTML
    var back: LinkModel
    var download: LinkModel
    var downloadName: HTML
    var ranking: RankingModel
    var legend: LegendModel
}

/// A Land page.
struct LandModel: PageModel {
    static let template = "land"
    /// An indicator's latest Land and Germany values.
    struct Row: Codable, Sendable {
        var href: HTML
        var title: HTML
        var year: HTML
        var land: HTML
        var germany: HTML
        var reference: HTML
    }
    var name: HTML
    var sKreise: HTML
    var kreise: [EntryModel]
    var sValues: HTML
    var caption: HTML
    var sIndicator: HTML
    var sYear: HTML
    var sGermany: HTML
    var sReference: HTML
    var rows: [Row]
    var legend: LegendModel
}

/// A topic of the atlas ("Arbeit", "Bildung", …) with its indicators.
struct TopicModel: PageModel {
    static let template = "thema"
    var title: HTML
    var lead: HTML
    var indicators: [EntryModel]
    /// Said when the topic has no indicator yet.
    var empty: HTML?
    /// Every district with all the theme's indicators (the table builder without a script).
    var table: TableModel?
    var sTable: HTML
    var builder: LinkModel
}

/// The table builder (TablePages.swift): a form whose state is the page's
/// address; `assets/table.js` draws the table. Without it, links to the
/// complete table of each theme.
struct TableBuilderModel: PageModel {
    static let template = "tabelle"
    struct Choice: Codable, Sendable {
        var value: HTML
        var label: HTML
        var checked: Bool
    }
    struct Group: Codable, Sendable {
        var title: HTML
        var indicators: [Choice]
    }
    /// One value-range filter: an indicator, from, to.
    struct Range: Codable, Sendable {
        var n: HTML
        var legend: HTML
        var options: [Choice]
    }
    var title: HTML
    var lead: HTML
    var noScript: HTML
    var sPerTopic: HTML
    var topicTables: [LinkModel]
    var data: HTML
    var script: HTML
    var base: HTML
    var sColumns: HTML
    var groups: [Group]
    var sFilters: HTML
    var sLand: HTML
    var laender: [Choice]
    var sPeer: HTML
    var hasPeers: Bool
    var peers: [Choice]
    var sKind: HTML
    var kinds: [Choice]
    var ranges: [Range]
    var sIndicator: HTML
    var sFrom: HTML
    var sTo: HTML
    var sShow: HTML
    var sCsv: HTML
    var sExcel: HTML
    var sStatus: HTML
    var sCaption: HTML
    var sKreis: HTML
    var sAgs: HTML
    var sLandColumn: HTML
    var sSortAsc: HTML
    var sSortDesc: HTML
}

/// The comparison of up to five districts (TablePages.swift), drawn by
/// `assets/table.js` from the table builder's data.
struct CompareModel: PageModel {
    static let template = "vergleich"
    struct Slot: Codable, Sendable {
        var n: HTML
        var label: HTML
    }
    var title: HTML
    var lead: HTML
    var noScript: HTML
    var data: HTML
    var base: HTML
    var script: HTML
    var sChoose: HTML
    var slots: [Slot]
    var sShow: HTML
    var sStatus: HTML
    var sNone: HTML
    var sUnclear: HTML
    var sIndicator: HTML
    var sGermany: HTML
    var sRank: HTML
    var sNoRank: HTML
    var sPeer: HTML
    var sLand: HTML
    var sLower: HTML
    /// Said under the result: each value's small series, a row's on one scale.
    var sSeries: HTML
    /// "This comparison's address: {1}" — on screen to copy, on paper to find it again.
    var sAddress: HTML
}

/// A list of links with a heading: all topics, all Länder.
struct ListPageModel: PageModel {
    static let template = "liste"
    var title: HTML
    var items: [EntryModel]
    /// Short entries, set in columns.
    var columns: Bool
}

/// The search page: a form (enhanced by assets/search.js), and without a
/// script the districts A–Z, the former districts and the postcode pages.
struct SearchModel: PageModel {
    static let template = "suche"
    var title: HTML
    var lead: HTML
    var sQuery: HTML
    var sButton: HTML
    var query: HTML
    var data: HTML
    /// The language's root, relative to the page (links are built from it).
    var base: HTML
    var script: HTML
    var sNoResult: HTML
    var sResults: HTML
    var sUntil: HTML
    var sKreise: HTML
    var kreise: [EntryModel]
    var sFormer: HTML
    var hasFormer: Bool
    var former: [EntryModel]
    /// The Gemeinden A–Z, a page per first letter.
    var sGemeinden: HTML
    var hasGemeinden: Bool
    var gemeindePages: [LinkModel]
    var sPostcodes: HTML
    var hasPostcodes: Bool
    var postcodePages: [LinkModel]
}

/// The postcodes beginning with one digit, each with its districts.
struct PostcodeModel: PageModel {
    static let template = "plz"
    struct Row: Codable, Sendable {
        var postcode: HTML
        var kreise: [LinkModel]
    }
    var title: HTML
    var sPostcode: HTML
    var sKreise: HTML
    var caption: HTML
    var rows: [Row]
}

/// Every download of the site with what it holds, its size, columns and licence.
struct DownloadsModel: PageModel {
    static let template = "downloads"
    struct Row: Codable, Sendable {
        var href: HTML
        var file: HTML
        var content: HTML
        var size: HTML
        var columns: HTML
        var licence: HTML
        var licenceHref: HTML?
    }
    var title: HTML
    var lead: HTML
    var caption: HTML
    var sFile: HTML
    var sContent: HTML
    var sSize: HTML
    var sColumns: HTML
    var sLicence: HTML
    var rows: [Row]
}

/// An editorial page (Markdown from Data/pages).
struct ProseModel: PageModel {
    static let template = "seite"
    var body: HTML
}

/// A data table (`table.mustache`): the first cell of a row is its header.
struct TableModel: Codable, Sendable {
    struct Column: Codable, Sendable {
        var label: HTML
        var numeric: Bool
    }
    struct Cell: Codable, Sendable {
        var value: HTML
        var href: HTML?
        var header: Bool
        var numeric: Bool
    }
    struct Row: Codable, Sendable {
        var cells: [Cell]
    }
    var caption: HTML
    var columns: [Column]
    var rows: [Row]
}

/// A distribution key: its components, persons per Land and district for
/// the atlas's N, the difference to the key it is compared with, the
/// sensitivity to its weights.
struct KeyModel: PageModel {
    static let template = "schluessel-seite"
    struct Kreise: Codable, Sendable {
        var title: HTML
        var text: HTML
        /// The difference to the compared key, per district.
        var map: HTML?
        var table: TableModel
    }
    struct Sensitivity: Codable, Sendable {
        var title: HTML
        var intro: HTML
        var table: TableModel
    }
    var title: HTML
    var rationale: HTML
    var version: HTML
    var sComponents: HTML
    /// For an official key: whose published shares it takes.
    var official: HTML?
    var components: TableModel?
    var persons: HTML
    var download: LinkModel
    var downloadName: HTML
    /// The same in the German Excel form (";", decimal comma, BOM).
    var downloadExcel: LinkModel
    var sPerLand: HTML
    var laender: TableModel
    /// The difference to the compared key per Land, as bars.
    var difference: HTML?
    var kreise: Kreise?
    var sensitivity: Sensitivity?
    /// Weights to change in the page (district-level composite keys).
    var lab: Lab?
    /// Needs against capacity per district, with every assumption stated.
    var capacity: Capacity?
    struct Capacity: Codable, Sendable {
        var title: HTML
        var intro: HTML
        var assumptions: [Assumption]
        var table: TableModel
        var download: LinkModel
        struct Assumption: Codable, Sendable {
            var label: HTML
            var source: HTML
        }
    }
    struct Lab: Codable, Sendable {
        struct Field: Codable, Sendable {
            var id: HTML
            var label: HTML
            var value: HTML
        }
        var title: HTML
        var intro: HTML
        var noScript: HTML
        /// The command that computes the same (`{1}`: the persons).
        var command: HTML
        var data: HTML
        var script: HTML
        var sWeights: HTML
        var fields: [Field]
        var sPersons: HTML
        var persons: HTML
        var sReset: HTML
        var status: HTML
        var largest: HTML
        var invalid: HTML
        var sLink: HTML
        var sCsv: HTML
        var sExcel: HTML
        var csvName: HTML
        var excelName: HTML
        var sLandCaption: HTML
        var sLand: HTML
        var sScenario: HTML
        var sCompared: HTML
        var sDiff: HTML
        var sKreise: HTML
        var sKreisCaption: HTML
        var sKreis: HTML
        /// One more component from the atlas's indicators.
        struct Extra: Codable, Sendable {
            var id: HTML
            var label: HTML
        }
        var extras: [Extra]
        var extrasData: HTML
        var sAdd: HTML
        var sAddIndicator: HTML
        var sNone: HTML
        var sAddWeight: HTML
        var sAddNote: HTML
        var sCommand: HTML
        var sDirect: HTML
        var sTwoStage: HTML
        /// The scenario's difference chart and map, drawn by the script.
        var sChartCaption: HTML
        var sMapCaption: HTML
        var unit: HTML
        var classFirst: HTML
        var classMid: HTML
        var classLast: HTML
        var classZero: HTML
        var classCount: HTML
        var chartDesc: HTML
        var sLegend: HTML
        var sSensitivityCaption: HTML
        var sComponent: HTML
        var sWeight: HTML
        var sPlus10: HTML
        var sMinus10: HTML
    }
}

/// One entry of the offers directory (`offer.mustache`).
struct OfferModel: Codable, Sendable {
    var name: HTML
    /// Its website, where it gave one.
    var href: HTML?
    var address: HTML?
    var languages: HTML?
    var targetGroups: HTML?
    /// Who checked it when.
    var verified: HTML
}

/// The offers directory: its categories and the download.
struct OffersModel: PageModel {
    static let template = "angebote"
    var title: HTML
    var what: HTML
    var coverage: HTML
    var categories: [EntryModel]
    var download: LinkModel
    var downloadName: HTML
}

/// The offers of one category, by Land and district.
struct OfferCategoryModel: PageModel {
    static let template = "angebotskategorie"
    struct Land: Codable, Sendable {
        var title: HTML
        var kreise: [Kreis]
    }
    struct Kreis: Codable, Sendable {
        var href: HTML
        var name: HTML
        var count: HTML
        var offers: [OfferModel]
    }
    var title: HTML
    var intro: HTML
    /// Said when the category has no entry.
    var none: HTML?
    var laender: [Land]
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
    /// Every key side by side: persons per Land for the stated N.
    var sScenarios: HTML
    var scenarios: TableModel
    /// Each key compared with the key it names (usually the Königsteiner Schlüssel), per Land.
    var differences: TableModel?
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
