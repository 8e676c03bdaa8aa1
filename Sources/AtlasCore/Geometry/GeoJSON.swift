import Foundation

/// The shape of one region in longitude/latitude (WGS84): polygons, each an
/// outer ring followed by its holes; rings closed (first point = last point).
public struct RegionShape: Sendable {
    public var code: String
    public var polygons: [[[GeoPoint]]]
    /// Index of the feature in its GeoJSON file, for messages.
    public var featureIndex: Int
}

public struct GeoPoint: Sendable, Hashable {
    public var lon: Double
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }
}

/// Reads a GeoJSON FeatureCollection of Polygon and MultiPolygon features,
/// each naming its region in a property. Every defect is reported with the
/// feature's index and key, and the feature is left out.
public enum GeoJSONReader {
    public static func read(_ bytes: [UInt8], path: String, keyProperty: String, level: RegionLevel) -> ([RegionShape], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let fileLocation = SourceLocation(path: path, line: 0, column: 0)
        func error(_ message: String, hint: String? = nil) {
            diagnostics.append(Diagnostic.error(message, at: fileLocation, hint: hint))
        }
        let json: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                error("the GeoJSON must be a FeatureCollection with \"features\"")
                return ([], diagnostics)
            }
            json = object
        } catch let failure {
            diagnostics.append(syntaxError(failure, bytes: bytes, path: path))
            return ([], diagnostics)
        }
        guard json["type"] as? String == "FeatureCollection", let features = json["features"] as? [Any] else {
            error("the GeoJSON must be a FeatureCollection with \"features\"")
            return ([], diagnostics)
        }
        var shapes: [RegionShape] = []
        var seen: [String: Int] = [:]
        for (index, any) in features.enumerated() {
            let feature = any as? [String: Any] ?? [:]
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let raw = properties[keyProperty]
            let code = (raw as? String) ?? (raw as? NSNumber).map { "\($0)" } ?? ""
            let name = "feature \(index)" + (code.isEmpty ? "" : " (\(keyProperty) \(code))")
            guard !code.isEmpty else {
                error(
                    "\(name) has no \"\(keyProperty)\"",
                    hint: "every feature needs the \(level.keyLength)-digit key of its region in properties.\(keyProperty)")
                continue
            }
            if code.count != level.keyLength || !code.allSatisfy(\.isNumber) {
                let padded =
                    code.count < level.keyLength && code.allSatisfy(\.isNumber)
                    ? " — write \"\(String(repeating: "0", count: level.keyLength - code.count) + code)\"" : ""
                error("\(name): \"\(code)\" is not a \(level.keyLength)-digit \(level.nameDE) key\(padded)")
                continue
            }
            if let first = seen[code] {
                error("\(name): the \(level.nameDE) \(code) already has a shape (feature \(first))", hint: "merge the two into one MultiPolygon")
                continue
            }
            seen[code] = index
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
                let coordinates = geometry["coordinates"] as? [Any]
            else {
                error("\(name) has no geometry")
                continue
            }
            var polygons: [[[GeoPoint]]] = []
            let rawPolygons: [Any]
            switch type {
            case "Polygon": rawPolygons = [coordinates]
            case "MultiPolygon": rawPolygons = coordinates
            default:
                error("\(name) is a \(type), but region shapes must be Polygon or MultiPolygon")
                continue
            }
            var bad = false
            for (p, rawPolygon) in rawPolygons.enumerated() {
                guard let rings = rawPolygon as? [Any], !rings.isEmpty else { bad = true; error("\(name): polygon \(p) has no rings"); break }
                var polygon: [[GeoPoint]] = []
                for (r, rawRing) in rings.enumerated() {
                    guard let positions = rawRing as? [Any] else {
                        bad = true; error("\(name): ring \(r) of polygon \(p) is not a list of positions"); break
                    }
                    var ring: [GeoPoint] = []
                    ring.reserveCapacity(positions.count)
                    for (k, pos) in positions.enumerated() {
                        guard let pair = pos as? [Any], pair.count >= 2, let lon = (pair[0] as? NSNumber)?.doubleValue,
                            let lat = (pair[1] as? NSNumber)?.doubleValue, lon.isFinite, lat.isFinite,
                            (-180...180).contains(lon), (-90...90).contains(lat)
                        else {
                            bad = true
                            error(
                                "\(name): position \(k) of ring \(r) of polygon \(p) is not a valid longitude/latitude pair",
                                hint: "coordinates must be [longitude, latitude] in degrees (WGS84)")
                            break
                        }
                        ring.append(GeoPoint(lon: lon, lat: lat))
                    }
                    if bad { break }
                    if ring.count < 4 || ring.first != ring.last {
                        bad = true
                        error(
                            "\(name): ring \(r) of polygon \(p) is not closed (\(ring.count) positions; the last must repeat the first)",
                            hint: "a ring needs at least 4 positions and must end where it starts")
                        break
                    }
                    polygon.append(ring)
                }
                if bad { break }
                polygons.append(polygon)
            }
            if !bad, let defect = defect(of: polygons, level: level) {
                bad = true
                error("\(name): \(defect.message)", hint: defect.hint)
            }
            if !bad { shapes.append(RegionShape(code: code, polygons: polygons, featureIndex: index)) }
        }
        return (shapes, diagnostics)
    }

    /// A JSON syntax error at its line and column: Foundation says "around
    /// character N" (a byte offset, from 0) or "Unexpected end of file".
    static func syntaxError(_ failure: Error, bytes: [UInt8], path: String) -> Diagnostic {
        let source = SourceText(path: path, bytes: bytes)
        let text = ((failure as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
        var offset = bytes.count
        if let range = text.range(of: "character "), let n = Int(text[range.upperBound...].prefix { $0.isNumber }) {
            offset = min(max(0, n), bytes.count)
        }
        let line = source.lineStarts.lastIndex { $0 <= offset }.map { $0 + 1 } ?? 1
        var column = 1
        for k in source.lineStarts[line - 1]..<offset where bytes[k] & 0xC0 != 0x80 { column += 1 }
        let what = offset >= bytes.count ? "the file ends in the middle of the JSON (cut short?)" : "the JSON cannot be read here"
        return source.diagnostic(
            .error, "this is not valid GeoJSON: \(what)", line: line, column: column,
            hint: "look for a missing comma, bracket or quote at this place, or export the borders again as GeoJSON (RFC 7946)")
    }

    /// Germany's extent with a margin (WGS84): a shape outside it is in the
    /// wrong coordinate system or has longitude and latitude swapped.
    static let germany = (lon: 5.0...16.0, lat: 47.0...56.0)

    /// What makes a shape unusable for a map: no polygons, a ring without
    /// area, a position outside Germany, a ring that crosses itself.
    static func defect(of polygons: [[[GeoPoint]]], level: RegionLevel) -> (message: String, hint: String)? {
        if polygons.isEmpty {
            return ("the geometry has no polygons (an empty MultiPolygon)", "export the region's borders again")
        }
        for (p, polygon) in polygons.enumerated() {
            for (r, ring) in polygon.enumerated() {
                if let point = ring.first(where: { !germany.lon.contains($0.lon) || !germany.lat.contains($0.lat) }) {
                    let swapped = germany.lon.contains(point.lat) && germany.lat.contains(point.lon)
                    return (
                        "ring \(r) of polygon \(p) lies outside Germany (\(point.lon), \(point.lat))",
                        swapped
                            ? "longitude and latitude look swapped: GeoJSON writes [longitude, latitude], e.g. [10.9, 49.9]"
                            : "the coordinates must be longitude/latitude in degrees (WGS84, EPSG:4326); reproject the file, e.g. ogr2ogr -t_srs EPSG:4326"
                    )
                }
                if abs(area(ring)) < 1e-10 {
                    return (
                        "ring \(r) of polygon \(p) has no area (its positions lie on a line or on one point)", "export the region's borders again"
                    )
                }
                if let crossing = selfCrossing(ring) {
                    return (
                        "ring \(r) of polygon \(p) crosses itself near (\(rounded(crossing.lon)), \(rounded(crossing.lat)))",
                        "repair the geometry (e.g. with QGIS \"Fix geometries\" or ogr2ogr -makevalid) and export it again"
                    )
                }
            }
        }
        return nil
    }

    static func rounded(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }

    /// Twice the signed area by the shoelace formula, in square degrees.
    static func area(_ ring: [GeoPoint]) -> Double {
        var sum = 0.0
        for k in 0..<(ring.count - 1) { sum += ring[k].lon * ring[k + 1].lat - ring[k + 1].lon * ring[k].lat }
        return sum
    }

    /// Where two edges of a closed ring that are not neighbours cross, or nil.
    /// A sweep over the edges sorted by their west end: each edge is compared
    /// only with the edges whose span in longitude overlaps its own, so a ring of
    /// thousands of positions takes milliseconds, not the n² of all pairs.
    static func selfCrossing(_ ring: [GeoPoint]) -> GeoPoint? {
        let n = ring.count - 1  // edges; the last position repeats the first
        guard n >= 4 else { return nil }
        let order = (0..<n).sorted { min(ring[$0].lon, ring[$0 + 1].lon) < min(ring[$1].lon, ring[$1 + 1].lon) }
        var active: [Int] = []
        for e in order {
            let a = ring[e], b = ring[e + 1]
            let west = min(a.lon, b.lon)
            active.removeAll { max(ring[$0].lon, ring[$0 + 1].lon) < west }
            for f in active {
                let d = abs(e - f)
                if d == 1 || d == n - 1 { continue }  // neighbours share a position
                if let x = crossing(a, b, ring[f], ring[f + 1]) { return x }
            }
            active.append(e)
        }
        return nil
    }

    /// The point where segments ab and cd cross properly (not merely touch).
    static func crossing(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint, _ d: GeoPoint) -> GeoPoint? {
        func orient(_ p: GeoPoint, _ q: GeoPoint, _ r: GeoPoint) -> Double { (q.lon - p.lon) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lon - p.lon) }
        let o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b)
        guard o1 * o2 < 0, o3 * o4 < 0 else { return nil }
        let t = o1 / (o1 - o2)
        return GeoPoint(lon: c.lon + t * (d.lon - c.lon), lat: c.lat + t * (d.lat - c.lat))
    }
}
