/// Reads a GENESIS or Regionaldatenbank table as exported for the screen:
/// metadata lines, a header over several lines, the data rows (one per region,
/// or per region and category), then notes and the licence. The data rows are
/// the lines with as many fields as `columns:` names and a region key in the
/// key column; whatever stands above them is the header, whatever follows the
/// last of them the footer. A line that is neither inside the data is an
/// error (a footer or a second table in the middle would otherwise go unseen).
///
/// The result is an ordinary `Table` with one row per Kreis of the atlas
/// (keys rewritten to 5 digits, the time column to its year), its cells still
/// pointing at their line and column in the export.
enum GenesisTableReader {
    static func read(_ source: SourceText, spec: GenesisTableSpec, keys: ExportKeys) -> (Table?, [Diagnostic]) {
        // Regionaldatenbank exports are Latin-1; undeclared, that is an error.
        if let invalid = source.firstInvalidUTF8(from: source.bomLength, to: source.bytes.count) {
            return (nil, [source.notUTF8(at: invalid)])
        }
        let (scanned, scanDiagnostics, _) = CSVReader.scan(
            source, from: source.bomLength, to: source.bytes.count, line: 1, delimiter: UInt8(ascii: ";"))
        var diagnostics = scanDiagnostics
        let width = spec.columns.count
        let names = spec.columns.map(\.value)
        guard let keyIdx = names.firstIndex(of: spec.keyColumn.value) else { return (nil, diagnostics) }
        let timeIdx = spec.timeColumn.flatMap { names.firstIndex(of: $0.value) }
        let rowFilter = spec.rows.flatMap { r in names.firstIndex(of: r.column.value).map { ($0, r.value) } }

        func isKey(_ s: String) -> Bool { s == "DG" || (!s.isEmpty && s.count <= 8 && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) }
        func isData(_ row: Table.Row) -> Bool { row.cells.count == width && isKey(row.cells[keyIdx]) }
        guard let first = scanned.firstIndex(where: isData), let last = scanned.lastIndex(where: isData) else {
            diagnostics.append(
                source.diagnostic(
                    .error, "no data row found: no line has \(width) fields with a region key in field \(keyIdx + 1)", line: 1, column: 1,
                    hint:
                        "\"columns:\" in atlas.yaml must name every field of a data row, in order (\(width) named now), and key_column the one with the key"
                ))
            return (nil, diagnostics)
        }
        var table = Table(
            source: source, header: names, headerColumns: Array(repeating: 1, count: width), headerLine: scanned[first].line,
            rows: [], dialect: .german)
        var kept: [Table.Row] = []
        var byKreis: [String: Int] = [:]
        var pendingMerges: [(row: Table.Row, kreis: String, action: KeyRules.Action, raw: String)] = []
        for row in scanned[first...last] {
            guard isData(row) else {
                let shown = row.cells.first(where: { !$0.isEmpty }) ?? ""
                diagnostics.append(
                    source.diagnostic(
                        .error,
                        "line \(row.line) inside the data is not a data row (\(row.cells.count) field\(row.cells.count == 1 ? "" : "s"), \(width) expected, with a region key in field \(keyIdx + 1))",
                        line: row.line, column: 1, length: max(1, shown.unicodeScalars.count),
                        hint: "notes and footers belong below the last data row; if the export joins two tables, keep one per file"))
                continue
            }
            if let (idx, value) = rowFilter, row.cells[idx] != value { continue }
            var out = row
            out.columns = row.cells.indices.map { Int32(row.column(ofCell: $0)) }
            if let timeIdx {
                guard let year = year(of: row.cells[timeIdx]) else {
                    diagnostics.append(
                        table.diagnostic(
                            .error, "\"\(row.cells[timeIdx])\" is not a reference date", row: row, column: timeIdx,
                            hint: "the time column holds a year (2023) or a date (31.12.2018, 2018-12-31)"))
                    continue
                }
                out.cells[timeIdx] = String(year)
            }
            switch keys.classify(row.cells[keyIdx], rules: spec.keys) {
            case .kreis(let code):
                out.cells[keyIdx] = code
                if byKreis[code] == nil { byKreis[code] = kept.count }
                kept.append(out)
            case .leaveOut: break
            case .leaveOutIfEmpty:
                if let k = figureColumn(row, except: [keyIdx, timeIdx].compactMap { $0 }) {
                    diagnostics.append(
                        table.diagnostic(
                            .error,
                            "key \"\(row.cells[keyIdx])\" is no Kreis of the Gebietsstand \(keys.gebietsstand), and its row holds a figure (\(row.cells[k])) that would be lost",
                            row: row, column: k,
                            hint:
                                "check the key; for a former Kreis, write former_kreise: merge under \"keys:\" to add its figures to its successor (the change must be listed under territorial_changes)"
                        ))
                }
            case .successor(let code, let action):
                out.cells[keyIdx] = code
                pendingMerges.append((out, code, action, row.cells[keyIdx]))
            case .finding(let message, let hint):
                diagnostics.append(table.diagnostic(.error, message, row: row, column: keyIdx, hint: hint))
            }
        }
        for (row, code, action, raw) in pendingMerges {
            guard let target = byKreis[code] else {
                byKreis[code] = kept.count
                kept.append(row)
                continue
            }
            for k in row.cells.indices where k != keyIdx && k != timeIdx {
                let a = kept[target].cells[k], b = row.cells[k]
                switch action {
                case .merge: kept[target].cells[k] = merged(a, b)
                default:
                    // Codes and figures must agree; names (text) naturally differ.
                    if a != b, rowFilter?.0 != k, Self.isFigure(a) || Self.isFigure(b) {
                        diagnostics.append(
                            table.diagnostic(
                                .error, "former Kreis \(raw) says \"\(b)\" in column \"\(names[k])\", its successor \(code) \"\(a)\"",
                                row: row, column: k,
                                hint: "same-as-successor needs equal rows; write former_kreise: merge to add figures up, or leave-out"))
                    }
                }
            }
        }
        table.rows = kept
        return (table, diagnostics)
    }

    /// The year of `2023`, `31.12.2018` or `2018-12-31`.
    static func year(of text: String) -> Int? {
        let parts = text.split(whereSeparator: { $0 == "." || $0 == "-" })
        let candidate = parts.count == 3 ? (parts[0].count == 4 ? parts[0] : parts[2]) : (parts.count == 1 ? parts[0] : "")
        guard candidate.count == 4, let y = Int(candidate) else { return nil }
        return y
    }

    static func isFigure(_ text: String) -> Bool {
        if case .success(let o) = ValueParser.parse(text, dialect: .german), o.value != nil { return true }
        return false
    }

    /// The first cell (outside `except`) that holds a number.
    static func figureColumn(_ row: Table.Row, except: [Int]) -> Int? {
        row.cells.indices.first { !except.contains($0) && isFigure(row.cells[$0]) }
    }

    /// Two cells of the same column added up: a number and `–` (nothing) give
    /// the number; any other symbol with a number gives "." (the sum is not
    /// known); text keeps the successor's.
    static func merged(_ a: String, _ b: String) -> String {
        guard case .success(let x) = ValueParser.parse(a, dialect: .german), case .success(let y) = ValueParser.parse(b, dialect: .german)
        else { return a }
        switch (x.value, y.value) {
        case (let u?, let v?): return ValueParser.format(Observation(value: u + v), dialect: .german)
        case (let u?, nil) where y.symbol == .nothing: return ValueParser.format(Observation(value: u), dialect: .german)
        case (nil, let v?) where x.symbol == .nothing: return ValueParser.format(Observation(value: v), dialect: .german)
        case (nil, nil) where x.symbol == y.symbol: return a
        default: return "."
        }
    }
}
