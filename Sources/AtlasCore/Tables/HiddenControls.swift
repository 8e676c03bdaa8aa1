/// Characters no reader sees but every page would carry: control characters
/// (NUL, ESC, … — anything below U+0020 but tab and line ends, and DEL) and
/// bidirectional controls that are not closed on their line (a U+202E
/// RIGHT-TO-LEFT OVERRIDE turns "Bamberg" into what a reader takes for
/// another name, on every page that shows it). Balanced embeddings and
/// isolates, as right-to-left names need them, pass.
public enum HiddenControls {
    /// The byte offset and a description of the first such character, or nil.
    /// One pass over the bytes (a 33 MB GENESIS export: a few milliseconds).
    public static func first(in bytes: [UInt8]) -> (offset: Int, what: String)? {
        bytes.withUnsafeBufferPointer { b -> (Int, String)? in
            var open: [Int] = []  // offsets of the bidi controls open on this line
            var i = 0
            let n = b.count
            let base = UnsafeRawPointer(b.baseAddress)
            while i < n {
                // Eight bytes at a time while no bidi control is open: skipped
                // when none is below 0x20 (controls and line ends), 0x7F or
                // 0xE2 (the lead byte of U+2000–U+2FFF). SWAR tests, exact.
                if open.isEmpty, i + 8 <= n, let base {
                    let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                    func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
                    let below20 = (x &- ones &* 0x20) & ~x & highs != 0
                    if !below20 && !hasZero(x ^ (ones &* 0x7F)) && !hasZero(x ^ (ones &* 0xE2)) {
                        i += 8
                        continue
                    }
                }
                let c = b[i]
                if c == 0x0A || c == 0x0D {
                    if let first = open.first { return (first, bidiName(b, first)) }
                    i += 1
                    continue
                }
                if c < 0x20 && c != 0x09 || c == 0x7F {
                    return (i, c == 0 ? "a NUL byte (U+0000)" : "the control character U+00\(hex(c))")
                }
                if c == 0xE2, i + 2 < n, b[i + 1] == 0x80 || b[i + 1] == 0x81 {
                    let third = b[i + 2]
                    if b[i + 1] == 0x80 && (0xAA...0xAE).contains(third) && third != 0xAC || b[i + 1] == 0x81 && (0xA6...0xA8).contains(third) {
                        open.append(i)  // LRE, RLE, LRO, RLO; LRI, RLI, FSI
                    } else if b[i + 1] == 0x80 && third == 0xAC || b[i + 1] == 0x81 && third == 0xA9 {
                        // PDF or PDI: closes the last one; a close without an open is stray.
                        if open.popLast() == nil { return (i, bidiName(b, i)) }
                    }
                    i += 3
                    continue
                }
                i += 1
            }
            if let first = open.first { return (first, bidiName(b, first)) }
            return nil
        }
    }

    private static func hex(_ c: UInt8) -> String {
        let s = String(c, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }

    private static func bidiName(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> String {
        let code = 0x2000 + (Int(b[i + 1]) - 0x80) * 0x40 + Int(b[i + 2]) - 0x80
        return "the unbalanced bidirectional control U+\(String(code, radix: 16, uppercase: true))"
    }
}
