import AtlasBuild
import AtlasCore
import Foundation
import AtlasTestSupport
import Testing

/// Nothing outside the Data folder, the source root and the theme is read
/// into the site, and only regular files are read: a symbolic link leading
/// elsewhere, a FIFO, a folder where a file is expected are findings with
/// their path, and the build writes nothing (issue 18, item 1).
@Suite struct FileAccessTests {
    /// The mini atlas in a temporary folder, with a pages folder holding one page in both languages.
    static func mini() throws -> (data: URL, root: URL) {
        let copy = try Paths.copy(fixture: "mini")
        let pages = copy.appendingPathComponent("Data/pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        for lang in ["de", "en"] {
            try "# Impressum\n\nHerausgeber: Testamt.\n".write(
                to: pages.appendingPathComponent("impressum.\(lang).md"), atomically: true, encoding: .utf8)
        }
        return (copy.appendingPathComponent("Data"), copy.deletingLastPathComponent())
    }

    static func messages(_ result: BuildResult) -> String {
        (result.load.diagnostics.all + result.diagnostics.all).map(DiagnosticRenderer.render).joined()
    }

    /// The reproducer of the issue: `ln -s /proc/self/environ Data/pages/umgebung.de.md`
    /// (and .en.md) published the environment, CI secrets included.
    @Test func pageLinkedToTheEnvironmentIsRefused() throws {
        let (data, root) = try Self.mini()
        for lang in ["de", "en"] {
            try FileManager.default.createSymbolicLink(
                atPath: data.appendingPathComponent("pages/umgebung.\(lang).md").path, withDestinationPath: "/proc/self/environ")
        }
        let out = root.appendingPathComponent("Site")
        let result = Paths.build(data: data.path, output: out.path)
        #expect(result.hasErrors)
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written")
        let text = Self.messages(result)
        #expect(text.contains("pages/umgebung.de.md is not read: it is a symbolic link to /proc/"), "\(text)")
        #expect(text.contains("pages/umgebung.en.md is not read"), "\(text)")
        // atlas check reads the pages too.
        let check = AtlasLoader.load(LoadOptions(data: data.path))
        #expect(check.diagnostics.all.contains { $0.message.contains("umgebung.de.md is not read") })
        #expect(check.atlas == nil)
    }

    @Test func tableLinkedOutsideTheRootsIsRefusedNotMissing() throws {
        let (data, root) = try Self.mini()
        let werte = data.deletingLastPathComponent().appendingPathComponent("sources/werte.csv")
        try FileManager.default.removeItem(at: werte)
        try FileManager.default.createSymbolicLink(atPath: werte.path, withDestinationPath: "/etc/passwd")
        let result = Paths.build(data: data.path, output: root.appendingPathComponent("Site").path)
        let text = Self.messages(result)
        #expect(result.hasErrors)
        #expect(text.contains("sources/werte.csv is not read: it is a symbolic link to /etc/passwd"), "\(text)")
        #expect(!text.contains("does not exist"), "one finding, not two: \(text)")
    }

    /// A FIFO would block the build for ever; a folder named like a page is no page.
    @Test func fifoAndFolderWhereAPageBelongsAreFindings() throws {
        let (data, root) = try Self.mini()
        let pages = data.appendingPathComponent("pages")
        #expect(mkfifo(pages.appendingPathComponent("rohr.de.md").path, 0o644) == 0)
        try "# Rohr\n".write(to: pages.appendingPathComponent("rohr.en.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: pages.appendingPathComponent("ordner.de.md"), withIntermediateDirectories: true)
        try "# Ordner\n".write(to: pages.appendingPathComponent("ordner.en.md"), atomically: true, encoding: .utf8)
        let result = Paths.build(data: data.path, output: root.appendingPathComponent("Site").path)
        let text = Self.messages(result)
        #expect(result.hasErrors)
        #expect(text.contains("pages/rohr.de.md is not read: it is a named pipe (FIFO), not a file"), "\(text)")
        #expect(text.contains("pages/ordner.de.md is not read: it is a folder, not a file"), "\(text)")
    }

    /// A link that stays inside the Data folder is read as the file it points to.
    @Test func linkInsideTheDataFolderIsRead() throws {
        let (data, root) = try Self.mini()
        let pages = data.appendingPathComponent("pages")
        for lang in ["de", "en"] {
            try FileManager.default.createSymbolicLink(
                atPath: pages.appendingPathComponent("kontakt.\(lang).md").path, withDestinationPath: "impressum.\(lang).md")
        }
        let out = root.appendingPathComponent("Site")
        let result = Paths.build(data: data.path, output: out.path)
        #expect(!result.hasErrors, "\(Self.messages(result))")
        #expect(Paths.text(out, "seiten/kontakt/index.html").contains("Herausgeber: Testamt."))
    }

    /// A theme asset linked to a file of the machine is refused, not published.
    @Test func themeAssetLinkedOutsideTheThemeIsRefused() throws {
        let (data, root) = try Self.mini()
        let themes = root.appendingPathComponent("Themes")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Paths.themes), to: themes)
        try FileManager.default.createSymbolicLink(
            atPath: themes.appendingPathComponent("default/assets/passwd.txt").path, withDestinationPath: "/etc/passwd")
        let out = root.appendingPathComponent("Site")
        let result = Builder.build(BuildOptions(load: LoadOptions(data: data.path), themes: themes.path, output: out.path))
        let text = Self.messages(result)
        #expect(result.hasErrors)
        #expect(text.contains("assets/passwd.txt is not read: it is a symbolic link to /etc/passwd"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("assets/passwd.txt").path))
    }
}
