import AtlasCore
import Testing

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
}
