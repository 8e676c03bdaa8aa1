import AtlasCore
import Testing
import AtlasTestSupport

@Suite struct CSVReaderTests {
    func read(_ text: String, dialect: Dialect? = nil) -> (Table?, [Diagnostic]) {
        CSVReader.read(SourceText(path: "t.csv", text: text), dialect: dialect)
    }

    @Test func plainTableKeepsLeadingZerosAndPositions() throws {
        let (t, d) = read("ags,year,value\n01001,2020,1.5\n01002,2020,2\n")
        #expect(d.isEmpty)
        let table = try #require(t)
        #expect(table.header == ["ags", "year", "value"])
        #expect(table.dialect == .plain)
        #expect(table.rows.map(\.cells) == [["01001", "2020", "1.5"], ["01002", "2020", "2"]])
        #expect(table.rows[1].line == 3)
        #expect(table.rows[1].cells.indices.map { table.rows[1].column(ofCell: $0) } == [1, 7, 12])
        #expect(table.rows[1].columns.isEmpty, "plain rows keep no column array: their columns follow from the cells")
    }

    @Test func germanExcelExportIsDetectedWithBOMCRLFAndQuotes() throws {
        let text =
            "\u{FEFF}Kreis;Name;Wert\r\n01001;\"Flensburg; Stadt\";\"1.234,5\"\r\n01002;\"Kiel \"\"Nord\"\"\";7,25\r\n"
        let (t, d) = read(text)
        #expect(d.isEmpty)
        let table = try #require(t)
        #expect(table.dialect == .german)
        #expect(table.header == ["Kreis", "Name", "Wert"])
        #expect(table.rows[0].cells == ["01001", "Flensburg; Stadt", "1.234,5"])
        #expect(table.rows[1].cells == ["01002", "Kiel \"Nord\"", "7,25"])
        #expect(table.rows[1].line == 3)
        // Columns count Unicode scalars; the BOM is not a column.
        #expect(table.rows[0].cells.indices.map { table.rows[0].column(ofCell: $0) } == [1, 7, 26])
        #expect(!table.rows[0].columns.isEmpty, "a quoted field: the columns are kept")
        #expect(table.source.line(1) == "Kreis;Name;Wert")
    }

    @Test func quotedFieldMaySpanLines() throws {
        let (t, d) = read("a,b\n\"x\ny\",2\n3,4\n")
        #expect(d.isEmpty)
        let table = try #require(t)
        #expect(table.rows[0].cells == ["x\ny", "2"])
        #expect(table.rows[1].line == 4)
    }

    @Test func blankLinesAreSkippedAndUmlautsCountAsOneColumn() throws {
        let (t, _) = read("name,v\n\nMünchen,1\n\n")
        let table = try #require(t)
        #expect(table.rows.count == 1)
        #expect(table.rows[0].cells.indices.map { table.rows[0].column(ofCell: $0) } == [1, 9])
    }

    @Test func rowOfWrongWidthIsReportedAndLeftOut() throws {
        let (t, d) = read("a,b,c\n1,2,3\n1,2\n")
        #expect(try #require(t).rows.count == 1)
        #expect(d.map(\.message) == ["this row has 2 fields, but the header (line 1) has 3"])
        #expect(d.first?.location == SourceLocation(path: "t.csv", line: 3, column: 3))
    }

    @Test func unclosedQuoteIsReportedOnceAndReadingGoesOn() throws {
        let (t, d) = read("a,b\n1,\"open\n2,3\n")
        #expect(d.map(\.message) == ["unclosed quote: this field runs to the end of the file"])
        #expect(d[0].location == SourceLocation(path: "t.csv", line: 2, column: 3))
        #expect(try #require(t).rows.map(\.cells) == [["1", "open"], ["2", "3"]])
    }

    @Test func textAfterClosingQuoteIsReported() throws {
        let (t, d) = read("a,b\n4,\"x\"y\n")
        #expect(d.map(\.message) == ["unexpected text \"y\" after the closing quote of a field"])
        #expect(d[0].location == SourceLocation(path: "t.csv", line: 2, column: 6))
        #expect(try #require(t).rows.map(\.cells) == [["4", "xy"]])
    }

    @Test func duplicateColumnNameIsAnError() {
        let (_, d) = read("ags,wert,wert\n01001,1,2\n")
        #expect(d.map(\.message) == ["column \"wert\" appears twice in the header (first as column 2)"])
    }

    @Test func emptyFileIsAnError() {
        let (t, d) = read("\u{FEFF}")
        #expect(t == nil)
        #expect(d.map(\.message) == ["the table is empty"])
    }

    @Test func givenDialectOverridesDetection() throws {
        let (t, _) = read("a;b\n1,5;2\n", dialect: Dialect(delimiter: UInt8(ascii: ";"), decimalComma: false))
        #expect(try #require(t).dialect.decimalComma == false)
    }

    /// A table over 1 MB without quotes is read in pieces on all cores: rows,
    /// lines, columns and findings must be those of reading it whole, whatever
    /// the line ends, blank lines, blanks around cells, umlauts or long cells
    /// repeated from the row above (which are shared).
    @Test func largeTableReadInPiecesKeepsLinesColumnsAndFindings() throws {
        var text = "\u{FEFF}ags;indikator;jahr;wert\r\n"
        var line = 2
        var expected: [(line: Int, cells: [String], columns: [Int])] = []
        var badLines: [Int] = []
        var k = 0
        while text.utf8.count < 1_300_000 {
            k += 1
            if k % 997 == 0 {
                text += "\n"  // a blank line
                line += 1
                continue
            }
            if k % 1499 == 0 {
                text += "01001;zu-kurz\n"
                badLines.append(line)
                line += 1
                continue
            }
            let name = k % 3 == 0 ? "Schülerinnen-und-Schüler-je-Einwohner" : "arbeitslosenquote-insgesamt"
            let key = String(format: "%05d", k % 400)
            let pad = k % 7 == 0 ? "  " : ""
            let value = "\(k % 100),\(k % 10)"
            let cells = [key, name, "20\(10 + k % 12)", value]
            text += "\(key);\(name);\(cells[2]);\(pad)\(value)" + (k % 5 == 0 ? "\r\n" : "\n")
            let c2 = 1 + key.count + 1 + name.unicodeScalars.count + 1
            expected.append((line, cells, [1, 1 + key.count + 1, c2, c2 + 4 + 1 + pad.count]))
            line += 1
        }
        let (t, d) = read(text)
        let table = try #require(t)
        #expect(table.header == ["ags", "indikator", "jahr", "wert"])
        #expect(table.rows.count == expected.count)
        for (row, e) in zip(table.rows, expected) {
            #expect(row.line == e.line)
            #expect(row.cells == e.cells)
            #expect(row.cells.indices.map { row.column(ofCell: $0) } == e.columns, "line \(e.line)")
        }
        #expect(d.map { $0.location?.line ?? 0 } == badLines)
        #expect(d.allSatisfy { $0.message.contains("this row has 2 fields") })
    }

    /// The UTF-8 check agrees with Swift's validation on random bytes (ASCII
    /// with high bytes mixed in, as a Windows-1252 export or broken UTF-8),
    /// and everything before the byte it names is valid.
    @Test func firstInvalidUTF8AgreesWithSwift() {
        var g = SplitMix64(seed: 20_261_129)
        let pieces: [[UInt8]] = [
            Array("ü".utf8), Array("€".utf8), Array("𝄞".utf8), [0xFC], [0xE2, 0x82], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0x80],
        ]
        var invalidSeen = 0
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &g) {
                if Int.random(in: 0..<6, using: &g) == 0 {
                    bytes += pieces.randomElement(using: &g)!
                } else {
                    bytes.append(UInt8.random(in: 0x20...0x7E, using: &g))
                }
            }
            let found = SourceText(path: "t.csv", bytes: bytes).firstInvalidUTF8(from: 0, to: bytes.count)
            #expect((found == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            if let found {
                invalidSeen += 1
                #expect(String(validating: bytes[..<found], as: UTF8.self) != nil, "\(bytes) at \(found)")
            }
        }
        #expect(invalidSeen > 1000)
    }
}
