/// Indicators computed from two others (`derive:`): numerator / denominator
/// × per, for Kreise, Länder (where both are given) and reporting-unit groups.
extension LoadRun {
    mutating func deriveIndicators(_ values: inout [String: [RegionLevel: IndicatorValues]]) {
        var pending = definition.indicators.filter { $0.derive != nil }
        // In dependency order: a derived indicator may use another.
        while !pending.isEmpty {
            let ready = pending.filter { i in
                [i.derive!.numerator.value, i.derive!.denominator.value].allSatisfy { dep in !pending.contains { $0.id == dep } }
            }
            guard !ready.isEmpty else {
                for i in pending {
                    reporter.add(
                        diagnostic(
                            .error, "indicator \"\(i.id)\" is derived from itself through other derived indicators", at: i.derive!.numerator,
                            hint: "derive from indicators with values"))
                }
                return
            }
            for i in ready { derive(i, &values) }
            pending.removeAll { p in ready.contains { $0.id == p.id } }
        }
    }

    mutating func derive(_ indicator: Indicator, _ values: inout [String: [RegionLevel: IndicatorValues]]) {
        let d = indicator.derive!
        var ok = true
        for ref in [d.numerator, d.denominator] where values[ref.value] == nil {
            ok = false
            let known = definition.indicators.contains { $0.id == ref.value }
            reporter.add(
                diagnostic(
                    .error, known ? "indicator \"\(ref.value)\" has no figures to derive from" : "there is no indicator \"\(ref.value)\"", at: ref,
                    hint: Suggestion.hint(for: ref.value, in: definition.indicators.map(\.id), otherwise: "name an indicator of Data/indicators")))
        }
        guard ok else { return }
        var out: [RegionLevel: IndicatorValues] = [:]
        for level in [RegionLevel.land, .kreis] {
            guard let num = values[d.numerator.value]?[level], let den = values[d.denominator.value]?[level] else { continue }
            var result = IndicatorValues(level: level)
            for (code, series) in num.series {
                var derived: [Int: Observation] = [:]
                for (year, o) in series {
                    derived[year] = Self.ratio(o, Derivation.nearest(den.series[code] ?? [:], to: year), per: d.per, decimals: indicator.decimals)
                }
                result.series[code] = derived
            }
            for group in num.groups {
                var derived: [Int: Observation] = [:]
                for (year, o) in group.series {
                    // The denominator over the group: its own group figure, or the sum of its Kreise.
                    let denominator: Observation?
                    if let g = den.groups.first(where: { $0.reportedBy == group.reportedBy }) {
                        denominator = Derivation.nearest(g.series, to: year)
                    } else {
                        let parts = group.covers.map { Derivation.nearest(den.series[$0] ?? [:], to: year) }
                        denominator = parts.allSatisfy { $0?.value != nil } ? Observation(value: parts.reduce(0) { $0 + $1!.value! }) : nil
                    }
                    derived[year] = Self.ratio(o, denominator, per: d.per, decimals: indicator.decimals)
                }
                result.groups.append(IndicatorValues.Group(reportedBy: group.reportedBy, covers: group.covers, note: group.note, series: derived))
            }
            result.notListed = num.notListed
            out[level] = result
        }
        values[indicator.id] = out
    }

    /// A symbol stays a symbol; a zero denominator gives "x" (no meaningful
    /// figure). The rate is kept to two decimals more than the indicator
    /// shows, so downloads print 36.7872, not 36.78723257484253.
    static func ratio(_ n: Observation, _ d: Observation?, per: Double, decimals: Int) -> Observation {
        guard let nv = n.value else { return n }
        guard let d else { return Observation(symbol: .blank) }
        guard let dv = d.value else { return Observation(symbol: d.symbol ?? .unknownOrSecret) }
        guard dv != 0 else { return Observation(symbol: .locked) }
        return Observation(
            value: ValueParser.rounded(nv / dv * per, decimals: decimals + 2), restricted: n.restricted || d.restricted, flags: n.flags.union(d.flags)
        )
    }
}

extension Derivation {
    /// The denominator's figure for a year: the nearest year's (the earlier one
    /// on a tie); also for the Land and Germany rates.
    public static func nearest(_ series: [Int: Observation], to year: Int) -> Observation? {
        if let o = series[year] { return o }
        return series.keys.min { (abs($0 - year), $0) < (abs($1 - year), $1) }.flatMap { series[$0] }
    }
}
