import Foundation

/// The one place where text from data files is escaped, for every place it
/// lands: HTML and SVG text, attribute values, CSV fields.
public enum Escape {
    /// Element content in HTML or SVG (XML): & < > become entities. Quotes are
    /// escaped too, so that the same text is safe in attributes; `]]>` cannot
    /// survive because `>` is escaped.
    public static func html(_ s: String) -> String {
        guard needsEscaping(s) else { return s }
        // Byte by byte: the five characters are ASCII, so no multi-byte
        // sequence is ever split.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 24)
        for b in s.utf8 {
            switch b {
            case 0x26: bytes.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case 0x3C: bytes.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case 0x3E: bytes.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case 0x22: bytes.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case 0x27: bytes.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `s` holds & < > " or '. Most texts do not, and this runs for
    /// every text and attribute of every page: a byte loop over the string's
    /// contiguous UTF-8 where it has one.
    static func needsEscaping(_ s: String) -> Bool {
        func special(_ b: UInt8) -> Bool { b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 }
        if let found = s.utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) { return found }
        return s.utf8.contains(where: special)
    }

    /// An attribute value in double quotes (HTML or SVG).
    public static func attribute(_ s: String) -> String { html(s) }

    /// A signed decimal number as the downloads write it: "-1.5", "-1,5",
    /// "+3". Not Double(_:), which takes "-nan(XS19)", "-inf" and "-0x1p3" for
    /// numbers and so let such a cell past the formula guard.
    static func isNumeral(_ s: String) -> Bool {
        var digits = 0
        var marks = 0
        for (k, c) in s.utf8.enumerated() {
            switch c {
            case 0x30...0x39: digits += 1
            case 0x2B,
                0x2D where k == 0:
                continue
            case 0x2C,
                0x2E where digits > 0:
                marks += 1
            default: return false
            }
        }
        return digits > 0 && marks <= 1 && s.utf8.last.map { $0 >= 0x30 && $0 <= 0x39 } == true
    }

    /// A CSV field (RFC 4180): quoted if it holds the separator, a quote or a line
    /// break, with quotes doubled. A field that a spreadsheet would run as a
    /// formula (=, +, -, @ at the start, followed by more than a number) gets a
    /// leading apostrophe, so that opening the download in Excel runs nothing.
    public static func csv(_ s: String, separator: Character = ",") -> String {
        var field = s
        if let first = field.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40, !isNumeral(field) {
            field = "'" + field
        }
        // A byte scan, not Foundation's contains(_:): it runs for every cell of
        // every download (about 700,000 per build).
        let sep = separator.asciiValue ?? 0
        func special(_ b: UInt8) -> Bool { b == sep || b == 0x22 || b == 0x0A || b == 0x0D }
        let quote =
            field.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? field.utf8.contains(where: special)
        guard quote || (separator.asciiValue == nil && field.contains(separator)) else { return field }
        var out = "\""
        out.reserveCapacity(field.utf8.count + 4)
        for c in field.unicodeScalars {
            if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
        }
        return out + "\""
    }
}
