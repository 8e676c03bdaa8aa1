/// The editorial pages (Impressum, Barrierefreiheit, Datenschutz, Methodik):
/// `Data/pages/<slug>.<language>.md`, in every language of the atlas. Read by
/// `atlas check` too, through the same guard as every other file.
extension LoadRun {
    func loadPages(languages: [String]) -> [PageSource] {
        let dir = Path.join(Path.normalize(options.data), "pages")
        var pages: [PageSource] = []
        var slugs: [String: Set<String>] = [:]
        for file in files.list(dir) where file.hasSuffix(".md") && file != "README.md" {
            let path = Path.join(dir, file)
            let parts = file.dropLast(3).split(separator: ".")
            guard parts.count == 2, languages.contains(String(parts[1])) else {
                reporter.add(
                    Diagnostic.error(
                        "\(path): an editorial page must be named <slug>.<language>.md", hint: "e.g. impressum.de.md and impressum.en.md"))
                continue
            }
            slugs[String(parts[0]), default: []].insert(String(parts[1]))
            guard let bytes = readFile(path) else {
                if !refused(path) { reporter.add(Diagnostic.error("\(path) cannot be read")) }
                continue
            }
            definitionFiles.inputs[path] = ContentHash.hex(bytes)
            let source = SourceText(path: path, bytes: bytes)
            if let bad = source.firstInvalidUTF8(from: 0, to: bytes.count) {
                reporter.add(source.notUTF8(at: bad, yaml: true))
                continue
            }
            pages.append(PageSource(slug: String(parts[0]), language: String(parts[1]), markdown: String(decoding: bytes, as: UTF8.self), path: path))
        }
        for (slug, langs) in slugs.sorted(by: { $0.key < $1.key }) {
            for l in languages where !langs.contains(l) {
                reporter.add(
                    Diagnostic.error(
                        "\(Path.join(dir, slug + "." + l + ".md")) is missing", hint: "every editorial page exists in every language of the atlas"))
            }
        }
        return pages
    }
}
