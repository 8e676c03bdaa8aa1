import Foundation
import AtlasCore
import AtlasTestSupport
@testable import AtlasRender
import Testing

@Suite struct MarkupTests {
    @Test func textIsEscapedForHTMLAndAttributes() {
        let evil = "<script>alert('x')</script> & \"q\" ]]>"
        #expect(HTML(text: evil).raw == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; ]]&gt;")
        let a = HTML.element("a", ["href": "x\" onclick=\"y", "title": nil], HTML(text: "<b>"))
        #expect(a.raw == "<a href=\"x&quot; onclick=&quot;y\">&lt;b&gt;</a>")
    }

    @Test func csvFieldsAreQuotedAndFormulasDefused() {
        #expect(Escape.csv("Flensburg, Stadt") == "\"Flensburg, Stadt\"")
        #expect(Escape.csv("Say \"hi\"") == "\"Say \"\"hi\"\"\"")
        #expect(Escape.csv("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(Escape.csv("-12.5") == "-12.5")
        #expect(Escape.csv("-12,5", separator: ";") == "-12,5")
        // Double(_:) takes these for numbers; a spreadsheet does not (issue 18, item 5).
        for formula in ["-nan(XS19)", "-inf", "+infinity", "-0x1p3", "-1e3+cmd|' /C calc'!A0", "-", "+", "-.5"] {
            #expect(Escape.csv(formula).hasPrefix("'") || Escape.csv(formula).hasPrefix("\"'"), "\(formula)")
        }
        #expect(Escape.csv("plain") == "plain")
    }

    /// The German Excel form of a plain download: BOM, ";", decimal comma in
    /// plain decimals only (not in codes, years, text or ".5"), quotes only
    /// where a cell needs them (a ";" or a quote), names in any script as
    /// they are, empty lines dropped.
    @Test func excelFormConvertsCellsNotText() {
        let plain =
            "ags,name,value,unit\r\n\r\n"
            + "01001,\"Flensburg, Stadt\",-12.5,je 10.000 Einw.\r\n"
            + "09162,\"Say \"\"hi\"\"; ok\",0.25,%\r\n"
            + "16056,Eisenach ü – ß,2021,.5\r\n"
            + "1.,\"'=1.5\",-.5,1.2.3"
        let expected =
            "\u{FEFF}ags;name;value;unit\r\n"
            + "01001;Flensburg, Stadt;-12,5;je 10.000 Einw.\r\n"
            + "09162;\"Say \"\"hi\"\"; ok\";0,25;%\r\n"
            + "16056;Eisenach ü – ß;2021;.5\r\n"
            + "1.;'=1.5;-.5;1.2.3\r\n"
        #expect(CSVExport.excel(plain) == expected)
        #expect(CSVExport.excelField("3.14") == "3,14" && CSVExport.excelField("a;b") == "\"a;b\"")
        for (text, plainDecimal) in [
            ("-12.5", true), ("0.25", true), ("12", false), (".5", false), ("-.5", false), ("5.", false), ("1.2.3", false), ("-", false),
            ("1-2.5", false),
        ] {
            #expect(ValueParser.isPlainDecimal(text) == plainDecimal, "\(text)")
        }
    }

    /// The byte-wise fast path gives the same text as the digit-string path
    /// (rounding the decimal text, grouping by characters) for random figures
    /// of every magnitude, sign, decimals and language.
    @Test func fastNumberFormatMatchesTheDigitPath() {
        var g = SplitMix64(seed: 20_261_129)
        var checked = 0
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -3...13, using: &g)
            let d = Int.random(in: 0...4, using: &g)
            var v = (Bool.random(using: &g) ? -1 : 1) * Foundation.pow(10, magnitude) * Double.random(in: 0.1...1, using: &g)
            if Bool.random(using: &g) {
                // Half-way on its decimal text (8.45 with one decimal), or one
                // more digit after the 5 (8.451): rounded on the digits.
                let whole = Int.random(in: 0...99_999, using: &g)
                var text = "\(whole)."
                for _ in 0..<d { text += String(Int.random(in: 0...9, using: &g)) }
                text += "5" + (Bool.random(using: &g) ? "" : String(Int.random(in: 0...9, using: &g)))
                v = (Bool.random(using: &g) ? -1 : 1) * Double(text)!
            }
            let german = Bool.random(using: &g)
            let signed = Bool.random(using: &g)
            guard let fast = NumberFormat.fastFormat(v, decimals: d, german: german, signed: signed) else { continue }
            let (i, f) = NumberFormat.rounded(abs(v), decimals: d)
            let zero = i.allSatisfy { $0 == "0" } && f.allSatisfy { $0 == "0" }
            var slow = v < 0 && !zero ? "\u{2212}" : (signed ? (zero ? "±" : "+") : "")
            slow += NumberFormat.grouped(i, separator: german ? "\u{202F}" : ",")
            if d > 0 { slow += (german ? "," : ".") + f }
            #expect(fast == slow, "\(v) with \(d) decimals")
            checked += 1
        }
        #expect(checked > 19_000, "nearly every figure takes the fast path")
    }

    @Test func germanNumbersUseDecimalCommaAndNarrowSpaces() {
        #expect(NumberFormat.format(1_234_567.891, decimals: 2, language: "de") == "1\u{202F}234\u{202F}567,89")
        #expect(NumberFormat.format(-3.25, decimals: 1, language: "de") == "\u{2212}3,3")
        #expect(NumberFormat.format(0.05, decimals: 1, language: "de") == "0,1")
        #expect(NumberFormat.format(999, decimals: 0, language: "de") == "999")
        #expect(NumberFormat.format(2.5, decimals: 0, language: "de", signed: true) == "+3")
        #expect(NumberFormat.format(0, decimals: 1, language: "de", signed: true) == "±0,0")
        #expect(NumberFormat.format(-0.04, decimals: 1, language: "de") == "0,0")
        // Rounded on the decimal digits as written in the source, not on the binary double.
        #expect(NumberFormat.format(8.45, decimals: 1, language: "de") == "8,5")
        #expect(NumberFormat.format(1.005, decimals: 2, language: "de") == "1,01")
        #expect(NumberFormat.format(9.96, decimals: 1, language: "de") == "10,0")
        #expect(NumberFormat.format(999.5, decimals: 0, language: "de") == "1\u{202F}000")
        #expect(NumberFormat.format(1e21, decimals: 0, language: "en") == "1,000,000,000,000,000,000,000")
    }

    @Test func englishNumbersUseDecimalPointAndCommas() {
        #expect(NumberFormat.format(82_711_282, decimals: 0, language: "en") == "82,711,282")
        #expect(NumberFormat.format(7.75, decimals: 2, language: "en") == "7.75")
    }

    @Test func barChartIsAWholeAccessibleFigure() {
        let display = Display(
            strings: Strings(
                language: "de",
                texts: [
                    "chart.table": "Daten", "table.rank": "Rang", "table.region": "Region", "table.value": "Wert",
                    "chart.bars.desc": "{1} Regionen; vorne {2} mit {3}, zuletzt {4} mit {5}.",
                ]))
        let chart = BarChart(
            id: "b", caption: "Erste", unit: "%", decimals: 1,
            bars: [.init(label: "A & B", value: 2, rank: 1), .init(label: "C", value: 1, rank: 2)], display: display)
        #expect(
            chart.render().raw == """
                <figure class="chart-figure bars" id="b"><figcaption>Erste</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 460 44" width="460" height="44" role="img" aria-labelledby="b-t b-d" class="chart"><title id="b-t">Erste</title><desc id="b-d">2 Regionen; vorne A &amp; B mit 2,0 %, zuletzt C mit 1,0 %.</desc><text x="47.2" y="16" text-anchor="end" class="tick">1. A &amp; B</text><rect x="53.2" y="6" width="380.4" height="13" class="bar"/><text x="437.6" y="16" class="tick">2,0</text><text x="47.2" y="34" text-anchor="end" class="tick">2. C</text><rect x="53.2" y="24" width="190.2" height="13" class="bar"/><text x="247.4" y="34" class="tick">1,0</text></svg><details class="chart-data"><summary>Daten</summary><table class="data"><caption>Erste</caption><thead><tr><th scope="col">Rang</th><th scope="col">Region</th><th scope="col" class="num">Wert (%)</th></tr></thead><tbody><tr><th scope="row">1</th><td>A &amp; B</td><td class="num">2,0</td></tr><tr><th scope="row">2</th><td>C</td><td class="num">1,0</td></tr></tbody></table></details></figure>
                """)
    }

    /// A histogram made from the parts shared by all districts is the
    /// histogram made whole, for markers in every bin, with names that need escaping.
    @Test func histogramFromSharedPartsEqualsTheWholeOne() {
        let display = Display(
            strings: Strings(
                language: "de",
                texts: [
                    "chart.table": "Daten", "table.from_to": "von – bis", "table.count": "Anzahl",
                    "chart.hist.desc": "Verteilung von {1} Kreisen zwischen {2} und {3}.",
                    "chart.hist.marker": "{1} liegt bei {2} (markierte Säule).", "chart.hist.here": "← {1}",
                ]))
        let values = (0..<200).map { Double($0 * $0 % 997) / 10 }
        let cache = HistogramCache()
        var filled = 0
        for (k, v) in values.enumerated() where k % 7 == 0 {
            let name = k % 2 == 0 ? "Kreis <\(k)> & \"Söhne\"" : "Stadt \(k)"
            var h = Histogram(id: "h", caption: "Verteilung", unit: "%", decimals: 1, values: values, marker: (v, name), display: display)
            let whole = h.render().raw
            h.cache = cache
            #expect(h.render().raw == whole, "\(name) at \(v)")
            #expect(whole.contains(Escape.html("← " + name)))
            filled += 1
        }
        #expect(filled > 20)
    }
}
