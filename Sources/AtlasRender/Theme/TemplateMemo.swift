import Foundation
import Mustache

/// Renders a mustache template once per *shape* of its context and fills in
/// the page's markup afterwards, instead of walking the template for every
/// page (profiled: at 10,800 Gemeinde pages, mustache's dynamic lookups and
/// casts were 15 % of the build; the layout and the page kind's template look
/// alike on most pages and differ only in the markup they insert).
///
/// The shape of a context is everything that can steer a logic-free template:
/// the keys, which `HTML` values are empty (sections, inverted sections), the
/// flags, the length of every list, and plain strings and numbers verbatim.
/// For a new shape the template is rendered once with a sentinel in place of
/// each non-empty `HTML` value; the output is cut at the sentinels into a plan
/// of literal text and value slots. A page of that shape is then the plan
/// with its own values put in the slots.
///
/// The sentinels make a template that does anything else with a value than
/// print it unchanged fall back to rendering as before, for that shape: each
/// holds upper- and lower-case letters and an `&`, so a transform
/// (`uppercased`, `reversed`, …) or escaping (`{{x}}` instead of `{{{x}}}`)
/// changes it and the plan is refused. A value ending in a line break keeps
/// that line break in its sentinel, as mustache indents partials after one.
final class TemplateMemo: @unchecked Sendable {
    private enum Piece {
        case text(String)
        case slot(Int)
    }

    private struct Plan {
        var pieces: [Piece]
        var literalBytes: Int
    }

    private let lock = NSLock()
    /// Shape → plan; nil where the template does more than print the values.
    private var plans: [String: Plan?] = [:]
    /// Beyond this many shapes, templates are rendered directly (a context
    /// that carries a per-page string in plain text would otherwise fill it).
    static let limit = 4096

    private static let open: Character = "\u{F8FF}"
    private static let close: Character = "\u{F8FE}"

    func render(_ context: [String: Any], template: String, library: MustacheLibrary) -> String {
        var key = template
        key += "|"
        var leaves: [HTML] = []
        guard Self.shape(context, key: &key, leaves: &leaves) else {
            return library.render(context, withTemplate: template) ?? ""
        }
        lock.lock()
        let known = plans[key]
        lock.unlock()
        let plan: Plan?
        if let known {
            plan = known
        } else {
            var index = 0
            let marked = Self.marked(context, leaves: leaves, index: &index)
            let output = library.render(marked, withTemplate: template) ?? ""
            plan = Self.cut(output, leaves: leaves)
            lock.lock()
            if plans.count < Self.limit { plans[key] = .some(plan) }
            lock.unlock()
        }
        guard let plan else { return library.render(context, withTemplate: template) ?? "" }
        var size = plan.literalBytes
        for p in plan.pieces { if case .slot(let i) = p { size += leaves[i].raw.utf8.count } }
        var out = ""
        out.reserveCapacity(size)
        for p in plan.pieces {
            switch p {
            case .text(let t): out += t
            case .slot(let i): out += leaves[i].raw
            }
        }
        return out
    }

    /// Appends the shape of `value` to `key` and its non-empty `HTML` values to
    /// `leaves`, in the order of the walk; false for a value of another type.
    private static func shape(_ value: Any, key: inout String, leaves: inout [HTML]) -> Bool {
        switch value {
        case let h as HTML:
            if h.isEmpty {
                key += "e"
            } else {
                key += h.raw.last == "\n" ? "n" : "h"
                leaves.append(h)
            }
        case let b as Bool:
            key += b ? "T" : "F"
        case let d as [String: Any]:
            key += "{"
            // Sorted: two dictionaries with the same keys iterate in different orders.
            for (k, v) in d.sorted(by: { $0.key < $1.key }) {
                key += k
                key += ":"
                guard shape(v, key: &key, leaves: &leaves) else { return false }
                key += ","
            }
            key += "}"
        case let list as [[String: Any]]:
            key += "[\(list.count)"
            for v in list { guard shape(v, key: &key, leaves: &leaves) else { return false } }
            key += "]"
        case let list as [HTML]:
            key += "[\(list.count)"
            for v in list { guard shape(v, key: &key, leaves: &leaves) else { return false } }
            key += "]"
        case let s as String:
            key += "s\(s.utf8.count):"
            key += s
        case let n as Int:
            key += "i\(n);"
        default:
            return false
        }
        return true
    }

    /// The context with each non-empty `HTML` value replaced by its sentinel,
    /// walked in the same order as `shape`.
    private static func marked(_ value: Any, leaves: [HTML], index: inout Int) -> Any {
        switch value {
        case let h as HTML:
            if h.isEmpty { return h }
            defer { index += 1 }
            return HTML.trusted(sentinel(index, newline: leaves[index].raw.last == "\n"))
        case let d as [String: Any]:
            var out: [String: Any] = [:]
            for (k, v) in d.sorted(by: { $0.key < $1.key }) { out[k] = marked(v, leaves: leaves, index: &index) }
            return out
        case let list as [[String: Any]]:
            return list.map { marked($0, leaves: leaves, index: &index) as! [String: Any] }
        case let list as [HTML]:
            return list.map { marked($0, leaves: leaves, index: &index) as! HTML }
        default:
            return value
        }
    }

    /// Shapes with a plan, and shapes refused (rendered directly), for tests.
    var shapes: (planned: Int, refused: Int) {
        lock.lock()
        defer { lock.unlock() }
        let planned = plans.values.filter { $0 != nil }.count
        return (planned, plans.count - planned)
    }

    private static func sentinel(_ i: Int, newline: Bool) -> String {
        "\(open)Lq\(i)&Z\(close)" + (newline ? "\n" : "")
    }

    /// The output cut at the sentinels; nil if one was changed on the way.
    private static func cut(_ output: String, leaves: [HTML]) -> Plan? {
        var pieces: [Piece] = []
        var literal = 0
        var rest = Substring(output)
        while let start = rest.firstIndex(of: open) {
            let text = String(rest[..<start])
            if !text.isEmpty {
                pieces.append(.text(text))
                literal += text.utf8.count
            }
            let after = rest[rest.index(after: start)...]
            guard after.hasPrefix("Lq"), let end = after.firstIndex(of: close) else { return nil }
            let inner = after[after.index(after.startIndex, offsetBy: 2)..<end]
            guard inner.hasSuffix("&Z"), let i = Int(inner.dropLast(2)), i >= 0, i < leaves.count else { return nil }
            rest = after[after.index(after: end)...]
            if leaves[i].raw.last == "\n" {
                guard rest.first == "\n" else { return nil }
                rest = rest.dropFirst()
            }
            pieces.append(.slot(i))
        }
        if rest.contains(close) { return nil }
        if !rest.isEmpty {
            pieces.append(.text(String(rest)))
            literal += rest.utf8.count
        }
        return Plan(pieces: pieces, literalBytes: literal)
    }
}
