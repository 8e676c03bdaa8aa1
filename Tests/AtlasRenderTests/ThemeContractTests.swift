import AtlasCore
@testable import AtlasRender
import Foundation
import AtlasTestSupport
import Testing

/// The theme owns the markup, and its templates are checked against the page
/// models when it loads: a misspelt variable, a missing partial, a field
/// printed escaped are errors with the template's place (so the theme is not
/// used and the build fails, see SiteBuildTests); a model field no template
/// reads is a warning.
@Suite struct ThemeContractTests {
    /// Themes/default with the templates of `overlay` (a folder below
    /// Tests/Fixtures) laid over it, as Themes/<name> in a temporary folder.
    static func theme(_ overlay: String, name: String) throws -> URL {
        let themes = Paths.temporary("theme-\(name)")
        let target = themes.appendingPathComponent(name)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Paths.themes).appendingPathComponent("default"), to: target)
        for (rel, data) in Paths.tree(Paths.fixtures.appendingPathComponent(overlay)) {
            let file = target.appendingPathComponent(rel)
            try? FileManager.default.removeItem(at: file)
            #expect(FileManager.default.createFile(atPath: file.path, contents: data))
        }
        return themes
    }

    @Test func defaultThemeKeepsTheContract() {
        let (theme, diagnostics) = Theme.load(directory: Paths.themes + "/default", languages: ["de", "en"])
        #expect(theme != nil)
        #expect(diagnostics.map(DiagnosticRenderer.render) == [])
    }

    static let invalid = [
        "misspelled-variable", "missing-partial", "list-instead-of-body", "escaped-markup", "unclosed-section", "list-printed", "dot-on-object",
    ]

    @Test(arguments: invalid)
    func brokenTemplateIsAFindingWithItsPlace(_ name: String) throws {
        let themes = try Self.theme("themes-invalid/\(name)", name: name)
        let (theme, diagnostics) = Theme.load(directory: themes.appendingPathComponent(name).path, languages: ["de", "en"])
        let loaded = theme != nil
        #expect(!loaded, "a theme with errors is not used")
        let rendered = diagnostics.map(DiagnosticRenderer.render).joined().replacingOccurrences(of: themes.path + "/", with: "")
        let expectedURL = Paths.fixtures.appendingPathComponent("themes-invalid/\(name)/expected.txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        #expect(rendered == (try String(contentsOf: expectedURL, encoding: .utf8)))
    }

    /// A second theme moves the rank below the charts of every Steckbrief card
    /// by changing one template: no Swift changes.
    @Test func secondThemeMovesTheRankBelowTheCharts() throws {
        let themes = try Self.theme("themes/rank-below", name: "rank-below")
        let page = try Self.renderMini(theme: themes.appendingPathComponent("rank-below").path, page: "kreis/01001/index.html")
        let cards = page.components(separatedBy: "<article class=\"card rank-below\"").dropFirst()
        #expect(cards.count >= 3)
        for card in cards {
            let figures = try #require(card.range(of: "<div class=\"figures\">"))
            let rank = try #require(card.range(of: "<p class=\"rank\">Rang: "))
            #expect(figures.lowerBound < rank.lowerBound, "the rank stands below the charts")
            #expect(!card.contains("<dt>Rang</dt>"))
        }
        // The default theme keeps it in the facts.
        #expect(try Self.renderMini(theme: Paths.themes + "/default", page: "kreis/01001/index.html").contains("<dt>Rang</dt>"))
    }

    /// One page of the mini atlas rendered in memory with the theme in `theme`.
    static func renderMini(theme directory: String, page: String) throws -> String {
        let atlas = try #require(AtlasLoader.load(LoadOptions(data: Paths.fixtures.appendingPathComponent("mini/Data").path)).atlas)
        let (theme, diagnostics) = Theme.load(directory: directory, languages: atlas.definition.languages)
        #expect(diagnostics.map(DiagnosticRenderer.render) == [])
        let (computed, findings) = SiteFacts.compute(atlas)
        #expect(findings.isEmpty)
        let site = SiteRenderer.render(atlas, computed: computed, theme: try #require(theme))
        return String(decoding: try #require(site.files[page]), as: UTF8.self)
    }

    /// A field that no template reads is a warning naming it; the build goes on.
    @Test func unreadModelFieldIsAWarning() {
        var templates: [String: Template] = [:]
        var paths: [String: String] = [:]
        for kind in PageModels.kinds {
            templates[kind.template] = try? Template("")
            paths[kind.template] = "t/\(kind.template).mustache"
        }
        templates["seite"] = try? Template("<div class=\"prose\">\n</div>\n")
        let findings = TemplateContract.check(templates: templates, paths: paths, only: "seite")
        #expect(
            findings.map(DiagnosticRenderer.render) == [
                """
                t/seite.mustache:1:1: warning: the page model "seite" has a field "body" that no template reads
                hint: show it in seite.mustache (or a partial it includes), or leave it out of the model

                """
            ])
    }

    /// The shape of a model is read from its type: lists and optionals
    /// included, whatever an instance holds.
    @Test func modelShapeListsEveryField() {
        let shape = ModelShape.of(KreisModel.self)
        let card = shape.fields["sections"]?.fields["cards"]?.fields
        #expect(card?["rank"] == .html)
        #expect(card?["land"]?.fields["coverage"] == .html)
        #expect(shape.fields["type"] == .html)
        #expect(ModelShape.of(LayoutModel.self).fields["sortable"] == .flag)
    }
}
