import Foundation
import Mustache
@testable import AtlasRender
import Testing

/// The memo must give exactly what mustache gives, for every context: random
/// contexts against templates that print values, test them in sections, loop
/// over lists, escape them, transform them and indent them in partials.
@Suite struct TemplateMemoTests {
    static let templates: [String: String] = [
        "plain": "<p>{{{a}}}</p>{{#b}}<i>{{{b}}}</i>{{/b}}{{^c}}none{{/c}}{{#list}}<li>{{{x}}}{{#flag}}!{{/flag}}</li>{{/list}}{{#items}}[{{{.}}}]{{/items}}{{{a}}}",
        "escaped": "<p>{{a}}</p>{{{b}}}",
        "upper": "<p>{{{a}}}</p>{{uppercased(b)}}",
        "reversed": "{{reversed(a)}}|{{{b}}}",
        "indent": "<div>\n  {{> part}}\n</div>\n",
        "part": "{{{a}}}\n{{{b}}}\nend {{{c}}}\n",
        "nested": "{{#list}}{{{a}}}:{{{x}}}{{#first}}F{{/first}}{{/list}}{{#n}}n={{n}}{{/n}}",
    ]

    static let pool = ["", "x", "a&b", "<em>b</em>", "line\n", "two\nlines\n", "Ümlaut ß", "\n", "&amp;", "{{a}}", "\u{F8FF}Lq0&Z\u{F8FE}"]

    func randomContext(_ g: inout SystemRandomNumberGenerator) -> [String: Any] {
        func value() -> HTML { HTML.trusted(Self.pool.randomElement(using: &g)!) }
        var context: [String: Any] = ["a": value(), "b": value(), "c": value()]
        context["list"] = (0..<Int.random(in: 0...3, using: &g)).map { _ -> [String: Any] in
            ["x": value(), "flag": Bool.random(using: &g)]
        }
        context["items"] = (0..<Int.random(in: 0...3, using: &g)).map { _ in value() }
        if Bool.random(using: &g) { context["n"] = Int.random(in: 0...2, using: &g) }
        return context
    }

    @Test func memoRendersWhatMustacheRenders() throws {
        var library = MustacheLibrary()
        for (name, text) in Self.templates { try library.register(text, named: name) }
        let memo = TemplateMemo()
        var g = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let context = randomContext(&g)
            for name in Self.templates.keys.sorted() where name != "part" {
                let direct = library.render(context, withTemplate: name) ?? ""
                #expect(memo.render(context, template: name, library: library) == direct, "\(name) \(context)")
            }
        }
        // Plans were made (the memo is in use) and refused where escaping
        // touches a value: those shapes are rendered as before.
        let shapes = memo.shapes
        #expect(shapes.planned > 50)
        #expect(shapes.refused > 0)
    }

    /// Escaping changes the sentinel: that shape is rendered by mustache, not
    /// planned. (A transform of an `HTML` value prints nothing either way, as
    /// `HTML` is not transformable; the random test covers it.)
    @Test func anEscapedValueRefusesThePlan() throws {
        var library = MustacheLibrary()
        for (name, text) in Self.templates { try library.register(text, named: name) }
        let memo = TemplateMemo()
        let context: [String: Any] = ["a": HTML.trusted("<b>"), "b": HTML.trusted("small")]
        #expect(memo.render(context, template: "escaped", library: library) == "<p>&lt;b&gt;</p>small")
        #expect(memo.shapes.planned == 0)
        #expect(memo.shapes.refused == 1)
        #expect(memo.render(context, template: "plain", library: library) == "<p><b></p><i>small</i>none<b>")
        #expect(memo.shapes.planned == 1)
    }
}
