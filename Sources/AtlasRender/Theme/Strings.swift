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

    public func callAsFunction(_ key: String, _ args: String...) -> String {
        var s = self[key]
        for (i, a) in args.enumerated() {
            s = s.replacingOccurrences(of: "{\(i + 1)}", with: a)
        }
        return s
    }

    public var keys: Set<String> { Set(texts.keys) }
}
