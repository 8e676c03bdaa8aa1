@testable import AtlasCore
import Testing
import AtlasTestSupport
import Foundation

@Suite struct SupportTests {
    @Test func nearestKeyIsSuggested() {
        #expect(Suggestion.nearest(to: "titel", in: ["title", "short", "unit"]) == "title")
        #expect(Suggestion.nearest(to: "polaritaet", in: ["polarity", "theme"]) == "polarity")
        #expect(Suggestion.nearest(to: "xyz", in: ["title", "short"]) == nil)
        // An id that exists but lacks what was asked of it is never its own suggestion.
        #expect(Suggestion.hint(for: "arbeitslosenquote", in: ["arbeitslosenquote", "bevoelkerung"], otherwise: "name one") == "name one")
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

@Suite struct ContentHashTests {
    /// Every single-bit change of a buffer (odd lengths exercise the tail)
    /// changes the hash, and equal bytes hash equally however they are held.
    @Test(arguments: [0, 1, 7, 8, 9, 63, 64, 100])
    func everyBitFlipChangesTheHash(length: Int) {
        var generator = SplitMix64(seed: UInt64(length))
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base = ContentHash.hash64(bytes)
        #expect(ContentHash.hash64(Data(bytes)) == base)
        var seen: Set<UInt64> = [base]
        for i in 0..<length {
            for bit in 0..<8 {
                var changed = bytes
                changed[i] ^= UInt8(1 << bit)
                seen.insert(ContentHash.hash64(changed))
            }
        }
        #expect(seen.count == 1 + 8 * length)
        // Length counts: trailing zero bytes are a change.
        #expect(ContentHash.hash64(bytes + [0]) != base)
        #expect(ContentHash.hex(bytes).count == 16)
    }

    /// A huge cell is shown as an excerpt around its place, not echoed whole
    /// with as many carets (issue 18, item 6): a 200,000-character cell gives
    /// a finding of under 2 KB, the caret still under the cell's start.
    @Test func aHugeCellIsCutInTheFinding() {
        let cell = "7.4" + String(repeating: "x", count: 200_000)
        let d = Diagnostic.error(
            "\"\(cell)\" is not a number", at: SourceLocation(path: "werte.csv", line: 2, column: 12), sourceLine: "01001,2019," + cell,
            length: cell.count)
        let text = DiagnosticRenderer.render(d)
        #expect(text.utf8.count < 2_000)
        #expect(text.contains(" more characters)"), "\(text.prefix(400))")
        let lines = text.components(separatedBy: "\n")
        #expect(lines[1].hasPrefix(" 2 | 01001,2019,7.4x") && lines[1].hasSuffix("…"))
        #expect(lines[2].hasPrefix("   |            ^~~"))
        // In the middle of a long line: cut on both sides, the caret under its cell.
        let long = String(repeating: "a,", count: 500) + "BAD" + String(repeating: ",b", count: 500)
        let mid = DiagnosticRenderer.render(
            Diagnostic.error("bad", at: SourceLocation(path: "t.csv", line: 7, column: 1001), sourceLine: long, length: 3))
        let m = mid.components(separatedBy: "\n")
        #expect(m[1].hasPrefix(" 7 | …") && m[1].hasSuffix("…"))
        let caret = m[2].distance(from: m[2].startIndex, to: m[2].firstIndex(of: "^")!)
        #expect(Array(m[1])[caret] == "B", "\(m[1])\n\(m[2])")
    }

    /// Issue 18, item 6: invisible characters are found with their place;
    /// balanced right-to-left embeddings (as an Arabic name needs) pass.
    @Test func hiddenControlsAreFoundAndBalancedBidiPasses() {
        func first(_ s: String) -> Int? { HiddenControls.first(in: Array(s.utf8))?.offset }
        #expect(first("a,b\r\nc\td\n") == nil)
        #expect(first("ab\u{0}c") == 2)
        #expect(first("ab\u{1B}[31m") == 2)
        #expect(first("x,\u{202E}Bamberg\n") == 2)
        #expect(first("x,\u{2067}\u{645}\u{2069},y\n") == nil, "a closed isolate passes")
        #expect(first("x,\u{202B}name\u{202C}\n") == nil, "a closed embedding passes")
        #expect(first("x,\u{202B}name\ny\u{202C}\n") == 2, "an embedding is closed on its own line")
        #expect(first("x,\u{2069}y") == 2, "a stray close")
        #expect(first("„Zitat“ – Gedankenstrich\n") == nil, "ordinary punctuation from the same block")
        // Found wherever it stands in the eight-byte steps of a long line.
        for at in 0..<40 {
            let text = String(repeating: "a", count: at) + "\u{0}" + String(repeating: "ü", count: 20)
            #expect(first(text) == at)
            let bidi = "x,ä" + String(repeating: "b", count: at) + "\u{202E}" + String(repeating: "c", count: 30) + "\n"
            #expect(first(bidi) == 4 + at)
            #expect(first(String(repeating: "ö1", count: at) + "\u{7F}") == 3 * at)
        }
    }
}
