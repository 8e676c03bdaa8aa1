import Foundation
import Testing

/// The `atlas` executable as a data editor runs it: exit codes 0 / 1 / 2 and
/// the one-line summary. Uses the binary built next to the test bundle.
@Suite struct CLITests {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atlas")
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let exe = Self.binary
        try #require(
            FileManager.default.isExecutableFile(atPath: exe.path), "atlas executable not found at \(exe.path)")
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        p.currentDirectoryURL = Fixtures.root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func checkPassesWithSummaryAndExitZero() throws {
        let r = try run(["check", "--data", "mini/Data"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(
            r.stdout.hasPrefix(
                "atlas check passed: 3 Länder, 5 Kreise; 3 indicators; 24 figures and 6 symbols from 5 tables (38 rows); 0 errors, 0 warnings in "
            ))
    }

    @Test func dataErrorExitsOneWithThePathRelativeToTheWorkingDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Fixtures.mini, to: dir)
        let werte = dir.appendingPathComponent("sources/werte.csv")
        let text = try String(contentsOf: werte, encoding: .utf8).replacingOccurrences(
            of: "09162,2021,4.8", with: "09162,2021,4.8x")
        try text.write(to: werte, atomically: true, encoding: .utf8)
        let r = try run(["check", "--data", dir.appendingPathComponent("Data").path])
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "/sources/werte.csv:10:12: error: \"4.8x\" is not a number (column \"alq\")\n 10 | 09162,2021,4.8x\n    |            ^~~~\n"
            ))
        #expect(r.stdout.hasPrefix("atlas check failed: "))
    }

    @Test func unknownOptionIsAUsageErrorExitingTwo() throws {
        let r = try run(["check", "--dtaa", "mini/Data"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Unknown option '--dtaa'"))
    }

    @Test func sourcesOverrideIsUsed() throws {
        let r = try run(["check", "--data", "mini/Data", "--sources", "does-not-exist"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: the source root does-not-exist (from --sources) is not a folder"))
    }
}
