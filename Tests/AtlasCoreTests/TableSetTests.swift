import AtlasCore
import Testing

/// A new year is one line (issue 16, item 8): a table can be a set of files
/// with the same layout (`also:`), each with its Datenstand; every indicator
/// reading the table reads them all, and the later file's years carry its
/// Datenstand. Another layout, or a figure given in two files, is an error.
@Suite struct TableSetTests {
    func load(_ extra: String, atlasEdit: (String) -> String = { $0 }) -> LoadResult {
        var files = Fixtures.miniAtlas()
        let atlas = String(decoding: files.files["Data/atlas.yaml"]!, as: UTF8.self)
        files.files["Data/atlas.yaml"] = Array(atlasEdit(atlas).utf8)
        let indicator = String(decoding: files.files["Data/indicators/arbeitslosenquote.yaml"]!, as: UTF8.self)
        files.files["Data/indicators/arbeitslosenquote.yaml"] = Array(
            indicator.replacingOccurrences(of: "years: {from: 2019, to: 2021}", with: "years: {from: 2019, to: 2022}").utf8)
        files.files["sources/werte_2022.csv"] = Array(extra.utf8)
        return AtlasLoader.load(LoadOptions(data: "Data", today: "2026-11-22"), files: files)
    }

    let withSet = { (atlas: String) in
        atlas.replacingOccurrences(
            of: "werte: {path: werte.csv}", with: "werte: {path: werte.csv, also: [{path: werte_2022.csv, datenstand: 2023-03-31}]}")
    }

    @Test func aLaterFileAddsItsYearsWithItsDatenstand() throws {
        let result = load("ags,year,alq\n01001,2022,7.1\n09162,2022,4.4\n", atlasEdit: withSet)
        #expect(result.diagnostics.errorCount == 0, "\(result.diagnostics.all.map(\.message))")
        let values = try #require(result.atlas?.values("arbeitslosenquote", level: .kreis))
        #expect(values.observation("01001", year: 2022) == Observation(value: 7.1))
        #expect(values.observation("01001", year: 2021) == Observation(value: 8.0))
        #expect(values.datenstand == [2022: "2023-03-31"])
    }

    @Test func anotherLayoutOrAFigureGivenTwiceIsAnError() throws {
        let other = load("ags,jahr,alq\n01001,2022,7.1\n", atlasEdit: withSet)
        #expect(
            other.diagnostics.all.map(\.message).contains(
                "table \"werte\": the file sources/werte_2022.csv has other columns than its first file; missing: year; not in the first file: jahr"),
            "\(other.diagnostics.all.map(\.message))")
        let twice = load("ags,year,alq\n01001,2021,7.9\n", atlasEdit: withSet)
        #expect(
            twice.diagnostics.all.map(\.message).contains {
                $0.hasPrefix(
                    "indicator \"arbeitslosenquote\" gets a second figure for Kreis \"01001\" and year 2021 (the first is in sources/werte.csv:4")
            }, "\(twice.diagnostics.all.map(\.message))")
    }
}
