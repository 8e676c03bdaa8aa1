import Ccmark
import Foundation

/// Markdown of the editorial pages (`Data/pages`) as HTML, by cmark, the
/// CommonMark reference implementation: linear in the input, and with its
/// default options raw HTML (`<script>`, `<img onerror>`) is left out and
/// links and images with `javascript:`, `vbscript:`, `file:` or (non-image)
/// `data:` addresses get an empty address.
enum Markdown {
    static func html(_ text: String) -> HTML {
        let out: String = text.withCString { p in
            guard let rendered = cmark_markdown_to_html(p, strlen(p), CMARK_OPT_DEFAULT) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
        return HTML.trusted(out)
    }
}
