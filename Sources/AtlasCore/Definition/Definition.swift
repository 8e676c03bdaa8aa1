/// The atlas definition as written in `Data/`: what to show and where the
/// figures are. Produced by `DefinitionParser`, checked by the loader.
public struct AtlasDefinition: Sendable {
    public var title: Localized
    public var description: Localized
    public var languages: [String]
    /// Territorial status (Gebietsstand) of all regions, ISO date.
    public var gebietsstand: String
    public var referenceYear: Int
    /// Source root as written in atlas.yaml, relative to the Data folder.
    public var sources: Located<String>?
    public var regions: [RegionLevel: RegionTableDefinition]
    public var tables: [String: TableDefinition]
    public var licences: [String: Licence]
    public var territorialChanges: [TerritorialChange]
    /// Borders per level (GeoJSON below the source root).
    public var geometry: [RegionLevel: GeometrySource] = [:]
    public var topics: [Topic] = []
    public var indicators: [Indicator] = []
    /// Distribution keys (Data/keys/*.yaml), sorted by id.
    public var keys: [KeyDefinition] = []
    /// The number of persons the key pages distribute, and where it comes from.
    public var persons: Int = 329_120
    /// Whether atlas.yaml names the number (an atlas with keys must).
    public var personsGiven = false
    /// Where the site is published (canonical links, sitemap, DCAT); nil: not configured.
    public var baseURL: String?
    /// The offers directory, if the atlas has one.
    public var offers: OffersDefinition?
    public var personsSource: Localized?
    /// Kreise of a kind (BBSR settlement types), compared with on every card.
    public var peerGroups: PeerGroupDefinition?
    /// Needs against capacity on key pages (`Data/kapazitaet.yaml`), if present.
    public var capacity: CapacityDefinition?
}

/// A classification of the Kreise into groups of their kind: each Kreis in
/// exactly one, read from a table (`peer_groups:` in atlas.yaml).
public struct PeerGroupDefinition: Sendable {
    public var title: Localized
    public var table: Located<String>
    public var keyColumn: Located<String>
    public var valueColumn: Located<String>
    /// Where the classification comes from (shown with it).
    public var source: Localized
    /// Each group's code and name, in order.
    public var names: [(code: String, name: Localized)]
}

/// The levels of the German administrative hierarchy the atlas knows.
public enum RegionLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case land
    case kreis
    case gemeinde

    /// Digits of a key at this level: Land 2, Kreis 5, Gemeinde (AGS) 8.
    public var keyLength: Int {
        switch self {
        case .land: 2
        case .kreis: 5
        case .gemeinde: 8
        }
    }

    public var nameDE: String {
        switch self {
        case .land: "Land"
        case .kreis: "Kreis"
        case .gemeinde: "Gemeinde"
        }
    }

    public var pluralDE: String {
        switch self {
        case .land: "Länder"
        case .kreis: "Kreise"
        case .gemeinde: "Gemeinden"
        }
    }

    public var parent: RegionLevel? {
        switch self {
        case .land: nil
        case .kreis: .land
        case .gemeinde: .kreis
        }
    }

    public static func < (a: RegionLevel, b: RegionLevel) -> Bool { a.keyLength < b.keyLength }
}

/// Which table lists the regions of a level and which columns say what.
public struct RegionTableDefinition: Sendable {
    public var level: RegionLevel
    public var table: Located<String>
    public var keyColumn: Located<String>
    public var nameColumn: Located<String>
    public var shortNameColumn: Located<String>?
    public var typeColumn: Located<String>?
    public var parentColumn: Located<String>?
    /// Whether each region of this level gets its own page. Always for Länder
    /// and Kreise; for Gemeinden only with `pages: true` (10,786 pages per
    /// language are a choice, not a default).
    public var pages: Bool = true
}

/// A source table: a CSV or YAML file below the source root (or the Data folder).
public struct TableDefinition: Sendable {
    public enum Root: String, Sendable { case sources, data }
    public var id: String
    public var path: Located<String>
    public var root: Root
    /// nil: detect from the header line.
    public var dialect: Dialect?
    public var location: SourceLocation
    public var encoding: TextEncoding = .utf8
    public var form: TableForm = .plain
    /// Figures that cover several Kreise, reported under one key.
    public var reportingUnits: [ReportingUnit] = []
    /// Kreise the table does not list, with why in words (shown instead of a figure).
    public var notListed: [(code: Located<String>, note: Localized)] = []
    /// Further files of the same layout (`also:`), each with its Datenstand.
    public var also: [(path: Located<String>, datenstand: Located<String>?)] = []
    /// For a file of a set: the table it belongs to, and its Datenstand.
    public var memberOf: String?
    public var datenstand: String?
}

public struct Licence: Sendable {
    public var id: String
    public var name: String
    public var url: String
    /// The licence's URI in the DCAT-AP.de vocabulary (dcat-ap.de/def/licenses/…).
    public var dcat: String?
}

/// Where the borders of a level are: a GeoJSON file and the property with the key.
public struct GeometrySource: Sendable {
    public var level: RegionLevel
    public var path: Located<String>
    public var keyProperty: String
}

/// A merger or split that retired a region key, e.g. Eisenach 16056 into
/// Wartburgkreis 16063 on 2021-07-01.
public struct TerritorialChange: Sendable {
    public var date: String
    public var level: RegionLevel
    public var oldCode: String
    public var oldName: String
    public var newCode: String
    public var newName: String
}

public struct Topic: Sendable {
    public var id: String
    public var title: Localized
    public var description: Localized
    /// Where its id is written (Data/themes.yaml), for findings.
    public var location: SourceLocation?
}

public enum Polarity: String, Sendable, CaseIterable {
    case higherIsBetter = "higher-is-better"
    case lowerIsBetter = "lower-is-better"
    case neutral
}

/// How the value for a Land or for Germany is formed from district values.
public enum ReferenceMethod: Sendable, Hashable {
    /// Median of the districts.
    case median
    /// Sum of the districts (counts, populations, areas).
    case sum
    /// Sum of the districts that have a figure, where they are at least this
    /// share of all (shown with its coverage); below it, no sum.
    case sumWithCoverage(Double)

    static func sum(minCoverage: Double) -> ReferenceMethod { .sumWithCoverage(minCoverage) }

    public var isSum: Bool {
        switch self {
        case .sum, .sumWithCoverage: true
        default: false
        }
    }
    /// Mean weighted by another indicator (e.g. population for per-capita rates).
    case weightedMean(weight: Located<String>)
    /// For a derived rate: the sum of the numerator over the sum of the
    /// denominator (the rate of the area, not a mean of rates).
    case ratio
}

/// An indicator computed from two others: numerator / denominator × per
/// (people seeking protection per 1,000 inhabitants; a status's share).
/// Where the denominator has no figure for the numerator's year, its figure
/// of the nearest year is used (the nearest earlier one on a tie), and the
/// definition text must say so.
public struct Derivation: Sendable {
    public var numerator: Located<String>
    public var denominator: Located<String>
    public var per: Double
}

public struct Indicator: Sendable {
    public var id: String
    /// The indicator's file (e.g. Data/indicators/arbeitslosenquote.yaml).
    public var file: String
    public var title: Localized
    public var short: Localized
    public var definition: Localized
    public var unit: Localized
    public var decimals: Int
    public var topic: Located<String>
    public var polarity: Polarity
    public var range: ClosedRange<Double>?
    public var years: ClosedRange<Int>
    public var reference: ReferenceMethod
    public var source: SourceInfo
    public var values: [ValueSource]
    public var location: SourceLocation
    /// How the indicator's maps are classed and coloured.
    public var map = MapStyle()
    /// For figures given per Gemeinde: how they add up to Kreise and Länder.
    public var aggregate: Aggregation?
    /// For an indicator computed from two others instead of read from a table.
    public var derive: Derivation?
    /// Said wherever its values are shown (card, indicator page): what a
    /// reader must know not to misquote them.
    public var note: Localized?
    /// Kreise for which the indicator says nothing (Destatis "x": the city-states
    /// Berlin and Hamburg have no municipal level apart from the Land, so no
    /// municipal debt): their figures show as "x" with the note, unranked.
    public var notApplicable: [(code: Located<String>, note: Localized)] = []
    /// Figures only where a directory has entries (the offers): a district
    /// without one is not covered, so pages leave it out rather than list
    /// it as "k. A.".
    public var sparse = false
    /// Statistical disclosure control for a count (`disclosure:`).
    public var disclosure: Disclosure?
}

/// How a count is kept from telling about individuals: figures from 1 to
/// `min` − 1 are kept secret ("."), and so are as many more as it takes that
/// no secret figure follows from the published ones by the sums they stand
/// in (Gemeinden → Kreis → Land, and the categories `sum_of` names).
public struct Disclosure: Sendable {
    public var min: Int?
    /// The indicators this one is the sum of, region by region (e.g. people
    /// seeking protection = open + recognised + without protection status).
    public var sumOf: [Located<String>] = []

    public init(min: Int? = nil, sumOf: [Located<String>] = []) {
        self.min = min
        self.sumOf = sumOf
    }
}

/// How Gemeinde figures add up to Kreis and Land figures. A Gemeinde without
/// a figure (suppressed, missing) makes its Kreis and Land "." — never a
/// silent partial sum.
public struct Aggregation: Sendable {
    public enum Rule: String, Sendable, CaseIterable {
        /// Counts and sums.
        case sum
        /// Rates: Σ value × weight / Σ weight, weighted by another indicator (e.g. population).
        case weightedMean = "weighted-mean"
    }

    public var rule: Rule
    public var weight: Located<String>?
    /// A weighted mean may leave out Gemeinden without a figure if those
    /// with one hold at least this share of the weight (e.g. 0.95 of the
    /// dwellings); the value is then marked restricted `( )` and carries its
    /// coverage. Below it, and always for sums, the aggregate is ".".
    public var minCoverage: Double?

    public init(rule: Rule, weight: Located<String>? = nil, minCoverage: Double? = nil) {
        self.rule = rule
        self.weight = weight
        self.minCoverage = minCoverage
    }
}

/// Choropleth classes and palette of an indicator (`map:` in its file).
public struct MapStyle: Sendable, Hashable {
    public enum Classes: String, Sendable, CaseIterable { case quantiles, equal, jenks }
    public enum Palette: String, Sendable, CaseIterable { case sequential, diverging }

    public var classes: Classes = .quantiles
    public var count = 5
    public var palette: Palette = .sequential
    /// Diverging palettes part at this value (e.g. 0 for a change).
    public var midpoint: Double?

    public init() {}
}

public struct SourceInfo: Sendable {
    public var publisher: Localized
    public var licence: Located<String>
    public var attribution: String?
    public var url: String?
    /// Stand der Daten as the source states it (ISO date).
    public var datenstand: String
    /// What the atlas changed (dl-de/by-2-0 asks for a note when data were changed).
    public var changes: Localized?
}

/// Where an indicator's figures stand: which table, which columns, which level.
public struct ValueSource: Sendable {
    public var table: Located<String>
    public var level: RegionLevel
    public var keyColumn: Located<String>
    /// The year column, or a fixed year for tables with one reference date.
    public var year: YearSource
    public var valueColumn: Located<String>
    public var location: SourceLocation
    /// Long tables with several indicators: only rows whose column has this value.
    public var filter: (column: Located<String>, value: String)?

    public enum YearSource: Sendable {
        case column(Located<String>)
        case fixed(Int)
    }
}
