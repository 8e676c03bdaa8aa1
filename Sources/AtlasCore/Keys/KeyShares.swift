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

    /// Shares with the component weights changed (for the sensitivity table):
    /// `factor` multiplies the weight of component `id`.
    /// The shares under other weights of the components (in their order),
    /// computed exactly as the published ones: each region's share adds the
    /// components in order, (weight / total) × component share; a Land's
    /// share adds its districts in code order. The key lab's script
    /// (keylab.js) repeats these steps operation for operation, so that the
    /// browser gives the same persons as `atlas key`.
    public func withWeights(_ weights: [Double], kreise: [Region]) -> KeyShares {
        guard case .composite(let parts) = key.kind, weights.count == parts.count else { return self }
        let total = weights.reduce(0, +)
        var mixed: [String: Double] = [:]
        for (k, part) in parts.enumerated() {
            for (code, s) in components[part.id] ?? [:] { mixed[code, default: 0] += weights[k] / total * s }
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

    public func reweighted(_ id: String, factor: Double) -> [String: Double] {
        guard case .composite(let parts) = key.kind else { return kreis ?? land }
        let weights = parts.map { $0.id == id ? $0.weight * factor : $0.weight }
        let total = weights.reduce(0, +)
        var out: [String: Double] = [:]
        for (k, part) in parts.enumerated() {
            for (code, share) in components[part.id] ?? [:] { out[code, default: 0] += weights[k] / total * share }
        }
        return out
    }
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
                    guard let q = quantities(part, key: key, values: values, fail: { fail($0, at: $1, hint: $2) }) else {
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

    /// Shares that sum to 1, summed in key order (deterministic).
    func normalised(_ raw: [String: Double]) -> [String: Double] {
        let total = raw.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        guard total > 0 else { return raw.mapValues { _ in 0 } }
        return raw.mapValues { $0 / total }
    }

    /// The quantity of a component per district, or nil after a diagnostic.
    func quantities(
        _ part: KeyComponent, key: KeyDefinition, values: [String: [RegionLevel: IndicatorValues]],
        fail: (String, Located<String>?, String?) -> Void
    ) -> (values: [String: Double], year: Int)? {
        let level: RegionLevel = key.level == .land ? .land : .kreis
        guard let v = values[part.indicator.value]?[level] else {
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
            if let x = v.observation(r.code, year: year)?.value { rates[r.code] = x }
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
                        "component \"\(part.id)\": no figure in the whole Land for \(missing.map(\.code).joined(separator: ", "))", part.indicator,
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
