import Foundation

/// Reads every indicator's figures from its tables and runs the cell rules:
/// region key (RegionKeyRule), year, duplicate rows, number or symbol, range,
/// year span; then warns about regions left without any figure.
extension LoadRun {
    /// The rows of a table resolved to (region, year), once per table, level,
    /// key column and year column, so that a wide table used by twenty
    /// indicators reports a bad key once, not twenty times.
    struct KeyedRows {
        var entries: [(row: Int, code: String, year: Int)] = []
    }

    /// One value source of an indicator, its table and columns resolved.
    struct PlannedSource {
        var level: RegionLevel
        var table: Table
        var valueIdx: Int
        var yearIdx: Int?
        var keyIdx: Int
        var viewKey: String
        /// A later file of a table set: its Datenstand.
        var datenstand: String?
    }

    /// What reading one indicator's cells gave.
    struct IndicatorRead {
        var byLevel: [RegionLevel: IndicatorValues] = [:]
        var diagnostics: [Diagnostic] = []
        var rejected: Set<String> = []
        var numbers = 0
        var symbols = 0
    }

    /// Three steps: the tables and columns of every value source, in order
    /// (their findings in order); then each distinct view of a table (key and
    /// year of every row) and each indicator's cells, on all cores, as they
    /// are independent; then the findings of both, in the order the sources
    /// were named, and the gap warnings.
    mutating func loadValues() -> [String: [RegionLevel: IndicatorValues]] {
        let keyRule = RegionKeyRule(
            regions: regions, changes: definition.territorialChanges, gebietsstand: definition.gebietsstand,
            listPaths: listPaths())
        var plans: [[PlannedSource]] = []
        var viewOrder: [String] = []
        var viewJobs: [String: (Table, RegionLevel, Int, ValueSource.YearSource, Int?, (Int, String)?, String)] = [:]
        for indicator in definition.indicators {
            var plan: [PlannedSource] = []
            // A table set reads as one table: its files in order, each a source.
            let sources = indicator.values.flatMap { vs -> [ValueSource] in
                let members =
                    definition.tables[vs.table.value]?.also.indices.map { k -> ValueSource in
                        var m = vs
                        m.table = Located("\(vs.table.value)+\(k + 1)", at: vs.table.location)
                        return m
                    } ?? []
                return [vs] + members
            }
            for vs in sources {
                let user = "indicator \"\(indicator.id)\""
                guard regions.count(vs.level) > 0 else {
                    reporter.add(
                        Diagnostic.error(
                            "\(user) has figures per \(vs.level.nameDE), but the atlas defines no regions of that level",
                            at: vs.location,
                            hint:
                                "declare \"\(vs.level.rawValue):\" under \"regions:\" in atlas.yaml, or correct \"level:\""
                        ))
                    continue
                }
                guard let table = table(vs.table, for: user) else { continue }
                let keyIdx = column(vs.keyColumn, in: table, tableName: vs.table.value)
                var yearIdx: Int?
                if case .column(let y) = vs.year {
                    yearIdx = column(y, in: table, tableName: vs.table.value)
                    if yearIdx == nil { continue }
                }
                let valueIdx = column(vs.valueColumn, in: table, tableName: vs.table.value)
                var filter: (Int, String)?
                if let f = vs.filter {
                    guard let idx = column(f.column, in: table, tableName: vs.table.value) else { continue }
                    filter = (idx, f.value)
                }
                guard let keyIdx, let valueIdx else { continue }
                let viewKey =
                    "\(vs.table.value)|\(vs.level)|\(keyIdx)|\(yearIdx.map(String.init) ?? "=\(vs.year)")|\(filter.map { "\($0.0)=\($0.1)" } ?? "")"
                if viewJobs[viewKey] == nil {
                    viewJobs[viewKey] = (table, vs.level, keyIdx, vs.year, yearIdx, filter, vs.table.value)
                    viewOrder.append(viewKey)
                }
                plan.append(
                    PlannedSource(
                        level: vs.level, table: table, valueIdx: valueIdx, yearIdx: yearIdx, keyIdx: keyIdx, viewKey: viewKey,
                        datenstand: definition.tables[vs.table.value]?.datenstand))
            }
            plans.append(plan)
        }

        let incomplete = incompleteLevels
        let jobs = viewOrder.map { viewJobs[$0]! }
        // Tables filtered by more than one view: split by the filter column once.
        var filterUses: [String: (Table, Int, Int)] = [:]
        for (table, _, _, _, _, filter, name) in jobs {
            guard let (idx, _) = filter else { continue }
            let key = "\(name)|\(idx)"
            filterUses[key] = (table, idx, (filterUses[key]?.2 ?? 0) + 1)
        }
        let splits = filterUses.filter { $0.value.2 > 1 }.sorted { $0.key < $1.key }
        let split = ParallelSlots<[String: [Int]]>(count: splits.count)
        DispatchQueue.concurrentPerform(iterations: splits.count) { k in
            split.set(k, Self.rowsByValue(splits[k].value.0, column: splits[k].value.1))
        }
        var splitByKey: [String: [String: [Int]]] = [:]
        for (k, entry) in splits.enumerated() { splitByKey[entry.key] = split[k]! }
        let byFilter = splitByKey
        let resolved = ParallelSlots<(KeyedRows, [Diagnostic])>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
            let (table, level, keyIdx, year, yearIdx, filter, name) = jobs[k]
            let only = filter.flatMap { f in byFilter["\(name)|\(f.0)"].map { $0[f.1] ?? [] } }
            resolved.set(
                k,
                Self.resolveRows(
                    table, level: level, keyIdx: keyIdx, year: year, yearIdx: yearIdx, rule: keyRule, filter: filter,
                    only: only, incomplete: incomplete))
        }
        var keyed: [String: KeyedRows] = [:]
        for (k, key) in viewOrder.enumerated() {
            let (rows, diagnostics) = resolved[k]!
            keyed[key] = rows
            reporter.add(contentsOf: diagnostics)
        }

        let indicators = definition.indicators
        let reads = ParallelSlots<IndicatorRead>(count: indicators.count)
        let planned = plans
        let views = keyed
        DispatchQueue.concurrentPerform(iterations: indicators.count) { k in
            reads.set(k, Self.readCells(indicators[k], planned[k], keyed: views))
        }
        var result: [String: [RegionLevel: IndicatorValues]] = [:]
        for (k, indicator) in indicators.enumerated() {
            let read = reads[k]!
            reporter.add(contentsOf: read.diagnostics)
            statistics.numbers += read.numbers
            statistics.symbols += read.symbols
            // Kreise covered by a reporting unit have their figure in its group.
            let covered =
                indicator.values.flatMap { definition.tables[$0.table.value]?.reportingUnits ?? [] }.flatMap(\.covers).map(\.value)
                + indicator.values.flatMap { definition.tables[$0.table.value]?.notListed ?? [] }.map(\.code.value)
            warnAboutGaps(indicator, read.byLevel, except: read.rejected.union(covered))
            result[indicator.id] = read.byLevel
        }
        return result
    }

    /// The cells of one indicator: number or symbol, year span, range, and a
    /// figure given twice.
    static func readCells(_ indicator: Indicator, _ plan: [PlannedSource], keyed: [String: KeyedRows]) -> IndicatorRead {
        var read = IndicatorRead()
        // The sources read so far per level, to name where a figure given
        // twice came from first (a rare path: searched only then).
        var earlier: [RegionLevel: [(table: Table, rows: KeyedRows)]] = [:]
        for source in plan {
            let table = source.table
            let valueIdx = source.valueIdx
            var values = read.byLevel[source.level] ?? IndicatorValues(level: source.level)
            let valueColumn = table.header[valueIdx]
            let rows = keyed[source.viewKey]!
            // The figures of the region being read, held apart while its rows
            // follow each other (they nearly always do): one lookup by region
            // per run of rows instead of two per figure, and no regrowing.
            var runCode: String?
            var run: [Int: Observation] = [:]
            func startRun(_ code: String) {
                if let c = runCode { values.series[c] = run }
                runCode = code
                run = values.series.removeValue(forKey: code) ?? [:]
                if run.isEmpty { run.reserveCapacity(min(indicator.years.count, 8)) }
            }
            for entry in rows.entries {
                let row = table.rows[entry.row]
                let text = row.cells[valueIdx]
                let obs: Observation
                switch ValueParser.parse(text, dialect: table.dialect) {
                case .success(let o): obs = o
                case .failure(let f):
                    read.diagnostics.append(
                        table.diagnostic(
                            .error, "\"\(text)\" is not a number (column \"\(valueColumn)\")", row: row,
                            column: valueIdx, hint: f.hint))
                    read.rejected.insert(entry.code)
                    continue
                }
                if obs.symbol == .blank && !indicator.years.contains(entry.year) { continue }
                if !indicator.years.contains(entry.year) {
                    let yearCell = source.yearIdx ?? source.keyIdx
                    read.diagnostics.append(
                        table.diagnostic(
                            .error,
                            "year \(entry.year) is outside the years \(indicator.years.lowerBound)–\(indicator.years.upperBound) of indicator \"\(indicator.id)\" (column \"\(valueColumn)\" has a figure)",
                            row: row, column: yearCell,
                            hint: "correct the year, or widen \"years:\" in \(indicator.file)"))
                    read.rejected.insert(entry.code)
                    continue
                }
                if let v = obs.value, let range = indicator.range, !range.contains(v) {
                    read.diagnostics.append(
                        table.diagnostic(
                            .error,
                            "\"\(text)\" is outside the range \(ValueParser.plainNumber(range.lowerBound)) to \(ValueParser.plainNumber(range.upperBound)) of indicator \"\(indicator.id)\" (column \"\(valueColumn)\")",
                            row: row, column: valueIdx,
                            hint:
                                "check the figure and its unit (\(indicator.unit["de"])); if the range is too narrow, change \"range:\" in \(indicator.file)"
                        ))
                    read.rejected.insert(entry.code)
                    continue
                }
                if entry.code != runCode { startRun(entry.code) }
                if run[entry.year] != nil {
                    let other = Self.firstOrigin(entry.code, entry.year, in: earlier[source.level] ?? [], before: (table, rows))
                    read.diagnostics.append(
                        table.diagnostic(
                            .error,
                            "indicator \"\(indicator.id)\" gets a second figure for \(source.level.nameDE) \"\(entry.code)\" and year \(entry.year) (the first is in \(other))",
                            row: row, column: valueIdx, hint: "list each region and year in one table only"))
                    continue
                }
                run[entry.year] = obs
                if let d = source.datenstand { values.datenstand[entry.year] = d }
                if obs.hasValue { read.numbers += 1 } else { read.symbols += 1 }
            }
            if let c = runCode { values.series[c] = run }
            read.diagnostics += plausibility(indicator, values, table: table, rows: rows, valueIdx: valueIdx)
            read.byLevel[source.level] = values
            earlier[source.level, default: []].append((table, rows))
        }
        return read
    }

    /// Warnings, never errors, and no figure is changed: a figure far outside
    /// its own series (between two neighbouring years that agree within 10 %,
    /// it differs from their mean by more than half of it and by more than
    /// eight of the series' usual steps: Göttingen's Abitur share 17.7 %
    /// between 40.6 % and 42.1 %), or a 0 between two years that are not 0.
    /// An editor looks at the source before publishing.
    static func plausibility(_ indicator: Indicator, _ values: IndicatorValues, table: Table, rows: KeyedRows, valueIdx: Int) -> [Diagnostic] {
        var found: [(code: String, year: Int, text: String)] = []
        for (code, series) in values.series {
            let years = series.keys.sorted().filter { series[$0]?.value != nil }
            guard years.count >= 3 else { continue }
            let steps = zip(years, years.dropFirst()).map { abs(series[$1]!.value! - series[$0]!.value!) }
            // How much the series moves from year to year as a rule (the median
            // of its other steps): a volatile series (building permits) is not
            // flagged for moving as it always does.
            func usual(around k: Int) -> Double {
                let others = steps.enumerated().filter { $0.offset != k - 1 && $0.offset != k }.map(\.element).sorted()
                return others.isEmpty ? 0 : others[others.count / 2]
            }
            for k in 1..<(years.count - 1) {
                let prev = series[years[k - 1]]!.value!, v = series[years[k]]!.value!, next = series[years[k + 1]]!.value!
                let mid = (prev + next) / 2
                let stable = abs(prev - next) <= 0.1 * max(abs(prev), abs(next))
                let zero = v == 0 && prev != 0 && next != 0
                guard zero || (stable && mid != 0 && abs(v - mid) > 0.5 * abs(mid) && abs(v - mid) > 8 * usual(around: k)) else { continue }
                func f(_ x: Double) -> String { ValueParser.plainNumber(x) }
                found.append(
                    (
                        code, years[k],
                        "\(f(v)) in \(years[k]) lies far outside its own series (\(f(prev)) in \(years[k - 1]), \(f(next)) in \(years[k + 1]))"
                    ))
            }
        }
        guard !found.isEmpty else { return [] }
        // One cause, one message: the regions of one year go together (a
        // double Abitur cohort moves every Kreis of a Land at once).
        var out: [Diagnostic] = []
        for year in Set(found.map(\.year)).sorted() {
            let ofYear = found.filter { $0.year == year }.sorted { $0.code < $1.code }
            let first = ofYear[0]
            guard let entry = rows.entries.first(where: { $0.code == first.code && $0.year == year }) else { continue }
            let others = ofYear.dropFirst()
            let more =
                others.isEmpty
                ? ""
                : "; the same in \(year) for \(others.count) more: \(others.prefix(8).map(\.code).joined(separator: ", "))\(others.count > 8 ? ", …" : "")"
            out.append(
                table.diagnostic(
                    .warning, "indicator \"\(indicator.id)\", \(first.code): \(first.text)\(more)", row: table.rows[entry.row], column: valueIdx,
                    hint:
                        "check the figures against the source; if they are right, nothing is to do (a warning never stops the build or changes a figure)"
                ))
        }
        return out
    }

    /// "table.csv:12": where a figure for (code, year) came from first, among
    /// the sources read before (and the current one, for a row repeated in it).
    static func firstOrigin(_ code: String, _ year: Int, in sources: [(table: Table, rows: KeyedRows)], before current: (Table, KeyedRows)) -> String
    {
        for (table, rows) in sources + [current] {
            if let e = rows.entries.first(where: { $0.code == code && $0.year == year }) {
                return "\(table.path):\(table.rows[e.row].line)"
            }
        }
        return "another table"
    }

    /// A region (by its number in `KeyedRows` order of first sight) and year:
    /// duplicate rows are found without hashing a string per row.
    struct RegionYear: Hashable {
        var region: Int
        var year: Int
    }

    /// Checks key and year of every row (or of `only`, the rows that pass the
    /// view's filter, in table order), and that each (region, year) occurs once.
    static func resolveRows(
        _ table: Table, level: RegionLevel, keyIdx: Int, year: ValueSource.YearSource, yearIdx: Int?,
        rule: RegionKeyRule, filter: (Int, String)? = nil, only: [Int]? = nil, incomplete: Set<RegionLevel>
    ) -> (KeyedRows, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var out = KeyedRows()
        out.entries.reserveCapacity(only?.count ?? table.rows.count)
        var first: [RegionYear: Int] = [:]
        first.reserveCapacity(only?.count ?? table.rows.count)
        var regionNumber: [String: Int] = [:]
        // Rows of one region usually follow each other: its key is checked once.
        var lastText: String?
        var lastCode = ""
        var lastNumber = 0
        let keyColumn = table.header[keyIdx]
        func resolve(_ i: Int) {
            let row = table.rows[i]
            if only == nil, let (idx, value) = filter, row.cells[idx] != value { return }
            let text = row.cells[keyIdx]
            let code: String
            let number: Int
            if text == lastText {
                code = lastCode
                number = lastNumber
            } else {
                switch rule.check(text, level: level, column: keyColumn) {
                case .success(let c): code = c
                case .failure(let f):
                    if !(f.unknown && incomplete.contains(level)) {
                        diagnostics.append(table.diagnostic(.error, f.message, row: row, column: keyIdx, hint: f.hint))
                    }
                    return
                }
                if let n = regionNumber[code] {
                    number = n
                } else {
                    number = regionNumber.count
                    regionNumber[code] = number
                }
                lastText = text
                lastCode = code
                lastNumber = number
            }
            let y: Int
            switch year {
            case .fixed(let fixed): y = fixed
            case .column:
                let text = row.cells[yearIdx!]
                guard let parsed = Int(text), (1800...2200).contains(parsed) else {
                    diagnostics.append(
                        table.diagnostic(
                            .error,
                            text.isEmpty
                                ? "the year is empty (column \"\(table.header[yearIdx!])\")"
                                : "year \"\(text)\" is not a year written with four digits (column \"\(table.header[yearIdx!])\")",
                            row: row, column: yearIdx!, hint: "write the reference year, e.g. 2021"))
                    return
                }
                y = parsed
            }
            if let line = first[RegionYear(region: number, year: y)] {
                diagnostics.append(
                    table.diagnostic(
                        .error, "duplicate row for \(level.nameDE) \"\(code)\" and year \(y) (first on line \(line))",
                        row: row, column: keyIdx,
                        hint: "keep one row per region and year; delete or correct the repeated row"))
                return
            }
            first[RegionYear(region: number, year: y)] = row.line
            out.entries.append((i, code, y))
        }
        if let only {
            for i in only { resolve(i) }
        } else {
            for i in table.rows.indices { resolve(i) }
        }
        return (out, diagnostics)
    }

    /// The rows of a table by the text in one column (in table order): a long
    /// table read by many indicators, each filtering on its own name, is
    /// split once instead of scanned by each.
    static func rowsByValue(_ table: Table, column: Int) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        var lastText: String?
        var run: [Int] = []
        for (i, row) in table.rows.enumerated() {
            let text = row.cells[column]
            if text != lastText, let last = lastText {
                out[last, default: []].append(contentsOf: run)
                run.removeAll(keepingCapacity: true)
            }
            lastText = text
            run.append(i)
        }
        if let last = lastText { out[last, default: []].append(contentsOf: run) }
        return out
    }

    /// Warning (the check still passes): regions of a level with no figure in
    /// any year. Pages will say "keine Angabe" for them.
    func warnAboutGaps(_ indicator: Indicator, _ byLevel: [RegionLevel: IndicatorValues], except rejected: Set<String>) {
        for (level, values) in byLevel.sorted(by: { $0.key < $1.key }) {
            // Gaps the definition plans for: Gemeinden left out of a mean up to `min_coverage`.
            if level == .gemeinde, indicator.aggregate?.minCoverage != nil { continue }
            let all = regions.list(level)
            let empty = all.filter { r in
                // "–" (nothing) is a figure: exactly zero, said as the source says it.
                !rejected.contains(r.code) && !(values.series[r.code]?.values.contains { $0.hasValue || $0.symbol == .nothing } ?? false)
            }
            guard !empty.isEmpty else { continue }
            let shown = empty.prefix(5).map { "\($0.code) \($0.shortName ?? $0.name)" }.joined(separator: ", ")
            let more = empty.count > 5 ? " and \(empty.count - 5) more" : ""
            let vs = indicator.values.first { $0.level == level }!
            // What a secret Gemeinde does: the Kreise and Länder formed from it show "." (or a partial value).
            var consequence = ""
            if level == .gemeinde, indicator.aggregate != nil {
                let given = Set(indicator.values.map(\.level))
                let kreise = Set(empty.compactMap(\.parent)).sorted()
                let laender = Set(kreise.compactMap { regions.region($0, level: .kreis)?.parent }).sorted()
                func names(_ codes: [String], _ level: RegionLevel) -> String {
                    codes.prefix(5).map { "\($0) \(regions.region($0, level: level).map { $0.shortName ?? $0.name } ?? "")" }.joined(separator: ", ")
                        + (codes.count > 5 ? " and \(codes.count - 5) more" : "")
                }
                if !given.contains(.kreis), !kreise.isEmpty {
                    consequence +=
                        "; so \(kreise.count == 1 ? "1 Kreis shows" : "\(kreise.count) Kreise show") \".\" for the years without it: \(names(kreise, .kreis))"
                }
                if !given.contains(.land), !laender.isEmpty {
                    consequence += "; and \(laender.count == 1 ? "1 Land" : "\(laender.count) Länder"): \(names(laender, .land))"
                }
            }
            reporter.add(
                Diagnostic.warning(
                    "indicator \"\(indicator.id)\": \(empty.count) of \(all.count) \(level.pluralDE) \(empty.count == 1 ? "has" : "have") no figure in any year: \(shown)\(more)\(consequence)",
                    at: vs.location, sourceLine: readSource(vs.location.path)?.line(vs.location.line),
                    hint: "the atlas shows \"keine Angabe\" for them; check the source table if figures are expected"))
        }
    }

    func listPaths() -> [RegionLevel: String] {
        var out: [RegionLevel: String] = [:]
        for (level, def) in definition.regions {
            if let t = tables[def.table.value], let table = t { out[level] = table.path }
        }
        return out
    }

}
