/// Douglas–Peucker line simplification: keeps the end points and every point
/// farther than `tolerance` from the simplified line. Iterative (no recursion
/// depth limit); O(n log n) on typical borders, O(n²) at worst.
public enum Simplify {
    public static func douglasPeucker(_ pts: [(x: Double, y: Double)], tolerance: Double) -> [(x: Double, y: Double)] {
        guard pts.count > 2 else { return pts }
        var keep = [Bool](repeating: false, count: pts.count)
        keep[0] = true
        keep[pts.count - 1] = true
        let closed = pts.first! == pts.last!
        var stack: [(Int, Int)] = []
        if closed {
            // A closed arc: split at the point farthest from the start.
            var far = 1
            var best = -1.0
            for i in 1..<(pts.count - 1) {
                let d = squaredDistance(pts[i], pts[0])
                if d > best { best = d; far = i }
            }
            keep[far] = true
            stack = [(0, far), (far, pts.count - 1)]
        } else {
            stack = [(0, pts.count - 1)]
        }
        let tol2 = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            var idx = -1
            var best = tol2
            for i in (a + 1)..<b {
                let d = segmentDistance2(pts[i], pts[a], pts[b])
                if d > best { best = d; idx = i }
            }
            if idx >= 0 {
                keep[idx] = true
                stack.append((a, idx))
                stack.append((idx, b))
            }
        }
        if closed {
            // A ring needs at least three corners: keep the point farthest from
            // the chord if only two remain.
            let kept = keep.filter { $0 }.count
            if kept < 4, pts.count >= 4 {
                var idx = -1
                var best = -1.0
                let far = keep.indices.first { $0 > 0 && $0 < pts.count - 1 && keep[$0] } ?? 1
                for i in 1..<(pts.count - 1) where i != far {
                    let d = segmentDistance2(pts[i], pts[0], pts[far])
                    if d > best { best = d; idx = i }
                }
                if idx > 0 { keep[idx] = true }
            }
        }
        return pts.indices.filter { keep[$0] }.map { pts[$0] }
    }

    static func squaredDistance(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
        (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
    }

    static func segmentDistance2(_ p: (x: Double, y: Double), _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        if len2 == 0 { return squaredDistance(p, a) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2))
        return squaredDistance(p, (a.x + t * dx, a.y + t * dy))
    }
}
