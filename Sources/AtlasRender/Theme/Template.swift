import AtlasCore

/// A logic-free template in the mustache syntax the themes use: `{{{name}}}`
/// (and `{{&name}}`) print a value, `{{name}}` prints it escaped,
/// `{{#name}}…{{/name}}` repeats for a list or shows for a present value or a
/// true flag, `{{^name}}…{{/name}}` shows for an absent one, `{{> partial}}`
/// includes another template, `{{! comment}}`; dotted names and `.` as in
/// mustache; a line holding only a section, partial or comment tag leaves no
/// line behind. Delimiter changes, lambdas and template inheritance are not
/// part of it and are errors.
///
/// Written here, not taken from swift-mustache (which rendered the site
/// before): parsing keeps each tag's line and column, so the contract check
/// (`TemplateContract`) walks exactly the tree that is rendered, and rendering
/// walks typed values (`TemplateValue`) instead of looking up every name by
/// reflection and dynamic casts — the real atlas's full build took twice as
/// long with swift-mustache once the Steckbrief cards became templates.
struct Template: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        /// A value; `name` is the dotted name split at its dots, empty for `.`.
        case value(name: [String], escaped: Bool, tag: Tag)
        case section(name: [String], inverted: Bool, children: [Node], tag: Tag)
        case partial(String, tag: Tag)
    }

    /// Where a tag stands, for findings.
    struct Tag: Sendable {
        var text: String
        var line: Int
        var column: Int
        var length: Int
    }

    struct ParseError: Error {
        var message: String
        var tag: Tag
        var hint: String?
    }

    var nodes: [Node]
    /// The template's lines, for showing a finding's line.
    var lines: [Substring]

    init(_ source: String) throws(ParseError) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        nodes = try Self.parse(Array(source.utf8))
    }

    private enum Kind { case value, unescaped, section, inverted, close, partial, comment }

    private struct Scanned {
        var kind: Kind
        var name: String
        var tag: Tag
        var start: Int
        var end: Int
    }

    private static func parse(_ b: [UInt8]) throws(ParseError) -> [Node] {
        let open: UInt8 = 0x7B, close: UInt8 = 0x7D, newline: UInt8 = 0x0A
        var tags: [Scanned] = []
        var i = 0, line = 1, lineStart = 0
        while i + 1 < b.count {
            if b[i] == newline {
                line += 1
                lineStart = i + 1
                i += 1
                continue
            }
            guard b[i] == open, b[i + 1] == open else {
                i += 1
                continue
            }
            let start = i
            let triple = i + 2 < b.count && b[i + 2] == open
            let closing = triple ? 3 : 2
            var j = i + closing
            while j < b.count, !(b[j] == close && j + closing <= b.count && b[j..<(j + closing)].allSatisfy { $0 == close }) { j += 1 }
            let end = min(j + closing, b.count)
            var inner = String(decoding: b[(start + closing)..<min(j, b.count)], as: UTF8.self)
            // Columns in characters, as editors count them.
            let column = String(decoding: b[lineStart..<start], as: UTF8.self).count + 1
            let tag = Tag(
                text: String(decoding: b[start..<end], as: UTF8.self), line: line, column: column,
                length: String(decoding: b[start..<end], as: UTF8.self).count)
            guard j < b.count else { throw ParseError(message: "the tag is not closed", tag: tag, hint: "end it with \(triple ? "}}}" : "}}")") }
            var kind: Kind = triple ? .unescaped : .value
            if !triple, let first = inner.first {
                switch first {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "!": kind = .comment
                case "&": kind = .unescaped
                case "=", "<", "$", "{":
                    throw ParseError(
                        message: "the tag \(tag.text) is not part of the templates' syntax", tag: tag,
                        hint: "use {{{name}}}, {{#name}}…{{/name}}, {{^name}}…{{/name}}, {{> partial}} or {{! comment}}")
                default: break
                }
                if kind != .value { inner.removeFirst() }
            }
            tags.append(Scanned(kind: kind, name: inner.trimmingCharacters(in: .whitespaces), tag: tag, start: start, end: end))
            for k in start..<end where b[k] == newline {
                line += 1
                lineStart = k + 1
            }
            i = end
        }
        // Standalone tags (alone on their line but for blanks) take their line with them.
        var cut: [(from: Int, to: Int)] = tags.map { ($0.start, $0.end) }
        for (k, t) in tags.enumerated() where [.section, .inverted, .close, .partial, .comment].contains(t.kind) {
            var before = t.start
            while before > 0, b[before - 1] == 0x20 || b[before - 1] == 0x09 { before -= 1 }
            guard before == 0 || b[before - 1] == newline else { continue }
            var after = t.end
            while after < b.count, b[after] == 0x20 || b[after] == 0x09 || b[after] == 0x0D { after += 1 }
            guard after == b.count || b[after] == newline else { continue }
            cut[k] = (before, min(after + 1, b.count))
        }
        // The tree: text between the tags, sections holding what lies between their open and close.
        var stack: [(Scanned, [Node])] = []
        var nodes: [Node] = []
        var position = 0
        func append(_ node: Node) {
            if stack.isEmpty { nodes.append(node) } else { stack[stack.count - 1].1.append(node) }
        }
        for (k, t) in tags.enumerated() {
            let (from, to) = cut[k]
            if from > position { append(.text(String(decoding: b[position..<from], as: UTF8.self))) }
            position = max(position, to)
            let name = t.name == "." ? [] : t.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            switch t.kind {
            case .comment: break
            case .value, .unescaped:
                append(.value(name: name, escaped: t.kind == .value, tag: t.tag))
            case .partial:
                append(.partial(t.name, tag: t.tag))
            case .section, .inverted:
                stack.append((t, []))
            case .close:
                guard let top = stack.last, top.0.name == t.name else {
                    throw ParseError(
                        message: stack.last.map { "the tag \(t.tag.text) closes \"\(t.name)\", but \"\($0.0.name)\" is open" }
                            ?? "the tag \(t.tag.text) closes a section that was not opened",
                        tag: t.tag, hint: stack.last.map { "close it with {{/\($0.0.name)}} first" })
                }
                let (opened, children) = stack.removeLast()
                let openName = opened.name == "." ? [] : opened.name.split(separator: ".").map(String.init)
                append(.section(name: openName, inverted: opened.kind == .inverted, children: children, tag: opened.tag))
            }
        }
        if let opened = stack.last?.0 {
            throw ParseError(message: "the section \"\(opened.name)\" is not closed", tag: opened.tag, hint: "end it with {{/\(opened.name)}}")
        }
        if position < b.count { append(.text(String(decoding: b[position...], as: UTF8.self))) }
        return nodes
    }
}

/// A page model as the templates see it (made by `TemplateValue.of`).
indirect enum TemplateValue: Sendable {
    case html(String)
    case flag(Bool)
    /// Fields in the model's order; looked up by comparing names (a model
    /// has a few dozen fields with short names: faster than hashing them).
    case object([(name: String, value: TemplateValue)])
    case list([TemplateValue])
    /// An absent optional: a section over it is left out, and the name is
    /// not looked up further out.
    case absent

    var isShown: Bool {
        switch self {
        case .html(let s): !s.isEmpty
        case .flag(let b): b
        case .object: true
        case .list(let l): !l.isEmpty
        case .absent: false
        }
    }
}

/// Renders templates of one theme.
struct TemplateRenderer {
    let templates: [String: Template]

    func render(_ name: String, _ value: TemplateValue) -> String {
        var out = ""
        out.reserveCapacity(16_384)
        var stack = [value]
        if let t = templates[name] { render(t.nodes, &stack, into: &out, depth: 0) }
        return out
    }

    private func render(_ nodes: [Template.Node], _ stack: inout [TemplateValue], into out: inout String, depth: Int) {
        for node in nodes {
            switch node {
            case .text(let s):
                out += s
            case .value(let name, let escaped, _):
                if case .html(let s) = lookup(name, stack) { out += escaped ? Escape.html(s) : s }
            case .section(let name, let inverted, let children, _):
                let value = lookup(name, stack)
                if inverted {
                    if !value.isShown { render(children, &stack, into: &out, depth: depth) }
                    continue
                }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children, &stack, into: &out, depth: depth)
                        stack.removeLast()
                    }
                case .flag(true):
                    render(children, &stack, into: &out, depth: depth)
                case .html, .object:
                    guard value.isShown else { continue }
                    stack.append(value)
                    render(children, &stack, into: &out, depth: depth)
                    stack.removeLast()
                default:
                    continue
                }
            case .partial(let name, _):
                // The contract check rejects missing partials; the depth
                // stops a partial that includes itself.
                if depth < 16, let t = templates[name] { render(t.nodes, &stack, into: &out, depth: depth + 1) }
            }
        }
    }

    private static func field(_ name: String, _ fields: [(name: String, value: TemplateValue)]) -> TemplateValue? {
        for f in fields where f.name == name { return f.value }
        return nil
    }

    /// As mustache: the innermost value that has the first part of the name,
    /// then the rest inside it; `.` (no parts) is the innermost value.
    private func lookup(_ name: [String], _ stack: [TemplateValue]) -> TemplateValue {
        guard let first = name.first else { return stack.last ?? .absent }
        var k = stack.count
        while k > 0 {
            k -= 1
            guard case .object(let fields) = stack[k], var value = Self.field(first, fields) else { continue }
            for part in name.dropFirst() {
                guard case .object(let inner) = value, let next = Self.field(part, inner) else { return .absent }
                value = next
            }
            return value
        }
        return .absent
    }
}

extension TemplateValue {
    /// A page model as a template value, through its synthesized `Encodable`
    /// conformance (no reflection): `HTML` stays markup, `Bool` a flag,
    /// nested values objects, arrays lists, and an absent optional `.absent`.
    static func of<T: Encodable>(_ model: T) -> TemplateValue {
        if T.self == HTML.self { return .html(unsafeBitCast(model, to: HTML.self).raw) }
        let encoder = ValueEncoder()
        try? model.encode(to: encoder)
        return encoder.value
    }
}

/// The encoder behind `TemplateValue.of`. Page models hold only `HTML`,
/// `Bool`, lists, optionals and nested models (the contract check rejects
/// anything else); other primitives encode as `.absent`.
private final class ValueEncoder: Encoder {
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    private var fields: FieldBox?
    private var items: ItemBox?
    private var single: TemplateValue = .absent

    final class FieldBox { var fields: [(name: String, value: TemplateValue)] = [] }
    final class ItemBox { var items: [TemplateValue] = [] }

    var value: TemplateValue {
        if let fields { return .object(fields.fields) }
        if let items { return .list(items.items) }
        return single
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box = fields ?? FieldBox()
        fields = box
        return KeyedEncodingContainer(Keyed<Key>(box: box))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let box = items ?? ItemBox()
        items = box
        return Unkeyed(box: box)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }

    /// The two leaf types are told apart by their metatype (cheaper than a
    /// dynamic cast for each of the hundreds of thousands of fields of a build).
    static func value<T: Encodable>(_ v: T) -> TemplateValue {
        if T.self == HTML.self { return .html(unsafeBitCast(v, to: HTML.self).raw) }
        if T.self == Bool.self { return .flag(unsafeBitCast(v, to: Bool.self)) }
        return TemplateValue.of(v)
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: ValueEncoder
        var codingPath: [CodingKey] { [] }
        mutating func encodeNil() { encoder.single = .absent }
        mutating func encode(_ value: Bool) { encoder.single = .flag(value) }
        mutating func encode<T: Encodable>(_ value: T) { encoder.single = ValueEncoder.value(value) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: FieldBox
        var codingPath: [CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) { box.fields.append((key.stringValue, .absent)) }
        mutating func encode(_ value: Bool, forKey key: Key) { box.fields.append((key.stringValue, .flag(value))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { box.fields.append((key.stringValue, ValueEncoder.value(value))) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) {
            box.fields.append((key.stringValue, value.map { ValueEncoder.value($0) } ?? .absent))
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            KeyedEncodingContainer(Keyed<N>(box: FieldBox()))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { Unkeyed(box: ItemBox()) }
        mutating func superEncoder() -> Encoder { ValueEncoder() }
        mutating func superEncoder(forKey key: Key) -> Encoder { ValueEncoder() }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: ItemBox
        var codingPath: [CodingKey] { [] }
        var count: Int { box.items.count }
        mutating func encodeNil() { box.items.append(.absent) }
        mutating func encode(_ value: Bool) { box.items.append(.flag(value)) }
        mutating func encode<T: Encodable>(_ value: T) { box.items.append(ValueEncoder.value(value)) }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedEncodingContainer<N> {
            KeyedEncodingContainer(Keyed<N>(box: FieldBox()))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { Unkeyed(box: ItemBox()) }
        mutating func superEncoder() -> Encoder { ValueEncoder() }
    }
}
