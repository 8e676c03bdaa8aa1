import Yams

/// Reads a table written in YAML: a list of rows, each a mapping of column
/// names to values, e.g.
///
///     - {ags: "01001", year: 2020, value: 12.5}
///     - {ags: "01002", year: 2020, value: "."}
///
/// Columns are the keys in order of first appearance; a key missing in a row
/// is an empty cell. Numbers are read in the plain form (decimal point).
public enum YAMLTableReader {
    public static func read(_ source: SourceText) -> (Table?, [Diagnostic]) {
        let reporter = Reporter()
        guard let root = YAMLSupport.compose(source, reporter: reporter) else {
            return (nil, reporter.diagnostics.all)
        }
        guard case .sequence(let items) = root, !items.isEmpty else {
            reporter.add(
                source.diagnostic(
                    .error, "a YAML table must be a list of rows", line: 1, column: 1,
                    hint: "write one row per line, e.g. - {ags: \"01001\", year: 2020, value: 12.5}"))
            return (nil, reporter.diagnostics.all)
        }
        var header: [String] = []
        var headerColumns: [Int32] = []
        var headerLine = 1
        var column: [String: Int] = [:]
        var raw: [(line: Int, col: Int, cells: [String: (String, Int, Int)])] = []
        for item in items {
            let loc = YAMLSupport.location(item, in: source)
            guard case .mapping(let mapping) = item else {
                reporter.add(
                    source.diagnostic(
                        .error, "each row of a YAML table must be a mapping of column names to values",
                        line: loc.line, column: loc.column, hint: "e.g. - {ags: \"01001\", year: 2020, value: 12.5}"))
                continue
            }
            var cells: [String: (String, Int, Int)] = [:]
            for (k, v) in mapping {
                let name = k.scalar?.string ?? ""
                let kloc = YAMLSupport.location(k, in: source)
                if column[name] == nil {
                    if header.isEmpty { headerLine = kloc.line }
                    column[name] = header.count
                    header.append(name)
                    headerColumns.append(Int32(kloc.column))
                }
                let vloc = YAMLSupport.location(v, in: source)
                guard case .scalar(let s) = v else {
                    reporter.add(
                        source.diagnostic(
                            .error, "the value of \"\(name)\" must be a single value, not \(YAMLSupport.kindName(v))",
                            line: vloc.line, column: vloc.column))
                    continue
                }
                let text = s.style == .plain && (s.string == "~" || s.string == "null") ? "" : s.string
                cells[name] = (text, vloc.line, vloc.column)
            }
            raw.append((loc.line, loc.column, cells))
        }
        var rows: [Table.Row] = []
        for r in raw {
            var cells: [String] = []
            var cols: [Int32] = []
            var lines: [Int32] = []
            for name in header {
                let c = r.cells[name] ?? ("", r.line, r.col)
                cells.append(c.0)
                lines.append(Int32(c.1))
                cols.append(Int32(c.2))
            }
            rows.append(Table.Row(line: r.line, cells: cells, columns: cols, lines: lines))
        }
        let table = Table(
            source: source, header: header, headerColumns: headerColumns, headerLine: headerLine, rows: rows,
            dialect: .plain)
        return (table, reporter.diagnostics.all)
    }
}
