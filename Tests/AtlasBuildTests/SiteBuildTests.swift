import AtlasBuild
import AtlasCore
import AtlasRender
import Foundation
import AtlasTestSupport
import Testing

/// `atlas build` on the mini atlas: every page, both languages, determinism,
/// atomic replacement, escaping, and snapshots of the two main page kinds.
@Suite struct SiteBuildTests {
    let mini = Paths.fixtures.appendingPathComponent("mini/Data").path

    @Test func buildWritesEveryPageKindInBothLanguages() throws {
        let out = Paths.temporary("site").appendingPathComponent("Site")
        let result = Paths.build(data: mini, output: out.path)
        #expect(!result.hasErrors)
        let files = Paths.tree(out)
        for prefix in ["", "en/"] {
            for kreis in ["01001", "01002", "09162", "16051", "16063"] {
                #expect(files["\(prefix)kreis/\(kreis)/index.html"] != nil)
            }
            for page in [
                "index.html", "indikator/kita/index.html", "indikator/arbeitslosenquote/index.html", "land/09/index.html",
                "themen/arbeit/index.html", "themen/index.html", "laender/index.html",
            ] {
                #expect(files[prefix + page] != nil, "\(prefix + page)")
            }
        }
        #expect(files["daten/kita.csv"] != nil)
        // The reload script of atlas serve never reaches published pages.
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("__atlas") })
        #expect(files["assets/style.css"] != nil)
        let de = Paths.text(out, "kreis/09162/index.html")
        #expect(de.contains("<html lang=\"de\">"))
        #expect(de.contains("hreflang=\"en\""))
        let en = Paths.text(out, "en/kreis/09162/index.html")
        #expect(en.contains("<html lang=\"en\">"))
        #expect(en.contains("Value 2021"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = Paths.temporary("a").appendingPathComponent("Site")
        let b = Paths.temporary("b").appendingPathComponent("Site")
        #expect(!Paths.build(data: mini, output: a.path).hasErrors)
        #expect(!Paths.build(data: mini, output: b.path).hasErrors)
        let ta = Paths.tree(a), tb = Paths.tree(b)
        #expect(ta.count > 30)
        #expect(ta.keys.sorted() == tb.keys.sorted())
        for (k, v) in ta { #expect(tb[k] == v, "\(k) differs between two builds") }
    }

    @Test func failedBuildLeavesThePreviousSiteUnchanged() throws {
        let data = try Paths.copy(fixture: "mini")
        let out = data.deletingLastPathComponent().appendingPathComponent("Site")
        #expect(!Paths.build(data: data.appendingPathComponent("Data").path, output: out.path).hasErrors)
        let before = Paths.tree(out)
        // Inject an error into the data, then build again.
        let werte = data.appendingPathComponent("sources/werte.csv")
        let text = try String(contentsOf: werte, encoding: .utf8).replacingOccurrences(of: "7.4", with: "7,4x")
        try text.write(to: werte, atomically: true, encoding: .utf8)
        let failed = Paths.build(data: data.appendingPathComponent("Data").path, output: out.path)
        #expect(failed.hasErrors)
        #expect(!failed.written)
        #expect(Paths.tree(out) == before)
        // No staging folder is left behind.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix(".Site.staging-") || $0.hasPrefix(".Site.old-") })
    }

    @Test func rebuildReportsWhatChanged() throws {
        let data = try Paths.copy(fixture: "mini")
        let out = data.deletingLastPathComponent().appendingPathComponent("Site")
        let first = Paths.build(data: data.appendingPathComponent("Data").path, output: out.path)
        #expect(first.report?.changed == 0 && first.report?.removed == 0 && (first.report?.added ?? 0) > 30)
        let same = Paths.build(data: data.appendingPathComponent("Data").path, output: out.path)
        #expect(same.report?.summary == "no file changed since the last build")
        #expect(same.skipped, "unchanged inputs: nothing is rendered")
        #expect(same.site == nil)
        // Without the fingerprint everything is rendered again (streamed into
        // a staging folder from all threads) and found equal to the site on disk.
        try FileManager.default.removeItem(atPath: SiteWriter.fingerprintPath(for: out.path))
        let again = Paths.build(data: data.appendingPathComponent("Data").path, output: out.path)
        #expect(!again.skipped)
        #expect(again.report?.summary == "no file changed since the last build")
        #expect(again.report?.unchanged == again.summary?.fileCount)
        let werte = data.appendingPathComponent("sources/werte.csv")
        let text = try String(contentsOf: werte, encoding: .utf8).replacingOccurrences(of: "01001,2021,8.0", with: "01001,2021,8.1")
        try text.write(to: werte, atomically: true, encoding: .utf8)
        let changed = Paths.build(data: data.appendingPathComponent("Data").path, output: out.path)
        #expect(!changed.skipped)
        #expect((changed.report?.changed ?? 0) > 0)
        #expect(changed.report?.added == 0)
        #expect((changed.report?.unchanged ?? 0) > 0)
    }

    /// The no-op check runs before loading, on content hashes: a file rewritten
    /// with the same bytes is no change; a new file in the definition, a changed
    /// template or another option is.
    @Test func noOpCheckUsesContentAndFolders() throws {
        let data = try Paths.copy(fixture: "mini")
        let defs = data.appendingPathComponent("Data")
        let out = data.deletingLastPathComponent().appendingPathComponent("Site")
        let themes = data.deletingLastPathComponent().appendingPathComponent("Themes")
        try FileManager.default.copyItem(atPath: Paths.themes, toPath: themes.path)
        func build(base: String? = nil) -> BuildResult {
            Builder.build(BuildOptions(load: LoadOptions(data: defs.path), themes: themes.path, output: out.path, baseURL: base))
        }
        #expect(!build().skipped)
        #expect(build().skipped)
        // Same bytes, new modification time: still nothing to do.
        let werte = data.appendingPathComponent("sources/werte.csv")
        let bytes = try Data(contentsOf: werte)
        try FileManager.default.removeItem(at: werte)
        try bytes.write(to: werte)
        #expect(build().skipped)
        // Another option.
        #expect(!build(base: "https://atlas.example.org/").skipped)
        #expect(build(base: "https://atlas.example.org/").skipped)
        #expect(!build().skipped)
        // A template changed.
        let layout = themes.appendingPathComponent("default/templates/layout.mustache")
        try (String(contentsOf: layout, encoding: .utf8) + "\n").write(to: layout, atomically: true, encoding: .utf8)
        #expect(!build().skipped)
        #expect(build().skipped)
        // A new indicator file: a change even before anything has read it.
        let copy = defs.appendingPathComponent("indicators/kita-kopie.yaml")
        let kita = try String(contentsOf: defs.appendingPathComponent("indicators/kita.yaml"), encoding: .utf8)
        try kita.replacingOccurrences(of: "id: kita", with: "id: kita-kopie").write(to: copy, atomically: true, encoding: .utf8)
        let added = build()
        #expect(!added.skipped)
        #expect(!added.hasErrors, "\(added.load.diagnostics.all.map(\.message))")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("indikator/kita-kopie/index.html").path))
        // A damaged fingerprint is no fingerprint.
        try "standortatlas-fingerprint 2\ngarbage".write(
            toFile: SiteWriter.fingerprintPath(for: out.path), atomically: true, encoding: .utf8)
        #expect(!build().skipped)
    }

    /// A rebuild after a change gives, byte for byte, the site a clean build
    /// of the same inputs gives; files whose bytes did not change are the
    /// previous site's files (hard links, not written again), and no file of
    /// the previous site is written into. Changes: an earlier year's figure of
    /// one district, a new maximum, a symbol, a renamed district.
    @Test func rebuildEqualsACleanBuildAndKeepsUnchangedFiles() throws {
        let data = try Paths.copy(fixture: "mini")
        let defs = data.appendingPathComponent("Data").path
        let out = data.deletingLastPathComponent().appendingPathComponent("Site")
        #expect(!Paths.build(data: defs, output: out.path).hasErrors)
        let werte = data.appendingPathComponent("sources/werte.csv")
        let kreise = data.appendingPathComponent("sources/kreise.csv")
        let kita = data.appendingPathComponent("sources/kita_excel.csv")
        let steps: [(URL, String, String)] = [
            (kita, "09162;\"München, Landeshauptstadt\";2019;\"35,2\"", "09162;\"München, Landeshauptstadt\";2019;\"35,3\""),
            (werte, "09162,2021,4.8", "09162,2021,9.9"),
            (werte, "01001,2020,8.3", "01001,2020,."),
            (kreise, "Kiel, Landeshauptstadt", "Kiel, Stadt"),
        ]
        for (n, (file, old, new)) in steps.enumerated() {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
            // Every file of the live site held by a second hard link: the
            // rebuild must replace files, never write into them.
            let before = Paths.tree(out)
            let held = data.deletingLastPathComponent().appendingPathComponent("Held-\(n)")
            for path in before.keys {
                let target = held.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.linkItem(at: out.appendingPathComponent(path), to: target)
            }
            let rebuilt = Paths.build(data: defs, output: out.path)
            #expect(!rebuilt.hasErrors)
            #expect(Paths.tree(held) == before, "step \(n): a file of the previous site was written through")
            // An unchanged file is the previous one (same inode), a changed one is new.
            let after = Paths.tree(out)
            var kept = 0
            for (path, bytes) in after where before[path] == bytes {
                #expect(Paths.sameFile(out.appendingPathComponent(path), held.appendingPathComponent(path)), "step \(n): \(path) written again")
                kept += 1
            }
            #expect(kept > 0, "step \(n): no file kept")
            #expect((rebuilt.report?.unchanged ?? 0) == kept)
            let clean = data.deletingLastPathComponent().appendingPathComponent("Clean-\(n)")
            #expect(!Paths.build(data: defs, output: clean.path).hasErrors)
            let b = Paths.tree(clean)
            let differing = Set(after.keys).union(b.keys).filter { after[$0] != b[$0] }.sorted()
            #expect(differing.isEmpty, "step \(n): the rebuilt site differs from a clean build in \(differing)")
        }
    }

    /// What a killed build leaves beside the site (its staging folder, the
    /// folder of the replaced site, the spare folder of earlier versions) is
    /// removed by the next build; a build that fails on its data leaves the
    /// site as it was and no folder beside it.
    @Test func leftoversOfKilledBuildsAreRemoved() throws {
        let data = try Paths.copy(fixture: "mini")
        let defs = data.appendingPathComponent("Data").path
        let root = data.deletingLastPathComponent()
        let out = root.appendingPathComponent("Site")
        let fm = FileManager.default
        for leftover in [".Site.staging-99999", ".Site.old-99999", ".Site.spare"] {
            try fm.createDirectory(at: root.appendingPathComponent(leftover + "/kreis/01001"), withIntermediateDirectories: true)
            try "stale".write(to: root.appendingPathComponent(leftover + "/kreis/01001/index.html"), atomically: false, encoding: .utf8)
        }
        #expect(!Paths.build(data: defs, output: out.path).hasErrors)
        func beside() throws -> [String] {
            try fm.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".Site.") && $0 != ".Site.fingerprint" && $0 != ".Site.lock" }
        }
        #expect(try beside().isEmpty)
        let site = Paths.tree(out)
        let werte = data.appendingPathComponent("sources/werte.csv")
        let text = try String(contentsOf: werte, encoding: .utf8)
        try text.replacingOccurrences(of: "01001,2020,8.3", with: "01001,2020,acht").write(to: werte, atomically: true, encoding: .utf8)
        #expect(Paths.build(data: defs, output: out.path).hasErrors)
        #expect(Paths.tree(out) == site)
        #expect(try beside().isEmpty)
    }

    /// A theme whose template reads a field its page model lacks fails the
    /// build with the template's place, and nothing is written.
    @Test func brokenThemeFailsTheBuildAndWritesNothing() throws {
        let themes = Paths.temporary("broken-theme")
        let theme = themes.appendingPathComponent("broken")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Paths.themes).appendingPathComponent("default"), to: theme)
        let seite = theme.appendingPathComponent("templates/seite.mustache")
        try "<div class=\"prose\">\n{{{list}}}\n</div>\n".write(to: seite, atomically: true, encoding: .utf8)
        let out = themes.appendingPathComponent("Site")
        let result = Builder.build(BuildOptions(load: LoadOptions(data: mini), themes: themes.path, theme: "broken", output: out.path))
        #expect(result.hasErrors)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let messages = result.diagnostics.all.map(DiagnosticRenderer.render).joined()
        #expect(
            messages.contains(
                "broken/templates/seite.mustache:2:1: error: the template reads \"list\", which the page model \"seite\" does not have")
        )
    }

    @Test func newBuildReplacesTheWholeSite() throws {
        let out = Paths.temporary("replace").appendingPathComponent("Site")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "stale".write(to: out.appendingPathComponent("stale.html"), atomically: true, encoding: .utf8)
        #expect(!Paths.build(data: mini, output: out.path).hasErrors)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("stale.html").path))
    }

    /// Names, titles, sources and URLs with <script>, quotes, & and ]]> land
    /// escaped in HTML text, attributes, SVG and CSV.
    @Test func untrustedTextIsEscapedEverywhere() throws {
        let out = Paths.temporary("escape").appendingPathComponent("Site")
        let result = Paths.build(data: Paths.fixtures.appendingPathComponent("escape/Data").path, output: out.path)
        #expect(!result.hasErrors)
        let files = Paths.tree(out)
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(path)")
            #expect(!html.contains("<script>evil"), "\(path)")
            #expect(!html.contains("<img src=x"), "\(path)")
            #expect(!html.contains("<i>rate"), "\(path)")
            #expect(!html.contains("]]>"), "\(path)")
        }
        let kreis = Paths.text(out, "kreis/01002/index.html")
        #expect(kreis.contains("<h1>Kiel &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39; ]]&gt;</h1>"))
        // In an SVG title (the sparkline of that district).
        #expect(kreis.contains("Verlauf in Kiel &lt;script&gt;"))
        let indicator = Paths.text(out, "indikator/arbeitslosenquote/index.html")
        #expect(indicator.contains("<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">"))
        #expect(indicator.contains("© BA &lt;script&gt;evil()&lt;/script&gt;"))
        #expect(indicator.contains("<title>Arbeitslosenquote &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot; – Mini-Atlas</title>"))
        let csv = Paths.text(out, "daten/arbeitslosenquote.csv")
        #expect(csv.contains("01002,\"Kiel <script>alert(\"\"x\"\")</script> & 'Co' ]]>\",arbeitslosenquote,2019,7.3,,value,,%,\r\n"))
    }

    /// Templates print only prepared `HTML` values ({{{x}}}) and sections: a
    /// double-stash {{x}} would let mustache escape a second time, elsewhere.
    @Test func templatesUseOnlyPreparedValues() throws {
        let dir = URL(fileURLWithPath: Paths.themes).appendingPathComponent("default/templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 8)
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let r = rest.range(of: "{{") {
                let next = rest[r.upperBound...].first
                #expect(next.map { "{#/^>!".contains($0) } == true, "\(file): use {{{…}}} or a section, not {{…}}")
                rest = rest[r.upperBound...]
            }
        }
    }

    @Test(arguments: ["kreis/01001/index.html", "indikator/kita/index.html"])
    func pageMatchesItsSnapshot(_ page: String) throws {
        let out = Paths.temporary("snap").appendingPathComponent("Site")
        #expect(!Paths.build(data: mini, output: out.path).hasErrors)
        let html = Paths.text(out, page)
        let file = Paths.snapshots.appendingPathComponent(page.replacingOccurrences(of: "/", with: "_"))
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Paths.snapshots, withIntermediateDirectories: true)
            try html.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(html == expected, "re-record with RECORD_SNAPSHOTS=1 and review the diff")
    }
}
