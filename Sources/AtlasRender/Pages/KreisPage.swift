import AtlasCore

/// The Steckbrief of one district: every indicator grouped by theme with its
/// latest value, rank, Land and Germany values, change over five years, a
/// sparkline and where it stands among all districts.
extension PageRenderer {
    func kreisPage(_ kreis: Region) -> Page {
        let land = kreis.parent.flatMap { atlas.regions.region($0, level: .land) }
        let page = "kreis/\(kreis.code)/index.html"
        let full = path(page)
        // The indicators with a card, per theme: the cards, the table of all figures and the download show the same.
        let shown = steckbriefTopics.map { theme, indicators in
            (theme, indicators.filter { hasCard($0, kreis) && facts[$0.id] != nil }, indicators.contains { !hasCard($0, kreis) })
        }
        let sections = shown.map { theme, indicators, uncovered in
            KreisModel.Section(
                id: HTML(text: theme.id), title: HTML(text: theme.title[lang]),
                cards: indicators.map { card($0, facts[$0.id]!, kreis: kreis, land: land) },
                // A directory's indicators without an entry for this district: no card, one sentence.
                note: uncovered ? HTML(text: offersNotCovered(kreis)) : nil)
        }
        let model = KreisModel(
            name: HTML(text: kreis.name), type: kreis.type.map { HTML(text: s["type." + $0]) },
            peerGroup: peerGroupName(kreis.code).map { HTML(text: (atlas.definition.peerGroups?.title[lang] ?? "") + ": " + $0) },
            land: land.map { LinkModel(href: HTML(text: link(from: full, to: path("land/\($0.code)/index.html"))), label: HTML(text: $0.name)) },
            ags: HTML(text: kreis.code), intro: HTML(text: s["kreis.intro"]), locator: locatorMap(kreis),
            sCompare: HTML(text: s["compare.with"]), compare: compareLinks(kreis, from: full), sections: sections,
            gemeinden: kreisGemeinden(kreis, from: full), offers: kreisOffers(kreis, from: full),
            keys: kreisKeys(kreis, from: full), summary: summary(kreis, land: land, sections: sections, indicators: shown.map(\.1), page: page),
            legend: symbolLegend())
        return Page(
            path: page, title: kreis.name, description: s("kreis.meta", kreis.name, land?.name ?? ""), model: model, section: "laender",
            breadcrumbs: [(s["nav.home"], "index.html"), (land?.name ?? "", land.map { "land/\($0.code)/index.html" }), (kreis.name, nil)])
    }

    /// The cards' figures as one table, one row per card, with the sources
    /// and the page's address: the printed handout (the cards are left out
    /// in print) and, on screen, every value at a glance.
    /// Whether a Steckbrief shows an indicator: a directory's indicator
    /// (`sparse`) only where the directory has an entry for the district.
    func hasCard(_ i: Indicator, _ kreis: Region) -> Bool {
        !i.sparse || (facts[i.id]?.values.series[kreis.code]?.values.contains { $0.hasValue } ?? false)
    }

    /// `indicators`: per section, the indicators of its cards, in their order.
    func summary(_ kreis: Region, land: Region?, sections: [KreisModel.Section], indicators: [[Indicator]], page: String)
        -> KreisModel.Summary
    {
        let peer = peerGroupName(kreis.code) != nil
        var columns = [s["summary.indicator"], s["summary.value"], s["summary.rank"]]
        if let land { columns.append(land.name) }
        if peer { columns.append(s["summary.peer"]) }
        columns += [s["card.germany"], s["summary.change"]]
        var used: [Indicator] = []
        let groups = zip(sections, indicators).compactMap { section, cardIndicators -> KreisModel.Group? in
            let rows = zip(section.cards, cardIndicators).compactMap { card, i -> KreisModel.SummaryRow? in
                guard let f = facts[i.id] else { return nil }
                used.append(i)
                let year = f.latestYear
                let landFormed = land.map { formation(i, f, year: year, land: $0.code) }
                let formed = formation(i, f, year: year, land: nil)
                let how =
                    landFormed == nil || landFormed == formed
                    ? formed : s("summary.formed_apart", landFormed!, formed)
                // Numbers without their unit (the note under the title says it), so that the columns fit on paper.
                let number = { (v: Double?) in
                    v.map { self.display.html(Observation(value: $0), decimals: i.decimals) } ?? self.display.html(nil, decimals: 0)
                }
                var change = HTML(text: "–")
                var since: HTML?
                if let y = year, let base = f.changeBase, f.years.count > 1, let now = f.values.observation(kreis.code, year: y)?.value,
                    let then = f.values.observation(kreis.code, year: base)?.value
                {
                    change = HTML(
                        text: display.number(now - then, decimals: i.decimals, signed: true)
                            + (i.unit["de"] == "%" ? "\u{00A0}" + s["summary.pp"] : ""))
                    since = HTML(text: s("summary.since", String(base)))
                }
                let group = atlas.peerGroupOf[kreis.code]
                return KreisModel.SummaryRow(
                    href: card.href, title: card.title,
                    note: HTML(
                        text: s("summary.note", year.map(String.init) ?? "–", unit(i), how)
                            + (i.polarity == .lowerIsBetter ? "; " + s["summary.rank_low"] : "")),
                    value: display.html(f.observation(kreis.code), decimals: i.decimals),
                    rank: HTML(text: f.rankByCode[kreis.code].map { s("summary.rank_of", String($0.position), String($0.of)) } ?? "–"),
                    land: land.map { land in landObservation(f, year, land.code).map { display.html($0, decimals: i.decimals) } ?? number(nil) },
                    peer: group.map { g in number(year.flatMap { f.peerValues[$0]?[g] }) },
                    germany: number(year.flatMap { f.germanyValues[$0] }), change: change,
                    since: since)
            }
            return rows.isEmpty
                ? nil : KreisModel.Group(title: section.title, span: HTML(text: String(columns.count)), rows: rows)
        }
        // One line per licence, its sources with their dates: the handout's attribution (dl-de/by-2-0 asks for it).
        var sources: [(licence: String, items: [String])] = []
        for i in used {
            let licence = atlas.definition.licences[i.source.licence.value]?.name ?? i.source.licence.value
            let item = s("summary.source", i.source.attribution ?? i.source.publisher[lang], dateText(i.source.datenstand))
            if let k = sources.firstIndex(where: { $0.licence == licence }) {
                if !sources[k].items.contains(item) { sources[k].items.append(item) }
            } else {
                sources.append((licence, [item]))
            }
        }
        let address = (baseURL ?? "") + path(page).replacingOccurrences(of: "index.html", with: "")
        return KreisModel.Summary(
            title: HTML(text: s["summary.title"]), caption: HTML(text: s("summary.caption", kreis.name)),
            columns: columns.map { HTML(text: $0) }, groups: groups, sourcesTitle: HTML(text: s["summary.sources"]),
            sources: sources.map { HTML(text: s("summary.licence", $0.licence, $0.items.joined(separator: "; "))) },
            imprint: HTML(text: s("summary.imprint", address, dateText(atlas.definition.gebietsstand))),
            sDownload: HTML(text: s["summary.download"]),
            downloads: [("", "summary.csv"), ("-excel", "summary.excel")].map { suffix, label in
                LinkModel(href: HTML(text: link(from: path(page), to: "daten/kreise/\(kreis.code)\(suffix).csv")), label: HTML(text: s[label]))
            })
    }

    /// "(aus 1 von 2 Kreisen)" where a reference value rests on part of the
    /// districts; "(Abdeckung: 98 % der Wohnungen)" where a Land's aggregate
    /// rests on part of its Gemeinden.
    func coverage(_ f: IndicatorFacts, _ year: Int?, _ key: String) -> HTML? {
        guard let year else { return nil }
        if let share = f.landCoverage[year]?[key] { return HTML(text: coveragePhrase(f.indicator, share)) }
        guard let p = f.partial[year]?[key] else { return nil }
        return HTML(text: s("card.partial", String(p.have), String(p.of)))
    }

    /// The name of a Kreis's peer group in this language.
    func peerGroupName(_ code: String) -> String? {
        guard let group = atlas.peerGroupOf[code] else { return nil }
        return atlas.definition.peerGroups?.names.first { $0.code == group }?.name[lang]
    }

    /// A Land's value; in ( ) where its aggregate covers part of its Gemeinden only.
    func landValueHTML(_ f: IndicatorFacts, _ i: Indicator, _ year: Int?, _ land: String) -> HTML {
        guard let o = landObservation(f, year, land) else { return numberWithUnit(nil, i) }
        return valueHTML(o, i)
    }

    func landObservation(_ f: IndicatorFacts, _ year: Int?, _ land: String) -> Observation? {
        if let year, let symbol = f.landSymbols[year]?[land] { return Observation(symbol: symbol) }
        guard let year, let v = f.landValues[year]?[land] else { return nil }
        return Observation(value: v, restricted: f.landCoverage[year]?[land] != nil)
    }

    /// The coverage of a region's latest aggregate, where it is partial.
    func coverageText(_ f: IndicatorFacts, _ code: String) -> HTML? {
        guard let year = f.latestYear, let share = f.values.coverage[code]?[year] else { return nil }
        return HTML(text: coveragePhrase(f.indicator, share))
    }

    func coveragePhrase(_ i: Indicator, _ share: Double) -> String {
        let weight = i.aggregate?.weight.flatMap { w in atlas.indicators.first { $0.id == w.value }?.unit[lang] } ?? ""
        // Floored, so 99.96 % does not read as complete.
        return s("coverage", display.number((share * 1000).rounded(.down) / 10, decimals: 1), weight)
    }

    /// What a Steckbrief card of an indicator shows the same for every
    /// district: made once per language and indicator, not 400 times.
    struct CardCommon: Sendable {
        var id, href, title, short, valueLabel, rankLabel, rankDirection, germanyLabel, changeLabel, datenstandLabel, datenstand,
            reference, noChange: HTML
        var yearText: String
    }

    func makeCardCommon(_ i: Indicator, _ f: IndicatorFacts) -> CardCommon {
        let year = f.latestYear
        let yearText = year.map(String.init) ?? "–"
        // All Steckbriefe are at the same depth.
        let full = path("kreis/00000/index.html")
        return CardCommon(
            id: HTML(text: i.id), href: HTML(text: link(from: full, to: path("indikator/\(i.id)/index.html"))), title: HTML(text: i.title[lang]),
            short: HTML(text: i.short[lang]), valueLabel: HTML(text: s("card.value", yearText)), rankLabel: HTML(text: s["card.rank"]),
            rankDirection: HTML(text: rankDirection(i)),
            germanyLabel: HTML(text: formedLabel(s["card.germany"], i, f, year: f.latestYear, land: nil)),
            changeLabel: HTML(text: s("card.change", f.changeBase.map(String.init) ?? year.map { String($0 - 5) } ?? "–", yearText)),
            datenstandLabel: HTML(text: s["card.datenstand"]),
            datenstand: HTML(text: dateText(f.latestYear.flatMap { f.values.datenstand[$0] } ?? i.source.datenstand)),
            reference: HTML(
                text: s[atlas.peerGroupOf.isEmpty ? "card.reference" : "card.reference_peer"] + " " + referenceText(i, level: .kreis) + "."),
            noChange: HTML(text: s("card.change_none", f.changeBase.map(String.init) ?? year.map { String($0 - 5) } ?? "–")), yearText: yearText)
    }

    func makeCardCommons() -> [String: CardCommon] {
        var out: [String: CardCommon] = [:]
        for (_, indicators) in steckbriefTopics {
            for i in indicators { if let f = facts[i.id] { out[i.id] = makeCardCommon(i, f) } }
        }
        return out
    }

    func card(_ i: Indicator, _ f: IndicatorFacts, kreis: Region, land: Region?) -> KreisModel.Card {
        let common = cardCommons[i.id] ?? makeCardCommon(i, f)
        let year = f.latestYear
        let obs = f.observation(kreis.code)
        var change = common.noChange
        if let y = year, let base = f.changeBase, let now = f.values.observation(kreis.code, year: y)?.value,
            let then = f.values.observation(kreis.code, year: base)?.value
        {
            change = HTML(text: display.number(now - then, decimals: i.decimals, signed: true) + "\u{00A0}" + changeUnit(i))
        }
        let spark = sparkline(
            id: "verlauf-\(i.id)", caption: s("card.spark", i.title[lang], kreis.name), name: kreis.name, facts: f, code: kreis.code)
        var histogram = Histogram(
            id: "verteilung-\(i.id)", caption: s("card.hist", i.title[lang], common.yearText), unit: unit(i), decimals: i.decimals,
            values: f.latestFigures(), marker: obs?.value.map { ($0, kreis.name) }, display: display)
        histogram.cache = histograms
        histogram.table = false
        return KreisModel.Card(
            id: common.id, href: common.href, title: common.title, short: common.short, valueLabel: common.valueLabel, value: valueHTML(obs, i),
            valueCoverage: coverageText(f, kreis.code),
            rankLabel: common.rankLabel, rank: HTML(text: rankText(f.rankByCode[kreis.code])), rankDirection: common.rankDirection,
            land: land.map { land in
                KreisModel.Reference(
                    label: HTML(text: formedLabel(land.name, i, f, year: year, land: land.code)), value: landValueHTML(f, i, year, land.code),
                    coverage: coverage(f, year, land.code))
            },
            peer: peerGroupName(kreis.code).map { name in
                let group = atlas.peerGroupOf[kreis.code]!
                return KreisModel.Reference(
                    label: HTML(text: formedLabel(s("card.peer", name), i, f, year: year, land: nil)),
                    value: numberWithUnit(year.flatMap { f.peerValues[$0]?[group] }, i),
                    coverage: year.flatMap { f.peerPartial[$0]?[group] }.map { HTML(text: s("card.partial", String($0.have), String($0.of))) })
            },
            germany: KreisModel.Reference(
                label: common.germanyLabel, value: numberWithUnit(year.flatMap { f.germanyValues[$0] }, i), coverage: coverage(f, year, "DE")),
            changeLabel: common.changeLabel, change: f.years.count > 1 ? change : nil, datenstandLabel: common.datenstandLabel,
            datenstand: common.datenstand,
            reference: common.reference, note: i.note.map { HTML(text: $0[lang]) },
            counted: obs?.hasValue == true ? nil : countedElsewhere(i, f, kreis.code), sparkline: spark,
            histogram: histogram.render())
    }

    /// For a Kreis covered by a reporting unit: where its figure is counted,
    /// and the group's figure, said as the group's.
    func countedElsewhere(_ i: Indicator, _ f: IndicatorFacts, _ code: String) -> HTML? {
        if let note = f.values.notListed[code] { return HTML(text: note[lang]) }
        guard let group = f.values.group(of: code) else { return nil }
        let names = group.covers.compactMap { atlas.regions.region($0, level: .kreis)?.name }
        let value = f.latestYear.flatMap { group.series[$0] }
        return HTML(
            text: s("card.counted", atlas.regions.region(group.reportedBy, level: .kreis)?.name ?? group.reportedBy, names.joined(separator: ", "))
                + " " + s("card.counted_value", String(group.covers.count)) + " ") + valueHTML(value, i)
            + HTML(text: (unit(i).hasSuffix(".") && value?.hasValue == true ? " " : ". ") + group.note[lang])
    }
}
