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
                        "an editorial page must be named <slug>.<language>.md, with a language of the atlas (\(languages.joined(separator: ", ")))",
                        at: SourceLocation(path: path, line: 0, column: 0), hint: "e.g. impressum.de.md and impressum.en.md"))
                continue
            }
            slugs[String(parts[0]), default: []].insert(String(parts[1]))
            guard let bytes = readFile(path) else {
                if !refused(path) { reporter.add(Diagnostic.error("the page cannot be read", at: SourceLocation(path: path, line: 0, column: 0))) }
                continue
            }
            definitionFiles.inputs[path] = ContentHash.hex(bytes)
            let source = SourceText(path: path, bytes: bytes)
            if let bad = source.firstInvalidUTF8(from: 0, to: bytes.count) {
                reporter.add(source.notUTF8(at: bad, yaml: true))
                continue
            }
            let markdown = String(decoding: bytes, as: UTF8.self)
            for link in MarkdownLinks.all(in: markdown) where !MarkdownLinks.isSafe(link.address) {
                reporter.add(
                    source.diagnostic(
                        .error, "the link address \"\(link.address)\" must start with https://, http:// or mailto: (or be a link within the site)",
                        line: link.line, column: link.column, length: link.address.unicodeScalars.count,
                        hint: "a javascript:, data: or vbscript: address would run in the reader's browser; write the web address the link leads to"))
            }
            pages.append(PageSource(slug: String(parts[0]), language: String(parts[1]), markdown: markdown, path: path))
        }
        for (slug, langs) in slugs.sorted(by: { $0.key < $1.key }) {
            for l in languages where !langs.contains(l) {
                reporter.add(
                    Diagnostic.error(
                        "the page is missing in this language", at: SourceLocation(path: Path.join(dir, slug + "." + l + ".md"), line: 0, column: 0),
                        hint: "every editorial page exists in every language of the atlas"))
            }
        }
        return pages
    }
}
