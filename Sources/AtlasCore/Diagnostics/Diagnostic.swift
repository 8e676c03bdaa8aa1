/// Where something is in a data file: the path as the user should read it
/// (relative to the working directory), a 1-based line and a 1-based column
/// counted in Unicode scalars (as libyaml counts them).
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// One finding of load or validation. Diagnostics are values: the stage that
/// finds a problem creates one, and `DiagnosticRenderer` is the one place
/// that turns them into words on a terminal.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// What the data editor should do about it.
    public var hint: String?
    /// The text of the offending line, shown under the message with a caret.
    public var sourceLine: String?
    /// How many characters the caret underlines (at least one).
    public var length: Int

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation? = nil,
        sourceLine: String? = nil, length: Int = 1, hint: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
        self.length = max(1, length)
    }

    public static func error(
        _ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil,
        length: Int = 1, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, at: location, sourceLine: sourceLine, length: length, hint: hint)
    }

    public static func warning(
        _ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil,
        length: Int = 1, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message, at: location, sourceLine: sourceLine, length: length, hint: hint)
    }
}

/// Collects every finding of a run so that all problems are reported at once.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public var errorCount: Int { all.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { all.lazy.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Findings in a stable order: by file, line and column; findings without a
    /// place first, in the order they were found.
    /// One cause, one message: errors first, then warnings, each in file
    /// order; the same finding (message and hint) repeated in one file is one
    /// entry with the further places it occurs at (400 rows with the same bad
    /// year are one error "and 399 more rows").
    public var grouped: [(first: Diagnostic, repeats: [SourceLocation])] {
        let ordered = sorted.filter { $0.severity == .error } + sorted.filter { $0.severity != .error }
        var out: [(first: Diagnostic, repeats: [SourceLocation])] = []
        var index: [String: Int] = [:]
        for d in ordered {
            guard let location = d.location else {
                out.append((d, []))
                continue
            }
            let key = "\(d.severity)|\(location.path)|\(d.message)|\(d.hint ?? "")"
            if let k = index[key] {
                out[k].repeats.append(location)
            } else {
                index[key] = out.count
                out.append((d, []))
            }
        }
        return out
    }

    public var sorted: [Diagnostic] {
        all.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (la?, lb?): return la == lb ? a.offset < b.offset : la < lb
            }
        }.map(\.element)
    }
}
