import AtlasCore
import AtlasGeo

/// The map geometry of a build, prepared once: the district topology and
/// three levels of detail (the full map on an indicator page, the small
/// multiples, the locator map on a Steckbrief), with the Land borders
/// derived from the district arcs (so they lie exactly on district borders).
public struct MapGeometry: Sendable {
    public let main: MapLayer
    public let small: MapLayer
    public let locator: MapLayer
    /// District code → Land code.
    public let groups: [String: String]
    let mainBorders: String
    let smallBorders: String
    let locatorBorders: String

    /// Widths in viewBox units and tolerances in units: chosen so the full map
    /// stays under 150 KB with its titles (see the size test).
    public static func prepare(_ atlas: Atlas) -> MapGeometry? {
        guard let shapes = atlas.shapes[.kreis], !shapes.isEmpty else { return nil }
        let topology = Topology(
            shapes.map { s in (s.code, s.polygons.map { $0.map { $0.map { (lon: $0.lon, lat: $0.lat) } } }) })
        let groups = Dictionary(uniqueKeysWithValues: atlas.regions.list(.kreis).map { ($0.code, $0.parent ?? "") })
        let main = topology.layer(width: 600, tolerance: 2.0)
        let small = topology.layer(width: 240, tolerance: 2.5)
        let locator = topology.layer(width: 160, tolerance: 1.5)
        return MapGeometry(
            main: main, small: small, locator: locator, groups: groups, mainBorders: main.borders(groups: groups),
            smallBorders: small.borders(groups: groups), locatorBorders: locator.borders(groups: groups))
    }
}

/// Colour-blind-safe palettes (ColorBrewer, Cynthia Brewer, Penn State):
/// YlGnBu for sequential classes, PuOr for diverging ones.
enum Palette {
    static let sequential: [Int: [String]] = [
        3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
        4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
        5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
        6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
        7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    ]
    /// Below the midpoint, from the midpoint outwards; above likewise.
    static let below = ["#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"]
    static let above = ["#d8daeb", "#b2abd2", "#8073ac", "#542788", "#2d004b"]

    /// Colours for `count` classes; for a diverging palette, `lowCount` of them
    /// lie at or below the midpoint.
    static func colours(count: Int, diverging: Bool, lowCount: Int) -> [String] {
        guard count > 0 else { return [] }
        if diverging {
            let low = min(lowCount, below.count), high = min(count - lowCount, above.count)
            return Array(below.prefix(low).reversed()) + Array(above.prefix(high))
        }
        if count <= 2 {
            let three = sequential[3]!
            return count == 1 ? [three[1]] : [three[0], three[2]]
        }
        return sequential[min(count, 7)]!
    }
}
