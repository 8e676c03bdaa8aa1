import Foundation
import Testing

@testable import AtlasRender

/// The editorial pages' Markdown (cmark): raw HTML and unsafe links are left
/// out, and inputs that made the previous library take minutes or crash are
/// rendered at once (issue 18, item 4).
@Suite struct MarkdownTests {
    @Test func rawHTMLIsLeftOut() {
        let html = Markdown.html("Text <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<iframe src=\"https://x\"></iframe>\n").raw
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("<iframe"))
        #expect(html.contains("Text"))
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>"])
    func unsafeLinksLoseTheirAddress(_ address: String) {
        let html = Markdown.html("[klick](\(address)) und ![bild](\(address))\n").raw
        #expect(!html.lowercased().contains(address.lowercased().prefix(10)), "\(html)")
        #expect(html.contains(">klick</a>"))
    }

    @Test func webAndMailLinksStay() {
        let html = Markdown.html("[BBSR](https://www.bbsr.bund.de) und [Post](mailto:atlas@example.org)\n").raw
        #expect(html.contains("<a href=\"https://www.bbsr.bund.de\">BBSR</a>"))
        #expect(html.contains("<a href=\"mailto:atlas@example.org\">Post</a>"))
    }

    /// 24 brackets took Ink 99 s; 3,000 brackets and a list or quote 3,000 levels deep crashed it.
    @Test func pathologicalInputsRenderAtOnce() {
        for input in [String(repeating: "[", count: 24), String(repeating: "[", count: 3000), String(repeating: "[a](", count: 3000)] {
            #expect(Markdown.html(input).raw.hasPrefix("<p>"))
        }
        var list = ""
        for depth in 0..<3000 { list += String(repeating: "  ", count: depth) + "- Punkt\n" }
        #expect(Markdown.html(list).raw.contains("<li>"))
        #expect(Markdown.html(String(repeating: "> ", count: 3000) + "tief\n").raw.contains("tief"))
    }
}
