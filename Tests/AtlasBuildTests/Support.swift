import AtlasBuild
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

    /// A copy of the mini atlas with the files of Tests/Fixtures/variants/<overlay>
    /// laid over it, in a temporary folder of its own.
    static func mini(overlay: String) throws -> URL {
        let mini = temporary(overlay).appendingPathComponent("mini")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("mini"), to: mini)
        for (rel, data) in tree(fixtures.appendingPathComponent("variants/\(overlay)")) {
            let target = mini.appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: target.path, contents: data)
        }
        return mini
    }

    /// A copy of a fixture folder that a test may change.
    static func copy(fixture: String) throws -> URL {
        let dir = temporary(fixture)
        let target = dir.appendingPathComponent(fixture)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(fixture), to: target)
        return target
    }

    static func build(data: String, output: String) -> BuildResult {
        Builder.build(BuildOptions(load: LoadOptions(data: data), themes: themes, output: output))
    }

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
