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
        out += "\(d.severity.rawValue): \(cut(d.message, keep: 300))\n"
        if let line = d.sourceLine, let loc = d.location {
            // A huge cell (10 MB) is shown as an excerpt around the place, not echoed whole.
            let all = Array(visible(line).unicodeScalars)
            let column = max(0, loc.column - 1)
            let long = all.count > 240
            let from = long ? max(0, min(column, all.count) - 80) : 0
            let to = long ? min(all.count, column + min(max(d.length, 1), 80) + 80) : all.count
            let shown = (from > 0 ? "…" : "") + String(String.UnicodeScalarView(all[from..<max(from, to)])) + (to < all.count ? "…" : "")
            let gutter = String(loc.line)
            let pad = String(repeating: " ", count: gutter.count)
            out += " \(gutter) | \(shown)\n"
            let prefix = all[from..<min(max(from, column), all.count)]
            // Keep tabs as tabs so the caret lines up under tabbed text.
            let indent = (from > 0 ? " " : "") + String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
            let tildes = String(repeating: "~", count: max(0, (long ? min(d.length, max(1, to - column)) : d.length) - 1))
            out += " \(pad) | \(indent)^\(tildes)\n"
        }
        if let hint = d.hint {
            out += "hint: \(hint)\n"
        }
        return out
    }

    /// A message that quotes a huge cell keeps its first `keep` characters.
    static func cut(_ text: String, keep: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > keep + 100 else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(keep))) + "… (\(scalars.count - keep) more characters)"
    }

    /// One line summing up a run: "2 errors, 1 warning".
    public static func counts(errors: Int, warnings: Int) -> String {
        "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
    }

    /// Control characters (a stray CR, a BOM, a NUL, a bidi override) would
    /// garble the terminal; show each as one visible character, so the caret
    /// still stands under its place.
    static func visible(_ line: String) -> String {
        var s = String.UnicodeScalarView()
        for u in line.unicodeScalars {
            switch u.value {
            case 0x0D: s.append(contentsOf: "␍".unicodeScalars)
            case 0xFEFF: s.append(contentsOf: "␣".unicodeScalars)
            case 0x00..<0x20 where u != "\t": s.append(Unicode.Scalar(0x2400 + u.value)!)
            case 0x7F: s.append(contentsOf: "␡".unicodeScalars)
            case 0x202A...0x202E, 0x2066...0x2069: s.append(contentsOf: "▯".unicodeScalars)
            default: s.append(u)
            }
        }
        return String(s)
    }
}
