extension StaticString {
    /// The literal as a String (tag and attribute names are ASCII literals).
    @inline(__always) var string: String {
        withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }
}

/// Markup that is safe to put into a page: every piece of text from data files
/// enters through `HTML(text:)` or an attribute of `HTML.element`, which escape
/// it (via `Escape`, the one place that escapes). Trusted markup from our own
/// code or theme enters only through `HTML.trusted(_:)`, which is easy to grep.
///
/// Templates receive only `HTML` values and print them with `{{{ }}}`; mustache
/// itself never sees raw data text.
public struct HTML: Sendable, Hashable, CustomStringConvertible {
    public private(set) var raw: String

    /// Text, escaped for HTML (and SVG) element content.
    public init(text: String) { raw = Escape.html(text) }

    private init(raw: String) { self.raw = raw }

    /// Markup written by this program or the theme, not from data files.
    public static func trusted(_ markup: String) -> HTML { HTML(raw: markup) }

    public static let empty = HTML(raw: "")

    public var description: String { raw }
    public var isEmpty: Bool { raw.isEmpty }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(raw: a.raw + b.raw) }
    public static func += (a: inout HTML, b: HTML) { a.raw += b.raw }

    /// `<name a="v" …>content</name>`; attribute values are escaped, nil values left out.
    /// Attribute names are always literals in our code.
    public static func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], _ content: HTML...)
        -> HTML
    {
        element(name, attributes, joined: content)
    }

    public static func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], joined content: [HTML])
        -> HTML
    {
        // One allocation of the right size, no interpolation: every page is
        // built from tens of thousands of these (profiled: the largest single
        // cost of rendering a Steckbrief).
        var contentSize = 0
        for c in content { contentSize += c.raw.utf8.count }
        var s = start(name, attributes, reserving: contentSize + name.utf8CodeUnitCount + 4)
        s += ">"
        for c in content { s += c.raw }
        s += "</"
        s += name.string
        s += ">"
        return HTML(raw: s)
    }

    /// A void or self-closing element: `<circle cx="1"/>` in SVG, `<meta …>` in HTML.
    public static func empty(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], selfClosing: Bool = true) -> HTML {
        var s = start(name, attributes, reserving: 2)
        s += selfClosing ? "/>" : ">"
        return HTML(raw: s)
    }

    /// `<name a="v" …` (no closing `>`), with room for `more` bytes after it.
    private static func start(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?>, reserving more: Int) -> String {
        var size = name.utf8CodeUnitCount + 1 + more
        for (k, v) in attributes { if let v { size += k.utf8CodeUnitCount + v.utf8.count + 4 } }
        var s = ""
        s.reserveCapacity(size)
        s += "<"
        s += name.string
        appendAttributes(attributes, to: &s)
        return s
    }

    private static func appendAttributes(_ attributes: KeyValuePairs<StaticString, String?>, to s: inout String) {
        for (k, v) in attributes {
            guard let v else { continue }
            s += " "
            s += k.string
            s += "=\""
            s += Escape.attribute(v)
            s += "\""
        }
    }

    public static func joined(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        var out = HTML.empty
        out.raw.reserveCapacity(parts.reduce(0) { $0 + $1.raw.utf8.count } + max(0, parts.count - 1) * separator.raw.utf8.count)
        for (i, p) in parts.enumerated() {
            if i > 0 { out += separator }
            out += p
        }
        return out
    }
}

extension HTML: Codable {
    /// Markup as its text (page models are encoded into template values,
    /// which keep `HTML` as markup without calling this).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(raw)
    }

    /// Only for reading a page model's shape (`ModelShape`): markup never
    /// comes from decoded text.
    public init(from decoder: Decoder) throws {
        guard let shapes = decoder as? ShapeDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "HTML is never decoded"))
        }
        shapes.leaf = .html
        self = .empty
    }
}
