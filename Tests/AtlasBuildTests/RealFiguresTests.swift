import AtlasCore
import AtlasTestSupport
import Foundation
import Testing

/// The figures issue 14 promised, on the real site (built once by
/// RealSiteTests): people seeking protection, pupils, housing with its
/// coverage — each read back from the page a reader sees and from the download.
@Suite(.serialized) struct RealFiguresTests {
    static var output: URL { RealSiteTests.output }
    static let nnbsp = "\u{202F}", nbsp = "\u{00A0}"

    /// The `<dd>` after a card's value label, up to its end.
    static func cardValue(_ page: String, _ indicator: String) -> String? {
        guard let card = page.range(of: "id=\"ind-\(indicator)\""), let dd = page.range(of: "<dd>", range: card.upperBound..<page.endIndex),
            let end = page.range(of: "</dd>", range: dd.upperBound..<page.endIndex)
        else { return nil }
        return String(page[dd.upperBound..<end.lowerBound])
    }

    /// A card's whole article.
    static func card(_ page: String, _ indicator: String) -> String? {
        guard let start = page.range(of: "id=\"ind-\(indicator)\""), let end = page.range(of: "</article>", range: start.upperBound..<page.endIndex)
        else { return nil }
        return String(page[start.lowerBound..<end.lowerBound])
    }

    /// Rows of a download: code → (value, status, coverage).
    static func download(_ indicator: String, year: String) -> [String: (value: String, status: String, coverage: String)] {
        var out: [String: (String, String, String)] = [:]
        for line in Paths.text(output, "daten/\(indicator).csv").split(separator: "\r\n").dropFirst() {
            // ags,name,indicator,year,value,symbol,status,flags,unit,coverage; names may hold quoted commas.
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 10, f[f.count - 7] == year else { continue }
            out[f[0]] = (f[f.count - 6], f[f.count - 4], f[f.count - 1])
        }
        return out
    }

    @Test func muenchenShowsItsPeopleSeekingProtectionAndGermanyTheSumOfTheCells() throws {
        let page = Paths.text(Self.output, "kreis/09162/index.html")
        #expect(Self.cardValue(page, "schutzsuchende") == "54\(Self.nnbsp)395\(Self.nbsp)Personen")
        let card = try #require(Self.card(page, "schutzsuchende"))
        #expect(card.contains("<dt>Deutschland (Summe der Kreise)</dt><dd>3\(Self.nnbsp)278\(Self.nnbsp)005\(Self.nbsp)Personen"))
        // The rate: 54,395 over München's inhabitants in kreise.csv (Zensus 2022), per 1,000.
        let kreise = try String(
            contentsOf: Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/data/real/kreise.csv"), encoding: .utf8)
        let header = kreise.split(separator: "\n")[0].split(separator: ",").map(String.init)
        let line = try #require(kreise.split(separator: "\n").first { $0.hasPrefix("09162,") })
        // The name holds a quoted comma: count the columns from the end.
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        let population = try #require(Double(fields[fields.count - (header.count - header.firstIndex(of: "population_zensus2022")!)]))
        let rate = String(format: "%.1f", 54_395.0 / population * 1000).replacingOccurrences(of: ".", with: ",")
        #expect(Self.cardValue(page, "schutzsuchende-je-1000") == "\(rate)\(Self.nbsp)je 1.000 Einw.")
    }

    @Test func kreiseWithoutARowSayWhereTheirPeopleAreCounted() throws {
        for code in ["10041", "10042", "10043", "10044", "10045", "10046", "06611", "06633"] {
            let card = try #require(Self.card(Paths.text(Self.output, "kreis/\(code)/index.html"), "schutzsuchende"))
            #expect(card.contains("<p class=\"counted\">Keine eigene Zahl: gemeinsam erfasst unter"), "\(code)")
        }
        let saarland = try #require(Self.card(Paths.text(Self.output, "kreis/10042/index.html"), "schutzsuchende"))
        #expect(saarland.contains("Zusammen (6 Kreise): 54\(Self.nnbsp)160\(Self.nbsp)Personen"))
        let spreeNeisse = try #require(Self.card(Paths.text(Self.output, "kreis/12071/index.html"), "schutzsuchende"))
        #expect(spreeNeisse.contains("<p class=\"counted\">Der Landkreis Spree-Neiße fehlt in der Tabelle"))
        // Saarlouis is never ranked with the whole Saarland's figure.
        let page = Paths.text(Self.output, "indikator/schutzsuchende/index.html")
        // The ranking table, not the map above it (whose districts link to the Steckbriefe too).
        let table = try #require(page.range(of: "id=\"rangliste\""))
        let ranking = String(page[table.lowerBound...])
        let row = try #require(ranking.range(of: "kreis/10044/index.html"))
        let rowStart = try #require(ranking.range(of: "<tr>", options: .backwards, range: ranking.startIndex..<row.lowerBound))
        #expect(ranking[rowStart.upperBound...].hasPrefix("<td class=\"num\" data-sort=\"999999\">–</td>"))
        let csv = Paths.text(Self.output, "daten/schutzsuchende.csv")
        #expect(csv.contains("\r\n10041+10042+10043+10044+10045+10046,"))
        #expect(!csv.contains("\r\n10044,Saarlouis,schutzsuchende,2024,"), "the group's figure is not Saarlouis's")
    }

    @Test func pupilsOfMuenchenBerlinAndHamburg() {
        let muenchen = Paths.text(Self.output, "kreis/09162/index.html")
        #expect(Self.cardValue(muenchen, "schueler") == "136\(Self.nnbsp)582\(Self.nbsp)Personen")
        #expect(Self.cardValue(muenchen, "schueler-auslaendisch") == "27\(Self.nnbsp)045\(Self.nbsp)Personen")
        // The export lists the city-states as Länder only.
        #expect(Self.cardValue(Paths.text(Self.output, "kreis/11000/index.html"), "schueler") == "399\(Self.nnbsp)830\(Self.nbsp)Personen")
        #expect(Self.cardValue(Paths.text(Self.output, "kreis/02000/index.html"), "schueler") == "217\(Self.nnbsp)949\(Self.nbsp)Personen")
    }

    /// Vacancy and rent on all 400 Steckbriefe; the page and the download
    /// agree on the value, the restricted mark and the coverage, Kreis by Kreis.
    @Test func housingOnEverySteckbriefAgreesWithTheDownload() throws {
        for (indicator, decimals, unit) in [("leerstandsquote", 1, "%"), ("miete-zensus", 2, "€/m²")] {
            let rows = Self.download(indicator, year: "2022")
            #expect(rows.count == 400, "\(indicator)")
            var partial = 0
            for (code, row) in rows {
                let shown = try #require(Self.cardValue(Paths.text(Self.output, "kreis/\(code)/index.html"), indicator), "\(code)")
                var exact = Decimal(string: row.value)!, r = Decimal()
                NSDecimalRound(&r, &exact, decimals, .plain)
                let number = String(format: "%.\(decimals)f", NSDecimalNumber(decimal: r).doubleValue).replacingOccurrences(of: ".", with: ",")
                if row.status == "restricted" {
                    partial += 1
                    #expect(shown.contains(">(\(number))</abbr>\(Self.nbsp)\(unit)"), "\(indicator) \(code): \(shown)")
                    let share = Double(row.coverage)!
                    #expect(share >= 0.95 && share < 1)
                    let percent = String(format: "%.1f", (share * 1000).rounded(.down) / 10).replacingOccurrences(of: ".", with: ",")
                    #expect(shown.contains("(Abdeckung: \(percent)\(Self.nbsp)% der Wohnungen)"), "\(indicator) \(code): \(shown)")
                } else {
                    #expect(row.status == "value" && row.coverage.isEmpty)
                    #expect(shown == "\(number)\(Self.nbsp)\(unit)", "\(indicator) \(code): \(shown)")
                }
            }
            #expect(partial > 0, "some Kreise contain a Gemeinde with a secret \(indicator)")
        }
    }
}

extension RealFiguresTests {
    /// The BBSR settlement types as peer groups: on every card of every
    /// Steckbrief, and as a table of the four types on the indicator pages.
    @Test func peerGroupValuesOnEveryCard() throws {
        let files = Paths.tree(Self.output).filter { $0.key.hasPrefix("kreis/") && $0.key.hasSuffix("/index.html") }
        #expect(files.count == 400)
        var types: [String: Int] = [:]
        for (path, data) in files {
            let page = String(decoding: data, as: UTF8.self)
            let cards = page.components(separatedBy: "<article class=\"card\"").count - 1
            let peers = page.components(separatedBy: "<dt>Kreistyp „").count - 1
            #expect(cards > 30 && peers == cards, "\(path): \(peers) of \(cards) cards show the peer group")
            let head = try #require(page.range(of: "<p>Siedlungsstruktureller Kreistyp: "))
            types[String(page[head.upperBound...].prefix { $0 != "<" }), default: 0] += 1
        }
        // 401 rows in the BBSR table; Eisenach (type 4) maps onto Wartburgkreis (type 4).
        #expect(
            types == [
                "Kreisfreie Großstadt": 67, "Städtischer Kreis": 133, "Ländlicher Kreis mit Verdichtungsansätzen": 98,
                "Dünn besiedelter ländlicher Kreis": 102,
            ])
        #expect(
            Paths.text(Self.output, "kreis/16063/index.html").contains("<p>Siedlungsstruktureller Kreistyp: Dünn besiedelter ländlicher Kreis</p>"))
        let indicator = Paths.text(Self.output, "indikator/arbeitslosenquote/index.html")
        #expect(indicator.contains("<h2 id=\"kreistypen\">Siedlungsstruktureller Kreistyp</h2>"))
        for name in types.keys { #expect(indicator.contains("<th scope=\"row\">\(name)</th>")) }
    }

    /// A reference value is quoted with how it was formed (issue 16, item
    /// 1): on every Steckbrief in both languages, no Land, Kreistyp or
    /// Germany label stands bare, and the label says median, sum, weighted
    /// mean, ratio or official figure as the indicator forms it.
    @Test func everyReferenceValueSaysHowItWasFormed() throws {
        let label = try NSRegularExpression(pattern: #"<dt>([^<]*)</dt><dd>"#)
        let formed = try NSRegularExpression(
            pattern:
                #"\((Median der Kreise|Summe der Kreise|gewichteter Mittelwert der Kreise|Quote aus den Summen der Kreise|amtliche Zahl|Summe der Länder|Summe der Gemeinden|gewichteter Mittelwert der Gemeinden|median of the districts|sum of the districts|weighted mean of the districts|ratio of the sums of the districts|official figure|sum of the states|sum of the municipalities|weighted mean of the municipalities)\)$"#
        )
        let atlas = try #require(AtlasLoader.load(LoadOptions(data: Paths.repository.appendingPathComponent("Data").path)).atlas)
        let references = Set(["Deutschland", "Germany"] + atlas.regions.list(.land).map(\.name))
        var checked = 0
        for folder in ["kreis", "en/kreis"] {
            for code in try FileManager.default.contentsOfDirectory(atPath: Self.output.appendingPathComponent(folder).path) {
                let page = Paths.text(Self.output, "\(folder)/\(code)/index.html")
                for m in label.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
                    let text = String(page[Range(m.range(at: 1), in: page)!])
                    let name = text.components(separatedBy: " (").first ?? text
                    guard references.contains(name) || name.hasPrefix("Kreistyp") || name.hasPrefix("Type “") else { continue }
                    #expect(formed.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil, "\(folder)/\(code): \"\(text)\"")
                    checked += 1
                }
            }
        }
        #expect(checked > 800 * 30)
        // München's unemployment: a median; its people seeking protection: a sum; its rate per 1,000: the ratio of the sums.
        let muenchen = Paths.text(Self.output, "kreis/09162/index.html")
        #expect(try #require(Self.card(muenchen, "arbeitslosenquote")).contains("<dt>Deutschland (Median der Kreise)</dt>"))
        #expect(try #require(Self.card(muenchen, "schutzsuchende-je-1000")).contains("<dt>Bayern (Quote aus den Summen der Kreise)</dt>"))
        // The time series names Germany's value with its formation too.
        #expect(Paths.text(Self.output, "indikator/arbeitslosenquote/index.html").contains("Deutschland (Median der Kreise)"))
    }

    /// Ranks follow what is shown (issue 16, item 3): on every indicator's
    /// ranking, neighbours showing the same figure share a rank, and
    /// neighbours showing different figures do not.
    @Test func ranksFollowTheFiguresAsShown() throws {
        let row = try NSRegularExpression(
            pattern:
                #"<tr><td class="num" data-sort="\d+">(\d+)=?</td><th scope="row"[^>]*><a [^>]*>[^<]*</a></th><td[^>]*>[^<]*</td><td class="num"[^>]*>([^<]*)</td>"#
        )
        var pairs = 0
        for id in try FileManager.default.contentsOfDirectory(atPath: Self.output.appendingPathComponent("indikator").path) {
            let page = Paths.text(Self.output, "indikator/\(id)/index.html")
            guard let start = page.range(of: "id=\"rangliste\"") else { continue }
            let table = String(page[start.lowerBound...])
            let rows = row.matches(in: table, range: NSRange(table.startIndex..., in: table)).map { m in
                (rank: String(table[Range(m.range(at: 1), in: table)!]), shown: String(table[Range(m.range(at: 2), in: table)!]))
            }
            for (a, b) in zip(rows, rows.dropFirst()) {
                #expect((a.rank == b.rank) == (a.shown == b.shown), "\(id): rank \(a.rank) shows \(a.shown), rank \(b.rank) shows \(b.shown)")
                pairs += 1
            }
        }
        #expect(pairs > 30 * 390)
    }

    /// Numbers print as numbers (issue 16, item 4): no figure in a download
    /// carries the noise of binary arithmetic (7.2700000000000005). The key
    /// downloads state 10 decimals for shares; the key lab's JSON carries
    /// exact doubles on purpose (the browser must compute on the same values).
    @Test func downloadsHoldNoUnroundedFloats() throws {
        let noise = try NSRegularExpression(pattern: #"(?<![\d.])-?\d+\.\d{7,}(?![\d.])"#)
        let folder = Self.output.appendingPathComponent("daten")
        var files = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix("schluessel-") {
            guard name.hasSuffix(".csv") || name.hasSuffix(".json") else { continue }
            let text = Paths.text(folder, name)
            let found = noise.matches(in: text, range: NSRange(text.startIndex..., in: text)).prefix(3).map {
                String(text[Range($0.range, in: text)!])
            }
            #expect(found.isEmpty, "daten/\(name): \(found)")
            files += 1
        }
        #expect(files > 40)
    }

    /// Context where a figure misleads on its own (issue 16, item 6): the
    /// city-states have no municipal debt apart from the Land's (x, a note,
    /// no rank, not "Rang 1"); the Königstein key draws no flat 100 % line for
    /// Germany; key pages speak to readers, not editors; cards say "Stand der
    /// Quelle", not a bare "Datenstand" beside the value's year; the English
    /// site says states and independent cities.
    @Test func contextKeepsFiguresFromMisleading() throws {
        for code in ["11000", "02000"] {
            let card = try #require(Self.card(Paths.text(Self.output, "kreis/\(code)/index.html"), "kommunale-schulden"))
            #expect(card.contains("<dd>x</dd>") || card.contains(">x<"), "\(code)")
            #expect(card.contains("kein Rang (kein Wert)"), "\(code)")
            #expect(card.contains("ist Land und Gemeinde zugleich"), "\(code)")
        }
        let debt = Paths.text(Self.output, "indikator/kommunale-schulden/index.html")
        #expect(
            !debt.contains("<a href=\"../../kreis/11000/index.html\">Berlin</a></th><td data-sort=\"BE\">BE</td><td class=\"num\" data-sort=\"0\""))
        let koenigstein = Paths.text(Self.output, "indikator/koenigsteiner-schluessel/index.html")
        #expect(koenigstein.contains("Verlauf für die Länder (%)"))
        #expect(!koenigstein.contains("Deutschland (Summe der Länder)"))
        for key in ["aufnahmekapazitaet", "arbeit-und-miete"] {
            #expect(!Paths.text(Self.output, "schluessel/\(key)/index.html").contains("Prüfung schlägt fehl"), "\(key)")
        }
        #expect(Paths.text(Self.output, "kreis/09162/index.html").contains("<dt>Stand der Quelle</dt>"))
        let english = ["en/index.html", "en/kreis/09162/index.html", "en/land/09/index.html", "en/schluessel/aufnahmekapazitaet/index.html"]
        for page in english {
            let html = Paths.text(Self.output, page)
            #expect(!html.contains("district-free"), "\(page)")
            #expect(!html.contains(">Länder<") && !html.contains("per Land<"), "\(page)")
        }
        #expect(Paths.text(Self.output, "en/land/09/index.html").contains("Figures for the state"))
    }

    /// Names that can be told apart (issue 17, item 1): across every page of
    /// the site, in both languages, a name linked to a Steckbrief (as a link's
    /// text or a map district's title) leads to one district only — the 16 city/Landkreis pairs (Bamberg, Bamberg) carry
    /// their type from the region table.
    @Test func noTwoDistrictsShareADisplayedName() throws {
        // A link's text, or a map district's title ("Bamberg (Landkreis): 1 052 Personen").
        let link = try NSRegularExpression(pattern: #"<a href="[^"]*kreis/(\d{5})/index\.html">(?:<title>([^<]+?): [^<]*</title>|([^<]+)</a>)"#)
        var codesOf: [String: Set<String>] = [:]
        let files = FileManager.default.enumerator(atPath: Self.output.path)!
        var pages = 0
        while let file = files.nextObject() as? String {
            guard file.hasSuffix(".html") else { continue }
            let html = Paths.text(Self.output, file)
            pages += 1
            for m in link.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let code = String(html[Range(m.range(at: 1), in: html)!])
                let name = String(html[Range(m.range(at: m.range(at: 2).location != NSNotFound ? 2 : 3), in: html)!])
                codesOf[name, default: []].insert(code)
            }
        }
        #expect(pages > 900)
        let shared = codesOf.filter { $0.value.count > 1 }.map { "\($0.key): \($0.value.sorted())" }.sorted()
        #expect(shared.isEmpty, "\(shared)")
        #expect(codesOf["Bamberg (kreisfreie Stadt)"] == ["09461"] && codesOf["Bamberg (Landkreis)"] == ["09471"])
    }

    /// Downloads a German user can open (issue 17, item 7, in part): next to
    /// every indicator's CSV its German Excel form (BOM, ";", decimal comma),
    /// cell for cell the same figures, and the indicator page links both.
    @Test func everyIndicatorDownloadAlsoInTheGermanExcelForm() throws {
        let folder = Self.output.appendingPathComponent("daten")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasSuffix(".csv") && !name.hasSuffix("-excel.csv") && !name.hasPrefix("schluessel-") && !name.hasPrefix("kapazitaet-")
            && name != "atlas.csv" && name != "angebotsverzeichnis.csv"
        {
            let id = String(name.dropLast(4))
            let plain = Paths.text(folder, name).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let bytes = try Data(contentsOf: folder.appendingPathComponent("\(id)-excel.csv"))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(id): Excel needs the BOM to read UTF-8")
            let excel = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(excel.count == plain.count, "\(id)")
            for (a, b) in zip(plain, excel) {
                let german = cells(b, ";").map {
                    ValueParser.isPlainDecimal($0.replacingOccurrences(of: ",", with: ".")) ? $0.replacingOccurrences(of: ",", with: ".") : $0
                }
                #expect(cells(a, ",") == german, "\(id): \(a) | \(b)")
                if cells(a, ",") != german { break }
            }
            #expect(
                Paths.text(Self.output, "indikator/\(id)/index.html").contains("href=\"../../daten/\(id)-excel.csv\" download=\"\(id)-excel.csv\""),
                "\(id)")
            checked += 1
        }
        #expect(checked >= 38)
        // The value column in German form: München's unemployment 2021.
        #expect(Paths.text(folder, "arbeitslosenquote-excel.csv").contains("09162;München, Landeshauptstadt;arbeitslosenquote;2021;4,79;;value;;%;"))
    }

    /// The whole atlas in the German Excel form as well (issue 17, item 7):
    /// the same rows as `atlas.csv`, each cell the same figure with a decimal
    /// comma, ";" between cells, BOM; checked on every 20th row and every row
    /// with a quoted cell (a name with a comma).
    @Test func wholeAtlasDownloadAlsoInTheGermanExcelForm() throws {
        let folder = Self.output.appendingPathComponent("daten")
        let plain = Paths.text(folder, "atlas.csv").split(separator: "\r\n")
        let bytes = try Data(contentsOf: folder.appendingPathComponent("atlas-excel.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "Excel needs the BOM to read UTF-8")
        let excel = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(plain.count == excel.count && plain.count > 250_000)
        #expect(excel.first == "level;code;name;indicator;year;value;symbol;status;flags;unit;coverage")
        var checked = 0, decimals = 0
        for (k, (a, b)) in zip(plain, excel).enumerated() where k % 20 == 0 || a.contains("\"") {
            let german = cells(b, ";")
            #expect(
                cells(a, ",")
                    == german.map {
                        ValueParser.isPlainDecimal($0.replacingOccurrences(of: ",", with: ".")) ? $0.replacingOccurrences(of: ",", with: ".") : $0
                    }, "\(a) | \(b)")
            decimals += german.filter { $0.contains(",") && ValueParser.isPlainDecimal($0.replacingOccurrences(of: ",", with: ".")) }.count
            checked += 1
        }
        #expect(checked > 10_000 && decimals > 1_000)
    }
}

/// The cells of one CSV line (either separator), quotes taken off: a doubled
/// quote toggles twice, which is all these downloads need.
private func cells(_ line: some StringProtocol, _ sep: Character) -> [String] {
    var out: [String] = [], field = "", quoted = false
    for c in line {
        if c == "\"" { quoted.toggle() } else if c == sep && !quoted { out.append(field); field = "" } else { field.append(c) }
    }
    return out + [field]
}
