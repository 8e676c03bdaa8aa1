import AtlasCore
import Mustache

/// A theme: one logic-free mustache template per page kind plus partials,
/// static assets (CSS, the small sorting script) and the UI strings of each
/// language. Views get ready-made `HTML` values from Swift.
public struct Theme: Sendable {
    public var name: String
    let library: MustacheLibrary
    /// Path below assets/ → bytes.
    public var assets: [String: [UInt8]]
    /// Language → strings.
    public var strings: [String: Strings]
    /// Theme file (relative) → content hash, for build-info.json.
    public var inputs: [String: String] = [:]

    /// The page kinds, each a template of that name.
    public static var pageKinds: [String] { PageModels.kinds.map { $0.template } }

    public init(name: String, templates: [String: String], assets: [String: [UInt8]], strings: [String: Strings]) throws {
        var lib = MustacheLibrary()
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            try lib.register(text, named: name)
        }
        self.name = name
        self.library = lib
        self.assets = assets
        self.strings = strings
    }

    /// A page model rendered with its page kind's template.
    func render(_ model: any PageModel) -> String {
        library.render(ModelContext.make(model), withTemplate: type(of: model).template) ?? ""
    }

    /// Checks the templates against the page models (see `TemplateContract`).
    static func checkContract(templates: [String: String], paths: [String: String]) -> [Diagnostic] {
        TemplateContract.check(templates: templates, paths: paths)
    }
}
