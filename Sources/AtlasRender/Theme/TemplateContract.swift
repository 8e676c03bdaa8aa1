import AtlasCore

/// The tags of a mustache template with their places, for checking it against
/// the page model it is rendered with. Written here (about 60 lines) because
/// swift-mustache's parser keeps no positions; the template is also parsed by
/// swift-mustache, which renders it.
struct TemplateTag {
    enum Kind { case escaped, unescaped, section, inverted, close, partial, comment, delimiters }
    var kind: Kind
    var name: String
    var line: Int
    var column: Int
    var length: Int

    static func scan(_ text: String) -> [TemplateTag] {
        var tags: [TemplateTag] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0, line = 1, lineStart = 0
        func at(_ k: Int, _ s: String) -> Bool {
            let u = Array(s.unicodeScalars)
            return k + u.count <= scalars.count && Array(scalars[k..<k + u.count]) == u
        }
        while i < scalars.count {
            if scalars[i] == "\n" {
                line += 1
                lineStart = i + 1
                i += 1
                continue
            }
            guard at(i, "{{") else {
                i += 1
                continue
            }
            let start = i
            let triple = at(i, "{{{")
            let close = triple ? "}}}" : "}}"
            var j = i + (triple ? 3 : 2)
            while j < scalars.count, !at(j, close) { j += 1 }
            var inner = String(String.UnicodeScalarView(scalars[(i + (triple ? 3 : 2))..<min(j, scalars.count)]))
            var kind: TemplateTag.Kind = triple ? .unescaped : .escaped
            if !triple, let first = inner.first {
                switch first {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "!": kind = .comment
                case "&": kind = .unescaped
                case "=": kind = .delimiters
                default: break
                }
                if kind != .escaped { inner.removeFirst() }
            }
            let end = min(j + close.unicodeScalars.count, scalars.count)
            tags.append(TemplateTag(
                kind: kind, name: inner.trimmingCharacters(in: .whitespaces), line: line, column: start - lineStart + 1,
                length: end - start))
            // Comments may span lines.
            for k in start..<end where scalars[k] == "\n" {
                line += 1
                lineStart = k + 1
            }
            i = end
        }
        return tags
    }
}

/// Checks every template of a theme against the page models it is rendered
/// with: a variable no model in scope has, a partial that does not exist, a
/// model field printed escaped (it is markup already) are errors; a model
/// field no template reads is a warning. Each finding names the template's
/// path, line and column.
struct TemplateContract {
    /// Template name → its text.
    let templates: [String: String]
    /// Template name → the path shown in findings.
    let paths: [String: String]
    var diagnostics: [Diagnostic] = []

    /// A scope: the fields visible there and a name for messages.
    private struct Scope {
        var fields: [String: ModelShape]
        var path: [String]
    }

    /// Every page kind's template (or only the one named) against its model.
    static func check(templates: [String: String], paths: [String: String], only: String? = nil) -> [Diagnostic] {
        var contract = TemplateContract(templates: templates, paths: paths)
        for kind in PageModels.kinds where only == nil || kind.template == only {
            guard templates[kind.template] != nil else { continue }
            contract.check(template: kind.template, model: ModelShape.of(kind), modelName: kind.template)
        }
        return contract.diagnostics
    }

    /// Checks the page kind `template` against `model`.
    mutating func check(template: String, model: ModelShape, modelName: String) {
        var read: Set<String> = []
        let before = diagnostics.count
        walk(template, scopes: [Scope(fields: model.fields, path: [])], model: modelName, read: &read, depth: 0)
        // Behind a missing partial, unread fields are its consequence, not news.
        let failed = diagnostics[before...].contains { $0.message.contains("includes the partial") }
        let unread = Self.allPaths(model.fields, prefix: []).filter { !read.contains($0) }
        // A field inside an unread one is not named again.
        let topmost = unread.filter { field in !unread.contains { field.hasPrefix($0 + ".") } }
        for field in failed ? [] : topmost.sorted() {
            diagnostics.append(.warning(
                "the page model \"\(modelName)\" has a field \"\(field)\" that no template reads",
                at: SourceLocation(path: paths[template] ?? template, line: 1, column: 1),
                hint: "show it in \(template).mustache (or a partial it includes), or leave it out of the model"))
        }
        for (field, shape) in Self.unsupported(model.fields, prefix: []) {
            diagnostics.append(.error("the page model \"\(modelName)\" has a field \"\(field)\" of type \(shape) that templates cannot print safely", hint: "make it HTML (escaped by Escape) or Bool"))
        }
    }

    static func allPaths(_ fields: [String: ModelShape], prefix: [String]) -> [String] {
        var out: [String] = []
        for (name, shape) in fields {
            let p = prefix + [name]
            out.append(p.joined(separator: "."))
            out += allPaths(shape.fields, prefix: p)
        }
        return out
    }

    static func unsupported(_ fields: [String: ModelShape], prefix: [String]) -> [(String, String)] {
        var out: [(String, String)] = []
        for (name, shape) in fields.sorted(by: { $0.key < $1.key }) {
            let p = prefix + [name]
            if case .unsupported(let t) = shape { out.append((p.joined(separator: "."), t)) }
            if case .list(.unsupported(let t)) = shape { out.append((p.joined(separator: "."), "[\(t)]")) }
            out += unsupported(shape.fields, prefix: p)
        }
        return out
    }

    private mutating func walk(_ template: String, scopes: [Scope], model: String, read: inout Set<String>, depth: Int) {
        guard let text = templates[template] else { return }
        let path = paths[template] ?? template
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var stack = scopes
        var open: [TemplateTag] = []
        func place(_ t: TemplateTag) -> SourceLocation { SourceLocation(path: path, line: t.line, column: t.column) }
        func source(_ t: TemplateTag) -> String? { t.line <= lines.count ? String(lines[t.line - 1]) : nil }
        for tag in TemplateTag.scan(text) {
            switch tag.kind {
            case .comment: continue
            case .delimiters:
                diagnostics.append(.error(
                    "the template changes the tag delimiters, which the contract check cannot follow", at: place(tag),
                    sourceLine: source(tag), length: tag.length, hint: "use {{ }} throughout"))
            case .partial:
                if templates[tag.name] == nil {
                    diagnostics.append(.error(
                        "the template includes the partial \"\(tag.name)\", which does not exist", at: place(tag), sourceLine: source(tag),
                        length: tag.length,
                        hint: Suggestion.hint(
                            for: tag.name, in: templates.keys, otherwise: "add \(tag.name).mustache to the theme's templates/")))
                } else if depth < 8 {
                    walk(tag.name, scopes: stack, model: model, read: &read, depth: depth + 1)
                }
            case .close:
                if let last = open.last, last.name == tag.name {
                    open.removeLast()
                    stack.removeLast()
                }
            case .escaped, .unescaped, .section, .inverted:
                let resolved = resolve(tag.name, in: stack)
                guard let (shape, fieldPath) = resolved else {
                    let visible = Set(stack.flatMap { $0.fields.keys })
                    let scope = stack.last!.path.isEmpty ? "" : " (inside \"\(stack.last!.path.joined(separator: "."))\")"
                    diagnostics.append(.error(
                        "the template reads \"\(tag.name)\", which the page model \"\(model)\" does not have\(scope)", at: place(tag),
                        sourceLine: source(tag), length: tag.length,
                        hint: Suggestion.hint(
                            for: tag.name, in: visible,
                            otherwise: "the model has: \(visible.sorted().joined(separator: ", "))")))
                    if tag.kind == .section || tag.kind == .inverted {
                        open.append(tag)
                        stack.append(Scope(fields: [:], path: stack.last!.path + [tag.name]))
                    }
                    continue
                }
                if let fieldPath { read.insert(fieldPath) }
                if tag.kind == .escaped, shape == .html {
                    diagnostics.append(.error(
                        "the template prints \"\(tag.name)\" with {{ }}, which would escape its markup a second time", at: place(tag),
                        sourceLine: source(tag), length: tag.length, hint: "write {{{\(tag.name)}}}: page model values are escaped already"))
                }
                if tag.kind == .section || tag.kind == .inverted {
                    open.append(tag)
                    // An inverted section shows only when the value is absent: no new fields.
                    let fields = tag.kind == .section ? shape.fields : [:]
                    stack.append(Scope(fields: fields, path: fieldPath.map { $0.split(separator: ".").map(String.init) } ?? stack.last!.path))
                }
            }
        }
    }

    /// Looks a name up as mustache does: the innermost scope that has its
    /// first part, then the rest inside it. `.` is the current value.
    private func resolve(_ name: String, in stack: [Scope]) -> (ModelShape, String?)? {
        if name == "." { return (.html, nil) }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        for scope in stack.reversed() {
            guard var shape = scope.fields[first] else { continue }
            var path = scope.path + [first]
            for part in parts.dropFirst() {
                guard let next = shape.fields[part] else { return nil }
                shape = next
                path.append(part)
            }
            return (shape, path.joined(separator: "."))
        }
        return nil
    }
}
