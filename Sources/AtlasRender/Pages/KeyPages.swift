import AtlasCore
import AtlasDistribution

/// The distribution keys: an overview and one page per key with its
/// components, persons per Land and district for the stated N, the difference
/// to the key it is compared with (bars and a map) and a sensitivity table.
extension PageRenderer {
    var persons: Int { atlas.definition.persons }

    func keysIndexPage() -> Page {
        let full = path("schluessel/index.html")
        let n = display.number(Double(persons), decimals: 0)
        let model = KeyIndexModel(
            title: HTML(text: s["key.index_title"]), what: HTML(text: s["key.what"]), noScore: HTML(text: s["key.no_score"]),
            persons: HTML(text: s("key.persons", n) + " " + (atlas.definition.personsSource?[lang] ?? "")),
            sList: HTML(text: s["key.list"]),
            keys: atlas.definition.keys.map { key in
                KeyIndexModel.Key(
                    href: HTML(text: link(from: full, to: path("schluessel/\(key.id)/index.html"))), title: HTML(text: key.title[lang]),
                    note: HTML(text: s("key.list_item", key.version, key.level == .land ? s["level.laender"] : s["level.kreise"])),
                    download: HTML(text: link(from: full, to: "daten/schluessel-\(key.id).csv")), downloadLabel: HTML(text: s["key.csv"]))
            }, sScenarios: HTML(text: s["key.scenarios"]), scenarios: scenarioTable(from: full), differences: differenceTable(from: full))
        return Page(
            path: "schluessel/index.html", title: s["key.index_title"], description: s["key.what"], model: model,
            section: "keys", breadcrumbs: [(s["nav.home"], "index.html"), (s["key.index_title"], nil)])
    }

    /// The keys that could be distributed, in definition order.
    var distributedKeys: [(key: KeyDefinition, result: SiteFacts.KeyResult)] {
        atlas.definition.keys.compactMap { k in keyResults[k.id].map { (k, $0) } }
    }

    /// Persons per Land under every key, side by side.
    func scenarioTable(from full: String) -> TableModel {
        let keys = distributedKeys
        let laender = atlas.regions.list(.land)
        let rows: [[TableModel.Cell]] = laender.map { land in
            [cell(land.name, href: link(from: full, to: path("land/\(land.code)/index.html")))]
                + keys.map { k in cell(k.result.laender.first { $0.code == land.code }.map { display.number(Double($0.persons), decimals: 0) } ?? "–")
                }
        }
        let total =
            [cell(s["key.total"])] + keys.map { k in cell(display.number(Double(k.result.laender.reduce(0) { $0 + $1.persons }), decimals: 0)) }
        return table(
            caption: s("key.scenarios_caption", display.number(Double(persons), decimals: 0)),
            headers: [s["table.land"]] + keys.map { $0.key.title[lang] }, rows: rows + [total])
    }

    /// Per Land: persons under each key minus persons under the key it is compared with.
    func differenceTable(from full: String) -> TableModel? {
        let keys = distributedKeys.filter { $0.result.compareLaender != nil && $0.key.compareWith != nil }
        guard !keys.isEmpty else { return nil }
        let rows: [[TableModel.Cell]] = atlas.regions.list(.land).map { land in
            [cell(land.name, href: link(from: full, to: path("land/\(land.code)/index.html")))]
                + keys.map { k in
                    let mine = k.result.laender.first { $0.code == land.code }?.persons ?? 0
                    let other = k.result.compareLaender!.first { $0.code == land.code }?.persons ?? 0
                    return cell(display.number(Double(mine - other), decimals: 0, signed: true))
                }
        }
        let headers = keys.map { k in
            s("key.vs", k.key.title[lang], atlas.definition.keys.first { $0.id == k.key.compareWith!.value }?.title[lang] ?? k.key.compareWith!.value)
        }
        return table(caption: s["key.differences_caption"], headers: [s["table.land"]] + headers, rows: rows)
    }

    /// A Steckbrief's section: the district's share and persons under every
    /// key that reaches the districts, and the difference to the key compared with.
    func kreisKeys(_ kreis: Region, from full: String) -> KreisModel.Keys? {
        let keys = distributedKeys.filter { $0.result.kreise != nil }
        guard !keys.isEmpty else { return nil }
        let rows: [[TableModel.Cell]] = keys.compactMap { k in
            guard let kreise = k.result.kreise, let i = kreise.firstIndex(where: { $0.code == kreis.code }) else { return nil }
            let r = kreise[i]
            let diff = k.result.compareKreise.map { display.number(Double(r.persons - $0[i].persons), decimals: 0, signed: true) } ?? "–"
            return [
                cell(k.key.title[lang], href: link(from: full, to: path("schluessel/\(k.key.id)/index.html"))),
                cell(display.number(r.share * 100, decimals: 4) + " %"), cell(display.number(Double(r.persons), decimals: 0)), cell(diff),
            ]
        }
        return KreisModel.Keys(
            title: HTML(text: s["key.index_title"]),
            intro: HTML(text: s("key.kreis_intro", kreis.name, display.number(Double(persons), decimals: 0))),
            table: table(
                caption: s("key.kreis_keys_caption", kreis.name),
                headers: [s["key.key"], s["key.share"], s["key.persons_col"], s["key.diff_compared"]],
                rows: rows),
            all: LinkModel(href: HTML(text: link(from: full, to: path("schluessel/index.html"))), label: HTML(text: s["key.all"])))
    }

    func keyPage(_ key: KeyDefinition) -> Page? {
        let page = "schluessel/\(key.id)/index.html"
        let full = path(page)
        guard let result = keyResults[key.id] else { return nil }
        let compared = key.compareWith.flatMap { atlas.keyShares[$0.value] }
        let n = display.number(Double(persons), decimals: 0)
        var difference: HTML?
        if let compareLaender = result.compareLaender, let compared {
            let diffs = zip(result.laender, compareLaender).map {
                DivergingBarChart.Bar(label: $0.0.name, value: Double($0.0.persons - $0.1.persons))
            }
            let table = Chart.table(
                caption: s("key.diff_caption", compared.key.title[lang]), headers: [s["table.land"], s["key.diff"]],
                rows: diffs.map { [HTML(text: $0.label), HTML(text: display.number($0.value, decimals: 0, signed: true))] })
            difference = DivergingBarChart(
                id: "differenz", caption: s("key.diff_caption", compared.key.title[lang]), unit: s["key.persons_unit"], bars: diffs, table: table,
                display: display
            ).render()
        }
        var kreiseSection: KeyModel.Kreise?
        if let kreise = result.kreise, !kreise.isEmpty {
            var map: HTML?
            if let compareKreise = result.compareKreise, let compared, let geo = maps {
                var data: [String: (value: Double?, label: String)] = [:]
                var diffs: [Double] = []
                for (a, b) in zip(kreise, compareKreise) {
                    let d = Double(a.persons - b.persons)
                    diffs.append(d)
                    data[a.code] = (d, "\(a.name): \(display.number(d, decimals: 0, signed: true)) \(s["key.persons_unit"])")
                }
                map = districtMap(
                    data: data, classes: Self.divergingClasses(diffs), layer: geo.main, borders: geo.mainBorders, id: "karte",
                    caption: s("key.map_caption", compared.key.title[lang]), legend: true, decimals: 0, unitText: s["key.persons_unit"],
                    year: s["key.map_year"], alternative: "#kreistabelle", from: full)
            }
            kreiseSection = KeyModel.Kreise(
                title: HTML(text: s["key.per_kreis"]),
                text: HTML(text: key.level == .land ? s("key.two_stage_land", withinTitle(key)) : s["key.two_stage_kreis"]), map: map,
                table: kreisTable(kreise, compared: result.compareKreise, from: full))
        }
        var sensitivity: KeyModel.Sensitivity?
        if case .composite(let parts) = key.kind {
            let rows: [[TableModel.Cell]] = parts.map { part in
                let moved = result.sensitivity[part.id] ?? (0, 0)
                return [
                    cell(part.title[lang]), cell(part.weightText), cell(display.number(Double(moved.up), decimals: 0)),
                    cell(display.number(Double(moved.down), decimals: 0)),
                ]
            }
            sensitivity = KeyModel.Sensitivity(
                title: HTML(text: s["key.sensitivity"]), intro: HTML(text: s("key.sensitivity_intro", n)),
                table: table(
                    caption: s("key.sensitivity_caption", key.title[lang]),
                    headers: [s["key.component"], s["key.weight"], s["key.plus10"], s["key.minus10"]], rows: rows, numericFrom: 2))
        }
        var official: HTML?
        var components: TableModel?
        switch key.kind {
        case .official(let indicator, let year):
            let title = atlas.indicators.first { $0.id == indicator.value }?.title[lang] ?? indicator.value
            official = HTML(text: s("key.official", title, String(year)))
        case .composite:
            components = componentsTable(key)
        }
        let model = KeyModel(
            title: HTML(text: key.title[lang]), rationale: HTML(text: key.rationale[lang]), version: HTML(text: s("key.version", key.version)),
            sComponents: HTML(text: s["key.components"]), official: official, components: components,
            persons: HTML(text: s("key.persons", n) + " " + (atlas.definition.personsSource?[lang] ?? "")),
            download: LinkModel(href: HTML(text: link(from: full, to: "daten/schluessel-\(key.id).csv")), label: HTML(text: s["key.csv"])),
            downloadName: HTML(text: "schluessel-\(key.id).csv"),
            downloadExcel: LinkModel(
                href: HTML(text: link(from: full, to: "daten/schluessel-\(key.id)-excel.csv")), label: HTML(text: s["key.csv_excel"])),
            sPerLand: HTML(text: s["key.per_land"]),
            laender: landTable(key, result.laender, compared: result.compareLaender, comparedShares: compared, from: full), difference: difference,
            kreise: kreiseSection, sensitivity: sensitivity, lab: labModel(key, from: full),
            capacity: capacityModel(key, result, from: full))
        return Page(
            path: page, title: key.title[lang], description: key.rationale[lang], model: model, section: "keys",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["key.index_title"], "schluessel/index.html"), (key.title[lang], nil)])
    }

    /// The form of the key lab: the published weights and N, the result
    /// tables the script fills, every text in the page's language.
    func labModel(_ key: KeyDefinition, from full: String) -> KeyModel.Lab? {
        guard KeyLabData.supports(key), case .composite(let parts) = key.kind else { return nil }
        let compared = key.compareWith.flatMap { id in atlas.definition.keys.first { $0.id == id.value }?.title[lang] } ?? ""
        return KeyModel.Lab(
            title: HTML(text: s["lab.title"]), intro: HTML(text: s["lab.intro"]),
            noScript: HTML(text: s("lab.noscript", "atlas key \(key.id) --persons \(persons) --level kreis --two-stage --weight \(parts[0].id)=1/2")),
            command: HTML(text: "atlas key \(key.id) --persons {1} --level kreis --two-stage"),
            data: HTML(text: "daten.json"), script: HTML(text: link(from: full, to: "assets/keylab.js")), sWeights: HTML(text: s["lab.weights"]),
            fields: parts.map { KeyModel.Lab.Field(id: HTML(text: $0.id), label: HTML(text: $0.title[lang]), value: HTML(text: $0.weightText)) },
            sPersons: HTML(text: s["lab.persons"]), persons: HTML(text: String(persons)), sReset: HTML(text: s["lab.reset"]),
            status: HTML(text: s["lab.status"]), largest: HTML(text: s("lab.largest", compared, "{1}", "{2}")),
            invalid: HTML(text: s["lab.invalid"]), sLink: HTML(text: s["lab.link"]), sCsv: HTML(text: s["lab.csv"]),
            sExcel: HTML(text: s["key.csv_excel"]), csvName: HTML(text: "szenario-\(key.id).csv"),
            excelName: HTML(text: "szenario-\(key.id)-excel.csv"),
            sLandCaption: HTML(text: s["lab.land_caption"]), sLand: HTML(text: s["table.land"]), sScenario: HTML(text: s["lab.scenario"]),
            sCompared: HTML(text: s("lab.compared", compared)), sDiff: HTML(text: s["key.diff"]), sKreise: HTML(text: s["lab.kreise"]),
            sKreisCaption: HTML(text: s["lab.kreis_caption"]), sKreis: HTML(text: s["table.kreis"]),
            extras: atlas.extraComponents.values.sorted { ($0.indicator, $0.inverse ? 1 : 0) < ($1.indicator, $1.inverse ? 1 : 0) }.compactMap { c in
                guard let indicator = atlas.indicators.first(where: { $0.id == c.indicator }) else { return nil }
                let name = indicator.title[lang] + " " + String(c.year)
                let times = c.times.flatMap { t in atlas.indicators.first { $0.id == t }?.title[lang] } ?? ""
                let label =
                    c.times == nil
                    ? s(c.inverse ? "lab.extra.count_inverse" : "lab.extra.count", name)
                    : s(c.inverse ? "lab.extra.rate_inverse" : "lab.extra.rate", name, times)
                return KeyModel.Lab.Extra(id: HTML(text: c.id), label: HTML(text: label))
            }, extrasData: HTML(text: link(from: full, to: "daten/schluessel-komponenten.json")), sAdd: HTML(text: s["lab.add"]),
            sAddIndicator: HTML(text: s["lab.add_indicator"]), sNone: HTML(text: s["lab.add_none"]), sAddWeight: HTML(text: s["lab.add_weight"]),
            sAddNote: HTML(text: s["lab.add_note"]), sCommand: HTML(text: s["lab.command"]), sDirect: HTML(text: s["lab.direct"]),
            sTwoStage: HTML(text: s["lab.two_stage"]),
            sChartCaption: HTML(text: s("lab.chart_caption", compared)), sMapCaption: HTML(text: s("lab.map_caption", compared)),
            unit: HTML(text: s["key.persons_unit"]), classFirst: HTML(text: s("map.class.first", "{1}")),
            classMid: HTML(text: s("map.class.mid", "{1}", "{2}")), classLast: HTML(text: s("map.class.last", "{1}")),
            classZero: HTML(text: s["map.class.zero"]),
            classCount: HTML(text: s("map.count", "{1}")), chartDesc: HTML(text: s("chart.diverging.desc", "{1}", "{2}", "{3}", "{4}", "{5}")),
            sLegend: HTML(text: s["map.legend"]), sSensitivityCaption: HTML(text: s["lab.sensitivity_caption"]),
            sComponent: HTML(text: s["key.component"]),
            sWeight: HTML(text: s["key.weight"]), sPlus10: HTML(text: s["key.plus10"]), sMinus10: HTML(text: s["key.minus10"]))
    }

    func capacityModel(_ key: KeyDefinition, _ result: SiteFacts.KeyResult, from full: String) -> KeyModel.Capacity? {
        guard let def = atlas.definition.capacity, def.keys.contains(where: { $0.value == key.id }), result.kreise != nil else { return nil }
        let rows = CapacityRow.rows(def, result: result, facts: facts)
        func title(_ id: Located<String>) -> String { atlas.indicators.first { $0.id == id.value }?.title[lang] ?? id.value }
        func year(_ id: Located<String>) -> String { facts[id.value]?.latestYear.map(String.init) ?? "–" }
        func number(_ v: Double?, _ places: Int) -> String { v.map { display.number($0, decimals: places) } ?? display.shown(.blank) }
        let assumptions = [def.kitaShare, def.schoolShare, def.personsPerDwelling].map { a in
            KeyModel.Capacity.Assumption(
                label: HTML(
                    text: a.title[lang] + ": " + display.number(a.value < 1 ? a.value * 100 : a.value, decimals: 1) + (a.value < 1 ? "\u{00A0}%" : "")
                ),
                source: HTML(text: a.source[lang]))
        }
        let body: [[TableModel.Cell]] = rows.map { r in
            [
                cell(r.name, href: link(from: full, to: path("kreis/\(r.code)/index.html"))), cell(display.number(Double(r.persons), decimals: 0)),
                cell(number(r.load, 1) + (r.loadOfGroup ? " " + s["cap.group"] : "")), cell(number(r.kitaNeed, 0)), cell(number(r.childcareRate, 1)),
                cell(number(r.schoolNeed, 0)), cell(number(r.pupils, 0)), cell(number(r.schoolShare, 1)), cell(number(r.dwellingNeed, 0)),
                cell(number(r.vacantDwellings, 0)), cell(number(r.dwellingShare, 1)),
            ]
        }
        let headers = [
            s["table.kreis"], s["cap.persons"], s("cap.load", title(def.load), year(def.load)), s["cap.kita_need"],
            s("cap.childcare", title(def.childcare), year(def.childcare)), s["cap.school_need"], s("cap.pupils", title(def.pupils), year(def.pupils)),
            s["cap.school_share"], s["cap.dwelling_need"], s("cap.vacant", year(def.vacancy)), s["cap.dwelling_share"],
        ]
        return KeyModel.Capacity(
            title: HTML(text: s["cap.title"]), intro: HTML(text: s("cap.intro", display.number(Double(persons), decimals: 0))),
            assumptions: assumptions,
            table: table(caption: s("cap.caption", key.title[lang]), headers: headers, rows: body),
            download: LinkModel(href: HTML(text: link(from: full, to: "daten/kapazitaet-\(key.id).csv")), label: HTML(text: s["cap.csv"])))
    }

    func withinTitle(_ key: KeyDefinition) -> String {
        let id = key.withinLand?.value ?? "bevoelkerung"
        return atlas.indicators.first { $0.id == id }?.title[lang] ?? id
    }

    /// A cell of a table (`table.mustache`), linked where `href` is given.
    func cell(_ text: String, href: String? = nil) -> TableModel.Cell {
        TableModel.Cell(value: HTML(text: text), href: href.map { HTML(text: $0) }, header: false, numeric: false)
    }

    /// A table: the first cell of each row is its header; columns from `numericFrom` on are numbers.
    func table(caption: String, headers: [String], rows: [[TableModel.Cell]], numericFrom: Int = 1) -> TableModel {
        TableModel(
            caption: HTML(text: caption),
            columns: headers.enumerated().map { TableModel.Column(label: HTML(text: $1), numeric: $0 >= numericFrom) },
            rows: rows.map { cells in
                TableModel.Row(
                    cells: cells.enumerated().map { k, c in
                        var c = c
                        c.header = k == 0
                        c.numeric = k > 0 && k >= numericFrom
                        return c
                    })
            })
    }

    func componentsTable(_ key: KeyDefinition) -> TableModel? {
        guard case .composite(let parts) = key.kind else { return nil }
        let total = parts.reduce(0) { $0 + $1.weight }
        let rows: [[TableModel.Cell]] = parts.map { part in
            let ind = atlas.indicators.first { $0.id == part.indicator.value }?.title[lang] ?? part.indicator.value
            var quantity = part.inverse ? s("key.inverse", ind) : ind
            if let t = part.times {
                quantity += " × " + (atlas.indicators.first { $0.id == t.value }?.title[lang] ?? t.value)
            }
            let year = atlas.keyShares[key.id]?.componentYears[part.id].map(String.init) ?? "–"
            return [
                cell(part.title[lang]), cell(quantity), cell("\(part.weightText) (\(display.number(part.weight / total * 100, decimals: 1)) %)"),
                cell(year), cell(s["key.missing." + part.missing.rawValue]),
            ]
        }
        return table(
            caption: s("key.components_caption", key.title[lang]),
            headers: [s["key.component"], s["key.quantity"], s["key.weight"], s["table.year"], s["key.missing"]], rows: rows, numericFrom: 9)
    }

    func landTable(_ key: KeyDefinition, _ rows: [Distribution.Row], compared: [Distribution.Row]?, comparedShares: KeyShares?, from full: String)
        -> TableModel
    {
        var headers = [s["table.land"], s["key.share"], s["key.persons_col"]]
        if let c = comparedShares {
            headers += [s("key.share_of", c.key.title[lang]), s["key.share_diff"], s("key.persons_of", c.key.title[lang]), s["key.diff"]]
        }
        let body: [[TableModel.Cell]] = rows.enumerated().map { k, r in
            var cells = [
                cell(r.name, href: link(from: full, to: path("land/\(r.code)/index.html"))),
                cell(display.number(r.share * 100, decimals: 3) + " %"), cell(display.number(Double(r.persons), decimals: 0)),
            ]
            if let compared, let cs = comparedShares {
                let other = cs.land[r.code] ?? 0
                cells += [
                    cell(display.number(other * 100, decimals: 3) + " %"), cell(display.number((r.share - other) * 100, decimals: 3, signed: true)),
                    cell(display.number(Double(compared[k].persons), decimals: 0)),
                    cell(display.number(Double(r.persons - compared[k].persons), decimals: 0, signed: true)),
                ]
            }
            return cells
        }
        let totalPersons = rows.reduce(0) { $0 + $1.persons }
        var sumRow = [cell(s["key.total"]), cell("100 %"), cell(display.number(Double(totalPersons), decimals: 0))]
        if let compared {
            sumRow += [cell("100 %"), cell("±0"), cell(display.number(Double(compared.reduce(0) { $0 + $1.persons }), decimals: 0)), cell("±0")]
        }
        return table(
            caption: s("key.land_caption", key.title[lang], display.number(Double(persons), decimals: 0)), headers: headers, rows: body + [sumRow])
    }

    func kreisTable(_ rows: [Distribution.Row], compared: [Distribution.Row]?, from full: String) -> TableModel {
        var headers = [s["table.kreis"], s["table.land"], s["key.share"], s["key.persons_col"]]
        if compared != nil { headers += [s["key.persons_compared"], s["key.diff"]] }
        let body: [[TableModel.Cell]] = rows.enumerated().map { k, r in
            let land = atlas.regions.region(String(r.code.prefix(2)), level: .land)?.shortName ?? ""
            var cells = [
                cell(r.name, href: link(from: full, to: path("kreis/\(r.code)/index.html"))), cell(land),
                cell(display.number(r.share * 100, decimals: 4) + " %"), cell(display.number(Double(r.persons), decimals: 0)),
            ]
            if let compared {
                cells += [
                    cell(display.number(Double(compared[k].persons), decimals: 0)),
                    cell(display.number(Double(r.persons - compared[k].persons), decimals: 0, signed: true)),
                ]
            }
            return cells
        }
        return table(caption: s["key.kreis_caption"], headers: headers, rows: body, numericFrom: 2)
    }

    /// Classes symmetric around 0 for a difference map of whole persons
    /// (PuOr): exactly 0, then up to the median and up to the 90th
    /// percentile of the absolute differences on either side, so that one
    /// large city does not flatten the map. keylab.js repeats this rule.
    static func divergingClasses(_ values: [Double]) -> MapClasses {
        let magnitudes = values.map(abs).filter { $0 >= 0.5 }.sorted()
        func pct(_ p: Double) -> Double {
            guard !magnitudes.isEmpty else { return 1 }
            return magnitudes[min(magnitudes.count - 1, Int(Double(magnitudes.count) * p))].rounded(.up)
        }
        let a = max(pct(0.5), 2), b = max(pct(0.9), a + 1)
        // Classes take the values up to their break: … (−a, −1], (−1, 0] = {0}, (0, a] …;
        // a ≥ 2, so that no class is empty by construction.
        return MapClasses(breaks: [-b, -a, -1, 0, a, b], colours: Self.divergingColours, zeroClass: 3)
    }

    /// Fewer persons: oranges; no change: near-white; more: purples.
    static let divergingColours = Array(Palette.below.prefix(3).reversed()) + ["#f7f7f7"] + Array(Palette.above.prefix(3))
}
