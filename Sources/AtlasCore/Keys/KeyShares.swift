/// The shares of a distribution key per region, computed from the atlas's
/// figures (plain numbers; the apportionment to whole persons is AtlasNumerics').
public struct KeyShares: Sendable {
    public var key: KeyDefinition
    /// Land code → share (sums to 1).
    public var land: [String: Double]
    /// District code → share (sums to 1); nil for a Land-level key.
    public var kreis: [String: Double]?
    /// For two-stage distributions of a Land-level key: district → share
    /// within its Land (each Land sums to 1).
    public var withinLand: [String: Double]?
    /// Component id → region → share of that component (composite keys).
    public var components: [String: [String: Double]]
    /// Component id → year used.
    public var componentYears: [String: Int]

    /// The shares under other weights of the components (in their order),
    /// and of components a reader adds (`extra`, after them), computed
    /// exactly as the published ones: each region's share adds the
    /// components in order, (weight / total) × component share; a Land's
    /// share adds its districts in code order. The key lab's script
    /// (keylab.js) repeats these steps operation for operation, so that the
    /// browser gives the same persons as `atlas key`.
    public func withWeights(_ weights: [Double], extra: [(shares: [String: Double], weight: Double)] = [], kreise: [Region]) -> KeyShares {
        guard case .composite(let parts) = key.kind, weights.count == parts.count else { return self }
        let all = zip(parts, weights).map { (components[$0.id] ?? [:], $1) } + extra.map { ($0.shares, $0.weight) }
        let total = all.reduce(0) { $0 + $1.1 }
        var mixed: [String: Double] = [:]
        for (shares, weight) in all {
            for (code, s) in shares { mixed[code, default: 0] += weight / total * s }
        }
        var out = self
        if key.level == .kreis {
            out.kreis = mixed
            var land: [String: Double] = [:]
            for k in kreise { land[k.parent ?? "", default: 0] += mixed[k.code] ?? 0 }
            out.land = land
        } else {
            out.land = mixed
        }
        return out
    }
}

/// An indicator a reader may add to a district key as one more component
/// (in the key lab, and `atlas key --add`): a count by its share of all
/// districts, a rate times the population. Its reciprocal (id "1/<indicator>")
/// where lower is better, so that a larger share means "more persons here";
/// both directions where the indicator has no better side (people seeking
/// protection per 1,000: a reader may want more persons where many already
/// live, or fewer). A district without a figure gets its reporting unit's
/// rate (Saarland, Kassel), else its Land's median rate.
public struct ExtraComponent: Sendable {
    /// The indicator's id, "1/" before it for the reciprocal.
    public var id: String
    public var indicator: String
    public var inverse: Bool
    /// The indicator multiplied by (the population for rates), or nil for a count.
    public var times: String?
    public var year: Int
    /// District code → share (sums to 1).
    public var shares: [String: Double]
}

extension LoadRun {
    /// Computes every key's shares; problems (a missing figure where the key
    /// says "fail", an unknown indicator) are check errors at the key file.
    mutating func computeKeys(_ values: [String: [RegionLevel: IndicatorValues]]) -> [String: KeyShares] {
        var out: [String: KeyShares] = [:]
        let ids = Set(definition.indicators.map(\.id))
        for key in definition.keys {
            func fail(_ message: String, at located: Located<String>? = nil, hint: String? = nil) {
                if let located {
                    reporter.add(diagnostic(.error, "key \"\(key.id)\": " + message, at: located, hint: hint))
                } else {
                    reporter.add(Diagnostic.error("key \"\(key.id)\": " + message, at: key.location, hint: hint))
                }
            }
            var ok = true
            if let ref = key.withinLand, !ids.contains(ref.value) {
                fail(
                    "names the unknown indicator \"\(ref.value)\"", at: ref,
                    hint: Suggestion.hint(for: ref.value, in: ids, otherwise: "name an indicator with district figures, e.g. bevoelkerung"))
                ok = false
            }
            if let c = key.compareWith, !definition.keys.contains(where: { $0.id == c.value }) {
                fail(
                    "is compared with the unknown key \"\(c.value)\"", at: c,
                    hint: Suggestion.hint(for: c.value, in: definition.keys.map(\.id), otherwise: "name a key in Data/keys/"))
                ok = false
            }
            guard ok else { continue }
            var shares = KeyShares(key: key, land: [:], kreis: nil, withinLand: nil, components: [:], componentYears: [:])
            switch key.kind {
            case .official(let indicator, let year):
                guard let v = values[indicator.value]?[.land] else {
                    fail("the indicator \"\(indicator.value)\" has no figures per Land", at: indicator)
                    continue
                }
                var raw: [String: Double] = [:]
                for land in regions.list(.land) {
                    if let x = v.observation(land.code, year: year)?.value { raw[land.code] = x }
                }
                guard raw.count == regions.count(.land) else {
                    let missing = regions.list(.land).filter { raw[$0.code] == nil }.map(\.code)
                    fail(
                        "the indicator \"\(indicator.value)\" has no figure for \(year) for Land \(missing.joined(separator: ", "))", at: indicator,
                        hint: "an official key needs a share for every Land in its key year")
                    continue
                }
                shares.land = normalised(raw)
            case .composite(let parts):
                var ok = true
                for part in parts {
                    guard let q = quantities(part, level: key.level == .land ? .land : .kreis, values: values, fail: { fail($0, at: $1, hint: $2) })
                    else {
                        ok = false
                        continue
                    }
                    shares.components[part.id] = normalised(q.values)
                    shares.componentYears[part.id] = q.year
                }
                guard ok else { continue }
                shares = shares.withWeights(parts.map(\.weight), kreise: regions.list(.kreis))
            }
            if key.level == .land {
                let within = key.withinLand?.value ?? "bevoelkerung"
                if let v = values[within]?[.kreis] {
                    var w: [String: Double] = [:]
                    var perLand: [String: Double] = [:]
                    for k in regions.list(.kreis) {
                        let x = v.latestValue(k.code) ?? 0
                        w[k.code] = x
                        perLand[k.parent ?? "", default: 0] += x
                    }
                    shares.withinLand = w.mapValues { _ in 0 }
                    for k in regions.list(.kreis) {
                        let total = perLand[k.parent ?? ""] ?? 0
                        shares.withinLand?[k.code] = total > 0 ? (w[k.code] ?? 0) / total : 0
                    }
                }
            }
            out[key.id] = shares
        }
        return out
    }

    /// Every indicator with district figures that a reader may add to a
    /// district key, formed by the rules of `ExtraComponent`; one whose
    /// figures cannot make a component (a Land without any) is left out.
    func extraComponents(_ values: [String: [RegionLevel: IndicatorValues]]) -> [String: ExtraComponent] {
        var out: [String: ExtraComponent] = [:]
        let nowhere = SourceLocation(path: "", line: 0, column: 0)
        for indicator in definition.indicators where !indicator.sparse && values[indicator.id]?[.kreis] != nil {
            let isCount = indicator.reference.isSum
            let directions = indicator.polarity == .neutral ? [false, true] : [indicator.polarity == .lowerIsBetter]
            for inverse in directions {
                let part = KeyComponent(
                    id: indicator.id, title: indicator.title, weightText: "1", weight: 1, indicator: Located(indicator.id, at: nowhere),
                    times: isCount ? nil : Located("bevoelkerung", at: nowhere), inverse: inverse, year: nil, missing: .landMedian)
                var failed = false
                guard let q = quantities(part, level: .kreis, values: values, groupRates: !isCount, fail: { _, _, _ in failed = true }), !failed
                else { continue }
                let id = (inverse ? "1/" : "") + indicator.id
                out[id] = ExtraComponent(
                    id: id, indicator: indicator.id, inverse: inverse, times: part.times?.value, year: q.year, shares: normalised(q.values))
            }
        }
        return out
    }

    /// Whether an indicator reads a table that could not be loaded (its error
    /// is the cause; what follows from it is not reported again).
    func readsFailedTable(_ indicator: String) -> Bool {
        guard let ind = definition.indicators.first(where: { $0.id == indicator }) else { return false }
        if let d = ind.derive { return readsFailedTable(d.numerator.value) || readsFailedTable(d.denominator.value) }
        return ind.values.contains { v in tables[v.table.value].map { $0 == nil } ?? false }
    }

    /// Shares that sum to 1, summed in key order (deterministic).
    func normalised(_ raw: [String: Double]) -> [String: Double] {
        let total = raw.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        guard total > 0 else { return raw.mapValues { _ in 0 } }
        return raw.mapValues { $0 / total }
    }

    /// The quantity of a component per district, or nil after a diagnostic.
    func quantities(
        _ part: KeyComponent, level: RegionLevel, values: [String: [RegionLevel: IndicatorValues]], groupRates: Bool = false,
        fail: (String, Located<String>?, String?) -> Void
    ) -> (values: [String: Double], year: Int)? {
        guard let v = values[part.indicator.value]?[level] else {
            // A table that could not be read has its own error; the key only follows from it.
            if readsFailedTable(part.indicator.value) { return nil }
            fail(
                "component \"\(part.id)\" names the indicator \"\(part.indicator.value)\", which has no figures per \(level.nameDE)",
                part.indicator,
                Suggestion.hint(
                    for: part.indicator.value, in: definition.indicators.map(\.id), otherwise: "name an indicator with figures per \(level.nameDE)"))
            return nil
        }
        let years = v.years.filter { y in v.series.values.contains { $0[y]?.value != nil } }
        guard let year = part.year ?? years.last else {
            fail("component \"\(part.id)\": the indicator \"\(part.indicator.value)\" has no figures", part.indicator, nil)
            return nil
        }
        var base: IndicatorValues?
        if let t = part.times {
            guard let b = values[t.value]?[level] else {
                fail("component \"\(part.id)\" multiplies by the indicator \"\(t.value)\", which has no figures per \(level.nameDE)", t, nil)
                return nil
            }
            base = b
        }
        var rates: [String: Double] = [:]
        for r in regions.list(level) {
            if let x = v.observation(r.code, year: year)?.value {
                rates[r.code] = x
            } else if groupRates, let x = v.group(of: r.code)?.series[year]?.value {
                rates[r.code] = x  // the rate of the reporting unit it is counted in
            }
        }
        var missing = regions.list(level).filter { rates[$0.code] == nil }
        if !missing.isEmpty {
            switch part.missing {
            case .fail:
                let shown = missing.prefix(5).map { "\($0.code) \($0.name)" }.joined(separator: ", ")
                fail(
                    "component \"\(part.id)\": \(missing.count) \(level.pluralDE) have no figure of \"\(part.indicator.value)\" for \(year): \(shown)",
                    part.indicator, "choose missing: zero or missing: land-median for this component, or a year with complete figures")
                return nil
            case .zero:
                for r in missing { rates[r.code] = 0 }
            case .landMedian:
                for r in missing {
                    let peers = regions.list(level).filter { $0.parent == r.parent }.compactMap { rates[$0.code] }.sorted()
                    if !peers.isEmpty {
                        rates[r.code] = peers.count % 2 == 1 ? peers[peers.count / 2] : (peers[peers.count / 2 - 1] + peers[peers.count / 2]) / 2
                    }
                }
                missing = regions.list(level).filter { rates[$0.code] == nil }
                if !missing.isEmpty {
                    fail(
                        "component \"\(part.id)\": no figure in the whole Land for \(missing.prefix(5).map(\.code).joined(separator: ", "))"
                            + (missing.count > 5 ? " and \(missing.count - 5) more" : ""), part.indicator,
                        nil)
                    return nil
                }
            }
        }
        var out: [String: Double] = [:]
        for r in regions.list(level) {
            var x = rates[r.code] ?? 0
            if part.inverse { x = x > 0 ? 1 / x : 0 }
            if let base {
                guard let b = base.latestValue(r.code) else {
                    fail("component \"\(part.id)\": \(level.nameDE) \(r.code) has no figure of \"\(part.times!.value)\"", part.times, nil)
                    return nil
                }
                x *= b
            }
            out[r.code] = x
        }
        return (out, year)
    }
}
