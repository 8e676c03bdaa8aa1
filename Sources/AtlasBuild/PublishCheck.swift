import AtlasCore
import Foundation

/// What `atlas build --publish` refuses, one finding each, while a local
/// build lets it pass: a site without its public address (sitemap, robots.txt,
/// the DCAT catalogue and the 404 page would point at this machine, and the
/// 404 page would lose its stylesheet on a real server), and placeholders
/// left in the editorial pages (Impressum, Datenschutz, the feedback contact
/// the accessibility statement needs), written `[[…]]`.
public enum PublishCheck {
    public static func findings(_ atlas: Atlas, baseURL: String?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let base = baseURL ?? atlas.definition.baseURL
        if let base, let host = URL(string: base)?.host?.lowercased(), ["http", "https"].contains(URL(string: base)?.scheme?.lowercased()) {
            if host == "localhost" || host == "127.0.0.1" || host == "::1" || host.hasSuffix(".local") || host == "example.org"
                || host.hasSuffix(".example")
            {
                out.append(
                    .error(
                        "the site's address \(base) is not a public one; a published sitemap, DCAT catalogue and 404 page would point there",
                        hint: "give the address the site is published at: base_url in Data/atlas.yaml or atlas build --base-url https://…"))
            }
        } else {
            out.append(
                .error(
                    base.map { "the site's address \"\($0)\" is not an http(s) address" }
                        ?? "a published site needs its public address; without it sitemap.xml, robots.txt, the DCAT catalogue and 404.html would point at 127.0.0.1",
                    hint:
                        "set base_url in Data/atlas.yaml (e.g. base_url: https://standortatlas.example.de/) or pass atlas build --base-url https://…")
            )
        }
        for page in atlas.pages {
            for p in placeholders(page.markdown) {
                out.append(
                    .error(
                        "the placeholder \"[[\(p.text)]]\" is still in the page; it must not be published",
                        at: SourceLocation(path: page.path, line: p.line, column: p.column), sourceLine: p.sourceLine,
                        length: min(p.text.count + 4, p.sourceLine.count - p.column + 1),
                        hint: "replace it with the publishing body's details (a local build shows it as it is)"))
            }
        }
        return out
    }

    /// Every `[[…]]` in a text (it may run over lines), with the line and
    /// column (1-based, in characters) where it opens.
    static func placeholders(_ text: String) -> [(text: String, line: Int, column: Int, sourceLine: String)] {
        var out: [(String, Int, Int, String)] = []
        var rest = text[...]
        while let open = rest.range(of: "[["), let close = rest.range(of: "]]", range: open.upperBound..<rest.endIndex) {
            let before = text[..<open.lowerBound]
            let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            let lineEnd = text[open.lowerBound...].firstIndex(of: "\n") ?? text.endIndex
            let inner = rest[open.upperBound..<close.lowerBound].split(whereSeparator: \.isNewline).joined(separator: " ")
            out.append(
                (inner, before.count { $0 == "\n" } + 1, text.distance(from: lineStart, to: open.lowerBound) + 1, String(text[lineStart..<lineEnd])))
            rest = rest[close.upperBound...]
        }
        return out
    }
}
