/// Gemeinde figures added up to Kreise and Länder, as each indicator's
/// `aggregate:` says. Missing or suppressed Gemeinde figures make the
/// aggregate "." (unknown or secret): a partial sum would look complete.
extension LoadRun {
    mutating func aggregateGemeinden(_ values: inout [String: [RegionLevel: IndicatorValues]]) {
        for indicator in definition.indicators {
            guard let rule = indicator.aggregate, let gemeinden = values[indicator.id]?[.gemeinde] else { continue }
            var weights: [String: Double] = [:]
            if rule.rule == .weightedMean, let w = rule.weight {
                guard let wv = values[w.value]?[.gemeinde] else {
                    reporter.add(diagnostic(
                        .error, "indicator \"\(indicator.id)\" is weighted by \"\(w.value)\", which has no figures per Gemeinde", at: w,
                        hint: "name an indicator with Gemeinde figures, e.g. bevoelkerung"))
                    continue
                }
                for code in wv.series.keys { weights[code] = wv.latestValue(code) }
            }
            let years = gemeinden.years
            var kreisValues = IndicatorValues(level: .kreis)
            var members: [String: [String]] = [:]
            for g in regions.list(.gemeinde) { members[g.parent ?? "", default: []].append(g.code) }
            for kreis in regions.list(.kreis) {
                let codes = members[kreis.code] ?? []
                for year in years {
                    kreisValues.series[kreis.code, default: [:]][year] = combine(
                        codes.map { (gemeinden.observation($0, year: year), weights[$0] ?? 0) }, rule: rule.rule)
                }
            }
            // Länder from the Gemeinden too (not from Kreis aggregates, which
            // would lose the weights of a mean).
            var landValues = IndicatorValues(level: .land)
            for land in regions.list(.land) {
                let codes = regions.list(.kreis).filter { $0.parent == land.code }.flatMap { members[$0.code] ?? [] }
                for year in years {
                    landValues.series[land.code, default: [:]][year] = combine(
                        codes.map { (gemeinden.observation($0, year: year), weights[$0] ?? 0) }, rule: rule.rule)
                }
            }
            if values[indicator.id]?[.kreis] == nil { values[indicator.id]?[.kreis] = kreisValues }
            if values[indicator.id]?[.land] == nil { values[indicator.id]?[.land] = landValues }
        }
    }

    func combine(_ parts: [(Observation?, Double)], rule: Aggregation.Rule) -> Observation {
        guard !parts.isEmpty else { return Observation(symbol: .blank) }
        var sum = 0.0, weighted = 0.0, weightSum = 0.0
        var flags: Flags = []
        for (o, w) in parts {
            guard let o, let v = o.value else { return Observation(symbol: .unknownOrSecret) }
            flags.formUnion(o.flags)
            sum += v
            weighted += v * w
            weightSum += w
        }
        switch rule {
        case .sum: return Observation(value: sum, flags: flags)
        case .weightedMean:
            return weightSum > 0 ? Observation(value: weighted / weightSum, flags: flags) : Observation(symbol: .unknownOrSecret)
        }
    }
}
