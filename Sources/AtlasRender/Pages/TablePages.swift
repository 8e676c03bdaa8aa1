import AtlasCore
import Foundation

/// The table builder and the comparison (issue 17, items 3 and 4): two pages
/// whose forms put their state in the address (`tabelle/?spalte=…&land=…`,
/// `vergleich/?ags=…`), so that a view can be sent as a link; the theme's
/// scripts read it and draw the table from `tabelle/daten.json`, which holds
/// every district's figures as the pages show them. Without JavaScript the
/// table builder links the complete table of each theme (on the theme's page)
/// and the comparison links the Steckbriefe.
extension PageRenderer {
    /// The table's and the comparison's data in this language: districts,
    /// Länder, peer groups, and per Kreis indicator its latest figures as
    /// shown (rounded, with symbols), ranks and reference values.
    func tableJSON() -> String {
        func text(_ s: String) -> String { OpenData.json(s) }
        let kreise = atlas.regions.list(.kreis)
        let laender = atlas.regions.list(.land)
        let groups = atlas.definition.peerGroups?.names ?? []
        var out = "{\"laender\": [" + laender.map { "[\(text($0.code)), \(text($0.name))]" }.joined(separator: ", ") + "],\n"
        out += "\"peers\": [" + groups.map { "[\(text($0.code)), \(text($0.name[lang]))]" }.joined(separator: ", ") + "],\n"
        out += "\"kinds\": [" + kindsOf(kreise).map { "[\(text($0)), \(text(s["type." + $0]))]" }.joined(separator: ", ") + "],\n"
        out += "\"topics\": [" + steckbriefTopics.map { "[\(text($0.topic.id)), \(text($0.topic.title[lang]))]" }.joined(separator: ", ") + "],\n"
        out += "\"kreise\": [\n"
        out += kreise.map { k in
            "[\(text(k.code)), \(text(k.name)), \(text(k.parent ?? "")), \(text(k.type ?? "")), \(text(atlas.peerGroupOf[k.code] ?? ""))]"
        }.joined(separator: ",\n")
        out += "],\n\"indicators\": [\n"
        out += steckbriefTopics.flatMap { topic, indicators in
            indicators.compactMap { i -> String? in
                guard let f = facts[i.id] else { return nil }
                let year = f.latestYear
                func shown(_ v: Double?) -> String { text(v.map { display.number($0, decimals: i.decimals) } ?? display.cell(nil, decimals: 0)) }
                let values = kreise.map { k in text(display.cell(f.observation(k.code), decimals: i.decimals)) }
                let ranks = kreise.map { k in f.rankByCode[k.code].map { String($0.position) } ?? "null" }
                let landValues = laender.map { l in
                    text(landObservation(f, year, l.code).map { display.cell($0, decimals: i.decimals) } ?? display.cell(nil, decimals: 0))
                }
                var row = "{\"id\": \(text(i.id)), \"topic\": \(text(topic.id)), \"title\": \(text(i.title[lang])), \"unit\": \(text(unit(i)))"
                row += ", \"year\": \(year.map(String.init) ?? "null"), \"lower\": \(i.polarity == .lowerIsBetter)"
                row += ", \"rankOf\": \(f.rankByCode.values.first?.of ?? 0)"
                // How each Land's value and Germany's are formed (a Land's may be official, another's a sum).
                row += ", \"formedLand\": [" + laender.map { text(formation(i, f, year: year, land: $0.code)) }.joined(separator: ",") + "]"
                // A peer group's value is formed as Germany's (from its districts).
                row += ", \"formed\": \(text(formation(i, f, year: year, land: nil)))"
                row += ",\n \"values\": [" + values.joined(separator: ",") + "]"
                row += ",\n \"ranks\": [" + ranks.joined(separator: ",") + "]"
                row += ",\n \"land\": [" + landValues.joined(separator: ",") + "]"
                row += ", \"peer\": [" + groups.map { g in shown(year.flatMap { f.peerValues[$0]?[g.code] }) }.joined(separator: ",") + "]"
                row += ", \"germany\": " + shown(year.flatMap { f.germanyValues[$0] }) + "}"
                return row
            }
        }.joined(separator: ",\n")
        out += "]}\n"
        return out
    }

    /// One district's time series for the comparison's small series
    /// (`vergleich/verlauf/<AGS>.json`, fetched only for the districts
    /// chosen): per Steckbrief indicator with a course over time (two figures
    /// or more, as for the Steckbrief's sparkline) its figures by year and the
    /// sentence that says them, the same as under that sparkline.
    func compareSeriesJSON(_ kreis: Region) -> String {
        var entries: [String] = []
        for (_, indicators) in steckbriefTopics {
            for i in indicators {
                guard let f = facts[i.id] else { continue }
                let points = seriesPoints(f, kreis.code)
                guard points.count > 1 else { continue }
                let text = LineChart(
                    id: "", caption: "", unit: unit(i), decimals: i.decimals,
                    series: [LineChart.Series(name: kreis.name, points: points, emphasised: true)], table: .empty, display: display
                ).description()
                let pairs = points.map { "[\($0.year),\(ValueParser.plainNumber($0.value))]" }.joined(separator: ",")
                entries.append("\(OpenData.json(i.id)): {\"points\": [\(pairs)], \"text\": \(OpenData.json(text))}")
            }
        }
        return "{" + entries.joined(separator: ",\n") + "}\n"
    }

    /// "kreisfreie Stadt", "Landkreis": the kinds of district in the region table, in a fixed order.
    func kindsOf(_ kreise: [Region]) -> [String] { Set(kreise.compactMap(\.type)).sorted() }

    /// The indicators a table shows when the reader has chosen none: the first of each theme.
    var defaultColumns: [String] { steckbriefTopics.compactMap { $0.indicators.first?.id } }

    func tableBuilderPage() -> Page {
        let page = "tabelle/index.html"
        let full = path(page)
        let defaults = Set(defaultColumns)
        let kreise = atlas.regions.list(.kreis)
        let model = TableBuilderModel(
            title: HTML(text: s["table.title"]), lead: HTML(text: s["table.lead"]), noScript: HTML(text: s["table.noscript"]),
            sPerTopic: HTML(text: s["table.per_topic"]),
            topicTables: steckbriefTopics.map { t, _ in
                LinkModel(
                    href: HTML(text: link(from: full, to: path("themen/\(t.id)/index.html") + "#alle-kreise")), label: HTML(text: t.title[lang]))
            },
            data: HTML(text: "daten.json"), script: HTML(text: link(from: full, to: "assets/table.js")),
            base: HTML(text: link(from: full, to: path(""))),
            sColumns: HTML(text: s["table.columns"]),
            groups: steckbriefTopics.map { t, indicators in
                TableBuilderModel.Group(
                    title: HTML(text: t.title[lang]),
                    indicators: indicators.map { i in
                        TableBuilderModel.Choice(value: HTML(text: i.id), label: HTML(text: i.title[lang]), checked: defaults.contains(i.id))
                    })
            },
            sFilters: HTML(text: s["table.filters"]), sLand: HTML(text: s["table.land"]),
            laender: atlas.regions.list(.land).map {
                TableBuilderModel.Choice(value: HTML(text: $0.code), label: HTML(text: $0.name), checked: false)
            },
            sPeer: HTML(text: atlas.definition.peerGroups?.title[lang] ?? ""), hasPeers: atlas.definition.peerGroups != nil,
            peers: (atlas.definition.peerGroups?.names ?? []).map {
                TableBuilderModel.Choice(value: HTML(text: $0.code), label: HTML(text: $0.name[lang]), checked: false)
            },
            sKind: HTML(text: s["table.kind"]),
            kinds: kindsOf(kreise).map { TableBuilderModel.Choice(value: HTML(text: $0), label: HTML(text: s["type." + $0]), checked: false) },
            ranges: (1...3).map { n in
                TableBuilderModel.Range(
                    n: HTML(text: String(n)), legend: HTML(text: s("table.range", String(n))),
                    options: steckbriefTopics.flatMap(\.indicators).map { i in
                        TableBuilderModel.Choice(value: HTML(text: i.id), label: HTML(text: i.title[lang] + " (" + unit(i) + ")"), checked: false)
                    })
            },
            sIndicator: HTML(text: s["table.indicator"]), sFrom: HTML(text: s["table.from"]), sTo: HTML(text: s["table.to"]),
            sShow: HTML(text: s["table.show"]), sCsv: HTML(text: s["table.csv"]), sExcel: HTML(text: s["table.excel"]),
            sStatus: HTML(text: s["table.status"]), sCaption: HTML(text: s["table.caption"]), sKreis: HTML(text: s["table.kreis"]),
            sAgs: HTML(text: "AGS"), sLandColumn: HTML(text: s["table.land"]), sSortAsc: HTML(text: s["table.sorted_asc"]),
            sSortDesc: HTML(text: s["table.sorted_desc"]))
        return Page(
            path: page, title: s["table.title"], description: s["table.lead"], model: model, section: "table",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["table.title"], nil)])
    }

    /// Without a script, every district with all of a theme's indicators:
    /// the theme page's complete table, sortable with the theme's script.
    func topicTable(_ topic: Topic, from full: String) -> TableModel? {
        let indicators = (steckbriefTopics.first { $0.topic.id == topic.id }?.indicators ?? []).filter { facts[$0.id] != nil }
        guard !indicators.isEmpty else { return nil }
        let columns =
            [
                TableModel.Column(label: HTML(text: s["table.kreis"]), numeric: false),
                TableModel.Column(label: HTML(text: s["table.land"]), numeric: false),
            ]
            + indicators.map { i in
                TableModel.Column(
                    label: HTML(text: i.title[lang] + " (" + (facts[i.id]?.latestYear.map(String.init) ?? "–") + ", " + unit(i) + ")"), numeric: true)
            }
        let rows = kreiseAZ().map { _, k in
            TableModel.Row(
                cells: [
                    TableModel.Cell(
                        value: HTML(text: k.name), href: HTML(text: link(from: full, to: path("kreis/\(k.code)/index.html"))), header: true,
                        numeric: false),
                    TableModel.Cell(
                        value: HTML(text: k.parent.flatMap { atlas.regions.region($0, level: .land)?.shortName } ?? ""), href: nil, header: false,
                        numeric: false),
                ]
                    + indicators.map { i in
                        TableModel.Cell(
                            value: display.html(facts[i.id]!.observation(k.code), decimals: i.decimals), href: nil, header: false, numeric: true)
                    })
        }
        return TableModel(caption: HTML(text: s("table.topic_caption", topic.title[lang])), columns: columns, rows: rows)
    }

    func comparePage() -> Page {
        let page = "vergleich/index.html"
        let full = path(page)
        let model = CompareModel(
            title: HTML(text: s["compare.title"]), lead: HTML(text: s["compare.lead"]), noScript: HTML(text: s["compare.noscript"]),
            data: HTML(text: link(from: full, to: path("tabelle/daten.json"))), base: HTML(text: link(from: full, to: path(""))),
            script: HTML(text: link(from: full, to: "assets/table.js")), sChoose: HTML(text: s["compare.choose"]),
            slots: (1...5).map { CompareModel.Slot(n: HTML(text: String($0)), label: HTML(text: s("compare.slot", String($0)))) },
            sShow: HTML(text: s["compare.show"]), sStatus: HTML(text: s["compare.status"]), sNone: HTML(text: s["compare.none"]),
            sUnclear: HTML(text: s["compare.unclear"]),
            sIndicator: HTML(text: s["summary.indicator"]), sGermany: HTML(text: s["card.germany"]), sRank: HTML(text: s["compare.rank"]),
            sNoRank: HTML(text: s["rank.none"]), sPeer: HTML(text: s["summary.peer"]), sLand: HTML(text: s["table.land"]),
            sLower: HTML(text: s["summary.rank_low"]), sSeries: HTML(text: s["compare.series"]),
            sAddress: HTML(text: s["compare.address"]))
        return Page(
            path: page, title: s["compare.title"], description: s["compare.lead"], model: model, section: "table",
            breadcrumbs: [(s["nav.home"], "index.html"), (s["compare.title"], nil)])
    }

    /// The Steckbrief's "compare with …": the district with its four
    /// neighbours by code in its Land (codes run by region), and with four of
    /// its peer group, nearest by code (in its Land first).
    func compareLinks(_ kreis: Region, from full: String) -> [LinkModel] {
        let all = atlas.regions.list(.kreis)
        func nearest(_ pool: [Region]) -> [Region] {
            let others = pool.filter { $0.code != kreis.code }
            let n = Int(kreis.code) ?? 0
            return Array(others.sorted { (abs((Int($0.code) ?? 0) - n), $0.code) < (abs((Int($1.code) ?? 0) - n), $1.code) }.prefix(4))
        }
        func href(_ regions: [Region]) -> HTML {
            HTML(
                text: link(from: full, to: path("vergleich/index.html")) + "?"
                    + ([kreis] + regions.sorted { $0.code < $1.code }).map { "ags=" + $0.code }.joined(separator: "&"))
        }
        var links: [LinkModel] = []
        let land = all.filter { $0.parent == kreis.parent }
        if land.count > 1, let name = kreis.parent.flatMap({ atlas.regions.region($0, level: .land)?.name }) {
            links.append(LinkModel(href: href(nearest(land)), label: HTML(text: s("compare.with_land", name))))
        }
        if let group = atlas.peerGroupOf[kreis.code], let name = peerGroupName(kreis.code) {
            let peers = all.filter { atlas.peerGroupOf[$0.code] == group }
            let inLand = nearest(peers.filter { $0.parent == kreis.parent })
            let chosen = inLand.count >= 4 ? inLand : inLand + nearest(peers.filter { $0.parent != kreis.parent }).prefix(4 - inLand.count)
            if !chosen.isEmpty { links.append(LinkModel(href: href(chosen), label: HTML(text: s("compare.with_peers", name)))) }
        }
        links.append(
            LinkModel(
                href: HTML(text: link(from: full, to: path("vergleich/index.html")) + "?ags=" + kreis.code), label: HTML(text: s["compare.with_any"]))
        )
        return links
    }

    /// The figures of one Steckbrief as a download (issue 17, item 7):
    /// per indicator the district's latest value as its source gives it, its
    /// rank, and the Land, Kreistyp and Germany values as the page rounds
    /// them (the Land's symbol where its figure is one), each with how it is formed (a word: median, sum, official, …),
    /// and the change the card shows.
    static let kreisCSVHeader =
        "ags,name,indicator,title,unit,year,value,symbol,status,rank,rank_of,land,land_value,land_symbol,land_formed,"
        + "peer_group,peer_value,peer_formed,germany_value,germany_formed,change,change_since"

    func kreisCSV(_ kreis: Region) -> String {
        var out = Self.kreisCSVHeader + "\r\n"
        let group = atlas.peerGroupOf[kreis.code]
        for (_, indicators) in steckbriefTopics {
            for i in indicators {
                guard let f = facts[i.id] else { continue }
                // As on the Steckbrief: a directory's indicator without an entry for the district has no card.
                if !hasCard(i, kreis) { continue }
                let year = f.latestYear
                var scale = 1.0
                for _ in 0..<max(0, i.decimals) { scale *= 10 }
                func shown(_ v: Double?) -> String { v.map { ValueParser.plainNumber(($0 * scale).rounded() / scale) } ?? "" }
                let obs = f.observation(kreis.code)
                let c = obs.map(CSVExport.columns) ?? ("", "", "not_given")
                var change = "", since = ""
                if let y = year, let base = f.changeBase, f.years.count > 1, let now = f.values.observation(kreis.code, year: y)?.value,
                    let then = f.values.observation(kreis.code, year: base)?.value
                {
                    change = shown(now - then)
                    since = String(base)
                }
                // A Land's figure may be a symbol (an official "." where a district is secret).
                let land = kreis.parent.flatMap { landObservation(f, year, $0) }
                let fields: [String] = [
                    kreis.code, Escape.csv(kreis.name), i.id, Escape.csv(i.title[lang]), Escape.csv(i.unit[lang]), year.map(String.init) ?? "",
                    c.0, c.1, c.2, f.rankByCode[kreis.code].map { String($0.position) } ?? "", f.rankByCode[kreis.code].map { String($0.of) } ?? "",
                    kreis.parent ?? "", shown(land?.value), land.map { CSVExport.columns($0).symbol } ?? "",
                    kreis.parent.map { formationKey(i, f, year: year, land: $0) } ?? "", group ?? "",
                    shown(group.flatMap { g in year.flatMap { f.peerValues[$0]?[g] } }),
                    group == nil ? "" : formationKey(i, f, year: year, land: nil),
                    shown(year.flatMap { f.germanyValues[$0] }), formationKey(i, f, year: year, land: nil), change, since,
                ]
                out += fields.joined(separator: ",") + "\r\n"
            }
        }
        return out
    }
}
