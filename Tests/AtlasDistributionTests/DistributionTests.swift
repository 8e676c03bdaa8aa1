import AtlasCore
import AtlasDistribution
import Foundation
import Testing

/// Keys on the real data: every official key year, the reconstructed district
/// key, the scenarios; whole persons that sum exactly.
@Suite struct DistributionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let atlas: Atlas? = AtlasLoader.load(LoadOptions(data: repository.appendingPathComponent("Data").path)).atlas

    @Test(arguments: 2014...2020)
    func officialKeyDistributesAMillionWithinQuota(_ year: Int) throws {
        let atlas = try #require(Self.atlas)
        let shares = try #require(atlas.keyShares["koenigstein-\(year)"])
        for method in Distribution.Method.allCases {
            let rows = try Distribution.laender(shares, atlas: atlas, persons: 1_000_000, method: method)
            #expect(rows.count == 16)
            #expect(rows.reduce(0) { $0 + $1.persons } == 1_000_000)
            if method == .hare {
                for r in rows { #expect(Double(r.persons) >= r.quota.rounded(.down) && Double(r.persons) <= r.quota.rounded(.up)) }
            }
        }
    }

    /// The official shares are used as published: NRW 2019 = 21.07592 %.
    @Test func officialSharesAreUsedAsPublished() throws {
        let atlas = try #require(Self.atlas)
        let shares = try #require(atlas.keyShares["koenigstein-2019"])
        #expect(abs(shares.land["05"]! - 0.2107592) < 1e-12)
        let rows = try Distribution.laender(shares, atlas: atlas, persons: 329_120, method: .hare)
        // NRW's quota: 329,120 × 0.2107592 = 69,365.07 → 69,365 persons.
        #expect(rows.first { $0.code == "05" }?.persons == 69_365)
    }

    @Test func twoStageAndDirectDistrictDistributionsSumExactly() throws {
        let atlas = try #require(Self.atlas)
        for id in ["koenigstein-kreise", "aufnahmekapazitaet", "arbeit-und-miete", "koenigstein-2019"] {
            let shares = try #require(atlas.keyShares[id], "\(id)")
            for two in [true, false] where two || shares.kreis != nil {
                let rows = try Distribution.kreise(shares, atlas: atlas, persons: 329_120, method: .hare, twoStage: two)
                #expect(rows.count == 400)
                #expect(rows.reduce(0) { $0 + $1.persons } == 329_120, "\(id) two-stage \(two)")
            }
            // Two stages: every Land gets exactly what the Land step gave it.
            let laender = try Distribution.laender(shares, atlas: atlas, persons: 329_120, method: .hare)
            let kreise = try Distribution.kreise(shares, atlas: atlas, persons: 329_120, method: .hare, twoStage: true)
            for land in laender {
                #expect(kreise.filter { $0.code.hasPrefix(land.code) }.reduce(0) { $0 + $1.persons } == land.persons)
            }
        }
    }

    /// The reconstruction from municipal tax capacity is close to, but not,
    /// the official key: every Land within 3 percentage points.
    @Test func reconstructedKeyIsNearTheOfficialOne() throws {
        let atlas = try #require(Self.atlas)
        let rebuilt = try #require(atlas.keyShares["koenigstein-kreise"])
        let official = try #require(atlas.keyShares["koenigstein-2019"])
        #expect(abs(rebuilt.land.values.reduce(0, +) - 1) < 1e-9)
        for (land, share) in official.land {
            #expect(abs((rebuilt.land[land] ?? 0) - share) < 0.03, "Land \(land)")
        }
    }

    @Test func sensitivityMovesPersonsAndIsZeroForAnOfficialKey() throws {
        let atlas = try #require(Self.atlas)
        let shares = try #require(atlas.keyShares["aufnahmekapazitaet"])
        let moved = try Distribution.moved(
            shares, weights: [1 / 3, 1 / 3, 1 / 3], atlas: atlas, persons: 329_120, component: 1, factor: 1.1, method: .hare)
        #expect(moved > 0)
        #expect(moved < 329_120 / 10)
        // An official key has no components: changing a weight moves nobody.
        let official = try #require(atlas.keyShares["koenigstein-2019"])
        #expect(try Distribution.moved(official, weights: [1], atlas: atlas, persons: 329_120, component: 0, factor: 1.1, method: .hare) == 0)
    }
}
