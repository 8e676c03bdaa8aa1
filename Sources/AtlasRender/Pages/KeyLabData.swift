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

    static func json(_ shares: KeyShares, atlas: Atlas, persons: Int, result: SiteFacts.KeyResult, lang: String) -> String {
        guard case .composite(let parts) = shares.key.kind else { return "{}" }
        let kreise = atlas.regions.list(.kreis)
        func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
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
        out += "],\n"
        out +=
            "\"compare\": "
            + (result.compareLaender.map { rows in "{\"laender\": [" + rows.map { String($0.persons) }.joined(separator: ",") + "]" } ?? "null")
        if let rows = result.compareKreise {
            out += ", \"kreise\": [" + rows.map { String($0.persons) }.joined(separator: ",") + "]}"
        } else if result.compareLaender != nil {
            out += "}"
        }
        out += "\n}\n"
        return out
    }
}
