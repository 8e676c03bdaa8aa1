/// How an official export is laid out, declared per table in atlas.yaml
/// (`form:`), so that editors can use what GENESIS and the Regionaldatenbank
/// give them without converting it by hand.
public enum TableForm: Sendable {
    /// A CSV or YAML table with one header line (the default).
    case plain
    /// GENESIS-Online flat CSV ("ffcsv"): one row per cell, each dimension as
    /// a `N_variable_code` / `N_variable_attribute_code` column pair.
    case genesisFlat(GenesisFlatSpec)
    /// A GENESIS or Regionaldatenbank table as shown on screen: metadata
    /// lines above, a header over several lines, hierarchy rows (Germany,
    /// Länder, Regierungsbezirke, Kreise), notes below.
    case genesisTable(GenesisTableSpec)
}

/// The text encoding of a table file. Only declared encodings are decoded: an
/// undeclared Windows-1252 file stays an error, so garbled names never appear.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    /// ISO-8859-1, read as Windows-1252 (its superset for every printable character).
    case latin1 = "latin-1"
}

/// Which attribute codes of one dimension a column takes: all of them (added
/// up) or the listed ones (added up; one code: just that one).
public enum CodeSelection: Sendable {
    case all
    case codes([Located<String>])
}

public struct GenesisFlatSpec: Sendable {
    /// The variable code of the region dimension (e.g. `KREISE`).
    public var region: Located<String>
    /// Dimensions added up over all their codes in every column (e.g. sex).
    public var sum: [Located<String>]
    /// The columns the table gets besides `ags` and `year`, in order: each
    /// names, for every other dimension, the codes it adds up.
    public var columns: [(name: Located<String>, select: [(dimension: Located<String>, codes: CodeSelection)])]
    public var keys: KeyRules
}

public struct GenesisTableSpec: Sendable {
    /// Names for the fields of a data row, in order (the export's header
    /// spans several lines and repeats itself, so the definition names them).
    public var columns: [Located<String>]
    public var keyColumn: Located<String>
    /// A column holding the reference date (`2023`, `31.12.2018` or
    /// `2018-12-31`), rewritten to its year.
    public var timeColumn: Located<String>?
    /// Only rows whose column has this text (e.g. school type `Insgesamt`).
    public var rows: (column: Located<String>, value: String)?
    public var keys: KeyRules
}

/// How the keys of an export map onto the atlas's Kreise. Each kind of key
/// that is not a Kreis of the Gebietsstand must be declared; a key that fits
/// no declared rule is a finding.
public struct KeyRules: Sendable {
    public enum Action: String, Sendable, CaseIterable {
        case leaveOut = "leave-out"
        /// Land rows of the city-states (a Land with a single Kreis): the
        /// Kreis's figures (Berlin `11` → `11000`).
        case cityStates = "city-states"
        /// Former Kreise: added to their successor (`territorial_changes`).
        case merge
        /// Former Kreise in a classification: their row must say what the
        /// successor's says (Eisenach and Wartburgkreis are both type 4).
        case sameAsSuccessor = "same-as-successor"
    }

    /// Keys of Länder 01–09 lost their leading zero (`1001` for `01001`).
    public var leadingZeroLost = false
    /// Kreise written as 8-digit keys (`01001000`).
    public var eightDigits = false
    /// `DG` (Germany).
    public var germany: Action?
    /// 2-digit keys.
    public var laender: Action?
    /// 3-digit keys (Regierungsbezirke, statistical regions).
    public var regierungsbezirke: Action?
    /// 5-digit keys that are no Kreis of the Gebietsstand.
    public var formerKreise: Action?
    /// 8-digit keys of a unit inside a Kreis (Berlin's boroughs, a city in a Region).
    public var parts: Action?

    public init() {}
}

/// A figure that covers several Kreise, reported under one of them (the
/// Saarland's people seeking protection all stand under Saarlouis, where the
/// Land's reception authority is). The figure belongs to the group.
public struct ReportingUnit: Sendable {
    /// The key the figure stands under in the table.
    public var reportedBy: Located<String>
    /// Every Kreis the figure covers, the reporting one included.
    public var covers: [Located<String>]
    /// Why, in words (shown with the figure).
    public var note: Localized
}
