import AtlasCore

/// A theme: one logic-free template per page kind plus partials (`Template`),
/// static assets (CSS, the small sorting script) and the UI strings of each
/// language. Templates get page models (`PageModels.swift`) whose text is
/// `HTML`, escaped when it was made.
public struct Theme: Sendable {
    public var name: String
    let renderer: TemplateRenderer
    /// Path below assets/ → bytes.
    public var assets: [String: [UInt8]]
    /// Language → strings.
    public var strings: [String: Strings]
    /// Theme file (relative) → content hash, for build-info.json.
    public var inputs: [String: String] = [:]

    /// The page kinds, each a template of that name.
    public static var pageKinds: [String] { PageModels.kinds.map { $0.template } }

    init(name: String, templates: [String: Template], assets: [String: [UInt8]], strings: [String: Strings]) {
        self.name = name
        self.renderer = TemplateRenderer(templates: templates)
        self.assets = assets
        self.strings = strings
    }

    /// A page model rendered with its page kind's template.
    func render<M: PageModel>(_ model: M) -> String {
        renderer.render(M.template, TemplateValue.of(model))
    }

    /// Parses the templates and checks them against the page models (see
    /// `TemplateContract`); `paths` are the file paths shown in findings.
    static func parse(templates: [String: String], paths: [String: String]) -> ([String: Template], [Diagnostic]) {
        var parsed: [String: Template] = [:]
        var diagnostics: [Diagnostic] = []
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                parsed[name] = try Template(text)
            } catch {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                diagnostics.append(
                    .error(
                        error.message, at: SourceLocation(path: paths[name] ?? name, line: error.tag.line, column: error.tag.column),
                        sourceLine: error.tag.line <= lines.count ? String(lines[error.tag.line - 1]) : nil, length: error.tag.length,
                        hint: error.hint))
            }
        }
        guard diagnostics.isEmpty else { return (parsed, diagnostics) }
        return (parsed, TemplateContract.check(templates: parsed, paths: paths))
    }
}
