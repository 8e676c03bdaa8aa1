/// What a key in an official export stands for, under the table's declared
/// `keys:` rules: one of the atlas's Kreise, a row to leave out, a former
/// Kreis to add to its successor — or a finding, because nothing is guessed.
public struct ExportKeys: Sendable {
    public enum Outcome: Equatable, Sendable {
        case kreis(String)
        case leaveOut
        /// A former Kreis whose figures go to its successor (`merge`), or
        /// whose row must agree with the successor's (`same-as-successor`).
        case successor(String, KeyRules.Action)
        /// A former Kreis left out: its row must not hold a figure.
        case leaveOutIfEmpty
        case finding(message: String, hint: String)
    }

    public var kreise: Set<String>
    /// Land code → its Kreise.
    public var kreiseOfLand: [String: [String]]
    public var changes: [TerritorialChange]
    public var gebietsstand: String

    public init(regions: Regions, changes: [TerritorialChange], gebietsstand: String) {
        kreise = Set(regions.list(.kreis).map(\.code))
        var byLand: [String: [String]] = [:]
        for k in regions.list(.kreis) { byLand[k.parent ?? String(k.code.prefix(2)), default: []].append(k.code) }
        kreiseOfLand = byLand
        self.changes = changes.filter { $0.level == .kreis }
        self.gebietsstand = gebietsstand
    }

    public func classify(_ raw: String, rules: KeyRules) -> Outcome {
        var key = raw
        if key == "DG" {
            if rules.germany == .leaveOut { return .leaveOut }
            return .finding(
                message: "key \"DG\" (Germany) fits no rule of this table", hint: "add germany: leave-out under \"keys:\" of the table in atlas.yaml")
        }
        guard !key.isEmpty, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .finding(message: "\"\(raw)\" is not a region key", hint: "region keys are digits (Land 2, Kreis 5, Gemeinde 8) or DG for Germany")
        }
        if [1, 4, 7].contains(key.count) {
            guard rules.leadingZeroLost else {
                return .finding(
                    message: "key \"\(raw)\" has \(key.count) digits: it looks as if it lost its leading zero (\"0\(raw)\")",
                    hint: "if the export drops leading zeros, write leading_zero_lost: true under \"keys:\" of the table in atlas.yaml")
            }
            key = "0" + key
        } else if key.count == 2, rules.leadingZeroLost, !(10...16).contains(Int(key) ?? 0) {
            key = "0" + key  // a Regierungsbezirk of Land 03–09 (31 → 031)
        }
        switch key.count {
        case 2:
            switch rules.laender {
            case .cityStates:
                if let only = kreiseOfLand[key], only.count == 1 { return .kreis(only[0]) }
                return .leaveOut
            case .leaveOut: return .leaveOut
            default:
                return .finding(
                    message: "key \"\(raw)\" (a Land) fits no rule of this table",
                    hint:
                        "add laender: leave-out, or laender: city-states (the rows of Berlin, Hamburg and Bremen-like Länder with one Kreis count as that Kreis), under \"keys:\""
                )
            }
        case 3:
            if rules.regierungsbezirke == .leaveOut { return .leaveOut }
            return .finding(
                message: "key \"\(raw)\" (a Regierungsbezirk or statistical region) fits no rule of this table",
                hint: "add regierungsbezirke: leave-out under \"keys:\"")
        case 5:
            return kreisKey(key, raw: raw, rules: rules)
        case 8:
            var kreis = String(key.prefix(5))
            if key.hasSuffix("000"), rules.eightDigits { return kreisKey(kreis, raw: raw, rules: rules) }
            // Berlin's boroughs (11001001 …) lie in the Land's only Kreis.
            if !kreise.contains(kreis), let only = kreiseOfLand[String(key.prefix(2))], only.count == 1 { kreis = only[0] }
            if kreise.contains(kreis) {
                if rules.parts == .leaveOut { return .leaveOut }
                return .finding(
                    message: "key \"\(raw)\" is a part of Kreis \(kreis) and fits no rule of this table",
                    hint: key.hasSuffix("000")
                        ? "if the table writes Kreise with 8 digits, add eight_digits: true under \"keys:\"; for parts of a Kreis (boroughs, a city in a Region) add parts: leave-out"
                        : "add parts: leave-out under \"keys:\" (rows for boroughs or a city inside a Kreis)")
            }
            return .finding(
                message: "key \"\(raw)\" lies in no Kreis of the Gebietsstand \(gebietsstand)",
                hint: rules.eightDigits ? "check the key" : "if the table writes Kreise with 8 digits, add eight_digits: true under \"keys:\"")
        default:
            return .finding(
                message: "key \"\(raw)\" has \(key.count) digits: no region key has that many", hint: "Land 2, Kreis 5, Gemeinde 8 digits")
        }
    }

    func kreisKey(_ key: String, raw: String, rules: KeyRules) -> Outcome {
        if kreise.contains(key) { return .kreis(key) }
        var successor: String?
        var code = key
        var seen: Set<String> = []
        while let change = changes.first(where: { $0.oldCode == code }), seen.insert(code).inserted {
            code = change.newCode
            if kreise.contains(code) { successor = code }
        }
        switch rules.formerKreise {
        case .leaveOut: return .leaveOutIfEmpty
        case .merge?, .sameAsSuccessor?:
            if let successor { return .successor(successor, rules.formerKreise!) }
            return .leaveOutIfEmpty
        default:
            let change = changes.first { $0.oldCode == key }
            return .finding(
                message: "key \"\(raw)\" is no Kreis of the Gebietsstand \(gebietsstand)"
                    + (change.map { " (\($0.oldName), since \($0.date) part of \($0.newName) \($0.newCode))" } ?? ""),
                hint:
                    "add former_kreise: leave-out (rows without figures are dropped), merge (figures added to the successor named in territorial_changes) or same-as-successor (for classifications) under \"keys:\""
            )
        }
    }
}
