import Foundation
import AtlasNumerics

/// Charts as static SVG inside a `<figure>`: a caption, `role="img"` with a
/// `<title>` and a `<desc>` sentence naming the key facts, and the data table
/// behind the chart in a `<details>` right below it (all but a Steckbrief
/// card's histogram: see `Histogram.table`). Colours come from the
/// Okabe–Ito palette (colour-blind safe, ≥ 3:1 against white); what a colour
/// means is always said a second way (a label, a pattern, a line width).
public enum Chart {
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let grey = "#767676"

    /// One SVG number: at most one decimal, no "-0", no exponent. Integer
    /// arithmetic, not String(format:): it runs for every point of every chart.
    static func n(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        if tenths % 10 == 0 { return String(tenths / 10) }
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return sign + String(a / 10) + "." + String(a % 10)
    }

    /// The width of a text in a chart (11 px), estimated generously: charts
    /// are laid out on the server, without the reader's font, so margins and
    /// positions leave room for a wide sans-serif (DejaVu Sans, what a Linux
    /// browser falls back to). A test measures the rendered boxes in Chromium.
    static func textWidth(_ text: String, bold: Bool = false) -> Double {
        var w = 0.0
        for c in text.unicodeScalars {
            switch c {
            case " ", "\u{202F}", "\u{00A0}", ".", ",", ":", ";", "i", "l", "j", "'", "|", "(", ")": w += 3.6
            case "m", "w", "M", "W", "—", "…": w += 9.8
            case "A"..."Z", "Ä", "Ö", "Ü", "0"..."9", "−", "+", "%", "€": w += 7.4
            default: w += 6.6
            }
        }
        return bold ? w * 1.18 : w
    }

    /// A text shortened with "…" to fit `width` (the full text is in the table).
    static func fitted(_ text: String, width: Double, bold: Bool = false) -> String {
        guard textWidth(text, bold: bold) > width else { return text }
        var t = text
        while !t.isEmpty && textWidth(t + "…", bold: bold) > width { t.removeLast() }
        return t.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// The figure around an SVG: caption, the SVG (title + desc), and the table.
    /// Written straight into one string (the markup HTML.element would give):
    /// two of these on every Steckbrief card.
    static func figure(
        id: String, caption: String, description: String, width: Int, height: Int, body: HTML, table: HTML?,
        tableSummary: String, className: String
    ) -> HTML {
        let id = Escape.attribute(id)
        let caption = Escape.html(caption)
        var s = ""
        s.reserveCapacity(body.raw.utf8.count + (table?.raw.utf8.count ?? 0) + 2 * caption.utf8.count + description.utf8.count + 500)
        // figcaption must be the first or last child of a figure.
        s += "<figure class=\""; s += Escape.attribute(className); s += "\" id=\""; s += id; s += "\"><figcaption>"
        s += caption; s += "</figcaption>"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "; s += String(width); s += " "; s += String(height)
        s += "\" width=\""; s += String(width); s += "\" height=\""; s += String(height)
        s += "\" role=\"img\" aria-labelledby=\""; s += id; s += "-t "; s += id; s += "-d\" class=\"chart\">"
        s += "<title id=\""; s += id; s += "-t\">"; s += caption; s += "</title>"
        s += "<desc id=\""; s += id; s += "-d\">"; s += Escape.html(description); s += "</desc>"
        s += body.raw; s += "</svg>"
        if let table {
            s += "<details class=\"chart-data\"><summary>"; s += Escape.html(tableSummary); s += "</summary>"
            s += table.raw; s += "</details>"
        }
        s += "</figure>"
        return HTML.trusted(s)
    }

    /// A simple data table: a caption, header cells, rows of cells (first cell is a row header).
    /// Written straight into one string (the same markup `HTML.element` would
    /// give): every chart has one, about 40,000 per build, and building each
    /// cell as its own element was an eighth of the build.
    static func table(caption: String, headers: [String], rows: [[HTML]], numericFrom: Int = 1) -> HTML {
        var size = 0
        for cells in rows {
            size += 9
            for c in cells { size += c.raw.utf8.count + 24 }
        }
        var s = ""
        s.reserveCapacity(size)
        for cells in rows {
            s += "<tr>"
            for (i, c) in cells.enumerated() {
                if i == 0 {
                    s += "<th scope=\"row\">"
                    s += c.raw
                    s += "</th>"
                } else {
                    s += i >= numericFrom ? "<td class=\"num\">" : "<td>"
                    s += c.raw
                    s += "</td>"
                }
            }
            s += "</tr>"
        }
        return table(caption: caption, headers: headers, body: s, numericFrom: numericFrom)
    }

    /// The same with the body rows already written (`<tr>…</tr>` each).
    static func table(caption: String, headers: [String], body: String, numericFrom: Int = 1) -> HTML {
        var s = ""
        s.reserveCapacity(body.utf8.count + caption.utf8.count + 80 + headers.reduce(0) { $0 + $1.utf8.count + 30 })
        s += "<table class=\"data\"><caption>"
        s += Escape.html(caption)
        s += "</caption><thead><tr>"
        for (i, h) in headers.enumerated() {
            s += i >= numericFrom ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"
            s += Escape.html(h)
            s += "</th>"
        }
        s += "</tr></thead><tbody>"
        s += body
        s += "</tbody></table>"
        return HTML.trusted(s)
    }

    /// Nice round axis bounds and steps covering lo…hi (about `count` ticks).
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 4) -> [Double] {
        var lo = lo, hi = hi
        if lo == hi {
            lo -= lo == 0 ? 1 : abs(lo) * 0.1
            hi += hi == 0 ? 1 : abs(hi) * 0.1
        }
        let raw = (hi - lo) / Double(max(1, count))
        let mag = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        let start = (lo / step).rounded(.down) * step
        var out: [Double] = []
        var t = start
        while t <= hi + step * 0.5 && out.count < 12 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        if let last = out.last, last < hi { out.append(last + step) }
        return out
    }
}
