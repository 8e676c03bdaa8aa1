import Ccmark
import Foundation

/// The link and image addresses of an editorial page (Markdown), found by
/// cmark's own parser — inline links, reference definitions, autolinks —
/// with the line and column where each link starts. `atlas check` refuses an
/// address with a scheme outside https, http and mailto (`javascript:`,
/// `data:`, `vbscript:`, `file:`); relative links within the site pass.
public enum MarkdownLinks {
    public struct Link: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var address: String
    }

    public static func all(in text: String) -> [Link] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return text.withCString { p -> [Link] in
            guard let document = cmark_parse_document(p, strlen(p), CMARK_OPT_DEFAULT) else { return [] }
            defer { cmark_node_free(document) }
            guard let iterator = cmark_iter_new(document) else { return [] }
            defer { cmark_iter_free(iterator) }
            var links: [Link] = []
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { continue }
                // Inline nodes carry no position in cmark 0.30: the nearest
                // block that does, then the address itself from there on.
                var located: OpaquePointer? = node
                while let n = located, cmark_node_get_start_line(n) == 0 { located = cmark_node_parent(n) }
                let address = String(cString: url)
                var line = Int(located.map(cmark_node_get_start_line) ?? 1)
                var column = Int(located.map(cmark_node_get_start_column) ?? 1)
                for k in max(0, line - 1)..<lines.count {
                    if let r = lines[k].range(of: address) {
                        line = k + 1
                        column = lines[k].unicodeScalars.distance(from: lines[k].unicodeScalars.startIndex, to: r.lowerBound) + 1
                        break
                    }
                }
                links.append(Link(line: line, column: column, address: address))
            }
            return links
        }
    }

    /// Whether an address may stand on a page: a web or mail address, or one
    /// without a scheme (a relative link or an anchor).
    public static func isSafe(_ address: String) -> Bool {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        let scheme = trimmed[..<colon]
        let looksLikeScheme =
            scheme.first?.isLetter == true && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
        // "a/b:c" or "#x:y" have no scheme; "javascript:" has.
        return !looksLikeScheme || WebAddress.isAllowed(trimmed)
    }
}
