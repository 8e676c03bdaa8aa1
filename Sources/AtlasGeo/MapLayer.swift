/// A map at one level of detail: every shape as an SVG path in a viewBox of
/// `width` × `height` units, from arcs simplified once and quantised to whole
/// units, so neighbouring shapes share their borders exactly.
public struct MapLayer: Sendable {
    public let width: Int
    public let height: Int
    /// Shape id → SVG path data ("M…l…z", relative moves, even-odd holes).
    public let paths: [String: String]
    /// Quantised arcs (units), for borders.
    let arcs: [[(x: Int, y: Int)]]
    let arcUsers: [[String]]

    /// The arcs between shapes of different groups, and the outer border:
    /// with groups = Land of each district, the Land borders.
    public func borders(groups: [String: String]) -> String {
        var lines = PathWriter.Lines()
        for (i, arc) in arcs.enumerated() where arc.count >= 2 {
            let g = Set(arcUsers[i].map { groups[$0] ?? $0 })
            if arcUsers[i].count == 1 || g.count > 1 { lines.add(arc) }
        }
        return lines.d
    }

    /// The outline of all shapes of one group (e.g. one Land): the arcs it
    /// uses that it does not share within the group.
    public func outline(of group: String, groups: [String: String]) -> String {
        var lines = PathWriter.Lines()
        for (i, arc) in arcs.enumerated() where arc.count >= 2 {
            let inGroup = arcUsers[i].filter { groups[$0] == group }
            if inGroup.count == 1 { lines.add(arc) }
        }
        return lines.d
    }
}

extension Topology {
    /// A layer `width` units wide; arcs simplified so that no point moves more
    /// than `tolerance` units.
    public func layer(width: Int, tolerance: Double) -> MapLayer {
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for arc in arcs {
            for p in arc {
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
        let margin = 2.0
        let scale = (Double(width) - 2 * margin) / (maxX - minX)
        let height = Int(((maxY - minY) * scale + 2 * margin).rounded(.up))
        let quantised: [[(x: Int, y: Int)]] = arcs.map { arc in
            let simple = Simplify.douglasPeucker(arc, tolerance: tolerance / scale)
            var out: [(x: Int, y: Int)] = []
            for p in simple {
                let q = (x: Int(((p.x - minX) * scale + margin).rounded()), y: Int(((maxY - p.y) * scale + margin).rounded()))
                if let last = out.last, last == q { continue }
                out.append(q)
            }
            // Keep both end points even if they fall on one unit: arcs must still join.
            if out.count == 1, let last = simple.last {
                out.append((x: Int(((last.x - minX) * scale + margin).rounded()), y: Int(((maxY - last.y) * scale + margin).rounded())))
            }
            return out
        }
        var paths: [String: String] = [:]
        for id in ids {
            var d = ""
            for polygon in shapes[id] ?? [] {
                for refs in polygon {
                    var ring: [(x: Int, y: Int)] = []
                    for ref in refs {
                        var pts = quantised[ref.index]
                        if ref.reversed { pts.reverse() }
                        for p in pts where ring.last.map({ $0 != p }) ?? true { ring.append(p) }
                    }
                    if ring.count > 1, ring.first! == ring.last! { ring.removeLast() }
                    guard ring.count >= 3 else { continue }  // collapsed below one unit
                    d += PathWriter.closed(ring)
                }
            }
            paths[id] = d
        }
        return MapLayer(width: width, height: height, paths: paths, arcs: quantised, arcUsers: arcUsers)
    }
}

/// SVG path data with relative moves: "M12 34l3-2 4 1…z" — short, since most
/// steps are one or two digits.
enum PathWriter {
    static func closed(_ ring: [(x: Int, y: Int)]) -> String {
        var d = "M\(ring[0].x) \(ring[0].y)l"
        appendSteps(ring, to: &d)
        return d + "z"
    }

    /// Open lines (borders) in one path: an arc that starts (or, reversed,
    /// ends) where the previous one ended continues it without a new move,
    /// so a border of many arcs costs one "M" instead of one per arc.
    struct Lines {
        private(set) var d = ""
        private var end: (x: Int, y: Int)?

        mutating func add(_ arc: [(x: Int, y: Int)]) {
            var arc = arc
            if let end, arc.last! == end, arc.first! != end { arc.reverse() }
            if let end, arc[0] == end {
                appendSteps(arc, to: &d, continuing: true)
            } else {
                d += "M\(arc[0].x) \(arc[0].y)l"
                appendSteps(arc, to: &d)
            }
            end = arc.last!
        }
    }

    static func appendSteps(_ pts: [(x: Int, y: Int)], to d: inout String, continuing: Bool = false) {
        var first = !continuing
        for i in 1..<pts.count {
            let dx = pts[i].x - pts[i - 1].x, dy = pts[i].y - pts[i - 1].y
            if !first && dx >= 0 { d += " " }
            d += String(dx)
            if dy >= 0 { d += " " }
            d += String(dy)
            first = false
        }
    }
}
