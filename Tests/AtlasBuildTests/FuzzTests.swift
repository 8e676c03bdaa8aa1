import AtlasCore
import AtlasTestSupport
import Dispatch
import Foundation
import Testing

@testable import AtlasRender

/// Issue 18, item 11: a seeded, bounded mutation run over the definition and
/// the tables. Each mutant is loaded as `atlas check` loads it and must give
/// either a clean pass or findings that each name their file — never a crash
/// (which would end this test process), never a hang (a load over 20 s is
/// reported with the mutant written out). The corpus of past crashers
/// (Tests/Fixtures/fuzz-corpus) runs first, every time.
@Suite struct FuzzTests {
    /// The mini atlas with Gemeinden, a key, offers-free pages in both
    /// languages, and excerpts of real tables (INKAR, the GENESIS flat export):
    /// every kind of file the loader reads.
    static func base() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, data) in Paths.tree(Paths.fixtures.appendingPathComponent("mini")) { files[path] = [UInt8](data) }
        for (path, data) in Paths.tree(Paths.fixtures.appendingPathComponent("variants/disclosure")) { files[path] = [UInt8](data) }
        files["Data/atlas.yaml"]! += Array("persons: {count: 329120, source: BAMF}\n".utf8)
        files["Data/keys/einwohner.yaml"] = Array(
            """
            id: einwohner
            title: {de: Nach Einwohnern, en: By inhabitants}
            version: "1"
            rationale: {de: Nach der Bevölkerung., en: By population.}
            level: kreis
            components:
              - {id: einwohner, title: {de: Einwohner, en: Inhabitants}, weight: 2/3, indicator: einwohner}
              - {id: arbeit, title: {de: Arbeit, en: Work}, weight: 1/3, indicator: arbeitslosenquote, inverse: true, times: einwohner, year: 2021, missing: land-median}

            """.utf8)
        for page in ["impressum.de.md", "impressum.en.md"] {
            files["Data/pages/\(page)"] = [UInt8](try Data(contentsOf: Paths.repository.appendingPathComponent("Data/pages/\(page)")))
        }
        return files
    }

    /// Tokens that broke parsers before, or might.
    static let tokens = [
        "\"", ";", ",", "\n", "\r\n", ".", "-", "–", "x", "*", "/", "9223372036854775807", "-9223372036854775808", "1e400", "-nan(XS19)",
        "NaN", "inf", "0", "-0", "1/0", "\u{0}", "\u{202E}", "\u{FEFF}", "\u{FFFD}", "ä", "[", "]", "{", "}", ": ", "- ", "&a ", "*a", "<<: ",
        "!!binary ", "'", "|", ">", "#", "%YAML 1.2\n", "---\n", "...\n", "~", "null", "true", "[[", "]]", "<script>", "javascript:alert(1)",
        "\t", "  ", "01001", "16056", "99999", "2022", "1800", "2201", "{de: x}",
    ]

    /// One mutation of one file, chosen by the generator.
    static func mutate(_ files: inout [String: [UInt8]], _ rng: inout SplitMix64) -> String {
        let names = files.keys.sorted()
        let name = names.randomElement(using: &rng)!
        var bytes = files[name]!
        let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        let what: String
        switch Int.random(in: 0..<9, using: &rng) {
        case 0:
            if !bytes.isEmpty { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
            what = "byte \(at) changed"
        case 1:
            let n = Int.random(in: 1...64, using: &rng)
            bytes.removeSubrange(at..<min(bytes.count, at + n))
            what = "\(n) bytes deleted at \(at)"
        case 2:
            let n = Int.random(in: 1...200, using: &rng)
            bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + n)], at: at)
            what = "\(n) bytes repeated at \(at)"
        case 3, 4:
            let token = tokens.randomElement(using: &rng)!
            bytes.insert(contentsOf: Array(token.utf8), at: at)
            what = "\(token.debugDescription) inserted at \(at)"
        case 5:
            bytes.removeSubrange(at...)
            what = "cut at \(at)"
        case 6:
            // A run of digits replaced by an extreme number.
            var start = at
            while start > 0, (0x30...0x39).contains(bytes[start - 1]) { start -= 1 }
            var end = at
            while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
            let token = ["9223372036854775807", "0", "-1", "1e400", "99999999999999999999", "2200", "0.0000001"].randomElement(using: &rng)!
            bytes.replaceSubrange(start..<end, with: Array(token.utf8))
            what = "number at \(start) → \(token)"
        case 7:
            // Two lines swapped.
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            if lines.count > 2 {
                let a = Int.random(in: 0..<lines.count, using: &rng), b = Int.random(in: 0..<lines.count, using: &rng)
                lines.swapAt(a, b)
                bytes = Array(lines.joined(separator: [0x0A]))
            }
            what = "two lines swapped"
        default:
            // A token many times: deep nesting, long lines.
            let token = ["[", "{", "- ", "  ", "a,", "\"", "> "].randomElement(using: &rng)!
            let n = Int.random(in: 100...5000, using: &rng)
            bytes.insert(contentsOf: Array(String(repeating: token, count: n).utf8), at: at)
            what = "\(token.debugDescription) × \(n) at \(at)"
        }
        files[name] = bytes
        return "\(name): \(what)"
    }

    /// Loads the files with a watchdog; nil if the load did not end in time.
    static func load(_ files: [String: [UInt8]], seconds: Double = 20) -> LoadResult? {
        final class Box: @unchecked Sendable { var result: LoadResult? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let source = MemoryFiles(bytes: files)
        DispatchQueue.global().async {
            box.result = AtlasLoader.load(LoadOptions(data: "Data", today: "2026-11-30"), files: source)
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .success ? box.result : nil
    }

    /// Each finding names its file; an error-free load gives an atlas.
    static func verdict(_ result: LoadResult) -> String? {
        for d in result.diagnostics.all where d.severity == .error && (d.location?.path ?? "").isEmpty {
            if d.message.hasPrefix("no atlas definition") { continue }
            return "a finding without its file: \(DiagnosticRenderer.render(d))"
        }
        if !result.diagnostics.hasErrors && result.atlas == nil { return "no error and no atlas" }
        return nil
    }

    static func keep(_ files: [String: [UInt8]], _ label: String) -> String {
        let dir = Paths.temporary("fuzz-mutant")
        for (path, bytes) in files {
            let url = dir.appendingPathComponent(path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        }
        return "\(label) (mutant kept in \(dir.path))"
    }

    @Test func twoThousandMutantsLoadWithoutCrashOrHang() throws {
        let base = try Self.base()
        let clean = try #require(Self.load(base))
        #expect(!clean.diagnostics.hasErrors, "\(clean.diagnostics.sorted.map(DiagnosticRenderer.render).joined())")
        var rng = SplitMix64(seed: 20_261_130)
        var findings = 0, passes = 0
        for k in 0..<2000 {
            var files = base
            var steps: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) { steps.append(Self.mutate(&files, &rng)) }
            let label = "mutant \(k): " + steps.joined(separator: "; ")
            guard let result = Self.load(files) else {
                Issue.record("hang: \(Self.keep(files, label))")
                continue
            }
            if let problem = Self.verdict(result) { Issue.record("\(problem)\n\(Self.keep(files, label))") }
            if result.diagnostics.hasErrors { findings += 1 } else { passes += 1 }
        }
        // Both outcomes occur: the mutations reach the checks, and not all of them break the atlas.
        #expect(findings > 500 && passes > 100, "\(findings) with findings, \(passes) clean")
    }

    /// Markdown of the editorial pages, mutated the same way, through cmark.
    @Test func mutatedMarkdownRendersAtOnce() throws {
        let page = try String(contentsOf: Paths.repository.appendingPathComponent("Data/pages/methodik.de.md"), encoding: .utf8)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var files = ["p.md": Array(page.utf8)]
            _ = Self.mutate(&files, &rng)
            let html = Markdown.html(String(decoding: files["p.md"]!, as: UTF8.self)).raw
            #expect(!html.contains("<script"))
        }
    }

    /// The past crashers (Tests/Fixtures/fuzz-corpus/<name>/: files laid over
    /// the base), each a finding with its file now.
    @Test func pastCrashersGiveFindings() throws {
        let corpus = Paths.fixtures.appendingPathComponent("fuzz-corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.count >= 6)
        for name in names {
            var files = try Self.base()
            for (path, data) in Paths.tree(corpus.appendingPathComponent(name)) { files[path] = [UInt8](data) }
            let result = try #require(Self.load(files), "\(name) hangs")
            #expect(result.diagnostics.hasErrors, "\(name) must give a finding")
            if let problem = Self.verdict(result) { Issue.record("\(name): \(problem)") }
        }
    }
}
