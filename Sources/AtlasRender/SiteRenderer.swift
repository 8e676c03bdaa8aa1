import Foundation
import AtlasCore
import AtlasNumerics

/// A rendered site in memory: relative path → bytes, emitted in path order.
public struct Site: Sendable {
    public var files: [String: [UInt8]] = [:]
    public var pageCount = 0

    public init() {}

    public var sortedPaths: [String] { files.keys.sorted() }
    public var byteCount: Int { files.values.reduce(0) { $0 + $1.count } }

    mutating func add(_ path: String, _ text: String) { files[path] = Array(text.utf8) }
}

/// Where rendered files go as they are made, from any thread: into memory
/// (`Site`, for atlas serve and tests) or straight into the staging folder
/// (the writer), so that a large site is never held whole in memory.
public protocol SiteOutput: AnyObject, Sendable {
    func put(_ path: String, _ bytes: UnsafeRawBufferPointer)
    /// A file written in pieces (the large downloads), so that it is never
    /// held whole in memory.
    func open(_ path: String) -> SiteFileWriter
}

/// One file of the site being written in pieces; `close()` once at the end.
public protocol SiteFileWriter: AnyObject {
    func append(_ bytes: UnsafeRawBufferPointer)
    /// The number of bytes written.
    func close() -> Int
}

/// Text for a streamed file, handed on in chunks of about a megabyte. Bytes,
/// not a String: the open-data downloads append a million small pieces
/// (profiled: String's append bookkeeping was half of writing atlas.csv).
final class ChunkedText {
    private var buffer: [UInt8] = []
    private var flushed = 0
    private let file: SiteFileWriter
    static let chunk = 1 << 20

    init(_ file: SiteFileWriter) {
        self.file = file
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    static func += (t: ChunkedText, s: String) {
        t.buffer.append(contentsOf: s.utf8)
        t.check()
    }

    /// A literal (the caller appends whole rows and then `+=` or an array,
    /// which hand on a full chunk).
    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        check()
    }

    /// Appends through `body` in one access (a row at a time: the buffer of a
    /// class, touched piece by piece, is checked for exclusive access each time).
    func write(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        check()
    }

    private func check() {
        if buffer.count >= Self.chunk { flush() }
    }

    /// Bytes appended so far.
    var count: Int { flushed + buffer.count }

    private func flush() {
        buffer.withUnsafeBytes { file.append($0) }
        flushed += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func close() -> Int {
        flush()
        return file.close()
    }
}

/// What was rendered: counts for the summary line.
public struct RenderSummary: Sendable {
    public var pageCount = 0
    public var fileCount = 0
    public var byteCount = 0

    public init(pageCount: Int = 0, fileCount: Int = 0, byteCount: Int = 0) {
        self.pageCount = pageCount
        self.fileCount = fileCount
        self.byteCount = byteCount
    }
}

/// Collects a whole site in memory.
final class MemoryOutput: SiteOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]

    func put(_ path: String, _ bytes: UnsafeRawBufferPointer) {
        let copy = [UInt8](bytes)
        lock.withLock { files[path] = copy }
    }

    func open(_ path: String) -> SiteFileWriter { Collected { bytes in self.lock.withLock { self.files[path] = bytes } } }

    final class Collected: SiteFileWriter {
        var bytes: [UInt8] = []
        let done: ([UInt8]) -> Void
        init(_ done: @escaping ([UInt8]) -> Void) { self.done = done }
        func append(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b) }
        func close() -> Int {
            done(bytes)
            return bytes.count
        }
    }

    var site: Site {
        var site = Site()
        site.files = lock.withLock { files }
        return site
    }
}

/// Passes files on and remembers their paths and sizes (for the sitemap and
/// the summary).
final class RecordingOutput: @unchecked Sendable {
    private let lock = NSLock()
    private let target: SiteOutput
    private var sizes: [String: Int] = [:]
    /// The first line of every CSV download, for the downloads page.
    private var headers: [String: String] = [:]

    init(_ target: SiteOutput) { self.target = target }

    func put(_ path: String, _ text: String) {
        var text = text
        text.withUTF8 { put(path, UnsafeRawBufferPointer($0)) }
    }

    func put(_ path: String, _ bytes: UnsafeRawBufferPointer) {
        target.put(path, bytes)
        record(path, bytes.count)
        if path.hasSuffix(".csv") {
            var line = bytes.prefix { $0 != 0x0D && $0 != 0x0A }[...]
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            noteHeader(path, String(decoding: line, as: UTF8.self))
        }
    }

    func noteHeader(_ path: String, _ line: String) { lock.withLock { headers[path] = line } }
    var files: [(path: String, size: Int, header: String?)] {
        lock.withLock { sizes.map { ($0.key, $0.value, headers[$0.key]) }.sorted { $0.path < $1.path } }
    }

    /// Two files for one path would make the site depend on thread timing;
    /// the loader rejects the ids that could cause it.
    private func record(_ path: String, _ size: Int) {
        let twice = lock.withLock { sizes.updateValue(size, forKey: path) != nil }
        precondition(!twice, "two files rendered for \(path)")
    }

    /// Writes a file in pieces through `ChunkedText`.
    func stream(_ path: String, _ write: (ChunkedText) -> Void) {
        let text = ChunkedText(target.open(path))
        write(text)
        record(path, text.close())
    }

    var paths: [String] { lock.withLock { Array(sizes.keys) } }
    var byteCount: Int { lock.withLock { sizes.values.reduce(0, +) } }
    var fileCount: Int { lock.withLock { sizes.count } }
}

/// Stage *render*: the atlas, what the compute stage worked out (`SiteFacts`)
/// and the theme → every file of the site.
public enum SiteRenderer {
    /// Where the site is served when no base URL is configured (atlas serve).
    public static let defaultBase = "http://127.0.0.1:8080/"
    public static let version = "0.5.0"

    /// The whole site in memory (atlas serve, tests).
    public static func render(
        _ atlas: Atlas, computed: SiteFacts, theme: Theme, baseURL: String? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil, inputs: [String: String] = [:]
    ) -> Site {
        let memory = MemoryOutput()
        let summary = render(
            atlas, computed: computed, theme: theme, baseURL: baseURL, progress: progress, inputs: inputs, into: memory)
        var site = memory.site
        site.pageCount = summary.pageCount
        return site
    }

    /// 404.html in every language, with absolute links (it is served for any missing path).
    static func notFound(_ atlas: Atlas, theme: Theme, base: String) -> String {
        let languages = atlas.definition.languages
        let first = languages.first ?? "de"
        let s = theme.strings[first]
        let model = NotFoundModel(
            lang: HTML(text: first), title: HTML(text: s?["notfound.title"] ?? "404"), siteTitle: HTML(text: atlas.definition.title[first]),
            description: HTML(text: s?["notfound.text"] ?? ""), base: HTML(text: base),
            sections: languages.compactMap { lang in
                theme.strings[lang].map { s in
                    NotFoundModel.Section(
                        lang: HTML(text: lang), title: HTML(text: s["notfound.title"]), text: HTML(text: s["notfound.text"]),
                        home: HTML(text: base + (lang == first ? "" : "\(lang)/") + "index.html"), homeLabel: HTML(text: s["notfound.home"]))
                }
            })
        return theme.render(model)
    }

    /// Renders every file of the site into `output` as it is made. All pages
    /// of all languages and the downloads are one list of jobs on all cores,
    /// the largest (the downloads) first, so that no core waits at the end.
    public static func render(
        _ atlas: Atlas, computed: SiteFacts, theme: Theme, baseURL: String? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil, inputs: [String: String] = [:], into target: SiteOutput
    ) -> RenderSummary {
        let configured = (baseURL ?? atlas.definition.baseURL).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let base = configured ?? defaultBase
        let facts = computed.facts
        let gemeindeFacts = computed.gemeindeFacts
        let output = RecordingOutput(target)
        let languages = atlas.definition.languages.filter { theme.strings[$0] != nil }

        var jobs: [@Sendable () -> Void] = []
        // The downloads are independent of each other and of the pages.
        jobs.append { output.stream("daten/atlas.json") { OpenData.atlasJSON(atlas, lang: atlas.definition.languages.first ?? "de", into: $0) } }
        jobs.append { output.stream("daten/atlas.csv") { OpenData.atlasCSV(atlas, into: $0) } }
        jobs.append { output.stream("daten/atlas-excel.csv") { OpenData.atlasCSV(atlas, form: .excel, into: $0) } }
        var downloads: [(String, @Sendable () -> String)] = []
        for indicator in atlas.indicators {
            if let f = facts[indicator.id] {
                // One job writes both forms: the Excel form is made from the plain text, not computed again.
                jobs.append {
                    let plain = CSVExport.csv(f, atlas: atlas)
                    output.put("daten/\(indicator.id).csv", plain)
                    output.put("daten/\(indicator.id)-excel.csv", CSVExport.excel(plain))
                }
            }
            if let g = gemeindeFacts[indicator.id] { downloads.append(("daten/gemeinden/\(indicator.id).csv", { CSVExport.csv(g, atlas: atlas) })) }
        }
        for key in atlas.definition.keys {
            if let result = computed.keys[key.id] {
                downloads.append(("daten/schluessel-\(key.id).csv", { CSVExport.keyCSV(result) }))
                downloads.append(("daten/schluessel-\(key.id)-excel.csv", { CSVExport.keyCSV(result, german: true) }))
                if let capacity = atlas.definition.capacity, capacity.keys.contains(where: { $0.value == key.id }) {
                    downloads.append(
                        (
                            "daten/kapazitaet-\(key.id).csv",
                            { CapacityRow.csv(capacity, rows: CapacityRow.rows(capacity, result: result, facts: facts)) }
                        ))
                }
                if KeyLabData.supports(key), let shares = atlas.keyShares[key.id] {
                    for lang in atlas.definition.languages {
                        let folder = lang == atlas.definition.languages.first ? "" : lang + "/"
                        downloads.append(
                            (
                                "\(folder)schluessel/\(key.id)/daten.json",
                                { KeyLabData.json(shares, atlas: atlas, persons: atlas.definition.persons, result: result, lang: lang) }
                            ))
                    }
                }
            }
        }
        if atlas.definition.keys.contains(where: KeyLabData.supports) {
            downloads.append(("daten/schluessel-komponenten.json", { KeyLabData.extrasJSON(atlas) }))
        }
        if atlas.definition.offers != nil { downloads.append(("daten/angebotsverzeichnis.csv", { CSVExport.offersCSV(atlas) })) }
        downloads.append(("dcat/catalog.rdf", { DCATCatalog.catalog(atlas, base: base) }))
        downloads.append(("daten/suche.json", { SearchData.json(atlas) }))
        for (path, make) in downloads { jobs.append { output.put(path, make()) } }

        var pageJobs: [(PageRenderer, @Sendable (PageRenderer) -> PageRenderer.Page?)] = []
        for lang in languages {
            var r = PageRenderer(
                atlas: atlas, facts: facts, theme: theme, display: Display(strings: theme.strings[lang]!),
                pages: atlas.pages.filter { $0.language == lang }.sorted { $0.slug < $1.slug },
                baseURL: configured, maps: computed.maps, gemeindeFacts: gemeindeFacts, keyResults: computed.keys)
            r.prepareShared()
            for job in r.pageJobs() { pageJobs.append((r, job)) }
            let shared = r
            jobs.append { output.put(shared.path("tabelle/daten.json"), shared.tableJSON()) }
            // The comparison's small series: one file per district, fetched for the chosen ones.
            jobs.append {
                for kreis in atlas.regions.list(.kreis) {
                    output.put(shared.path("vergleich/verlauf/\(kreis.code).json"), shared.compareSeriesJSON(kreis))
                }
            }
            // Each Steckbrief's figures, once (in the first language, like the other downloads).
            if lang == languages.first {
                for kreis in atlas.regions.list(.kreis) {
                    jobs.append {
                        let plain = shared.kreisCSV(kreis)
                        output.put("daten/kreise/\(kreis.code).csv", plain)
                        output.put("daten/kreise/\(kreis.code)-excel.csv", CSVExport.excel(plain))
                    }
                }
            }
        }
        let counter = ProgressCounter(total: pageJobs.count, report: progress)
        for (r, job) in pageJobs {
            jobs.append {
                if let page = job(r) { output.put(r.path(page.path), r.layout(page)) }
                counter.tick()
            }
        }
        let all = jobs
        DispatchQueue.concurrentPerform(iterations: all.count) { all[$0]() }
        output.noteHeader("daten/atlas.csv", OpenData.atlasCSVHeader)
        output.noteHeader("daten/atlas-excel.csv", OpenData.atlasCSVHeader.replacingOccurrences(of: ",", with: ";"))
        // The downloads page lists every file with its size: made when all are written.
        let files = output.files
        for (r, _) in Dictionary(pageJobs.map { ($0.0.lang, $0) }, uniquingKeysWith: { a, _ in a }).values.sorted(by: { $0.0.lang < $1.0.lang }) {
            let page = r.downloadsPage(files)
            output.put(r.path(page.path), r.layout(page))
        }

        for (name, bytes) in theme.assets.sorted(by: { $0.key < $1.key }) {
            bytes.withUnsafeBytes { output.put("assets/" + name, $0) }
        }
        output.put("404.html", notFound(atlas, theme: theme, base: base))
        output.put("robots.txt", OpenData.robots(base: base))
        output.put("build-info.json", OpenData.buildInfo(atlas, inputs: inputs, version: version))
        output.put("sitemap.xml", OpenData.sitemap(paths: output.paths, base: base))
        return RenderSummary(pageCount: pageJobs.count + languages.count, fileCount: output.fileCount, byteCount: output.byteCount)
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

/// Pieces of the render stage for tools and benchmarks (Sources/atlas-bench).
public enum RenderTools {
    public static func facts(_ atlas: Atlas) -> [String: IndicatorFacts] {
        IndicatorFacts.compute(atlas, weights: IndicatorFacts.weights(atlas))
    }

    /// The full district map of an indicator's latest year, as on its page.
    public static func indicatorMap(
        facts: [String: IndicatorFacts], atlas: Atlas, theme: Theme, indicator id: String, maps: MapGeometry, language: String = "de"
    ) -> String {
        guard let f = facts[id], let strings = theme.strings[language] else { return "" }
        let r = PageRenderer(
            atlas: atlas, facts: facts, theme: theme, display: Display(strings: strings), pages: [], baseURL: nil, maps: maps)
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
    /// The editorial pages of this language.
    let pages: [PageSource]
    let baseURL: String?
    let maps: MapGeometry?
    /// The themes of a Steckbrief with their Kreis indicators sorted by title
    /// in this language: the same for all 400 Steckbriefe, so worked out once.
    var steckbriefTopics: [(topic: Topic, indicators: [Indicator])] = []

    func makeSteckbriefTopics() -> [(topic: Topic, indicators: [Indicator])] {
        atlas.topics.compactMap { theme in
            let indicators = atlas.indicators.filter { $0.topic.value == theme.id && facts[$0.id]?.level == .kreis }
                .sorted { ($0.title[lang], $0.id) < ($1.title[lang], $1.id) }
            return indicators.isEmpty ? nil : (theme, indicators)
        }
    }

    /// Facts per Gemeinde, for Gemeinde pages (empty without them).
    var gemeindeFacts: [String: IndicatorFacts] = [:]
    /// Persons per region of each distribution key.
    var keyResults: [String: SiteFacts.KeyResult] = [:]
    /// The indicators of a Gemeinde page, sorted by title in this language:
    /// the same for every Gemeinde, so sorted once, not 10,000 times.
    var gemeindeIndicators: [Indicator] = []

    /// What every page of this language shares, made once before the pages
    /// (in this order: the cards show dates and follow the themes).
    mutating func prepareShared() {
        steckbriefTopics = makeSteckbriefTopics()
        gemeindeIndicators = makeGemeindeIndicators()
        dates = makeDates()
        legend = makeSymbolLegend()
        cardCommons = makeCardCommons()
        gemeindeCommons = makeGemeindeCommons()
    }
    /// Per indicator, the parts of a Steckbrief card that are the same for every district.
    var cardCommons: [String: CardCommon] = [:]
    /// Per indicator, what a Gemeinde page shows the same on every page.
    var gemeindeCommons: [String: GemeindeCommon] = [:]
    /// The symbol legend of this language (`symbolLegend()`).
    var legend: LegendModel?
    /// Dates in words, by ISO date (`dateText`).
    var dates: [String: String] = [:]

    func makeGemeindeIndicators() -> [Indicator] {
        atlas.indicators.filter { gemeindeFacts[$0.id] != nil }.sorted { ($0.title[lang], $0.id) < ($1.title[lang], $1.id) }
    }
    /// Histogram bars and rows shared by all Steckbriefe of this language.
    let histograms = HistogramCache()

    var s: Strings { display.strings }
    var lang: String { display.language }
    var languages: [String] { atlas.definition.languages }

    /// Every page of this language, as jobs that can run on any core (pages
    /// are independent of each other).
    func pageJobs() -> [@Sendable (PageRenderer) -> Page?] {
        var list: [@Sendable (PageRenderer) -> Page?] = [
            { $0.indexPage() }, { $0.topicsPage() }, { $0.laenderPage() }, { $0.searchPage() }, { $0.tableBuilderPage() }, { $0.comparePage() },
        ]
        for digit in Set(atlas.postcodes.keys.compactMap(\.first)).sorted() { list.append { $0.postcodePage(digit) } }
        for letter in gemeindeLetters() { list.append { $0.gemeindeIndexPage(letter) } }
        for kreis in atlas.regions.list(.kreis) { list.append { $0.kreisPage(kreis) } }
        for indicator in atlas.indicators where facts[indicator.id] != nil { list.append { $0.indicatorPage(indicator) } }
        if atlas.definition.regions[.gemeinde]?.pages == true {
            for gemeinde in atlas.regions.list(.gemeinde) { list.append { $0.gemeindePage(gemeinde) } }
        }
        for indicator in atlas.indicators where gemeindeFacts[indicator.id] != nil { list.append { $0.gemeindeRankingPage(indicator) } }
        for land in atlas.regions.list(.land) { list.append { $0.landPage(land) } }
        for theme in atlas.topics { list.append { $0.topicPage(theme) } }
        for page in pages { list.append { $0.editorialPage(page) } }
        if let offers = atlas.definition.offers {
            list.append { $0.offersIndexPage() }
            for c in offers.categories { list.append { $0.offerCategoryPage(c) } }
        }
        if !atlas.definition.keys.isEmpty {
            list.append { $0.keysIndexPage() }
            for key in atlas.definition.keys { list.append { $0.keyPage(key) } }
        }
        return list
    }

    // MARK: paths

    /// The path of a page below the site root in language `language`.
    func path(_ page: String, language: String? = nil) -> String {
        let l = language ?? lang
        return (l == languages.first ? "" : l + "/") + page
    }

    /// A relative link from the page at `from` to the page `to` (both site paths).
    func link(from: String, to: String) -> String {
        // Site paths have no empty segments: the depth is the number of "/".
        var depth = 0
        for b in from.utf8 where b == 0x2F { depth += 1 }
        if depth == 0 { return to }
        var out = ""
        out.reserveCapacity(3 * depth + to.utf8.count)
        for _ in 0..<depth { out += "../" }
        return out + to
    }

    // MARK: layout

    /// A page: where it goes, what the layout needs, and the page kind's model.
    struct Page: Sendable {
        var path: String  // without language prefix, e.g. "kreis/01001/index.html"
        var title: String
        var description: String
        var model: any PageModel
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
        entries.append(("tabelle/index.html", s["nav.table"], "table"))
        entries.append(("suche/index.html", s["search.title"], "search"))
        let crumbs = page.breadcrumbs.map { c in
            LayoutModel.Crumb(label: HTML(text: c.label), href: c.page.map { HTML(text: link(from: full, to: path($0))) })
        }
        let model = LayoutModel(
            lang: HTML(text: lang),
            title: HTML(text: page.title),
            siteTitle: HTML(text: atlas.definition.title[lang]),
            description: HTML(text: page.description),
            canonical: baseURL.map { HTML(text: $0 + full) },
            root: HTML(text: link(from: full, to: "")),
            home: HTML(text: link(from: full, to: path("index.html"))),
            content: HTML.trusted(theme.render(page.model)),
            kind: HTML(text: type(of: page.model).template),
            nav: entries.map { target, label, key in
                LayoutModel.NavItem(href: HTML(text: link(from: full, to: path(target))), label: HTML(text: label), current: key == page.section)
            },
            alternates: languages.map { l in
                LayoutModel.Alternate(hreflang: HTML(text: l), href: HTML(text: link(from: full, to: path(page.path, language: l))))
            },
            otherLanguages: languages.filter { $0 != lang }.map { l in
                LayoutModel.OtherLanguage(
                    hreflang: HTML(text: l), href: HTML(text: link(from: full, to: path(page.path, language: l))),
                    label: HTML(text: theme.strings[l]?["language.name"] ?? l))
            },
            easyRead: pages.contains(where: { $0.slug == "leichte-sprache" })
                ? LinkModel(
                    href: HTML(text: link(from: full, to: path("seiten/leichte-sprache/index.html"))), label: HTML(text: s["layout.easy_read"]))
                : nil,
            searchAction: HTML(text: link(from: full, to: path("suche/index.html"))),
            sSearch: HTML(text: s["search.query"]),
            sSearchButton: HTML(text: s["search.button"]),
            breadcrumbs: crumbs,
            hasBreadcrumbs: !crumbs.isEmpty,
            downloads: LinkModel(href: HTML(text: link(from: full, to: path("daten/index.html"))), label: HTML(text: s["downloads.title"])),
            footerLinks: ["impressum", "barrierefreiheit", "datenschutz", "methodik"].compactMap { slug in
                guard pages.contains(where: { $0.slug == slug }) else { return nil }
                return LinkModel(href: HTML(text: link(from: full, to: path("seiten/\(slug)/index.html"))), label: HTML(text: s["page." + slug]))
            },
            sortable: page.sortable,
            sSkip: HTML(text: s["layout.skip"]),
            sNav: HTML(text: s["layout.nav"]),
            sBreadcrumbs: HTML(text: s["layout.breadcrumbs"]),
            sFooter: HTML(text: s["layout.footer"]),
            sPrivacy: HTML(text: s["layout.privacy"]),
            gebietsstand: HTML(text: s("layout.gebietsstand", dateText(atlas.definition.gebietsstand))))
        return theme.render(model)
    }

    /// A date in the page language: 1. Juli 2021 / 1 July 2021.
    func dateText(_ iso: String) -> String {
        if let known = dates[iso] { return known }
        return makeDateText(iso)
    }

    /// The dates every page shows (Gebietsstand, each indicator's Datenstand), once per language.
    func makeDates() -> [String: String] {
        var out: [String: String] = [:]
        for iso in [atlas.definition.gebietsstand] + atlas.indicators.map(\.source.datenstand) where out[iso] == nil {
            out[iso] = makeDateText(iso)
        }
        return out
    }

    func makeDateText(_ iso: String) -> String {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return iso }
        return s("date.format", String(p[2]), s["month.\(p[1])"], String(p[0]))
    }

    func unit(_ i: Indicator) -> String { i.unit[lang] }
}
