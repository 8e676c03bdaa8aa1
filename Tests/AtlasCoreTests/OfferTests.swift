import AtlasCore
import Testing

/// The offers directory fixture: 31 offers placed by AGS, by coordinates and
/// by postcode, each named after the district it must land in.
@Suite struct OfferTests {
    let result = AtlasLoader.load(
        LoadOptions(data: "Data", today: "2026-11-22"), files: Fixtures.miniAtlas(overlay: "angebote", from: Fixtures.variants))

    @Test func everyOfferLandsInItsDistrict() throws {
        #expect(Fixtures.render(result.diagnostics) == "")
        let atlas = try #require(result.atlas)
        #expect(atlas.offers.count == 31)
        for offer in atlas.offers {
            // "Angebot 7 (01002, k)": district and method.
            let inner = offer.name.split(separator: "(").last!.dropLast()
            let parts = inner.split(separator: ", ")
            #expect(offer.kreis == String(parts[0]), "\(offer.name)")
            let how = ["a": Offer.Placement.ags, "k": .coordinates, "p": .postcode][String(parts[1])]
            #expect(offer.placement == how, "\(offer.name)")
        }
        #expect(Set(atlas.offers.map(\.placement)) == [.ags, .coordinates, .postcode])
        #expect(atlas.offers.first?.languages == ["Deutsch", "Englisch"])
    }

    @Test func countsBecomeAnIndicatorWithNoDataWhereTheDirectoryIsSilent() throws {
        let atlas = try #require(result.atlas)
        let counts = try #require(atlas.values("angebote", level: .kreis))
        #expect(counts.observation("01001", year: 2026) == Observation(value: 6))
        #expect(counts.observation("16063", year: 2026) == Observation(value: 7))
        // Without entries: no data, never 0.
        let empty = AtlasLoader.load(
            LoadOptions(data: "Data", today: "2026-11-22"), files: Fixtures.miniAtlas(overlay: "angebote-empty", from: Fixtures.variants))
        let none = try #require(empty.atlas?.values("angebote", level: .kreis))
        #expect(none.observation("01001", year: 2021) == Observation(symbol: .blank))
    }
}
