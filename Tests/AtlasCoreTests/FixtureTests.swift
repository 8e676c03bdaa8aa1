import AtlasCore
import Foundation
import Testing

/// The mini atlas loads clean; each invalid fixture (the mini atlas with one
/// defect) gives exactly the message in its expected.txt. Re-record with
/// RECORD_SNAPSHOTS=1 and review the diff.
@Suite struct FixtureTests {
    @Test func miniAtlasLoadsCleanWithEveryFigureAndSymbol() throws {
        let result = AtlasLoader.load(LoadOptions(data: "Data"), files: Fixtures.miniAtlas())
        #expect(Fixtures.render(result.diagnostics) == "")
        let atlas = try #require(result.atlas)
        #expect(atlas.regions.count(.kreis) == 5)
        #expect(atlas.regions.count(.land) == 3)
        #expect(atlas.regions.region("01001", level: .kreis)?.name == "Flensburg, Stadt")
        #expect(atlas.regions.region("16063", level: .kreis)?.parent == "16")
        #expect(result.statistics.numbers == 24)
        #expect(result.statistics.symbols == 6)

        let alq = try #require(atlas.values("arbeitslosenquote", level: .kreis))
        #expect(alq.observation("01001", year: 2020) == Observation(value: 8.3))
        #expect(alq.observation("01002", year: 2021) == Observation(symbol: .unknownOrSecret))
        #expect(alq.observation("16063", year: 2021) == Observation(symbol: .later))

        // The German Excel export: BOM, CRLF, ";", decimal comma, flags, ( ), symbols.
        let kita = try #require(atlas.values("kita", level: .kreis))
        #expect(kita.observation("01001", year: 2019) == Observation(value: 32.1))
        #expect(kita.observation("01001", year: 2020) == Observation(value: 33.0, flags: .provisional))
        #expect(kita.observation("01002", year: 2019) == Observation(value: 29.5, restricted: true))
        #expect(kita.observation("01002", year: 2020) == Observation(symbol: .nothing))
        #expect(kita.observation("09162", year: 2020) == Observation(symbol: .uncertain))
        #expect(kita.observation("16051", year: 2020) == Observation(symbol: .locked))
        #expect(kita.observation("16063", year: 2019) == Observation(symbol: .anonymised))
        #expect(kita.observation("16063", year: 2020) == Observation(value: 55.0, flags: .revised))

        let pop = try #require(atlas.values("einwohner", level: .kreis))
        #expect(pop.observation("09162", year: 2022) == Observation(value: 1_510_378))
        #expect(pop.years == [2022])
    }

    @Test(arguments: Fixtures.invalidNames)
    func invalidFixtureGivesItsExactMessage(_ name: String) throws {
        let result = AtlasLoader.load(LoadOptions(data: "Data", today: "2026-11-22"), files: Fixtures.miniAtlas(overlay: name))
        let rendered = Fixtures.render(result.diagnostics)
        let expectedURL = Fixtures.invalid.appendingPathComponent(name).appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(rendered == expected)
        if name.hasPrefix("warning-") {
            #expect(result.diagnostics.errorCount == 0)
            #expect(result.diagnostics.warningCount == 1)
            #expect(result.atlas != nil, "warnings do not fail the check")
        } else {
            #expect(result.diagnostics.errorCount >= 1)
            #expect(result.atlas == nil, "an error must not produce an atlas")
        }
    }
}
