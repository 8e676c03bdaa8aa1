import AtlasCore
import Foundation
import Testing

/// The bundled definition in Data/ against the real public data in
/// ../shared/data/real (the source root, as in CI). These tests fail, never
/// skip, when the data are missing.
@Suite struct RealDataTests {
    static let result: LoadResult = AtlasLoader.load(
        LoadOptions(data: Fixtures.repository.appendingPathComponent("Data").path))

    func realFile(_ name: String) throws -> [UInt8] {
        let url = Fixtures.realData.appendingPathComponent(name)
        return [UInt8](
            try #require(FileManager.default.contents(atPath: url.path), "missing real data file \(url.path)"))
    }

    @Test func bundledAtlasChecksCleanOnTheRealData() throws {
        let r = Self.result
        // No errors; the only warnings are the plausibility warnings an editor
        // is to look at (double Abitur cohorts, zeros between years of
        // figures in INKAR): each is one cause, the regions of a year together.
        #expect(r.diagnostics.errorCount == 0, "\(Fixtures.render(r.diagnostics))")
        let warnings = r.diagnostics.all.filter { $0.severity == .warning }
        #expect(warnings.allSatisfy { $0.message.contains("lies far outside its own series") }, "\(Fixtures.render(r.diagnostics))")
        #expect(warnings.count == 16)
        #expect(
            warnings.contains { $0.message.hasPrefix("indicator \"schulabgaenger-abitur\", 03101: 23.21 in 2020 lies far outside its own series") })
        let atlas = try #require(r.atlas)
        #expect(atlas.regions.count(.land) == 16)
        #expect(atlas.regions.count(.kreis) == 400)
        #expect(atlas.regions.count(.gemeinde) == 10_786)
        #expect(atlas.indicators.count >= 15 + 3)
        let themes = Set(atlas.indicators.map(\.topic.value))
        #expect(themes.count >= 5)
        #expect(!atlas.regions.contains("16056", level: .kreis), "Eisenach is part of Wartburgkreis since 2021-07-01")
    }

    @Test func populationSumsToTheZensusGemeindenTotal() throws {
        let atlas = try #require(Self.result.atlas)
        for level in [RegionLevel.kreis, .land, .gemeinde] {
            let pop = try #require(atlas.values("bevoelkerung", level: level))
            let sum = pop.series.values.compactMap { $0[2022]?.value }.reduce(0, +)
            #expect(sum == 82_711_282, "level \(level)")
            #expect(pop.series.count == atlas.regions.count(level))
        }
    }

    @Test func koenigsteinKeyHasEveryKeyYearSummingToHundred() throws {
        let atlas = try #require(Self.result.atlas)
        let ks = try #require(atlas.values("koenigsteiner-schluessel", level: .land))
        #expect(ks.years == Array(2014...2020))
        for year in 2014...2020 {
            let sum = ks.series.values.compactMap { $0[year]?.value }.reduce(0, +)
            #expect(abs(sum - 100) < 1e-9, "key year \(year) sums to \(sum)")
        }
        #expect(ks.observation("05", year: 2020)?.value == 20.96090)
    }

    /// Cells compared with an independent reading of the INKAR table.
    @Test func inkarCellsMatchTheSourceTable() throws {
        let atlas = try #require(Self.result.atlas)
        let text = String(decoding: try realFile("indicators/inkar_kreise_1995-2021.csv"), as: UTF8.self)
        let lines = text.split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let columns = [
            "unemployment_rate": "arbeitslosenquote", "childcare_under3": "betreuungsquote-u3",
            "rent_level": "mietniveau", "share_foreign": "auslaenderanteil", "tax_revenue_per_capita": "steuerkraft",
        ]
        var compared = 0
        for line in lines.dropFirst().enumerated().filter({ $0.offset % 97 == 0 }).map(\.element) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for (column, id) in columns {
                let raw = cells[header.firstIndex(of: column)!]
                let obs = atlas.values(id, level: .kreis)?.observation(cells[0], year: Int(cells[1])!)
                if raw.isEmpty {
                    #expect(obs == Observation(symbol: .blank), "\(cells[0]) \(cells[1]) \(column)")
                } else {
                    #expect(obs?.value == Double(raw), "\(cells[0]) \(cells[1]) \(column)")
                }
                compared += 1
            }
        }
        #expect(compared > 500)
    }

    /// A German Excel export of one INKAR column (BOM, ";", decimal comma, CRLF,
    /// quoted names) with one broken cell among 10,800 names that cell exactly.
    @Test func excelExportWithOneBrokenCellReportsItsLineAndColumn() throws {
        let inkar = String(decoding: try realFile("indicators/inkar_kreise_1995-2021.csv"), as: UTF8.self)
        let kreise = try realFile("kreise.csv")
        let names = Dictionary(
            uniqueKeysWithValues: String(decoding: kreise, as: UTF8.self).split(separator: "\n").dropFirst().map {
                line in
                (String(line.prefix(5)), String(line.split(separator: "\"").dropFirst().first ?? ""))
            })
        let lines = inkar.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let col = header.firstIndex(of: "unemployment_rate")!
        var out = "\u{FEFF}Kreis;Name;Jahr;Arbeitslosenquote\r\n"
        let brokenRow = 7_321
        var expectedLine = 0, expectedColumn = 0, brokenText = ""
        for (i, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            var value = cells[col].replacingOccurrences(of: ".", with: ",")
            if value.isEmpty { value = "." }
            let name = names[String(cells[0])] ?? ""
            let prefix = "\(cells[0]);\"\(name)\";\(cells[1]);"
            if i == brokenRow {
                value = value == "." ? "7,3x" : value + "x"
                brokenText = value
                expectedLine = i + 2
                expectedColumn = prefix.unicodeScalars.count + 1
            }
            out += prefix + value + "\r\n"
        }
        let definition = Self.atlasOnRealRegions(
            table: "alq: {path: alq_excel.csv}",
            licence: "dl-de/by-2-0: {name: DL-DE BY 2.0, url: \"https://www.govdata.de/dl-de/by-2-0\"}")
        let indicator = """
            id: alq
            title: {de: ALQ, en: UR}
            short: {de: ALQ, en: UR}
            definition: {de: ALQ, en: UR}
            unit: "%"
            decimals: 1
            theme: arbeit
            polarity: lower-is-better
            range: {min: 0, max: 100}
            years: {from: 1995, to: 2021}
            reference: median
            source: {publisher: BBSR, licence: dl-de/by-2-0, datenstand: 2021-12-31}
            values: {table: alq, key_column: Kreis, year_column: Jahr, value_column: Arbeitslosenquote}
            """
        let files = MemoryFiles(bytes: [
            "Data/atlas.yaml": Array(definition.utf8),
            "Data/themes.yaml": Array("- {id: arbeit, title: {de: Arbeit, en: Work}}".utf8),
            "Data/indicators/alq.yaml": Array(indicator.utf8),
            "sources/laender.csv": try realFile("laender.csv"),
            "sources/kreise.csv": kreise,
            "sources/alq_excel.csv": Array(out.utf8),
        ])
        let result = AtlasLoader.load(LoadOptions(data: "Data"), files: files)
        #expect(result.atlas == nil)
        let errors = result.diagnostics.all.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let e = try #require(errors.first)
        #expect(e.location == SourceLocation(path: "sources/alq_excel.csv", line: expectedLine, column: expectedColumn))
        #expect(e.message == "\"\(brokenText)\" is not a number (column \"Arbeitslosenquote\")")
        #expect(result.statistics.numbers + result.statistics.symbols == 10_799)
    }

    /// The Destatis table of 2018 still lists Eisenach (16056): reading it on the
    /// 2021 Gebietsstand names the merger, and only that row.
    @Test func pre2021TableNamesTheEisenachMerger() throws {
        let files = MemoryFiles(bytes: [
            "Data/atlas.yaml": Array(
                Self.atlasOnRealRegions(
                    table: "alt: {path: kreise_destatis_2018-12-31.csv}",
                    licence: "cc-by-4.0: {name: CC BY 4.0, url: \"https://creativecommons.org/licenses/by/4.0/\"}",
                    extra: """
                        territorial_changes:
                          - {date: 2021-07-01, old_code: "16056", old_name: Eisenach, new_code: "16063", new_name: Wartburgkreis}
                        """
                ).utf8),
            "Data/themes.yaml": Array("- {id: demografie, title: {de: Demografie, en: Demography}}".utf8),
            "Data/indicators/einwohner-2018.yaml": Array(
                """
                id: einwohner-2018
                title: {de: E, en: P}
                short: {de: E, en: P}
                definition: {de: E, en: P}
                unit: Personen
                decimals: 0
                theme: demografie
                polarity: neutral
                years: {from: 2018, to: 2018}
                reference: sum
                source: {publisher: Destatis, licence: cc-by-4.0, datenstand: 2018-12-31}
                values: {table: alt, key_column: AGS, year: 2018, value_column: population}
                """.utf8),
            "sources/laender.csv": try realFile("laender.csv"),
            "sources/kreise.csv": try realFile("kreise.csv"),
            "sources/kreise_destatis_2018-12-31.csv": try realFile("kreise_destatis_2018-12-31.csv"),
        ])
        let result = AtlasLoader.load(LoadOptions(data: "Data"), files: files)
        let rendered = Fixtures.render(result.diagnostics)
        let lines = String(decoding: try realFile("kreise_destatis_2018-12-31.csv"), as: UTF8.self).split(
            separator: "\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix("16056,") })
        #expect(
            rendered == """
                sources/kreise_destatis_2018-12-31.csv:\(line + 1):1: error: Kreis "16056" (Eisenach) does not exist in the Gebietsstand 2021-07-01 of this atlas (column "AGS")
                 \(line + 1) | \(lines[line])
                     | ^~~~~
                hint: Eisenach (16056) was merged into Wartburgkreis (16063) on 2021-07-01; use figures on the current Gebietsstand, e.g. the source's newer edition, not figures from before the change

                """)
    }

    /// An atlas.yaml over the real Länder and Kreise (copied into memory under
    /// sources/) plus one table under test.
    static func atlasOnRealRegions(table: String, licence: String, extra: String = "") -> String {
        """
        title: {de: T, en: T}
        languages: [de, en]
        gebietsstand: 2021-07-01
        reference_year: 2021
        sources: ../sources
        regions:
          land: {table: laender, key_column: land_code, name_column: name}
          kreis: {table: kreise, key_column: ags, name_column: name, parent_column: land_code}
        tables:
          laender: {path: laender.csv}
          kreise: {path: kreise.csv}
          \(table)
        licences: {\(licence)}
        geometry: none
        offers: none
        peer_groups: none
        \(extra.contains("territorial_changes:") ? extra : "territorial_changes: none\n" + extra)
        """
    }
}
