import Foundation

/// The UI strings of one language (Themes/<name>/i18n/<lang>.yaml), with
/// numbered placeholders: "Rang {1} von {2}".
public struct Strings: Sendable {
    public let language: String
    let texts: [String: String]

    /// Each text cut at its {n} placeholders once, at load.
    let templates: [String: [Piece]]

    enum Piece: Sendable {
        case text(String)
        case argument(Int)
    }

    public init(language: String, texts: [String: String]) {
        self.language = language
        self.texts = texts
        templates = texts.mapValues(Self.pieces)
    }

    /// The text for `key`; a missing key shows as ⟦key⟧ so that a test can find it.
    public subscript(_ key: String) -> String { texts[key] ?? "⟦\(key)⟧" }

    /// The text with {1}, {2}, … replaced by the arguments (placeholders
    /// beyond the arguments stay as they are). The texts are cut into pieces
    /// once, not scanned per call: this runs for every label of every page.
    public func callAsFunction(_ key: String, _ args: String...) -> String {
        guard !args.isEmpty, let pieces = templates[key] else { return self[key] }
        var out = ""
        out.reserveCapacity(pieces.count * 16)
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .argument(let n): out += n <= args.count ? args[n - 1] : "{\(n)}"
            }
        }
        return out
    }

    static func pieces(_ template: String) -> [Piece] {
        var out: [Piece] = []
        var text = ""
        var chars = template.unicodeScalars[...]
        while let c = chars.first {
            if c == "{", let close = chars.firstIndex(of: "}"),
                let n = Int(String(chars[chars.index(after: chars.startIndex)..<close])), n >= 1
            {
                if !text.isEmpty { out.append(.text(text)) }
                text = ""
                out.append(.argument(n))
                chars = chars[chars.index(after: close)...]
            } else {
                text.unicodeScalars.append(c)
                chars = chars.dropFirst()
            }
        }
        if !text.isEmpty { out.append(.text(text)) }
        return out
    }

    public var keys: Set<String> { Set(texts.keys) }
}
