/// Decodes a Windows-1252 (or Latin-1) file into UTF-8, one character per
/// byte, so that lines and columns stay where the editor sees them. Used only
/// for tables that declare `encoding:`; an undeclared one is an error.
enum Windows1252 {
    /// 0x80–0x9F; the rest of 0xA0–0xFF is Latin-1 (U+00A0–U+00FF).
    /// The five bytes Windows-1252 leaves undefined decode to U+FFFD.
    static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar = b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
            out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        }
        return out
    }
}
