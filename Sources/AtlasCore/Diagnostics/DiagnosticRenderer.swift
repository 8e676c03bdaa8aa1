/// Writes diagnostics the way a compiler does:
///
///     Data/kita.csv:14:3: error: "1.234,5x" is not a number (column "value")
///      14 | 01001;2020;1.234,5x
///         |            ^~~~~~~~
///     hint: write a number such as 1.234,5 or a Destatis symbol such as "." ...
///
/// This is the only place that formats a diagnostic for people.
public enum DiagnosticRenderer {
    public static func render(_ d: Diagnostic) -> String {
        var out = ""
        if let loc = d.location {
            // Line 0: the finding concerns the whole file (e.g. a GeoJSON feature).
            out += loc.line > 0 ? "\(loc.path):\(loc.line):\(loc.column): " : "\(loc.path): "
        }
        out += "\(d.severity.rawValue): \(d.message)\n"
        if let line = d.sourceLine, let loc = d.location {
            let shown = visible(line)
            let gutter = String(loc.line)
            let pad = String(repeating: " ", count: gutter.count)
            out += " \(gutter) | \(shown)\n"
            let prefix = shown.unicodeScalars.prefix(max(0, loc.column - 1))
            // Keep tabs as tabs so the caret lines up under tabbed text.
            let indent = String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
            let tildes = String(repeating: "~", count: max(0, d.length - 1))
            out += " \(pad) | \(indent)^\(tildes)\n"
        }
        if let hint = d.hint {
            out += "hint: \(hint)\n"
        }
        return out
    }

    /// One line summing up a run: "2 errors, 1 warning".
    public static func counts(errors: Int, warnings: Int) -> String {
        "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
    }

    /// Control characters (a stray CR, a BOM) would garble the terminal; show them.
    static func visible(_ line: String) -> String {
        var s = String.UnicodeScalarView()
        for u in line.unicodeScalars {
            switch u {
            case "\r": s.append(contentsOf: "␍".unicodeScalars)
            case "\u{FEFF}": s.append(contentsOf: "␣".unicodeScalars)
            default: s.append(u)
            }
        }
        return String(s)
    }
}
