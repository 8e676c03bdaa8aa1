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
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            error("this is not valid GeoJSON (JSON could not be read)", hint: "export the borders again as GeoJSON (RFC 7946)")
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
            if !bad { shapes.append(RegionShape(code: code, polygons: polygons, featureIndex: index)) }
        }
        return (shapes, diagnostics)
    }
}
