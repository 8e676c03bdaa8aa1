import AtlasKeys
import Testing

@Suite struct RankingTests {
    @Test func tiesShareARankAndTheNextRankSkips() {
        let r = Ranking.rank([("03", 5), ("01", 7), ("02", 5), ("04", 1)], descending: true)
        #expect(r.map(\.id) == ["01", "02", "03", "04"])
        #expect(r.map(\.rank.position) == [1, 2, 2, 4])
        #expect(r.map(\.rank.tied) == [1, 2, 2, 1])
        #expect(r.allSatisfy { $0.rank.of == 4 })
    }

    @Test func ascendingRanksTheSmallestFirst() {
        let r = Ranking.rank([("a", 3), ("b", 1), ("c", 2)], descending: false)
        #expect(r.map(\.id) == ["b", "c", "a"])
        #expect(r.map(\.rank.position) == [1, 2, 3])
    }

    @Test func emptyInputGivesNoRanks() {
        #expect(Ranking.rank([], descending: true).isEmpty)
    }
}

@Suite struct SummaryTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(Summary.median([3, 1, 2]) == 2)
        #expect(Summary.median([4, 1, 3, 2]) == 2.5)
        #expect(Summary.median([]) == nil)
    }

    @Test func weightedMeanWeighsByPopulation() {
        #expect(Summary.weightedMean([(10, 1), (20, 3)]) == 17.5)
        #expect(Summary.weightedMean([(10, 0)]) == nil)
    }

    @Test func histogramPutsTheMaximumInTheLastBin() {
        #expect(Summary.histogram([0, 1, 2, 3, 4, 10], bins: 5, lower: 0, upper: 10) == [2, 2, 1, 0, 1])
        #expect(Summary.bin(of: 10, bins: 5, lower: 0, width: 2) == 4)
    }
}
