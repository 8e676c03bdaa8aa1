/// A source table after reading: a header and rows of text cells, each cell
/// knowing its line and column. Tables come from CSV (`CSVReader`) or YAML
/// (`YAMLTableReader`); everything after reading treats them alike.
public struct Table: Sendable {
    public struct Row: Sendable {
        /// Line of the row's first field.
        public var line: Int
        /// Cell texts, trimmed of surrounding blanks, quotes removed.
        public var cells: [String]
        /// Column (1-based, in Unicode scalars) where each cell starts; empty
        /// where that follows from the cells (no quotes, no blanks trimmed:
        /// nearly every row), which saves an array per row of a large table.
        public var columns: [Int32]
        /// Line of each cell where it differs from `line` (YAML tables); empty for CSV.
        public var lines: [Int32] = []

        public func line(ofCell i: Int) -> Int { lines.isEmpty ? line : Int(lines[i]) }

        /// The column where cell `i` starts.
        public func column(ofCell i: Int) -> Int {
            if !columns.isEmpty { return i < columns.count ? Int(columns[i]) : 1 }
            var c = 1
            for k in 0..<min(i, cells.count) { c += cells[k].unicodeScalars.count + 1 }
            return c
        }

        /// Whether `columns` are what `column(ofCell:)` derives from the cells.
        static func derivable(_ cells: [String], _ columns: [Int32]) -> Bool {
            guard cells.count == columns.count else { return false }
            var c: Int32 = 1
            for (k, cell) in cells.enumerated() {
                if columns[k] != c { return false }
                c += Int32(cell.unicodeScalars.count) + 1
            }
            return true
        }
    }

    public var source: SourceText
    public var header: [String]
    /// Column of each header cell (all on `headerLine`).
    public var headerColumns: [Int32]
    public var headerLine: Int
    public var rows: [Row]
    public var dialect: Dialect

    public var path: String { source.path }

    public func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// A diagnostic pointing at cell `column` of `row`.
    public func diagnostic(
        _ severity: Diagnostic.Severity, _ message: String, row: Row, column: Int, hint: String? = nil
    ) -> Diagnostic {
        let text = column < row.cells.count ? row.cells[column] : ""
        let col = column < row.cells.count ? row.column(ofCell: column) : 1
        return source.diagnostic(
            severity, message, line: row.line(ofCell: column), column: col,
            length: max(1, text.unicodeScalars.count), hint: hint)
    }
}

/// How numbers and fields are written in a table: the plain form
/// (`,` between fields, decimal point) or the German Excel form
/// (`;` between fields, decimal comma, `.` grouping thousands).
public struct Dialect: Hashable, Sendable {
    public var delimiter: UInt8
    public var decimalComma: Bool

    public init(delimiter: UInt8, decimalComma: Bool) {
        self.delimiter = delimiter
        self.decimalComma = decimalComma
    }

    public static let plain = Dialect(delimiter: UInt8(ascii: ","), decimalComma: false)
    public static let german = Dialect(delimiter: UInt8(ascii: ";"), decimalComma: true)

    /// Short description for messages: `";"-separated, decimal comma`.
    public var summary: String {
        let d = delimiter == 0x09 ? "tab" : "\"\(Character(Unicode.Scalar(delimiter)))\""
        return "\(d)-separated, decimal \(decimalComma ? "comma" : "point")"
    }
}
