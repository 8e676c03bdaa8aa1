import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the atlas may read: regular files inside its roots (the Data folder,
/// the source root, the theme), also through symbolic links that stay inside
/// them. Anything else — a link leading elsewhere (`/proc/self/environ`,
/// `/etc/passwd`), a FIFO that would block the build, a device, a folder
/// where a file is expected — is refused with a reason, before it is opened.
public enum FileAccess {
    /// nil if `path` may be read (or does not exist: that is the caller's
    /// finding); otherwise why not, in words.
    public static func refusal(_ path: String, roots: [String]) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let link = (info.st_mode & S_IFMT) == S_IFLNK
        guard let resolved = realpath(path, nil) else {
            return link ? "it is a symbolic link that leads nowhere" : nil
        }
        let real = String(cString: resolved)
        free(resolved)
        let inside = roots.compactMap(Self.real).contains { root in real == root || real.hasPrefix(root == "/" ? "/" : root + "/") }
        guard inside else {
            return "it is a symbolic link to \(real), outside the folders the atlas reads (\(roots.joined(separator: ", ")))"
        }
        guard stat(real, &info) == 0 else { return "it cannot be read" }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder, not a file"
        case S_IFIFO: return "it is a named pipe (FIFO), not a file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a file"
        case S_IFSOCK: return "it is a socket, not a file"
        default: return "it is not a regular file"
        }
    }

    /// The real path of a root (symbolic links resolved), nil if it does not exist.
    static func real(_ root: String) -> String? {
        guard let r = realpath(root, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}
