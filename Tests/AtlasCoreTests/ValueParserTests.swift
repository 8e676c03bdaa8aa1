import Foundation
import AtlasTestSupport
import AtlasCore
import Testing

@Suite struct ValueParserTests {
    func parse(_ s: String, _ d: Dialect = .german) -> Observation? {
        try? ValueParser.parse(s, dialect: d).get()
    }

    @Test func germanNumbers() {
        #expect(parse("12,5") == Observation(value: 12.5))
        #expect(parse("1.234,5") == Observation(value: 1234.5))
        #expect(parse("1.234.567") == Observation(value: 1_234_567))
        #expect(parse("1\u{202F}234,5") == Observation(value: 1234.5))
        #expect(parse("-3,25") == Observation(value: -3.25))
        #expect(parse("−3,25") == Observation(value: -3.25))
        #expect(parse(" 7 ") == Observation(value: 7))
    }

    @Test func plainNumbers() {
        #expect(parse("12.5", .plain) == Observation(value: 12.5))
        #expect(parse("-0.01", .plain) == Observation(value: -0.01))
        #expect(parse("1e3", .plain) == Observation(value: 1000))
        #expect(parse("0.1", .plain)?.value == 0.1)
        #expect(parse("36714.6", .plain)?.value == 36714.6)
    }

    @Test func everyDestatisSymbolAndItsVariants() {
        #expect(parse("–") == Observation(symbol: .nothing))
        #expect(parse("-") == Observation(symbol: .nothing))
        #expect(parse("…") == Observation(symbol: .later))
        #expect(parse("...") == Observation(symbol: .later))
        #expect(parse("/") == Observation(symbol: .uncertain))
        #expect(parse(".") == Observation(symbol: .unknownOrSecret))
        #expect(parse("·") == Observation(symbol: .unknownOrSecret))
        #expect(parse("•") == Observation(symbol: .unknownOrSecret))
        #expect(parse("x") == Observation(symbol: .locked))
        #expect(parse("*") == Observation(symbol: .anonymised))
        #expect(parse("") == Observation(symbol: .blank))
        #expect(parse("  ") == Observation(symbol: .blank))
    }

    @Test func flagsAndParentheses() {
        #expect(parse("12,5 p") == Observation(value: 12.5, flags: .provisional))
        #expect(parse("12,5p") == Observation(value: 12.5, flags: .provisional))
        #expect(parse("12,5 r") == Observation(value: 12.5, flags: .revised))
        #expect(parse("12,5 s") == Observation(value: 12.5, flags: .estimated))
        #expect(parse("(12,5)") == Observation(value: 12.5, restricted: true))
        #expect(parse("(12,5) p") == Observation(value: 12.5, restricted: true, flags: .provisional))
        #expect(parse(". p") == Observation(symbol: .unknownOrSecret, flags: .provisional))
    }

    /// What Double(_:) takes for a number is not a figure (issue 18, item 5).
    @Test func nanInfinityAndHexAreNoFigures() {
        for text in ["-nan(XS19)", "nan", "NaN", "-inf", "inf", "infinity", "0x1p3", "-0x10", "1e400", "+"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    @Test func symbolNeverBecomesZero() {
        for symbol in Symbol.allCases {
            #expect(parse(symbol.spelling)?.value == nil)
        }
    }

    /// Every symbol and every flag combination, in both dialects, reads back as itself.
    @Test(arguments: [Dialect.plain, Dialect.german])
    func everyObservationRoundTrips(_ dialect: Dialect) {
        var flagSets: [Flags] = [[]]
        for f in Flags.allCases { flagSets += flagSets.map { $0.union(f) } }
        var cases: [Observation] = []
        for flags in flagSets {
            for symbol in Symbol.allCases where !(symbol == .blank && !flags.isEmpty) {
                cases.append(Observation(symbol: symbol, flags: flags))
            }
            for v in [0, 12.5, -3.25, 1234.5, 0.001, 82_711_282] {
                cases.append(Observation(value: v, flags: flags))
                cases.append(Observation(value: v, restricted: true, flags: flags))
            }
        }
        for o in cases {
            let text = ValueParser.format(o, dialect: dialect)
            #expect(parse(text, dialect) == o, "\(text)")
        }
    }

    @Test func failuresSayWhatToWrite() {
        func hint(_ s: String, _ d: Dialect) -> String? {
            if case .failure(let f) = ValueParser.parse(s, dialect: d) { return f.hint }
            return nil
        }
        #expect(
            hint("12.5", .german)
                == "this table uses the German form (\";\"-separated, decimal comma); write 12,5 — the point only groups thousands, as in 1.234,5"
        )
        #expect(hint("12,5", .plain) == "this table uses the plain form (\",\"-separated, decimal point); write 12.5")
        #expect(hint("k.A.", .german)?.hasPrefix("write a number in the table's form") == true)
        #expect(hint("1.23.4", .german) != nil)
        #expect(hint("12,", .german) != nil)
        #expect(hint("()", .german) == "\"( )\" needs the value inside the parentheses, e.g. (12,5)")
        #expect(hint("1,2,3", .plain) != nil)
        #expect(hint("keins", .german) != nil)
    }

    /// The figure text of the downloads is what Swift prints for a Double
    /// (whole numbers without ".0"), for figures read from decimal text of
    /// every length and magnitude, and for arbitrary doubles.
    @Test func plainNumberIsSwiftsShortestText() {
        var g = SplitMix64(seed: 20_261_129)
        func swift(_ v: Double) -> String {
            v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        }
        var checked = 0
        for _ in 0..<200_000 {
            let v: Double
            switch Int.random(in: 0..<3, using: &g) {
            case 0:
                // A decimal text as a table would hold it.
                let digits = Int.random(in: 1...16, using: &g)
                let mantissa = Int64.random(in: 0..<Int64(pow(10, Double(digits))), using: &g)
                let scale = Int.random(in: 0...9, using: &g)
                v = (Bool.random(using: &g) ? -1 : 1) * Double("\(mantissa)e-\(scale)")!
            case 1:
                v = Double.random(in: -1e13...1e13, using: &g) * pow(10, Double(Int.random(in: -16...0, using: &g)))
            default:
                v = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &g))
                if !v.isFinite { continue }
            }
            #expect(ValueParser.plainNumber(v) == swift(v), "\(v)")
            checked += 1
        }
        for v in [0.001, 0.000999, 0.1 + 0.2, 1e12 - 0.5, 999_999_999_999.9, -0.0, 5e-324, 0.5, -0.25, 8.45, 1234.5678] {
            #expect(ValueParser.plainNumber(v) == swift(v), "\(v)")
        }
        #expect(checked > 150_000)
    }
}
