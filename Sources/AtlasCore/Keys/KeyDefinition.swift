/// A distribution key (Data/keys/<id>.yaml): either an official key whose
/// Länder shares are taken as published (the Königsteiner Schlüssel of one
/// key year), or a weighted sum of shares of quantities per region, exactly
/// as the Königsteiner Schlüssel is built (2/3 tax revenue + 1/3 population).
public struct KeyDefinition: Sendable {
    public enum Kind: Sendable {
        /// Shares as published: an indicator at Land level, one year (in %).
        case official(indicator: Located<String>, year: Int)
        case composite([KeyComponent])
    }

    /// The most persons a key distributes (atlas.yaml, `atlas key --persons`,
    /// the key lab): more than live in Germany, and every quota stays exact in
    /// a Double.
    public static let maxPersons = 100_000_000
    /// The largest weight of a component: weights are relative, and a sum of
    /// large weights must not overflow.
    public static let maxWeight = 1_000_000.0

    public var id: String
    public var file: String
    public var title: Localized
    public var version: String
    public var rationale: Localized
    /// The level the key's shares are given at: land or kreis.
    public var level: RegionLevel
    public var kind: Kind
    /// How a Land's persons are passed on to its districts in a two-stage
    /// distribution of a Land-level key (an indicator, e.g. the population).
    public var withinLand: Located<String>?
    /// The key this one is compared with on its page (the official key).
    public var compareWith: Located<String>?
    public var location: SourceLocation
}

/// One component of a composite key: a quantity per region and its weight.
public struct KeyComponent: Sendable {
    public enum Missing: String, Sendable, CaseIterable {
        /// A region without a figure is an error (the check fails).
        case fail
        /// A region without a figure gets nothing from this component.
        case zero
        /// A region without a figure gets the median rate of its Land's districts.
        case landMedian = "land-median"
    }

    public var id: String
    public var title: Localized
    /// The weight as written (e.g. "2/3") and its value.
    public var weightText: String
    public var weight: Double
    /// The quantity: the indicator's figure, optionally inverted, times another
    /// indicator's figure (e.g. tax revenue per inhabitant × inhabitants).
    public var indicator: Located<String>
    public var times: Located<String>?
    public var inverse: Bool
    /// The year of the figures; nil: the latest year with figures.
    public var year: Int?
    public var missing: Missing

    /// A weight as a reader writes it (`atlas key --weight`, the key lab):
    /// a number with a decimal point or comma, or a fraction such as 1/3;
    /// nil unless it is a number from 0 to `KeyDefinition.maxWeight`.
    public static func weight(_ text: String) -> Double? {
        guard let w = DefinitionParser.parseWeight(text.replacingOccurrences(of: ",", with: ".")), w.isFinite, w >= 0 else { return nil }
        return w
    }
}
