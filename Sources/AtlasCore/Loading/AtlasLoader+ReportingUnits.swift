/// Reporting units: a figure that covers several Kreise is moved from the
/// Kreis it stands under into a group of its own, so that no ranking, map or
/// rate passes it off as that Kreis's (Saarlouis with the whole Saarland's
/// people seeking protection would top every list). A unit holds for the
/// years of the table that declares it.
extension LoadRun {
    mutating func applyReportingUnits(_ values: inout [String: [RegionLevel: IndicatorValues]]) {
        for indicator in definition.indicators {
            let sources = indicator.values.filter { $0.level == .kreis && !(definition.tables[$0.table.value]?.reportingUnits ?? []).isEmpty }
            let units = sources.flatMap { definition.tables[$0.table.value]!.reportingUnits }
            guard !units.isEmpty, var kreise = values[indicator.id]?[.kreis] else { continue }
            // A unit holds for the years of the table that declares it only.
            var years: Set<Int> = []
            for source in sources {
                switch source.year {
                case .fixed(let y): years.insert(y)
                case .column(let c):
                    guard let table = tables[source.table.value] ?? nil, let idx = table.columnIndex(c.value) else { continue }
                    for row in table.rows { if let y = Int(row.cells[idx]) { years.insert(y) } }
                }
            }
            var claimed: [String: String] = [:]
            for unit in units {
                var covers: [String] = []
                var ok = true
                for member in unit.covers {
                    guard let region = regions.region(member.value, level: .kreis) else {
                        reporter.add(
                            diagnostic(
                                .error, "the reporting unit of \(unit.reportedBy.value) covers \"\(member.value)\", which is no Kreis",
                                at: member,
                                hint: Suggestion.hint(for: member.value, in: regions.list(.kreis).map(\.code), otherwise: "list 5-digit Kreis keys")))
                        ok = false
                        continue
                    }
                    if let other = claimed[member.value], other != unit.reportedBy.value {
                        reporter.add(
                            diagnostic(
                                .error, "Kreis \(member.value) is covered by two reporting units (\(other) and \(unit.reportedBy.value))",
                                at: member, hint: "a Kreis can be counted in one place only"))
                        ok = false
                    }
                    if region.parent != regions.region(unit.reportedBy.value, level: .kreis)?.parent {
                        reporter.add(
                            diagnostic(
                                .error, "Kreis \(member.value) lies in another Land than \(unit.reportedBy.value)", at: member,
                                hint: "a reporting unit lies within one Land, so that Land figures stay right"))
                        ok = false
                    }
                    claimed[member.value] = unit.reportedBy.value
                    covers.append(member.value)
                }
                guard ok else { continue }
                for member in covers where member != unit.reportedBy.value {
                    if let (year, _) = kreise.series[member]?.first(where: { years.contains($0.key) && $0.value.hasValue }) {
                        reporter.add(
                            diagnostic(
                                .error,
                                "Kreis \(member) has a figure of its own for \(year) in indicator \"\(indicator.id)\", but the reporting unit of \(unit.reportedBy.value) covers it",
                                at: unit.reportedBy, hint: "remove \(member) from \"covers\", or check the table"))
                    }
                    for year in years { kreise.series[member]?[year] = nil }
                }
                var series: [Int: Observation] = [:]
                for year in years { series[year] = kreise.series[unit.reportedBy.value]?.removeValue(forKey: year) }
                kreise.groups.append(
                    IndicatorValues.Group(reportedBy: unit.reportedBy.value, covers: covers.sorted(), note: unit.note, series: series))
            }
            values[indicator.id]?[.kreis] = kreise
        }
        for indicator in definition.indicators {
            let listed = indicator.values.filter { $0.level == .kreis }.flatMap { definition.tables[$0.table.value]?.notListed ?? [] }
            guard !listed.isEmpty, var kreise = values[indicator.id]?[.kreis] else { continue }
            for (code, note) in listed {
                guard isKreis(code, under: "not_listed") else { continue }
                if kreise.series[code.value]?.values.contains(where: \.hasValue) == true {
                    reporter.add(
                        diagnostic(
                            .error, "Kreis \(code.value) is declared as not listed, but indicator \"\(indicator.id)\" has a figure for it", at: code,
                            hint: "remove it from \"not_listed\""))
                    continue
                }
                kreise.notListed[code.value] = note
            }
            values[indicator.id]?[.kreis] = kreise
        }
        for indicator in definition.indicators where !indicator.notApplicable.isEmpty {
            guard var kreise = values[indicator.id]?[.kreis] else { continue }
            for (code, note) in indicator.notApplicable {
                guard isKreis(code, under: "not_applicable") else { continue }
                for year in kreise.series[code.value]?.keys.sorted() ?? [] { kreise.series[code.value]?[year] = Observation(symbol: .locked) }
                kreise.notListed[code.value] = note
            }
            values[indicator.id]?[.kreis] = kreise
        }
    }

    /// Whether a key declared under `field` is a Kreis of the atlas; if not, an error there.
    func isKreis(_ code: Located<String>, under field: String) -> Bool {
        guard !regions.contains(code.value, level: .kreis) else { return true }
        reporter.add(
            diagnostic(
                .error, "\"\(code.value)\" under \"\(field)\" is no Kreis", at: code,
                hint: Suggestion.hint(for: code.value, in: regions.list(.kreis).map(\.code), otherwise: "write a 5-digit Kreis key")))
        return false
    }
}
