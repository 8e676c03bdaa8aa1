import AtlasCore
import Foundation

/// The site's plumbing and open data: sitemap, robots.txt, the 404 page,
/// build-info.json and the whole atlas as one long CSV and as JSON.
enum OpenData {
    /// Every page once, as an absolute URL (404.html left out).
    static func sitemap(paths: [String], base: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for p in paths.sorted() where p.hasSuffix(".html") && p != "404.html" {
            out += "<url><loc>\(Escape.html(base + p))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    static func robots(base: String) -> String {
        "User-agent: *\nAllow: /\nSitemap: \(base)sitemap.xml\n"
    }

    /// Version, Datenstand and the hash of every input: no wall-clock time, so
    /// two builds of the same input write the same bytes.
    static func buildInfo(_ atlas: Atlas, inputs: [String: String], version: String) -> String {
        let datenstand = atlas.indicators.map(\.source.datenstand).max() ?? ""
        var out = "{\n  \"generator\": \"Standortatlas\",\n  \"version\": \(json(version)),\n"
        out += "  \"gebietsstand\": \(json(atlas.definition.gebietsstand)),\n  \"datenstand\": \(json(datenstand)),\n"
        out += "  \"hash\": \"\(ContentHash.name)\",\n  \"inputs\": {\n"
        out += inputs.sorted { $0.key < $1.key }.map { "    \(json($0.key)): \(json($0.value))" }.joined(separator: ",\n")
        return out + "\n  }\n}\n"
    }

    /// The whole atlas, long: one row per region, indicator and year.
    static let atlasCSVHeader = "level,code,name,indicator,year,value,symbol,status,flags,unit,coverage"

    /// The two forms of the whole atlas: the plain CSV (",", decimal point)
    /// and the German Excel form (BOM, ";", decimal comma) with the same cells
    /// `CSVExport.excel` would make of the plain one, written directly: the
    /// file is 20 MB, and reading it back to convert it was a second pass.
    struct Form: Sendable {
        let separator: UInt8
        let excel: Bool
        static let plain = Form(separator: UInt8(ascii: ","), excel: false)
        static let excel = Form(separator: UInt8(ascii: ";"), excel: true)

        func field(_ s: String) -> String { excel ? CSVExport.excelField(s) : Escape.csv(s) }

        func number(_ v: Double, into b: inout [UInt8]) {
            let start = b.count
            ValueParser.plainNumber(v, into: &b)
            if excel { for i in start..<b.count where b[i] == UInt8(ascii: ".") { b[i] = UInt8(ascii: ",") } }
        }
    }

    static func atlasCSV(_ atlas: Atlas, form: Form = .plain, into out: ChunkedText) {
        let sep = String(UnicodeScalar(form.separator))
        out += (form.excel ? "\u{FEFF}" : "") + atlasCSVHeader.replacingOccurrences(of: ",", with: sep) + "\r\n"
        // "level,code,name," of every region once, for all indicators.
        let leads = regionLeads(atlas) { level, region in level.rawValue + sep + form.field(region.code) + sep + form.field(region.name) + sep }
        for indicator in atlas.indicators { atlasCSVRows(atlas, indicator, form: form, leads: leads, into: out) }
    }

    static func atlasCSVRows(_ atlas: Atlas, _ indicator: Indicator, form: Form, leads: [RegionLevel: [[UInt8]]], into out: ChunkedText) {
        let sep = form.separator
        let id = Array(form.field(indicator.id).utf8) + [sep]
        let unit = [sep] + Array(form.field(indicator.unit["de"]).utf8) + [sep]
        let groupLead = { (g: IndicatorValues.Group) in
            Array("reporting_unit".utf8) + [sep] + Array(form.field(groupCode(g)).utf8) + [sep] + Array(form.field(groupName(g, atlas)).utf8) + [sep]
        }
        eachFigure(atlas, indicator, leads: leads, groupLead: groupLead, into: out) { b, lead, year, o, coverage in
            b += lead
            b += id
            ValueParser.appendDigits(Int64(year), decimals: 0, into: &b)
            b.append(sep)
            if let v = o.value { form.number(v, into: &b) }
            b.append(sep)
            if let symbol = o.symbol, symbol != .blank { b += form.field(symbol.spelling).utf8 }
            b.append(sep)
            b += CSVExport.status(o).utf8
            b.append(sep)
            if !o.flags.isEmpty { b += o.flags.letters.utf8 }
            b += unit
            if let coverage { form.number(CSVExport.coverageShare(coverage), into: &b) }
            b += "\r\n".utf8
        }
    }

    /// Every figure of an indicator, level by level in region order and year
    /// by year, with its region's prefix from `leads`; written a region at a
    /// time into `out` (the two long downloads).
    static func eachFigure(
        _ atlas: Atlas, _ indicator: Indicator, leads: [RegionLevel: [[UInt8]]], groupLead: (IndicatorValues.Group) -> [UInt8],
        into out: ChunkedText, _ row: (inout [UInt8], [UInt8], Int, Observation, Double?) -> Void
    ) {
        for level in RegionLevel.allCases {
            guard let values = atlas.values(indicator.id, level: level), let levelLeads = leads[level] else { continue }
            for (r, region) in atlas.regions.list(level).enumerated() {
                guard let series = values.series[region.code] else { continue }
                let lead = levelLeads[r]
                let coverage = values.coverage[region.code]
                out.write { b in
                    for year in series.keys.sorted() { row(&b, lead, year, series[year]!, coverage?[year]) }
                }
            }
            // Reporting units after the Kreise, as their own level.
            for group in values.groups {
                let lead = groupLead(group)
                out.write { b in
                    for year in group.series.keys.sorted() { row(&b, lead, year, group.series[year]!, nil) }
                }
            }
        }
    }

    /// A reporting unit in the downloads: level `reporting_unit`, the keys of
    /// all its Kreise joined by "+", so no one reads it as one Kreis's figure.
    static func groupCode(_ group: IndicatorValues.Group) -> String { group.covers.joined(separator: "+") }

    static func groupName(_ group: IndicatorValues.Group, _ atlas: Atlas) -> String {
        group.covers.compactMap { atlas.regions.region($0, level: .kreis)?.name }.joined(separator: " + ")
    }

    static let comma = UInt8(ascii: ",")

    /// A prefix per region of each level, by position in the region list.
    static func regionLeads(_ atlas: Atlas, _ lead: (RegionLevel, Region) -> String) -> [RegionLevel: [[UInt8]]] {
        var out: [RegionLevel: [[UInt8]]] = [:]
        for level in RegionLevel.allCases { out[level] = atlas.regions.list(level).map { Array(lead(level, $0).utf8) } }
        return out
    }

    /// The same as JSON: indicators with their metadata and values per level.
    static func atlasJSON(_ atlas: Atlas, lang: String, into out: ChunkedText) {
        out +=
            "{\n  \"title\": \(json(atlas.definition.title[lang])),\n  \"gebietsstand\": \(json(atlas.definition.gebietsstand)),\n  \"indicators\": [\n"
        let leads = regionLeads(atlas) { level, region in "{\"level\": \"" + level.rawValue + "\", \"code\": " + json(region.code) + ", \"year\": " }
        for (n, indicator) in atlas.indicators.enumerated() {
            if n > 0 { out += ",\n" }
            atlasJSONItem(atlas, indicator, leads: leads, into: out)
        }
        out += "\n  ]\n}\n"
    }

    static func atlasJSONItem(_ atlas: Atlas, _ indicator: Indicator, leads: [RegionLevel: [[UInt8]]], into out: ChunkedText) {
        var item =
            "    {\"id\": \(json(indicator.id)), \"title\": {\(atlas.definition.languages.map { "\(json($0)): \(json(indicator.title[$0]))" }.joined(separator: ", "))}, "
        item +=
            "\"unit\": \(json(indicator.unit["de"])), \"licence\": \(json(indicator.source.licence.value)), \"datenstand\": \(json(indicator.source.datenstand)), \"values\": ["
        out += item
        var first = true
        let groupLead = { (g: IndicatorValues.Group) in
            Array(("{\"level\": \"reporting_unit\", \"code\": " + json(groupCode(g)) + ", \"year\": ").utf8)
        }
        eachFigure(atlas, indicator, leads: leads, groupLead: groupLead, into: out) { b, lead, year, o, coverage in
            if !first { b += ", ".utf8 }
            first = false
            b += lead
            ValueParser.appendDigits(Int64(year), decimals: 0, into: &b)
            b += ", \"value\": ".utf8
            if let v = o.value { ValueParser.plainNumber(v, into: &b) } else { b += "null".utf8 }
            b += ", \"status\": \"".utf8
            b += CSVExport.status(o).utf8
            b.append(UInt8(ascii: "\""))
            if !o.flags.isEmpty {
                b += ", \"flags\": \"".utf8
                b += o.flags.letters.utf8
                b.append(UInt8(ascii: "\""))
            }
            if let coverage {
                b += ", \"coverage\": ".utf8
                ValueParser.plainNumber(CSVExport.coverageShare(coverage), into: &b)
            }
            b.append(UInt8(ascii: "}"))
        }
        out += "]}"
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // safe inside <script> too
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
