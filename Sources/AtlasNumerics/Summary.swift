/// Reference values formed from many districts' values.
public enum Summary {
    /// The median; for an even count, the mean of the two middle values. nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }

    /// Σ value·weight / Σ weight over the pairs given; nil if the weights sum to 0.
    public static func weightedMean(_ pairs: [(value: Double, weight: Double)]) -> Double? {
        var num = 0.0, den = 0.0
        for p in pairs where p.weight > 0 {
            num += p.value * p.weight
            den += p.weight
        }
        return den > 0 ? num / den : nil
    }

    public static func sum(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +)
    }

    /// Equal-width bins from `lower` to `upper` (at least one), counting values;
    /// the last bin includes `upper`.
    public static func histogram(_ values: [Double], bins: Int, lower: Double, upper: Double) -> [Int] {
        let n = max(1, bins)
        var counts = [Int](repeating: 0, count: n)
        let width = (upper - lower) / Double(n)
        for v in values {
            counts[bin(of: v, bins: n, lower: lower, width: width)] += 1
        }
        return counts
    }

    /// The bin of `value` for `histogram`.
    public static func bin(of value: Double, bins: Int, lower: Double, width: Double) -> Int {
        guard width > 0 else { return 0 }
        return min(bins - 1, max(0, Int(((value - lower) / width).rounded(.down))))
    }
}
