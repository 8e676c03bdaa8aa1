/// Whether a point (longitude, latitude) lies inside a region's shape: the
/// even–odd rule over all rings, so holes (enclaves) are outside. Plane
/// geometry on degrees is exact enough at district scale for this test.
public enum PointInPolygon {
    public static func contains(_ shape: RegionShape, lon: Double, lat: Double) -> Bool {
        var inside = false
        for polygon in shape.polygons {
            for ring in polygon {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[j]
                    if (a.lat > lat) != (b.lat > lat), lon < (b.lon - a.lon) * (lat - a.lat) / (b.lat - a.lat) + a.lon {
                        inside.toggle()
                    }
                    j = i
                }
            }
        }
        return inside
    }
}
