import AtlasCore
import AtlasGeo
import AtlasNumerics

/// Choropleth maps of the districts and the locator map of a Steckbrief.
/// A map is a figure with a description, a legend in text, and the ranking
/// table on the same page as its text alternative. On the large map of a
/// page (`from:` its path) every district is a link to its Steckbrief, named
/// once by the link's `<title>`: name and value (issue 17, item 5), reachable
/// by keyboard; the svg then has no role="img" (an image's parts are hidden
/// from assistive technology). Small multiples stay images, without a title
/// per district.
extension PageRenderer {
    struct MapClasses {
        var breaks: [Double]
        var colours: [String]
        /// A class that holds exactly 0 (whole differences), labelled "±0".
        var zeroClass: Int? = nil
    }

    func mapClasses(_ f: IndicatorFacts) -> MapClasses? {
        let values = f.latestFigures()
        guard !values.isEmpty else { return nil }
        let style = f.indicator.map
        let method = Classify.Method(rawValue: style.classes.rawValue) ?? .quantiles
        var breaks = Classify.breaks(values, classes: style.count, method: method)
        var low = 0
        if style.palette == .diverging, let mid = style.midpoint {
            if !breaks.contains(mid), let lo = values.min(), let hi = values.max(), mid > lo, mid < hi {
                breaks.append(mid)
                breaks.sort()
            }
            low = breaks.filter { $0 <= mid }.count
        }
        let colours = Palette.colours(count: breaks.count + 1, diverging: style.palette == .diverging, lowCount: low)
        return MapClasses(breaks: breaks, colours: colours)
    }

    func choropleth(
        _ f: IndicatorFacts, year: Int, classes: MapClasses, layer: MapLayer, borders: String, id: String, caption: String,
        legend: Bool, alternative: String? = "#rangliste", from page: String? = nil, titles: Bool = true
    ) -> HTML {
        let i = f.indicator
        var data: [String: (value: Double?, label: String)] = [:]
        for kreis in atlas.regions.list(.kreis) {
            let obs = f.values.observation(kreis.code, year: year)
            data[kreis.code] = (obs?.value, "\(kreis.name): \(display.text(obs, decimals: i.decimals))\(obs?.hasValue == true ? " " + unit(i) : "")")
        }
        return districtMap(
            data: data, classes: classes, layer: layer, borders: borders, id: id, caption: caption, legend: legend,
            decimals: i.decimals, unitText: unit(i), year: String(year), alternative: alternative, from: page, titles: titles)
    }

    /// A map of the districts from a value and a label per district.
    func districtMap(
        data: [String: (value: Double?, label: String)], classes: MapClasses, layer: MapLayer, borders: String, id: String,
        caption: String, legend: Bool, decimals: Int, unitText: String, year: String, alternative: String?, from page: String? = nil,
        level: RegionLevel = .kreis, titles: Bool = true
    ) -> HTML {
        var groups = [[HTML]](repeating: [], count: classes.colours.count)
        var noData: [HTML] = []
        var counts = [Int](repeating: 0, count: classes.colours.count)
        // A Land is drawn as its districts' shapes in one path (even-odd: a
        // city in a Landkreis's hole is covered three times, so filled).
        var shapes = layer.paths
        if level == .land {
            shapes = [:]
            for kreis in atlas.regions.list(.kreis) { shapes[kreis.parent ?? "", default: ""] += layer.paths[kreis.code] ?? "" }
        }
        for region in atlas.regions.list(level) {
            guard let d = shapes[region.code], !d.isEmpty else { continue }
            let entry = data[region.code]
            let label = entry?.label ?? region.name
            // A linked district is named once, by a title of its link (name
            // and value: the accessible name and the tooltip); a small multiple
            // is one image (role=img) whose parts' names would be hidden from
            // assistive technology and only add weight.
            let path: HTML
            if let page {
                let target = level == .land ? "land/\(region.code)/index.html" : "kreis/\(region.code)/index.html"
                path = HTML.element(
                    "a", ["href": link(from: page, to: self.path(target))], HTML.element("title", [:], HTML(text: label)),
                    HTML.empty("path", ["d": d]))
            } else if titles {
                path = HTML.element("path", ["d": d], HTML.element("title", [:], HTML(text: label)))
            } else {
                path = HTML.empty("path", ["d": d])
            }
            if let v = entry?.value {
                let c = min(Classify.classIndex(v, breaks: classes.breaks), classes.colours.count - 1)
                groups[c].append(path)
                counts[c] += 1
            } else {
                noData.append(path)
            }
        }
        var body = HTML.element(
            "defs", [:],
            HTML.element(
                "pattern", ["id": "\(id)-nd", "width": "4", "height": "4", "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)"],
                HTML.empty("rect", ["width": "4", "height": "4", "fill": "#ffffff"]),
                HTML.empty("line", ["x1": "0", "y1": "0", "x2": "0", "y2": "4", "stroke": "#595959", "stroke-width": "1.5"])))
        var districts = HTML.empty
        for (c, paths) in groups.enumerated() where !paths.isEmpty {
            districts += HTML.element("g", ["fill": classes.colours[c]], joined: paths)
        }
        if !noData.isEmpty { districts += HTML.element("g", ["fill": "url(#\(id)-nd)"], joined: noData) }
        body += HTML.element("g", ["class": "districts"], districts)
        body += HTML.empty("path", ["class": "land-borders", "d": borders])

        let fmt = { (v: Double) in display.number(v, decimals: decimals) }
        var labels: [String] = []
        for c in 0..<classes.colours.count {
            if c == 0 {
                labels.append(s("map.class.first", classes.breaks.first.map(fmt) ?? "–"))
            } else if c == classes.colours.count - 1 {
                labels.append(s("map.class.last", fmt(classes.breaks[c - 1])))
            } else {
                labels.append(s("map.class.mid", fmt(classes.breaks[c - 1]), fmt(classes.breaks[c])))
            }
        }
        if classes.breaks.isEmpty { labels = [s["map.class.all"]] }
        if let z = classes.zeroClass { labels[z] = s["map.class.zero"] }
        let laender = level == .land
        let desc = s(
            laender ? "map.desc_laender" : "map.desc", year, String(counts.reduce(0, +)), labels.first ?? "", labels.last ?? "", String(noData.count))
        // An image hides its parts; a map of links keeps the svg's own role (a graphics document).
        let svg = HTML.element(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(layer.width) \(layer.height)",
                "width": String(layer.width), "height": String(layer.height), "role": page == nil ? "img" : nil,
                "aria-labelledby": "\(id)-t \(id)-d", "class": (page == nil ? "map" : "map linked") + (laender ? " laender" : ""),
            ],
            HTML.element("title", ["id": "\(id)-t"], HTML(text: caption)),
            HTML.element("desc", ["id": "\(id)-d"], HTML(text: desc)),
            body)
        var items: [HTML] = []
        if legend {
            for c in 0..<classes.colours.count {
                items.append(
                    HTML.element(
                        "li", [:], HTML.element("span", ["class": "swatch", "style": "background:\(classes.colours[c])"], .empty),
                        HTML(text: "\(labels[c]) \(unitText) " + s(laender ? "map.count_laender" : "map.count", String(counts[c])))))
            }
            if !noData.isEmpty {
                items.append(
                    HTML.element(
                        "li", [:], HTML.element("span", ["class": "swatch nodata"], .empty),
                        HTML(text: s["map.nodata"] + " " + s(laender ? "map.count_laender" : "map.count", String(noData.count)))))
            }
        }
        return HTML.element(
            "figure", ["class": legend ? "map-figure" : "map-figure small", "id": id],
            HTML.element("figcaption", [:], HTML(text: caption)),
            svg,
            legend
                ? HTML.element("ul", ["class": "map-legend", "aria-label": s["map.legend"]], joined: items)
                    + (alternative.map {
                        HTML.element(
                            "p", ["class": "note"], HTML(text: s["map.alternative"] + " "),
                            HTML.element("a", ["href": $0], HTML(text: s["map.to_table"])))
                    } ?? .empty)
                : .empty)
    }

    /// The full map of the latest year and small multiples of earlier years
    /// (every five years back, with the same classes), where data exist.
    func indicatorMaps(_ f: IndicatorFacts) -> HTML {
        guard let geo = maps, let year = f.latestYear, let classes = mapClasses(f) else { return .empty }
        if f.level == .land {
            // A Land-level indicator (the Königsteiner Schlüssel): a map of the Länder.
            let i = f.indicator
            var data: [String: (value: Double?, label: String)] = [:]
            for land in atlas.regions.list(.land) {
                let obs = f.values.observation(land.code, year: year)
                data[land.code] = (
                    obs?.value, "\(land.name): \(display.text(obs, decimals: i.decimals))\(obs?.hasValue == true ? " " + unit(i) : "")"
                )
            }
            return districtMap(
                data: data, classes: classes, layer: geo.main, borders: geo.mainBorders, id: "karte",
                caption: s("map.caption_laender", i.title[lang], String(year)), legend: true, decimals: i.decimals, unitText: unit(i),
                year: String(year), alternative: "#rangliste", from: path("indikator/\(i.id)/index.html"), level: .land)
        }
        var out = choropleth(
            f, year: year, classes: classes, layer: geo.main, borders: geo.mainBorders, id: "karte",
            caption: s("map.caption", f.indicator.title[lang], String(year)), legend: true,
            from: path("indikator/\(f.indicator.id)/index.html"))
        let earlier = [year - 5, year - 10, year - 15].filter { f.years.contains($0) }
        if !earlier.isEmpty {
            let smalls = earlier.reversed().map { y in
                choropleth(
                    f, year: y, classes: classes, layer: geo.small, borders: geo.smallBorders, id: "karte-\(y)",
                    caption: s("map.caption", f.indicator.title[lang], String(y)), legend: false, titles: false)
            }
            out += HTML.element(
                "div", ["class": "small-multiples"], HTML.element("p", ["class": "note"], HTML(text: s["map.multiples"])),
                HTML.joined(smalls))
        }
        return out
    }

    /// A district within its Land and Germany: Land borders, the Land's
    /// districts shaded, the district hatched in vermillion and named.
    func locatorMap(_ kreis: Region) -> HTML {
        guard let geo = maps, let own = geo.locator.paths[kreis.code] else { return .empty }
        let land = kreis.parent ?? ""
        let landDistricts = atlas.regions.list(.kreis).filter { $0.parent == land && $0.code != kreis.code }
            .compactMap { geo.locator.paths[$0.code] }.joined()
        let id = "lage"
        let landName = atlas.regions.region(land, level: .land)?.name ?? ""
        let caption = s("map.locator", kreis.name, landName)
        let svg = HTML.element(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(geo.locator.width) \(geo.locator.height)",
                "width": String(geo.locator.width), "height": String(geo.locator.height), "role": "img",
                "aria-labelledby": "\(id)-t", "class": "map locator",
            ],
            HTML.element("title", ["id": "\(id)-t"], HTML(text: caption)),
            HTML.element(
                "defs", [:],
                HTML.element(
                    "pattern", ["id": "\(id)-h", "width": "3", "height": "3", "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)"],
                    HTML.empty("rect", ["width": "3", "height": "3", "fill": Chart.vermillion]),
                    HTML.empty("line", ["x1": "0", "y1": "0", "x2": "0", "y2": "3", "stroke": "#ffffff", "stroke-width": "1"]))),
            HTML.empty("path", ["class": "loc-land", "d": landDistricts]),
            HTML.empty("path", ["class": "land-borders", "d": geo.locatorBorders]),
            HTML.empty("path", ["class": "loc-self", "d": own, "fill": "url(#\(id)-h)"]))
        return HTML.element("figure", ["class": "locator-figure"], svg, HTML.element("figcaption", [:], HTML(text: caption)))
    }
}
