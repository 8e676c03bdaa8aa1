import Yams

/// Collects findings while a stage runs; the stage hands `diagnostics` on.
final class Reporter {
    var diagnostics = Diagnostics()

    func add(_ d: Diagnostic) { diagnostics.append(d) }
    func add(contentsOf ds: [Diagnostic]) { diagnostics.append(contentsOf: ds) }
}

/// YAML parsing through Yams, turning libyaml's errors into diagnostics.
enum YAMLSupport {
    static func compose(_ source: SourceText, reporter: Reporter) -> Node? {
        // Saved in another encoding than UTF-8 (Windows-1252 by an old
        // editor): one error at the first unreadable byte, then read on.
        if let bad = source.firstInvalidUTF8(from: source.bomLength, to: source.bytes.count) {
            reporter.add(source.notUTF8(at: bad, yaml: true))
        }
        do {
            if let root = try Yams.compose(yaml: source.string) { return root }
            // No document at all (an empty file, or only comments): without
            // this the file would count as read and simply hold nothing.
            reporter.add(
                source.diagnostic(
                    .error, "this file is empty: it holds no YAML", line: 1, column: 1,
                    hint: "write its content (see Data/README.md), or remove the file"))
            return nil
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                var message = "this is not valid YAML: \(problem)"
                if let context, context.mark.line != mark.line {
                    message += " (\(context.text) that starts on line \(context.mark.line))"
                }
                reporter.add(
                    source.diagnostic(
                        .error, message, line: mark.line, column: mark.column,
                        hint:
                            "check the indentation (spaces, not tabs) and that every \"key: value\" has a colon and a space; quote texts that contain \": \" or start with a symbol"
                    ))
            default:
                reporter.add(
                    Diagnostic.error("this is not valid YAML: \(error)", at: source.location(line: 1, column: 1)))
            }
        } catch {
            reporter.add(Diagnostic.error("this is not valid YAML: \(error)", at: source.location(line: 1, column: 1)))
        }
        return nil
    }

    static func location(_ node: Node, in source: SourceText) -> SourceLocation {
        let mark = node.mark
        return source.location(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping (key: value lines)"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// Reads one YAML mapping of the definition: rejects unknown keys by name
/// (suggesting the nearest known one), reports missing required fields, and
/// hands out values together with their location.
final class MappingReader {
    let source: SourceText
    let what: String
    let reporter: Reporter
    let location: SourceLocation
    private var entries: [String: (key: Node, value: Node)] = [:]

    /// `what` names the mapping in messages, e.g. `indicator "arbeitslosenquote"`.
    init?(_ node: Node, source: SourceText, what: String, allowed: [String], reporter: Reporter) {
        self.source = source
        self.what = what
        self.reporter = reporter
        self.location = YAMLSupport.location(node, in: source)
        guard case .mapping(let mapping) = node else {
            if case .scalar(let s) = node, s.string.isEmpty { return nil }
            reporter.add(
                source.diagnostic(
                    .error, "\(what) must be a mapping of \"key: value\" lines, not \(YAMLSupport.kindName(node))",
                    line: location.line, column: location.column,
                    hint: "see Data/README.md for the fields of \(what.split(separator: " ").first ?? "")"))
            return nil
        }
        for (k, v) in mapping {
            let name = k.scalar?.string ?? ""
            let loc = YAMLSupport.location(k, in: source)
            if let first = entries[name] {
                let firstLine = first.key.mark?.line ?? 0
                reporter.add(
                    source.diagnostic(
                        .error, "key \"\(name)\" appears twice in \(what) (first on line \(firstLine))",
                        line: loc.line, column: loc.column, length: name.unicodeScalars.count,
                        hint: "keep one \"\(name):\" and delete the other"))
                continue
            }
            entries[name] = (k, v)
            if !allowed.contains(name) {
                let hint: String
                if let near = Suggestion.nearest(to: name, in: allowed) {
                    hint = "did you mean \"\(near)\"? Known keys: \(allowed.joined(separator: ", "))"
                } else {
                    hint = "known keys: \(allowed.joined(separator: ", "))"
                }
                reporter.add(
                    source.diagnostic(
                        .error, "unknown key \"\(name)\" in \(what)", line: loc.line, column: loc.column,
                        length: name.unicodeScalars.count, hint: hint))
            }
        }
    }

    func has(_ key: String) -> Bool { entries[key] != nil }

    func node(_ key: String) -> Node? { entries[key]?.value }

    func missing(_ key: String, example: String) {
        reporter.add(
            source.diagnostic(
                .error, "\(what) is missing the required field \"\(key)\"", line: location.line,
                column: location.column, hint: "add a line such as \"\(key): \(example)\""))
    }

    func error(_ message: String, at node: Node, hint: String? = nil) {
        let loc = YAMLSupport.location(node, in: source)
        let len = node.scalar?.string.unicodeScalars.count ?? 1
        reporter.add(source.diagnostic(.error, message, line: loc.line, column: loc.column, length: len, hint: hint))
    }

    /// A single value as text. Empty values count as missing.
    func string(_ key: String, required: Bool = true, example: String = "…") -> Located<String>? {
        guard let v = node(key) else {
            if required { missing(key, example: example) }
            return nil
        }
        guard case .scalar(let s) = v else {
            error("\"\(key)\" in \(what) must be a single value, not \(YAMLSupport.kindName(v))", at: v)
            return nil
        }
        if s.string.isEmpty {
            if required {
                error(
                    "\"\(key)\" in \(what) is empty", at: v,
                    hint: "write a value after \"\(key):\", e.g. \(key): \(example)")
            }
            return nil
        }
        return Located(s.string, at: YAMLSupport.location(v, in: source))
    }

    func int(_ key: String, required: Bool = true, example: String = "1") -> Located<Int>? {
        guard let s = string(key, required: required, example: example) else { return nil }
        guard let i = Int(s.value) else {
            error(
                "\"\(key)\" in \(what) must be a whole number, not \"\(s.value)\"", at: node(key)!,
                hint: "e.g. \(key): \(example)")
            return nil
        }
        return Located(i, at: s.location)
    }

    /// true or false (YAML's yes/no and on/off are not accepted: they surprise).
    func bool(_ key: String, required: Bool = true) -> Located<Bool>? {
        guard let s = string(key, required: required, example: "true") else { return nil }
        switch s.value {
        case "true": return Located(true, at: s.location)
        case "false": return Located(false, at: s.location)
        default:
            error("\"\(key)\" in \(what) must be true or false, not \"\(s.value)\"", at: node(key)!, hint: "e.g. \(key): true")
            return nil
        }
    }

    func double(_ key: String, required: Bool = true, example: String = "0") -> Located<Double>? {
        guard let s = string(key, required: required, example: example) else { return nil }
        guard let d = Double(s.value), d.isFinite else {
            error(
                "\"\(key)\" in \(what) must be a number written with a decimal point, not \"\(s.value)\"",
                at: node(key)!, hint: "e.g. \(key): \(example)")
            return nil
        }
        return Located(d, at: s.location)
    }

    /// One of a fixed set of words.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, required: Bool = true)
        -> T? where T.RawValue == String
    {
        let words = T.allCases.map(\.rawValue)
        guard let s = string(key, required: required, example: words.first ?? "") else { return nil }
        if let t = T(rawValue: s.value) { return t }
        let hint = Suggestion.hint(for: s.value, in: words, otherwise: "write one of: \(words.joined(separator: ", "))")
        error("\"\(s.value)\" is not a valid \"\(key)\" in \(what)", at: node(key)!, hint: hint)
        return nil
    }

    /// An ISO date (YYYY-MM-DD).
    func date(_ key: String, required: Bool = true) -> Located<String>? {
        guard let s = string(key, required: required, example: "2021-07-01") else { return nil }
        guard ISODate.isValid(s.value) else {
            error(
                "\"\(key)\" in \(what) must be a date written YYYY-MM-DD, not \"\(s.value)\"", at: node(key)!,
                hint: "e.g. \(key): 2021-07-01")
            return nil
        }
        return s
    }

    /// A text per language: `{de: …, en: …}`; with `allowSingle`, one text for all.
    func localized(_ key: String, languages: [String], required: Bool = true, allowSingle: Bool = false)
        -> Localized?
    {
        guard let v = node(key) else {
            if required { missing(key, example: "{de: …, en: …}") }
            return nil
        }
        if allowSingle, case .scalar(let s) = v, !s.string.isEmpty {
            return Localized(all: s.string, languages: languages)
        }
        guard
            let m = MappingReader(
                v, source: source, what: "\"\(key)\" of \(what)", allowed: languages, reporter: reporter)
        else {
            if required { missing(key, example: "{de: …, en: …}") }
            return nil
        }
        var texts: [String: String] = [:]
        for lang in languages {
            if let t = m.string(lang, example: "…") { texts[lang] = t.value }
        }
        return Localized(texts)
    }

    /// A nested mapping.
    func mapping(_ key: String, what: String, allowed: [String], required: Bool = true) -> MappingReader? {
        guard let v = node(key) else {
            if required { missing(key, example: "…") }
            return nil
        }
        return MappingReader(v, source: source, what: what, allowed: allowed, reporter: reporter)
    }

    /// A list; a single mapping is taken as a list of one.
    func list(_ key: String, required: Bool = true) -> [Node]? {
        guard let v = node(key) else {
            if required { missing(key, example: "…") }
            return nil
        }
        switch v {
        case .sequence(let seq): return Array(seq)
        case .mapping: return [v]
        default:
            error("\"\(key)\" in \(what) must be a list, not \(YAMLSupport.kindName(v))", at: v)
            return nil
        }
    }

    /// A list of words, e.g. `languages: [de, en]`.
    func words(_ key: String) -> [String]? {
        guard let items = list(key) else { return nil }
        var out: [String] = []
        for item in items {
            guard case .scalar(let s) = item, !s.string.isEmpty else {
                error("each entry of \"\(key)\" in \(what) must be a single word", at: item)
                continue
            }
            out.append(s.string)
        }
        return out
    }
}

enum ISODate {
    /// YYYY-MM-DD with a real month and day.
    static func isValid(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m)
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }
}
