import Foundation
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
}
