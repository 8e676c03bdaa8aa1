import Foundation

/// The UI strings of one language (Themes/<name>/i18n/<lang>.yaml), with
/// numbered placeholders: "Rang {1} von {2}".
public struct Strings: Sendable {
    public let language: String
    let texts: [String: String]

    public init(language: String, texts: [String: String]) {
        self.language = language
        self.texts = texts
    }

    /// The text for `key`; a missing key shows as ⟦key⟧ so that a test can find it.
    public subscript(_ key: String) -> String { texts[key] ?? "⟦\(key)⟧" }

    /// The text with {1}, {2}, … replaced by the arguments. A plain scan, not
    /// Foundation's replacingOccurrences: it runs for every label of every page.
    public func callAsFunction(_ key: String, _ args: String...) -> String {
        let template = self[key]
        guard !args.isEmpty else { return template }
        var out = ""
        var chars = template.unicodeScalars[...]
        while let c = chars.first {
            if c == "{", let close = chars.firstIndex(of: "}"),
                let n = Int(String(chars[chars.index(after: chars.startIndex)..<close])), n >= 1, n <= args.count
            {
                out += args[n - 1]
                chars = chars[chars.index(after: close)...]
            } else {
                out.unicodeScalars.append(c)
                chars = chars.dropFirst()
            }
        }
        return out
    }

    public var keys: Set<String> { Set(texts.keys) }
}
