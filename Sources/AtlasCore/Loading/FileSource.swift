import Foundation

/// Where the loader reads files from: the disk (`LocalFiles`) or, in tests,
/// a dictionary of strings (`MemoryFiles`). Paths are as the user wrote them,
/// relative to the working directory or absolute.
public protocol FileSource: Sendable {
    func read(_ path: String) -> [UInt8]?
    func isDirectory(_ path: String) -> Bool
    /// Names of the files directly inside a folder, sorted.
    func list(_ directory: String) -> [String]
    /// Why `path` must not be read although it exists (it leads outside
    /// `roots`, or is no regular file); nil if it may be read.
    func refusal(_ path: String, roots: [String]) -> String?
}

extension FileSource {
    /// Files held in memory (tests) are whatever the test put there.
    public func refusal(_ path: String, roots: [String]) -> String? { nil }
}

public struct LocalFiles: FileSource {
    public init() {}

    /// The file's bytes, read straight into the array (FileManager's Data
    /// and a copy of it cost 10 ms for the 33 MB GENESIS export).
    public func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
        let size = Int(st.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = Foundation.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            failed = done < size
            count = done
        }
        return failed ? nil : bytes
    }

    public func refusal(_ path: String, roots: [String]) -> String? { FileAccess.refusal(path, roots: roots) }

    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    public func list(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }
}

public struct MemoryFiles: FileSource {
    public var files: [String: [UInt8]]

    public init(_ files: [String: String]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    public init(bytes: [String: [UInt8]]) { self.files = bytes }

    public func read(_ path: String) -> [UInt8]? { files[Path.normalize(path)] }

    public func isDirectory(_ path: String) -> Bool {
        let p = Path.normalize(path)
        let prefix = p == "." ? "" : p + "/"
        return files.keys.contains { $0.hasPrefix(prefix) }
    }

    public func list(_ directory: String) -> [String] {
        let p = Path.normalize(directory)
        let prefix = p == "." ? "" : p + "/"
        return files.keys.compactMap { key -> String? in
            guard key.hasPrefix(prefix) else { return nil }
            let rest = key.dropFirst(prefix.count)
            return rest.contains("/") ? nil : String(rest)
        }.sorted()
    }
}

/// Lexical path arithmetic, so that messages show short paths such as
/// `../shared/data/real/kreise.csv` rather than `Data/../../shared/…`.
public enum Path {
    public static func join(_ base: String, _ rest: String) -> String {
        if rest.hasPrefix("/") { return normalize(rest) }
        return normalize(base.isEmpty ? rest : base + "/" + rest)
    }

    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute, parts.isEmpty {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` as seen from `cwd` (both absolute): relative where that is shorter.
    public static func relative(_ path: String, from cwd: String) -> String {
        guard path.hasPrefix("/"), cwd.hasPrefix("/") else { return normalize(path) }
        let p = normalize(path).split(separator: "/")
        let c = normalize(cwd).split(separator: "/")
        var k = 0
        while k < p.count, k < c.count, p[k] == c[k] { k += 1 }
        let ups = Array(repeating: "..", count: c.count - k)
        let rel = (ups + p[k...].map(String.init)).joined(separator: "/")
        return rel.isEmpty ? "." : rel
    }
}
