import AtlasCore
import Foundation

extension Theme {
    /// Reads Themes/<name>/: templates/*.mustache, assets/*, i18n/<lang>.yaml.
    /// Problems come back as diagnostics (nil theme), like data errors.
    public static func load(directory: String, languages: [String]) -> (Theme?, [Diagnostic]) {
        let fm = FileManager.default
        var diagnostics: [Diagnostic] = []
        let name = (directory as NSString).lastPathComponent
        guard fm.fileExists(atPath: directory) else {
            return (nil, [Diagnostic.error("the theme folder \(directory) does not exist", hint: "name a folder below Themes/ with --theme NAME")])
        }
        // Only regular files inside the theme folder are read (a link to
        // /etc/passwd among the assets would publish it).
        var refused: Set<String> = []
        func read(_ path: String) -> Data? {
            if let why = FileAccess.refusal(path, roots: [directory]) {
                refused.insert(path)
                diagnostics.append(
                    Diagnostic.error("\(path) is not read: \(why)", hint: "put the file itself into the theme folder \(directory)"))
                return nil
            }
            return fm.contents(atPath: path)
        }
        var templates: [String: String] = [:]
        var templatePaths: [String: String] = [:]
        var inputs: [String: String] = [:]
        let tdir = directory + "/templates"
        for file in ((try? fm.contentsOfDirectory(atPath: tdir)) ?? []).sorted() where file.hasSuffix(".mustache") {
            if let data = read(tdir + "/" + file) {
                templates[String(file.dropLast(".mustache".count))] = String(decoding: data, as: UTF8.self)
                templatePaths[String(file.dropLast(".mustache".count))] = tdir + "/" + file
                inputs["templates/" + file] = ContentHash.hex([UInt8](data))
            }
        }
        for kind in pageKinds where templates[kind] == nil && !refused.contains("\(tdir)/\(kind).mustache") {
            diagnostics.append(
                Diagnostic.error("the theme \(name) has no template \(tdir)/\(kind).mustache", hint: "every page kind needs its template"))
        }
        let (parsed, templateDiagnostics) = parse(templates: templates, paths: templatePaths)
        diagnostics += templateDiagnostics
        var assets: [String: [UInt8]] = [:]
        let adir = directory + "/assets"
        for file in ((try? fm.contentsOfDirectory(atPath: adir)) ?? []).sorted() where !file.hasPrefix(".") {
            if let data = read(adir + "/" + file) {
                assets[file] = [UInt8](data)
                inputs["assets/" + file] = ContentHash.hex([UInt8](data))
            }
        }
        var strings: [String: Strings] = [:]
        for lang in languages {
            let path = "\(directory)/i18n/\(lang).yaml"
            guard let data = read(path) else {
                if !refused.contains(path) {
                    diagnostics.append(Diagnostic.error("the theme \(name) has no strings for \"\(lang)\": \(path) is missing"))
                }
                continue
            }
            inputs["i18n/\(lang).yaml"] = ContentHash.hex([UInt8](data))
            let (texts, ds) = StringTable.parse(SourceText(path: path, bytes: [UInt8](data)))
            diagnostics.append(contentsOf: ds)
            strings[lang] = Strings(language: lang, texts: texts)
        }
        if let de = strings["de"] {
            for (lang, s) in strings where lang != "de" {
                for key in de.keys.subtracting(s.keys).sorted() {
                    diagnostics.append(
                        Diagnostic.error(
                            "the theme \(name) has no \"\(lang)\" text for \"\(key)\"", hint: "add \(key): … to \(directory)/i18n/\(lang).yaml"))
                }
            }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        var theme = Theme(name: name, templates: parsed, assets: assets, strings: strings)
        theme.inputs = inputs
        return (theme, diagnostics)
    }
}
