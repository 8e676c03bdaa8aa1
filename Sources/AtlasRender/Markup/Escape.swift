import Foundation

/// The one place where text from data files is escaped, for every place it
/// lands: HTML and SVG text, attribute values, CSV fields.
public enum Escape {
    /// Element content in HTML or SVG (XML): & < > become entities. Quotes are
    /// escaped too, so that the same text is safe in attributes; `]]>` cannot
    /// survive because `>` is escaped.
    public static func html(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// An attribute value in double quotes (HTML or SVG).
    public static func attribute(_ s: String) -> String { html(s) }

    /// A CSV field (RFC 4180): quoted if it holds the separator, a quote or a line
    /// break, with quotes doubled. A field that a spreadsheet would run as a
    /// formula (=, +, -, @ at the start, followed by more than a number) gets a
    /// leading apostrophe, so that opening the download in Excel runs nothing.
    public static func csv(_ s: String, separator: Character = ",") -> String {
        var field = s
        if let first = field.first, "=+-@".contains(first), Double(field) == nil {
            field = "'" + field
        }
        if field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r") {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}
