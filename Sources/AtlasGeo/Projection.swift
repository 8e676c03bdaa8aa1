import Foundation

/// Lambert azimuthal equal-area projection on the GRS80 ellipsoid, as
/// ETRS89-LAEA Europe (EPSG:3035): centre 52° N 10° E, false easting 4,321,000 m,
/// false northing 3,210,000 m. Equal-area, so areas measured on the map are
/// true areas. Formulas: Snyder, Map Projections – A Working Manual (1987),
/// §24, and EPSG Guidance Note 7-2 (method 9820). Written here because it is a
/// few lines and no listed package projects coordinates.
public struct LambertAzimuthalEqualArea: Sendable {
    public let a: Double
    public let e: Double
    let e2: Double
    let qp: Double
    let rq: Double
    let d: Double
    let sinB0: Double
    let cosB0: Double
    let lon0: Double
    let falseEasting: Double
    let falseNorthing: Double

    /// ETRS89-LAEA Europe (EPSG:3035).
    public static let etrs89 = LambertAzimuthalEqualArea(
        lat0: 52, lon0: 10, falseEasting: 4_321_000, falseNorthing: 3_210_000, a: 6_378_137, inverseFlattening: 298.257222101)

    public init(lat0: Double, lon0: Double, falseEasting: Double, falseNorthing: Double, a: Double, inverseFlattening: Double) {
        let f = 1 / inverseFlattening
        self.a = a
        let e2 = 2 * f - f * f
        let e = e2.squareRoot()
        self.e2 = e2
        self.e = e
        self.lon0 = lon0 * .pi / 180
        self.falseEasting = falseEasting
        self.falseNorthing = falseNorthing
        let phi0 = lat0 * .pi / 180
        let qp = Self.q(.pi / 2, e2: e2, e: e)
        self.qp = qp
        rq = a * (qp / 2).squareRoot()
        let beta0 = asin(Self.q(phi0, e2: e2, e: e) / qp)
        sinB0 = sin(beta0)
        cosB0 = cos(beta0)
        d = a * (cos(phi0) / (1 - e2 * sin(phi0) * sin(phi0)).squareRoot()) / (rq * cosB0)
    }

    static func q(_ phi: Double, e2: Double, e: Double) -> Double {
        let s = sin(phi)
        return (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * log((1 - e * s) / (1 + e * s)))
    }

    /// Easting and northing in metres for a longitude and latitude in degrees.
    public func project(lon: Double, lat: Double) -> (x: Double, y: Double) {
        let phi = lat * .pi / 180
        let lambda = lon * .pi / 180
        let q = Self.q(phi, e2: e2, e: e)
        let beta = asin(max(-1, min(1, q / qp)))
        let dl = lambda - lon0
        let b = rq * (2 / (1 + sinB0 * sin(beta) + cosB0 * cos(beta) * cos(dl))).squareRoot()
        let x = falseEasting + b * d * cos(beta) * sin(dl)
        let y = falseNorthing + (b / d) * (cosB0 * sin(beta) - sinB0 * cos(beta) * cos(dl))
        return (x, y)
    }
}
