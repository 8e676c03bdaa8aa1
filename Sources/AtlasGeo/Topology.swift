/// Shapes as TopoJSON keeps them: rings cut into arcs at junctions (points
/// where more than two rings' borders meet), each shared border stored once.
/// Simplifying an arc therefore changes both neighbours identically, so a
/// simplified map has no gaps and no slivers.
///
/// Points are identified by their coordinates rounded to 1e-5° (the precision
/// of the source), so borders digitised once match exactly.
public struct Topology: Sendable {
    /// Projected points (metres) of each arc, first and last are junctions
    /// (or, for a ring without junctions, the same point).
    public private(set) var arcs: [[(x: Double, y: Double)]] = []
    /// Which shapes use each arc (1 for an outer border, 2 for a shared one).
    public private(set) var arcUsers: [[String]] = []
    /// Shape id → polygons → rings → arc references (index, reversed).
    public private(set) var shapes: [String: [[[ArcRef]]]] = [:]
    /// Shape ids in input order.
    public private(set) var ids: [String] = []

    public struct ArcRef: Sendable, Hashable {
        public var index: Int
        public var reversed: Bool
    }

    public typealias Ring = [(lon: Double, lat: Double)]

    public init(_ input: [(id: String, polygons: [[Ring]])], projection: LambertAzimuthalEqualArea = .etrs89) {
        @inline(__always) func key(_ p: (lon: Double, lat: Double)) -> Int64 {
            Int64((p.lon * 1e5).rounded()) << 32 ^ Int64((p.lat * 1e5).rounded())
        }
        // Rings as keys, without the closing duplicate.
        var rings: [(shape: Int, polygon: Int, ring: Int, keys: [Int64])] = []
        var position: [Int64: (lon: Double, lat: Double)] = [:]
        for (s, shape) in input.enumerated() {
            for (p, polygon) in shape.polygons.enumerated() {
                for (r, ring) in polygon.enumerated() {
                    var keys = ring.map(key)
                    if keys.count > 1, keys.first == keys.last { keys.removeLast() }
                    // Drop repeated points.
                    var clean: [Int64] = []
                    for k in keys where clean.last != k { clean.append(k) }
                    if clean.count > 1, clean.first == clean.last { clean.removeLast() }
                    guard clean.count >= 3 else { continue }
                    for (i, k) in clean.enumerated() where position[k] == nil {
                        _ = i
                        position[k] = ring.first { key($0) == k }
                    }
                    rings.append((s, p, r, clean))
                }
            }
        }
        // Junctions: points with more than two distinct neighbours over all rings.
        var neighbours: [Int64: (Int64, Int64, Bool)] = [:]  // first two neighbours, junction flag
        for ring in rings {
            let n = ring.keys.count
            for i in 0..<n {
                let k = ring.keys[i], prev = ring.keys[(i + n - 1) % n], next = ring.keys[(i + 1) % n]
                if let (a, b, j) = neighbours[k] {
                    if !j && !((a == prev && b == next) || (a == next && b == prev)) { neighbours[k] = (a, b, true) }
                } else {
                    neighbours[k] = (prev, next, false)
                }
            }
        }
        var arcIndex: [[Int64]: Int] = [:]
        var arcKeys: [[Int64]] = []
        var refs: [String: [[[ArcRef]]]] = [:]
        var users: [[String]] = []
        func addArc(_ keys: [Int64], user: String) -> ArcRef {
            if let i = arcIndex[keys] {
                if users[i].last != user { users[i].append(user) }
                return ArcRef(index: i, reversed: false)
            }
            let rev = Array(keys.reversed())
            if let i = arcIndex[rev] {
                if users[i].last != user { users[i].append(user) }
                return ArcRef(index: i, reversed: true)
            }
            arcIndex[keys] = arcKeys.count
            arcKeys.append(keys)
            users.append([user])
            return ArcRef(index: arcKeys.count - 1, reversed: false)
        }
        for ring in rings {
            let id = input[ring.shape].id
            var keys = ring.keys
            let junctions = keys.indices.filter { neighbours[keys[$0]]?.2 == true }
            var ringRefs: [ArcRef] = []
            if let first = junctions.first {
                keys = Array(keys[first...] + keys[..<first])
                var start = 0
                for i in 1...keys.count {
                    let k = i == keys.count ? keys[0] : keys[i]
                    if i == keys.count || neighbours[k]?.2 == true {
                        let arc = Array(keys[start..<min(i, keys.count)]) + [k]
                        ringRefs.append(addArc(arc, user: id))
                        start = i
                    }
                }
            } else {
                // A ring without junctions (an island, an enclave): one closed arc,
                // starting at its smallest point so that both sides match.
                let m = keys.indices.min { keys[$0] < keys[$1] }!
                keys = Array(keys[m...] + keys[..<m])
                ringRefs.append(addArc(keys + [keys[0]], user: id))
            }
            var polygons = refs[id] ?? []
            while polygons.count <= ring.polygon { polygons.append([]) }
            polygons[ring.polygon].append(ringRefs)
            refs[id] = polygons
        }
        arcs = arcKeys.map { keys in
            keys.map { k in
                let p = position[k]!
                return projection.project(lon: p.lon, lat: p.lat)
            }
        }
        arcUsers = users
        shapes = refs
        ids = input.map(\.id)
    }

    /// The points of a ring from its arcs (closed: last = first).
    public func ring(_ refs: [ArcRef], arcs: [[(x: Double, y: Double)]]) -> [(x: Double, y: Double)] {
        var out: [(x: Double, y: Double)] = []
        for ref in refs {
            var pts = arcs[ref.index]
            if ref.reversed { pts.reverse() }
            if !out.isEmpty { pts.removeFirst() }
            out.append(contentsOf: pts)
        }
        return out
    }

    /// Area of a shape in square kilometres, from the unsimplified projected
    /// rings (holes subtract). Equal-area projection: true area.
    public func area(_ id: String) -> Double {
        var total = 0.0
        for polygon in shapes[id] ?? [] {
            for (r, refs) in polygon.enumerated() {
                let a = abs(Self.signedArea(ring(refs, arcs: arcs)))
                total += r == 0 ? a : -a
            }
        }
        return total / 1e6
    }

    static func signedArea(_ pts: [(x: Double, y: Double)]) -> Double {
        guard pts.count > 2 else { return 0 }
        var s = 0.0
        for i in 0..<(pts.count - 1) { s += pts[i].x * pts[i + 1].y - pts[i + 1].x * pts[i].y }
        return s / 2
    }
}
