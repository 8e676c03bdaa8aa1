import AtlasCore

/// How an observation reads on a page: a formatted number with its flags, or
/// a Destatis symbol with its meaning for screen readers and on hover. Never 0
/// for a missing value.
public struct Display: Sendable {
    public let strings: Strings
    public var language: String { strings.language }

    /// `<abbr>` of each symbol, made once per language: a Steckbrief shows
    /// hundreds of them.
    private let symbolMarkup: [Symbol: HTML]

    public init(strings: Strings) {
        self.strings = strings
        var markup: [Symbol: HTML] = [:]
        for symbol in Symbol.allCases {
            let meaning = strings["symbol." + Self.symbolKey(symbol)]
            let shown = symbol == .blank ? strings["symbol.blank.short"] : symbol.spelling
            markup[symbol] = HTML.element("abbr", ["class": "sym", "title": meaning], HTML(text: shown))
        }
        symbolMarkup = markup
    }

    public func number(_ v: Double, decimals: Int, signed: Bool = false) -> String {
        NumberFormat.format(v, decimals: decimals, language: language, signed: signed)
    }

    /// The meaning of a symbol in this language.
    public func meaning(_ symbol: Symbol) -> String {
        strings["symbol." + Self.symbolKey(symbol)]
    }

    static func symbolKey(_ symbol: Symbol) -> String {
        switch symbol {
        case .nothing: "nothing"
        case .later: "later"
        case .uncertain: "uncertain"
        case .unknownOrSecret: "unknown"
        case .locked: "locked"
        case .anonymised: "anonymised"
        case .blank: "blank"
        }
    }

    /// The spelling shown for a symbol; an empty source cell shows as "k. A.".
    public func shown(_ symbol: Symbol) -> String {
        symbol == .blank ? strings["symbol.blank.short"] : symbol.spelling
    }

    /// `<abbr title="meaning">.</abbr>`, or the number with `( )` and flags.
    public func html(_ o: Observation?, decimals: Int) -> HTML {
        guard let o else { return symbolHTML(.blank) }
        if let symbol = o.symbol { return symbolHTML(symbol) + flagsHTML(o.flags) }
        var text = number(o.value!, decimals: decimals)
        // A formatted number is digits, separators and signs: nothing to
        // escape, and most figures have no flags (the common case, kept short).
        if !o.restricted && o.flags.isEmpty { return HTML.trusted(text) }
        if o.restricted { text = "(\(text))" }
        var out = HTML(text: text)
        if o.restricted {
            out = HTML.element("abbr", ["title": strings["symbol.restricted"]], out)
        }
        return out + flagsHTML(o.flags)
    }

    /// Plain text for SVG titles and descriptions (no markup allowed there).
    public func text(_ o: Observation?, decimals: Int) -> String {
        guard let o else { return meaning(.blank) }
        if let symbol = o.symbol { return "\(shown(symbol)) (\(meaning(symbol)))" }
        var s = number(o.value!, decimals: decimals)
        if o.restricted { s = "(\(s))" }
        for f in Flags.allCases where o.flags.contains(f) { s += " " + strings["flag." + f.letters] }
        return s
    }

    /// As a table cell shows it, without markup (the table builder's data):
    /// "12,5", "(12,5)", "12,5 p", ".", "k. A.".
    public func cell(_ o: Observation?, decimals: Int) -> String {
        guard let o else { return shown(.blank) }
        if let symbol = o.symbol { return shown(symbol) }
        var s = number(o.value!, decimals: decimals)
        if o.restricted { s = "(\(s))" }
        for f in Flags.allCases where o.flags.contains(f) { s += "\u{2009}" + f.letters }
        return s
    }

    func symbolHTML(_ symbol: Symbol) -> HTML { symbolMarkup[symbol]! }

    func flagsHTML(_ flags: Flags) -> HTML {
        var out = HTML.empty
        for f in Flags.allCases where flags.contains(f) {
            out += HTML.trusted("\u{2009}") + HTML.element("abbr", ["class": "flag", "title": strings["flag." + f.letters]], HTML(text: f.letters))
        }
        return out
    }
}
