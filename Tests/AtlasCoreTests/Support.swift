import AtlasCore
import AtlasTestSupport
import Foundation

/// Where the test fixtures and the repository are.
enum Fixtures {
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = repository.appendingPathComponent("Tests/Fixtures")
    static let mini = root.appendingPathComponent("mini")
    static let invalid = root.appendingPathComponent("invalid")
    /// Valid variations of the mini atlas (overlays).
    static let variants = root.appendingPathComponent("variants")
    /// The shared real data, beside the repository as in CI.
    static let realData = repository.deletingLastPathComponent().appendingPathComponent("shared/data/real")

    /// Every file below `dir`, keyed by its path relative to `dir`.
    static func files(in dir: URL) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let base = dir.standardizedFileURL.path
        guard let e = FileManager.default.enumerator(atPath: base) else { return out }
        while let rel = e.nextObject() as? String {
            let full = base + "/" + rel
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                let data = FileManager.default.contents(atPath: full)
            {
                out[rel] = [UInt8](data)
            }
        }
        return out
    }

    /// The valid mini atlas with the files of one invalid fixture laid over it.
    static func miniAtlas(overlay name: String? = nil, from folder: URL = invalid) -> MemoryFiles {
        var files = files(in: mini)
        if let name {
            for (path, bytes) in Fixtures.files(in: folder.appendingPathComponent(name)) where path != "expected.txt" {
                files[path] = bytes
            }
        }
        return MemoryFiles(bytes: files)
    }

    static var invalidNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: invalid.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    static func render(_ diagnostics: Diagnostics) -> String {
        diagnostics.sorted.map(DiagnosticRenderer.render).joined(separator: "\n")
    }
}
