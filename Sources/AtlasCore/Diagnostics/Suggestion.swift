/// "Did you mean …?" for misspelt keys, columns and ids.
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance, if it is near enough
    /// to be a plausible typo (at most a third of the word's length, at least 2).
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased().unicodeScalars))
            if best == nil || d < best!.1 || (d == best!.1 && c < best!.0) {
                best = (c, d)
            }
        }
        guard let (candidate, d) = best else { return nil }
        let limit = max(2, w.count / 3)
        return d <= limit ? candidate : nil
    }

    /// The `count` candidates nearest to `word` by edit distance (ties by
    /// name), however far: for codes, where the nearest valid ones help even
    /// when none is a plausible typo.
    public static func nearest(to word: String, in candidates: some Sequence<String>, count: Int) -> [String] {
        let w = Array(word.lowercased().unicodeScalars)
        return candidates.map { ($0, distance(w, Array($0.lowercased().unicodeScalars))) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(count).map(\.0)
    }

    /// "did you mean "x"? Then the rest." when a near candidate exists, else the rest.
    public static func hint(for word: String, in candidates: some Sequence<String>, otherwise rest: String) -> String {
        // Never "did you mean" the word itself (it exists, but lacks what was asked of it).
        guard let near = nearest(to: word, in: candidates.filter { $0 != word }) else { return rest }
        return "did you mean \"\(near)\"? " + rest.prefix(1).uppercased() + rest.dropFirst()
    }

    /// Levenshtein distance with transpositions counted as one edit
    /// (optimal string alignment), on Unicode scalars.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
