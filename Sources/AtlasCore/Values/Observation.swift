/// The symbols of official German statistics (Destatis/GENESIS, and the Federal
/// Employment Agency's `*`) that stand in a table cell instead of a number.
/// A symbol is never a number: it is kept as what it says, ranked with nothing
/// and shown with its meaning.
public enum Symbol: String, CaseIterable, Sendable, Hashable {
    /// `–` nichts vorhanden (genau null). Also written `-`.
    case nothing = "–"
    /// `…` Angabe fällt später an. Also written `...`.
    case later = "…"
    /// `/` keine Angabe, da Zahlenwert nicht sicher genug.
    case uncertain = "/"
    /// `.` Zahlenwert unbekannt oder geheim zu halten. Also written `·` or `•`.
    case unknownOrSecret = "."
    /// `x` Tabellenfach gesperrt, weil Aussage nicht sinnvoll.
    case locked = "x"
    /// `*` anonymisiert (Bundesagentur für Arbeit: Wert 1 oder 2, aus Datenschutzgründen).
    case anonymised = "*"
    /// An empty cell: the source gives no value. Kept apart from `.` so that the
    /// atlas can say "keine Angabe in der Quelle" rather than "geheim".
    case blank = ""

    /// The canonical spelling in a table.
    public var spelling: String { rawValue }

    /// What the symbol means, in German, as Destatis words it.
    public var meaningDE: String {
        switch self {
        case .nothing: "nichts vorhanden"
        case .later: "Angabe fällt später an"
        case .uncertain: "keine Angabe, da Zahlenwert nicht sicher genug"
        case .unknownOrSecret: "Zahlenwert unbekannt oder geheim zu halten"
        case .locked: "Tabellenfach gesperrt, weil Aussage nicht sinnvoll"
        case .anonymised: "anonymisiert (Wert 1 oder 2)"
        case .blank: "keine Angabe in der Quelle"
        }
    }

    public var meaningEN: String {
        switch self {
        case .nothing: "nil (exactly zero)"
        case .later: "figure will be available later"
        case .uncertain: "no figure, value not reliable enough"
        case .unknownOrSecret: "figure unknown or to be kept secret"
        case .locked: "cell locked, no meaningful figure"
        case .anonymised: "anonymised (value 1 or 2)"
        case .blank: "not given in the source"
        }
    }

    /// Spellings accepted from data editors besides the canonical one.
    static let alternatives: [String: Symbol] = [
        "-": .nothing, "—": .nothing, "‒": .nothing, "−": .nothing,
        "...": .later,
        "·": .unknownOrSecret, "•": .unknownOrSecret,
        "X": .locked,
    ]
}

/// Flags that qualify a number: `p` vorläufig, `r` berichtigt, `s` geschätzt.
public struct Flags: OptionSet, Sendable, Hashable, CaseIterable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let provisional = Flags(rawValue: 1)
    public static let revised = Flags(rawValue: 2)
    public static let estimated = Flags(rawValue: 4)

    public static var allCases: [Flags] { [.provisional, .revised, .estimated] }

    /// The letters in canonical order: "p", "r", "s".
    public var letters: String {
        var s = ""
        if contains(.provisional) { s += "p" }
        if contains(.revised) { s += "r" }
        if contains(.estimated) { s += "s" }
        return s
    }
}

/// One cell's meaning: a number (possibly flagged or of restricted validity,
/// written in parentheses) or a symbol. Never both, never a silent blank.
public struct Observation: Sendable, Hashable {
    public var value: Double?
    public var symbol: Symbol?
    /// `( )`: Aussagewert eingeschränkt, weil der Zahlenwert statistisch relativ unsicher ist.
    public var restricted: Bool
    public var flags: Flags

    public init(value: Double, restricted: Bool = false, flags: Flags = []) {
        self.value = value
        self.symbol = nil
        self.restricted = restricted
        self.flags = flags
    }

    public init(symbol: Symbol, flags: Flags = []) {
        self.value = nil
        self.symbol = symbol
        self.restricted = false
        self.flags = flags
    }

    public var hasValue: Bool { value != nil }
}
