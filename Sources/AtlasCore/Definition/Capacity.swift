/// What an allocation asks of a district's capacity, with stated, editable
/// assumptions (`Data/kapazitaet.yaml`): the key pages put the persons a key
/// allocates next to the people seeking protection already there and next to
/// childcare, school places and vacant dwellings — needs against capacity,
/// never one score.
public struct CapacityDefinition: Sendable {
    public struct Assumption: Sendable {
        public var value: Double
        public var title: Localized
        public var source: Localized
        public var location: SourceLocation
    }

    /// The keys whose pages show the table.
    public var keys: [Located<String>]
    /// The current load (people seeking protection per 1,000 inhabitants).
    public var load: Located<String>
    /// Share of children aged 3 to under 6 among the persons allocated, and the childcare rate 3–6.
    public var kitaShare: Assumption
    public var childcare: Located<String>
    /// Share of school age among the persons allocated, and the pupils at general schools.
    public var schoolShare: Assumption
    public var pupils: Located<String>
    /// Persons per dwelling, the dwellings and the vacancy rate.
    public var personsPerDwelling: Assumption
    public var dwellings: Located<String>
    public var vacancy: Located<String>
}

extension DefinitionParser {
    static func parseCapacity(_ source: SourceText, languages: [String], reporter: Reporter) -> CapacityDefinition? {
        guard let root = YAMLSupport.compose(source, reporter: reporter),
            let m = MappingReader(
                root, source: source, what: "the capacity definition", allowed: ["keys", "load", "kita", "schule", "wohnen"], reporter: reporter)
        else { return nil }
        var keys: [Located<String>] = []
        for item in m.list("keys") ?? [] {
            if case .scalar(let s) = item, !s.string.isEmpty { keys.append(Located(s.string, at: YAMLSupport.location(item, in: source))) }
        }
        func assumption(_ r: MappingReader, _ key: String, _ range: ClosedRange<Double>) -> CapacityDefinition.Assumption? {
            guard let v = r.double(key, example: "0.05"), let title = r.localized("title", languages: languages),
                let src = r.localized("source", languages: languages)
            else { return nil }
            guard range.contains(v.value) else {
                r.error("\"\(key)\" must lie between \(range.lowerBound) and \(range.upperBound), not \(v.value)", at: r.node(key)!)
                return nil
            }
            return .init(value: v.value, title: title, source: src, location: v.location)
        }
        let load = m.string("load", example: "schutzsuchende-je-1000")
        let kita = m.mapping("kita", what: "\"kita\" of the capacity definition", allowed: ["share", "title", "source", "capacity"])
        let school = m.mapping("schule", what: "\"schule\" of the capacity definition", allowed: ["share", "title", "source", "capacity"])
        let housing = m.mapping(
            "wohnen", what: "\"wohnen\" of the capacity definition", allowed: ["persons_per_dwelling", "title", "source", "dwellings", "vacancy"])
        guard let load, let kita, let school, let housing,
            let kitaShare = assumption(kita, "share", 0...1), let childcare = kita.string("capacity", example: "betreuungsquote-3-6"),
            let schoolShare = assumption(school, "share", 0...1), let pupils = school.string("capacity", example: "schueler"),
            let perDwelling = assumption(housing, "persons_per_dwelling", 0.5...20),
            let dwellings = housing.string("dwellings", example: "wohnungen"),
            let vacancy = housing.string("vacancy", example: "leerstandsquote")
        else { return nil }
        return CapacityDefinition(
            keys: keys, load: load, kitaShare: kitaShare, childcare: childcare, schoolShare: schoolShare, pupils: pupils,
            personsPerDwelling: perDwelling, dwellings: dwellings, vacancy: vacancy)
    }
}
