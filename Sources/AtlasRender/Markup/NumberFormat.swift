import AtlasCore
import Foundation

/// Numbers as people in each language read them, without Foundation's
/// formatters (they depend on the machine's locale data and are slow in the
/// loops that format every cell of 800 pages).
///
/// German (DIN 1333 / DIN 5008): decimal comma, thousands grouped by a narrow
/// no-break space (U+202F), minus sign U+2212. English: decimal point, comma
/// grouping. Rounding is half away from zero on the decimal digits, as in
/// official statistics.
public enum NumberFormat {
    public static let narrowNoBreakSpace = "\u{202F}"

    public static func format(_ value: Double, decimals: Int, language: String, signed: Bool = false) -> String {
        let german = language != "en"
        let d = max(0, min(decimals, 9))
        guard value.isFinite else { return "\(value)" }
        if let fast = fastFormat(value, decimals: d, german: german, signed: signed) { return fast }
        let (intDigits, fracDigits) = rounded(abs(value), decimals: d)
        let isZero = intDigits.allSatisfy { $0 == "0" } && fracDigits.allSatisfy { $0 == "0" }
        var out = value < 0 && !isZero ? "\u{2212}" : (signed ? (isZero ? "±" : "+") : "")
        out += grouped(intDigits, separator: german ? narrowNoBreakSpace : ",")
        if d > 0 { out += (german ? "," : ".") + fracDigits }
        return out
    }

    /// The common case written byte by byte into one string: unless the value
    /// lies (nearly) half-way between two results, rounding the scaled binary
    /// value gives the same digits as rounding its decimal text. Every figure
    /// of every page passes here; building digit strings and grouping them
    /// character by character was a twentieth of a build.
    static func fastFormat(_ value: Double, decimals d: Int, german: Bool, signed: Bool) -> String? {
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = abs(value) * scale
        let frac = scaled - scaled.rounded(.down)
        guard scaled < 1e15 else { return nil }
        let n: UInt64
        if abs(frac - 0.5) > 1e-6 {
            n = UInt64(scaled.rounded(.toNearestOrAwayFromZero))
        } else if let (m, k) = ValueParser.shortDecimal(abs(value)) {
            // (Nearly) half-way, as 8.45 shown with one decimal: round the
            // figure's decimal digits (what `rounded` does on its text), half
            // away from zero. A tenth of all figures land here.
            let mm = UInt64(m)
            if k <= d {
                var up = mm
                for _ in k..<d { up *= 10 }
                n = up
            } else {
                var p: UInt64 = 1
                for _ in d..<k { p *= 10 }
                n = mm / p + (mm % p * 2 >= p ? 1 : 0)
            }
        } else {
            return nil
        }
        let p = UInt64(scale)
        var whole = n / p
        var fraction = n % p
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var i = 0
            func put(_ b: UInt8) {
                buffer[i] = b
                i += 1
            }
            if value < 0 && n != 0 {
                put(0xE2); put(0x88); put(0x92)  // U+2212 minus
            } else if signed {
                if n == 0 {
                    put(0xC2); put(0xB1)  // ±
                } else {
                    put(0x2B)
                }
            }
            // Integer digits, grouped by three from the right.
            var digits:
                (
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                    UInt8, UInt8
                ) =
                    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { dbuf in
                repeat {
                    dbuf[count] = UInt8(whole % 10) + 0x30
                    whole /= 10
                    count += 1
                } while whole > 0
                for k in stride(from: count - 1, through: 0, by: -1) {
                    put(dbuf[k])
                    if k > 0, k % 3 == 0 {
                        if german {
                            put(0xE2); put(0x80); put(0xAF)  // U+202F narrow no-break space
                        } else {
                            put(0x2C)
                        }
                    }
                }
            }
            if d > 0 {
                put(german ? 0x2C : 0x2E)
                var k = d - 1
                let start = i
                i += d
                while k >= 0 {
                    buffer[start + k] = UInt8(fraction % 10) + 0x30
                    fraction /= 10
                    k -= 1
                }
            }
            return i
        }
    }

    /// Rounds the shortest decimal text of `v` (what the source table said,
    /// e.g. 8.45) half away from zero, on its digits: 8.45 → 8.5, although the
    /// binary double is a little below 8.45.
    static func rounded(_ v: Double, decimals d: Int) -> (String, String) {
        // Fast path: unless the value lies (nearly) half-way between two
        // results, rounding the scaled binary value gives the same digits.
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = v * scale
        let frac = scaled - scaled.rounded(.down)
        if scaled < 1e15, abs(frac - 0.5) > 1e-6 {
            let n = UInt64(scaled.rounded(.toNearestOrAwayFromZero))
            let p = UInt64(scale)
            guard d > 0 else { return (String(n), "") }
            let f = String(n % p)
            return (String(n / p), String(repeating: "0", count: d - f.count) + f)
        }
        var text = "\(v)"
        if text.utf8.contains(UInt8(ascii: "e")) {
            // Very large or small: format through the integer grid instead.
            var scale = 1.0
            for _ in 0..<d { scale *= 10 }
            let scaled = (v * scale).rounded(.toNearestOrAwayFromZero)
            guard scaled < 9e18 else { return (String(format: "%.0f", v), String(repeating: "0", count: d)) }
            let n = UInt64(scaled), p = UInt64(scale)
            let frac = d > 0 ? String(n % p) : ""
            return (String(n / p), String(repeating: "0", count: max(0, d - frac.count)) + frac)
        }
        if !text.utf8.contains(UInt8(ascii: ".")) { text += ".0" }
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = Array(parts[0]) + Array(parts[1])
        let intCount = parts[0].count
        let keep = intCount + d
        if digits.count < keep { digits += Array(repeating: "0", count: keep - digits.count) }
        var kept = Array(digits[0..<keep])
        if digits.count > keep, digits[keep] >= "5" {
            // Carry.
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == "9" {
                    kept[i] = "0"
                    i -= 1
                } else {
                    kept[i] = Character(Unicode.Scalar(kept[i].asciiValue! + 1))
                    break
                }
            }
            if i < 0 { kept.insert("1", at: 0) }
        }
        let intLen = kept.count - d
        var intPart = String(kept[0..<intLen])
        while intPart.count > 1, intPart.first == "0" { intPart.removeFirst() }
        return (intPart.isEmpty ? "0" : intPart, String(kept[intLen...]))
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
