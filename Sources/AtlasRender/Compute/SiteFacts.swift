import AtlasCore
import AtlasDistribution
import Foundation

/// Stage *compute*: everything the pages show that is worked out from the
/// atlas, once for all languages, before anything is rendered: per indicator
/// its facts (ranks, reference values), per Gemeinde indicator the same, the
/// map geometry, and per distribution key the persons per Land and district.
/// A computation that fails is a finding with its place, never an empty table.
public struct SiteFacts: Sendable {
    let facts: [String: IndicatorFacts]
    let gemeindeFacts: [String: IndicatorFacts]
    let maps: MapGeometry?
    let keys: [String: KeyResult]

    /// A distribution key's persons for the atlas's N, and for the key it is compared with.
    struct KeyResult: Sendable {
        var laender: [Distribution.Row]
        var compareLaender: [Distribution.Row]?
        /// nil for a Land-level key with nothing to pass a Land's persons on to its districts.
        var kreise: [Distribution.Row]?
        var compareKreise: [Distribution.Row]?
        /// Per component: the persons moving between Länder when its weight rises or falls by 10 %.
        var sensitivity: [String: (up: Int, down: Int)]
    }

    public static func compute(_ atlas: Atlas) -> (SiteFacts, [Diagnostic]) {
        // The map geometry is prepared on one core while the facts are
        // computed on the others.
        let geometry = ParallelSlots<MapGeometry>(count: 1)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { geometry.set(0, MapGeometry.prepare(atlas) ?? nil) }
        let facts = IndicatorFacts.compute(atlas, weights: IndicatorFacts.weights(atlas))
        // Gemeinde figures are shown for indicators that also have Kreis (or
        // Land) figures, given or aggregated: their pages link to each other.
        let gemeindeFacts = IndicatorFacts.computeGemeinden(atlas).filter { facts[$0.key] != nil }
        var keys: [String: KeyResult] = [:]
        var diagnostics: [Diagnostic] = []
        for key in atlas.definition.keys {
            do {
                if let r = try keyResult(key, atlas) { keys[key.id] = r }
            } catch {
                diagnostics.append(
                    .error(
                        "the key \"\(key.id)\" cannot be distributed: \(error)", at: key.location,
                        hint:
                            "check the key's components and the figures they read (atlas key \(key.id) --persons \(atlas.definition.persons) shows the same)"
                    ))
            }
        }
        group.wait()
        return (SiteFacts(facts: facts, gemeindeFacts: gemeindeFacts, maps: geometry[0], keys: keys), diagnostics)
    }

    static func keyResult(_ key: KeyDefinition, _ atlas: Atlas) throws -> KeyResult? {
        guard let shares = atlas.keyShares[key.id] else { return nil }
        let persons = atlas.definition.persons
        let compared = key.compareWith.flatMap { atlas.keyShares[$0.value] }
        let district = shares.kreis != nil || shares.withinLand != nil
        var sensitivity: [String: (up: Int, down: Int)] = [:]
        if case .composite(let parts) = key.kind {
            let weights = parts.map(\.weight)
            for (k, part) in parts.enumerated() {
                sensitivity[part.id] = (
                    try Distribution.moved(shares, weights: weights, atlas: atlas, persons: persons, component: k, factor: 1.1, method: .hare),
                    try Distribution.moved(shares, weights: weights, atlas: atlas, persons: persons, component: k, factor: 0.9, method: .hare)
                )
            }
        }
        return KeyResult(
            laender: try Distribution.laender(shares, atlas: atlas, persons: persons, method: .hare),
            compareLaender: try compared.map { try Distribution.laender($0, atlas: atlas, persons: persons, method: .hare) },
            kreise: district ? try Distribution.kreise(shares, atlas: atlas, persons: persons, method: .hare, twoStage: true) : nil,
            compareKreise: try compared.flatMap { c in
                c.kreis != nil || c.withinLand != nil
                    ? try Distribution.kreise(c, atlas: atlas, persons: persons, method: .hare, twoStage: true) : nil
            },
            sensitivity: sensitivity)
    }
}
