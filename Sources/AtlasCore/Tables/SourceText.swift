import Foundation

/// The bytes of one file plus where its lines start, so that a diagnostic can
/// show the offending line without keeping every line as a String.
public struct SourceText: Sendable {
    /// The path as shown to the user (relative to the working directory).
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the start of each line (line n starts at lineStarts[n - 1]).
    public let lineStarts: [Int]
    /// Number of bytes skipped at the start (a UTF-8 byte order mark).
    public let bomLength: Int

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.bomLength = bom
        var starts = [bom]
        starts.reserveCapacity(bytes.count / 64 + 1)
        var i = bom
        let n = bytes.count
        // Without a CR, line ends are found with memchr (the 33 MB flat
        // export of GENESIS: 3 ms instead of 30).
        let hasCR = bytes.withUnsafeBufferPointer { n > 0 && memchr($0.baseAddress!, 0x0D, n) != nil }
        if !hasCR {
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return }
                while i < n, let p = memchr(base + i, 0x0A, n - i) {
                    i = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
                    starts.append(i)
                }
            }
            self.lineStarts = starts
            return
        }
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D {
                if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.lineStarts = starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// The text of line `n` (1-based) without its line break.
    public func line(_ n: Int) -> String? {
        guard n >= 1, n <= lineStarts.count else { return nil }
        let start = lineStarts[n - 1]
        var end = n < lineStarts.count ? lineStarts[n] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text after the byte order mark, for parsers that take a String.
    public var string: String {
        String(decoding: bytes[bomLength...], as: UTF8.self)
    }

    /// The first byte in `from..<to` that is not part of well-formed UTF-8
    /// (Unicode Table 3-7), or nil. ASCII is skipped eight bytes at a time.
    public func firstInvalidUTF8(from: Int, to: Int) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            guard let base = b.baseAddress else { return nil }
            var i = from
            while i < to {
                if i + 8 <= to, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let c = b[i]
                if c < 0x80 {
                    i += 1
                    continue
                }
                func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < to && b[i + k] >= lo && b[i + k] <= hi }
                switch c {
                case 0xC2...0xDF where cont(1): i += 2
                case 0xE0 where cont(1, 0xA0) && cont(2): i += 3
                // (A `where` holds for the last pattern of a case only: one range per case.)
                case 0xE1...0xEC where cont(1) && cont(2): i += 3
                case 0xEE...0xEF where cont(1) && cont(2): i += 3
                case 0xED where cont(1, 0x80, 0x9F) && cont(2): i += 3
                case 0xF0 where cont(1, 0x90) && cont(2) && cont(3): i += 4
                case 0xF1...0xF3 where cont(1) && cont(2) && cont(3): i += 4
                case 0xF4 where cont(1, 0x80, 0x8F) && cont(2) && cont(3): i += 4
                default: return i
                }
            }
            return nil
        }
    }

    /// The error for a file that is not UTF-8, at its first unreadable byte:
    /// nearly always an Excel export in Windows-1252 ("CSV (Trennzeichen-getrennt)").
    public func notUTF8(at offset: Int, yaml: Bool = false) -> Diagnostic {
        var line = 1
        var lo = 0, hi = lineStarts.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if lineStarts[mid] <= offset { line = mid + 1; lo = mid + 1 } else { hi = mid - 1 }
        }
        var column = 1
        for k in lineStarts[line - 1]..<offset where bytes[k] & 0xC0 != 0x80 { column += 1 }
        let byte = bytes[offset]
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        let where_ = yaml ? "" : ", Excel's \"CSV (Trennzeichen-getrennt)\""
        let ansi = String(bytes: [byte], encoding: .windowsCP1252).map { " (in Windows-1252\(where_), it is \"\($0)\")" } ?? ""
        return diagnostic(
            .error, "this file is not UTF-8: the byte \(hex) cannot be read\(ansi); names would be published garbled",
            line: line, column: column,
            hint: yaml
                ? "save the file as UTF-8 in your editor, or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8"
                : "declare the table's encoding in atlas.yaml (encoding: windows-1252), or save it in Excel as \"CSV UTF-8 (durch Trennzeichen getrennt)\""
        )
    }

    /// The number of the last line with text (a final line break starts no line).
    public var lastLine: Int {
        lineStarts.count > 1 && lineStarts.last == bytes.count ? lineStarts.count - 1 : lineStarts.count
    }

    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    /// A diagnostic pointing at line:column of this file, with the line shown.
    public func diagnostic(
        _ severity: Diagnostic.Severity, _ message: String, line: Int, column: Int,
        length: Int = 1, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            severity, message, at: location(line: line, column: column),
            sourceLine: self.line(line), length: length, hint: hint)
    }
}
