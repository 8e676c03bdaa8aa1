/// Statistical disclosure control as the statistical offices practise it, on
/// the figures the atlas publishes: a small count is kept secret (primary
/// suppression), and then as many more figures as it takes that no secret one
/// follows from the published ones by the sums they stand in (secondary
/// suppression): a Kreis is the sum of its Gemeinden, a Land of its Kreise, a
/// total of its categories. Without the second step, a Kreis total minus its
/// published Gemeinden gives the secret Gemeinde back exactly.
///
/// Hand-written: no Swift library does cell suppression, and the rule is the
/// core of the mission's promise. Secondary cells are chosen the way the
/// offices' simple method (the "smallest other cell") does: in a sum with one
/// secret cell left alone, the smallest published part is suppressed too, and
/// again until no sum has a lone secret cell. An exact check follows: the
/// sums of a year are solved as linear equations for the secret cells; any
/// that is still determined (through several sums together) gets one more
/// partner, until none is.
public enum DisclosureControl {
    public struct Cell: Hashable, Sendable, Comparable, CustomStringConvertible {
        public var indicator: String
        public var level: RegionLevel
        public var code: String
        public var year: Int

        public init(_ indicator: String, _ level: RegionLevel, _ code: String, _ year: Int) {
            self.indicator = indicator
            self.level = level
            self.code = code
            self.year = year
        }

        public static func < (a: Cell, b: Cell) -> Bool {
            (a.indicator, a.level.rawValue, a.code, a.year) < (b.indicator, b.level.rawValue, b.code, b.year)
        }

        public var description: String { "\(indicator) \(code) \(year)" }
    }

    /// total = Σ parts, for one year.
    public struct Relation: Sendable {
        public var total: Cell
        public var parts: [Cell]
        public var cells: [Cell] { [total] + parts }

        public init(total: Cell, parts: [Cell]) {
            self.total = total
            self.parts = parts
        }
    }

    public struct Outcome: Sendable, Equatable {
        /// Counts from 1 to min − 1.
        public var primary: [Cell] = []
        /// Published figures withheld so that no secret one can be re-derived.
        public var secondary: [Cell] = []
    }

    public typealias Values = [String: [RegionLevel: IndicatorValues]]

    static func observation(_ values: Values, _ c: Cell) -> Observation? { values[c.indicator]?[c.level]?.series[c.code]?[c.year] }

    /// Unknown to a reader: no figure, or a symbol other than "–" (exactly zero).
    static func isUnknown(_ values: Values, _ c: Cell) -> Bool {
        guard let o = observation(values, c) else { return true }
        return o.value == nil && o.symbol != .nothing
    }

    /// A secret a reader must not learn: "." (secret, or held back here) or "*" (anonymised).
    static func isSecret(_ values: Values, _ c: Cell) -> Bool {
        guard let o = observation(values, c) else { return false }
        return o.symbol == .unknownOrSecret || o.symbol == .anonymised
    }

    static func known(_ values: Values, _ c: Cell) -> Double? {
        guard let o = observation(values, c) else { return nil }
        return o.value ?? (o.symbol == .nothing ? 0 : nil)
    }

    static func suppress(_ values: inout Values, _ c: Cell) {
        values[c.indicator]?[c.level]?.series[c.code]?[c.year] = Observation(symbol: .unknownOrSecret)
    }

    /// The sums the figures of these indicators stand in: Gemeinden → Kreis →
    /// Land for counts (added up from Gemeinden, or with a sum as reference),
    /// and total = Σ categories where an indicator names them (`sum_of`).
    public static func relations(for indicators: [Indicator], values: Values, regions: Regions) -> [Relation] {
        var out: [Relation] = []
        var gemeindenOf: [String: [String]] = [:]
        for g in regions.list(.gemeinde) { gemeindenOf[g.parent ?? "", default: []].append(g.code) }
        var kreiseOf: [String: [String]] = [:]
        for k in regions.list(.kreis) { kreiseOf[k.parent ?? "", default: []].append(k.code) }
        for indicator in indicators {
            guard let levels = values[indicator.id] else { continue }
            let years = Set(levels.values.flatMap(\.years)).sorted()
            let additive = indicator.aggregate?.rule == .sum || indicator.reference.isSum || indicator.disclosure != nil
            if additive {
                func hierarchy(_ upper: RegionLevel, _ lower: RegionLevel, _ members: [String: [String]]) {
                    guard levels[upper] != nil, levels[lower] != nil else { return }
                    for region in regions.list(upper) {
                        guard let parts = members[region.code], !parts.isEmpty else { continue }
                        for year in years {
                            out.append(
                                Relation(
                                    total: Cell(indicator.id, upper, region.code, year),
                                    parts: parts.map { Cell(indicator.id, lower, $0, year) }))
                        }
                    }
                }
                hierarchy(.kreis, .gemeinde, gemeindenOf)
                hierarchy(.land, .kreis, kreiseOf)
                if levels[.kreis] == nil {
                    var landGemeinden: [String: [String]] = [:]
                    for (kreis, gemeinden) in gemeindenOf {
                        if let land = regions.region(kreis, level: .kreis)?.parent { landGemeinden[land, default: []] += gemeinden }
                    }
                    hierarchy(.land, .gemeinde, landGemeinden)
                }
            }
            guard let parts = indicator.disclosure?.sumOf.map(\.value), !parts.isEmpty else { continue }
            for (level, total) in levels.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                guard parts.allSatisfy({ values[$0]?[level] != nil }) else { continue }
                for code in total.series.keys.sorted() {
                    for year in years {
                        out.append(
                            Relation(total: Cell(indicator.id, level, code, year), parts: parts.map { Cell($0, level, code, year) }))
                    }
                }
            }
        }
        return out
    }

    /// Suppresses in place: first every count from 1 to its indicator's min − 1
    /// (at every level), then the secondary cells. Deterministic: cells are
    /// visited in a fixed order and ties go to the smaller code.
    public static func protect(_ values: inout Values, minimum: [String: Int], relations: [Relation]) -> Outcome {
        var outcome = Outcome()
        for (id, least) in minimum.sorted(by: { $0.key < $1.key }) {
            for (level, v) in (values[id] ?? [:]).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                for (code, series) in v.series.sorted(by: { $0.key < $1.key }) {
                    for (year, o) in series.sorted(by: { $0.key < $1.key }) {
                        guard let x = o.value, x > 0, x < Double(least) else { continue }
                        suppress(&values, Cell(id, level, code, year))
                        outcome.primary.append(Cell(id, level, code, year))
                    }
                }
            }
        }
        // The smallest published figure of a sum, parts before the total.
        func partner(in r: Relation, _ values: Values) -> Cell? {
            let parts = r.parts.compactMap { c in known(values, c).map { (c, $0) } }
            if let best = parts.filter({ $0.1 > 0 }).min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) ?? parts.min(by: { $0.0 < $1.0 }) {
                return best.0
            }
            return known(values, r.total) != nil ? r.total : nil
        }
        // Passes over all sums until none has a lone secret cell (a pass per
        // round of partners, usually two or three): no index from cell to
        // sums, which for a million Gemeinde figures cost 130 MB.
        var changed = true
        while changed {
            changed = false
            for r in relations {
                // The one unknown cell of the sum, if there is exactly one.
                var lone: Cell?
                var unknowns = 0
                for c in r.cells where isUnknown(values, c) {
                    unknowns += 1
                    if unknowns > 1 { break }
                    lone = c
                }
                guard unknowns == 1, let lone, isSecret(values, lone), let p = partner(in: r, values) else { continue }
                suppress(&values, p)
                outcome.secondary.append(p)
                changed = true
            }
            if changed { continue }
            // Several sums together can still determine a cell: solve them.
            guard let leak = determined(relations, values: values).first,
                let r = relations.first(where: { $0.cells.contains(leak) && partner(in: $0, values) != nil }),
                let p = partner(in: r, values)
            else { break }
            suppress(&values, p)
            outcome.secondary.append(p)
            changed = true
        }
        outcome.secondary.sort()
        return outcome
    }

    /// The secret cells the published sums determine exactly: for each year,
    /// the equations total − Σ parts = 0 over the unknown cells (known cells
    /// move to the right-hand side), brought to reduced row echelon form; a
    /// cell is determined when its pivot row holds no other unknown.
    public static func determined(_ relations: [Relation], values: Values) -> [Cell] {
        var found: [Cell] = []
        let byYear = Dictionary(grouping: relations) { $0.total.year }
        for year in byYear.keys.sorted() {
            var columns: [Cell: Int] = [:]
            var order: [Cell] = []
            var rows: [[Int: Double]] = []
            for r in byYear[year]! {
                var row: [Int: Double] = [:]
                for (c, sign) in [(r.total, 1.0)] + r.parts.map({ ($0, -1.0) }) where isUnknown(values, c) {
                    if columns[c] == nil {
                        columns[c] = order.count
                        order.append(c)
                    }
                    let j = columns[c]!
                    row[j, default: 0] += sign
                }
                row = row.filter { abs($0.value) > 1e-9 }
                if !row.isEmpty { rows.append(row) }
            }
            // Gauss–Jordan on sparse rows.
            var pivotRow: [Int: Int] = [:]
            var reduced: [[Int: Double]] = []
            for var row in rows {
                for (j, r) in pivotRow where row[j] != nil {
                    let f = row[j]!
                    for (col, v) in reduced[r] { row[col, default: 0] -= f * v }
                    row = row.filter { abs($0.value) > 1e-9 }
                }
                guard let j = row.keys.min() else { continue }
                let f = row[j]!
                for col in row.keys { row[col]! /= f }
                for (k, other) in reduced.enumerated() where other[j] != nil {
                    let g = other[j]!
                    var o = other
                    for (col, v) in row { o[col, default: 0] -= g * v }
                    reduced[k] = o.filter { abs($0.value) > 1e-9 }
                }
                pivotRow[j] = reduced.count
                reduced.append(row)
            }
            for (j, r) in pivotRow where reduced[r].count == 1 && isSecret(values, order[j]) { found.append(order[j]) }
        }
        return found.sorted()
    }
}
