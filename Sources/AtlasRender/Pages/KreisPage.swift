import AtlasCore

/// The Steckbrief of one district: every indicator grouped by theme with its
/// latest value, rank, Land and Germany values, change over five years, a
/// sparkline and where it stands among all districts.
extension PageRenderer {
    func kreisPage(_ kreis: Region) -> Page {
        let land = kreis.parent.flatMap { atlas.regions.region($0, level: .land) }
        let page = "kreis/\(kreis.code)/index.html"
        let full = path(page)
        let sections = steckbriefTopics.map { theme, indicators in
            // A directory's indicators without an entry for this district: no card, one sentence.
            let uncovered = indicators.filter { i in
                i.sparse && !(facts[i.id]?.values.series[kreis.code]?.values.contains { $0.hasValue } ?? false)
            }
            return KreisModel.Section(
                id: HTML(text: theme.id), title: HTML(text: theme.title[lang]),
                cards: indicators.filter { i in !uncovered.contains { $0.id == i.id } }.compactMap { i in
                    facts[i.id].map { card(i, $0, kreis: kreis, land: land) }
                },
                note: uncovered.isEmpty ? nil : HTML(text: offersNotCovered(kreis)))
        }
        let model = KreisModel(
            name: HTML(text: kreis.name), type: kreis.type.map { HTML(text: s["type." + $0]) },
            peerGroup: peerGroupName(kreis.code).map { HTML(text: (atlas.definition.peerGroups?.title[lang] ?? "") + ": " + $0) },
            land: land.map { LinkModel(href: HTML(text: link(from: full, to: path("land/\($0.code)/index.html"))), label: HTML(text: $0.name)) },
            ags: HTML(text: kreis.code), intro: HTML(text: s["kreis.intro"]), locator: locatorMap(kreis), sections: sections,
            gemeinden: kreisGemeinden(kreis, from: full), offers: kreisOffers(kreis, from: full),
            keys: kreisKeys(kreis, from: full), legend: symbolLegend())
        return Page(
            path: page, title: kreis.name, description: s("kreis.meta", kreis.name, land?.name ?? ""), model: model, section: "laender",
            breadcrumbs: [(s["nav.home"], "index.html"), (land?.name ?? "", land.map { "land/\($0.code)/index.html" }), (kreis.name, nil)])
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
        if let year, let symbol = f.landSymbols[year]?[land] { return valueHTML(Observation(symbol: symbol), i) }
        guard let year, let v = f.landValues[year]?[land] else { return numberWithUnit(nil, i) }
        return valueHTML(Observation(value: v, restricted: f.landCoverage[year]?[land] != nil), i)
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
