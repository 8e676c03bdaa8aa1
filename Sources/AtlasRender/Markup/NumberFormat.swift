/// Numbers as people in each language read them, without Foundation's
/// formatters (they depend on the machine's locale data and are slow in the
/// loops that format every cell of 800 pages).
///
/// German (DIN 1333 / DIN 5008): decimal comma, thousands grouped by a narrow
/// no-break space (U+202F), minus sign U+2212. English: decimal point, comma
/// grouping. Rounding is half away from zero, as in official statistics.
public enum NumberFormat {
    public static let narrowNoBreakSpace = "\u{202F}"

    public static func format(_ value: Double, decimals: Int, language: String, signed: Bool = false) -> String {
        let german = language != "en"
        let d = max(0, min(decimals, 9))
        var scale: Double = 1
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = value < 0 && scaled != 0
        var out = negative ? "\u{2212}" : (signed && scaled != 0 ? "+" : (signed ? "±" : ""))
        guard scaled < 9e18 else { return out + "\(abs(value))" }
        let n = UInt64(scaled)
        let p = UInt64(scale)
        let intPart = String(n / p)
        out += grouped(intPart, separator: german ? narrowNoBreakSpace : ",")
        if d > 0 {
            var frac = String(n % p)
            frac = String(repeating: "0", count: d - frac.count) + frac
            out += (german ? "," : ".") + frac
        }
        return out
    }

    static func grouped(_ digits: String, separator: String) -> String {
        guard digits.count > 3 else { return digits }
        var out = ""
        let chars = Array(digits)
        for (i, c) in chars.enumerated() {
            if i > 0, (chars.count - i) % 3 == 0 { out += separator }
            out.append(c)
        }
        return out
    }
}
