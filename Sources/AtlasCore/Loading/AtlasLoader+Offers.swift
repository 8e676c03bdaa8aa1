import Foundation

/// Reads the offers directory, places every offer in a district and checks
/// the rules; then turns the counts into indicators (count, per 100,000
/// inhabitants, per 1,000 foreign residents). A district without entries has
/// "no data", never 0: the directory may simply not know its offers.
extension LoadRun {
    static let offerColumns = [
        "name", "kategorie", "strasse", "plz", "ort", "ags", "breite", "laenge", "website", "sprachen", "zielgruppen",
        "geprueft_am", "geprueft_von", "quelle",
    ]
    static let requiredOfferColumns = ["name", "kategorie", "geprueft_am", "geprueft_von", "quelle"]

    mutating func loadOffers(shapes: [RegionShape], values: inout [String: [RegionLevel: IndicatorValues]]) -> [Offer] {
        guard let def = definition.offers else { return [] }
        let categoryIDs = def.categories.map(\.id)
        if !definition.topics.contains(where: { $0.id == def.topic }) {
            reporter.add(Diagnostic.error("offers: the theme \"\(def.topic)\" is not in themes.yaml", at: def.location))
        }
        if definition.licences[def.licence.value] == nil {
            reporter.add(diagnostic(.error, "offers: the licence \"\(def.licence.value)\" is not declared under licences:", at: def.licence))
        }
        // Postcode → districts.
        var postcodes: [String: [String]] = [:]
        if let p = def.postcodes {
            let path = Path.join(sourceRoot, p.value)
            if let bytes = readFile(path) {
                definitionFiles.inputs[path] = ContentHash.hex(bytes)
                let (table, diags) = CSVReader.read(SourceText(path: path, bytes: bytes))
                reporter.add(contentsOf: diags)
                if let table, let plz = table.columnIndex("plz"), let ags = table.columnIndex("ags") {
                    for row in table.rows where !postcodes[row.cells[plz], default: []].contains(row.cells[ags]) {
                        postcodes[row.cells[plz], default: []].append(row.cells[ags])
                    }
                } else if table != nil {
                    reporter.add(diagnostic(.error, "offers: the postcode table \(path) needs the columns plz and ags", at: p))
                }
            } else {
                reporter.add(
                    diagnostic(
                        .error, "offers: the postcode table \(path) does not exist", at: p,
                        hint: "the path is relative to the source root \(sourceRoot)"))
            }
        }
        self.postcodes = postcodes
        let shapeByCode = Dictionary(uniqueKeysWithValues: shapes.map { ($0.code, $0) })
        let today = options.today ?? ISODate.today()
        let folder = Path.join(Path.normalize(options.data), def.folder)
        var offers: [Offer] = []
        var seen: [String: Int] = [:]
        // The editors' own files, then the directories of others (source root).
        let inputs: [(path: String, source: OfferSource?)] =
            files.list(folder).filter { $0.hasSuffix(".csv") }.map { (Path.join(folder, $0), nil) }
            + def.sources.map { (Path.join(sourceRoot, $0.path.value), $0) }
        for (path, source) in inputs {
            guard let bytes = readFile(path) else {
                if let source, !refused(path) {
                    reporter.add(
                        diagnostic(
                            .error, "offers: the source \(path) does not exist", at: source.path,
                            hint: "the path is relative to the source root \(sourceRoot)"))
                }
                continue
            }
            definitionFiles.inputs[path] = ContentHash.hex(bytes)
            let (table, diags) = CSVReader.read(SourceText(path: path, bytes: bytes))
            reporter.add(contentsOf: diags)
            guard let table else { continue }
            if let source, definition.licences[source.licence.value] == nil {
                reporter.add(
                    diagnostic(.error, "offers: the licence \"\(source.licence.value)\" is not declared under licences:", at: source.licence))
            }
            // A source's columns under the atlas's names.
            let renamed = Dictionary((source?.columns ?? [:]).map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var col: [String: Int] = [:]
            for (i, h) in table.header.enumerated() {
                if let mapped = renamed[h] {
                    col[mapped] = i
                } else if source?.ignore.contains(h) == true {
                    continue
                } else if Self.offerColumns.contains(h) {
                    col[h] = i
                } else {
                    reporter.add(
                        table.source.diagnostic(
                            .error, "unknown column \"\(h)\" in the offers directory", line: table.headerLine, column: Int(table.headerColumns[i]),
                            length: h.count,
                            hint: Suggestion.hint(
                                for: h, in: Self.offerColumns, otherwise: "the columns are: \(Self.offerColumns.joined(separator: ", "))")))
                }
            }
            // A source's date stands for the editor's check.
            let fixed = (source?.values ?? [:]).merging(
                source.map { ["geprueft_am": $0.asOf, "geprueft_von": $0.attribution] } ?? [:], uniquingKeysWith: { a, _ in a })
            let missingColumns = Self.requiredOfferColumns.filter { col[$0] == nil && fixed[$0] == nil }
            if !missingColumns.isEmpty {
                reporter.add(
                    table.source.diagnostic(
                        .error,
                        "the offers directory lacks the column\(missingColumns.count > 1 ? "s" : "") \(missingColumns.map { "\"\($0)\"" }.joined(separator: ", "))",
                        line: table.headerLine, column: 1, hint: "the columns are: \(Self.offerColumns.joined(separator: ", "))"))
                continue
            }
            var filledNames: Set<String> = []
            for row in table.rows {
                let filled = source?.fill[col["name"].map { row.cells[$0] } ?? ""] ?? [:]
                if !filled.isEmpty { filledNames.insert(col["name"].map { row.cells[$0] } ?? "") }
                // Surrounding blanks and line breaks are not part of a value.
                func cell(_ c: String) -> String {
                    let own = col[c].map { row.cells[$0].trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                    return own.isEmpty ? filled[c] ?? fixed[c] ?? "" : own
                }
                func error(_ c: String, _ message: String, hint: String? = nil) {
                    reporter.add(table.diagnostic(.error, message, row: row, column: col[c] ?? 0, hint: hint))
                }
                var ok = true
                for c in Self.requiredOfferColumns where cell(c).isEmpty {
                    error(
                        c, "the offer on this line has no \"\(c)\"",
                        hint: c == "geprueft_von"
                            ? "write the initials or the unit of the editor who checked it – never a private person's name" : "every offer needs \(c)"
                    )
                    ok = false
                }
                let name = cell("name")
                let category = cell("kategorie")
                if !category.isEmpty && !categoryIDs.contains(category) {
                    error(
                        "kategorie", "unknown category \"\(category)\" (column \"kategorie\")",
                        hint: Suggestion.hint(
                            for: category, in: categoryIDs, otherwise: "categories are fixed values: \(categoryIDs.joined(separator: ", "))"))
                    ok = false
                }
                let verified = cell("geprueft_am")
                if !verified.isEmpty && !ISODate.isValid(verified) {
                    error("geprueft_am", "\"\(verified)\" is not a date written YYYY-MM-DD (column \"geprueft_am\")", hint: "e.g. 2024-03-15")
                    ok = false
                } else if source == nil, !verified.isEmpty, let age = ISODate.days(from: verified, to: today), age > def.verifyWithinDays {
                    reporter.add(
                        table.diagnostic(
                            .warning,
                            "the offer \"\(name)\" was last verified on \(verified), \(age) days ago, more than \(def.verifyWithinDays) days (column \"geprueft_am\")",
                            row: row, column: col["geprueft_am"]!, hint: "check the entry, then update geprueft_am and geprueft_von"))
                }
                let website = cell("website")
                if !website.isEmpty && !(website.hasPrefix("https://") || website.hasPrefix("http://")) {
                    error(
                        "website", "the website \"\(website)\" is not an http(s) address (column \"website\")",
                        hint: "write the full address, e.g. https://www.example.de")
                    ok = false
                }
                let plz = cell("plz")
                if !plz.isEmpty && !(plz.count == 5 && plz.allSatisfy(\.isNumber)) {
                    let padded = plz.count == 4 && plz.allSatisfy(\.isNumber) ? " — write \"0\(plz)\": Excel drops leading zeros" : ""
                    error("plz", "\"\(plz)\" is not a postcode (column \"plz\")", hint: "a postcode has 5 digits" + padded)
                    ok = false
                }
                let key = [name, cell("strasse"), plz].map { $0.lowercased() }.joined(separator: "|")
                if let first = seen[key] {
                    error(
                        "name", "duplicate offer \"\(name)\" at \"\(cell("strasse")), \(plz)\" (first on line \(first))",
                        hint: "keep one row per offer and address")
                    ok = false
                }
                seen[key] = row.line
                // Coordinates.
                var point: (lat: Double, lon: Double)?
                let lat = cell("breite"), lon = cell("laenge")
                if !lat.isEmpty || !lon.isEmpty {
                    let la = Double(lat.replacingOccurrences(of: ",", with: ".")), lo = Double(lon.replacingOccurrences(of: ",", with: "."))
                    if let la, let lo, (47...56).contains(la), (5...16).contains(lo) {
                        point = (la, lo)
                    } else {
                        error(
                            lat.isEmpty ? "laenge" : "breite",
                            "\"\(lat)\", \"\(lon)\" are not coordinates in Germany (columns \"breite\", \"laenge\")",
                            hint: "write latitude (breite, 47 to 56) and longitude (laenge, 5 to 16) in degrees, e.g. 54,78 and 9,43")
                        ok = false
                    }
                }
                // Placement: AGS, else coordinates, else postcode.
                var kreis: String?
                var placement = Offer.Placement.ags
                let ags = cell("ags")
                if !ags.isEmpty {
                    let code = ags.count == 8 ? String(ags.prefix(5)) : ags
                    if ags.count == 8, regions.count(.gemeinde) > 0, !regions.contains(ags, level: .gemeinde) {
                        error(
                            "ags", "unknown Gemeinde key \"\(ags)\" (column \"ags\")",
                            hint: "write the 8-digit AGS of the Gemeinde, or the 5-digit key of the Kreis")
                        ok = false
                    } else if !regions.contains(code, level: .kreis) {
                        error(
                            "ags", "unknown key \"\(ags)\" (column \"ags\")",
                            hint: "write the 8-digit AGS of the Gemeinde or the 5-digit key of the Kreis")
                        ok = false
                    } else {
                        kreis = code
                        if let point, let shape = shapeByCode[code], !PointInPolygon.contains(shape, lon: point.lon, lat: point.lat) {
                            error(
                                "breite",
                                "the point breite \(lat) / laenge \(lon) lies outside Kreis \(code) (\(regions.region(code, level: .kreis)!.name)), given by the AGS (column \"breite\")",
                                hint: "check the coordinates and the AGS: one of them is wrong")
                            ok = false
                        }
                    }
                } else if let point {
                    placement = .coordinates
                    kreis = shapes.first { PointInPolygon.contains($0, lon: point.lon, lat: point.lat) }?.code
                    if kreis == nil {
                        error(
                            "breite", "the point breite \(lat) / laenge \(lon) lies in no district (column \"breite\")",
                            hint: "check latitude and longitude; are they swapped?")
                        ok = false
                    }
                } else if !plz.isEmpty, ok {
                    placement = .postcode
                    let found = postcodes[plz] ?? []
                    if found.isEmpty {
                        error(
                            "plz", "postcode \"\(plz)\" is not in the postcode table (column \"plz\")",
                            hint: "check the postcode, or give the AGS of the Gemeinde or coordinates")
                        ok = false
                    } else if found.count > 1 {
                        let names = found.map { "\($0) \(regions.region($0, level: .kreis)?.name ?? "")" }.joined(separator: ", ")
                        error(
                            "plz",
                            "postcode \"\(plz)\" lies in \(found.count) districts (\(names)); the offer needs coordinates or an AGS (column \"plz\")",
                            hint: "add the AGS of the Gemeinde (column ags) or coordinates (columns breite, laenge)")
                        ok = false
                    } else {
                        kreis = found[0]
                    }
                } else if ok {
                    error(
                        "name", "the offer \"\(name)\" cannot be placed in a district (no AGS, coordinates or postcode)",
                        hint: "give the AGS of the Gemeinde, coordinates or a postcode")
                    ok = false
                }
                guard ok, let kreis else { continue }
                let list = { (s: String) in s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
                offers.append(
                    Offer(
                        name: name, category: category, street: cell("strasse"), postcode: plz, place: cell("ort"),
                        website: website.isEmpty ? nil : website, languages: list(cell("sprachen")), targetGroups: list(cell("zielgruppen")),
                        verifiedOn: verified, verifiedBy: cell("geprueft_von"), source: cell("quelle"), kreis: kreis, placement: placement,
                        location: table.source.location(line: row.line, column: 1), attribution: source?.attribution,
                        licence: source?.licence.value))
            }
            for name in (source?.fill.keys.sorted() ?? []) where !filledNames.contains(name) {
                reporter.add(
                    Diagnostic.error(
                        "offers: \"fill\" names the entry \"\(name)\", which \(path) does not have", at: source!.location,
                        hint: "correct the name, or remove the entry from fill"))
            }
        }
        addOfferIndicators(def, offers, values: &values)
        return offers
    }

    /// Counts and densities per district as indicators like any other.
    mutating func addOfferIndicators(_ def: OffersDefinition, _ offers: [Offer], values: inout [String: [RegionLevel: IndicatorValues]]) {
        let datenstand = offers.map(\.verifiedOn).max() ?? definition.gebietsstand
        let year = Int(datenstand.prefix(4)) ?? definition.referenceYear
        var counts: [String: Int] = [:]
        for o in offers { counts[o.kreis, default: 0] += 1 }
        let snapshot = values
        let latest = { (id: String, code: String) -> Double? in snapshot[id]?[.kreis]?.latestValue(code) }
        let languages = definition.languages
        func text(_ de: String, _ en: String) -> Localized {
            Localized(Dictionary(uniqueKeysWithValues: languages.map { ($0, $0 == "en" ? en : de) }))
        }
        let loc = def.location
        let source = SourceInfo(
            publisher: text(
                "Angebotsverzeichnis des Standortatlas (Datenpflege der Kreise)", "Offers directory of the Location Atlas (kept by the districts)"),
            licence: def.licence, attribution: nil, url: nil, datenstand: datenstand,
            changes: text("Einträge gezählt; Kreise ohne Einträge ohne Wert.", "Entries counted; districts without entries have no value."))
        func indicator(_ id: String, _ title: Localized, _ short: Localized, _ unit: Localized, decimals: Int, reference: ReferenceMethod)
            -> Indicator
        {
            Indicator(
                id: id, file: def.location.path, title: title, short: short,
                definition: text(
                    "Einträge im Angebotsverzeichnis (Anerkennungs- und Migrationsberatung, Kurse, Zivilgesellschaft), dem Kreis nach AGS, Koordinaten oder Postleitzahl zugeordnet. Das Verzeichnis ist nicht vollständig: Ein Kreis ohne Einträge hat keinen Wert, nicht 0.",
                    "Entries of the offers directory (recognition and migration counselling, courses, civil society), placed in the district by AGS, coordinates or postcode. The directory is not complete: a district without entries has no value, not 0."
                ),
                unit: unit, decimals: decimals, topic: Located(def.topic, at: loc), polarity: .neutral, range: nil, years: year...year,
                reference: reference, source: source, values: [], location: loc)
        }
        let population = definition.indicators.contains { $0.id == "bevoelkerung" }
        let foreign = definition.indicators.contains { $0.id == "auslaenderanteil" }
        var made: [(Indicator, (String) -> Double?)] = [
            (
                indicator(
                    "angebote", text("Angebote im Verzeichnis", "Offers in the directory"),
                    text("Einträge im Angebotsverzeichnis", "Entries in the offers directory"),
                    text("Angebote", "offers"), decimals: 0, reference: .sum), { counts[$0].map(Double.init) }
            )
        ]
        if population {
            made.append(
                (
                    indicator(
                        "angebote-je-100000-einwohner", text("Angebote je 100.000 Einwohner", "Offers per 100,000 inhabitants"),
                        text("Einträge im Angebotsverzeichnis je 100.000 Einwohner", "Directory entries per 100,000 inhabitants"),
                        text("je 100.000 Einw.", "per 100,000 inhabitants"), decimals: 1,
                        reference: .weightedMean(weight: Located("bevoelkerung", at: loc))),
                    { code in counts[code].flatMap { c in latest("bevoelkerung", code).map { Double(c) / $0 * 100_000 } } }
                ))
        }
        if population && foreign {
            made.append(
                (
                    indicator(
                        "angebote-je-1000-auslaender", text("Angebote je 1.000 ausländische Einwohner", "Offers per 1,000 foreign residents"),
                        text(
                            "Einträge im Angebotsverzeichnis je 1.000 Einwohner ohne deutsche Staatsangehörigkeit",
                            "Directory entries per 1,000 residents without German citizenship"),
                        text("je 1.000 ausl. Einw.", "per 1,000 foreign residents"), decimals: 1, reference: .median),
                    { code in
                        counts[code].flatMap { c in
                            guard let p = latest("bevoelkerung", code), let share = latest("auslaenderanteil", code), share > 0 else { return nil }
                            return Double(c) / (p * share / 100) * 1000
                        }
                    }
                ))
        }
        for (var ind, value) in made {
            ind.sparse = true
            var v = IndicatorValues(level: .kreis)
            for k in regions.list(.kreis) {
                // Rates at a stated precision: two decimals more than shown (as derived rates).
                v.series[k.code] = [
                    year: value(k.code).map { Observation(value: ValueParser.rounded($0, decimals: ind.decimals + 2)) } ?? Observation(symbol: .blank)
                ]
            }
            definition.indicators.append(ind)
            values[ind.id] = [.kreis: v]
        }
    }
}

extension ISODate {
    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    /// Whole days from one ISO date to another.
    static func days(from a: String, to b: String) -> Int? {
        func day(_ s: String) -> Int? {
            let p = s.split(separator: "-").compactMap { Int($0) }
            guard p.count == 3 else { return nil }
            // Days since 1970-01-01 (civil calendar, Howard Hinnant's algorithm).
            let y = p[1] <= 2 ? p[0] - 1 : p[0]
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (p[1] + 9) % 12
            let doy = (153 * mp + 2) / 5 + p[2] - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }
        guard let x = day(a), let y = day(b) else { return nil }
        return y - x
    }
}
