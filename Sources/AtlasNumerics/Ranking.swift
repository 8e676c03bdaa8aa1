/// Standard competition ranking ("1224") on plain identifiers and numbers.
///
/// Equal values share a rank and the next rank skips accordingly; the order of
/// equal values is by identifier (for Kreise: by AGS), so the output is
/// deterministic. Missing values are simply not passed in: they are never
/// ranked and never count as 0. O(n log n).
public enum Ranking {
    public struct Rank: Hashable, Sendable {
        /// 1-based position; equal values share it.
        public var position: Int
        /// How many items share this position (1 = no tie).
        public var tied: Int
        /// How many items were ranked.
        public var of: Int
    }

    /// Ranks `items`. With `descending`, the largest value gets rank 1.
    /// Returns the items in rank order (ties by id) with their rank.
    public static func rank(_ items: [(id: String, value: Double)], descending: Bool) -> [(id: String, value: Double, rank: Rank)] {
        precondition(items.allSatisfy { $0.value.isFinite }, "ranking needs finite values")
        let sorted = items.sorted { a, b in
            if a.value != b.value { return descending ? a.value > b.value : a.value < b.value }
            return a.id < b.id
        }
        var out: [(id: String, value: Double, rank: Rank)] = []
        out.reserveCapacity(sorted.count)
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1].value == sorted[i].value { j += 1 }
            let rank = Rank(position: i + 1, tied: j - i + 1, of: sorted.count)
            for k in i...j { out.append((sorted[k].id, sorted[k].value, rank)) }
            i = j + 1
        }
        return out
    }
}
