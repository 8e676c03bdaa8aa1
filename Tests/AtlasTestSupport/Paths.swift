import Foundation

/// Where the repository, fixtures and themes are, and temporary folders for
/// tests: shared by the test targets (a target of its own, used only by them).
public enum Paths {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let fixtures = repository.appendingPathComponent("Tests/Fixtures")
    public static let themes = repository.appendingPathComponent("Themes").path
    public static let snapshots = repository.appendingPathComponent("Tests/Snapshots")

    /// A new folder below this test process's temporary root, which is
    /// removed when the process exits.
    public static func temporary(_ name: String) -> URL {
        let url = temporaryRoot.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    public static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Paths.temporaryRoot) }
        return root
    }()

    /// A copy of a fixture folder that a test may change.
    public static func copy(fixture: String) throws -> URL {
        let dir = temporary(fixture)
        let target = dir.appendingPathComponent(fixture)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(fixture), to: target)
        return target
    }

    /// A copy of the mini atlas with the files of Tests/Fixtures/variants/<overlay>
    /// laid over it, in a temporary folder of its own.
    public static func mini(overlay: String) throws -> URL {
        let mini = temporary(overlay).appendingPathComponent("mini")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("mini"), to: mini)
        for (rel, data) in tree(fixtures.appendingPathComponent("variants/\(overlay)")) {
            let target = mini.appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: target.path, contents: data)
        }
        return mini
    }

    /// Every file below `dir`: relative path → bytes.
    public static func tree(_ dir: URL) -> [String: Data] {
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
    public static func sameFile(_ a: URL, _ b: URL) -> Bool {
        let fm = FileManager.default
        guard let x = try? fm.attributesOfItem(atPath: a.path), let y = try? fm.attributesOfItem(atPath: b.path) else { return false }
        return (x[.systemFileNumber] as? NSNumber) == (y[.systemFileNumber] as? NSNumber)
            && (x[.systemNumber] as? NSNumber) == (y[.systemNumber] as? NSNumber)
    }

    public static func text(_ dir: URL, _ rel: String) -> String {
        (try? String(contentsOf: dir.appendingPathComponent(rel), encoding: .utf8)) ?? ""
    }
}

/// A small deterministic random number generator: property tests draw the
/// same inputs on every run, so a failure can be reproduced.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
