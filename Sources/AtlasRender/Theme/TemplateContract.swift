import AtlasCore

/// Checks every template of a theme against the page models it is rendered
/// with, walking the same parsed tree that is rendered: a name no value in
/// scope has, a partial that does not exist, a field printed escaped (it is
/// markup already) are errors; a model field no template reads is a warning.
/// Each finding names the template's path, line and column.
struct TemplateContract {
    let templates: [String: Template]
    /// Template name → the path shown in findings.
    let paths: [String: String]
    var diagnostics: [Diagnostic] = []

    /// A scope: the fields visible there and their path in the model.
    private struct Scope {
        var fields: [String: ModelShape]
        var path: [String]
        /// What `.` is here: the value the section stands on.
        var value: ModelShape
    }

    /// Every page kind's template (or only the one named) against its model.
    static func check(templates: [String: Template], paths: [String: String], only: String? = nil) -> [Diagnostic] {
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
        var missingPartial = false
        walk(
            template, [Scope(fields: model.fields, path: [], value: model)], model: modelName, read: &read, missingPartial: &missingPartial, depth: 0)
        let unread = Self.allPaths(model.fields, prefix: []).filter { !read.contains($0) }
        // A field inside an unread one is not named again; behind a missing
        // partial, unread fields are its consequence, not news.
        let topmost = unread.filter { field in !unread.contains { field.hasPrefix($0 + ".") } }
        for field in missingPartial ? [] : topmost.sorted() {
            diagnostics.append(
                .warning(
                    "the page model \"\(modelName)\" has a field \"\(field)\" that no template reads",
                    at: SourceLocation(path: paths[template] ?? template, line: 1, column: 1),
                    hint: "show it in \(template).mustache (or a partial it includes), or leave it out of the model"))
        }
        for (field, type) in Self.unsupported(model.fields, prefix: []) {
            diagnostics.insert(
                .error(
                    "the page model \"\(modelName)\" has a field \"\(field)\" of type \(type) that templates cannot print safely",
                    hint: "make it HTML (escaped by Escape) or Bool"), at: before)
        }
    }

    static func kind(_ shape: ModelShape) -> String {
        switch shape {
        case .html: "markup"
        case .flag: "a flag"
        case .object: "a value with fields"
        case .list: "a list"
        case .unsupported(let t): "of type \(t)"
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

    private mutating func walk(
        _ template: String, _ scopes: [Scope], model: String, read: inout Set<String>, missingPartial: inout Bool, depth: Int
    ) {
        guard let t = templates[template] else { return }
        walk(t.nodes, in: t, path: paths[template] ?? template, scopes, model: model, read: &read, missingPartial: &missingPartial, depth: depth)
    }

    private mutating func walk(
        _ nodes: [Template.Node], in t: Template, path: String, _ scopes: [Scope], model: String, read: inout Set<String>,
        missingPartial: inout Bool, depth: Int
    ) {
        func finding(_ message: String, _ tag: Template.Tag, hint: String?) -> Diagnostic {
            .error(
                message, at: SourceLocation(path: path, line: tag.line, column: tag.column),
                sourceLine: tag.line <= t.lines.count ? String(t.lines[tag.line - 1]) : nil, length: tag.length, hint: hint)
        }
        for node in nodes {
            switch node {
            case .text:
                continue
            case .partial(let name, let tag):
                if templates[name] == nil {
                    missingPartial = true
                    diagnostics.append(
                        finding(
                            "the template includes the partial \"\(name)\", which does not exist", tag,
                            hint: Suggestion.hint(for: name, in: templates.keys, otherwise: "add \(name).mustache to the theme's templates/")))
                } else if depth < 8 {
                    walk(name, scopes, model: model, read: &read, missingPartial: &missingPartial, depth: depth + 1)
                }
            case .value(let name, let escaped, let tag):
                guard let (shape, field) = resolve(name, in: scopes) else {
                    diagnostics.append(unknown(name, tag, scopes, model: model, finding))
                    continue
                }
                if let field { read.insert(field) }
                let text = name.isEmpty ? "." : name.joined(separator: ".")
                if shape != .html {
                    // A flag, list or nested value prints nothing: a silent gap on every page.
                    diagnostics.append(
                        finding(
                            "the template prints \"\(text)\", which is \(Self.kind(shape)) and prints nothing", tag,
                            hint: "use it as a section: {{#\(text)}}…{{/\(text)}}"))
                } else if escaped {
                    diagnostics.append(
                        finding(
                            "the template prints \"\(text)\" with {{ }}, which would escape its markup a second time", tag,
                            hint: "write {{{\(text)}}}: page model values are escaped already"))
                }
            case .section(let name, let inverted, let children, let tag):
                var inner = scopes
                if let (shape, field) = resolve(name, in: scopes) {
                    if let field { read.insert(field) }
                    // An inverted section shows only when the value is absent, and a
                    // flag's section stays on the value around it: no new fields, same `.`.
                    let element: ModelShape = if case .list(let e) = shape { e } else { shape }
                    let stays = inverted || shape == .flag
                    inner.append(
                        Scope(
                            fields: stays ? [:] : shape.fields, path: field.map { $0.split(separator: ".").map(String.init) } ?? scopes.last!.path,
                            value: stays ? scopes.last!.value : element))
                } else {
                    diagnostics.append(unknown(name, tag, scopes, model: model, finding))
                    inner.append(Scope(fields: [:], path: scopes.last!.path + name, value: .html))
                }
                walk(children, in: t, path: path, inner, model: model, read: &read, missingPartial: &missingPartial, depth: depth)
            }
        }
    }

    private func unknown(
        _ name: [String], _ tag: Template.Tag, _ scopes: [Scope], model: String,
        _ finding: (String, Template.Tag, String?) -> Diagnostic
    ) -> Diagnostic {
        let text = name.joined(separator: ".")
        let visible = Set(scopes.flatMap { $0.fields.keys })
        let inside = scopes.last!.path.isEmpty ? "" : " (inside \"\(scopes.last!.path.joined(separator: "."))\")"
        return finding(
            "the template reads \"\(text)\", which the page model \"\(model)\" does not have\(inside)", tag,
            Suggestion.hint(for: text, in: visible, otherwise: "the model has: \(visible.sorted().joined(separator: ", "))"))
    }

    /// Looks a name up as `TemplateRenderer` does: the innermost scope that
    /// has its first part, then the rest inside it. `.` is the current value.
    private func resolve(_ name: [String], in scopes: [Scope]) -> (ModelShape, String?)? {
        guard let first = name.first else { return (scopes.last!.value, nil) }
        for scope in scopes.reversed() {
            guard var shape = scope.fields[first] else { continue }
            var path = scope.path + [first]
            for part in name.dropFirst() {
                guard let next = shape.fields[part] else { return nil }
                shape = next
                path.append(part)
            }
            return (shape, path.joined(separator: "."))
        }
        return nil
    }
}
