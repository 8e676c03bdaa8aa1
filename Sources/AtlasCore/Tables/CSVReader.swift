import Foundation

/// Reads CSV text into a `Table`, keeping the line and column of every cell.
///
/// Written by hand rather than taken from SwiftCSV or CSV.swift because it is the
/// core of what a data editor sees: neither library reports where a cell stands,
/// recovers after an unclosed quote to report the rest of the file, or detects the
/// German Excel form. It reads bytes in one pass (the INKAR table, 1.5 MB, in a few
/// milliseconds in release builds).
///
/// Accepted: a UTF-8 byte order mark, LF, CRLF or CR line ends, fields in double
/// quotes with `""` for a quote inside and line breaks inside, blank lines
/// (skipped). The dialect is detected from the header line unless given:
/// `;` means the German form (decimal comma), `,` or tab the plain form.
public enum CSVReader {
    public static func read(_ source: SourceText, dialect given: Dialect? = nil) -> (Table?, [Diagnostic]) {
        let dialect = given ?? detectDialect(source.bytes, from: source.bomLength)
        let delim = dialect.delimiter
        var (rows, diagnostics, unclosedRows, invalid) = scanInChunks(source, delimiter: delim)
        // One error for the whole file: every non-ASCII character of a
        // Windows-1252 export is unreadable.
        if let invalid { diagnostics.append(source.notUTF8(at: invalid)) }

        guard !rows.isEmpty else {
            diagnostics.append(
                Diagnostic.error(
                    "the table is empty", at: source.location(line: 1, column: 1),
                    hint: "the first line must name the columns, e.g. ags;year;value"))
            return (nil, diagnostics)
        }
        let headerRow = rows.removeFirst()
        var table = Table(
            source: source, header: headerRow.cells, headerColumns: headerRow.cells.indices.map { Int32(headerRow.column(ofCell: $0)) },
            headerLine: headerRow.line, rows: [], dialect: dialect)
        diagnostics.append(contentsOf: checkHeader(table))
        // Rows of the wrong width are reported and left out: their cells cannot
        // be matched to columns.
        var kept: [Table.Row] = []
        kept.reserveCapacity(rows.count)
        for row in rows {
            if row.cells.count == table.header.count {
                kept.append(row)
                continue
            }
            if unclosedRows.contains(row.line) { continue }
            let more = row.cells.count > table.header.count
            let delimName = delim == 0x09 ? "a tab" : "\"\(Character(Unicode.Scalar(delim)))\""
            let hint =
                more
                ? "a field that contains \(delimName) must be enclosed in double quotes; or remove the extra field"
                : "add the missing field (leave it empty or write a symbol such as \".\" if the value is unknown)"
            let at = more ? min(table.header.count, row.cells.count - 1) : row.cells.count - 1
            diagnostics.append(
                table.diagnostic(
                    .error,
                    "this row has \(row.cells.count) fields, but the header (line \(table.headerLine)) has \(table.header.count)",
                    row: row, column: at, hint: hint))
        }
        table.rows = kept
        return (table, diagnostics)
    }

    /// A large table without any quote is cut at line starts into pieces read
    /// on all cores (the Gemeinde figures of a large atlas: 650,000 rows);
    /// anything else is read in one piece. The rows come out in file order.
    static func scanInChunks(_ source: SourceText, delimiter delim: UInt8) -> ([Table.Row], [Diagnostic], Set<Int>, Int?) {
        let bytes = source.bytes
        let lines = source.lineStarts
        let large = bytes.count >= 1 << 20 && lines.count > 64
        let hasQuote = large && bytes.withUnsafeBufferPointer { memchr($0.baseAddress!, Int32(UInt8(ascii: "\"")), $0.count) != nil }
        let pieces = large && !hasQuote ? 2 * ProcessInfo.processInfo.activeProcessorCount : 1
        if pieces == 1 {
            let (r, d, u) = scan(source, from: source.bomLength, to: bytes.count, line: 1, delimiter: delim)
            return (r, d, u, source.firstInvalidUTF8(from: source.bomLength, to: bytes.count))
        }
        // Piece k starts on line firstLine[k] (0-based index into lineStarts).
        let firstLine = (0...pieces).map { k in k == 0 ? 0 : (lines.count - 1) * k / pieces }
        let results = ParallelSlots<([Table.Row], [Diagnostic], Set<Int>)>(count: pieces)
        let invalid = ParallelSlots<Int>(count: pieces)
        DispatchQueue.concurrentPerform(iterations: pieces) { k in
            let from = k == 0 ? source.bomLength : lines[firstLine[k]]
            let to = k == pieces - 1 ? bytes.count : lines[firstLine[k + 1]]
            results.set(k, scan(source, from: from, to: to, line: firstLine[k] + 1, delimiter: delim))
            invalid.set(k, source.firstInvalidUTF8(from: from, to: to))
        }
        var rows: [Table.Row] = []
        rows.reserveCapacity(lines.count)
        var diagnostics: [Diagnostic] = []
        var unclosed: Set<Int> = []
        for k in 0..<pieces {
            let (r, d, u) = results[k]!
            rows += r
            diagnostics += d
            unclosed.formUnion(u)
        }
        return (rows, diagnostics, unclosed, (0..<pieces).lazy.compactMap { invalid[$0] }.first)
    }

    /// Reads the rows in bytes `from..<to`, the first on line `line`.
    static func scan(_ source: SourceText, from: Int, to n: Int, line firstLine: Int, delimiter delim: UInt8)
        -> ([Table.Row], [Diagnostic], Set<Int>)
    {
        let bytes = source.bytes
        var diagnostics: [Diagnostic] = []
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        var rows: [Table.Row] = []
        rows.reserveCapacity(max(16, (n - from) / 24))
        var cells: [String] = []
        var columns: [Int32] = []
        var i = from
        var line = firstLine
        var col = 1
        var rowLine = firstLine
        // Whether every field of the row so far was unquoted and untrimmed: then
        // its columns follow from the cells and need not be stored.
        var plainRow = true
        // Whether the row has a byte beyond ASCII (its cells' scalars are then
        // counted to be sure, as invalid UTF-8 decodes to U+FFFD).
        var highRow = false
        // The previous row's cells and their bytes: a long cell equal to the one
        // above it (an indicator name in a long table) is shared, not copied.
        var above: [String] = []
        var aboveBytes: [Range<Int>] = []
        var cellBytes: [Range<Int>] = []
        // Rows whose unclosed quote was already reported: their width is no news.
        var unclosedRows: Set<Int> = []

        @inline(__always) func isBlank(_ b: UInt8) -> Bool {
            (b == 0x20 || b == 0x09) && b != delim
        }

        func endOfLine(from start: Int) -> Int {
            var j = start
            while j < n, bytes[j] != lf, bytes[j] != cr { j += 1 }
            return j
        }

        /// After a field: a delimiter starts the next one, a line end or the end
        /// of the file ends the row. Returns true at the end of the file.
        func finishField() -> Bool {
            if i < n, bytes[i] == delim {
                i += 1
                col += 1
                return false
            }
            // End of row.
            if !(cells.count == 1 && cells[0].isEmpty && columns[0] == 1) {
                rows.append(
                    Table.Row(line: rowLine, cells: cells, columns: plainRow && (!highRow || Table.Row.derivable(cells, columns)) ? [] : columns))
                above = cells
                swap(&aboveBytes, &cellBytes)
            }
            cells.removeAll(keepingCapacity: true)
            columns.removeAll(keepingCapacity: true)
            cellBytes.removeAll(keepingCapacity: true)
            plainRow = true
            highRow = false
            if i >= n { return true }
            i += (bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf) ? 2 : 1
            line += 1
            col = 1
            rowLine = line
            return i >= n
        }

        while i <= n {
            // One field.
            let fieldCol = col
            var text: String
            if i < n, bytes[i] == quote {
                plainRow = false
                let quoteLine = line, quoteCol = col, quoteStart = i
                i += 1
                col += 1
                var buf: [UInt8] = []
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n, bytes[i + 1] == quote {
                            buf.append(quote)
                            i += 2
                            col += 2
                            continue
                        }
                        i += 1
                        col += 1
                        closed = true
                        break
                    }
                    if b == lf || b == cr {
                        i += (b == cr && i + 1 < n && bytes[i + 1] == lf) ? 2 : 1
                        line += 1
                        col = 1
                        buf.append(lf)
                        continue
                    }
                    buf.append(b)
                    if b & 0xC0 != 0x80 { col += 1 }
                    i += 1
                }
                if !closed {
                    diagnostics.append(
                        source.diagnostic(
                            .error, "unclosed quote: this field runs to the end of the file",
                            line: quoteLine, column: quoteCol,
                            hint: "end the field with a double quote (\"); write a quote inside a quoted field as \"\"")
                    )
                    unclosedRows.insert(rowLine)
                    // Recover: let the field end where its line ends and read on.
                    let end = endOfLine(from: quoteStart)
                    buf = Array(bytes[(quoteStart + 1)..<end])
                    line = quoteLine
                    col = quoteCol + 1 + String(decoding: buf, as: UTF8.self).unicodeScalars.count
                    i = end
                }
                while i < n, isBlank(bytes[i]) {
                    i += 1
                    col += 1
                }
                if i < n, bytes[i] != delim, bytes[i] != lf, bytes[i] != cr {
                    let stray = i
                    let strayCol = col
                    while i < n, bytes[i] != delim, bytes[i] != lf, bytes[i] != cr {
                        if bytes[i] & 0xC0 != 0x80 { col += 1 }
                        i += 1
                    }
                    let extra = String(decoding: bytes[stray..<i], as: UTF8.self)
                    diagnostics.append(
                        source.diagnostic(
                            .error, "unexpected text \"\(extra)\" after the closing quote of a field",
                            line: line, column: strayCol, length: extra.unicodeScalars.count,
                            hint: "put the whole field in double quotes, and write a quote inside it as \"\""))
                    buf.append(contentsOf: bytes[stray..<i])
                }
                text = String(decoding: buf, as: UTF8.self)
            } else {
                var s = i
                while i < n {
                    let b = bytes[i]
                    if b == delim || b == lf || b == cr { break }
                    if b & 0xC0 != 0x80 { col += 1 }
                    if b >= 0x80 { highRow = true }
                    i += 1
                }
                var e = i
                var lead = 0
                while s < e, isBlank(bytes[s]) {
                    s += 1
                    lead += 1
                }
                while e > s, isBlank(bytes[e - 1]) { e -= 1 }
                if lead > 0 || e < i { plainRow = false }
                let c = cells.count
                if e - s > 15, c < aboveBytes.count, aboveBytes[c].count == e - s,
                    bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + s, $0.baseAddress! + aboveBytes[c].lowerBound, e - s) == 0 })
                {
                    text = above[c]
                } else {
                    text = s == e ? "" : String(decoding: bytes[s..<e], as: UTF8.self)
                }
                cells.append(text)
                cellBytes.append(s..<e)
                columns.append(Int32(fieldCol + lead))
                text = ""
                if finishField() { break }
                continue
            }
            cells.append(text)
            columns.append(Int32(fieldCol))
            cellBytes.append(0..<0)
            if finishField() { break }
        }
        return (rows, diagnostics, unclosedRows)
    }

    static func checkHeader(_ table: Table) -> [Diagnostic] {
        var seen: [String: Int] = [:]
        var out: [Diagnostic] = []
        for (k, name) in table.header.enumerated() {
            let col = Int(table.headerColumns[k])
            if name.isEmpty {
                continue
            }
            if let first = seen[name] {
                out.append(
                    table.source.diagnostic(
                        .error, "column \"\(name)\" appears twice in the header (first as column \(first + 1))",
                        line: table.headerLine, column: col, length: name.unicodeScalars.count,
                        hint: "give every column a distinct name"))
            } else {
                seen[name] = k
            }
        }
        return out
    }

    /// The German Excel form separates by `;`; anything else is read as the plain
    /// form, with a tab as separator if the header has tabs and no commas.
    static func detectDialect(_ bytes: [UInt8], from start: Int) -> Dialect {
        var semis = 0, commas = 0, tabs = 0
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes {
                if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
                if b == UInt8(ascii: ";") { semis += 1 }
                if b == UInt8(ascii: ",") { commas += 1 }
                if b == 0x09 { tabs += 1 }
            }
            i += 1
        }
        if semis > 0, semis >= commas { return .german }
        if tabs > 0, tabs > commas { return Dialect(delimiter: 0x09, decimalComma: false) }
        return .plain
    }
}
