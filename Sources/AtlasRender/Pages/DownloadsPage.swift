import AtlasCore
import Foundation

/// Every download of the site (issue 17, item 7): what it holds, its size,
/// its columns (a CSV's header line) and its licence. Made after all files
/// are written, from their recorded sizes and first lines.
extension PageRenderer {
    func downloadsPage(_ files: [(path: String, size: Int, header: String?)]) -> Page {
        let page = "daten/index.html"
        let full = path(page)
        let indicators = Dictionary(uniqueKeysWithValues: atlas.indicators.map { ($0.id, $0) })
        let keys = Dictionary(uniqueKeysWithValues: atlas.definition.keys.map { ($0.id, $0) })
        func licence(_ id: String) -> (String, String?) {
            atlas.definition.licences[id].map { ($0.name, $0.url) } ?? (id, nil)
        }
        var rows: [DownloadsModel.Row] = []
        for file in files where (file.path.hasPrefix("daten/") || file.path.hasPrefix("dcat/")) && !file.path.hasSuffix(".html") {
            let name = String(file.path.split(separator: "/").last ?? "")
            let stem = name.replacingOccurrences(of: ".csv", with: "")
            var content = ""
            var lic: (String, String?) = (s["downloads.licence_sources"], nil)
            if file.path.hasPrefix("daten/kreise/") {
                // One district's two files stand for all 400 (the same columns).
                let code = stem.replacingOccurrences(of: "-excel", with: "")
                guard code == atlas.regions.list(.kreis).first?.code, let k = atlas.regions.region(code, level: .kreis) else { continue }
                content = s(stem.hasSuffix("-excel") ? "downloads.kreis_excel" : "downloads.kreis", k.name, String(atlas.regions.list(.kreis).count))
            } else if file.path == "daten/atlas.csv" || file.path == "daten/atlas.json" {
                content = s["downloads.atlas"]
            } else if file.path == "daten/atlas-excel.csv" {
                content = s["downloads.atlas_excel"]
            } else if file.path.hasPrefix("daten/gemeinden/"), let i = indicators[stem] {
                content = s("downloads.gemeinden", i.title[lang])
                lic = licence(i.source.licence.value)
            } else if let i = indicators[stem] {
                content = s("downloads.indicator", i.title[lang])
                lic = licence(i.source.licence.value)
            } else if stem.hasSuffix("-excel"), let i = indicators[String(stem.dropLast(6))] {
                content = s("downloads.indicator_excel", i.title[lang])
                lic = licence(i.source.licence.value)
            } else if stem.hasPrefix("schluessel-"), let k = keys[String(stem.dropFirst(11).replacingOccurrences(of: "-excel", with: ""))] {
                content = s(stem.hasSuffix("-excel") ? "downloads.key_excel" : "downloads.key", k.title[lang])
            } else if stem.hasPrefix("kapazitaet-"), let k = keys[String(stem.dropFirst(11))] {
                content = s("downloads.capacity", k.title[lang])
            } else if name == "schluessel-komponenten.json" {
                content = s["downloads.components"]
            } else if name == "angebotsverzeichnis.csv", let offers = atlas.definition.offers {
                content = s["downloads.offers"]
                lic = licence(offers.licence.value)
            } else if name == "suche.json" {
                content = s["downloads.search"]
            } else if name == "catalog.rdf" {
                content = s["downloads.dcat"]
            } else {
                continue
            }
            let size =
                file.size >= 1_000_000
                ? display.number(Double(file.size) / 1_000_000, decimals: 1) + "\u{00A0}MB"
                : display.number(max(0.1, Double(file.size) / 1000), decimals: 1) + "\u{00A0}KB"
            let columns = file.header.map { $0.replacingOccurrences(of: ";", with: "; ").replacingOccurrences(of: ",", with: ", ") } ?? "–"
            rows.append(
                DownloadsModel.Row(
                    href: HTML(text: link(from: full, to: file.path)), file: HTML(text: file.path), content: HTML(text: content),
                    size: HTML(text: size), columns: HTML(text: columns), licence: HTML(text: lic.0), licenceHref: lic.1.map { HTML(text: $0) }))
        }
        let title = s["downloads.title"]
        return Page(
            path: page, title: title, description: s["downloads.lead"],
            model: DownloadsModel(
                title: HTML(text: title), lead: HTML(text: s["downloads.lead"]), caption: HTML(text: s("downloads.caption", String(rows.count))),
                sFile: HTML(text: s["downloads.file"]), sContent: HTML(text: s["downloads.content"]), sSize: HTML(text: s["downloads.size"]),
                sColumns: HTML(text: s["downloads.columns"]), sLicence: HTML(text: s["downloads.licence"]), rows: rows),
            section: "",
            breadcrumbs: [(s["nav.home"], "index.html"), (title, nil)])
    }
}
