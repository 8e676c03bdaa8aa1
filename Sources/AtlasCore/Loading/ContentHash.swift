/// FNV-1a, 64 bit: a fingerprint of file contents for build-info.json and
/// change detection. Not a cryptographic hash (no listed package is needed for
/// this, and swift-crypto would add a minute to every clean build); it tells
/// whether inputs changed, not whether anyone tampered with them.
public enum ContentHash {
    public static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let s = String(fnv1a64(bytes), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
