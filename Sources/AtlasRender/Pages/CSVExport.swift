import AtlasCore
import AtlasDistribution

/// The download of one indicator: canonical codes (AGS, indicator id), the
/// name beside them, every year, the value in the plain form, and the status
/// in its own columns (never a 0 for a missing value). Text passes Escape.csv.
public enum CSVExport {
    static let header = "ags,name,indicator,year,value,symbol,status,flags,unit,coverage"

    /// A plain download (`,`, decimal point, CRLF) in the form German Excel
    /// opens as it stands: BOM, `;` between fields, decimal comma in numbers;
    /// the same cells. Fields are read back by the quoting rules `Escape.csv`
    /// writes them with. Byte by byte, not by Character: every indicator and
    /// every Steckbrief has its Excel file, and the Character loop with
    /// Foundation's `contains` was 40 % of a build's CPU (perf, benchmark
    /// atlas); the separators and quotes are ASCII, so UTF-8 names pass as
    /// they are.
    static func excel(_ plain: String) -> String {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        var plain = plain
        plain.withUTF8 { bytes in
            out.reserveCapacity(bytes.count + 16)
            let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
            var field: [UInt8] = []
            var i = 0
            while i < bytes.count {
                // One line: up to the next CRLF (empty lines are dropped).
                var end = i
                while end < bytes.count && !(bytes[end] == cr && end + 1 < bytes.count && bytes[end + 1] == lf) { end += 1 }
                if end > i {
                    var quoted = false, k = i, firstField = true
                    field.removeAll(keepingCapacity: true)
                    while k < end {
                        let c = bytes[k]
                        if quoted {
                            if c == quote {
                                // A doubled quote inside a quoted field, or its end.
                                if k + 1 < end && bytes[k + 1] == quote { field.append(quote); k += 1 } else { quoted = false }
                            } else {
                                field.append(c)
                            }
                        } else if c == quote {
                            quoted = true
                        } else if c == comma {
                            if !firstField { out.append(UInt8(ascii: ";")) }
                            appendExcelField(field, to: &out)
                            field.removeAll(keepingCapacity: true)
                            firstField = false
                        } else {
                            field.append(c)
                        }
                        k += 1
                    }
                    if !firstField { out.append(UInt8(ascii: ";")) }
                    appendExcelField(field, to: &out)
                    out.append(cr)
                    out.append(lf)
                }
                i = end + 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One cell in the Excel form: a plain decimal with a decimal comma,
    /// quoted where it holds ";", a quote or a line break.
    static func excelField(_ f: String) -> String {
        var out: [UInt8] = []
        appendExcelField(Array(f.utf8), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendExcelField(_ f: [UInt8], to out: inout [UInt8]) {
        let point = UInt8(ascii: "."), quote = UInt8(ascii: "\"")
        if ValueParser.isPlainDecimal(utf8: f) {
            for c in f { out.append(c == point ? UInt8(ascii: ",") : c) }
        } else if f.contains(where: { $0 == UInt8(ascii: ";") || $0 == quote || $0 == UInt8(ascii: "\n") }) {
            out.append(quote)
            for c in f {
                out.append(c)
                if c == quote { out.append(quote) }
            }
            out.append(quote)
        } else {
            out += f
        }
    }

    static func csv(_ f: IndicatorFacts, atlas: Atlas) -> String {
        var out = header + "\r\n"
        let unit = Escape.csv(f.indicator.unit["de"])
        for region in atlas.regions.list(f.level) {
            guard let series = f.values.series[region.code] else { continue }
            // The fields up to the year are the same in every row of the region.
            let lead = region.code + "," + Escape.csv(region.name) + "," + f.indicator.id + ","
            for year in series.keys.sorted() {
                row(&out, lead, year, series[year]!, unit: unit, coverage: f.values.coverage[region.code]?[year])
            }
        }
        for group in f.values.groups {
            let lead = OpenData.groupCode(group) + "," + Escape.csv(OpenData.groupName(group, atlas)) + "," + f.indicator.id + ","
            for year in group.series.keys.sorted() { row(&out, lead, year, group.series[year]!, unit: unit) }
        }
        return out
    }

    /// A key's persons per Land and per district (two stages) for N persons,
    /// as the compute stage worked them out.
    static func keyCSV(_ result: SiteFacts.KeyResult, german: Bool = false) -> String {
        keyCSV([("land", result.laender), ("kreis", result.kreise ?? [])], german: german)
    }

    /// The one layout of a key's result, for the site and `atlas key --format
    /// csv` alike: level, code, name, share (10 decimals), quota (6 decimals),
    /// persons. The German Excel form: BOM, ";", decimal comma.
    public static func keyCSV(_ sections: [(level: String, rows: [Distribution.Row])], german: Bool = false) -> String {
        let sep: Character = german ? ";" : ","
        func number(_ v: Double, _ places: Int) -> String {
            var s = String(format: "%.\(places)f", v)
            if s.contains(".") {
                while s.hasSuffix("0") { s.removeLast() }
                if s.hasSuffix(".") { s.removeLast() }
            }
            return german ? s.replacingOccurrences(of: ".", with: ",") : s
        }
        var out = (german ? "\u{FEFF}" : "") + ["level", "code", "name", "share", "quota", "persons"].joined(separator: String(sep)) + "\r\n"
        for (level, rows) in sections {
            for r in rows {
                out +=
                    [level, r.code, Escape.csv(r.name, separator: sep), number(r.share, 10), number(r.quota, 6), String(r.persons)]
                    .joined(separator: String(sep)) + "\r\n"
            }
        }
        return out
    }

    /// The directory with each offer's district and how it was placed.
    static func offersCSV(_ atlas: Atlas) -> String {
        var out =
            "name,kategorie,strasse,plz,ort,kreis_ags,kreis_name,zuordnung,website,sprachen,zielgruppen,geprueft_am,geprueft_von,quelle,lizenz\r\n"
        for o in atlas.offers {
            let kreis = atlas.regions.region(o.kreis, level: .kreis)?.name ?? ""
            out +=
                [
                    o.name, o.category, o.street, o.postcode, o.place, o.kreis, kreis, o.placement.rawValue, o.website ?? "",
                    o.languages.joined(separator: ", "), o.targetGroups.joined(separator: ", "), o.verifiedOn, o.verifiedBy, o.source,
                    o.licence ?? atlas.definition.offers?.licence.value ?? "",
                ]
                .map { Escape.csv($0) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The value, symbol and status columns of an observation, shared by every
    /// download: the value in the plain form, the symbol as written, the status as a word.
    /// `lead` + year,value,symbol,status,flags,unit and a line end, appended
    /// field by field (no array of fields to join: 700,000 rows per build).
    static func row(_ out: inout String, _ lead: String, _ year: Int, _ o: Observation, unit: String, coverage: Double? = nil) {
        let c = columns(o)
        out += lead
        out += String(year)
        out += ","
        out += c.value
        out += ","
        out += c.symbol
        out += ","
        out += c.status
        out += ","
        out += o.flags.letters
        out += ","
        out += unit
        out += ","
        if let coverage { out += ValueParser.plainNumber(coverageShare(coverage)) }
        out += "\r\n"
    }

    /// The share of the weight a partial aggregate covers, in the downloads:
    /// four decimals, floored (0.9999 rather than a rounded 1).
    static func coverageShare(_ c: Double) -> Double { (c * 10000).rounded(.down) / 10000 }

    static func columns(_ o: Observation) -> (value: String, symbol: String, status: String) {
        (
            o.value.map(ValueParser.plainNumber) ?? "",
            o.symbol.map { $0 == .blank ? "" : Escape.csv($0.spelling) } ?? "",
            status(o)
        )
    }

    /// The status column: value, restricted, or what a symbol means.
    static func status(_ o: Observation) -> String {
        o.symbol.map(statusWord) ?? (o.restricted ? "restricted" : "value")
    }

    static func statusWord(_ s: Symbol) -> String {
        switch s {
        case .nothing: "nothing"
        case .later: "later"
        case .uncertain: "uncertain"
        case .unknownOrSecret: "unknown_or_secret"
        case .locked: "locked"
        case .anonymised: "anonymised"
        case .blank: "not_given"
        }
    }
}
