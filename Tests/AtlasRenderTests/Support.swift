import AtlasCore
import AtlasRender
import Foundation

enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")
    static let themes = repository.appendingPathComponent("Themes").path
    static let snapshots = repository.appendingPathComponent("Tests/Snapshots")

    /// A new folder below this test process's temporary root, which is
    /// removed when the process exits.
    static func temporary(_ name: String) -> URL {
        let url = temporaryRoot.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Paths.temporaryRoot) }
        return root
    }()

    /// Every file below `dir`: relative path → bytes.
    static func tree(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let base = dir.standardizedFileURL.path
        guard let e = FileManager.default.enumerator(atPath: base) else { return out }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = base + "/" + rel
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }

    /// Whether two paths name one file (hard links of it).
    static func sameFile(_ a: URL, _ b: URL) -> Bool {
        let fm = FileManager.default
        guard let x = try? fm.attributesOfItem(atPath: a.path), let y = try? fm.attributesOfItem(atPath: b.path) else { return false }
        return (x[.systemFileNumber] as? NSNumber) == (y[.systemFileNumber] as? NSNumber)
            && (x[.systemNumber] as? NSNumber) == (y[.systemNumber] as? NSNumber)
    }

    static func text(_ dir: URL, _ rel: String) -> String {
        (try? String(contentsOf: dir.appendingPathComponent(rel), encoding: .utf8)) ?? ""
    }
}

/// A small deterministic random number generator: property tests draw the
/// same inputs on every run, so a failure can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
