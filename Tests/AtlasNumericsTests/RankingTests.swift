import AtlasNumerics
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

@Suite struct ClassifyTests {
    @Test func equalIntervalsSplitTheRange() {
        #expect(Classify.breaks([0, 10, 5, 2], classes: 5, method: .equal) == [2, 4, 6, 8])
    }

    @Test func quantilesPutTheSameNumberInEachClass() {
        let v = (1...10).map(Double.init)
        #expect(Classify.breaks(v, classes: 5, method: .quantiles) == [2, 4, 6, 8])
        #expect(Classify.classIndex(2, breaks: [2, 4, 6, 8]) == 0)
        #expect(Classify.classIndex(2.1, breaks: [2, 4, 6, 8]) == 1)
        #expect(Classify.classIndex(10, breaks: [2, 4, 6, 8]) == 4)
    }

    @Test func jenksFindsTheObviousGroups() {
        let v: [Double] = [1, 2, 3, 20, 21, 22, 50, 51, 52]
        #expect(Classify.breaks(v, classes: 3, method: .jenks) == [3, 22])
    }

    @Test func manyEqualValuesGiveNoEmptyClasses() {
        let v: [Double] = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3]
        let b = Classify.breaks(v, classes: 5, method: .quantiles)
        #expect(b == [1])  // two classes: ≤ 1 and above; no empty class
    }
}
