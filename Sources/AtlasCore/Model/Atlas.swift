/// A region of one level: a Land, a Kreis or a Gemeinde.
public struct Region: Sendable, Hashable {
    public var code: String
    public var name: String
    public var shortName: String?
    public var level: RegionLevel
    /// Code of the region one level up (a Kreis's Land, a Gemeinde's Kreis).
    public var parent: String?
    /// e.g. "kreisfreie Stadt" or "Landkreis".
    public var type: String?

    public init(code: String, name: String, shortName: String? = nil, level: RegionLevel, parent: String? = nil, type: String? = nil) {
        self.code = code
        self.name = name
        self.shortName = shortName
        self.level = level
        self.parent = parent
        self.type = type
    }
}

/// All regions by level, each level sorted by code.
public struct Regions: Sendable {
    public private(set) var byLevel: [RegionLevel: [Region]] = [:]
    private var index: [RegionLevel: [String: Int]] = [:]

    public init(_ regions: [RegionLevel: [Region]] = [:]) {
        for (level, list) in regions { set(list, for: level) }
    }

    mutating func set(_ list: [Region], for level: RegionLevel) {
        let sorted = list.sorted { $0.code < $1.code }
        byLevel[level] = sorted
        index[level] = Dictionary(sorted.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func list(_ level: RegionLevel) -> [Region] { byLevel[level] ?? [] }

    public func region(_ code: String, level: RegionLevel) -> Region? {
        guard let i = index[level]?[code] else { return nil }
        return byLevel[level]?[i]
    }

    public func contains(_ code: String, level: RegionLevel) -> Bool { index[level]?[code] != nil }

    public func count(_ level: RegionLevel) -> Int { byLevel[level]?.count ?? 0 }

    public var levels: [RegionLevel] { RegionLevel.allCases.filter { byLevel[$0] != nil } }
}

/// The figures of one indicator at one level: region code → year → observation.
public struct IndicatorValues: Sendable {
    public var level: RegionLevel
    public var series: [String: [Int: Observation]] = [:]
    /// Figures that cover several Kreise (`reporting_units` of a table): they
    /// belong to the group, not to the Kreis they stand under, which has none
    /// of its own in `series`.
    public var groups: [Group] = []
    /// Kreise the source does not list, with why in words (`not_listed`).
    public var notListed: [String: Localized] = [:]
    /// Aggregates over part of the Gemeinden (`min_coverage`): region → year
    /// → the share of the weight they cover (below 1).
    public var coverage: [String: [Int: Double]] = [:]
    /// Years read from a later file of a table set, with that file's
    /// Datenstand (the indicator's own Datenstand holds for the others).
    public var datenstand: [Int: String] = [:]

    public struct Group: Sendable {
        public var reportedBy: String
        /// The Kreise covered, the reporting one included, in code order.
        public var covers: [String]
        public var note: Localized
        public var series: [Int: Observation]

        public init(reportedBy: String, covers: [String], note: Localized, series: [Int: Observation]) {
            self.reportedBy = reportedBy
            self.covers = covers
            self.note = note
            self.series = series
        }
    }

    public init(level: RegionLevel) { self.level = level }

    /// The group whose figure covers this Kreis, if any.
    public func group(of code: String) -> Group? { groups.first { $0.covers.contains(code) } }

    public func observation(_ code: String, year: Int) -> Observation? { series[code]?[year] }

    /// Years that occur, ascending.
    public var years: [Int] {
        var seen = Set<Int>()
        for s in series.values { for y in s.keys { seen.insert(y) } }
        return seen.sorted()
    }

    public var count: Int { series.values.reduce(0) { $0 + $1.count } }

    /// A region's figure of the latest year that has one (e.g. a population
    /// for weights), or nil.
    public func latestValue(_ code: String) -> Double? {
        guard let s = series[code] else { return nil }
        return s.keys.sorted(by: >).lazy.compactMap { s[$0]?.value }.first
    }
}

/// A checked atlas: definition, regions and every indicator's figures, ready
/// for computing and rendering. Only `AtlasLoader` makes one, and only when
/// no error was found.
/// An editorial page as written: `Data/pages/<slug>.<language>.md`.
public struct PageSource: Sendable {
    public var slug: String
    public var language: String
    public var markdown: String
    /// The file it was read from (Data/pages/<slug>.<language>.md).
    public var path: String

    public init(slug: String, language: String, markdown: String, path: String = "") {
        self.slug = slug
        self.language = language
        self.markdown = markdown
        self.path = path
    }
}

public struct Atlas: Sendable {
    public var definition: AtlasDefinition
    /// The source root the figures were read from, as shown to the user.
    public var sourceRoot: String
    public var regions: Regions
    public var topics: [Topic] { definition.topics }
    public var indicators: [Indicator] { definition.indicators }
    /// Indicator id → level → figures.
    public var values: [String: [RegionLevel: IndicatorValues]]
    /// Region shapes per level, in region-code order (where the definition names borders).
    public var shapes: [RegionLevel: [RegionShape]] = [:]
    /// Distribution keys by id, with their shares.
    public var keyShares: [String: KeyShares] = [:]
    /// Indicator id → the component it would make if a reader added it to a district key.
    public var extraComponents: [String: ExtraComponent] = [:]
    /// The offers directory, placed in districts, in file and line order.
    public var offers: [Offer] = []
    /// The editorial pages (Markdown), by slug and language.
    public var pages: [PageSource] = []
    /// Each Kreis's peer group code (`peer_groups:`), if the atlas has them.
    public var peerGroupOf: [String: String] = [:]
    /// Postcode → the Kreise it reaches into (from the offers' postcode table), for the search.
    public var postcodes: [String: [String]] = [:]

    public func values(_ indicator: String, level: RegionLevel) -> IndicatorValues? { values[indicator]?[level] }
}

/// Counts for the one-line summary of `atlas check`.
public struct LoadStatistics: Sendable, Equatable {
    public var tables = 0
    public var rows = 0
    public var regions: [RegionLevel: Int] = [:]
    public var indicators = 0
    /// Cells with a number.
    public var numbers = 0
    /// Cells with a symbol (including empty cells: "not given").
    public var symbols = 0
    /// Figures kept secret by the atlas (DisclosureControl): small counts,
    /// and the figures held back so that none can be re-derived.
    public var primarySuppressed = 0
    public var secondarySuppressed = 0

    public init() {}
}
