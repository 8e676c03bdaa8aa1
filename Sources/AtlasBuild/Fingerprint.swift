import AtlasCore
import Foundation

/// What the last build read: the options, the program, the content hash of
/// every file read and a listing of the definition and theme folders. Kept
/// beside the site (`.Site.fingerprint`), not in it, so the site's bytes do
/// not depend on the program that made them.
///
/// A rebuild checks it before loading anything: it hashes the files named
/// there again (about 3 MB of inputs and the program) and lists the two
/// folders (a new indicator or template is a change too). If everything
/// matches, nothing is loaded, rendered or written. Content hashes, not
/// modification times, so a fresh checkout of the same inputs (a CI cache)
/// counts as unchanged.
struct Fingerprint: Equatable {
    var header: [String]
    /// Path → content hash of every file the build read.
    var files: [String: String]
    /// Folder → hash of its recursive listing.
    var listings: [String: String]
    static let version = "standortatlas-fingerprint 3"

    init(options: BuildOptions, files: [String: String]) {
        header = Self.header(options)
        self.files = files
        listings = [:]
        for dir in Self.listedFolders(options) { listings[dir] = Self.listing(dir) }
    }

    /// How many lines `header` writes (parse reads as many back).
    static let headerCount = 8

    static func header(_ options: BuildOptions) -> [String] {
        [
            Self.version,
            "data \(options.load.data)",
            "sources \(options.load.sources ?? "-")",
            "themes \(options.themes)",
            "theme \(options.theme)",
            "base \(options.baseURL ?? "-")",
            "publish \(options.publish)",
            "program \(Self.programHash)",
        ]
    }

    private init(header: [String], files: [String: String], listings: [String: String]) {
        self.header = header
        self.files = files
        self.listings = listings
    }

    /// The definition folder and the theme: the loader and the theme read every
    /// file of some of their folders, so a file added there is a change.
    static func listedFolders(_ options: BuildOptions) -> [String] {
        [options.load.data, Path.join(options.themes, options.theme)]
    }

    var text: String {
        var out = header.joined(separator: "\n") + "\n"
        for (dir, hash) in listings.sorted(by: { $0.key < $1.key }) { out += "listing \(hash) \(dir)\n" }
        for (path, hash) in files.sorted(by: { $0.key < $1.key }) { out += "file \(hash) \(path)\n" }
        return out
    }

    /// nil for a fingerprint of another version or one that cannot be read.
    static func parse(_ text: String) -> Fingerprint? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.last == "" else { return nil }
        lines.removeLast()
        guard lines.count >= headerCount, lines[0] == version else { return nil }
        var files: [String: String] = [:]
        var listings: [String: String] = [:]
        for line in lines.dropFirst(headerCount) {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { return nil }
            switch parts[0] {
            case "file": files[parts[2]] = parts[1]
            case "listing": listings[parts[2]] = parts[1]
            default: return nil
            }
        }
        return Fingerprint(header: Array(lines.prefix(headerCount)), files: files, listings: listings)
    }

    /// Whether the inputs on disk are still those this fingerprint was taken of.
    func matches(_ options: BuildOptions) -> Bool {
        guard Set(listings.keys) == Set(Self.listedFolders(options)) else { return false }
        for (dir, hash) in listings where Self.listing(dir) != hash { return false }
        for (path, hash) in files {
            guard let data = FileManager.default.contents(atPath: path), ContentHash.hex(data) == hash else { return false }
        }
        // Last: the options and the program (20 MB to hash).
        return header == Self.header(options)
    }

    /// Names (not contents) of everything below `dir`, sorted, hashed.
    static func listing(_ dir: String) -> String {
        var names: [String] = []
        if let e = FileManager.default.enumerator(atPath: dir) {
            while let rel = e.nextObject() as? String { names.append(rel) }
        }
        return ContentHash.hex(Array(names.sorted().joined(separator: "\n").utf8))
    }

    /// The running program's bytes, hashed once: a new build of the tool
    /// renders everything again even when the data did not change.
    static let programHash: String = {
        let bytes = FileManager.default.contents(atPath: "/proc/self/exe") ?? FileManager.default.contents(atPath: CommandLine.arguments[0]) ?? Data()
        return ContentHash.hex(bytes)
    }()

    /// Paths with a line break cannot be written into the fingerprint: such a
    /// build is simply never skipped.
    var isWritable: Bool { !files.keys.contains { $0.contains("\n") } && !listings.keys.contains { $0.contains("\n") } }
}
