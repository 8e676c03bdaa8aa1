import AtlasRender
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Stage *write*: puts a rendered site on disk so that the output folder is
/// either the previous site or the new one, never a half-written mix.
///
/// Files go into a sibling staging folder (same file system, so the final
/// step cannot copy); then the staging folder and the site change places in
/// one atomic exchange, and the previous site is removed. A build that is
/// killed while writing leaves only a hidden staging folder, which the next
/// build removes; the previous site stays as it was. A rebuild that changes
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
    static func fileHolds(atPath path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        guard let old = FileManager.default.contents(atPath: path) else { return false }
        return old.withUnsafeBytes { a in a.count == bytes.count && (a.count == 0 || memcmp(a.baseAddress!, bytes.baseAddress!, a.count) == 0) }
    }

    /// Whether two files of `size` bytes hold the same bytes, compared a
    /// megabyte at a time.
    static func filesEqual(_ a: String, _ b: String, size: Int) -> Bool {
        var info = stat()
        guard stat(a, &info) == 0, Int(info.st_size) == size else { return false }
        guard let fa = FileHandle(forReadingAtPath: a), let fb = FileHandle(forReadingAtPath: b) else { return false }
        defer {
            try? fa.close()
            try? fb.close()
        }
        while true {
            let x = (try? fa.read(upToCount: 1 << 20)) ?? nil
            let y = (try? fb.read(upToCount: 1 << 20)) ?? nil
            if x != y { return false }
            if x == nil || x!.isEmpty { return true }
        }
    }

    /// Writes a site held in memory (atlas serve keeps one; tests).
    @discardableResult
    public static func write(_ site: Site, to output: String) throws -> Report {
        let stream = try Stream(to: output)
        for path in site.sortedPaths { site.files[path]!.withUnsafeBytes { stream.put(path, $0) } }
        return try stream.finish()
    }

    /// Takes files as they are rendered, from any thread, into a staging folder
    /// beside the output folder: a file the previous site holds byte for byte
    /// is hard-linked from there, any other is written. `finish()` swaps the
    /// staging folder in (or, if no file changed, leaves the site as it was);
    /// `discard()` removes it. Nothing of the site is held in memory.
    public final class Stream: SiteOutput, @unchecked Sendable {
        let target: URL
        let staging: URL
        let old: URL
        private let previous: Set<String>
        private let lock = NSLock()
        private let dirLock = NSLock()
        private var made: Set<String> = []
        /// Folders made ahead from the previous site's (`prepareFolders`).
        private var prepared: [String] = []
        private let previousFolders: [String]
        private var seen: Set<String> = []
        private var report = Report()
        private var failure: Error?
        /// Bytes of every file the renderer handed over, written or not.
        private var offered = 0
        /// Held (flock) while this build may write beside the site; the
        /// system releases it when the process ends, however it ends.
        private let lockFile: Int32

        /// Another build holds the lock of the same output folder.
        public struct Busy: Error, CustomStringConvertible {
            public var output: String
            public var pid: String
            public var description: String { "another build (pid \(pid)) is writing \(output)/; wait for it to finish" }
        }

        public init(to output: String) throws {
            let fm = FileManager.default
            target = URL(fileURLWithPath: output).standardizedFileURL
            let parent = target.deletingLastPathComponent()
            let name = target.lastPathComponent
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            // One build at a time per output folder: a second one would remove
            // the first one's staging folder as a leftover.
            let lockPath = parent.appendingPathComponent(".\(name).lock").path
            let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw WriteFailure(path: lockPath, code: errno) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                Glibc.close(fd)
                throw Busy(output: output, pid: holder.flatMap { $0.isEmpty ? nil : $0 } ?? "?")
            }
            ftruncate(fd, 0)
            let pidText = "\(ProcessInfo.processInfo.processIdentifier)\n"
            _ = pidText.withCString { Glibc.write(fd, $0, strlen($0)) }
            lockFile = fd
            // Leftovers of killed builds: a staging folder is incomplete and
            // goes; a replaced site (only the fallback without an atomic
            // exchange makes one) is put back if the site itself is missing,
            // never deleted unless a complete site is in place.
            let leftovers = ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
            for item in leftovers where item.hasPrefix(".\(name).staging-") || item == ".\(name).spare" {
                FileTree.remove(parent.appendingPathComponent(item).path)
            }
            for item in leftovers where item.hasPrefix(".\(name).old-") {
                let path = parent.appendingPathComponent(item).path
                if !fm.fileExists(atPath: target.path), rename(path, target.path) == 0 { continue }
                FileTree.remove(path)
            }
            (self.previous, self.previousFolders) = FileTree.entries(under: target.path)
            let pid = ProcessInfo.processInfo.processIdentifier
            staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
            old = parent.appendingPathComponent(".\(name).old-\(pid)")
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        }

        /// Makes the previous site's folders in the staging folder now (called
        /// while the atlas loads): a new site has nearly the same, and making
        /// folders is most of the system time of a rebuild on ext4 (76 µs
        /// each, a thousand of them). Those the new site leaves empty are
        /// removed before the swap.
        public func prepareFolders() {
            dirLock.withLock {
                for dir in previousFolders {
                    let url = staging.path + "/" + dir
                    if (try? FileTree.makeDirectory(url)) != nil {
                        made.insert(url)
                        prepared.append(url)
                    }
                }
            }
        }

        public func put(_ path: String, _ bytes: UnsafeRawBufferPointer) {
            // After a failure nothing more is written, but the sizes are still
            // counted: a full disk is reported with the space the site needs.
            guard offer(bytes.count) else { return }
            let existing = target.path + "/" + path
            let url = staging.path + "/" + path
            do {
                try makeFolder(for: url)
                let had = previous.contains(path)
                // Unchanged files are hard links to the previous site's: only
                // what changed is rewritten, and the swap stays atomic.
                if had, SiteWriter.fileHolds(atPath: existing, bytes), link(existing, url) == 0 {
                    note(path, unchanged: true, had: had)
                    return
                }
                try Self.write(bytes, to: url)
                note(path, unchanged: false, had: had)
            } catch {
                fail(error)
            }
        }

        public func open(_ path: String) -> SiteFileWriter {
            let url = staging.path + "/" + path
            do {
                try makeFolder(for: url)
                return StreamedFile(stream: self, path: path, url: url, fd: try Self.create(url))
            } catch {
                fail(error)
                return StreamedFile(stream: self, path: path, url: url, fd: -1)
            }
        }

        /// A file written in pieces straight into the staging folder; at the
        /// end it is compared with the previous site's and, if equal, replaced
        /// by a hard link to it like any unchanged file.
        final class StreamedFile: SiteFileWriter {
            let stream: Stream
            let path: String
            let url: String
            var fd: Int32
            var count = 0

            init(stream: Stream, path: String, url: String, fd: Int32) {
                self.stream = stream
                self.path = path
                self.url = url
                self.fd = fd
            }

            func append(_ bytes: UnsafeRawBufferPointer) {
                count += bytes.count
                guard fd >= 0 else { return }
                do { try Stream.writeAll(fd, bytes, path: url) } catch {
                    stream.fail(error)
                    Glibc.close(fd)
                    fd = -1
                }
            }

            func close() -> Int {
                _ = stream.offer(count)
                guard fd >= 0 else { return count }
                Glibc.close(fd)
                fd = -1
                stream.finished(path, url: url, size: count)
                return count
            }
        }

        func fail(_ error: Error) { lock.withLock { if failure == nil { failure = error } } }

        /// Counts bytes the site needs; false once writing has failed.
        func offer(_ count: Int) -> Bool {
            lock.withLock {
                offered += count
                return failure == nil
            }
        }

        func makeFolder(for url: String) throws {
            let dir = (url as NSString).deletingLastPathComponent
            if dirLock.withLock({ made.contains(dir) }) { return }
            // Outside the lock, so that threads make different folders at the
            // same time (a Gemeinde page each: 10,800 folders, 50-76 µs each
            // on ext4). Making one twice is harmless: each thread returns only
            // once the folder exists.
            try FileTree.makeDirectory(dir)
            dirLock.withLock { _ = made.insert(dir) }
        }

        /// Bookkeeping for a streamed file: equal to the previous one → a hard link.
        func finished(_ path: String, url: String, size: Int) {
            let existing = target.path + "/" + path
            let had = previous.contains(path)
            let same = had && SiteWriter.filesEqual(existing, url, size: size) && Self.replaceWithLink(url, to: existing)
            note(path, unchanged: same, had: had)
        }

        /// The written file at `url` replaced by a hard link to `existing` in one
        /// rename: if linking fails, the written file stays.
        static func replaceWithLink(_ url: String, to existing: String) -> Bool {
            let temporary = url + ".link"
            unlink(temporary)
            guard link(existing, temporary) == 0 else { return false }
            if rename(temporary, url) == 0 { return true }
            unlink(temporary)
            return false
        }

        /// Counts a file of the new site against the previous one.
        private func note(_ path: String, unchanged: Bool, had: Bool) {
            lock.withLock {
                if unchanged {
                    report.unchanged += 1
                } else if had {
                    report.changed += 1
                } else {
                    report.added += 1
                }
                seen.insert(path)
            }
        }

        static func create(_ path: String) throws -> Int32 {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw WriteFailure(path: path, code: errno) }
            return fd
        }

        static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteFailure(path: path, code: errno)
                }
                offset += n
            }
        }

        /// One open, few writes, one close; no copy of the bytes.
        static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
            let fd = try create(path)
            defer { Glibc.close(fd) }
            try writeAll(fd, bytes, path: path)
        }

        /// Puts the new site in place; if no file changed, the site on disk
        /// stays as it is (nothing written to it).
        public func finish() throws -> Report {
            let fm = FileManager.default
            var report = lock.withLock { self.report }
            if var failure = lock.withLock({ self.failure }) {
                discard()
                if var full = failure as? WriteFailure, full.isDiskFull {
                    full.needed = lock.withLock { offered }
                    var info = statvfs()
                    if statvfs(target.deletingLastPathComponent().path, &info) == 0 { full.free = Int(info.f_bavail) * Int(info.f_frsize) }
                    failure = full
                }
                throw failure
            }
            let seen = lock.withLock { self.seen }
            report.removed = previous.subtracting(seen).count
            // Folders made ahead that got no file (deepest first; rmdir
            // leaves any that is not empty).
            for dir in dirLock.withLock({ prepared }).reversed() { rmdir(dir) }
            if report.added + report.changed + report.removed == 0, fm.fileExists(atPath: target.path) {
                // Nothing changed: the site on disk stays as it is.
                discard()
                return report
            }
            let hadOld = fm.fileExists(atPath: target.path)
            // One atomic step where the system has it: the two folders change
            // places, so the output folder is never missing.
            if hadOld, FileTree.exchange(staging.path, target.path) {
                discard()  // the staging folder now holds the previous site
                return report
            }
            if hadOld { try fm.moveItem(at: target, to: old) }
            do {
                try fm.moveItem(at: staging, to: target)
            } catch {
                if hadOld { try? fm.moveItem(at: old, to: target) }
                discard()
                throw error
            }
            if hadOld { FileTree.remove(old.path) }
            return report
        }

        /// After a failed build, or when nothing changed: the staging folder goes.
        public func discard() { FileTree.remove(staging.path) }

        deinit { Glibc.close(lockFile) }
    }
}

/// The few file-tree operations of writing a site, on system calls: listing
/// the previous site, making the staging folder's folders and removing the old
/// site (Foundation's versions stat and convert every path; profiled: a fifth
/// of a one-value rebuild on ext4).
enum FileTree {
    /// Paths (relative, "/"-separated) of every file below `root`, and of
    /// every folder (each after its parent); empty if there is no such folder.
    static func entries(under root: String) -> (files: Set<String>, folders: [String]) {
        var out: Set<String> = []
        var folders: [String] = []
        func walk(_ dir: String, _ prefix: String) {
            guard let d = opendir(dir) else { return }
            defer { closedir(d) }
            while let entry = readdir(d) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name == "." || name == ".." { continue }
                let path = dir + "/" + name
                if isDirectory(entry.pointee.d_type, path) {
                    folders.append(prefix + name)
                    walk(path, prefix + name + "/")
                } else {
                    out.insert(prefix + name)
                }
            }
        }
        walk(root, "")
        return (out, folders)
    }

    /// Whether an entry is a folder (not following a symbolic link).
    static func isDirectory(_ type: UInt8, _ path: String) -> Bool {
        if type == UInt8(DT_DIR) { return true }
        if type != UInt8(DT_UNKNOWN) { return false }
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Exchanges two paths in one step (Linux `renameat2` with
    /// `RENAME_EXCHANGE`, looked up at run time: Swift's Glibc module does
    /// not declare it); false where the system or file system lacks it, and
    /// the caller falls back to two renames.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = renameat2 else { return false }
        let exchange: UInt32 = 1 << 1  // RENAME_EXCHANGE
        return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, a, AT_FDCWD, b, exchange) == 0
    }

    nonisolated(unsafe) private static let renameat2: UnsafeMutableRawPointer? = dlopen(nil, RTLD_NOW).flatMap { dlsym($0, "renameat2") }

    /// mkdir -p.
    static func makeDirectory(_ path: String) throws {
        func isDirectory() -> Bool {
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
        if mkdir(path, 0o755) == 0 { return }
        var err = errno
        if err == EEXIST {
            if isDirectory() { return }
            unlink(path)
            if mkdir(path, 0o755) == 0 { return }
            err = errno
            if isDirectory() { return }  // another thread made it meanwhile
        }
        // A missing parent, or a file where the parent folder belongs.
        guard err == ENOENT || err == ENOTDIR, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            throw WriteFailure(path: path, code: err)
        }
        try makeDirectory(String(path[..<slash]))
        if mkdir(path, 0o755) != 0, !isDirectory() {
            throw WriteFailure(path: path, code: errno)
        }
    }

    /// rm -rf, the top-level folders on all cores.
    static func remove(_ root: String) {
        var top: [String] = []
        if let d = opendir(root) {
            while let entry = readdir(d) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != ".", name != ".." { top.append(root + "/" + name) }
            }
            closedir(d)
        }
        let entries = top
        DispatchQueue.concurrentPerform(iterations: entries.count) { removeTree(entries[$0]) }
        rmdir(root)
    }

    private static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        if let d = opendir(path) {
            var children: [(String, UInt8)] = []
            while let entry = readdir(d) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != ".", name != ".." { children.append((path + "/" + name, entry.pointee.d_type)) }
            }
            closedir(d)
            for (child, type) in children {
                if isDirectory(type, child) { removeTree(child) } else { unlink(child) }
            }
        }
        rmdir(path)
    }
}

/// A file or folder of the site that could not be written, in words. A full
/// disk says how much the site needs and how much is free (both known once
/// the renderer has handed over every file; the staging folder is gone by then).
public struct WriteFailure: Error, CustomStringConvertible {
    public var path: String
    public var code: Int32
    public var needed: Int?
    public var free: Int?

    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    public var isDiskFull: Bool { code == ENOSPC || code == EDQUOT }

    static func megabytes(_ n: Int) -> String { String(format: "%.1f MB", Double(n) / 1_000_000) }

    public var description: String {
        guard isDiskFull else { return "\(path) could not be written: \(String(cString: strerror(code)))" }
        var text = "the disk is full (\(path) could not be written)"
        if let needed { text += "; the site needs \(Self.megabytes(needed))" }
        if let free { text += ", \(Self.megabytes(free)) are free" }
        return text
    }
}
