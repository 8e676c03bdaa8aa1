import AtlasCore
import AtlasDistribution

/// The data the key lab's script needs to recompute a district-level key
/// from its components under other weights: each component's share per
/// district (already normalised, with its missing-value rule applied), the
/// districts and Länder in code order, N, and the persons under the key it is
/// compared with. Numbers are written as Swift prints a Double (the shortest
/// text that reads back as the same double), so the browser computes on
/// exactly the values `atlas key` uses.
enum KeyLabData {
    /// Whether a key can be explored in the page: a composite key per district.
    static func supports(_ key: KeyDefinition) -> Bool {
        if case .composite = key.kind, key.level == .kreis { return true }
        return false
    }

    /// Doubles as Swift prints them: the shortest text that reads back as the same double.
    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }

    /// The components a reader may add (Atlas.extraComponents): indicator id
    /// → each district's share, districts in code order; one file for every
    /// key and language, fetched only when a reader adds a component.
    static func extrasJSON(_ atlas: Atlas) -> String {
        let kreise = atlas.regions.list(.kreis)
        return "{\n"
            + atlas.extraComponents.keys.sorted().map { id in
                let c = atlas.extraComponents[id]!
                return OpenData.json(id) + ": [" + kreise.map { number(c.shares[$0.code] ?? 0) }.joined(separator: ",") + "]"
            }.joined(separator: ",\n") + "\n}\n"
    }

    static func json(_ shares: KeyShares, atlas: Atlas, persons: Int, result: SiteFacts.KeyResult, lang: String) -> String {
        guard case .composite(let parts) = shares.key.kind else { return "{}" }
        let kreise = atlas.regions.list(.kreis)
        func text(_ s: String) -> String { OpenData.json(s) }
        var out = "{\"key\": \(text(shares.key.id)), \"persons\": \(persons),\n"
        out +=
            "\"parts\": ["
            + parts.map { "{\"id\": \(text($0.id)), \"title\": \(text($0.title[lang])), \"weight\": \(number($0.weight))}" }.joined(separator: ", ")
            + "],\n"
        out += "\"laender\": [" + atlas.regions.list(.land).map { "[\(text($0.code)), \(text($0.name))]" }.joined(separator: ", ") + "],\n"
        out += "\"kreise\": [" + kreise.map { "[\(text($0.code)), \(text($0.name)), \(text($0.parent ?? ""))]" }.joined(separator: ", ") + "],\n"
        out += "\"components\": [\n"
        out += parts.map { part in
            let c = shares.components[part.id] ?? [:]
            // null: the district is not in the component (it adds nothing).
            return "[" + kreise.map { c[$0.code].map(number) ?? "null" }.joined(separator: ",") + "]"
        }.joined(separator: ",\n")
        // The difference map's colours, fewer persons to more (PageRenderer.divergingClasses).
        out += "],\n\"colours\": [" + PageRenderer.divergingColours.map(text).joined(separator: ", ")
        out += "],\n"
        // The key compared with, as shares, so that the page can apportion it
        // for any N: the Länder's shares and each district's share within its
        // Land (as Distribution.kreise forms them for two stages).
        if let compared = shares.key.compareWith.flatMap({ atlas.keyShares[$0.value] }) {
            let laender = atlas.regions.list(.land)
            let within: [Double] = kreise.map { k in
                if let kk = compared.kreis {
                    let land = compared.land[k.parent ?? ""] ?? 0
                    return land > 0 ? (kk[k.code] ?? 0) / land : 0
                }
                return compared.withinLand?[k.code] ?? 0
            }
            out += "\"compare\": {\"key\": \(text(compared.key.id)), \"land\": ["
            out += laender.map { number(compared.land[$0.code] ?? 0) }.joined(separator: ",") + "],\n\"within\": ["
            out += within.map(number).joined(separator: ",") + "]}"
        } else {
            out += "\"compare\": null"
        }
        out += "\n}\n"
        return out
    }
}
