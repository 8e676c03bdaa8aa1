import AtlasCore
import AtlasTestSupport
import Foundation
import Testing

/// The distribution keys as a reader finds them on the real site (built
/// once by RealSiteTests): reachable by links from the start page, side by
/// side on the overview, and on every Steckbrief.
@Suite(.serialized) struct KeyLabTests {
    static var output: URL { RealSiteTests.output }

    /// Every file reached by following `href`s from `index.html` (pages are
    /// read for more links; other files are only collected).
    static func crawl(_ root: URL) -> Set<String> {
        let link = try! NSRegularExpression(pattern: ##"<a\b[^>]*\shref="([^"#?]+)""##)
        var seen: Set<String> = ["index.html"]
        var queue = ["index.html"]
        while let page = queue.popLast() {
            let html = Paths.text(root, page)
            let folder = page.contains("/") ? String(page[..<page.lastIndex(of: "/")!]) : ""
            for m in link.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let href = String(html[Range(m.range(at: 1), in: html)!])
                guard !href.contains(":") else { continue }  // another site, mailto:
                var target = Path.join(folder, href)
                if target.hasSuffix("/") || !target.contains(".") { target += "/index.html" }
                guard !seen.contains(target), FileManager.default.fileExists(atPath: root.appendingPathComponent(target).path) else { continue }
                seen.insert(target)
                if target.hasSuffix(".html") { queue.append(target) }
            }
        }
        return seen
    }

    @Test func everyKeyPageAndDownloadIsReachableFromTheStartPage() throws {
        let reached = Self.crawl(Self.output)
        let keys = try FileManager.default.contentsOfDirectory(atPath: Paths.repository.appendingPathComponent("Data/keys").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(keys.count >= 10)
        for key in keys {
            #expect(reached.contains("schluessel/\(key)/index.html"), "\(key): page not reached")
            #expect(reached.contains("daten/schluessel-\(key).csv"), "\(key): download not reached")
        }
    }

    @Test func overviewShowsEveryScenarioAndSteckbriefTheDistrictsShare() {
        let overview = Paths.text(Self.output, "schluessel/index.html")
        #expect(overview.contains("<h2 id=\"szenarien\">Alle Szenarien nebeneinander</h2>"))
        // 16 Länder and the total under every key: each key's column sums to N.
        #expect(overview.contains("<th scope=\"row\">Summe</th>"))
        let total = overview.components(separatedBy: "<th scope=\"row\">Summe</th>")[1].components(separatedBy: "</tr>")[0]
        #expect(total.components(separatedBy: "329\u{202F}120").count - 1 == 10, "every key distributes all 329,120 persons")
        let steckbrief = Paths.text(Self.output, "kreis/09162/index.html")
        #expect(steckbrief.contains("<h2 id=\"schluessel\">Verteilungsschlüssel</h2>"))
        #expect(steckbrief.contains("<a href=\"../../schluessel/aufnahmekapazitaet/index.html\">"))
    }

    /// The key download in both forms: the plain one (the layout of `atlas
    /// key --format csv`) and the German Excel one, cell for cell the same.
    @Test func keyDownloadsInThePlainAndTheExcelForm() throws {
        let plain = Paths.text(Self.output, "daten/schluessel-aufnahmekapazitaet.csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let excelBytes = try Data(contentsOf: Self.output.appendingPathComponent("daten/schluessel-aufnahmekapazitaet-excel.csv"))
        #expect(excelBytes.starts(with: [0xEF, 0xBB, 0xBF]), "Excel needs the BOM to read UTF-8")
        let excel = String(decoding: excelBytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(plain.first == "level,code,name,share,quota,persons")
        #expect(excel.first == "level;code;name;share;quota;persons")
        #expect(plain.count == 1 + 16 + 400 && excel.count == plain.count)
        // Same cells: the names in quotes where they hold the separator, numbers with a decimal comma.
        func cells(_ line: String, _ sep: Character) -> [String] {
            var out: [String] = [], field = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == sep && !quoted { out.append(field); field = "" } else { field.append(c) }
            }
            return out + [field]
        }
        for (a, b) in zip(plain, excel).dropFirst() {
            var german = cells(b, ";")
            for k in [3, 4] where k < german.count { german[k] = german[k].replacingOccurrences(of: ",", with: ".") }
            #expect(cells(a, ",") == german, "\(a) | \(b)")
        }
    }
}
