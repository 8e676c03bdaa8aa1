import Foundation

/// Turns a cell's text into an `Observation`, in the table's dialect.
///
/// Hand-written (not NumberFormatter): it runs on every cell of every table, must
/// tell *why* a text is not a number in words a data editor can act on, and must
/// not depend on the machine's locale.
public enum ValueParser {
    public struct Failure: Error, Hashable, Sendable {
        public var hint: String
    }

    public static func parse(_ raw: String, dialect: Dialect) -> Result<Observation, Failure> {
        // Nearly every cell is a plain number: read it on bytes. What this
        // accepts, the path below reads the same (no blanks, flags, symbols or
        // parentheses can be in it).
        if let v = fastNumber(Substring(raw), decimal: dialect.decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")) {
            return .success(Observation(value: v, restricted: false, flags: []))
        }
        var text = Substring(raw)
        trim(&text)
        if text.isEmpty { return .success(Observation(symbol: .blank)) }
        // Flags after the number or symbol: "123 p", "123p", "12,5 rs".
        var flags: Flags = []
        while let last = text.last, let f = flag(last), text.count > 1 {
            let before = text.dropLast()
            // A letter glued to a digit, a ")" or a symbol, or separated by a blank.
            guard let prev = before.last,
                prev.isNumber || prev == ")" || prev == " " || prev.isFlag
                    || Symbol(rawValue: String(before)) != nil
            else { break }
            flags.insert(f)
            text = before
            trim(&text)
        }
        if let symbol = Symbol(rawValue: String(text)) ?? Symbol.alternatives[String(text)] {
            return .success(Observation(symbol: symbol, flags: flags))
        }
        var restricted = false
        if text.first == "(", text.last == ")", text.count >= 2 {
            restricted = true
            text = text.dropFirst().dropLast()
            trim(&text)
            if text.isEmpty {
                return .failure(Failure(hint: "\"( )\" needs the value inside the parentheses, e.g. (12,5)"))
            }
        }
        switch number(text, dialect: dialect) {
        case .success(let v):
            return .success(Observation(value: v, restricted: restricted, flags: flags))
        case .failure(let f):
            return .failure(f)
        }
    }

    /// Canonical spelling of an observation in a dialect; `parse` reads it back
    /// to the same observation.
    public static func format(_ o: Observation, dialect: Dialect) -> String {
        var s: String
        if let symbol = o.symbol {
            s = symbol.spelling
        } else {
            s = plainNumber(o.value ?? 0)
            if dialect.decimalComma { s = s.replacingOccurrences(of: ".", with: ",") }
            if o.restricted { s = "(\(s))" }
        }
        if !o.flags.isEmpty { s += (s.isEmpty ? "" : " ") + o.flags.letters }
        return s
    }

    /// Shortest decimal text of a double ("12.5", "-3", "0.001").
    public static func plainNumber(_ v: Double) -> String {
        var bytes: [UInt8] = []
        plainNumber(v, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `plainNumber` appended as bytes (the open-data downloads write a
    /// million figures: Swift's shortest-digits printing was their largest
    /// cost). Whole numbers as integers; a figure that is exactly an integer
    /// over 10^k for k ≤ 6 (nearly all: they were read from decimal text)
    /// from those digits; others as Swift prints a Double.
    public static func plainNumber(_ v: Double, into out: inout [UInt8]) {
        if v == v.rounded(), abs(v) < 1e15 {
            appendDigits(Int64(v), decimals: 0, into: &out)
        } else if let (m, k) = shortDecimal(v) {
            appendDigits(m, decimals: k, into: &out)
        } else {
            out.append(contentsOf: v.description.utf8)
        }
    }

    /// v as m / 10^k with the fewest decimals k ≤ 6, where that division gives
    /// exactly v. The text of m with k decimals then reads back as v, and no
    /// shorter text does (it would have fewer decimals), so it is what Swift's
    /// shortest-digits printing gives; 0.001 ≤ |v| < 10^12 keeps it clear of
    /// the exponent form ("1e-05") and of integers too large to be exact.
    public static func shortDecimal(_ v: Double) -> (Int64, Int)? {
        let a = abs(v)
        guard a >= 1e-3, a < 1e12 else { return nil }
        for k in 1...6 {
            let m = (v * pow10[k]).rounded()
            guard abs(m) < 9e15 else { return nil }  // exact integers only
            if m / pow10[k] == v { return (Int64(m), k) }
        }
        return nil
    }

    /// m written with k decimals ("-12.345" for -12345, 3).
    public static func appendDigits(_ m: Int64, decimals k: Int, into out: inout [UInt8]) {
        if m < 0 { out.append(UInt8(ascii: "-")) }
        var rest = m.magnitude
        let start = out.count
        var written = 0
        repeat {
            if k > 0, written == k { out.append(UInt8(ascii: ".")) }
            out.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
            written += 1
        } while rest > 0 || written <= k
        out[start...].reverse()
    }

    static func flag(_ c: Character) -> Flags? {
        switch c {
        case "p": .provisional
        case "r": .revised
        case "s": .estimated
        default: nil
        }
    }

    static func trim(_ s: inout Substring) {
        while let f = s.first, f == " " || f == "\t" || f == "\u{A0}" || f == "\u{202F}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{A0}" || l == "\u{202F}" { s = s.dropLast() }
    }

    /// A number in the dialect: an optional sign, digits, optional grouping of
    /// thousands (German form: `.` or a (narrow) no-break space), an optional
    /// decimal part. Returns a hint that says what to write instead.
    static func number(_ text: Substring, dialect: Dialect) -> Result<Double, Failure> {
        if let v = fastNumber(text, decimal: dialect.decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")) {
            return .success(v)
        }
        let decimal: Character = dialect.decimalComma ? "," : "."
        let other: Character = dialect.decimalComma ? "." : ","
        let example = dialect.decimalComma ? "1.234,5" : "1234.5"
        var scalars = Array(text.unicodeScalars)
        var negative = false
        if let first = scalars.first, first == "-" || first == "−" || first == "+" {
            negative = first != "+"
            scalars.removeFirst()
        }
        var intDigits: [Unicode.Scalar] = []
        var fracDigits: [Unicode.Scalar] = []
        var groups: [Int] = [0]  // digit counts between group separators
        var seenDecimal = false
        var seenGroupSeparator = false
        var exponent: [Unicode.Scalar] = []
        var k = 0
        while k < scalars.count {
            let u = scalars[k]
            if u.properties.numericType == .decimal, u.isASCII {
                if seenDecimal {
                    fracDigits.append(u)
                } else {
                    intDigits.append(u)
                    groups[groups.count - 1] += 1
                }
            } else if Character(u) == decimal, !seenDecimal {
                seenDecimal = true
            } else if !seenDecimal, Character(u) == other || u == "\u{A0}" || u == "\u{202F}" || u == " ",
                dialect.decimalComma || u != ","
            {
                seenGroupSeparator = true
                groups.append(0)
            } else if !dialect.decimalComma, u == "e" || u == "E", !intDigits.isEmpty || !fracDigits.isEmpty {
                exponent = Array(scalars[(k + 1)...])
                break
            } else {
                return .failure(notNumber(text, dialect: dialect, example: example))
            }
            k += 1
        }
        if intDigits.isEmpty && fracDigits.isEmpty {
            return .failure(notNumber(text, dialect: dialect, example: example))
        }
        if seenDecimal && fracDigits.isEmpty {
            return .failure(notNumber(text, dialect: dialect, example: example))
        }
        if seenGroupSeparator {
            // Groups of thousands: 1–3 digits, then groups of exactly 3.
            let valid = groups[0] >= 1 && groups[0] <= 3 && groups.dropFirst().allSatisfy { $0 == 3 }
            if !valid {
                if dialect.decimalComma, !seenDecimal, groups.count == 2, text.contains(".") {
                    let fixed = text.replacingOccurrences(of: ".", with: ",")
                    return .failure(
                        Failure(
                            hint:
                                "this table uses the German form (\(dialect.summary)); write \(fixed) — the point only groups thousands, as in 1.234,5"
                        ))
                }
                if !dialect.decimalComma, !seenDecimal, groups.count == 2, text.contains(",") {
                    let fixed = text.replacingOccurrences(of: ",", with: ".")
                    return .failure(
                        Failure(hint: "this table uses the plain form (\(dialect.summary)); write \(fixed)"))
                }
                return .failure(notNumber(text, dialect: dialect, example: example))
            }
        }
        var ascii = negative ? "-" : ""
        ascii.unicodeScalars.append(contentsOf: intDigits.isEmpty ? ["0"] : intDigits)
        if !fracDigits.isEmpty {
            ascii += "."
            ascii.unicodeScalars.append(contentsOf: fracDigits)
        }
        if !exponent.isEmpty {
            ascii += "e"
            ascii.unicodeScalars.append(contentsOf: exponent)
        }
        guard let v = Double(ascii), v.isFinite else {
            return .failure(notNumber(text, dialect: dialect, example: example))
        }
        return .success(v)
    }

    /// The common case, `-?[0-9]+([.,][0-9]+)?`, without allocating; nil for anything else.
    @inline(__always)
    static func fastNumber(_ text: Substring, decimal: UInt8) -> Double? {
        var utf8 = text.utf8[...]
        guard !utf8.isEmpty else { return nil }
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var seenDecimal = false
        for b in utf8 {
            if b >= 0x30, b <= 0x39 {
                guard digits < 18 else { return nil }
                mantissa = mantissa * 10 + UInt64(b - 0x30)
                digits += 1
                if seenDecimal { scale += 1 }
            } else if b == decimal, !seenDecimal, digits > 0 {
                seenDecimal = true
            } else {
                return nil
            }
        }
        guard digits > 0, !seenDecimal || scale > 0 else { return nil }
        // Exact for up to 15 significant digits: an integer divided by a power of ten
        // is the correctly rounded double, as strtod would give.
        guard digits <= 15 else { return nil }
        var v = Double(mantissa)
        if scale > 0 { v /= pow10[scale] }
        return negative ? -v : v
    }

    static let pow10: [Double] = (0...18).map { p in (0..<p).reduce(1.0) { a, _ in a * 10 } }

    /// `v` rounded to `decimals` places (half away from zero), e.g. a computed
    /// rate kept to two decimals more than it is shown.
    /// "-12.5", "0.25": a number with a decimal point as the plain form
    /// writes it (no exponent, no grouping). Codes ("01001") have none.
    public static func isPlainDecimal(_ s: String) -> Bool { isPlainDecimal(utf8: s.utf8) }

    /// The same on the bytes of a field (the Excel form is converted byte by byte).
    public static func isPlainDecimal<C: Collection<UInt8>>(utf8 s: C) -> Bool {
        var digits = 0, points = 0
        var first = true, previous: UInt8 = 0, startsWithPoint = false
        for c in s {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."):
                points += 1
                // ".5" and "-.5" are not the plain form.
                if first || (previous == UInt8(ascii: "-") && digits == 0) { startsWithPoint = true }
            case UInt8(ascii: "-") where first: break
            default: return false
            }
            first = false
            previous = c
        }
        return points == 1 && digits > 0 && previous != UInt8(ascii: ".") && !startsWithPoint
    }

    public static func rounded(_ v: Double, decimals: Int) -> Double {
        let scale = pow10[max(0, min(decimals, 18))]
        return (v * scale).rounded() / scale
    }

    static func notNumber(_ text: Substring, dialect: Dialect, example: String) -> Failure {
        if !dialect.decimalComma, text.contains(","), !text.contains(".") {
            let fixed = text.replacingOccurrences(of: ",", with: ".")
            if Double(fixed) != nil {
                return Failure(hint: "this table uses the plain form (\(dialect.summary)); write \(fixed)")
            }
        }
        return Failure(
            hint:
                "write a number in the table's form (\(dialect.summary), e.g. \(example)) or one of the symbols – … / . x * (an empty cell means: not given)"
        )
    }
}

extension Character {
    fileprivate var isFlag: Bool { self == "p" || self == "r" || self == "s" }
}
