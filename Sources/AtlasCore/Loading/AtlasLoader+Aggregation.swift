import Dispatch

/// Gemeinde figures added up to Kreise and Länder, as each indicator's
/// `aggregate:` says. Missing or suppressed Gemeinde figures make the
/// aggregate "." (unknown or secret): a partial sum would look complete.
extension LoadRun {
    mutating func aggregateGemeinden(_ values: inout [String: [RegionLevel: IndicatorValues]]) {
        // Nothing vanishes silently: figures per Gemeinde only, without a rule
        // to add them up, would give no page, no card and no download.
        for indicator in definition.indicators where indicator.aggregate == nil && indicator.derive == nil {
            let levels = Set(indicator.values.map(\.level))
            guard levels == [.gemeinde] else { continue }
            reporter.add(
                diagnostic(
                    .error,
                    "indicator \"\(indicator.id)\" has figures per Gemeinde only and no \"aggregate:\" rule, so it would have no page, card or download",
                    at: Located("i", at: indicator.location),
                    hint:
                        "add aggregate: {rule: sum} for counts or aggregate: {rule: weighted-mean, weight: bevoelkerung} for rates (Kreise and Länder are then formed from the Gemeinden), or read its Kreis figures too"
                ))
        }
        guard definition.indicators.contains(where: { $0.aggregate != nil }) else { return }
        // The Gemeinden of each Kreis and Land, once for all indicators.
        var members: [String: [String]] = [:]
        for g in regions.list(.gemeinde) { members[g.parent ?? "", default: []].append(g.code) }
        var landMembers: [String: [String]] = [:]
        for kreis in regions.list(.kreis) { landMembers[kreis.parent ?? "", default: []] += members[kreis.code] ?? [] }
        // The weights first (they may report an error), then every
        // indicator's aggregates on all cores: they are independent.
        var weightsOf: [String: [String: Double]] = [:]
        var jobs: [(indicator: Indicator, rule: Aggregation, gemeinden: IndicatorValues, weights: [String: Double])] = []
        for indicator in definition.indicators {
            guard let rule = indicator.aggregate, let gemeinden = values[indicator.id]?[.gemeinde] else { continue }
            var weights: [String: Double] = [:]
            if rule.rule == .weightedMean, let w = rule.weight {
                guard let wv = values[w.value]?[.gemeinde] else {
                    reporter.add(
                        diagnostic(
                            .error, "indicator \"\(indicator.id)\" is weighted by \"\(w.value)\", which has no figures per Gemeinde", at: w,
                            hint: "name an indicator with Gemeinde figures, e.g. bevoelkerung"))
                    continue
                }
                if let known = weightsOf[w.value] {
                    weights = known
                } else {
                    for code in wv.series.keys { weights[code] = wv.latestValue(code) }
                    weightsOf[w.value] = weights
                }
            }
            jobs.append((indicator, rule, gemeinden, weights))
        }
        let kreise = regions.list(.kreis), laender = regions.list(.land)
        let (kreisMembers, landOf) = (members, landMembers)
        let results = ParallelSlots<(IndicatorValues, IndicatorValues)>(count: jobs.count)
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { k in
            let (indicator, rule, gemeinden, weights) = work[k]
            let years = gemeinden.years
            // Each member's series looked up once, not once per year.
            func aggregate(_ codes: [String], _ code: String, into values: inout IndicatorValues) {
                let parts = codes.map { (series: gemeinden.series[$0], weight: weights[$0] ?? 0) }
                var out: [Int: Observation] = [:]
                for year in years {
                    var (o, coverage) = Self.combine(parts.map { ($0.series?[year], $0.weight) }, rule: rule.rule, minCoverage: rule.minCoverage)
                    // A mean kept to two decimals more than shown (downloads print 3.5402, not 3.5401999014570285).
                    if rule.rule == .weightedMean, let v = o.value { o.value = ValueParser.rounded(v, decimals: indicator.decimals + 2) }
                    out[year] = o
                    if let coverage { values.coverage[code, default: [:]][year] = coverage }
                }
                values.series[code] = out
            }
            var kreisValues = IndicatorValues(level: .kreis)
            for kreis in kreise where !years.isEmpty { aggregate(kreisMembers[kreis.code] ?? [], kreis.code, into: &kreisValues) }
            // Länder from the Gemeinden too (not from Kreis aggregates, which
            // would lose the weights of a mean).
            var landValues = IndicatorValues(level: .land)
            for land in laender where !years.isEmpty { aggregate(landOf[land.code] ?? [], land.code, into: &landValues) }
            results.set(k, (kreisValues, landValues))
        }
        // Figures given per Kreis or Land win over the aggregate of the
        // Gemeinden (official totals, e.g. the Census's Land figures); the
        // aggregate fills the levels the sources leave open (Data/README.md).
        for (k, job) in jobs.enumerated() {
            let (kreisValues, landValues) = results[k]!
            if values[job.indicator.id]?[.kreis] == nil { values[job.indicator.id]?[.kreis] = kreisValues }
            if values[job.indicator.id]?[.land] == nil { values[job.indicator.id]?[.land] = landValues }
        }
    }

    /// The aggregate of the parts, and its coverage where it rests on part
    /// of the weight only (then marked restricted).
    static func combine(_ parts: [(Observation?, Double)], rule: Aggregation.Rule, minCoverage: Double? = nil) -> (Observation, Double?) {
        guard !parts.isEmpty else { return (Observation(symbol: .blank), nil) }
        var sum = 0.0, weighted = 0.0, weightSum = 0.0, missingWeight = 0.0
        var flags: Flags = []
        for (o, w) in parts {
            guard let o, let v = o.value else {
                guard minCoverage != nil, rule == .weightedMean else { return (Observation(symbol: .unknownOrSecret), nil) }
                missingWeight += w
                continue
            }
            flags.formUnion(o.flags)
            sum += v
            weighted += v * w
            weightSum += w
        }
        switch rule {
        case .sum: return (Observation(value: sum, flags: flags), nil)
        case .weightedMean:
            guard weightSum > 0 else { return (Observation(symbol: .unknownOrSecret), nil) }
            let value = weighted / weightSum
            guard missingWeight > 0 else { return (Observation(value: value, flags: flags), nil) }
            let coverage = weightSum / (weightSum + missingWeight)
            guard let least = minCoverage, coverage >= least else { return (Observation(symbol: .unknownOrSecret), nil) }
            return (Observation(value: value, restricted: true, flags: flags), coverage)
        }
    }
}
