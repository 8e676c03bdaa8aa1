import Foundation
import AtlasCore
import AtlasKeys

/// A rendered site in memory: relative path → bytes, emitted in path order.
public struct Site: Sendable {
    public var files: [String: [UInt8]] = [:]
    public var pageCount = 0

    public init() {}

    public var sortedPaths: [String] { files.keys.sorted() }
    public var byteCount: Int { files.values.reduce(0) { $0 + $1.count } }

    mutating func add(_ path: String, _ text: String) { files[path] = Array(text.utf8) }
}

/// An editorial page written in Markdown (Data/pages/<slug>.<lang>.md).
public struct EditorialPage: Sendable {
    public var slug: String
    public var language: String
    public var markdown: String

    public init(slug: String, language: String, markdown: String) {
        self.slug = slug
        self.language = language
        self.markdown = markdown
    }
}

/// Stage *render*: Atlas + theme → every page of the site, in memory.
public enum SiteRenderer {
    /// Where the site is served when no base URL is configured (atlas serve).
    public static let defaultBase = "http://127.0.0.1:8080/"
    public static let version = "0.5.0"

    public static func render(
        _ atlas: Atlas, theme: Theme, pages: [EditorialPage], baseURL: String? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil, inputs: [String: String] = [:]
    ) -> Site {
        let configured = (baseURL ?? atlas.definition.baseURL).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let base = configured ?? defaultBase
        let weights = IndicatorFacts.weights(atlas)
        let facts = IndicatorFacts.compute(atlas, weights: weights)
        let maps = MapGeometry.prepare(atlas)
        var site = Site()
        let languages = atlas.definition.languages.filter { theme.strings[$0] != nil }
        let keyPages = (atlas.definition.keys.isEmpty ? 0 : 1 + atlas.definition.keys.count)
            + (atlas.definition.offers.map { 1 + $0.categories.count } ?? 0)
        let counter = ProgressCounter(total: languages.count * (3 + atlas.regions.count(.kreis) + facts.count
            + atlas.regions.count(.land) + atlas.themes.count + keyPages) + pages.count, report: progress)
        for lang in languages {
            let r = PageRenderer(
                atlas: atlas, facts: facts, theme: theme, display: Display(strings: theme.strings[lang]!),
                pages: pages.filter { $0.language == lang }.sorted { $0.slug < $1.slug },
                baseURL: configured, progress: counter, maps: maps)
            r.renderAll(into: &site)
        }
        for (name, bytes) in theme.assets { site.files["assets/" + name] = bytes }
        // The downloads are independent of each other: made on all cores.
        var downloads: [(String, @Sendable () -> String)] = []
        for indicator in atlas.indicators {
            if let f = facts[indicator.id] { downloads.append(("daten/\(indicator.id).csv", { CSVExport.csv(f, atlas: atlas) })) }
        }
        for key in atlas.definition.keys {
            if let shares = atlas.keyShares[key.id] {
                downloads.append(("daten/schluessel-\(key.id).csv", { CSVExport.keyCSV(shares, atlas: atlas, persons: atlas.definition.persons) }))
            }
        }
        downloads.append(("daten/atlas.csv", { OpenData.atlasCSV(atlas) }))
        if atlas.definition.offers != nil { downloads.append(("daten/angebote.csv", { CSVExport.offersCSV(atlas) })) }
        downloads.append(("daten/atlas.json", { OpenData.atlasJSON(atlas, lang: atlas.definition.languages.first ?? "de") }))
        let made = RenderedPages(count: downloads.count)
        let jobs = downloads
        DispatchQueue.concurrentPerform(iterations: jobs.count) { k in made.set(k, jobs[k].0, jobs[k].1()) }
        for (path, text) in made.all { site.add(path, text) }
        site.add("dcat/catalog.rdf", DCATCatalog.catalog(atlas, base: base))
        site.add("404.html", OpenData.notFound(atlas, theme: theme, base: base))
        site.add("robots.txt", OpenData.robots(base: base))
        site.add("sitemap.xml", OpenData.sitemap(paths: Array(site.files.keys), base: base))
        site.add("build-info.json", OpenData.buildInfo(atlas, inputs: inputs, version: version))
        return site
    }
}

/// Counts rendered pages and reports every 50th (and the last) to a callback.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    let total: Int
    let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func tick() {
        guard let report else { return }
        let n = lock.withLock {
            done += 1
            return done
        }
        if n % 50 == 0 || n == total { report(n, total) }
    }
}

/// Results of parallel rendering, one slot per page.
final class RenderedPages: @unchecked Sendable {
    private var slots: [(String, String)]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: ("", ""), count: count) }

    func set(_ k: Int, _ path: String, _ html: String) {
        lock.lock()
        slots[k] = (path, html)
        lock.unlock()
    }

    var all: [(String, String)] { lock.withLock { slots } }
}

/// Pieces of the render stage for tools and benchmarks (Sources/atlas-bench).
public enum RenderTools {
    /// The text of build-info.json for these inputs (also the core of the
    /// fingerprint that lets a rebuild with unchanged inputs skip rendering).
    public static func buildInfo(_ atlas: Atlas, inputs: [String: String]) -> String {
        OpenData.buildInfo(atlas, inputs: inputs, version: SiteRenderer.version)
    }

    /// The full district map of an indicator's latest year, as on its page.
    public static func indicatorMap(_ atlas: Atlas, theme: Theme, indicator id: String, maps: MapGeometry, language: String = "de") -> String {
        let facts = IndicatorFacts.compute(atlas, weights: IndicatorFacts.weights(atlas))
        return indicatorMap(facts: facts, atlas: atlas, theme: theme, indicator: id, maps: maps, language: language)
    }

    public static func facts(_ atlas: Atlas) -> [String: IndicatorFacts] {
        IndicatorFacts.compute(atlas, weights: IndicatorFacts.weights(atlas))
    }

    public static func indicatorMap(
        facts: [String: IndicatorFacts], atlas: Atlas, theme: Theme, indicator id: String, maps: MapGeometry, language: String = "de"
    ) -> String {
        guard let f = facts[id], let strings = theme.strings[language] else { return "" }
        let r = PageRenderer(
            atlas: atlas, facts: facts, theme: theme, display: Display(strings: strings), pages: [], baseURL: nil, progress: nil,
            maps: maps)
        guard let year = f.latestYear, let classes = r.mapClasses(f) else { return "" }
        return r.choropleth(
            f, year: year, classes: classes, layer: maps.main, borders: maps.mainBorders, id: "karte", caption: id, legend: true
        ).raw
    }
}

/// Renders the pages of one language.
struct PageRenderer: Sendable {
    let atlas: Atlas
    let facts: [String: IndicatorFacts]
    let theme: Theme
    let display: Display
    let pages: [EditorialPage]
    let baseURL: String?
    let progress: ProgressCounter?
    let maps: MapGeometry?
    /// Histogram bars and rows shared by all Steckbriefe of this language.
    let histograms = HistogramCache()

    var s: Strings { display.strings }
    var lang: String { display.language }
    var languages: [String] { atlas.definition.languages }

    /// Every page of this language, rendered on all cores (pages are
    /// independent); the result is keyed by path, so order does not matter.
    func renderAll(into site: inout Site) {
        var list: [@Sendable (PageRenderer) -> Page] = [{ $0.indexPage() }, { $0.themesPage() }, { $0.laenderPage() }]
        for kreis in atlas.regions.list(.kreis) { list.append { $0.kreisPage(kreis) } }
        for indicator in atlas.indicators where facts[indicator.id] != nil { list.append { $0.indicatorPage(indicator) } }
        for land in atlas.regions.list(.land) { list.append { $0.landPage(land) } }
        for theme in atlas.themes { list.append { $0.themePage(theme) } }
        for page in pages { list.append { $0.editorialPage(page) } }
        if let offers = atlas.definition.offers {
            list.append { $0.offersIndexPage() }
            for c in offers.categories { list.append { $0.offerCategoryPage(c) } }
        }
        if !atlas.definition.keys.isEmpty {
            list.append { $0.keysIndexPage() }
            for key in atlas.definition.keys { list.append { $0.keyPage(key) } }
        }
        let jobs = list
        let results = RenderedPages(count: jobs.count)
        let me = self
        DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
            let page = jobs[k](me)
            results.set(k, me.path(page.path), me.layout(page))
            me.progress?.tick()
        }
        for (path, html) in results.all { site.add(path, html) }
        site.pageCount += jobs.count
    }

    // MARK: paths

    /// The path of a page below the site root in language `language`.
    func path(_ page: String, language: String? = nil) -> String {
        let l = language ?? lang
        return (l == languages.first ? "" : l + "/") + page
    }

    /// A relative link from the page at `from` to the page `to` (both site paths).
    func link(from: String, to: String) -> String {
        let depth = from.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + to
    }

    // MARK: layout

    struct Page: Sendable {
        var path: String  // without language prefix, e.g. "kreis/01001/index.html"
        var title: String
        var description: String
        /// The pieces the page kind's template arranges (HTML values, lists of dictionaries, flags).
        nonisolated(unsafe) var parts: [String: Any]
        var kind: String
        var section: String  // which main navigation entry is current
        var sortable = false
        var breadcrumbs: [(label: String, page: String?)] = []
    }

    func layout(_ page: Page) -> String {
        let full = path(page.path)
        var entries = [
            ("index.html", s["nav.home"], "home"), ("themen/index.html", s["nav.themes"], "themes"),
            ("laender/index.html", s["nav.laender"], "laender"),
        ]
        if atlas.definition.offers != nil { entries.append(("angebote/index.html", s["nav.offers"], "offers")) }
        if !atlas.definition.keys.isEmpty { entries.append(("schluessel/index.html", s["nav.keys"], "keys")) }
        if pages.contains(where: { $0.slug == "methodik" }) { entries.append(("seiten/methodik/index.html", s["nav.method"], "method")) }
        let nav: [[String: Any]] = entries.map { target, label, key in
            ["href": HTML(text: link(from: full, to: path(target))), "label": HTML(text: label), "current": key == page.section]
        }
        let alternates: [[String: Any]] = languages.map { l in
            ["hreflang": HTML(text: l), "href": HTML(text: link(from: full, to: path(page.path, language: l)))]
        }
        let switchTo: [[String: Any]] = languages.filter { $0 != lang }.map { l in
            [
                "hreflang": HTML(text: l), "href": HTML(text: link(from: full, to: path(page.path, language: l))),
                "label": HTML(text: theme.strings[l]?["language.name"] ?? l),
            ]
        }
        let crumbs: [[String: Any]] = page.breadcrumbs.map { c in
            ["label": HTML(text: c.label), "href": c.page.map { HTML(text: link(from: full, to: path($0))) } ?? HTML.empty]
        }
        let footerLinks: [[String: Any]] = ["impressum", "barrierefreiheit", "datenschutz", "methodik"].compactMap { slug in
            guard pages.contains(where: { $0.slug == slug }) else { return nil }
            return ["href": HTML(text: link(from: full, to: path("seiten/\(slug)/index.html"))), "label": HTML(text: s["page." + slug])]
        }
        var partsContext = page.parts
        partsContext["legend"] = partsContext["legend"] ?? HTML.empty
        let content = HTML.trusted(theme.render(partsContext, template: page.kind))
        let context: [String: Any] = [
            "lang": HTML(text: lang),
            "title": HTML(text: page.title),
            "site_title": HTML(text: atlas.definition.title[lang]),
            "description": HTML(text: page.description),
            "canonical": baseURL.map { HTML(text: $0 + full) } ?? HTML.empty,
            "root": HTML(text: link(from: full, to: "")),
            "home": HTML(text: link(from: full, to: path("index.html"))),
            "content": content,
            "nav": nav,
            "alternates": alternates,
            "switch": switchTo,
            "breadcrumbs": crumbs,
            "has_breadcrumbs": !crumbs.isEmpty,
            "footer_links": footerLinks,
            "sortable": page.sortable,
            "kind": HTML(text: page.kind),
            "s_skip": HTML(text: s["layout.skip"]),
            "s_nav": HTML(text: s["layout.nav"]),
            "s_breadcrumbs": HTML(text: s["layout.breadcrumbs"]),
            "s_language": HTML(text: s["layout.language"]),
            "s_footer": HTML(text: s["layout.footer"]),
            "s_privacy": HTML(text: s["layout.privacy"]),
            "gebietsstand": HTML(text: s("layout.gebietsstand", dateText(atlas.definition.gebietsstand))),
        ]
        return theme.render(context, template: "layout")
    }

    /// A date in the page language: 1. Juli 2021 / 1 July 2021.
    func dateText(_ iso: String) -> String {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return iso }
        return s("date.format", String(p[2]), s["month.\(p[1])"], String(p[0]))
    }

    func unit(_ i: Indicator) -> String { i.unit[lang] }
}
