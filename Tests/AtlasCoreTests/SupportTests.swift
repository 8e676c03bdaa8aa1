@testable import AtlasCore
import Testing

@Suite struct SupportTests {
    @Test func nearestKeyIsSuggested() {
        #expect(Suggestion.nearest(to: "titel", in: ["title", "short", "unit"]) == "title")
        #expect(Suggestion.nearest(to: "polaritaet", in: ["polarity", "theme"]) == "polarity")
        #expect(Suggestion.nearest(to: "xyz", in: ["title", "short"]) == nil)
    }

    @Test func pathsAreShortened() {
        #expect(Path.join("Data", "../../shared/data/real") == "../shared/data/real")
        #expect(Path.join("Data", "/abs/x") == "/abs/x")
        #expect(Path.normalize("./a/b/../c") == "a/c")
        #expect(Path.relative("/work/shared/x.csv", from: "/work/main") == "../shared/x.csv")
    }

    @Test func isoDates() {
        #expect(ISODate.isValid("2021-07-01"))
        #expect(ISODate.isValid("2024-02-29"))
        #expect(!ISODate.isValid("2023-02-29"))
        #expect(!ISODate.isValid("01.07.2021"))
    }

    @Test func rendererPointsACaretUnderTheCell() {
        let d = Diagnostic.error(
            "\"1.234,5x\" is not a number (column \"value\")",
            at: SourceLocation(path: "Data/kita.csv", line: 14, column: 12), sourceLine: "01001;2020;1.234,5x",
            length: 8, hint: "write a number")
        #expect(
            DiagnosticRenderer.render(d) == """
                Data/kita.csv:14:12: error: "1.234,5x" is not a number (column "value")
                 14 | 01001;2020;1.234,5x
                    |            ^~~~~~~~
                hint: write a number

                """)
    }
}
