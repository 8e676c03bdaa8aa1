import AtlasCore
import AtlasDistribution
import AtlasNumerics
@testable import AtlasRender
import AtlasTestSupport
import Foundation
import Testing

/// The distribution keys as a reader finds them on the real site (built
/// once by RealSiteTests): reachable by links from the start page, side by
/// side on the overview, and on every Steckbrief.
@Suite(.serialized) struct KeyLabTests {
    static var output: URL { RealSiteTests.output }

    /// Every file reached by following `href`s from `index.html` (pages are
    /// read for more links; other files are only collected).
    static func crawl(_ root: URL) -> Set<String> {
        let link = try! NSRegularExpression(pattern: ##"<a\b[^>]*\shref="([^"#?]+)""##)
        var seen: Set<String> = ["index.html"]
        var queue = ["index.html"]
        while let page = queue.popLast() {
            let html = Paths.text(root, page)
            let folder = page.contains("/") ? String(page[..<page.lastIndex(of: "/")!]) : ""
            for m in link.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let href = String(html[Range(m.range(at: 1), in: html)!])
                guard !href.contains(":") else { continue }  // another site, mailto:
                var target = Path.join(folder, href)
                if target.hasSuffix("/") || !target.contains(".") { target += "/index.html" }
                guard !seen.contains(target), FileManager.default.fileExists(atPath: root.appendingPathComponent(target).path) else { continue }
                seen.insert(target)
                if target.hasSuffix(".html") { queue.append(target) }
            }
        }
        return seen
    }

    /// Runs a page in headless Chromium and returns the text its script left
    /// in `<pre id="out">`.
    static func output(ofPage page: String, named name: String) throws -> String {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }, "chromium is needed")
        let file = Paths.temporary(name).appendingPathComponent("page.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", file.absoluteString]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let dom = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let start = try #require(dom.range(of: "<pre id=\"out\">"), "\(name): no output")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        return String(dom[start.upperBound..<end.lowerBound])
    }

    @Test func everyKeyPageAndDownloadIsReachableFromTheStartPage() throws {
        let reached = Self.crawl(Self.output)
        let keys = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/keys").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(keys.count >= 10)
        for key in keys {
            #expect(reached.contains("schluessel/\(key)/index.html"), "\(key): page not reached")
            #expect(reached.contains("daten/schluessel-\(key).csv"), "\(key): download not reached")
        }
    }

    @Test func overviewShowsEveryScenarioAndSteckbriefTheDistrictsShare() {
        let overview = Paths.text(Self.output, "schluessel/index.html")
        #expect(overview.contains("<h2 id=\"szenarien\">Alle Szenarien nebeneinander</h2>"))
        // 16 Länder and the total under every key: each key's column sums to N.
        #expect(overview.contains("<th scope=\"row\">Summe</th>"))
        let total = overview.components(separatedBy: "<th scope=\"row\">Summe</th>")[1].components(separatedBy: "</tr>")[0]
        #expect(total.components(separatedBy: "329\u{202F}120").count - 1 == 10, "every key distributes all 329,120 persons")
        let steckbrief = Paths.text(Self.output, "kreis/09162/index.html")
        #expect(steckbrief.contains("<h2 id=\"schluessel\">Verteilungsschlüssel</h2>"))
        #expect(steckbrief.contains("<a href=\"../../schluessel/aufnahmekapazitaet/index.html\">"))
    }

    /// The key download in both forms: the plain one (the layout of `atlas
    /// key --format csv`) and the German Excel one, cell for cell the same.
    @Test func keyDownloadsInThePlainAndTheExcelForm() throws {
        let plain = Paths.text(Self.output, "daten/schluessel-aufnahmekapazitaet.csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let excelBytes = try Data(contentsOf: Self.output.appendingPathComponent("daten/schluessel-aufnahmekapazitaet-excel.csv"))
        #expect(excelBytes.starts(with: [0xEF, 0xBB, 0xBF]), "Excel needs the BOM to read UTF-8")
        let excel = String(decoding: excelBytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(plain.first == "level,code,name,share,quota,persons")
        #expect(excel.first == "level;code;name;share;quota;persons")
        #expect(plain.count == 1 + 16 + 400 && excel.count == plain.count)
        // Same cells: the names in quotes where they hold the separator, numbers with a decimal comma.
        func cells(_ line: String, _ sep: Character) -> [String] {
            var out: [String] = [], field = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == sep && !quoted { out.append(field); field = "" } else { field.append(c) }
            }
            return out + [field]
        }
        for (a, b) in zip(plain, excel).dropFirst() {
            var german = cells(b, ";")
            for k in [3, 4] where k < german.count { german[k] = german[k].replacingOccurrences(of: ",", with: ".") }
            #expect(cells(a, ",") == german, "\(a) | \(b)")
        }
    }

    /// The browser gives exactly the persons `atlas key` gives: 240 random
    /// weight vectors and N (zero weights, equal weights, N from 0 to a
    /// million), a third with an indicator added as one more component, for
    /// every district-level composite key, run through the theme's keylab.js
    /// in headless Chromium and through the Swift code. Every Land and every
    /// district must agree, in two stages and directly, and so must the
    /// sensitivity table and the classes of the difference map.
    @Test func browserAndAtlasKeyGiveTheSamePersons() throws {
        let result = AtlasLoader.load(LoadOptions(data: Paths.repository.appendingPathComponent("Data").path))
        let atlas = try #require(result.atlas)
        let script = try String(contentsOf: Paths.repository.appendingPathComponent("Themes/default/assets/keylab.js"), encoding: .utf8)
        let extrasJSON = Paths.text(Self.output, "daten/schluessel-komponenten.json")
        let extraIds = atlas.extraComponents.keys.sorted()
        // Lower is better: the reciprocal only; no better side: both; rates of reporting units count for their members.
        #expect(extraIds.count > 30 && extraIds.contains("1/arbeitslosenquote") && !extraIds.contains("arbeitslosenquote"))
        #expect(extraIds.contains("schutzsuchende-je-1000") && extraIds.contains("1/schutzsuchende-je-1000"))
        let kreise = atlas.regions.list(.kreis)
        var rng = SplitMix64(seed: 20261130)
        var compared = 0
        func weight(_ rng: inout SplitMix64) -> Double {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0, 1: 0
            case 2, 3, 4: Double(Int.random(in: 1...3, using: &rng))
            default: Double.random(in: 0.001...10, using: &rng)
            }
        }
        for key in atlas.definition.keys {
            guard case .composite(let parts) = key.kind, key.level == .kreis, let shares = atlas.keyShares[key.id] else { continue }
            let data = Paths.text(Self.output, "schluessel/\(key.id)/daten.json")
            // The cases: the published weights, then random ones.
            typealias Case = (weights: [Double], persons: Int, extra: (id: String, weight: Double)?)
            var cases: [Case] = [(parts.map(\.weight), atlas.definition.persons, nil)]
            while cases.count < 80 {
                var w = parts.map { _ in weight(&rng) }
                let extra: (id: String, weight: Double)? =
                    Int.random(in: 0..<3, using: &rng) == 0 ? (extraIds.randomElement(using: &rng)!, weight(&rng)) : nil
                if !(w + [extra?.weight ?? 0]).contains(where: { $0 > 0 }) { w[0] = 1 }
                let n = [0, 1, 17, 329_120, Int.random(in: 0...1_000_000, using: &rng), Int.random(in: 0...5000, using: &rng)][
                    Int.random(in: 0..<6, using: &rng)]
                cases.append((w, n, extra))
            }
            // The published case as the page's inputs hold it (the weights as written, e.g. "1/3").
            let written = "[[" + parts.map { "\"\($0.weightText)\"" }.joined(separator: ",") + "],\(atlas.definition.persons),null]"
            let casesJSON =
                "["
                + ([written]
                + cases.dropFirst().map { c in
                    "[[" + c.weights.map { "\($0)" }.joined(separator: ",") + "],\(c.persons),"
                        + (c.extra.map { "[\"\($0.id)\",\($0.weight)]" } ?? "null") + "]"
                })
                .joined(separator: ",") + "]"
            let page = """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>parity</title></head><body><pre id="out">running</pre>
                <script>\(script)</script>
                <script>
                const data = \(data);
                const extras = \(extrasJSON);
                const out = [];
                for (const [w, n, x] of \(casesJSON)) {
                  const weights = w.map(v => typeof v === "string" ? KeyLab.parseWeight(v) : v);
                  const added = x ? [{ shares: extras[x[0]], weight: x[1] }] : [];
                  const r = KeyLab.compute(data, weights, n, added);
                  const c = KeyLab.compareFor(data, n);
                  const sens = KeyLab.sensitivity(data, weights, n, added);
                  const diffs = r.kreise.map((k, i) => k.persons - c.kreise[i]);
                  out.push([r.laender.map(x => x.persons), r.kreise.map(x => x.persons), r.direct, c.laender, c.kreise,
                            sens.flatMap(m => [m.up, m.down]), KeyLab.divergingBreaks(diffs), diffs.map(d => KeyLab.classOf(d, KeyLab.divergingBreaks(diffs)))]);
                }
                document.getElementById("out").textContent = JSON.stringify(out);
                </script></body></html>
                """
            let json = try Self.output(ofPage: page, named: "keylab-\(key.id)")
            let browser = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[[Double]]], "\(key.id): \(json.prefix(200))")
            #expect(browser.count == cases.count)
            for (k, c) in cases.enumerated() where k < browser.count {
                func ints(_ v: [Int]) -> [Double] { v.map(Double.init) }
                let extra = c.extra.map { [(shares: atlas.extraComponents[$0.id]!.shares, weight: $0.weight)] } ?? []
                let reweighted = shares.withWeights(c.weights, extra: extra, kreise: kreise)
                let laender = try Distribution.laender(reweighted, atlas: atlas, persons: c.persons, method: .hare).map(\.persons)
                let twoStage = try Distribution.kreise(reweighted, atlas: atlas, persons: c.persons, method: .hare, twoStage: true).map(\.persons)
                let direct = try Distribution.kreise(reweighted, atlas: atlas, persons: c.persons, method: .hare, twoStage: false).map(\.persons)
                #expect(browser[k][0] == ints(laender), "\(key.id) case \(k) \(c): Länder differ")
                #expect(browser[k][1] == ints(twoStage), "\(key.id) case \(k) \(c): Kreise (two stages) differ")
                #expect(browser[k][2] == ints(direct), "\(key.id) case \(k) \(c): Kreise (direct) differ")
                // The sensitivity table for the reader's weights.
                var moved: [Int] = []
                for component in 0..<(c.weights.count + extra.count) {
                    for factor in [1.1, 0.9] {
                        moved.append(
                            try Distribution.moved(
                                shares, weights: c.weights, extra: extra, atlas: atlas, persons: c.persons, component: component, factor: factor,
                                method: .hare))
                    }
                }
                #expect(browser[k][5] == ints(moved), "\(key.id) case \(k) \(c): sensitivity differs")
                // The key compared with, apportioned in the page for the same N, and the map's classes.
                if let compared = key.compareWith.flatMap({ atlas.keyShares[$0.value] }) {
                    let cl = try Distribution.laender(compared, atlas: atlas, persons: c.persons, method: .hare).map(\.persons)
                    let ck = try Distribution.kreise(compared, atlas: atlas, persons: c.persons, method: .hare, twoStage: true).map(\.persons)
                    #expect(browser[k][3] == ints(cl), "\(key.id) case \(k): compared Länder differ")
                    #expect(browser[k][4] == ints(ck), "\(key.id) case \(k): compared Kreise differ")
                    let classes = PageRenderer.divergingClasses(zip(twoStage, ck).map { Double($0 - $1) })
                    #expect(browser[k][6] == classes.breaks, "\(key.id) case \(k): map classes differ")
                    let swiftClasses = zip(twoStage, ck).map { Double(Classify.classIndex(Double($0 - $1), breaks: classes.breaks)) }
                    #expect(browser[k][7] == swiftClasses, "\(key.id) case \(k): a district's class differs")
                }
                compared += 1
            }
        }
        #expect(compared >= 200)
    }

    /// A weight typed into the page is read as `atlas key --weight` reads it
    /// (issue 18, item 5): the same texts pass, the same are refused
    /// (exponents, "inf", "nan", beyond 1,000,000), the same values result.
    @Test func browserAndAtlasKeyReadTheSameWeights() throws {
        let script = try String(contentsOf: Paths.repository.appendingPathComponent("Themes/default/assets/keylab.js"), encoding: .utf8)
        let texts = [
            "1", "0", "2/3", "0.25", "0,25", ".5", "1/3", " 1 / 4 ", "1000000", "1000001", "1e3", "1e400", "inf", "Infinity", "nan",
            "-1", "5.", "1/0", "1//2", "", "abc", "0x10", "1,000.5", "999999.99", "3/0.5",
        ]
        let quoted = texts.map { "\"\($0)\"" }.joined(separator: ",")
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>weights</title></head><body><pre id="out">running</pre>
            <script>\(script)</script>
            <script>document.getElementById("out").textContent = JSON.stringify([\(quoted)].map(t => { const w = KeyLab.parseWeight(t); return isFinite(w) && w >= 0 ? w : null; }));</script>
            </body></html>
            """
        let json = try Self.output(ofPage: page, named: "keylab-weights")
        let browser = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any], "\(json)")
        #expect(browser.count == texts.count)
        for (text, value) in zip(texts, browser) {
            #expect(
                (value as? Double) == KeyComponent.weight(text),
                "\"\(text)\": page \(value), atlas key \(String(describing: KeyComponent.weight(text)))")
        }
        #expect(KeyComponent.weight("1e400") == nil && KeyComponent.weight("2/3") == 2.0 / 3)
    }

    /// Ties decide by region code, in the browser as in Swift: small whole
    /// weights (many equal remainders) through keylab.js's `hare` and
    /// LargestRemainder.apportion, 200 cases.
    @Test func tiesAreBrokenTheSameWayInTheBrowser() throws {
        let script = try String(contentsOf: Paths.repository.appendingPathComponent("Themes/default/assets/keylab.js"), encoding: .utf8)
        var rng = SplitMix64(seed: 7)
        var cases: [(ids: [String], weights: [Double], total: Int)] = []
        while cases.count < 200 {
            let n = Int.random(in: 2...16, using: &rng)
            // Codes in a shuffled order, so that the tie-break (by code) differs from the input order.
            let ids = (1...n).map { String(format: "%02d", $0) }.shuffled(using: &rng)
            var w = (0..<n).map { _ in Double(Int.random(in: 0...3, using: &rng)) }
            if !w.contains(where: { $0 > 0 }) { w[0] = 1 }
            cases.append((ids, w, Int.random(in: 0...20, using: &rng)))
        }
        let json =
            "["
            + cases.map { c in
                "[[" + c.ids.map { "\"\($0)\"" }.joined(separator: ",") + "],[" + c.weights.map { "\($0)" }.joined(separator: ",") + "],\(c.total)]"
            }
            .joined(separator: ",") + "]"
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>ties</title></head><body><pre id="out">running</pre>
            <script>\(script)</script>
            <script>
            document.getElementById("out").textContent = JSON.stringify(\(json).map(([ids, w, t]) => KeyLab.hare(w, ids, t).units));
            </script></body></html>
            """
        let browser = try #require(try JSONSerialization.jsonObject(with: Data(try Self.output(ofPage: page, named: "keylab-ties").utf8)) as? [[Int]])
        #expect(browser.count == cases.count)
        var ties = 0
        for (k, c) in cases.enumerated() where k < browser.count {
            let swift = try LargestRemainder.apportion(Array(zip(c.ids, c.weights)).map { (id: $0.0, weight: $0.1) }, total: c.total)
            #expect(browser[k] == swift.map(\.units), "case \(k): \(c)")
            let remainders = swift.map { $0.quota - $0.quota.rounded(.down) }.filter { $0 > 0 }
            if Set(remainders).count < remainders.count { ties += 1 }
        }
        #expect(ties > 50, "the cases must hold ties")
    }

    /// Needs against capacity for "Aufnahmekapazität": all 400 districts
    /// with allocation, current load and the needs-vs-capacity columns; every
    /// assumption on the page and in the download, which agrees with the key.
    @Test func capacityTableForAufnahmekapazitaet() throws {
        let page = Paths.text(Self.output, "schluessel/aufnahmekapazitaet/index.html")
        let start = try #require(page.range(of: "<h2 id=\"kapazitaet\">"))
        let section = String(page[start.lowerBound...])
        for assumption in ["Anteil der Kinder von 3 bis unter 6 Jahren unter den Aufgenommenen: 5,8\u{00A0}%", "Personen je Wohnung: 2,5"] {
            #expect(section.contains("<dt>\(assumption)</dt>"), "\(assumption)")
        }
        #expect(section.components(separatedBy: "<th scope=\"row\"><a href=\"../../kreis/").count - 1 == 400)
        let csv = Paths.text(Self.output, "daten/kapazitaet-aufnahmekapazitaet.csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(csv.count == 401)
        #expect(csv[0].hasSuffix(",annahme_anteil_3_bis_6,annahme_anteil_schulalter,annahme_personen_je_wohnung"))
        // The persons are the key's: the same as in the key's own download.
        let key = Paths.text(Self.output, "daten/schluessel-aufnahmekapazitaet.csv").components(separatedBy: "\r\n").filter { $0.hasPrefix("kreis,") }
        let persons = Dictionary(
            uniqueKeysWithValues: key.map { line in
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                return (String(f[1]), String(f[f.count - 1]))
            })
        for line in csv.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let code = f[0]
            // The name may hold a quoted comma: the fields after it are counted from the end.
            #expect(f[f.count - 14] == persons[code], "\(code)")
            #expect(f.suffix(3) == ["0.058", "0.166", "2.5"])
        }
        // Kreise counted in a reporting unit carry its load, marked.
        #expect(csv.contains { $0.hasPrefix("10042,Merzig-Wadern,") && $0.contains(",ja,") })
    }
}
