import Yams

/// A flat YAML mapping of keys to texts: the UI strings of a theme language
/// (Themes/<name>/i18n/<lang>.yaml). Lives here because AtlasCore is the one
/// target that reads YAML.
public enum StringTable {
    public static func parse(_ source: SourceText) -> ([String: String], [Diagnostic]) {
        let reporter = Reporter()
        guard let root = YAMLSupport.compose(source, reporter: reporter) else { return ([:], reporter.diagnostics.all) }
        guard case .mapping(let mapping) = root else {
            reporter.add(
                source.diagnostic(.error, "a strings file must be a mapping of keys to texts", line: 1, column: 1))
            return ([:], reporter.diagnostics.all)
        }
        var out: [String: String] = [:]
        for (k, v) in mapping {
            let key = k.scalar?.string ?? ""
            guard case .scalar(let s) = v else {
                let loc = YAMLSupport.location(v, in: source)
                reporter.add(
                    source.diagnostic(.error, "the text of \"\(key)\" must be a single value", line: loc.line, column: loc.column))
                continue
            }
            out[key] = s.string
        }
        return (out, reporter.diagnostics.all)
    }
}
