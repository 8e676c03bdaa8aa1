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
