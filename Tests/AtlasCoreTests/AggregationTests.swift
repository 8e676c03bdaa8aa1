import AtlasCore
import Testing

/// Figures per Gemeinde add up to Kreise and Länder by the rule in their
/// definition; a suppressed Gemeinde makes the aggregate ".".
@Suite struct AggregationTests {
    let result = AtlasLoader.load(LoadOptions(data: "Data"), files: Fixtures.miniAtlas(overlay: "gemeinden", from: Fixtures.variants))

    @Test func countsAddUpAndASuppressedGemeindeMakesTheAggregateADot() throws {
        #expect(result.diagnostics.errorCount == 0)
        // The suppressed Gemeinde is worth a warning, not an error.
        // It names what the secret Gemeinde does to the Kreis and Land formed from it (issue 16, item 11).
        #expect(
            result.diagnostics.all.map(\.message) == [
                "indicator \"vereine\": 1 of 7 Gemeinden has no figure in any year: 16063002 Gemeinde B; so 1 Kreis shows \".\" for the years without it: 16063 Wartburgkreis; and 1 Land: 16 Thüringen"
            ])
        let atlas = try #require(result.atlas)
        let kreis = try #require(atlas.values("vereine", level: .kreis))
        #expect(kreis.observation("01001", year: 2022) == Observation(value: 12))
        #expect(kreis.observation("09162", year: 2022) == Observation(value: 200, flags: .provisional))
        #expect(kreis.observation("16063", year: 2022) == Observation(symbol: .unknownOrSecret))
        let land = try #require(atlas.values("vereine", level: .land))
        #expect(land.observation("01", year: 2022) == Observation(value: 42))
        #expect(land.observation("16", year: 2022) == Observation(symbol: .unknownOrSecret))
        // By construction: every complete Land is the sum of its Kreise.
        for l in atlas.regions.list(.land) {
            guard let v = land.observation(l.code, year: 2022)?.value else { continue }
            let parts = atlas.regions.list(.kreis).filter { $0.parent == l.code }.compactMap { kreis.observation($0.code, year: 2022)?.value }
            #expect(parts.reduce(0, +) == v)
        }
    }

    @Test func ratesAreWeightedByTheirBase() throws {
        let atlas = try #require(result.atlas)
        let land = try #require(atlas.values("quote", level: .land))
        // Means are kept to two decimals more than the indicator shows (1 here).
        func kept(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
        let expected = (10 * 95_015.0 + 20 * 249_132) / (95_015 + 249_132)
        #expect(land.observation("01", year: 2022)?.value == kept(expected))
        let kreis = try #require(atlas.values("quote", level: .kreis))
        // All three Gemeinden of 16063 have a rate: weighted by 1,000/2,000/3,000 inhabitants.
        #expect(kreis.observation("16063", year: 2022)?.value == kept((50 * 1 + 60 * 2 + 70 * 3) / 6.0))
    }

    @Test func aMeanOverPartOfTheWeightIsRestrictedAndSaysItsCoverage() throws {
        let atlas = try #require(result.atlas)
        // Gemeinde B (2,000 of 6,000 inhabitants) is secret: A and C cover two thirds.
        let lenient = try #require(atlas.values("teilquote", level: .kreis))
        #expect(lenient.observation("16063", year: 2022) == Observation(value: 65, restricted: true))
        #expect(abs((lenient.coverage["16063"]?[2022] ?? 0) - 4.0 / 6) < 1e-12)
        #expect(lenient.coverage["01001"] == nil, "a complete aggregate has no coverage note")
        let land = try #require(atlas.values("teilquote", level: .land))
        #expect(land.observation("16", year: 2022)?.restricted == true)
        // Below the stated coverage the aggregate stays ".".
        let strict = try #require(atlas.values("teilquote-streng", level: .kreis))
        #expect(strict.observation("16063", year: 2022) == Observation(symbol: .unknownOrSecret))
        #expect(strict.coverage.isEmpty)
    }

    /// Nothing vanishes silently (issue 16, item 9): an indicator with
    /// figures per Gemeinde only and no rule to add them up is an error at its
    /// file, not an indicator without page, card or download.
    @Test func gemeindeFiguresWithoutAnAggregateRuleAreAnError() throws {
        var files = Fixtures.miniAtlas(overlay: "gemeinden", from: Fixtures.variants)
        let vereine = try #require(files.files["Data/indicators/vereine.yaml"])
        let text = String(decoding: vereine, as: UTF8.self).replacingOccurrences(of: "id: vereine", with: "id: vereine-ohne")
            .replacingOccurrences(of: "aggregate: {rule: sum}\n", with: "")
        files.files["Data/indicators/vereine-ohne.yaml"] = Array(text.utf8)
        let result = AtlasLoader.load(LoadOptions(data: "Data"), files: files)
        #expect(
            result.diagnostics.sorted.filter { $0.severity == .error }.map(DiagnosticRenderer.render).joined(separator: "\n")
                == """
                Data/indicators/vereine-ohne.yaml:1:1: error: indicator "vereine-ohne" has figures per Gemeinde only and no "aggregate:" rule, so it would have no page, card or download
                 1 | id: vereine-ohne
                   | ^
                hint: add aggregate: {rule: sum} for counts or aggregate: {rule: weighted-mean, weight: bevoelkerung} for rates (Kreise and Länder are then formed from the Gemeinden), or read its Kreis figures too

                """)
    }
}
