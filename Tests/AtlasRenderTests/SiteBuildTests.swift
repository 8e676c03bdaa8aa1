import AtlasBuild
import AtlasCore
import AtlasRender
import Foundation
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
            for page in ["index.html", "indikator/kita/index.html", "indikator/arbeitslosenquote/index.html", "land/09/index.html",
                "themen/arbeit/index.html", "themen/index.html", "laender/index.html"]
            {
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

    /// A rebuild takes over the Steckbriefe, indicator pages and indicator
    /// downloads whose inputs did not change and
    /// still gives, byte for byte, the site a clean build of the same inputs
    /// gives: after an earlier year's figure of one district (only its pages
    /// change), a new maximum (histogram and the weighted Germany value change
    /// on every card), a symbol, and a renamed district (a region table:
    /// everything is rendered again).
    @Test func incrementalRebuildEqualsACleanBuild() throws {
        let data = try Paths.copy(fixture: "mini")
        let defs = data.appendingPathComponent("Data").path
        let out = data.deletingLastPathComponent().appendingPathComponent("Site")
        #expect(!Paths.build(data: defs, output: out.path).hasErrors)
        let werte = data.appendingPathComponent("sources/werte.csv")
        let kreise = data.appendingPathComponent("sources/kreise.csv")
        let kita = data.appendingPathComponent("sources/kita_excel.csv")
        let steps: [(URL, String, String, Bool?)] = [
            (kita, "09162;\"München, Landeshauptstadt\";2019;\"35,2\"", "09162;\"München, Landeshauptstadt\";2019;\"35,3\"", true),
            (werte, "09162,2021,4.8", "09162,2021,9.9", nil),
            (werte, "01001,2020,8.3", "01001,2020,.", true),
            (kreise, "Kiel, Landeshauptstadt", "Kiel, Stadt", false),
        ]
        for (n, (file, old, new, expectReuse)) in steps.enumerated() {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
            // Every file of the live site held by a second hard link: the
            // rebuild (whose staging folder is made from the spare, whose files
            // are hard links of these) must replace files, never write into them.
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
            if n > 0 {
                #expect(FileManager.default.fileExists(atPath: data.deletingLastPathComponent().appendingPathComponent(".Site.spare").path))
            }
            let reused = rebuilt.summary?.reused ?? 0
            // Figures change the pages of the districts they concern; a renamed
            // district (a region table) renders every Steckbrief again.
            if let expectReuse { #expect(expectReuse ? reused > 0 : reused == 0, "step \(n): \(reused) taken over") }
            // The other indicators' parts of atlas.csv/json are copied while
            // figures change; a renamed district changes every part.
            let copied = rebuilt.summary?.piecesCopied ?? 0
            if let expectReuse { #expect(expectReuse ? copied > 0 : copied == 0, "step \(n): \(copied) parts copied") }
            // A new maximum changes one indicator's card on every Steckbrief:
            // those pages are the previous files with that card made again.
            if n == 1 { #expect((rebuilt.summary?.spliced ?? 0) > 0, "step 1: no Steckbrief spliced") }
            if n == 3 { #expect(rebuilt.summary?.spliced == 0, "step 3: a renamed district changes every frame") }
            let clean = data.deletingLastPathComponent().appendingPathComponent("Clean-\(n)")
            #expect(!Paths.build(data: defs, output: clean.path).hasErrors)
            let (a, b) = (Paths.tree(out), Paths.tree(clean))
            let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
            #expect(differing.isEmpty, "step \(n): the rebuilt site differs from a clean build in \(differing)")
        }
    }

    /// Whatever the spare holds (a file where the site has a folder, a folder
    /// where it has a file, files it no longer has), the rebuilt site is the
    /// clean build's.
    @Test func rebuildFromAMessedUpSpareEqualsACleanBuild() throws {
        let data = try Paths.copy(fixture: "mini")
        let defs = data.appendingPathComponent("Data").path
        let root = data.deletingLastPathComponent()
        let out = root.appendingPathComponent("Site")
        let werte = data.appendingPathComponent("sources/werte.csv")
        func change(_ old: String, _ new: String) throws {
            let text = try String(contentsOf: werte, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: werte, atomically: true, encoding: .utf8)
        }
        #expect(!Paths.build(data: defs, output: out.path).hasErrors)
        try change("01001,2020,8.3", "01001,2020,8.4")
        #expect(!Paths.build(data: defs, output: out.path).hasErrors)
        let spare = root.appendingPathComponent(".Site.spare")
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: spare.path))
        try fm.removeItem(at: spare.appendingPathComponent("kreis"))
        try "a file where a folder belongs".write(to: spare.appendingPathComponent("kreis"), atomically: false, encoding: .utf8)
        try fm.removeItem(at: spare.appendingPathComponent("index.html"))
        try fm.createDirectory(at: spare.appendingPathComponent("index.html/inner"), withIntermediateDirectories: true)
        try "stale".write(to: spare.appendingPathComponent("index.html/inner/x.html"), atomically: false, encoding: .utf8)
        try fm.createDirectory(at: spare.appendingPathComponent("stale"), withIntermediateDirectories: true)
        try "stale".write(to: spare.appendingPathComponent("stale/page.html"), atomically: false, encoding: .utf8)
        try change("01001,2020,8.4", "01001,2020,8.5")
        #expect(!Paths.build(data: defs, output: out.path).hasErrors)
        let clean = root.appendingPathComponent("Clean")
        #expect(!Paths.build(data: defs, output: clean.path).hasErrors)
        let (a, b) = (Paths.tree(out), Paths.tree(clean))
        #expect(Set(a.keys) == Set(b.keys))
        #expect(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.isEmpty)
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("stale").path), "an empty folder of the spare stays")

        // A build that fails on its data leaves the site and keeps the spare.
        let site = Paths.tree(out)
        try change("01001,2020,8.5", "01001,2020,acht")
        #expect(Paths.build(data: defs, output: out.path).hasErrors)
        #expect(Paths.tree(out) == site)
        #expect(fm.fileExists(atPath: spare.path))
        #expect(try fm.contentsOfDirectory(atPath: root.path).filter { $0.contains(".staging-") || $0.contains(".old-") }.isEmpty)
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
        #expect(csv.contains("01002,\"Kiel <script>alert(\"\"x\"\")</script> & 'Co' ]]>\",arbeitslosenquote,2019,7.3,,value,,%\r\n"))
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
