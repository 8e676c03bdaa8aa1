import Foundation
import Yams

/// Parses the YAML files of the atlas definition from text. File access lives in
/// `AtlasLoader`; everything here takes `SourceText`, so tests pass strings.
enum DefinitionParser {
    static let atlasKeys = [
        "title", "description", "languages", "gebietsstand", "reference_year", "sources", "regions",
        "tables", "licences", "territorial_changes", "geometry", "persons", "base_url", "offers", "peer_groups",
    ]
    static let indicatorKeys = [
        "id", "title", "short", "definition", "unit", "decimals", "theme", "polarity", "range", "years",
        "reference", "source", "values", "map", "aggregate", "derive", "note", "not_applicable", "disclosure",
    ]
    static let sourceKeys = ["publisher", "licence", "attribution", "url", "datenstand", "changes"]
    static let valueKeys = ["table", "level", "key_column", "year_column", "year", "value_column", "where"]
    static let regionKeys = ["table", "key_column", "name_column", "short_name_column", "type_column", "parent_column", "pages"]
    static let tableKeys = [
        "path", "root", "delimiter", "decimal", "encoding", "form", "region", "sum", "columns", "key_column", "time_column",
        "rows", "keys", "reporting_units", "not_listed", "also",
    ]

    // MARK: atlas.yaml

    static func parseAtlas(_ source: SourceText, reporter: Reporter) -> AtlasDefinition? {
        guard let root = YAMLSupport.compose(source, reporter: reporter) else { return nil }
        guard
            let m = MappingReader(
                root, source: source, what: "the atlas definition", allowed: atlasKeys, reporter: reporter)
        else {
            reporter.add(Diagnostic.error("the atlas definition is empty", at: source.location(line: 1, column: 1)))
            return nil
        }
        // A section the atlas does without is still written, as `none`: a file
        // cut short would otherwise lose the sections after the cut without a
        // word (the offers' three indicators, the peer groups). One finding,
        // at the end of the file, where a cut would be.
        let optional = ["territorial_changes", "geometry", "offers", "peer_groups"]
        let absent = optional.filter { m.node($0) == nil }
        if !absent.isEmpty {
            let names = absent.map { "\"\($0)\"" }.joined(separator: ", ")
            reporter.add(
                source.diagnostic(
                    .error, "the atlas definition has no \(names) section\(absent.count == 1 ? "" : "s")",
                    line: source.lastLine, column: 1,
                    hint:
                        "if the file was cut short, restore it from version control; a section the atlas does without is written as \"\(absent[0]): none\""
                ))
        }
        func section(_ key: String) -> Bool { m.node(key).map { $0.scalar?.string != "none" } ?? false }
        var languages = m.words("languages") ?? ["de", "en"]
        // A language named twice would make two pages of one path (and every
        // text table ambiguous): a finding, and each language counted once.
        var seen: Set<String> = []
        if let twice = languages.first(where: { !seen.insert($0).inserted }), let n = m.node("languages") {
            m.error("the language \"\(twice)\" is listed twice", at: n, hint: "name each language once, e.g. languages: [de, en]")
        }
        var unique: Set<String> = []
        languages = languages.filter { unique.insert($0).inserted }
        if !languages.contains("de") {
            if let n = m.node("languages") {
                m.error("the atlas must be published in German (de)", at: n, hint: "write languages: [de, en]")
            }
        }
        let title = m.localized("title", languages: languages)
        let description = m.localized("description", languages: languages, required: false)
        let gebietsstand = m.date("gebietsstand")
        let referenceYear = m.int("reference_year", example: "2021")
        let sources = m.string("sources", required: false)

        var regions: [RegionLevel: RegionTableDefinition] = [:]
        if let r = m.mapping("regions", what: "regions", allowed: RegionLevel.allCases.map(\.rawValue)) {
            for level in RegionLevel.allCases {
                guard let n = r.node(level.rawValue) else {
                    if level != .gemeinde {
                        r.missing(level.rawValue, example: "{table: …, key_column: …, name_column: …}")
                    }
                    continue
                }
                if let def = parseRegionTable(n, level: level, source: source, reporter: reporter) {
                    regions[level] = def
                }
            }
        }

        var tables: [String: TableDefinition] = [:]
        if let t = m.node("tables") {
            if case .mapping(let mapping) = t {
                for (k, v) in mapping {
                    let id = k.scalar?.string ?? ""
                    let loc = YAMLSupport.location(k, in: source)
                    if let def = parseTable(id: id, v, at: loc, source: source, languages: languages, reporter: reporter) {
                        tables[id] = def
                    }
                }
            } else {
                m.error(
                    "\"tables\" must be a mapping of table names to files", at: t,
                    hint: "e.g. tables:\n  inkar: {path: indicators/inkar.csv}")
            }
        } else {
            m.missing("tables", example: "{inkar: {path: indicators/inkar_kreise_1995-2021.csv}}")
        }

        var licences: [String: Licence] = [:]
        if let l = m.node("licences"), case .mapping(let mapping) = l {
            for (k, v) in mapping {
                let id = k.scalar?.string ?? ""
                guard
                    let lm = MappingReader(
                        v, source: source, what: "licence \"\(id)\"", allowed: ["name", "url", "dcat"], reporter: reporter)
                else { continue }
                if let name = lm.string("name"),
                    let url = lm.string("url", example: "https://www.govdata.de/dl-de/by-2-0")
                {
                    licences[id] = Licence(id: id, name: name.value, url: url.value, dcat: lm.string("dcat", required: false)?.value)
                    if !WebAddress.isAllowed(url.value) {
                        lm.error(
                            "the licence url must start with https://, http:// or mailto:, not \"\(url.value)\"", at: lm.node("url")!,
                            hint:
                                "it becomes a link on every indicator page: write the licence's web address, e.g. https://www.govdata.de/dl-de/by-2-0"
                        )
                    }
                }
            }
        } else if let l = m.node("licences") {
            m.error("\"licences\" must be a mapping of licence ids to name and url", at: l)
        } else {
            m.missing("licences", example: "{dl-de/by-2-0: {name: …, url: …}}")
        }

        var changes: [TerritorialChange] = []
        for item in section("territorial_changes") ? m.list("territorial_changes") ?? [] : [] {
            guard
                let c = MappingReader(
                    item, source: source, what: "a territorial change",
                    allowed: ["date", "level", "old_code", "old_name", "new_code", "new_name"], reporter: reporter),
                let date = c.date("date"), let old = c.string("old_code"), let oldName = c.string("old_name"),
                let new = c.string("new_code"), let newName = c.string("new_name")
            else { continue }
            let level = c.choice("level", RegionLevel.self, required: false) ?? .kreis
            changes.append(
                TerritorialChange(
                    date: date.value, level: level, oldCode: old.value, oldName: oldName.value, newCode: new.value,
                    newName: newName.value))
        }

        var persons = 329_120
        var personsSource: Localized?
        var personsGiven = false
        if let pm = m.mapping("persons", what: "persons", allowed: ["count", "source"], required: false) {
            personsGiven = true
            if let c = pm.int("count", example: "329120") {
                if c.value > 0 && c.value <= KeyDefinition.maxPersons {
                    persons = c.value
                } else {
                    pm.error(
                        "\"count\" must be a number of persons from 1 to \(KeyDefinition.maxPersons) (more than live in Germany), not \(c.value)",
                        at: pm.node("count")!)
                }
            }
            personsSource = pm.localized("source", languages: languages, required: false, allowSingle: true)
        }

        var geometry: [RegionLevel: GeometrySource] = [:]
        if section("geometry"), let g = m.mapping("geometry", what: "geometry", allowed: RegionLevel.allCases.map(\.rawValue)) {
            for level in RegionLevel.allCases {
                guard let n = g.node(level.rawValue),
                    let gm = MappingReader(
                        n, source: source, what: "geometry \"\(level.rawValue)\"", allowed: ["path", "key_property"], reporter: reporter),
                    let path = gm.string("path", example: "geo/kreise_2022_400.geojson")
                else { continue }
                geometry[level] = GeometrySource(
                    level: level, path: path, keyProperty: gm.string("key_property", required: false)?.value ?? "ags")
            }
        }

        guard let title, let gebietsstand, let referenceYear else { return nil }
        var definition = AtlasDefinition(
            title: title, description: description ?? title, languages: languages, gebietsstand: gebietsstand.value,
            referenceYear: referenceYear.value, sources: sources, regions: regions, tables: tables, licences: licences,
            territorialChanges: changes)
        definition.geometry = geometry
        definition.persons = persons
        definition.personsGiven = personsGiven
        if section("offers"),
            let om = m.mapping(
                "offers", what: "offers",
                allowed: ["folder", "postcodes", "verify_within_days", "licence", "theme", "categories", "sources"]),
            let folder = om.string("folder", example: "angebote"), let licence = om.string("licence", example: "dl-de/by-2-0"),
            let theme = om.string("theme", example: "zivilgesellschaft")
        {
            var categories: [OffersDefinition.Category] = []
            for item in om.list("categories") ?? [] {
                guard let c = MappingReader(item, source: source, what: "an offer category", allowed: ["id", "title"], reporter: reporter),
                    let id = c.string("id", example: "anerkennungsberatung"), let title = c.localized("title", languages: languages)
                else { continue }
                categories.append(.init(id: id.value, title: title))
            }
            let postcodes = om.mapping("postcodes", what: "\"postcodes\" of offers", allowed: ["path"], required: false)?.string(
                "path", example: "offers/plz_kreis.csv")
            definition.offers = OffersDefinition(
                folder: folder.value, postcodes: postcodes, verifyWithinDays: om.int("verify_within_days", required: false)?.value ?? 365,
                licence: licence, topic: theme.value, categories: categories, location: om.location)
            for item in om.list("sources", required: false) ?? [] {
                guard
                    let sm = MappingReader(
                        item, source: source, what: "an offers source",
                        allowed: ["path", "licence", "attribution", "as_of", "columns", "values", "ignore", "fill"],
                        reporter: reporter),
                    let path = sm.string("path", example: "offers/helferkreise_muenchen_2020.csv"),
                    let licence = sm.string("licence", example: "odbl-1.0"), let attribution = sm.string("attribution", example: "…"),
                    let asOf = sm.date("as_of")
                else { continue }
                func pairs(_ key: String, in node: Node? = nil) -> [String: String] {
                    guard let n = node ?? sm.node(key) else { return [:] }
                    guard case .mapping(let m) = n else {
                        sm.error("\"\(key)\" of an offers source must be a mapping", at: n, hint: "e.g. \(key): {breite: lat}")
                        return [:]
                    }
                    var out: [String: String] = [:]
                    for (k, v) in m {
                        let name = k.scalar?.string ?? ""
                        if !LoadRun.offerColumns.contains(name) {
                            sm.error(
                                "\"\(name)\" is not a column of the offers directory", at: k,
                                hint: Suggestion.hint(
                                    for: name, in: LoadRun.offerColumns, otherwise: "the columns are: \(LoadRun.offerColumns.joined(separator: ", "))"
                                ))
                        }
                        out[name] = v.scalar?.string ?? ""
                    }
                    return out
                }
                let values = pairs("values")
                var fill: [String: [String: String]] = [:]
                if let f = sm.node("fill") {
                    if case .mapping(let m) = f {
                        for (k, v) in m { fill[k.scalar?.string ?? ""] = pairs("fill", in: v) }
                    } else {
                        sm.error(
                            "\"fill\" must map an entry's name to the cells to fill", at: f,
                            hint: "e.g. fill: {\"Helferkreis X\": {ags: \"09179121\"}}")
                    }
                }
                for key in ["geprueft_am", "geprueft_von"] where values[key] != nil {
                    sm.error(
                        "an offers source gives its date with \"as_of\", not \"\(key)\"", at: sm.node("values")!, hint: "remove \(key) from values")
                }
                definition.offers?.sources.append(
                    OfferSource(
                        path: path, licence: licence, attribution: attribution.value, asOf: asOf.value, columns: pairs("columns"), values: values,
                        ignore: sm.has("ignore") ? (sm.words("ignore") ?? []) : [], fill: fill, location: sm.location))
            }
        }
        if let b = m.string("base_url", required: false) {
            if b.value.hasPrefix("https://") || b.value.hasPrefix("http://") {
                definition.baseURL = b.value
            } else {
                m.error("\"base_url\" must start with https:// or http://", at: m.node("base_url")!)
            }
        }
        definition.personsSource = personsSource
        if section("peer_groups"),
            let pm = m.mapping(
                "peer_groups", what: "peer_groups", allowed: ["title", "table", "key_column", "value_column", "source", "names"]),
            let title = pm.localized("title", languages: languages), let table = pm.string("table", example: "kreistypen_2020"),
            let key = pm.string("key_column", example: "ags"), let value = pm.string("value_column", example: "kreistyp"),
            let sourceText = pm.localized("source", languages: languages, allowSingle: true), let namesNode = pm.node("names")
        {
            var names: [(code: String, name: Localized)] = []
            if case .mapping(let nm) = namesNode {
                for (k, v) in nm {
                    let code = k.scalar?.string ?? ""
                    guard
                        let texts = MappingReader(
                            v, source: source, what: "the name of peer group \"\(code)\"", allowed: languages, reporter: reporter)
                    else { continue }
                    var out: [String: String] = [:]
                    for lang in languages { if let t = texts.string(lang) { out[lang] = t.value } }
                    names.append((code, Localized(out)))
                }
            } else {
                pm.error(
                    "\"names\" must map each group's code to its name", at: namesNode, hint: "e.g. names:\n  \"1\": {de: Kreisfreie Großstadt, en: …}"
                )
            }
            definition.peerGroups = PeerGroupDefinition(
                title: title, table: table, keyColumn: key, valueColumn: value, source: sourceText, names: names)
        }
        return definition
    }

    static func parseRegionTable(_ node: Node, level: RegionLevel, source: SourceText, reporter: Reporter)
        -> RegionTableDefinition?
    {
        guard
            let r = MappingReader(
                node, source: source, what: "regions \"\(level.rawValue)\"", allowed: regionKeys, reporter: reporter),
            let table = r.string("table"), let key = r.string("key_column", example: "ags"),
            let name = r.string("name_column", example: "name")
        else { return nil }
        let parent = r.string(
            "parent_column", required: false, example: level == .kreis ? "land_code" : "kreis_ags")
        var pages = level != .gemeinde
        if let p = r.bool("pages", required: false) {
            if level == .gemeinde {
                pages = p.value
            } else if !p.value {
                r.error("every \(level.nameDE) has its page; \"pages: false\" is for Gemeinden only", at: r.node("pages")!, hint: "remove \"pages:\"")
            }
        }
        return RegionTableDefinition(
            level: level, table: table, keyColumn: key, nameColumn: name,
            shortNameColumn: r.string("short_name_column", required: false),
            typeColumn: r.string("type_column", required: false), parentColumn: parent, pages: pages)
    }

    static func parseTable(
        id: String, _ node: Node, at location: SourceLocation, source: SourceText, languages: [String] = ["de", "en"],
        reporter: Reporter
    )
        -> TableDefinition?
    {
        guard
            let t = MappingReader(
                node, source: source, what: "table \"\(id)\"", allowed: tableKeys, reporter: reporter),
            let path = t.string("path", example: "indicators/inkar_kreise_1995-2021.csv")
        else { return nil }
        let root: TableDefinition.Root
        switch t.string("root", required: false)?.value {
        case nil, "sources": root = .sources
        case "data": root = .data
        case let other?:
            t.error(
                "\"\(other)\" is not a valid \"root\" in table \"\(id)\"", at: t.node("root")!,
                hint: "write root: sources (the source root, default) or root: data (the Data folder)")
            return nil
        }
        var dialect: Dialect?
        let delimiter = t.string("delimiter", required: false)
        let decimal = t.string("decimal", required: false)
        if delimiter != nil || decimal != nil {
            var d = Dialect.plain
            switch delimiter?.value {
            case nil: d.delimiter = decimal?.value == "comma" ? UInt8(ascii: ";") : UInt8(ascii: ",")
            case ";": d.delimiter = UInt8(ascii: ";")
            case ",": d.delimiter = UInt8(ascii: ",")
            case "tab": d.delimiter = 0x09
            case let other?:
                t.error(
                    "\"\(other)\" is not a valid delimiter", at: t.node("delimiter")!,
                    hint: "write delimiter: \";\", \",\" or tab")
            }
            switch decimal?.value {
            case nil: d.decimalComma = d.delimiter == UInt8(ascii: ";")
            case "comma": d.decimalComma = true
            case "point": d.decimalComma = false
            case let other?:
                t.error(
                    "\"\(other)\" is not a valid decimal mark", at: t.node("decimal")!,
                    hint: "write decimal: comma or decimal: point")
            }
            dialect = d
        }
        var def = TableDefinition(id: id, path: path, root: root, dialect: dialect, location: location)
        if t.has("encoding"), let e = t.choice("encoding", TextEncoding.self) { def.encoding = e }
        def.form = parseForm(t, id: id, source: source) ?? .plain
        if let units = t.list("reporting_units", required: false) {
            def.reportingUnits = units.compactMap { parseReportingUnit($0, table: id, source: source, languages: languages, reporter: reporter) }
        }
        // A table set: further files with the same columns (a new release, a
        // new year), each with its Datenstand; read as one table.
        if let files = t.list("also", required: false) {
            for item in files {
                guard
                    let f = MappingReader(
                        item, source: source, what: "a file under \"also\" of table \"\(id)\"", allowed: ["path", "datenstand"], reporter: reporter),
                    let p = f.string("path", example: "indicators/inkar_kreise_2022.csv")
                else { continue }
                def.also.append((p, f.date("datenstand", required: false)))
            }
        }
        if let n = t.node("not_listed") {
            def.notListed = parseNotes(n, field: "not_listed", owner: "table \"\(id)\"", source: source, languages: languages, reporter: reporter)
        }
        return def
    }

    /// The layout-specific fields of a table (`form:` and what it needs);
    /// fields of another form are an error, not silently ignored.
    static func parseForm(_ t: MappingReader, id: String, source: SourceText) -> TableForm? {
        let form = t.string("form", required: false)?.value ?? "csv"
        let own: [String]
        switch form {
        case "csv": own = []
        case "genesis-flat": own = ["region", "sum", "columns", "keys"]
        case "genesis-table": own = ["columns", "key_column", "time_column", "rows", "keys"]
        default:
            t.error(
                "\"\(form)\" is not a valid \"form\" in table \"\(id)\"", at: t.node("form")!,
                hint: Suggestion.hint(
                    for: form, in: ["csv", "genesis-flat", "genesis-table"],
                    otherwise: "write form: csv (default), genesis-flat (GENESIS-Online flat CSV) or genesis-table (GENESIS/Regionaldatenbank table)")
            )
            return nil
        }
        for key in ["region", "sum", "columns", "key_column", "time_column", "rows", "keys"] where t.has(key) && !own.contains(key) {
            t.error(
                "\"\(key)\" belongs to another form of table than \"\(form)\" (table \"\(id)\")", at: t.node(key)!,
                hint: form == "csv" ? "add form: genesis-flat or form: genesis-table, or remove \"\(key)\"" : "remove \"\(key)\"")
        }
        let keys = t.node("keys").flatMap { parseKeyRules($0, table: id, source: source, reporter: t.reporter) } ?? KeyRules()
        switch form {
        case "genesis-flat":
            guard let region = t.string("region", example: "KREISE") else { return nil }
            var sum: [Located<String>] = []
            if t.has("sum") {
                for item in t.list("sum") ?? [] {
                    guard case .scalar(let s) = item, !s.string.isEmpty else {
                        t.error("each entry of \"sum\" in table \"\(id)\" must be a variable code such as GES", at: item)
                        continue
                    }
                    sum.append(Located(s.string, at: YAMLSupport.location(item, in: source)))
                }
            }
            guard let columnsNode = t.node("columns") else {
                t.missing("columns", example: "{insgesamt: {SCHST2: [SCHUTZST-OF, SCHUTZST-AK-1, SCHUTZST-X]}}")
                return nil
            }
            guard case .mapping(let mapping) = columnsNode else {
                t.error(
                    "\"columns\" in table \"\(id)\" must be a mapping of column names to code selections", at: columnsNode,
                    hint: "e.g. columns:\n  insgesamt: {SCHST2: [SCHUTZST-OF, SCHUTZST-AK-1, SCHUTZST-X]}")
                return nil
            }
            var columns: [(name: Located<String>, select: [(dimension: Located<String>, codes: CodeSelection)])] = []
            for (k, v) in mapping {
                let name = Located(k.scalar?.string ?? "", at: YAMLSupport.location(k, in: source))
                var select: [(dimension: Located<String>, codes: CodeSelection)] = []
                switch v {
                case .mapping(let dims):
                    for (dk, dv) in dims {
                        let dimension = Located(dk.scalar?.string ?? "", at: YAMLSupport.location(dk, in: source))
                        switch dv {
                        case .scalar(let s) where s.string == "all": select.append((dimension, .all))
                        case .scalar(let s) where !s.string.isEmpty:
                            select.append((dimension, .codes([Located(s.string, at: YAMLSupport.location(dv, in: source))])))
                        case .sequence(let seq):
                            var codes: [Located<String>] = []
                            for item in seq {
                                if case .scalar(let s) = item, !s.string.isEmpty {
                                    codes.append(Located(s.string, at: YAMLSupport.location(item, in: source)))
                                } else {
                                    t.error("each code of \"\(dimension.value)\" in column \"\(name.value)\" must be a single code", at: item)
                                }
                            }
                            select.append((dimension, .codes(codes)))
                        default:
                            t.error(
                                "\"\(dimension.value)\" in column \"\(name.value)\" must be a code, a list of codes or all", at: dv,
                                hint: "e.g. \(dimension.value): [CODE-1, CODE-2] to add up two codes")
                        }
                    }
                case .scalar(let s) where s.string.isEmpty: break
                default:
                    t.error(
                        "column \"\(name.value)\" of table \"\(id)\" must be a mapping of dimensions to codes", at: v,
                        hint: "e.g. \(name.value): {SCHST2: SCHUTZST-OF}")
                }
                columns.append((name, select))
            }
            return .genesisFlat(GenesisFlatSpec(region: region, sum: sum, columns: columns, keys: keys))
        case "genesis-table":
            guard let names = t.list("columns") else { return nil }
            var columns: [Located<String>] = []
            for item in names {
                guard case .scalar(let s) = item, !s.string.isEmpty else {
                    t.error("each entry of \"columns\" in table \"\(id)\" must be a column name", at: item)
                    continue
                }
                columns.append(Located(s.string, at: YAMLSupport.location(item, in: source)))
            }
            guard let key = t.string("key_column", example: "ags") else { return nil }
            var spec = GenesisTableSpec(columns: columns, keyColumn: key, timeColumn: t.string("time_column", required: false), rows: nil, keys: keys)
            if let r = t.node("rows") {
                if case .mapping(let m) = r, m.count == 1, let (k, v) = m.first.map({ ($0.key, $0.value) }), let value = v.scalar?.string {
                    spec.rows = (Located(k.scalar?.string ?? "", at: YAMLSupport.location(k, in: source)), value)
                } else {
                    t.error(
                        "\"rows\" in table \"\(id)\" must name one column and the text its rows must have", at: r,
                        hint: "e.g. rows: {schulart: Insgesamt}")
                }
            }
            for name in [spec.keyColumn] + (spec.timeColumn.map { [$0] } ?? []) + (spec.rows.map { [$0.column] } ?? [])
            where !columns.contains(where: { $0.value == name.value }) {
                t.reporter.add(
                    source.diagnostic(
                        .error, "table \"\(id)\" names no column \"\(name.value)\" in \"columns\"", line: name.location.line,
                        column: name.location.column, length: name.value.unicodeScalars.count,
                        hint: Suggestion.hint(for: name.value, in: columns.map(\.value), otherwise: "add it to \"columns\"")))
            }
            return .genesisTable(spec)
        default:
            return .plain
        }
    }

    static func parseKeyRules(_ node: Node, table: String, source: SourceText, reporter: Reporter) -> KeyRules? {
        let allowed = ["leading_zero_lost", "eight_digits", "germany", "laender", "regierungsbezirke", "former_kreise", "parts"]
        guard let k = MappingReader(node, source: source, what: "\"keys\" of table \"\(table)\"", allowed: allowed, reporter: reporter)
        else { return nil }
        var rules = KeyRules()
        rules.leadingZeroLost = k.bool("leading_zero_lost", required: false)?.value ?? false
        rules.eightDigits = k.bool("eight_digits", required: false)?.value ?? false
        func action(_ key: String, _ allowed: [KeyRules.Action]) -> KeyRules.Action? {
            guard k.has(key), let a = k.choice(key, KeyRules.Action.self) else { return nil }
            guard allowed.contains(a) else {
                k.error(
                    "\"\(a.rawValue)\" is not possible for \"\(key)\"", at: k.node(key)!,
                    hint: "write \(key): " + allowed.map(\.rawValue).joined(separator: " or "))
                return nil
            }
            return a
        }
        rules.germany = action("germany", [.leaveOut])
        rules.laender = action("laender", [.leaveOut, .cityStates])
        rules.regierungsbezirke = action("regierungsbezirke", [.leaveOut])
        rules.formerKreise = action("former_kreise", [.leaveOut, .merge, .sameAsSuccessor])
        rules.parts = action("parts", [.leaveOut])
        return rules
    }

    static func parseReportingUnit(_ node: Node, table: String, source: SourceText, languages: [String], reporter: Reporter)
        -> ReportingUnit?
    {
        guard
            let u = MappingReader(
                node, source: source, what: "a reporting unit of table \"\(table)\"", allowed: ["reported_by", "covers", "note"],
                reporter: reporter),
            let by = u.string("reported_by", example: "\"10044\""), let items = u.list("covers"),
            let note = u.localized("note", languages: languages)
        else { return nil }
        var covers: [Located<String>] = []
        for item in items {
            guard case .scalar(let s) = item, !s.string.isEmpty else {
                u.error("each entry of \"covers\" must be a Kreis key such as \"10041\"", at: item)
                continue
            }
            covers.append(Located(s.string, at: YAMLSupport.location(item, in: source)))
        }
        if !covers.contains(where: { $0.value == by.value }) {
            u.error(
                "the reporting Kreis \(by.value) must be among those the unit \"covers\"", at: u.node("covers")!,
                hint: "add \"\(by.value)\" to covers")
        }
        return ReportingUnit(reportedBy: by, covers: covers, note: note)
    }

    /// Kreis keys mapped to a note in every language (`not_listed:` of a
    /// table, `not_applicable:` of an indicator).
    static func parseNotes(
        _ n: Node, field: String, owner: String, source: SourceText, languages: [String], reporter: Reporter
    ) -> [(code: Located<String>, note: Localized)] {
        guard case .mapping(let m) = n else {
            reporter.add(
                Diagnostic.error(
                    "\"\(field)\" of \(owner) must map Kreis keys to a note", at: YAMLSupport.location(n, in: source),
                    hint: "e.g. \(field):\n  \"12071\": {de: …, en: …}"))
            return []
        }
        var out: [(code: Located<String>, note: Localized)] = []
        for (k, v) in m {
            let code = Located(k.scalar?.string ?? "", at: YAMLSupport.location(k, in: source))
            guard
                let texts = MappingReader(
                    v, source: source, what: "the note on \(code.value) in \"\(field)\" of \(owner)", allowed: languages, reporter: reporter)
            else { continue }
            var texts2: [String: String] = [:]
            for lang in languages { if let text = texts.string(lang) { texts2[lang] = text.value } }
            out.append((code, Localized(texts2)))
        }
        return out
    }

    // MARK: themes.yaml

    /// The years an indicator's figures may have: wide enough for any
    /// official series, narrow enough that a slip (0, 20211) is caught and no
    /// span overflows.
    static let plausibleYears = 1800...2200

    static func parseTopics(_ source: SourceText, languages: [String], reporter: Reporter) -> [Topic] {
        guard let root = YAMLSupport.compose(source, reporter: reporter) else { return [] }
        guard case .sequence(let items) = root else {
            reporter.add(
                source.diagnostic(
                    .error, "the themes file must be a list of themes", line: 1, column: 1,
                    hint: "start each theme with \"- id: …\""))
            return []
        }
        var themes: [Topic] = []
        for item in items {
            let what = item.mapping?["id"]?.scalar.map { "theme \"\($0.string)\"" } ?? "a theme"
            guard
                let t = MappingReader(
                    item, source: source, what: what, allowed: ["id", "title", "description"], reporter: reporter),
                let id = t.string("id", example: "wohnen")
            else { continue }
            guard let title = t.localized("title", languages: languages) else { continue }
            let description = t.localized("description", languages: languages, required: false) ?? title
            themes.append(Topic(id: id.value, title: title, description: description, location: id.location))
        }
        return themes
    }

    // MARK: indicators/<id>.yaml

    static func parseIndicator(_ source: SourceText, languages: [String], reporter: Reporter) -> Indicator? {
        guard let root = YAMLSupport.compose(source, reporter: reporter) else { return nil }
        let stem = fileStem(source.path)
        guard
            let m = MappingReader(
                root, source: source, what: "indicator \"\(stem)\"", allowed: indicatorKeys, reporter: reporter)
        else {
            reporter.add(Diagnostic.error("the indicator file is empty", at: source.location(line: 1, column: 1)))
            return nil
        }
        let id = m.string("id", example: stem)
        if let id, id.value != stem {
            m.error(
                "the id \"\(id.value)\" differs from the file name \"\(stem)\"", at: m.node("id")!,
                hint:
                    "the id names the page /indikator/<id>/ and must equal the file name: write id: \(stem) or rename the file"
            )
        }
        let title = m.localized("title", languages: languages)
        let short = m.localized("short", languages: languages)
        let definition = m.localized("definition", languages: languages)
        let unit = m.localized("unit", languages: languages, allowSingle: true)
        let decimals = m.int("decimals", example: "1")
        if let d = decimals, !(0...6).contains(d.value) {
            m.error("\"decimals\" must be between 0 and 6, not \(d.value)", at: m.node("decimals")!)
        }
        let theme = m.string("theme", example: "wohnen")
        let polarity = m.choice("polarity", Polarity.self)

        var range: ClosedRange<Double>?
        if let r = m.mapping(
            "range", what: "\"range\" of indicator \"\(stem)\"", allowed: ["min", "max"], required: false),
            let lo = r.double("min"), let hi = r.double("max", example: "100")
        {
            if lo.value <= hi.value {
                range = lo.value...hi.value
            } else {
                r.error("\"min\" (\(lo.value)) is greater than \"max\" (\(hi.value))", at: r.node("min")!)
            }
        }
        var years: ClosedRange<Int>?
        if let y = m.mapping("years", what: "\"years\" of indicator \"\(stem)\"", allowed: ["from", "to"]),
            let from = y.int("from", example: "1995"), let to = y.int("to", example: "2021")
        {
            if !Self.plausibleYears.contains(from.value) || !Self.plausibleYears.contains(to.value) {
                let bad = Self.plausibleYears.contains(from.value) ? "to" : "from"
                y.error(
                    "\"\(bad)\" (\(bad == "from" ? from.value : to.value)) is not a year of official statistics",
                    at: y.node(bad)!, hint: "write a year between \(Self.plausibleYears.lowerBound) and \(Self.plausibleYears.upperBound)")
            } else if from.value <= to.value {
                years = from.value...to.value
            } else {
                y.error("\"from\" (\(from.value)) is later than \"to\" (\(to.value))", at: y.node("from")!)
            }
        }
        let reference = parseReference(m, stem: stem)
        let sourceInfo = parseSource(m, stem: stem, languages: languages)

        var values: [ValueSource] = []
        var derivation: Derivation?
        if let d = m.mapping("derive", what: "\"derive\" of indicator \"\(stem)\"", allowed: ["numerator", "denominator", "per"], required: false) {
            if m.has("values") {
                m.error("an indicator has either \"values\" or \"derive\", not both", at: m.node("derive")!, hint: "remove one of them")
            }
            if let n = d.string("numerator", example: "schutzsuchende"), let dn = d.string("denominator", example: "bevoelkerung") {
                let per = d.double("per", required: false, example: "1000")
                if let per, per.value <= 0 { d.error("\"per\" must be greater than 0", at: d.node("per")!) }
                derivation = Derivation(numerator: n, denominator: dn, per: per?.value ?? 1)
            }
        } else {
            for item in m.list("values") ?? [] {
                if let v = parseValueSource(item, stem: stem, source: source, reporter: reporter) { values.append(v) }
            }
        }
        if case .ratio = reference, derivation == nil, let node = m.node("reference") {
            m.error(
                "reference: ratio needs \"derive:\" (the ratio of the sums of numerator and denominator)", at: node,
                hint: "use median, sum or weighted-mean")
        }

        var map = MapStyle()
        if let mm = m.mapping("map", what: "\"map\" of indicator \"\(stem)\"", allowed: ["classes", "count", "palette", "midpoint"], required: false)
        {
            map.classes = mm.choice("classes", MapStyle.Classes.self, required: false) ?? .quantiles
            map.palette = mm.choice("palette", MapStyle.Palette.self, required: false) ?? .sequential
            if let c = mm.int("count", required: false, example: "5") {
                if (3...7).contains(c.value) {
                    map.count = c.value
                } else {
                    mm.error(
                        "\"count\" must be between 3 and 7 classes, not \(c.value)", at: mm.node("count")!,
                        hint: "maps with more than 7 colours cannot be told apart")
                }
            }
            map.midpoint = mm.double("midpoint", required: false)?.value
            if map.palette == .diverging && map.midpoint == nil {
                mm.missing("midpoint", example: "0")
            }
        }

        guard let id, let title, let short, let definition, let unit, let decimals, let theme, let polarity,
            let years, let reference, let sourceInfo, !values.isEmpty || derivation != nil
        else { return nil }
        var indicator = Indicator(
            id: id.value, file: source.path, title: title, short: short, definition: definition, unit: unit,
            decimals: decimals.value, topic: theme, polarity: polarity, range: range, years: years,
            reference: reference, source: sourceInfo, values: values, location: m.location)
        indicator.map = map
        indicator.derive = derivation
        indicator.note = m.localized("note", languages: languages, required: false)
        if let n = m.node("not_applicable") {
            indicator.notApplicable = parseNotes(
                n, field: "not_applicable", owner: "indicator \"\(indicator.id)\"", source: source, languages: languages, reporter: reporter)
        }
        if let dm = m.mapping("disclosure", what: "\"disclosure\" of indicator \"\(stem)\"", allowed: ["min", "sum_of"], required: false) {
            var rule = Disclosure()
            if let least = dm.int("min", required: false, example: "3") {
                if (1...1000).contains(least.value) {
                    rule.min = least.value
                } else {
                    dm.error("\"min\" must be a count from 1 to 1000, not \(least.value)", at: dm.node("min")!, hint: "write e.g. min: 3")
                }
            }
            if let n = dm.node("sum_of") {
                for item in dm.list("sum_of") ?? [] {
                    guard let word = item.scalar?.string, !word.isEmpty else {
                        dm.error("each entry of \"sum_of\" must be an indicator id", at: item)
                        continue
                    }
                    rule.sumOf.append(Located(word, at: YAMLSupport.location(item, in: source)))
                }
                if rule.sumOf.count < 2 {
                    dm.error("\"sum_of\" names the indicators that add up to this one: at least two", at: n)
                }
            }
            if rule.min == nil && rule.sumOf.isEmpty {
                dm.missing("min", example: "3")
            }
            indicator.disclosure = rule
        }
        if let am = m.mapping(
            "aggregate", what: "\"aggregate\" of indicator \"\(stem)\"", allowed: ["rule", "weight", "min_coverage"], required: false)
        {
            if let rule = am.choice("rule", Aggregation.Rule.self) {
                let weight = am.string("weight", required: rule == .weightedMean, example: "bevoelkerung")
                indicator.aggregate = Aggregation(rule: rule, weight: weight)
                if let c = am.double("min_coverage", required: false, example: "0.95") {
                    if rule != .weightedMean {
                        am.error(
                            "\"min_coverage\" is for weighted means only", at: am.node("min_coverage")!,
                            hint: "a sum with a part missing is never shown; remove min_coverage")
                    } else if !(0.5..<1).contains(c.value) {
                        am.error("\"min_coverage\" must be at least 0.5 and below 1, not \(c.value)", at: am.node("min_coverage")!)
                    } else {
                        indicator.aggregate?.minCoverage = c.value
                    }
                }
                if !values.contains(where: { $0.level == .gemeinde }) {
                    am.error(
                        "\"aggregate\" needs figures per Gemeinde", at: m.node("aggregate")!,
                        hint: "give the values with level: gemeinde, or remove aggregate:")
                }
            }
        }
        return indicator
    }

    static func parseReference(_ m: MappingReader, stem: String) -> ReferenceMethod? {
        guard let node = m.node("reference") else {
            m.missing("reference", example: "median")
            return nil
        }
        let words = ["median", "sum", "weighted-mean", "ratio"]
        if case .scalar(let s) = node {
            switch s.string {
            case "median": return .median
            case "sum": return .sum
            case "ratio": return .ratio
            case "weighted-mean":
                m.error(
                    "\"weighted-mean\" needs the indicator to weight by", at: node,
                    hint: "write reference: {method: weighted-mean, weight: bevoelkerung}")
                return nil
            default:
                let hint = Suggestion.hint(
                    for: s.string, in: words, otherwise: "write one of: \(words.joined(separator: ", "))")
                m.error("\"\(s.string)\" is not a valid \"reference\" in indicator \"\(stem)\"", at: node, hint: hint)
                return nil
            }
        }
        guard
            let r = MappingReader(
                node, source: m.source, what: "\"reference\" of indicator \"\(stem)\"", allowed: ["method", "weight", "min_coverage"],
                reporter: m.reporter),
            let method = r.string("method", example: "weighted-mean")
        else { return nil }
        if let c = r.double("min_coverage", required: false, example: "0.9") {
            if method.value != "sum" {
                r.error("\"min_coverage\" is for sums only", at: r.node("min_coverage")!, hint: "remove it, or write method: sum")
            } else if !(0.5...1).contains(c.value) {
                r.error("\"min_coverage\" must be between 0.5 and 1, not \(c.value)", at: r.node("min_coverage")!)
            } else {
                return .sum(minCoverage: c.value)
            }
        }
        switch method.value {
        case "median": return .median
        case "sum": return .sum
        case "weighted-mean":
            guard let w = r.string("weight", example: "bevoelkerung") else { return nil }
            return .weightedMean(weight: w)
        default:
            r.error(
                "\"\(method.value)\" is not a valid reference method", at: r.node("method")!,
                hint: "write one of: \(words.joined(separator: ", "))")
            return nil
        }
    }

    static func parseSource(_ m: MappingReader, stem: String, languages: [String]) -> SourceInfo? {
        guard let s = m.mapping("source", what: "\"source\" of indicator \"\(stem)\"", allowed: sourceKeys) else {
            return nil
        }
        let publisher = s.localized("publisher", languages: languages, allowSingle: true)
        let licence = s.string("licence", example: "dl-de/by-2-0")
        let datenstand = s.date("datenstand")
        let url = s.string("url", required: false)
        if let url, !WebAddress.isAllowed(url.value) {
            s.error("the source url must start with https://, http:// or mailto:, not \"\(url.value)\"", at: s.node("url")!)
        }
        let attribution = s.string("attribution", required: false)
        let changes = s.localized("changes", languages: languages, required: false, allowSingle: true)
        guard let publisher, let licence, let datenstand else { return nil }
        return SourceInfo(
            publisher: publisher, licence: licence, attribution: attribution?.value, url: url?.value,
            datenstand: datenstand.value, changes: changes)
    }

    static func parseValueSource(_ node: Node, stem: String, source: SourceText, reporter: Reporter) -> ValueSource? {
        guard
            let v = MappingReader(
                node, source: source, what: "\"values\" of indicator \"\(stem)\"", allowed: valueKeys,
                reporter: reporter)
        else { return nil }
        let table = v.string("table", example: "inkar")
        let level = v.choice("level", RegionLevel.self, required: false) ?? .kreis
        let key = v.string("key_column", example: "ags")
        let value = v.string("value_column", example: "value")
        var year: ValueSource.YearSource?
        if v.has("year_column"), v.has("year") {
            v.error(
                "write either \"year_column\" or \"year\", not both", at: v.node("year")!,
                hint:
                    "year_column names the column with the year; year: 2022 gives one year for a table without such a column"
            )
        } else if let y = v.string("year_column", required: false) {
            year = .column(y)
        } else if let y = v.int("year", required: false, example: "2022") {
            year = .fixed(y.value)
        } else {
            v.missing("year_column", example: "year")
        }
        var filter: (column: Located<String>, value: String)?
        if let w = v.node("where") {
            if case .mapping(let mapping) = w, mapping.count == 1, let pair = mapping.first,
                let column = pair.key.scalar?.string, let value = pair.value.scalar?.string, !value.isEmpty
            {
                filter = (Located(column, at: YAMLSupport.location(pair.key, in: source)), value)
            } else {
                v.error("\"where\" takes one column and its value", at: w, hint: "e.g. where: {indicator: arbeitslosenquote}")
            }
        }
        guard let table, let key, let value, let year else { return nil }
        var vs = ValueSource(table: table, level: level, keyColumn: key, year: year, valueColumn: value, location: v.location)
        vs.filter = filter
        return vs
    }

    // MARK: keys/<id>.yaml

    static let keyKeys = ["id", "title", "version", "rationale", "level", "official", "components", "within_land", "compare_with"]
    static let componentKeys = ["id", "title", "weight", "indicator", "times", "inverse", "year", "missing"]

    static func parseKey(_ source: SourceText, languages: [String], reporter: Reporter) -> KeyDefinition? {
        guard let root = YAMLSupport.compose(source, reporter: reporter) else { return nil }
        let stem = fileStem(source.path)
        guard let m = MappingReader(root, source: source, what: "key \"\(stem)\"", allowed: keyKeys, reporter: reporter) else {
            reporter.add(Diagnostic.error("the key file is empty", at: source.location(line: 1, column: 1)))
            return nil
        }
        let id = m.string("id", example: stem)
        if let id, id.value != stem {
            m.error(
                "the id \"\(id.value)\" differs from the file name \"\(stem)\"", at: m.node("id")!,
                hint: "the id names the page /schluessel/<id>/ and must equal the file name")
        }
        let title = m.localized("title", languages: languages)
        let version = m.string("version", example: "1")
        let rationale = m.localized("rationale", languages: languages)
        let level = m.choice("level", RegionLevel.self) ?? .land
        if level == .gemeinde, let n = m.node("level") {
            m.error("a key is given per Land or per Kreis", at: n, hint: "write level: land or level: kreis")
        }
        var kind: KeyDefinition.Kind?
        if m.has("official") && m.has("components") {
            m.error("a key is either official or made of components, not both", at: m.node("components")!)
        } else if let o = m.mapping("official", what: "\"official\" of key \"\(stem)\"", allowed: ["indicator", "year"], required: false) {
            if let ind = o.string("indicator", example: "koenigsteiner-schluessel"), let year = o.int("year", example: "2019") {
                kind = .official(indicator: ind, year: year.value)
            }
        } else if let items = m.list("components") {
            var parts: [KeyComponent] = []
            var seen: Set<String> = []
            for item in items {
                guard let c = MappingReader(item, source: source, what: "a component of key \"\(stem)\"", allowed: componentKeys, reporter: reporter),
                    let cid = c.string("id", example: "bevoelkerung"), let ctitle = c.localized("title", languages: languages),
                    let weight = c.string("weight", example: "1/3"), let indicator = c.string("indicator", example: "bevoelkerung")
                else { continue }
                if !seen.insert(cid.value).inserted { c.error("the component id \"\(cid.value)\" is used twice", at: c.node("id")!) }
                guard let w = parseWeight(weight.value), w > 0 else {
                    c.error(
                        "the weight \"\(weight.value)\" is not a positive number or fraction up to \(Int(KeyDefinition.maxWeight))",
                        at: c.node("weight")!, hint: "write e.g. weight: 2/3 or weight: 0.25")
                    continue
                }
                var inverse = false
                if let inv = c.string("inverse", required: false) {
                    guard inv.value == "true" || inv.value == "false" else {
                        c.error("\"inverse\" must be true or false", at: c.node("inverse")!)
                        continue
                    }
                    inverse = inv.value == "true"
                }
                let missing = c.choice("missing", KeyComponent.Missing.self, required: false) ?? .fail
                parts.append(
                    KeyComponent(
                        id: cid.value, title: ctitle, weightText: weight.value, weight: w, indicator: indicator,
                        times: c.string("times", required: false), inverse: inverse, year: c.int("year", required: false)?.value,
                        missing: missing))
            }
            if items.isEmpty, let n = m.node("components") {
                m.error(
                    "the key has no components", at: n,
                    hint: "list at least one, e.g. components: [{id: bevoelkerung, title: …, weight: 1, indicator: bevoelkerung}]")
            }
            if !parts.isEmpty { kind = .composite(parts) }
        } else {
            m.missing("components", example: "[{id: bevoelkerung, title: …, weight: 1/3, indicator: bevoelkerung}]")
        }
        guard let id, let title, let version, let rationale, let kind else { return nil }
        return KeyDefinition(
            id: id.value, file: source.path, title: title, version: version.value, rationale: rationale, level: level, kind: kind,
            withinLand: m.string("within_land", required: false), compareWith: m.string("compare_with", required: false),
            location: m.location)
    }

    /// "2/3", "0.25", ".5" or "1": digits with at most one decimal point, or a
    /// fraction of two such numbers, as the key lab's script reads them
    /// (`parseWeight` in keylab.js); no exponent, "inf" or "nan". Nil beyond
    /// `KeyDefinition.maxWeight` (1e400 became infinity, the shares NaN).
    static func parseWeight(_ s: String) -> Double? {
        func number(_ t: Substring) -> Double? {
            let t = t.trimmingCharacters(in: .whitespaces)
            var points = 0
            var digits = 0
            for c in t.utf8 {
                if c == UInt8(ascii: ".") { points += 1 } else if c >= 0x30 && c <= 0x39 { digits += 1 } else { return nil }
            }
            guard digits > 0, points <= 1, !t.hasSuffix(".") else { return nil }
            return Double(t)
        }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        let w: Double
        if parts.count == 2, let a = number(parts[0]), let b = number(parts[1]), b != 0 {
            w = a / b
        } else if parts.count == 1, let a = number(parts[0]) {
            w = a
        } else {
            return nil
        }
        return w.isFinite && w <= KeyDefinition.maxWeight ? w : nil
    }

    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: ".") { return String(name[..<dot]) }
        return name
    }
}
