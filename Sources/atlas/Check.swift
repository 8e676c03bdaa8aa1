import ArgumentParser
import AtlasCore
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the atlas and run every rule; report every finding at once.")

    @OptionGroup var options: DataOptions

    func run() throws {
        let result = Console.check(options.loadOptions)
        if result.atlas == nil { throw ExitCode(1) }
    }
}

/// Printing for the commands: diagnostics to standard error, summaries to
/// standard output. The words of each diagnostic come from DiagnosticRenderer.
enum Console {
    /// At most this many findings are printed per file; the rest are counted.
    static let perFileLimit = 50

    static func check(_ options: LoadOptions) -> LoadResult {
        let clock = ContinuousClock()
        let start = clock.now
        let result = AtlasLoader.load(options)
        let seconds = (clock.now - start) / .seconds(1)
        printDiagnostics(result.diagnostics)
        print(summary(result, seconds: seconds))
        return result
    }

    static func printDiagnostics(_ diagnostics: Diagnostics) {
        var perFile: [String: Int] = [:]
        var out = ""
        for (d, repeats) in diagnostics.grouped {
            let path = d.location?.path ?? ""
            perFile[path, default: 0] += 1
            guard perFile[path]! <= perFileLimit else { continue }
            var text = DiagnosticRenderer.render(d)
            if !repeats.isEmpty {
                let lines = repeats.prefix(8).map { String($0.line) }.joined(separator: ", ")
                text +=
                    "… and the same on \(repeats.count) more line\(repeats.count == 1 ? "" : "s") of this file: \(lines)"
                    + (repeats.count > 8 ? ", …" : "") + "\n"
            }
            out += text + "\n"
        }
        for (path, n) in perFile.sorted(by: { $0.key < $1.key }) where n > perFileLimit {
            out += "\(path): … and \(n - perFileLimit) more findings not shown\n"
        }
        FileHandle.standardError.write(Data(out.utf8))
    }

    static func summary(_ result: LoadResult, seconds: Double) -> String {
        let s = result.statistics
        let regions = RegionLevel.allCases.compactMap { level in
            s.regions[level].map { "\(grouped($0)) \(level.pluralDE)" }
        }.joined(separator: ", ")
        let verdict = result.atlas == nil ? "atlas check failed" : "atlas check passed"
        // Counted as printed: a finding repeated on 400 rows is one.
        let findings = result.diagnostics.grouped
        return
            "\(verdict): \(regions.isEmpty ? "" : regions + "; ")\(s.indicators) indicators; \(grouped(s.numbers)) figures and \(grouped(s.symbols)) symbols from \(s.tables) tables (\(grouped(s.rows)) rows); "
            + (s.primarySuppressed + s.secondarySuppressed > 0
                ? "\(grouped(s.primarySuppressed)) small counts kept secret and \(grouped(s.secondarySuppressed)) more so that none can be re-derived; "
                : "")
            + DiagnosticRenderer.counts(
                errors: findings.filter { $0.first.severity == .error }.count, warnings: findings.filter { $0.first.severity != .error }.count)
            + String(format: " in %.2f s", seconds)
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
