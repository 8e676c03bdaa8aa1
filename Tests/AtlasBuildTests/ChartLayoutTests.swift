import AtlasCore
import AtlasTestSupport
import Foundation
import Testing

/// Charts do not clip (issue 16, item 5): every text of every chart kind —
/// axis ticks, units, legends, the histogram's marker label, bar labels and
/// values — lies inside its SVG's viewBox as Chromium renders it with the
/// theme's stylesheet. The charts of every indicator page, the Steckbriefe
/// with the longest names, every key page and Land page, in both languages.
@Suite struct ChartLayoutTests {
    @Test func noChartTextLeavesItsChart() throws {
        let site = RealSiteTests.output
        let fm = FileManager.default
        var pages: [String] = []
        for lang in ["", "en/"] {
            for folder in ["indikator", "schluessel", "land"] {
                let dir = site.appendingPathComponent(lang + folder).path
                for name in try fm.contentsOfDirectory(atPath: dir) where fm.fileExists(atPath: "\(dir)/\(name)/index.html") {
                    pages.append("\(lang)\(folder)/\(name)/index.html")
                }
            }
        }
        // The Steckbriefe whose names are longest (their labels are the widest).
        let atlas = try #require(AtlasLoader.load(LoadOptions(data: Paths.repository.appendingPathComponent("Data").path)).atlas)
        let longest = atlas.regions.list(.kreis).sorted { ($0.name.count, $0.code) > ($1.name.count, $1.code) }.prefix(12).map(\.code)
        for code in longest + ["09162", "11000"] { pages += ["kreis/\(code)/index.html", "en/kreis/\(code)/index.html"] }

        let svg = try NSRegularExpression(pattern: #"<svg [^>]*class="chart"[^>]*>.*?</svg>"#, options: [.dotMatchesLineSeparators])
        var body = ""
        var charts = 0
        for page in pages {
            let html = Paths.text(site, page)
            for m in svg.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                body += "<div data-page=\"\(page)\">" + String(html[Range(m.range, in: html)!]) + "</div>\n"
                charts += 1
            }
        }
        #expect(charts > 700)
        let css = Paths.text(site, "assets/style.css")
        let page = """
            <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>charts</title><style>\(css)</style></head>
            <body><main>\(body)</main><pre id="out">running</pre>
            <script>
            const bad = [];
            let texts = 0;
            document.querySelectorAll("svg.chart").forEach(svg => {
              const vb = svg.viewBox.baseVal;
              svg.querySelectorAll("text").forEach(t => {
                texts++;
                const b = t.getBBox();
                if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
                  bad.push(svg.closest("div").dataset.page + " " + svg.getAttribute("aria-labelledby").split(" ")[0] + ": "
                    + JSON.stringify(t.textContent) + " at " + [b.x, b.y, b.width, b.height].map(v => v.toFixed(1)).join(",")
                    + " in 0,0," + vb.width + "," + vb.height);
              });
            });
            document.getElementById("out").textContent = JSON.stringify({texts: texts, bad: bad});
            </script></body></html>
            """
        let json = try KeyLabTests.output(ofPage: page, named: "chart-layout")
        let unescaped = json.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(unescaped.utf8)) as? [String: Any], "\(json.prefix(300))")
        let texts = try #require(result["texts"] as? Int)
        let bad = try #require(result["bad"] as? [String])
        #expect(texts > 10_000)
        #expect(bad.isEmpty, "\(bad.count) chart texts leave their chart:\n\(bad.prefix(20).joined(separator: "\n"))")
    }
}
