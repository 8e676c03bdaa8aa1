import AtlasBuild
import AtlasCore
@testable import AtlasRender
import Foundation
import Testing

/// The theme owns the markup, and its templates are checked against the page
/// models when it loads: a misspelt variable, a missing partial, a field
/// printed escaped fail the build with the template's place; a model field no
/// template reads is a warning.
@Suite struct ThemeContractTests {
    let mini = Paths.fixtures.appendingPathComponent("mini/Data").path

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

    static let invalid = ["misspelled-variable", "missing-partial", "list-instead-of-body", "escaped-markup"]

    @Test(arguments: invalid)
    func brokenTemplateFailsTheBuildWithItsPlace(_ name: String) throws {
        let themes = try Self.theme("themes-invalid/\(name)", name: name)
        defer { try? FileManager.default.removeItem(at: themes) }
        let out = themes.appendingPathComponent("Site")
        let result = Builder.build(BuildOptions(load: LoadOptions(data: mini), themes: themes.path, theme: name, output: out.path))
        #expect(result.hasErrors)
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written")
        let rendered = result.diagnostics.sorted.map(DiagnosticRenderer.render).joined()
            .replacingOccurrences(of: themes.path + "/", with: "")
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
        defer { try? FileManager.default.removeItem(at: themes) }
        let out = themes.appendingPathComponent("Site")
        let result = Builder.build(BuildOptions(load: LoadOptions(data: mini), themes: themes.path, theme: "rank-below", output: out.path))
        #expect(!result.hasErrors, "\(result.diagnostics.all.map(DiagnosticRenderer.render))")
        let page = Paths.text(out, "kreis/01001/index.html")
        let cards = page.components(separatedBy: "<article class=\"card rank-below\"").dropFirst()
        #expect(cards.count >= 3)
        for card in cards {
            let figures = try #require(card.range(of: "<div class=\"figures\">"))
            let rank = try #require(card.range(of: "<p class=\"rank\">Rang: "))
            #expect(figures.lowerBound < rank.lowerBound, "the rank stands below the charts")
            #expect(!card.contains("<dt>Rang</dt>"))
        }
        // The default theme keeps it in the facts.
        let defaultOut = themes.appendingPathComponent("Default")
        #expect(!Paths.build(data: mini, output: defaultOut.path).hasErrors)
        #expect(Paths.text(defaultOut, "kreis/01001/index.html").contains("<dt>Rang</dt>"))
    }

    /// A field that no template reads is a warning naming it; the build goes on.
    @Test func unreadModelFieldIsAWarning() {
        var templates: [String: String] = [:]
        var paths: [String: String] = [:]
        for kind in PageModels.kinds { templates[kind.template] = ""; paths[kind.template] = "t/\(kind.template).mustache" }
        templates["liste"] = "<h1>{{{title}}}</h1>\n"
        let findings = TemplateContract.check(templates: templates, paths: paths, only: "liste")
        #expect(findings.map(DiagnosticRenderer.render) == [
            """
            t/liste.mustache:1:1: warning: the page model "liste" has a field "body" that no template reads
            hint: show it in liste.mustache (or a partial it includes), or leave it out of the model

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
