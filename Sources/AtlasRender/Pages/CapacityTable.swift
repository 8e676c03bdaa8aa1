import AtlasCore
import AtlasDistribution

/// Needs against capacity for one key (`Data/kapazitaet.yaml`): per
/// district, the persons the key allocates, the people seeking protection
/// already there, and what the allocation asks of childcare, schools and
/// housing under the stated assumptions next to what the atlas knows.
/// The same rows feed the key page and its download.
struct CapacityRow {
    var code: String
    var name: String
    var persons: Int
    /// People seeking protection per 1,000 inhabitants; for a district
    /// counted in a reporting unit, the unit's (then `loadOfGroup`).
    var load: Double?
    var loadOfGroup: Bool
    var kitaNeed: Double
    var childcareRate: Double?
    var schoolNeed: Double
    var pupils: Double?
    var dwellingNeed: Double
    var vacantDwellings: Double?

    /// The need as a share of the capacity it is measured against, in percent.
    var schoolShare: Double? { pupils.flatMap { $0 > 0 ? schoolNeed / $0 * 100 : nil } }
    var dwellingShare: Double? { vacantDwellings.flatMap { $0 > 0 ? dwellingNeed / $0 * 100 : nil } }

    static func rows(_ def: CapacityDefinition, result: SiteFacts.KeyResult, facts: [String: IndicatorFacts]) -> [CapacityRow] {
        func latest(_ id: Located<String>, _ code: String) -> Double? { facts[id.value]?.observation(code)?.value }
        let load = facts[def.load.value]
        return (result.kreise ?? []).map { r in
            var loadValue = latest(def.load, r.code)
            var ofGroup = false
            if loadValue == nil, let f = load, let group = f.values.group(of: r.code), let y = f.latestYear {
                loadValue = group.series[y]?.value
                ofGroup = loadValue != nil
            }
            let dwellings = latest(def.dwellings, r.code)
            let vacancy = latest(def.vacancy, r.code)
            return CapacityRow(
                code: r.code, name: r.name, persons: r.persons, load: loadValue, loadOfGroup: ofGroup,
                kitaNeed: Double(r.persons) * def.kitaShare.value, childcareRate: latest(def.childcare, r.code),
                schoolNeed: Double(r.persons) * def.schoolShare.value, pupils: latest(def.pupils, r.code),
                dwellingNeed: Double(r.persons) / def.personsPerDwelling.value,
                vacantDwellings: dwellings.flatMap { d in vacancy.map { (d * $0 / 100).rounded() } })
        }
    }

    /// The download: the rows, then every assumption in columns of its own.
    static func csv(_ def: CapacityDefinition, rows: [CapacityRow]) -> String {
        func n(_ v: Double?, _ places: Int) -> String {
            v.map { ValueParser.plainNumber(ValueParser.rounded($0, decimals: places)) } ?? ""
        }
        var out =
            "ags,name,persons,schutzsuchende_je_1000,schutzsuchende_gemeinsam_erfasst,kita_bedarf,betreuungsquote_3_6,schul_bedarf,schueler,schul_bedarf_prozent,wohnungs_bedarf,leerstehende_wohnungen,wohnungs_bedarf_prozent,annahme_anteil_3_bis_6,annahme_anteil_schulalter,annahme_personen_je_wohnung\r\n"
        for r in rows {
            out +=
                [
                    r.code, Escape.csv(r.name), String(r.persons), n(r.load, 3), r.loadOfGroup ? "ja" : "", n(r.kitaNeed, 0), n(r.childcareRate, 2),
                    n(r.schoolNeed, 0), n(r.pupils, 0), n(r.schoolShare, 2), n(r.dwellingNeed, 0), n(r.vacantDwellings, 0), n(r.dwellingShare, 2),
                    ValueParser.plainNumber(def.kitaShare.value), ValueParser.plainNumber(def.schoolShare.value),
                    ValueParser.plainNumber(def.personsPerDwelling.value),
                ].joined(separator: ",") + "\r\n"
        }
        return out
    }
}
