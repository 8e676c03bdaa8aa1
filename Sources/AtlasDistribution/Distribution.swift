import AtlasCore
import AtlasNumerics

/// Persons distributed by a key, in whole numbers: per Land, or per district
/// directly or in two stages (Länder by the key, then the districts within
/// each Land). The arithmetic is AtlasNumerics'; this file only maps regions.
public enum Distribution {
    public enum Method: String, Sendable, CaseIterable {
        case hare
        case sainteLague = "sainte-lague"
    }

    public struct Row: Sendable, Equatable {
        public var code: String
        public var name: String
        /// The exact share of the whole (0…1).
        public var share: Double
        /// The exact quota of persons of the stage that apportioned this row.
        public var quota: Double
        public var persons: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case unknownKey(String, known: [String])
        case noDistrictShares(String)
        case apportionment(String)

        public var description: String {
            switch self {
            case .unknownKey(let id, let known):
                "unknown key \"\(id)\"; the keys are: \(known.joined(separator: ", "))"
            case .noDistrictShares(let id):
                "the key \"\(id)\" gives shares per Land only and has no within_land indicator to pass persons on to districts"
            case .apportionment(let m): m
            }
        }
    }

    static func apportion(_ items: [(id: String, weight: Double)], total: Int, method: Method) throws -> [LargestRemainder.Result] {
        do {
            switch method {
            case .hare: return try LargestRemainder.apportion(items, total: total)
            case .sainteLague: return try SainteLague.apportion(items, total: total)
            }
        } catch {
            throw Failure.apportionment("cannot apportion: \(error)")
        }
    }

    /// Per Land: the key's Land shares.
    public static func laender(_ shares: KeyShares, atlas: Atlas, persons: Int, method: Method) throws -> [Row] {
        let laender = atlas.regions.list(.land)
        let result = try apportion(laender.map { ($0.code, shares.land[$0.code] ?? 0) }, total: persons, method: method)
        return zip(laender, result).map { land, r in
            Row(code: land.code, name: land.name, share: shares.land[land.code] ?? 0, quota: r.quota, persons: r.units)
        }
    }

    /// Per district. Direct: all districts at once by their shares (a district
    /// key only). Two stages: first the Länder, then within each Land.
    public static func kreise(_ shares: KeyShares, atlas: Atlas, persons: Int, method: Method, twoStage: Bool) throws -> [Row] {
        let kreise = atlas.regions.list(.kreis)
        if !twoStage, let k = shares.kreis {
            let result = try apportion(kreise.map { ($0.code, k[$0.code] ?? 0) }, total: persons, method: method)
            return zip(kreise, result).map { kreis, r in
                Row(code: kreis.code, name: kreis.name, share: k[kreis.code] ?? 0, quota: r.quota, persons: r.units)
            }
        }
        // Within-Land shares: from the district key, or the key's within_land indicator.
        var within: [String: Double] = [:]
        if let k = shares.kreis {
            for kreis in kreise {
                let land = shares.land[kreis.parent ?? ""] ?? 0
                within[kreis.code] = land > 0 ? (k[kreis.code] ?? 0) / land : 0
            }
        } else if let w = shares.withinLand {
            within = w
        } else {
            throw Failure.noDistrictShares(shares.key.id)
        }
        var rows: [Row] = []
        for land in try laender(shares, atlas: atlas, persons: persons, method: method) {
            let members = kreise.filter { $0.parent == land.code }
            guard !members.isEmpty else { continue }
            let weights = members.map { ($0.code, within[$0.code] ?? 0) }
            if land.persons == 0 || !weights.contains(where: { $0.1 > 0 }) {
                rows += members.map { Row(code: $0.code, name: $0.name, share: 0, quota: 0, persons: 0) }
                continue
            }
            let result = try apportion(weights, total: land.persons, method: method)
            rows += zip(members, result).map { kreis, r in
                Row(code: kreis.code, name: kreis.name, share: land.share * (within[kreis.code] ?? 0), quota: r.quota, persons: r.units)
            }
        }
        return rows.sorted { $0.code < $1.code }
    }

    /// Persons that move between Länder when one component's weight changes
    /// by `factor` (Σ|Δ| / 2 over the Länder), from the given weights (the
    /// key's own, or a reader's in the key lab).
    public static func moved(
        _ shares: KeyShares, weights: [Double], extra: [(shares: [String: Double], weight: Double)] = [], atlas: Atlas, persons: Int,
        component: Int, factor: Double, method: Method
    ) throws -> Int {
        let kreise = atlas.regions.list(.kreis)
        var changed = weights
        var changedExtra = extra
        if component < weights.count { changed[component] *= factor } else { changedExtra[component - weights.count].weight *= factor }
        let base = try laender(shares.withWeights(weights, extra: extra, kreise: kreise), atlas: atlas, persons: persons, method: method)
        let other = try laender(shares.withWeights(changed, extra: changedExtra, kreise: kreise), atlas: atlas, persons: persons, method: method)
        return zip(base, other).reduce(0) { $0 + abs($1.0.persons - $1.1.persons) } / 2
    }
}
