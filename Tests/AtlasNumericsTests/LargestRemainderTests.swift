import Foundation
import AtlasNumerics
import AtlasTestSupport
import Testing

@Suite struct LargestRemainderTests {
    func units(_ r: [LargestRemainder.Result]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: r.map { ($0.id, $0.units) })
    }

    @Test func worksTheExampleOfTheArticle() throws {
        let r = try LargestRemainder.apportion([("A", 47), ("B", 36), ("C", 17)], total: 10)
        #expect(units(r) == ["A": 5, "B": 3, "C": 2])
        // One person left and a tie on the remainder: the ascending key decides.
        let one = try LargestRemainder.apportion([("C", 17), ("A", 47), ("B", 36)], total: 9)
        // quotas 4.23, 3.24, 1.53: floors 4+3+1 = 8, one left, C has the largest remainder.
        #expect(units(one) == ["A": 4, "B": 3, "C": 2])
        let tie = try LargestRemainder.apportion([("02", 1), ("01", 1)], total: 1)
        #expect(units(tie) == ["01": 1, "02": 0])
    }

    /// Hand-computed: the official Königstein key 2019 of three Länder,
    /// 1,000 persons between NW, BY and HB (21.07592, 15.56072, 0.95379).
    @Test func handComputedThreeLaender() throws {
        // Σ = 37.59043; quotas 560.6678…, 413.9572…, 25.3738…; floors 560+413+25 = 998;
        // remainders .6678, .9572, .3738 → BY and NW get one more.
        let r = try LargestRemainder.apportion([("05", 21.07592), ("09", 15.56072), ("04", 0.95379)], total: 1000)
        #expect(units(r) == ["05": 561, "09": 414, "04": 25])
    }

    @Test func rejectsBadInput() {
        #expect(throws: LargestRemainder.Failure.negativeTotal) { try LargestRemainder.apportion([("a", 1)], total: -1) }
        #expect(throws: LargestRemainder.Failure.noWeight) { try LargestRemainder.apportion([("a", 0)], total: 5) }
        // Beyond 2^52 whole numbers are not exact in a Double: refused, not a crash (issue 18, item 5).
        #expect(throws: LargestRemainder.Failure.totalTooLarge) { try LargestRemainder.apportion([("a", 1)], total: .max) }
        #expect(throws: LargestRemainder.Failure.totalTooLarge) { try SainteLague.apportion([("a", 1)], total: 1 << 53) }
        #expect(throws: LargestRemainder.Failure.invalidWeight("b")) {
            try LargestRemainder.apportion([("a", 1), ("b", -.infinity)], total: 5)
        }
    }

    /// Property: for random shares and totals, the sum is exact and every
    /// region lies within floor and ceiling of its quota (asserted here and by
    /// the code's own invariant check), and the input order does not matter.
    @Test func propertiesHoldForRandomSharesAndTotals() throws {
        var rng = SplitMix64(seed: 20_261_122)
        for _ in 0..<500 {
            let n = Int.random(in: 1...420, using: &rng)
            let items = (0..<n).map { (id: String(format: "%05d", $0), weight: Double.random(in: 0...100, using: &rng)) }
            let total = Int.random(in: 0...2_000_000, using: &rng)
            guard items.contains(where: { $0.weight > 0 }) else { continue }
            let r = try LargestRemainder.apportion(items, total: total)
            #expect(r.reduce(0) { $0 + $1.units } == total)
            for x in r { #expect(Double(x.units) >= x.quota.rounded(.down) && Double(x.units) <= x.quota.rounded(.up)) }
            let shuffled = try LargestRemainder.apportion(items.shuffled(using: &rng), total: total)
            #expect(units(shuffled) == units(r))
        }
    }
}
