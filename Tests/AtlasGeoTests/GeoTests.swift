import AtlasCore
import AtlasGeo
import Foundation
import Testing

@Suite struct ProjectionTests {
    /// EPSG Guidance Note 7-2, example for method 9820 (ETRS89-LAEA):
    /// 50° N, 5° E → E 3,962,799.45 m, N 2,999,718.85 m.
    @Test func etrs89LAEAMatchesTheEPSGExample() {
        let p = LambertAzimuthalEqualArea.etrs89.project(lon: 5, lat: 50)
        #expect(abs(p.x - 3_962_799.45) < 0.01)
        #expect(abs(p.y - 2_999_718.85) < 0.01)
    }

    @Test func centreMapsToTheFalseOrigin() {
        let p = LambertAzimuthalEqualArea.etrs89.project(lon: 10, lat: 52)
        #expect(abs(p.x - 4_321_000) < 1e-6)
        #expect(abs(p.y - 3_210_000) < 1e-6)
    }
}

@Suite struct TopologyTests {
    /// Two unit squares side by side share one arc; simplified at any
    /// tolerance, their paths still meet on it.
    @Test func sharedBorderIsOneArc() {
        let a: Topology.Ring = [(10, 50), (10.01, 50), (10.01, 50.01), (10, 50.01), (10, 50)]
        let b: Topology.Ring = [(10.01, 50), (10.02, 50), (10.02, 50.01), (10.01, 50.01), (10.01, 50)]
        let t = Topology([("a", [[a]]), ("b", [[b]])])
        #expect(t.arcs.count == 3)
        #expect(t.arcUsers.filter { $0.count == 2 }.count == 1)
        #expect(abs(t.area("a") - t.area("b")) < 1e-3)
    }

    @Test func enclaveRingMatchesTheHoleOfItsNeighbour() {
        let outer: Topology.Ring = [(10, 50), (10.1, 50), (10.1, 50.1), (10, 50.1), (10, 50)]
        let hole: Topology.Ring = [(10.03, 50.03), (10.03, 50.06), (10.06, 50.06), (10.06, 50.03), (10.03, 50.03)]
        let city: Topology.Ring = Array(hole.reversed())
        let t = Topology([("land", [[outer, hole]]), ("city", [[city]])])
        #expect(t.arcs.count == 2)
        #expect(t.arcUsers.contains { Set($0) == ["land", "city"] })
        let whole = t.area("land") + t.area("city")
        let square = Topology([("x", [[outer]])]).area("x")
        #expect(abs(whole - square) / square < 1e-9)
    }
}

/// The real borders (../shared/data/real/geo): areas agree with the official
/// ones, and the map stays within its size.
@Suite struct RealBorderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let real = repository.deletingLastPathComponent().appendingPathComponent("shared/data/real")

    static let topology: Topology = {
        let path = real.appendingPathComponent("geo/kreise_2022_400.geojson").path
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        let (shapes, _) = GeoJSONReader.read(bytes, path: path, keyProperty: "ags", level: .kreis)
        return Topology(shapes.map { s in (s.code, s.polygons.map { $0.map { $0.map { (lon: $0.lon, lat: $0.lat) } } }) })
    }()

    /// The borders are BKG's VG5000, generalised for 1:5,000,000: small or
    /// coastal districts lose or gain area through the generalisation (Suhl
    /// +38 %, Bremerhaven −26 %), so the test asks what the data can give:
    /// the median district within 1 %, 95 % of districts within 5 %, the
    /// total within 1 %. A projection error would move all of them.
    @Test func projectedAreasAgreeWithTheOfficialAreas() throws {
        let csv = try String(contentsOf: Self.real.appendingPathComponent("kreise.csv"), encoding: .utf8)
        var errors: [Double] = []
        for line in csv.split(separator: "\n").dropFirst() {
            // The area is the second-to-last field; names may hold commas in quotes.
            let fields = line.split(separator: ",")
            let official = Double(fields[fields.count - 2])!
            let area = Self.topology.area(String(fields[0]))
            errors.append(abs(area - official) / official)
        }
        errors.sort()
        #expect(errors.count == 400)
        #expect(errors[200] < 0.01, "median relative error \(errors[200])")
        #expect(errors[379] < 0.05, "95th percentile \(errors[379])")
        #expect(errors[399] < 0.40, "largest \(errors[399])")
        let total = Self.topology.ids.reduce(0) { $0 + Self.topology.area($1) }
        #expect(abs(total - 357_574.84) / 357_574.84 < 0.01)
    }

    @Test func fullMapHasEveryDistrictWithinItsSize() {
        let layer = Self.topology.layer(width: 600, tolerance: 0.9)
        #expect(layer.paths.count == 400)
        #expect(layer.paths.values.allSatisfy { !$0.isEmpty })
        let bytes = layer.paths.values.reduce(0) { $0 + $1.utf8.count }
        #expect(bytes < 100_000, "path data \(bytes) bytes")
    }
}
