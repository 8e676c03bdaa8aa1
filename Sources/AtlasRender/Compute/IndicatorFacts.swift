import Foundation
import AtlasCore
import AtlasNumerics

/// Everything the pages say about one indicator, computed once per build:
/// the level it is mapped at, its years, ranks in the latest year, and the
/// reference values for each Land and Germany, formed as its definition says.
public struct IndicatorFacts: Sendable {
    public let indicator: Indicator
    /// Kreis if the indicator has district figures, else Land.
    public let level: RegionLevel
    public let values: IndicatorValues
    /// Years with at least one figure, ascending.
    public let years: [Int]
    public let latestYear: Int?
    /// The year a change is measured from: the latest year with figures at
    /// least five years before the latest (2018 for a series of 2018 and 2024).
    public var changeBase: Int? { latestYear.flatMap { y in years.last { $0 <= y - 5 } } }
    /// The ranking of the latest year, in rank order.
    public let ranking: [(id: String, value: Double, rank: Ranking.Rank)]
    public let rankByCode: [String: Ranking.Rank]
    /// Reference values: year → Land code → value, and year → Germany.
    public let landValues: [Int: [String: Double]]
    public let germanyValues: [Int: Double]
    /// How many districts a computed reference value rests on, where fewer than
    /// all districts had a figure: year → Land code (or "DE") → (with figure, all).
    public let partial: [Int: [String: (have: Int, of: Int)]]
    /// Reference values per peer group (e.g. settlement type): year → group →
    /// value, formed like the Land values; and how many Kreise they rest on
    /// where fewer than all of the group.
    public var peerValues: [Int: [String: Double]] = [:]
    public var peerPartial: [Int: [String: (have: Int, of: Int)]] = [:]
    /// Land aggregates over part of their Gemeinden: year → Land → share of the weight.
    public var landCoverage: [Int: [String: Double]] = [:]
    /// A Land's official or aggregated figure that is a symbol (".": a
    /// Gemeinde secret): pages show it as the downloads do, never a value
    /// formed from the Kreise instead.
    public var landSymbols: [Int: [String: Symbol]] = [:]

    public func observation(_ code: String, year: Int? = nil) -> Observation? {
        guard let y = year ?? latestYear else { return nil }
        return values.observation(code, year: y)
    }

    /// The latest year's figures in rank order, made once (every Steckbrief
    /// card's histogram asks for them).
    public let figures: [Double]

    public func latestFigures() -> [Double] { figures }

    /// Facts per Gemeinde for the indicators with Gemeinde figures, where the
    /// atlas has Gemeinde pages: years, latest year and the ranking among all
    /// Gemeinden (no Land or Germany values: those are on the Kreis level).
    static func computeGemeinden(_ atlas: Atlas) -> [String: IndicatorFacts] {
        guard atlas.definition.regions[.gemeinde]?.pages == true else { return [:] }
        // Each indicator's ranking of thousands of Gemeinden on its own core.
        let indicators = atlas.indicators.filter { atlas.values($0.id, level: .gemeinde) != nil }
        let slots = ParallelSlots<IndicatorFacts>(count: indicators.count)
        DispatchQueue.concurrentPerform(iterations: indicators.count) { k in
            let indicator = indicators[k]
            let values = atlas.values(indicator.id, level: .gemeinde)!
            let (years, ranking, rankByCode) = rank(indicator, values)
            slots.set(
                k,
                IndicatorFacts(
                    indicator: indicator, level: .gemeinde, values: values, years: years, latestYear: years.last, ranking: ranking,
                    rankByCode: rankByCode, landValues: [:], germanyValues: [:], partial: [:], figures: ranking.map(\.value)))
        }
        var out: [String: IndicatorFacts] = [:]
        for (k, indicator) in indicators.enumerated() { out[indicator.id] = slots[k]! }
        return out
    }

    /// Years with a figure, and the ranking of the latest year.
    static func rank(_ indicator: Indicator, _ values: IndicatorValues)
        -> ([Int], [(id: String, value: Double, rank: Ranking.Rank)], [String: Ranking.Rank])
    {
        let years = values.years.filter { y in values.series.values.contains { $0[y]?.hasValue == true } }
        var items: [(id: String, value: Double)] = []
        if let latest = years.last {
            for (code, series) in values.series {
                if let v = series[latest]?.value { items.append((code, v)) }
            }
        }
        // Ranked on the value as shown (the indicator's decimals, rounded as
        // the pages round): regions that show the same figure share a rank.
        let exact = Dictionary(uniqueKeysWithValues: items)
        let shown = items.map { (id: $0.id, value: shownValue($0.value, decimals: indicator.decimals)) }
        let ranking = Ranking.rank(shown, descending: indicator.polarity != .lowerIsBetter).map { (id: $0.id, value: exact[$0.id]!, rank: $0.rank) }
        var rankByCode: [String: Ranking.Rank] = [:]
        rankByCode.reserveCapacity(ranking.count)
        for r in ranking { rankByCode[r.id] = r.rank }
        return (years, ranking, rankByCode)
    }

    /// A value as the pages show it, read back: rounded half away from zero
    /// on its decimal digits (NumberFormat), so 2.45 and 2.5 both rank as 2.5.
    static func shownValue(_ v: Double, decimals: Int) -> Double {
        let text = NumberFormat.format(v, decimals: decimals, language: "en")
        return Double(text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "\u{2212}", with: "-")) ?? v
    }

    /// Every indicator's facts; the indicators are independent, so they are
    /// computed on all cores (this runs before any page can start).
    static func compute(_ atlas: Atlas, weights: [String: [String: Double]]) -> [String: IndicatorFacts] {
        let indicators = atlas.indicators
        let slots = ParallelSlots<IndicatorFacts>(count: indicators.count)
        DispatchQueue.concurrentPerform(iterations: indicators.count) { k in
            slots.set(k, compute(indicators[k], atlas: atlas, weights: weights))
        }
        var out: [String: IndicatorFacts] = [:]
        for (k, indicator) in indicators.enumerated() { out[indicator.id] = slots[k] }
        return out
    }

    static func compute(_ indicator: Indicator, atlas: Atlas, weights: [String: [String: Double]]) -> IndicatorFacts? {
        do {
            let level: RegionLevel = atlas.values(indicator.id, level: .kreis) != nil ? .kreis : .land
            guard let values = atlas.values(indicator.id, level: level) else { return nil }
            let (years, ranking, rankByCode) = rank(indicator, values)
            let latest = years.last

            var landValues: [Int: [String: Double]] = [:]
            var landSymbols: [Int: [String: Symbol]] = [:]
            var germanyValues: [Int: Double] = [:]
            var partial: [Int: [String: (have: Int, of: Int)]] = [:]
            let explicitLand = atlas.values(indicator.id, level: .land)
            let kreise = atlas.regions.list(.kreis)
            // Codes, Länder and Land sizes once, not per year and Land
            // (profiled: copying Region values was a third of this).
            let kreisCodes = kreise.map(\.code)
            let kreisLand = kreise.map { $0.parent ?? "" }
            var memberCount: [String: Int] = [:]
            for land in kreisLand { memberCount[land, default: 0] += 1 }
            let laender = atlas.regions.list(.land).map(\.code)
            // Each Kreis's series looked up once, not once per year.
            let kreisSeries = kreisCodes.map { values.series[$0] }
            for year in years {
                if level == .land {
                    var perLand: [String: Double] = [:]
                    for (code, s) in values.series { if let v = s[year]?.value { perLand[code] = v } }
                    landValues[year] = perLand
                    if indicator.reference.isSum, perLand.count == atlas.regions.count(.land) {
                        // Summed in code order: a dictionary's order changes from run to run,
                        // and so would the last bits of the sum.
                        germanyValues[year] = perLand.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
                    }
                    continue
                }
                var byLand: [String: [(code: String, value: Double)]] = [:]
                var all: [(code: String, value: Double)] = []
                // How many Kreise the figures cover (a group's covers all its Kreise).
                var coveredInLand: [String: Int] = [:]
                for (k, code) in kreisCodes.enumerated() {
                    // "–" (nothing there) is 0 in a sum: known, not missing.
                    guard let o = kreisSeries[k]?[year], let v = o.value ?? (indicator.reference.isSum && o.symbol == .nothing ? 0 : nil)
                    else { continue }
                    byLand[kreisLand[k], default: []].append((code, v))
                    all.append((code, v))
                    coveredInLand[kreisLand[k], default: 0] += 1
                }
                // A reporting unit's figure counts in sums (it is the figure of
                // all its Kreise), never in medians or means of Kreise.
                if indicator.reference.isSum {
                    for group in values.groups {
                        guard let v = group.series[year]?.value, let land = atlas.regions.region(group.reportedBy, level: .kreis)?.parent else {
                            continue
                        }
                        byLand[land, default: []].append((group.reportedBy, v))
                        all.append((group.reportedBy, v))
                        coveredInLand[land, default: 0] += group.covers.count
                    }
                }
                let coveredAll = coveredInLand.values.reduce(0, +)
                var perLand: [String: Double] = [:]
                for land in laender {
                    if let o = explicitLand?.series[land]?[year] {
                        if let v = o.value { perLand[land] = v } else if let symbol = o.symbol { landSymbols[year, default: [:]][land] = symbol }
                        continue
                    }
                    let members = memberCount[land] ?? 0
                    let got = byLand[land] ?? []
                    let covered = coveredInLand[land] ?? 0
                    if case .ratio = indicator.reference {
                        if let v = ratioReference(indicator, atlas: atlas, year: year, land: land) {
                            perLand[land] = v.value
                            if v.have < members { partial[year, default: [:]][land] = (v.have, members) }
                        }
                    } else if let v = reference(indicator.reference, got, covered: covered, of: members, weights: weights) {
                        perLand[land] = v
                        if covered < members { partial[year, default: [:]][land] = (covered, members) }
                    }
                }
                landValues[year] = perLand
                if case .ratio = indicator.reference {
                    if let v = ratioReference(indicator, atlas: atlas, year: year, land: nil) {
                        germanyValues[year] = v.value
                        if v.have < kreise.count { partial[year, default: [:]]["DE"] = (v.have, kreise.count) }
                    }
                } else if let v = reference(indicator.reference, all, covered: coveredAll, of: kreise.count, weights: weights) {
                    germanyValues[year] = v
                    if coveredAll < kreise.count { partial[year, default: [:]]["DE"] = (coveredAll, kreise.count) }
                }
            }
            var facts = IndicatorFacts(
                indicator: indicator, level: level, values: values, years: years, latestYear: latest, ranking: ranking,
                rankByCode: rankByCode, landValues: landValues, germanyValues: germanyValues, partial: partial,
                figures: ranking.map(\.value))
            if level == .kreis, !atlas.peerGroupOf.isEmpty {
                (facts.peerValues, facts.peerPartial) = peerReferences(indicator, atlas: atlas, values: values, years: years, weights: weights)
            }
            facts.landSymbols = landSymbols
            if level == .kreis, let land = explicitLand {
                for (code, byYear) in land.coverage { for (year, share) in byYear { facts.landCoverage[year, default: [:]][code] = share } }
            }
            return facts
        }
    }

    /// A derived rate for a Land (nil: Germany): the numerator summed over
    /// its Kreise and groups, over the denominator summed over the same
    /// Kreise; with how many Kreise that covers.
    static func ratioReference(_ indicator: Indicator, atlas: Atlas, year: Int, land: String?) -> (value: Double, have: Int)? {
        let members = land.map { l in Set(atlas.regions.list(.kreis).filter { $0.parent == l }.map(\.code)) }
        return ratioReference(indicator, atlas: atlas, year: year, members: members)
    }

    /// The same over any set of Kreise (nil: all); a reporting unit counts
    /// where all its Kreise are members.
    static func ratioReference(_ indicator: Indicator, atlas: Atlas, year: Int, members: Set<String>?) -> (value: Double, have: Int)? {
        guard let d = indicator.derive, let num = atlas.values(d.numerator.value, level: .kreis),
            let den = atlas.values(d.denominator.value, level: .kreis)
        else { return nil }
        var n = 0.0, q = 0.0, have = 0
        func denominator(_ codes: [String]) -> Double? {
            var sum = 0.0
            for code in codes {
                guard let series = den.series[code], let v = Derivation.nearest(series, to: year)?.value else { return nil }
                sum += v
            }
            return sum
        }
        for kreis in atlas.regions.list(.kreis) where members?.contains(kreis.code) ?? true {
            guard let v = num.series[kreis.code]?[year]?.value, let w = denominator([kreis.code]) else { continue }
            n += v
            q += w
            have += 1
        }
        for group in num.groups {
            guard members.map({ m in group.covers.allSatisfy { m.contains($0) } }) ?? true,
                let v = group.series[year]?.value, let w = denominator(group.covers)
            else { continue }
            n += v
            q += w
            have += group.covers.count
        }
        guard have > 0, q > 0 else { return nil }
        return (n / q * d.per, have)
    }

    /// The reference value of each peer group, year by year. A reporting
    /// unit's figure counts where all its Kreise are in the group.
    static func peerReferences(
        _ indicator: Indicator, atlas: Atlas, values: IndicatorValues, years: [Int], weights: [String: [String: Double]]
    ) -> ([Int: [String: Double]], [Int: [String: (have: Int, of: Int)]]) {
        var members: [String: [String]] = [:]
        for kreis in atlas.regions.list(.kreis) { if let g = atlas.peerGroupOf[kreis.code] { members[g, default: []].append(kreis.code) } }
        var out: [Int: [String: Double]] = [:]
        var partial: [Int: [String: (have: Int, of: Int)]] = [:]
        for year in years {
            for (group, codes) in members {
                let set = Set(codes)
                if case .ratio = indicator.reference {
                    guard let v = ratioReference(indicator, atlas: atlas, year: year, members: set) else { continue }
                    out[year, default: [:]][group] = v.value
                    if v.have < codes.count { partial[year, default: [:]][group] = (v.have, codes.count) }
                    continue
                }
                var items = codes.compactMap { c in
                    values.series[c]?[year].flatMap { o in
                        (o.value ?? (indicator.reference.isSum && o.symbol == .nothing ? 0 : nil)).map { (code: c, value: $0) }
                    }
                }
                var covered = items.count
                if indicator.reference.isSum {
                    for unit in values.groups where unit.covers.allSatisfy(set.contains) {
                        guard let v = unit.series[year]?.value else { continue }
                        items.append((unit.reportedBy, v))
                        covered += unit.covers.count
                    }
                }
                guard let v = reference(indicator.reference, items, covered: covered, of: codes.count, weights: weights) else { continue }
                out[year, default: [:]][group] = v
                if covered < codes.count { partial[year, default: [:]][group] = (covered, codes.count) }
            }
        }
        return (out, partial)
    }

    /// A reference value. Sums need every district (never a silent partial
    /// sum); medians and weighted means use the districts with a figure.
    static func reference(
        _ method: ReferenceMethod, _ items: [(code: String, value: Double)], covered: Int, of all: Int, weights: [String: [String: Double]]
    ) -> Double? {
        guard !items.isEmpty else { return nil }
        switch method {
        case .median: return Summary.median(items.map(\.value))
        case .sum: return covered == all ? Summary.sum(items.map(\.value)) : nil
        case .sumWithCoverage(let least): return Double(covered) >= least * Double(all) ? Summary.sum(items.map(\.value)) : nil
        case .ratio: return nil  // ratioReference
        case .weightedMean(let weight):
            let w = weights[weight.value] ?? [:]
            let pairs = items.compactMap { i in w[i.code].map { (value: i.value, weight: $0) } }
            return pairs.count == items.count ? Summary.weightedMean(pairs) : nil
        }
    }

    /// The weight indicators' latest district figures (e.g. population), by id.
    static func weights(_ atlas: Atlas) -> [String: [String: Double]] {
        var out: [String: [String: Double]] = [:]
        for indicator in atlas.indicators {
            guard case .weightedMean(let w) = indicator.reference, out[w.value] == nil,
                let values = atlas.values(w.value, level: .kreis)
            else { continue }
            var latest: [String: Double] = [:]
            for code in values.series.keys { latest[code] = values.latestValue(code) }
            out[w.value] = latest
        }
        return out
    }
}
