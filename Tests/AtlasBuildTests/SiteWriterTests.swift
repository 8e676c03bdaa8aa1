import Foundation
import AtlasCore
import AtlasTestSupport
import Testing

@testable import AtlasBuild

/// The swap of the staging folder and the site (issue 18, item 7): one atomic
/// exchange, a previous site never deleted unless a complete one is in place,
/// one build at a time per output folder.
@Suite struct SiteWriterTests {
    @Test func exchangeSwapsTwoFoldersInOneStep() throws {
        let root = Paths.temporary("exchange")
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        try "A".write(to: a.appendingPathComponent("x"), atomically: false, encoding: .utf8)
        try "B".write(to: b.appendingPathComponent("x"), atomically: false, encoding: .utf8)
        #expect(FileTree.exchange(a.path, b.path))
        #expect(try String(contentsOf: a.appendingPathComponent("x"), encoding: .utf8) == "B")
        #expect(try String(contentsOf: b.appendingPathComponent("x"), encoding: .utf8) == "A")
    }

    /// A build killed between the two renames of the fallback left no site and
    /// the replaced one beside it: the next build puts it back, not away.
    @Test func replacedSiteWithoutASiteIsPutBack() throws {
        let root = Paths.temporary("putback")
        let old = root.appendingPathComponent(".Site.old-4242")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try "previous".write(to: old.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        let stream = try SiteWriter.Stream(to: root.appendingPathComponent("Site").path)
        #expect(try String(contentsOf: root.appendingPathComponent("Site/index.html"), encoding: .utf8) == "previous")
        #expect(!FileManager.default.fileExists(atPath: old.path))
        stream.discard()
    }

    @Test func secondBuildIntoTheSameOutputIsRefusedWithThePid() throws {
        let root = Paths.temporary("busy")
        let output = root.appendingPathComponent("Site").path
        let first = try SiteWriter.Stream(to: output)
        #expect {
            _ = try SiteWriter.Stream(to: output)
        } throws: { error in
            "\(error)" == "another build (pid \(ProcessInfo.processInfo.processIdentifier)) is writing \(output)/; wait for it to finish"
        }
        first.discard()
    }

    /// A full disk (issue 18, item 7): the build says so in words with the
    /// space the site needs and the space free, removes its half-written copy,
    /// leaves the previous site as it was, and the next build, once there is
    /// room, succeeds. The disk is a small tmpfs mounted for the test (CI runs
    /// as root, like this machine).
    @Test func aFullDiskIsReportedInWordsAndLeavesThePreviousSite() throws {
        let disk = Paths.temporary("full-disk").appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        func run(_ args: [String]) -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/mount")
            p.arguments = args
            try? p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        try #require(run(["-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.path]) == 0, "mounting a tmpfs needs root (CI runs as root)")
        defer {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/umount")
            p.arguments = [disk.path]
            try? p.run()
            p.waitUntilExit()
        }
        let mini = try Paths.mini(overlay: "gemeinden")
        let data = mini.appendingPathComponent("Data").path
        let site = disk.appendingPathComponent("Site")
        #expect(!Paths.build(data: data, output: site.path).hasErrors)
        let before = Paths.tree(site)
        #expect(before.count > 20)

        // Fill the disk up to 16 KB and change a figure: many pages change.
        var info = statvfs()
        _ = statvfs(disk.path, &info)
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let filler = disk.appendingPathComponent("filler")
        FileManager.default.createFile(atPath: filler.path, contents: Data(count: max(0, free - 16 * 1024)))
        let werte = mini.appendingPathComponent("sources/werte.csv")
        let text = try String(contentsOf: werte, encoding: .utf8)
        try text.replacingOccurrences(of: "01001,2021,8.0", with: "01001,2021,9.5").write(to: werte, atomically: true, encoding: .utf8)
        let failed = Paths.build(data: data, output: site.path)
        let message = failed.diagnostics.all.map(DiagnosticRenderer.render).joined()
        #expect(failed.hasErrors)
        #expect(message.contains("could not write the site to \(site.path): the disk is full ("), "\(message)")
        #expect(message.range(of: #"the site needs [0-9.]+ MB, [0-9.]+ MB are free"#, options: .regularExpression) != nil, "\(message)")
        #expect(message.contains("free space on that disk and build again"))
        #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("errno"))
        #expect(Paths.tree(site) == before, "the previous site is unchanged")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0.contains("staging") || $0.contains(".old") }
        #expect(leftovers.isEmpty, "\(leftovers)")

        // Room again: the next build goes through.
        try FileManager.default.removeItem(at: filler)
        let again = Paths.build(data: data, output: site.path)
        #expect(!again.hasErrors, "\(again.diagnostics.all.map(DiagnosticRenderer.render).joined())")
        #expect(Paths.tree(site) != before)
    }
}
