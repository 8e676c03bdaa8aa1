import AtlasBuild
import AtlasCore
import Foundation
import AtlasTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `atlas build` on the bundled definition and the real data in
/// ../shared/data/real, built once for this suite; then the site checks
/// (Nu HTML Checker on every page, axe-core on every page kind) through the
/// project's harness Tests/SiteCheck/site_check.py. Nothing here skips: a
/// missing tool is a failure (install with .ci/install-site-tools.sh).
@Suite(.serialized) struct RealSiteTests {
    static let built: (output: URL, result: BuildResult) = {
        let output = Paths.temporary("real").appendingPathComponent("Site")
        return (output, Paths.build(data: Paths.repository.appendingPathComponent("Data").path, output: output.path))
    }()
    static var output: URL { built.output }
    static var result: BuildResult { built.result }

    static func inkar() throws -> (header: [String], rows: [[String]]) {
        let url = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/data/real/indicators/inkar_kreise_1995-2021.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], Array(lines.dropFirst()))
    }

    @Test func realSiteHasEveryDistrictIndicatorAndLandInBothLanguages() throws {
        #expect(!Self.result.hasErrors)
        let files = Paths.tree(Self.output)
        for prefix in ["", "en/"] {
            #expect(files.keys.filter { $0.hasPrefix(prefix + "kreis/") && $0.hasSuffix("/index.html") }.count == 400)
            // Every indicator file, and 3 indicators of the offers directory.
            let definitions = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/indicators").path)
            #expect(files.keys.filter { $0.hasPrefix(prefix + "indikator/") }.count == definitions.count + 3)
            #expect(files.keys.filter { $0.hasPrefix(prefix + "land/") }.count == 16)
            for page in ["impressum", "barrierefreiheit", "datenschutz", "methodik"] {
                #expect(files[prefix + "seiten/\(page)/index.html"] != nil)
            }
        }
    }

    /// Two `atlas build` processes: each has its own hashing seed, so any
    /// output that depends on a dictionary's order shows up as a difference.
    @Test func twoRealBuildsInSeparateProcessesAreByteIdentical() throws {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atlas")
        try #require(FileManager.default.isExecutableFile(atPath: exe.path), "atlas executable not found at \(exe.path)")
        var trees: [[String: Data]] = []
        for name in ["first", "second"] {
            let out = Paths.temporary("real-\(name)").appendingPathComponent("Site")
            let p = Process()
            p.executableURL = exe
            p.arguments = ["build", "--data", "Data", "--themes", "Themes", "--output", out.path]
            p.currentDirectoryURL = Paths.repository
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            trees.append(Paths.tree(out))
        }
        #expect(trees[0].count > 900)
        #expect(trees[0].keys.sorted() == trees[1].keys.sorted())
        for (k, v) in trees[0] where trees[1][k] != v { Issue.record("\(k) differs between two builds") }
    }

    /// A known cell, written out by hand: Flensburg's unemployment rate 2021 is
    /// 8.45 in INKAR; 2016 it was 9.03.
    @Test func flensburgShowsItsUnemploymentRate() {
        let page = Paths.text(Self.output, "kreis/01001/index.html")
        #expect(
            page.contains(
                "<a href=\"../../indikator/arbeitslosenquote/index.html\">Arbeitslosenquote</a></h3>\n<p class=\"short\">Arbeitslose je 100 zivile Erwerbspersonen</p>\n<dl class=\"facts\">\n<dt>Wert 2021</dt><dd>8,5\u{00A0}%</dd>"
            ))
        #expect(page.contains("<dt>Veränderung 2016–2021</dt><dd>\u{2212}0,6\u{00A0}Prozentpunkte</dd>"))
        let en = Paths.text(Self.output, "en/kreis/01001/index.html")
        #expect(en.contains("<dt>Value 2021</dt><dd>8.5\u{00A0}%</dd>"))
    }

    /// Sampled cells of the INKAR table, formatted independently (one decimal,
    /// decimal comma), against the Steckbrief and the indicator page's ranking.
    @Test func sampledCellsMatchTheSourceTable() throws {
        let (header, rows) = try Self.inkar()
        let checks = [
            ("arbeitslosenquote", "unemployment_rate", 2021), ("betreuungsquote-u3", "childcare_under3", 2020),
            ("auslaenderanteil", "share_foreign", 2021),
        ]
        var compared = 0
        for (id, column, year) in checks {
            let col = header.firstIndex(of: column)!
            let ranking = Paths.text(Self.output, "indikator/\(id)/index.html")
            for row in rows where row[1] == String(year) && Int(row[0].suffix(3))! % 37 == 1 {
                guard let v = Double(row[col]) else { continue }
                // Independent rounding: Foundation's Decimal, half up, on the text of the cell.
                var exact = Decimal(string: row[col])!, r = Decimal()
                NSDecimalRound(&r, &exact, 1, .plain)
                let expected = String(format: "%.1f", NSDecimalNumber(decimal: r).doubleValue).replacingOccurrences(of: ".", with: ",")
                _ = v
                let page = Paths.text(Self.output, "kreis/\(row[0])/index.html")
                #expect(page.contains("<dt>Wert \(year)</dt><dd>\(expected)\u{00A0}%</dd>"), "\(row[0]) \(id) \(expected)")
                #expect(ranking.contains("kreis/\(row[0])/index.html\">"), "\(row[0]) in ranking of \(id)")
                compared += 1
            }
        }
        #expect(compared >= 20)
    }

    /// Every district indicator page leads with a map of all 400 districts,
    /// each shape a link to the Steckbrief of a real district, the map under
    /// 120 KB.
    @Test func everyIndicatorPageHasAFullDistrictMap() throws {
        let kreise = try String(
            contentsOf: Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/data/real/kreise.csv"), encoding: .utf8)
        let codes = Set(kreise.split(separator: "\n").dropFirst().map { String($0.prefix(5)) })
        #expect(codes.count == 400)
        var maps = 0
        for (path, data) in Paths.tree(Self.output) where path.hasPrefix("indikator/") && path.hasSuffix("index.html") {
            let html = String(decoding: data, as: UTF8.self)
            guard !path.contains("koenigsteiner") else { continue }  // a Land-level indicator: no district map
            guard !path.contains("indikator/angebote") else { continue }  // no data: no map (see below)
            let start = try #require(html.range(of: "<figure class=\"map-figure\" id=\"karte\">"), "\(path) has no map")
            let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
            let svg = html[start.lowerBound..<end.upperBound]
            // 150 KB before the districts became links; about 80 KB since their
            // single name and the coarser geometry (issue 17, item 8).
            #expect(svg.utf8.count < 120_000, "\(path): map is \(svg.utf8.count) bytes")
            // Every district is a link to its Steckbrief, named once by the
            // link's title: name and value (issue 17, item 5).
            let links = svg.components(separatedBy: "<a href=\"").dropFirst()
            #expect(links.count == 400, "\(path): \(links.count) linked districts")
            var found: Set<String> = []
            for link in links.prefix(400) {
                let href = String(link.prefix { $0 != "\"" })
                let target = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(href).standardized.path
                let relative = String(target.dropFirst())  // "/kreis/…" → "kreis/…"
                #expect(
                    relative.hasPrefix("kreis/") && FileManager.default.fileExists(atPath: Self.output.appendingPathComponent(relative).path),
                    "\(href)")
                found.insert(String(relative.dropFirst("kreis/".count).prefix(5)))
                #expect(link.dropFirst(href.count).hasPrefix("\"><title>"), "\(path): \(href) is not named by its title")
                let label = link.components(separatedBy: "<title>").dropFirst().first.map { String($0.prefix { $0 != "<" }) } ?? ""
                #expect(label.contains(": "), "\(path): \(href) has no name and value")
            }
            #expect(found == codes, "\(path)")
            #expect(!svg.contains("role=\"img\""), "a map of links is no image")
            maps += 1
        }
        // Every indicator file but the Land-level Königsteiner Schlüssel.
        let definitions = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/indicators").path)
        #expect(maps == definitions.count - 1)
        let steckbrief = Paths.text(Self.output, "kreis/09162/index.html")
        let locator = try #require(steckbrief.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 160"))
        let end = try #require(steckbrief.range(of: "</svg>", range: locator.upperBound..<steckbrief.endIndex))
        #expect(steckbrief[locator.lowerBound..<end.upperBound].utf8.count < 15_000)
    }

    /// Issue 17, item 9: a start page in Leichte Sprache (and Easy English),
    /// linked from the header of every page of its language; it tells how to
    /// find one's district and where the accessibility statement is.
    @Test func everyPageLinksTheLeichteSprachePage() throws {
        var pages = 0
        for (path, data) in Paths.tree(Self.output) where path.hasSuffix(".html") && path != "404.html" && path != "en/404.html" {
            let html = String(decoding: data, as: UTF8.self)
            let marker = "<a class=\"easy-read\" href=\""
            let start = try #require(html.range(of: marker), "\(path) has no link to the Leichte Sprache page")
            let href = String(html[start.upperBound...].prefix { $0 != "\"" })
            let target = URL(fileURLWithPath: "/" + path).deletingLastPathComponent().appendingPathComponent(href).standardized.path
            let expected = path.hasPrefix("en/") ? "/en/seiten/leichte-sprache/index.html" : "/seiten/leichte-sprache/index.html"
            #expect(target == expected, "\(path): \(href)")
            pages += 1
        }
        #expect(pages > 900)
        let de = Paths.text(Self.output, "seiten/leichte-sprache/index.html")
        #expect(de.contains("<h1>Der Standort·atlas in Leichter Sprache</h1>"))
        #expect(de.contains("href=\"../barrierefreiheit/index.html\"") && de.contains("href=\"../../index.html\""))
        #expect(de.contains("So finden Sie Ihren Kreis"))
        let en = Paths.text(Self.output, "en/seiten/leichte-sprache/index.html")
        #expect(en.contains("How to find your district") && en.contains("href=\"../barrierefreiheit/index.html\""))
    }

    /// Issue 17, item 2: the search finds a Steckbrief by name (both Bambergs),
    /// postcode (96047), a former district's code (16056 → Wartburgkreis), an
    /// AGS of a district or Gemeinde and a name without its umlaut — run in
    /// headless Chromium through the theme's search.js over the published
    /// daten/suche.json. Without JavaScript the search page lists all 400
    /// districts and the former ones, and the postcode pages every postcode
    /// of the table once; every page's header has the search form.
    @Test func findLeadsToTheSteckbrief() throws {
        let script = try String(contentsOf: Paths.repository.appendingPathComponent("Themes/default/assets/search.js"), encoding: .utf8)
        let data = Paths.text(Self.output, "daten/suche.json")
        let queries = ["Bamberg", "96047", "16056", "09162", "09162000", "Munchen", "Gottingen", "zzzz"]
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>find</title></head><body><pre id="out">running</pre>
            <script>\(script)</script>
            <script>const data = \(data);
            document.getElementById("out").textContent = JSON.stringify([\(queries.map { "\"\($0)\"" }.joined(separator: ","))].map(q => AtlasSearch.find(data, q, "bis").map(r => r.code)));</script>
            </body></html>
            """
        let json = try KeyLabTests.output(ofPage: page, named: "find")
        let found = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]], "\(json.prefix(200))")
        let results = Dictionary(uniqueKeysWithValues: zip(queries, found))
        #expect(Set(results["Bamberg"]!.prefix(2)) == ["09461", "09471"], "\(results["Bamberg"]!)")
        #expect(results["96047"] == ["09461"])
        #expect(results["16056"] == ["16063"])
        #expect(results["09162"] == ["09162"])
        #expect(results["09162000"] == ["09162"])
        #expect(Set(results["Munchen"]!.prefix(2)) == ["09162", "09184"], "\(results["Munchen"]!)")
        #expect(results["Gottingen"]!.first == "03159")
        #expect(results["zzzz"] == [])

        let search = Paths.text(Self.output, "suche/index.html")
        #expect(search.components(separatedBy: "href=\"../kreis/").count - 1 >= 400 + 5)
        #expect(
            search.contains("16056 Eisenach (bis 1. Juli 2021) → <a href=\"../kreis/16063/index.html\">Wartburgkreis</a>"), "the former districts")
        let table = try String(
            contentsOf: Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/data/real/offers/plz_kreis.csv"), encoding: .utf8)
        let postcodes = Set(table.split(whereSeparator: \.isNewline).dropFirst().map { String($0.prefix(5)) })
        var listed = 0
        for digit in 0...9 {
            let html = Paths.text(Self.output, "suche/plz/\(digit)/index.html")
            listed += html.components(separatedBy: "<tr><th scope=\"row\">").count - 1
        }
        #expect(listed == postcodes.count)
        #expect(
            Paths.text(Self.output, "suche/plz/9/index.html").contains(
                "<tr><th scope=\"row\">96047</th><td><a href=\"../../../kreis/09461/index.html\">"))
        for path in ["kreis/09461/index.html", "en/indikator/arbeitslosenquote/index.html", "index.html"] {
            let html = Paths.text(Self.output, path)
            let start = try #require(html.range(of: "<form class=\"site-search\" role=\"search\" action=\""), "\(path)")
            let href = String(html[start.upperBound...].prefix { $0 != "\"" })
            let target = URL(fileURLWithPath: "/" + path).deletingLastPathComponent().appendingPathComponent(href).standardized.path
            #expect(target == (path.hasPrefix("en/") ? "/en/suche/index.html" : "/suche/index.html"), "\(path): \(href)")
        }
    }

    /// Issue 17, item 7: the downloads page lists every file under daten/ and
    /// dcat/ (the whole atlas as CSV and JSON, the catalogue, every indicator in
    /// both forms) with a size that matches the file, its CSV columns and a
    /// licence; every page's footer links it.
    @Test func downloadsPageListsEveryFileWithItsSize() throws {
        let html = Paths.text(Self.output, "daten/index.html")
        let rows = html.components(separatedBy: "<tr><th scope=\"row\"><a href=\"").dropFirst()
        var listed: Set<String> = []
        for row in rows {
            let href = String(row.prefix { $0 != "\"" })
            let path = String(href.dropFirst(3))  // "../daten/x.csv" → "daten/x.csv"
            listed.insert(path)
            let size = try #require(
                try FileManager.default.attributesOfItem(atPath: Self.output.appendingPathComponent(path).path)[.size] as? Int, "\(path)")
            let cells = row.components(separatedBy: "<td")
            let shown = cells[2].components(separatedBy: ">")[1].components(separatedBy: "<")[0]
            // Tenths, rounded half up as the pages round.
            let tenths = size >= 1_000_000 ? (size + 50_000) / 100_000 : max(1, (size + 50) / 100)
            let expected = "\(tenths / 10),\(tenths % 10)\u{00A0}" + (size >= 1_000_000 ? "MB" : "KB")
            #expect(shown == expected, "\(path): \(shown) for \(size) bytes")
            if path.hasSuffix(".csv") { #expect(!cells[3].contains(">–<"), "\(path) has its columns") }
        }
        for path in [
            "daten/atlas.csv", "daten/atlas-excel.csv", "daten/atlas.json", "dcat/catalog.rdf", "daten/suche.json", "daten/angebotsverzeichnis.csv",
        ] {
            #expect(listed.contains(path), "\(path)")
        }
        let indicators = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/indicators").path)
            .map { String($0.dropLast(5)) }
        for id in indicators { #expect(listed.contains("daten/\(id).csv") && listed.contains("daten/\(id)-excel.csv"), "\(id)") }
        // The 400 districts' Steckbrief files are listed by the first district's two, which name the pattern.
        let files = Paths.tree(Self.output).keys.filter {
            ($0.hasPrefix("daten/") || $0.hasPrefix("dcat/")) && !$0.hasSuffix(".html")
                && (!$0.hasPrefix("daten/kreise/") || $0.hasPrefix("daten/kreise/01001"))
        }
        #expect(Set(files) == listed, "not listed: \(Set(files).subtracting(listed).sorted().prefix(5))")
        #expect(Paths.tree(Self.output).keys.filter { $0.hasPrefix("daten/kreise/") }.count == 800)
        #expect(html.contains("für jeden der 400 Kreise unter daten/kreise/&lt;AGS&gt;.csv"))
        #expect(html.contains("<td class=\"columns-list\">level, code, name, indicator, year, value, symbol, status, flags, unit, coverage</td>"))
        #expect(Paths.text(Self.output, "kreis/01001/index.html").contains("<li><a href=\"../../daten/index.html\">Daten herunterladen</a></li>"))
        #expect(Paths.text(Self.output, "en/index.html").contains("daten/index.html\">Download data</a></li>"))
    }

    /// A page for every key in Data/keys/, in both languages, whose persons
    /// per Land sum to the stated N.
    @Test func everyKeyHasItsPage() throws {
        let keys = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/keys").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(keys.count >= 10)
        for id in keys {
            for prefix in ["", "en/"] {
                let page = Paths.text(Self.output, "\(prefix)schluessel/\(id)/index.html")
                #expect(page.contains("<h1>"), "\(prefix)schluessel/\(id)")
                #expect(page.contains("329\u{202F}120") || page.contains("329,120"), "\(id): the stated N")
            }
        }
        #expect(!Paths.text(Self.output, "schluessel/index.html").isEmpty)
        let ks = Paths.text(Self.output, "schluessel/koenigstein-2019/index.html")
        #expect(
            ks.contains(
                "<th scope=\"row\"><a href=\"../../land/05/index.html\">Nordrhein-Westfalen</a></th><td class=\"num\">21,076 %</td><td class=\"num\">69\u{202F}365</td>"
            ))
    }

    /// The DCAT-AP.de catalogue parses as XML, has one dataset per indicator
    /// and per key with the required fields and both CSV forms as
    /// distributions, and every download resolves.
    @Test func dcatCatalogueHasEveryDatasetAndItsDownloadsResolve() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.output.appendingPathComponent("dcat/catalog.rdf").path))
        let doc = try XMLDocument(data: data, options: [])
        let datasets = try doc.nodes(forXPath: "//*[local-name()='Dataset']")
        let indicators = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/indicators").path).filter {
            $0.hasSuffix(".yaml")
        }
        let keys = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/keys").path).filter {
            $0.hasSuffix(".yaml")
        }
        // The indicator files, the 3 indicators of the offers directory, the keys.
        #expect(datasets.count == indicators.count + 3 + keys.count)
        for case let d as XMLElement in datasets {
            let name = d.attribute(forName: "rdf:about")?.stringValue ?? "?"
            for field in ["title", "description", "publisher", "spatial", "modified", "identifier", "distribution", "theme", "landingPage"] {
                #expect(try !d.nodes(forXPath: "./*[local-name()='\(field)']").isEmpty, "\(name) lacks \(field)")
            }
            #expect(try !d.nodes(forXPath: ".//*[local-name()='Distribution']/*[local-name()='license']").isEmpty, "\(name) lacks a licence")
            #expect(try !d.nodes(forXPath: ".//*[local-name()='Distribution']/*[local-name()='mediaType']").isEmpty, "\(name) lacks a media type")
            let titles = try d.nodes(forXPath: "./*[local-name()='title']/@*[local-name()='lang']").compactMap(\.stringValue)
            #expect(Set(titles) == ["de", "en"], "\(name)")
        }
        let downloads = try doc.nodes(forXPath: "//*[local-name()='downloadURL']/@*[local-name()='resource']").compactMap(\.stringValue)
        // Each dataset in the plain CSV and in the German Excel form.
        #expect(downloads.count == 2 * datasets.count)
        #expect(downloads.filter { $0.hasSuffix("-excel.csv") }.count == datasets.count)
        for url in downloads {
            let rel = url.replacingOccurrences(of: "http://127.0.0.1:8080/", with: "")
            #expect(FileManager.default.fileExists(atPath: Self.output.appendingPathComponent(rel).path), "\(url)")
        }
        let licences = try doc.nodes(forXPath: "//*[local-name()='license']/@*[local-name()='resource']").compactMap(\.stringValue)
        #expect(licences.allSatisfy { $0.hasPrefix("http://dcat-ap.de/def/licenses/") })
    }

    @Test func sitemapListsEveryPageOnceAndThePlumbingIsThere() throws {
        let sitemap = Paths.text(Self.output, "sitemap.xml")
        let locs = sitemap.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        let pages = Paths.tree(Self.output).keys.filter { $0.hasSuffix(".html") && $0 != "404.html" }
        #expect(locs.count == pages.count)
        #expect(Set(locs) == Set(pages.map { "http://127.0.0.1:8080/" + $0 }))
        #expect(Paths.text(Self.output, "robots.txt").contains("Sitemap: http://127.0.0.1:8080/sitemap.xml"))
        let notFound = Paths.text(Self.output, "404.html")
        #expect(notFound.contains("<section lang=\"de\">") && notFound.contains("<section lang=\"en\">"))
        let info = Paths.text(Self.output, "build-info.json")
        #expect(info.contains("shared/data/real/indicators/inkar_kreise_1995-2021.csv\": \""))
        #expect(info.contains("\"datenstand\": \"2025-11-04\""))
        #expect(Paths.text(Self.output, "index.html").contains("<link rel=\"icon\" href=\"assets/favicon.svg\""))
        let atlas = Paths.text(Self.output, "daten/atlas.csv")
        #expect(atlas.hasPrefix("level,code,name,indicator,year,value,symbol,status,flags,unit,coverage\r\n"))
        #expect(atlas.contains("\r\nkreis,01001,\"Flensburg, Stadt\",arbeitslosenquote,2021,8.45,,value,,%,\r\n"))
        let json = try JSONSerialization.jsonObject(with: Data(Paths.text(Self.output, "daten/atlas.json").utf8)) as? [String: Any]
        let definitions = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/indicators").path)
        #expect((json?["indicators"] as? [Any])?.count == definitions.count + 3)
    }

    @Test func csvDownloadKeepsCodesStatusAndEveryYear() {
        let csv = Paths.text(Self.output, "daten/arbeitslosenquote.csv")
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first == "ags,name,indicator,year,value,symbol,status,flags,unit,coverage")
        #expect(lines.count == 1 + 400 * 27)
        #expect(lines.contains("01001,\"Flensburg, Stadt\",arbeitslosenquote,2021,8.45,,value,,%,"))
        // Years before 1998 are empty cells in INKAR: kept as "not given", never 0.
        #expect(lines.contains("01001,\"Flensburg, Stadt\",arbeitslosenquote,1995,,,not_given,,%,"))
    }

    @Test func everyPageKindPassesNuAndAxe() throws {
        #expect(!Self.result.hasErrors)
        let (status, output) = try runSiteCheck(Self.output)
        #expect(status == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"))
    }

    /// The mini atlas (no editorial pages, no keys) has no link to a page it lacks.
    @Test func miniSitePassesTheSiteChecks() throws {
        let out = Paths.temporary("mini-check").appendingPathComponent("Site")
        #expect(!Paths.build(data: Paths.fixtures.appendingPathComponent("mini/Data").path, output: out.path).hasErrors)
        let (status, output) = try runSiteCheck(out)
        #expect(status == 0, "\(output)")
    }

    /// The mini atlas with an offers directory: every Steckbrief lists its
    /// offers, category pages list them by Land and district, the site passes.
    @Test func offersAppearOnSteckbriefeAndCategoryPages() throws {
        let mini = try Paths.mini(overlay: "angebote")
        let dir = mini.deletingLastPathComponent()
        let out = dir.appendingPathComponent("Site")
        let result = Paths.build(data: mini.appendingPathComponent("Data").path, output: out.path)
        #expect(!result.hasErrors)
        let steckbrief = Paths.text(out, "kreis/01001/index.html")
        #expect(steckbrief.contains("<h2 id=\"angebote\">Angebote vor Ort</h2>"))
        #expect(steckbrief.contains("<a href=\"https://beratung-1.example.org\">Angebot 1 (01001, a)</a>"))
        let category = Paths.text(out, "angebote/sprachkurs/index.html")
        #expect(category.contains("Angebot 31 (16063, k)"))
        // The directory and the indicator "angebote" (counts per district) are two downloads.
        #expect(Paths.text(out, "daten/angebote.csv").hasPrefix("ags,name,indicator,year,value,symbol,status,flags,unit,coverage"))
        #expect(
            Paths.text(out, "daten/angebotsverzeichnis.csv").contains(
                "\"Angebot 31 (16063, k)\",sprachkurs,Ringstraße 1,99100,Ort,16063,Wartburgkreis,coordinates,"))
        let (status, output) = try runSiteCheck(out)
        #expect(status == 0, "\(output)")
    }

    /// Gemeinde pages are made only when the atlas asks for them (`pages:
    /// true`): each Gemeinde gets its page with values, change and rank among
    /// all Gemeinden; its Kreis links to it; each indicator with Gemeinde
    /// figures ranks all Gemeinden on a page of its own; the site passes.
    @Test func gemeindePagesWhenAsked() throws {
        let mini = try Paths.mini(overlay: "gemeinden")
        let dir = mini.deletingLastPathComponent()
        let data = mini.appendingPathComponent("Data")
        let without = dir.appendingPathComponent("Site-without")
        #expect(!Paths.build(data: data.path, output: without.path).hasErrors)
        // (The Gemeinden A–Z under suche/gemeinden/ lead to the Steckbriefe and are always made.)
        #expect(!Paths.tree(without).keys.contains { $0.hasPrefix("gemeinde/") || ($0.contains("/gemeinden/") && !$0.contains("suche/gemeinden/")) })

        let yaml = data.appendingPathComponent("atlas.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        try text.replacingOccurrences(of: "parent_column: kreis_ags}", with: "parent_column: kreis_ags, pages: true}")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("Site")
        let result = Paths.build(data: data.path, output: out.path)
        #expect(!result.hasErrors)
        let files = Paths.tree(out)
        #expect(files.keys.filter { $0.hasPrefix("gemeinde/") }.count == 7)
        #expect(files.keys.filter { $0.hasPrefix("en/gemeinde/") }.count == 7)
        let a = Paths.text(out, "gemeinde/16063001/index.html")
        #expect(a.contains("<h1>Gemeinde A</h1>"))
        #expect(a.contains("<a href=\"../../kreis/16063/index.html\">Wartburgkreis</a>"))
        // 1,000 inhabitants: the smallest of the seven Gemeinden.
        #expect(a.contains("Rang 7 von 7"))
        let kreis = Paths.text(out, "kreis/16063/index.html")
        #expect(kreis.contains("Gemeinden im Kreis (3)"))
        // Pages and downloads agree (issue 16, item 2): Thüringen's count of
        // associations is "." (a Gemeinde is secret) in the download, and the
        // card shows that ".", not a figure formed from the Kreise instead.
        #expect(Paths.text(out, "daten/atlas.csv").contains("land,16,Thüringen,vereine,2022,,.,"))
        let card = String(kreis[kreis.range(of: "id=\"ind-vereine\"")!.lowerBound...].prefix(1500))
        #expect(card.contains("<dt>Thüringen (Summe der Gemeinden)</dt><dd><abbr"), "\(card)")
        // The Steckbrief's download says that "." too (land, land_value, land_symbol).
        let row = Paths.text(out, "daten/kreise/16063.csv").split(separator: "\r\n").first { $0.contains(",vereine,") }
        #expect(row?.contains(",16,,.,") == true, "\(row ?? "")")
        #expect(kreis.contains("<a href=\"../../gemeinde/16063002/index.html\">Gemeinde B</a>"))
        // The Gemeinden A–Z lead to a Gemeinde's own page when there is one, and still name its district.
        let az = Paths.text(out, "suche/gemeinden/g/index.html")
        #expect(az.contains("<th scope=\"row\"><a href=\"../../../gemeinde/16063002/index.html\">Gemeinde B</a></th>"), "\(az)")
        #expect(az.contains("<a href=\"../../../kreis/16063/index.html\">Wartburgkreis</a>"))
        #expect(!Paths.text(without, "suche/gemeinden/g/index.html").contains("gemeinde/16063002"))
        let ranking = Paths.text(out, "indikator/ew-gemeinde/gemeinden/index.html")
        #expect(ranking.contains("<a href=\"../../../gemeinde/09162000/index.html\">München, Landeshauptstadt</a>"))
        #expect(Paths.text(out, "indikator/ew-gemeinde/index.html").contains("gemeinden/index.html"))
        // The Gemeinde figures are a download of their own, linked from the ranking.
        #expect(ranking.contains("href=\"../../../daten/gemeinden/ew-gemeinde.csv\""))
        #expect(Paths.text(out, "daten/gemeinden/ew-gemeinde.csv").contains("16063003,Gemeinde C,ew-gemeinde,2022,3000,,value,,"))
        // The catalogue lists it, and every download it lists exists.
        let catalog = Paths.text(out, "dcat/catalog.rdf")
        #expect(catalog.contains("daten/gemeinden/ew-gemeinde.csv"))
        let urls = catalog.components(separatedBy: "dcat:downloadURL rdf:resource=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(urls.count > 1)
        for url in urls {
            let rel = url.replacingOccurrences(of: "http://127.0.0.1:8080/", with: "")
            #expect(files[rel] != nil, "\(url)")
        }
        let (status, output) = try runSiteCheck(out)
        #expect(status == 0, "\(output)")
    }

    /// The bundled atlas reads the Münchner Flüchtlingsrat's 50 help
    /// initiatives as published (ODbL, attributed on every entry and in the
    /// download); districts it does not cover say so instead of showing empty
    /// cards, and the offer indicators rank only the districts it covers.
    @Test func realHelpInitiativesAndWhereTheDirectoryHasNoCoverage() throws {
        let directory = Paths.text(Self.output, "daten/angebotsverzeichnis.csv").split(separator: "\r\n")
        #expect(directory.first?.hasSuffix(",quelle,lizenz") == true)
        #expect(directory.count == 1 + 50)
        #expect(directory.dropFirst().allSatisfy { $0.hasSuffix(",odbl-1.0") })
        // Germering has no coordinates in the source: placed by the Gemeinde the definition fills in.
        #expect(directory.contains { $0.hasPrefix("Helferkreis Germering,zivilgesellschaft,,,,09179,Fürstenfeldbruck,ags,") })
        let muenchen = Paths.text(Self.output, "kreis/09162/index.html")
        #expect(muenchen.contains("Stand der Quelle: 15. Mai 2020 (Münchner Flüchtlingsrat, Helferkreis-Karte (ODbL 1.0))"))
        #expect(muenchen.contains("id=\"ind-angebote\""))
        let flensburg = Paths.text(Self.output, "kreis/01001/index.html")
        #expect(!flensburg.contains("id=\"ind-angebote"), "no empty offer cards where the directory has no entry")
        #expect(flensburg.contains("<p>Das Angebotsverzeichnis deckt Flensburg, Stadt noch nicht ab. Es enthält bisher Einträge für"))
        let covered = Set(directory.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { String($0[5]) })
        let ranking = Paths.text(Self.output, "indikator/angebote/index.html")
        #expect(ranking.components(separatedBy: "<th scope=\"row\" data-sort=").count - 1 == covered.count)
        #expect(ranking.contains("Nur Kreise mit Einträgen im Verzeichnis"))
    }

    /// The harness itself can fail: a page with an image without alt text and
    /// a stray closing tag is caught by both checkers.
    @Test func siteCheckCatchesABrokenPage() throws {
        let dir = Paths.temporary("broken")
        try """
        <!DOCTYPE html><html><head><title>x</title></head><body><img src="a.png"></span><a href="missing.html">m</a></body></html>
        """.write(to: dir.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let (status, output) = try runSiteCheck(dir)
        #expect(status == 1)
        #expect(output.contains("Nu HTML Checker: index.html"))
        #expect(output.contains("axe-core: index.html"))
        #expect(output.contains("image-alt"))
        #expect(output.contains("broken link missing.html"))
    }

    /// Every page of the real site in both languages: <main> holds more than
    /// its heading, no section or figure is empty, every internal link and
    /// fragment resolves, every page is reachable by links from the start page.
    @Test func everyPageHasContentAndIsReachable() throws {
        let (status, output) = try runSiteCheck(Self.output, script: "content_check.py")
        #expect(status == 0, "\(output)")
        let pages = output.components(separatedBy: "content check: ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        #expect(pages > 990 && output.contains(" pages, 0 problems"), "\(output)")
    }

    /// The content check can fail: an empty <main> (the overview of the keys
    /// once was), an empty section, a link that leads nowhere, a missing
    /// fragment and a page no link leads to.
    @Test func contentCheckCatchesEmptyAndUnreachablePages() throws {
        let dir = Paths.temporary("content")
        defer { try? FileManager.default.removeItem(at: dir) }
        func page(_ rel: String, _ main: String) throws {
            let url = dir.appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "<!DOCTYPE html><html lang=\"de\"><head><title>x</title></head><body><main id=\"inhalt\">\(main)</main></body></html>\n"
                .write(to: url, atomically: true, encoding: .utf8)
        }
        try page(
            "index.html",
            "<h1>Start</h1><p>Ein Absatz, der lang genug ist, um als Inhalt zu zählen, mit Links.</p>"
                + "<a href=\"schluessel/index.html\">Schlüssel</a> <a href=\"fehlt/index.html\">fehlt</a> <a href=\"#nirgends\">Sprung</a>"
                + "<section aria-labelledby=\"a\"><h2 id=\"a\">Leer</h2></section>")
        try page("schluessel/index.html", "<h1>Verteilungsschlüssel</h1>\n")
        try page("allein/index.html", "<h1>Allein</h1><p>Eine Seite mit genug Text, zu der aber kein Link führt, nirgends.</p>")
        let (status, output) = try runSiteCheck(dir, script: "content_check.py")
        #expect(status == 1)
        #expect(output.contains("schluessel/index.html: <main> holds nothing but its heading"), "\(output)")
        #expect(output.contains("index.html: line 1: empty <section> (heading \"Leer\")"), "\(output)")
        #expect(output.contains("index.html:1: link fehlt/index.html leads nowhere"), "\(output)")
        #expect(output.contains("index.html:1: link #nirgends: index.html has no element with id \"nirgends\""), "\(output)")
        #expect(output.contains("allein/index.html: no link leads here from the start page"), "\(output)")
    }

    /// Issue 17, items 3 and 4, in headless Chromium: the table builder
    /// filtered to Sachsen with an unemployment rate from 6 % shows exactly
    /// the districts the download of that indicator names, both exports hold
    /// exactly the rows and columns in view, a click on a column header sorts
    /// by it and the address keeps it; the comparison shows the districts of
    /// its address and those typed into its form, and flags an unclear name.
    @Test func tableBuilderAndComparisonWorkInABrowser() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", Paths.repository.appendingPathComponent("Tests/SiteCheck/tools_check.py").path, Self.output.path,
            "spalte=arbeitslosenquote&spalte=bevoelkerung&land=14&wert1=arbeitslosenquote&von1=6", "ags=09461&ags=09471&ags=03241",
            "Görlitz", "16063", "Bamberg",
        ]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "\(String(decoding: data, as: UTF8.self))")
        let out = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let table = try #require(out["table"] as? [String: Any])
        let rows = try #require(table["rows"] as? [[String]])

        // Expected from the published download: Sachsen's districts whose
        // latest rate, rounded as shown (one decimal), is at least 6.
        let download = try String(contentsOf: Self.output.appendingPathComponent("daten/arbeitslosenquote.csv"), encoding: .utf8)
        var latest: [String: (year: Int, value: Double?)] = [:]
        for line in download.split(separator: "\r\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let code = f[0]
            // A quoted name with a comma ("Chemnitz, Stadt") spans two fields.
            let fields = line.hasPrefix(code + ",\"") ? [code, f[1] + "," + f[2]] + Array(f[3...]) : f
            guard code.hasPrefix("14"), let year = Int(fields[3]) else { continue }
            if (latest[code]?.year ?? 0) < year { latest[code] = (year, Double(fields[4])) }
        }
        let expected = latest.filter { ($0.value.value.map { ($0 * 10).rounded() / 10 } ?? -1) >= 6 }.keys.sorted()
        #expect(!expected.isEmpty)
        #expect(rows.map { $0[0] }.sorted() == expected)
        #expect(rows.allSatisfy { $0[2] == "Sachsen" })
        #expect(table["status"] as? String == "\(expected.count) von 400 Kreisen")
        #expect(table["address"] as? String == "?spalte=arbeitslosenquote&spalte=bevoelkerung&land=14&wert1=arbeitslosenquote&von1=6")

        // The exports: the header and rows in view, figures as plain numbers
        // (comma and point) or in the German Excel form (semicolon, decimal comma, BOM).
        let header = try #require(table["header"] as? [String])
        let plain = try #require(table["csv"] as? [[String]])
        let excel = try #require(table["excel"] as? [[String]])
        #expect(plain.first == header && excel.first == header)
        #expect(table["excelBOM"] as? Bool == true)
        func number(_ shown: String, german: Bool) -> String {
            let digits = shown.replacingOccurrences(of: "\u{202F}", with: "")
            return german ? digits : digits.replacingOccurrences(of: ",", with: ".")
        }
        #expect(Array(plain.dropFirst()) == rows.map { r in Array(r[0..<3]) + r[3...].map { number($0, german: false) } })
        #expect(Array(excel.dropFirst()) == rows.map { r in Array(r[0..<3]) + r[3...].map { number($0, german: true) } })

        // Sorted by the rate on a click, ascending, and the address says so.
        let byRate = rows.sorted {
            (Double($0[3].replacingOccurrences(of: ",", with: ".")) ?? 0, $0[0]) < (
                Double($1[3].replacingOccurrences(of: ",", with: ".")) ?? 0, $1[0]
            )
        }
        #expect(out["sorted"] as? [String] == byRate.map { $0[0] })
        #expect((out["sortedAddress"] as? String)?.hasSuffix("&sort=arbeitslosenquote") == true)

        let indicators =
            try String(contentsOf: Self.output.appendingPathComponent("tabelle/daten.json"), encoding: .utf8)
            .components(separatedBy: "\"topic\": ").count - 1
        let compare = try #require(out["compare"] as? [String: Any])
        #expect(
            compare["columns"] as? [String] == ["Indikator", "Bamberg (kreisfreie Stadt)", "Bamberg (Landkreis)", "Region Hannover", "Deutschland"])
        #expect(compare["rows"] as? Int == indicators)

        // Small series (item 3): one per district and indicator with a course
        // over time in the district's series file, named by that file's
        // sentence, and drawn on its row's scale: the first point's place
        // computed here from all the row's districts' figures.
        let chosen = ["09461", "09471", "03241"]
        var series: [String: [String: (points: [[Double]], text: String)]] = [:]
        for code in chosen {
            let data = try Data(contentsOf: Self.output.appendingPathComponent("vergleich/verlauf/\(code).json"))
            let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
            series[code] = try file.mapValues { entry in
                (try #require(entry["points"] as? [[Double]]), try #require(entry["text"] as? String))
            }
        }
        let sparks = try #require(out["sparks"] as? [[String]])
        #expect(sparks.count == series.values.reduce(0) { $0 + $1.count })
        #expect(sparks.count > 50)
        for spark in sparks {
            let (ind, code, title, d) = (spark[0], spark[1], spark[2], spark[3])
            let own = try #require(series[code]?[ind], "\(code) \(ind): no series in its file")
            #expect(title == own.text, "\(code) \(ind)")
            let row = chosen.compactMap { series[$0]?[ind]?.points }.flatMap { $0 }
            let (y0, y1) = (row.map { $0[0] }.min()!, row.map { $0[0] }.max()!)
            let (lo, hi) = (row.map { $0[1] }.min()!, row.map { $0[1] }.max()!)
            let first = own.points[0]
            let x = y1 == y0 ? 60 : 4 + (first[0] - y0) / (y1 - y0) * 112
            let y = hi == lo ? 16 : 4 + (hi - first[1]) / (hi - lo) * 24
            let start = d.dropFirst().split(separator: "M").first?.split(separator: " ").prefix(2).compactMap { Double($0) } ?? []
            #expect(start.count == 2 && abs(start[0] - x) < 0.06 && abs(start[1] - y) < 0.06, "\(code) \(ind): \(d.prefix(30)) for \(x), \(y)")
        }
        let typed = try #require(out["typed"] as? [String: Any])
        #expect(typed["columns"] as? [String] == ["Indikator", "Görlitz", "Wartburgkreis", "Deutschland"])
        #expect(typed["address"] as? String == "?ags=14626&ags=16063")
        // The view's address is on the page (and so on paper), as the address bar has it.
        #expect((compare["shownAddress"] as? String)?.hasSuffix("/vergleich/index.html?ags=09461&ags=09471&ags=03241") == true)
        #expect((typed["shownAddress"] as? String)?.hasSuffix("/vergleich/index.html?ags=14626&ags=16063") == true)
        #expect(out["typedInvalid"] as? [String] == ["Bamberg"])
    }

    /// Issue 17, item 7: each Steckbrief's figures as a download. Every row's
    /// value is the one the indicator's own download gives for that year, the
    /// rank is the Steckbrief's, and the Excel form is the same table.
    @Test func steckbriefFiguresDownloadAgreesWithTheIndicatorDownloads() throws {
        let text = try String(contentsOf: Self.output.appendingPathComponent("daten/kreise/09461.csv"), encoding: .utf8)
        let lines = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        #expect(header.joined(separator: ",").hasPrefix("ags,name,indicator,title,unit,year,value,symbol,status,rank,rank_of"))
        let steckbrief = try String(contentsOf: Self.output.appendingPathComponent("kreis/09461/index.html"), encoding: .utf8)
        #expect(lines.count - 1 == steckbrief.components(separatedBy: "<article class=\"card\"").count - 1)
        for row in lines.dropFirst() {
            let (indicator, year, value, rank, of) = (row[2], row[5], row[6], row[9], row[10])
            let download = try String(contentsOf: Self.output.appendingPathComponent("daten/\(indicator).csv"), encoding: .utf8)
            let source = download.split(separator: "\r\n").first { $0.hasPrefix("09461,") && $0.contains(",\(indicator),\(year),") }
            let fields = try #require(source, "no \(indicator) \(year) for 09461").components(separatedBy: ",\(indicator),\(year),")[1]
                .split(separator: ",", omittingEmptySubsequences: false)
            #expect(String(fields[0]) == value, "\(indicator)")
            if !rank.isEmpty { #expect(steckbrief.contains("\(rank) von \(of)"), "\(indicator)") }
        }
        let excelBytes = try Data(contentsOf: Self.output.appendingPathComponent("daten/kreise/09461-excel.csv"))
        #expect(Array(excelBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let excel = String(decoding: excelBytes.dropFirst(3), as: UTF8.self)
        #expect(excel.hasPrefix("ags;name;indicator;"))
        #expect(excel.split(separator: "\r\n").count == lines.count)
        #expect(steckbrief.contains("href=\"../../daten/kreise/09461.csv\""))
        let downloads = try String(contentsOf: Self.output.appendingPathComponent("daten/index.html"), encoding: .utf8)
        #expect(downloads.contains("daten/kreise/01001.csv") && !downloads.contains("daten/kreise/09461.csv"))
    }

    /// Issue 17, item 2: without a script, every Gemeinde is found A–Z, once,
    /// with the district whose Steckbrief holds its figures (Eisenach, Stadt,
    /// since 2021 in the Wartburgkreis; the village Eisenach in the Eifel).
    @Test func everyGemeindeIsListedAToZWithItsDistrict() throws {
        let files = Paths.tree(Self.output).filter { $0.key.hasPrefix("suche/gemeinden/") && $0.key.hasSuffix("/index.html") }
        var rows = 0
        for (_, data) in files { rows += String(decoding: data, as: UTF8.self).components(separatedBy: "<tr><th scope=\"row\">").count - 1 }
        // As many as the search's data holds (the Gemeinden of the region table).
        let search = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: Self.output.appendingPathComponent("daten/suche.json"))) as? [String: Any])
        let gemeinden = try #require(search["gemeinden"] as? [Any])
        #expect(gemeinden.count > 10_000)
        #expect(rows == gemeinden.count)
        let e = Paths.text(Self.output, "suche/gemeinden/e/index.html")
        #expect(e.contains("<tr><th scope=\"row\">Eisenach, Stadt</th><td><a href=\"../../../kreis/16063/index.html\">Wartburgkreis</a>"))
        #expect(e.contains("<tr><th scope=\"row\">Eisenach</th><td><a href=\"../../../kreis/07232/index.html\">"))
        let page = Paths.text(Self.output, "suche/index.html")
        for letter in files.keys.map({ $0.split(separator: "/")[2] }) { #expect(page.contains("href=\"../suche/gemeinden/\(letter)/index.html\"")) }
    }

    /// Issue 17, item 6: every Steckbrief, in both languages, printed by
    /// Chromium to A4 (Tests/SiteCheck/print_check.py): at most two pages, no
    /// text under 7 pt on paper, the table of figures, sources with licence
    /// and Stand, and the page's address.
    @Test func everySteckbriefPrintsAsATwoPageHandout() throws {
        let (status, output) = try runSiteCheck(Self.output, script: "print_check.py")
        #expect(status == 0, "\(output)")
        #expect(output.contains("print_check: 800 Steckbriefe (at most 2 pages: 800), 0 failed"), "\(output)")
    }

    /// The print check fails a Steckbrief that prints longer than allowed:
    /// one real Steckbrief against a limit of one page.
    @Test func printCheckCatchesAHandoutThatIsTooLong() throws {
        let dir = Paths.temporary("print-check").appendingPathComponent("Site")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("kreis/09461"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("assets"), withIntermediateDirectories: true)
        for file in ["kreis/09461/index.html", "assets/style.css"] {
            try FileManager.default.copyItem(at: Self.output.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let (status, output) = try runSiteCheck(dir, script: "print_check.py", arguments: ["1"])
        #expect(status == 1)
        #expect(output.contains("kreis/09461/index.html: 2 pages (at most 1)"), "\(output)")
    }

    func runSiteCheck(_ site: URL, script: String = "site_check.py", arguments: [String] = []) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Paths.repository.appendingPathComponent("Tests/SiteCheck/\(script)").path, site.path] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
