/// Apportionment of `total` whole units (persons) by the largest remainder
/// method (Hare–Niemeyer), on plain identifiers and weights.
///
/// Each item first gets the whole part of its exact quota
/// `total × weight / Σ weights`; the units left over go, one each, to the items
/// with the largest remainders. Ties: the larger exact remainder first, then
/// the ascending identifier (for regions: the AGS; remainders within 1e-9
/// count as equal), so the result never
/// depends on input order. O(n log n). See the article "Largest remainder".
public enum LargestRemainder {
    public struct Result: Sendable, Equatable {
        public var id: String
        public var weight: Double
        /// The exact quota, total × weight / Σ weights.
        public var quota: Double
        public var units: Int
    }

    public enum Failure: Error, Equatable {
        case negativeTotal
        case totalTooLarge
        case invalidWeight(String)
        case noWeight
    }

    public static func apportion(_ items: [(id: String, weight: Double)], total: Int) throws -> [Result] {
        guard total >= 0 else { throw Failure.negativeTotal }
        // Beyond 2^52 a Double no longer holds every whole number, and the
        // invariants below could not hold.
        guard total <= 1 << 52 else { throw Failure.totalTooLarge }
        for item in items where !(item.weight.isFinite && item.weight >= 0) { throw Failure.invalidWeight(item.id) }
        let sum = items.reduce(0) { $0 + $1.weight }
        guard sum > 0 else { throw Failure.noWeight }
        var results = items.map { item -> Result in
            let quota = Double(total) * item.weight / sum
            return Result(id: item.id, weight: item.weight, quota: quota, units: Int(quota.rounded(.down)))
        }
        let left = total - results.reduce(0) { $0 + $1.units }
        let order = results.indices.sorted { a, b in
            let ra = results[a].quota - results[a].quota.rounded(.down)
            let rb = results[b].quota - results[b].quota.rounded(.down)
            // Remainders within 1e-9 are equal: the difference is floating-point
            // noise (4.7 − 4 ≠ 1.7 − 1 in binary), and the key decides.
            return abs(ra - rb) > 1e-9 ? ra > rb : results[a].id < results[b].id
        }
        for k in order.prefix(left) { results[k].units += 1 }
        checkInvariants(results, total: total)
        return results
    }

    /// The sum is the total, and every item lies within floor and ceiling of
    /// its quota. Violations are programming errors: they stop the program.
    public static func checkInvariants(_ results: [Result], total: Int) {
        precondition(results.reduce(0) { $0 + $1.units } == total, "apportionment must sum to the total")
        for r in results {
            precondition(
                Double(r.units) >= r.quota.rounded(.down) && Double(r.units) <= r.quota.rounded(.up),
                "\(r.id): \(r.units) units lie outside floor and ceiling of its quota \(r.quota)")
        }
    }
}
