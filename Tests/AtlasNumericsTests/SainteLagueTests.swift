import AtlasNumerics
import AtlasTestSupport
import Foundation
import Testing

@Suite struct SainteLagueTests {
    func units(_ r: [SainteLague.Result]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: r.map { ($0.id, $0.units) })
    }

    @Test func worksTheExampleOfTheArticle() throws {
        let r = try SainteLague.apportion([("A", 47), ("B", 36), ("C", 17)], total: 10)
        #expect(units(r) == ["A": 5, "B": 3, "C": 2])
    }

    /// Hand-computed: Bundestag-style example. Weights 720, 300, 180 for 12 seats:
    /// divisor 100 gives 7.2, 3.0, 1.8 → 7, 3, 2 = 12.
    @Test func handComputedDivisor() throws {
        #expect(units(try SainteLague.apportion([("x", 720), ("y", 300), ("z", 180)], total: 12)) == ["x": 7, "y": 3, "z": 2])
    }

    @Test func propertiesHoldForRandomSharesAndTotals() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let n = Int.random(in: 1...420, using: &rng)
            let items = (0..<n).map { (id: String(format: "%05d", $0), weight: Double.random(in: 0.01...100, using: &rng)) }
            let total = Int.random(in: 0...1_000_000, using: &rng)
            let r = try SainteLague.apportion(items, total: total)
            #expect(r.reduce(0) { $0 + $1.units } == total)
            let next = r.map { $0.weight / (Double($0.units) + 0.5) }.max()!
            let last = r.filter { $0.units > 0 }.map { $0.weight / (Double($0.units) - 0.5) }.min() ?? .infinity
            #expect(next <= last * (1 + 1e-12))
        }
    }
}
