/// Class breaks for choropleth maps, on plain numbers. Each returns the
/// upper limits of the classes except the last (k − 1 ascending breaks);
/// a value v falls in the first class whose break is ≥ v.
public enum Classify {
    public enum Method: String, Sendable, CaseIterable {
        case quantiles
        case equal
        case jenks
    }

    public static func breaks(_ values: [Double], classes k: Int, method: Method) -> [Double] {
        let v = values.sorted()
        guard k > 1, let lo = v.first, let hi = v.last, hi > lo else { return [] }
        var out: [Double]
        switch method {
        case .equal:
            out = (1..<k).map { lo + (hi - lo) * Double($0) / Double(k) }
        case .quantiles:
            out = (1..<k).map { i in
                // The value below which i/k of the districts lie (nearest rank).
                let idx = Int((Double(v.count) * Double(i) / Double(k)).rounded(.up)) - 1
                return v[max(0, min(v.count - 1, idx))]
            }
        case .jenks:
            out = jenks(v, classes: k)
        }
        // Equal breaks (many equal values) would make empty classes.
        var unique: [Double] = []
        for b in out where b < hi && (unique.last.map { b > $0 } ?? true) { unique.append(b) }
        return unique
    }

    /// The class (0-based) of a value for `breaks`.
    public static func classIndex(_ value: Double, breaks: [Double]) -> Int {
        var lo = 0, hi = breaks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if value <= breaks[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Fisher–Jenks natural breaks: the partition of the sorted values into k
    /// classes with the least sum of squared deviations within classes.
    /// Dynamic programming, O(k·n²) (400 districts: instant).
    static func jenks(_ v: [Double], classes k: Int) -> [Double] {
        let n = v.count
        let k = min(k, n)
        var prefix = [Double](repeating: 0, count: n + 1)
        var prefix2 = [Double](repeating: 0, count: n + 1)
        for i in 0..<n {
            prefix[i + 1] = prefix[i] + v[i]
            prefix2[i + 1] = prefix2[i] + v[i] * v[i]
        }
        // Squared deviation of v[i..<j].
        func ssd(_ i: Int, _ j: Int) -> Double {
            let m = Double(j - i)
            let s = prefix[j] - prefix[i]
            return (prefix2[j] - prefix2[i]) - s * s / m
        }
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: k + 1)
        var cut = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: k + 1)
        cost[0][0] = 0
        for c in 1...k {
            for j in c...n {
                for i in (c - 1)..<j where cost[c - 1][i] < .infinity {
                    let total = cost[c - 1][i] + ssd(i, j)
                    if total < cost[c][j] {
                        cost[c][j] = total
                        cut[c][j] = i
                    }
                }
            }
        }
        var breaks: [Double] = []
        var j = n
        for c in stride(from: k, to: 1, by: -1) {
            let i = cut[c][j]
            breaks.append(v[i - 1])
            j = i
        }
        return breaks.reversed()
    }
}
