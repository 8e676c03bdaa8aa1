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

    static func temporary(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
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

    static func text(_ dir: URL, _ rel: String) -> String {
        (try? String(contentsOf: dir.appendingPathComponent(rel), encoding: .utf8)) ?? ""
    }
}
