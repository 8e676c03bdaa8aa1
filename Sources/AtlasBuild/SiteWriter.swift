import AtlasRender
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Stage *write*: puts a rendered site on disk so that the output folder is
/// either the previous site or the new one, never a half-written mix.
///
/// Files go into a sibling staging folder (same file system, so the final
/// rename cannot copy); then the old folder is renamed aside, the staging
/// folder renamed into place, and the old one removed. A build that is killed
/// while writing leaves only a hidden staging folder, which the next build
/// removes; the previous site stays as it was. A rebuild that changes
/// nothing writes nothing; otherwise unchanged files are hard-linked from the
/// previous site, so only changed files are written.
public enum SiteWriter {
    /// How the new site differs from the one it replaced.
    public struct Report: Sendable, Equatable {
        public var added = 0
        public var changed = 0
        public var removed = 0
        public var unchanged = 0

        public var summary: String {
            added + changed + removed == 0
                ? "no file changed since the last build"
                : "\(added + changed + removed) files changed since the last build (\(added) new, \(changed) changed, \(removed) removed)"
        }
    }

    /// Where the fingerprint of the last build is kept: beside the site, hidden,
    /// so the site's own bytes do not depend on the program that made them.
    public static func fingerprintPath(for output: String) -> String {
        let target = URL(fileURLWithPath: output).standardizedFileURL
        return target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).fingerprint").path
    }

    /// Whether the file holds exactly `bytes`: the size first (stat), then one
    /// read and memcmp.
    static func fileHolds(atPath path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        guard let old = FileManager.default.contents(atPath: path) else { return false }
        return old.withUnsafeBytes { a in bytes.withUnsafeBytes { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) } }
    }

    @discardableResult
    public static func write(_ site: Site, to output: String) throws -> Report {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        // Leftovers of killed builds.
        for item in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        where item.hasPrefix(".\(name).staging-") || item.hasPrefix(".\(name).old-") {
            try? fm.removeItem(at: parent.appendingPathComponent(item))
        }
        // Compare with the site on disk first: a no-op rebuild writes nothing.
        var report = Report()
        var previous: Set<String> = []
        if let e = fm.enumerator(atPath: target.path) {
            while let rel = e.nextObject() as? String {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: target.path + "/" + rel, isDirectory: &isDir), !isDir.boolValue { previous.insert(rel) }
            }
        }
        var same: Set<String> = []
        for path in site.sortedPaths {
            if !previous.contains(path) {
                report.added += 1
            } else if fileHolds(atPath: target.path + "/" + path, site.files[path]!) {
                report.unchanged += 1
                same.insert(path)
            } else {
                report.changed += 1
            }
        }
        report.removed = previous.subtracting(site.files.keys).count
        if report.added + report.changed + report.removed == 0 { return report }

        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
        let old = parent.appendingPathComponent(".\(name).old-\(pid)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var made: Set<String> = []
            for path in site.sortedPaths {
                let url = staging.appendingPathComponent(path)
                let dir = url.deletingLastPathComponent().path
                if !made.contains(dir) {
                    try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    made.insert(dir)
                }
                // Unchanged files are hard links to the previous site's: only what
                // changed is rewritten, and the swap stays atomic.
                if same.contains(path), link(target.path + "/" + path, url.path) == 0 { continue }
                try Data(site.files[path]!).write(to: url)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        let hadOld = fm.fileExists(atPath: target.path)
        if hadOld { try fm.moveItem(at: target, to: old) }
        do {
            try fm.moveItem(at: staging, to: target)
        } catch {
            if hadOld { try? fm.moveItem(at: old, to: target) }
            try? fm.removeItem(at: staging)
            throw error
        }
        if hadOld { try? fm.removeItem(at: old) }
        return report
    }
}
