import AtlasCore
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The DCAT-AP.de catalogue (RDF/XML) of the atlas: one dataset per indicator
/// and one per distribution key, each with titles and descriptions in every
/// language, publisher, licence URI, spatial and temporal coverage, the
/// modification date from the Datenstand and its distributions (download URL,
/// media type). Written with FoundationXML (libxml2), which escapes the text.
enum DCATCatalog {
    static let ns: [(String, String)] = [
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("dcat", "http://www.w3.org/ns/dcat#"),
        ("dct", "http://purl.org/dc/terms/"), ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("dcatde", "http://dcat-ap.de/def/dcatde/"), ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ]
    static let germany = "http://publications.europa.eu/resource/authority/country/DEU"
    static let regionTheme = "http://publications.europa.eu/resource/authority/data-theme/REGI"

    static func catalog(_ atlas: Atlas, base: String) -> String {
        let root = XMLElement(name: "rdf:RDF")
        for (prefix, uri) in ns {
            root.addNamespace(XMLNode.namespace(withName: prefix, stringValue: uri) as! XMLNode)
        }
        let catalog = element("dcat:Catalog", about: base + "dcat/catalog.rdf")
        for lang in atlas.definition.languages {
            catalog.addChild(text("dct:title", atlas.definition.title[lang], lang: lang))
            catalog.addChild(text("dct:description", atlas.definition.description[lang], lang: lang))
        }
        catalog.addChild(publisher(atlas.definition.title["de"]))
        catalog.addChild(resource("foaf:homepage", base + "index.html"))
        catalog.addChild(resource("dct:spatial", germany))
        for indicator in atlas.indicators {
            let values = RegionLevel.allCases.compactMap { atlas.values(indicator.id, level: $0) }
            let years = values.flatMap(\.years)
            let dataset = element("dcat:Dataset", about: base + "indikator/\(indicator.id)/index.html")
            for lang in atlas.definition.languages {
                dataset.addChild(text("dct:title", indicator.title[lang], lang: lang))
                dataset.addChild(text("dct:description", indicator.definition[lang], lang: lang))
            }
            dataset.addChild(text("dct:identifier", indicator.id))
            dataset.addChild(publisher(indicator.source.publisher["de"]))
            dataset.addChild(text("dcatde:contributorID", "standortatlas"))
            dataset.addChild(resource("dcat:theme", regionTheme))
            dataset.addChild(resource("dct:spatial", germany))
            if let lo = years.min(), let hi = years.max() { dataset.addChild(period(lo, hi)) }
            dataset.addChild(typed("dct:modified", indicator.source.datenstand, type: "date"))
            dataset.addChild(resource("dcat:landingPage", base + "indikator/\(indicator.id)/index.html"))
            let licence = atlas.definition.licences[indicator.source.licence.value]
            let licenceURI = licence?.dcat ?? licence?.url ?? ""
            dataset.addChild(
                distribution(
                    url: base + "daten/\(indicator.id).csv", page: base + "indikator/\(indicator.id)/index.html",
                    title: indicator.title["de"] + " (CSV)", licence: licenceURI, modified: indicator.source.datenstand))
            dataset.addChild(
                distribution(
                    url: base + "daten/\(indicator.id)-excel.csv", page: base + "indikator/\(indicator.id)/index.html",
                    title: indicator.title["de"] + " (CSV für Excel: Semikolon, Dezimalkomma)", licence: licenceURI,
                    modified: indicator.source.datenstand))
            // With Gemeinde pages, the Gemeinde figures are a download of their
            // own (written where the indicator also has Kreis or Land figures).
            if atlas.definition.regions[.gemeinde]?.pages == true, atlas.values(indicator.id, level: .gemeinde) != nil,
                atlas.values(indicator.id, level: .kreis) != nil || atlas.values(indicator.id, level: .land) != nil
            {
                dataset.addChild(
                    distribution(
                        url: base + "daten/gemeinden/\(indicator.id).csv", page: base + "indikator/\(indicator.id)/gemeinden/index.html",
                        title: indicator.title["de"] + ", Gemeinden (CSV)", licence: licenceURI, modified: indicator.source.datenstand))
            }
            if let a = indicator.source.attribution { dataset.addChild(text("dcatde:licenseAttributionByText", a)) }
            catalog.addChild(datasetLink(dataset))
        }
        for key in atlas.definition.keys {
            let dataset = element("dcat:Dataset", about: base + "schluessel/\(key.id)/index.html")
            for lang in atlas.definition.languages {
                dataset.addChild(text("dct:title", key.title[lang], lang: lang))
                dataset.addChild(text("dct:description", key.rationale[lang], lang: lang))
            }
            dataset.addChild(text("dct:identifier", key.id))
            dataset.addChild(text("owl:versionInfo", key.version, namespace: "http://www.w3.org/2002/07/owl#"))
            dataset.addChild(publisher(atlas.definition.title["de"]))
            dataset.addChild(text("dcatde:contributorID", "standortatlas"))
            dataset.addChild(resource("dcat:theme", regionTheme))
            dataset.addChild(resource("dct:spatial", germany))
            let modified = keyModified(key, atlas)
            dataset.addChild(typed("dct:modified", modified, type: "date"))
            dataset.addChild(resource("dcat:landingPage", base + "schluessel/\(key.id)/index.html"))
            dataset.addChild(
                distribution(
                    url: base + "daten/schluessel-\(key.id).csv", page: base + "schluessel/\(key.id)/index.html",
                    title: key.title["de"] + " (CSV)", licence: "http://dcat-ap.de/def/licenses/dl-by-de/2.0", modified: modified))
            dataset.addChild(
                distribution(
                    url: base + "daten/schluessel-\(key.id)-excel.csv", page: base + "schluessel/\(key.id)/index.html",
                    title: key.title["de"] + " (CSV für Excel: Semikolon, Dezimalkomma)", licence: "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
                    modified: modified))
            catalog.addChild(datasetLink(dataset))
        }
        root.addChild(catalog)
        let doc = XMLDocument(rootElement: root)
        doc.version = "1.0"
        doc.characterEncoding = "UTF-8"
        return String(decoding: doc.xmlData(options: [.nodePrettyPrint]), as: UTF8.self) + "\n"
    }

    /// A key changes when its inputs do: the latest Datenstand of its indicators.
    static func keyModified(_ key: KeyDefinition, _ atlas: Atlas) -> String {
        var ids: [String] = []
        switch key.kind {
        case .official(let indicator, _): ids = [indicator.value]
        case .composite(let parts): ids = parts.flatMap { [$0.indicator.value] + ($0.times.map { [$0.value] } ?? []) }
        }
        return atlas.indicators.filter { ids.contains($0.id) }.map(\.source.datenstand).max() ?? atlas.definition.gebietsstand
    }

    static func datasetLink(_ dataset: XMLElement) -> XMLElement {
        let e = XMLElement(name: "dcat:dataset")
        e.addChild(dataset)
        return e
    }

    static func element(_ name: String, about: String) -> XMLElement {
        let e = XMLElement(name: name)
        e.addAttribute(XMLNode.attribute(withName: "rdf:about", stringValue: about) as! XMLNode)
        return e
    }

    static func text(_ name: String, _ value: String, lang: String? = nil, namespace: String? = nil) -> XMLElement {
        let e = XMLElement(name: name, stringValue: value)
        if let namespace { e.addNamespace(XMLNode.namespace(withName: String(name.split(separator: ":")[0]), stringValue: namespace) as! XMLNode) }
        if let lang { e.addAttribute(XMLNode.attribute(withName: "xml:lang", stringValue: lang) as! XMLNode) }
        return e
    }

    static func typed(_ name: String, _ value: String, type: String) -> XMLElement {
        let e = XMLElement(name: name, stringValue: value)
        e.addAttribute(XMLNode.attribute(withName: "rdf:datatype", stringValue: "http://www.w3.org/2001/XMLSchema#\(type)") as! XMLNode)
        return e
    }

    static func resource(_ name: String, _ uri: String) -> XMLElement {
        let e = XMLElement(name: name)
        e.addAttribute(XMLNode.attribute(withName: "rdf:resource", stringValue: uri) as! XMLNode)
        return e
    }

    static func publisher(_ name: String) -> XMLElement {
        let p = XMLElement(name: "dct:publisher")
        let agent = XMLElement(name: "foaf:Agent")
        agent.addChild(text("foaf:name", name))
        p.addChild(agent)
        return p
    }

    static func period(_ from: Int, _ to: Int) -> XMLElement {
        let t = XMLElement(name: "dct:temporal")
        let p = XMLElement(name: "dct:PeriodOfTime")
        p.addChild(typed("dcat:startDate", "\(from)-01-01", type: "date"))
        p.addChild(typed("dcat:endDate", "\(to)-12-31", type: "date"))
        t.addChild(p)
        return t
    }

    static func distribution(url: String, page: String, title: String, licence: String, modified: String) -> XMLElement {
        let d = XMLElement(name: "dcat:distribution")
        let dist = element("dcat:Distribution", about: url)
        dist.addChild(text("dct:title", title))
        dist.addChild(resource("dcat:accessURL", page))
        dist.addChild(resource("dcat:downloadURL", url))
        dist.addChild(resource("dcat:mediaType", "https://www.iana.org/assignments/media-types/text/csv"))
        dist.addChild(resource("dct:format", "http://publications.europa.eu/resource/authority/file-type/CSV"))
        dist.addChild(resource("dct:license", licence))
        dist.addChild(typed("dct:modified", modified, type: "date"))
        d.addChild(dist)
        return d
    }
}
