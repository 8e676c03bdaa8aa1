/// Apportionment by the Sainte-Laguë/Schepers method (highest averages with
/// divisors 0.5, 1.5, 2.5, …; equivalently: a divisor D with standard rounding
/// of weight / D), on plain identifiers and weights.
///
/// Computed Schepers' way: start from the rounded quotas of D = Σ weights /
/// total, then add (or remove) one unit at a time where the next quotient is
/// highest (or lowest) until the total is reached. Ties: the ascending
/// identifier. O(n log n + n · |correction|). See the article "Sainte-Laguë".
public enum SainteLague {
    public typealias Result = LargestRemainder.Result

    public static func apportion(_ items: [(id: String, weight: Double)], total: Int) throws -> [Result] {
        guard total >= 0 else { throw LargestRemainder.Failure.negativeTotal }
        guard total <= 1 << 52 else { throw LargestRemainder.Failure.totalTooLarge }
        for item in items where !(item.weight.isFinite && item.weight >= 0) {
            throw LargestRemainder.Failure.invalidWeight(item.id)
        }
        let sum = items.reduce(0) { $0 + $1.weight }
        guard sum > 0 else { throw LargestRemainder.Failure.noWeight }
        let divisor = sum / Double(max(total, 1))
        var results = items.map { item -> Result in
            let quota = Double(total) * item.weight / sum
            return Result(
                id: item.id, weight: item.weight, quota: quota, units: total == 0 ? 0 : Int((item.weight / divisor).rounded(.toNearestOrAwayFromZero))
            )
        }
        var assigned = results.reduce(0) { $0 + $1.units }
        // Correct one unit at a time (the number of steps is at most about n/2).
        while assigned < total {
            let k = results.indices.max { a, b in
                let qa = results[a].weight / (Double(results[a].units) + 0.5)
                let qb = results[b].weight / (Double(results[b].units) + 0.5)
                return qa != qb ? qa < qb : results[a].id > results[b].id
            }!
            results[k].units += 1
            assigned += 1
        }
        while assigned > total {
            let k = results.indices.filter { results[$0].units > 0 }.min { a, b in
                let qa = results[a].weight / (Double(results[a].units) - 0.5)
                let qb = results[b].weight / (Double(results[b].units) - 0.5)
                return qa != qb ? qa < qb : results[a].id > results[b].id
            }!
            results[k].units -= 1
            assigned -= 1
        }
        checkInvariants(results, total: total)
        return results
    }

    /// The sum is the total, and the result is a divisor-method result: no
    /// item's next quotient exceeds any item's last one (so moving a unit
    /// could not make the apportionment more proportional).
    public static func checkInvariants(_ results: [Result], total: Int) {
        precondition(results.reduce(0) { $0 + $1.units } == total, "apportionment must sum to the total")
        let next = results.map { $0.weight / (Double($0.units) + 0.5) }.max() ?? 0
        let last = results.filter { $0.units > 0 }.map { $0.weight / (Double($0.units) - 0.5) }.min() ?? .infinity
        precondition(next <= last * (1 + 1e-12), "Sainte-Laguë: next quotient \(next) exceeds last quotient \(last)")
    }
}
