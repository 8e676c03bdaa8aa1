/// Where to load an atlas from.
public struct LoadOptions: Sendable {
    /// The Data folder (atlas.yaml, themes.yaml, indicators/).
    public var data: String
    /// Overrides the source root named in atlas.yaml (`--sources DIR`).
    public var sources: String?
    /// The day the check runs (YYYY-MM-DD), for "not verified for too long";
    /// nil: today. Affects warnings only, never the site.
    public var today: String?

    public init(data: String = "Data", sources: String? = nil, today: String? = nil) {
        self.data = data
        self.sources = sources
        self.today = today
    }
}

/// What loading produced: the checked atlas (nil if any error was found),
/// every finding, and counts for the summary.
public struct LoadResult: Sendable {
    public var atlas: Atlas?
    public var diagnostics: Diagnostics
    public var statistics: LoadStatistics
    /// Every file read (path as shown) → content hash, for build-info.json.
    public var inputs: [String: String] = [:]

    public init(atlas: Atlas?, diagnostics: Diagnostics, statistics: LoadStatistics, inputs: [String: String] = [:]) {
        self.atlas = atlas
        self.diagnostics = diagnostics
        self.statistics = statistics
        self.inputs = inputs
    }
}

/// Stages *load* and *validate*: reads the definition and the source tables it
/// names, runs every rule, and reports every finding of the run at once.
public enum AtlasLoader {
    public static func load(_ options: LoadOptions, files: FileSource = LocalFiles()) -> LoadResult {
        var run = LoadRun(options: options, files: files)
        let atlas = run.run()
        return LoadResult(
            atlas: run.reporter.diagnostics.hasErrors ? nil : atlas, diagnostics: run.reporter.diagnostics,
            statistics: run.statistics, inputs: run.definitionFiles.inputs)
    }
}

/// The definition files of one load (small YAML files), shared by reference.
final class DefinitionFiles {
    var texts: [String: SourceText?] = [:]
    /// Files that exist but were not read (`FileAccess`), each reported once.
    var refused: Set<String> = []
    /// Files holding a hidden control character, each reported once.
    var hidden: Set<String> = []
    /// Every file read, definition or table: path → content hash.
    var inputs: [String: String] = [:]
}

/// The state of one load: the reporter, the tables read so far (each once).
struct LoadRun {
    let options: LoadOptions
    let files: FileSource
    let reporter = Reporter()
    let definitionFiles = DefinitionFiles()
    var statistics = LoadStatistics()
    var definition: AtlasDefinition!
    var sourceRoot = ""
    var tables: [String: Table?] = [:]
    var regions = Regions()
    /// Postcode → Kreise (the offers' postcode table), for the search.
    var postcodes: [String: [String]] = [:]
    /// Levels whose region table had errors: keys missing from them are a
    /// consequence, not news, and are not reported again in every data table.
    var incompleteLevels: Set<RegionLevel> = []

    init(options: LoadOptions, files: FileSource) {
        self.options = options
        self.files = files
    }

    mutating func run() -> Atlas? {
        let dataDir = Path.normalize(options.data)
        let atlasPath = Path.join(dataDir, "atlas.yaml")
        guard let atlasSource = readSource(atlasPath) else {
            if refused(atlasPath) { return nil }
            reporter.add(
                Diagnostic.error(
                    "no atlas definition: \(atlasPath) does not exist",
                    hint: files.isDirectory(dataDir)
                        ? "create \(atlasPath) (see Data/README.md)"
                        : "run atlas in the repository's top folder, or name the Data folder with --data DIR"))
            return nil
        }
        guard var def = DefinitionParser.parseAtlas(atlasSource, reporter: reporter) else { return nil }

        let themesPath = Path.join(dataDir, "themes.yaml")
        if let themesSource = readSource(themesPath) {
            def.topics = DefinitionParser.parseTopics(themesSource, languages: def.languages, reporter: reporter)
        } else if !refused(themesPath) {
            reporter.add(
                Diagnostic.error(
                    "no themes: \(themesPath) does not exist",
                    hint: "create it with one entry per theme: - {id: wohnen, title: {de: Wohnen, en: Housing}}"))
        }

        let indicatorDir = Path.join(dataDir, "indicators")
        for name in files.list(indicatorDir) where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard let src = readSource(Path.join(indicatorDir, name)) else { continue }
            if let indicator = DefinitionParser.parseIndicator(src, languages: def.languages, reporter: reporter) {
                def.indicators.append(indicator)
            }
        }
        def.indicators.sort { $0.id < $1.id }
        let keyDir = Path.join(dataDir, "keys")
        for name in files.list(keyDir) where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard let src = readSource(Path.join(keyDir, name)) else { continue }
            if let key = DefinitionParser.parseKey(src, languages: def.languages, reporter: reporter) { def.keys.append(key) }
        }
        def.keys.sort { $0.id < $1.id }
        // The key pages distribute a stated number of persons, never a default.
        if !def.keys.isEmpty && !def.personsGiven {
            reporter.add(
                atlasSource.diagnostic(
                    .error,
                    "the atlas has \(def.keys.count == 1 ? "a key" : "\(def.keys.count) keys") but atlas.yaml does not say how many persons \(def.keys.count == 1 ? "it distributes" : "they distribute")",
                    line: atlasSource.lastLine, column: 1,
                    hint: "add a section such as \"persons: {count: 329120, source: BAMF, Asylgeschäftsstatistik 2023}\""))
        }
        let capacityPath = Path.join(dataDir, "kapazitaet.yaml")
        if let src = readSource(capacityPath) {
            def.capacity = DefinitionParser.parseCapacity(src, languages: def.languages, reporter: reporter)
        }
        definition = def

        // The source root: --sources, else atlas.yaml's `sources`, relative to Data/.
        if let override = options.sources {
            sourceRoot = Path.normalize(override)
            if !files.isDirectory(sourceRoot) {
                reporter.add(
                    Diagnostic.error(
                        "the source root \(sourceRoot) (from --sources) is not a folder",
                        hint: "name the folder that holds the source tables, e.g. --sources ../shared/data/real"))
                return nil
            }
        } else if let s = def.sources {
            sourceRoot = Path.join(dataDir, s.value)
            if !files.isDirectory(sourceRoot) {
                reporter.add(
                    Diagnostic.error(
                        "the source root \(sourceRoot) is not a folder", at: s.location,
                        sourceLine: readSource(atlasPath)?.line(s.location.line), length: s.value.unicodeScalars.count,
                        hint:
                            "\"sources\" is relative to \(dataDir); fix the path or give the folder with --sources DIR")
                )
                return nil
            }
        } else {
            sourceRoot = dataDir
        }

        checkReferences()
        checkCapacity()
        let parsedShapes = startParsingShapes()
        loadRegions()
        expandTableSets()
        var values = loadValues()
        applyReportingUnits(&values)
        aggregateGemeinden(&values)
        keepSecrets(&values)
        deriveIndicators(&values)
        let shapes = loadShapes(parsedShapes)
        let offers = loadOffers(shapes: shapes[.kreis] ?? [], values: &values)
        definition.indicators.sort { $0.id < $1.id }
        let keyShares = computeKeys(values)
        let extraComponents = extraComponents(values)
        let pages = loadPages(languages: definition.languages)
        let peerGroupOf = loadPeerGroups()
        statistics.indicators = definition.indicators.count
        for level in regions.levels { statistics.regions[level] = regions.count(level) }
        var atlas = Atlas(definition: definition, sourceRoot: sourceRoot, regions: regions, values: values)
        atlas.offers = offers
        atlas.shapes = shapes
        atlas.keyShares = keyShares
        atlas.extraComponents = extraComponents
        atlas.pages = pages
        atlas.peerGroupOf = peerGroupOf
        atlas.postcodes = postcodes
        return atlas
    }

    /// The capacity definition names keys and indicators that exist.
    func checkCapacity() {
        guard let c = definition.capacity else { return }
        let ids = definition.indicators.map(\.id)
        for ref in [c.load, c.childcare, c.pupils, c.dwellings, c.vacancy] where !ids.contains(ref.value) {
            reporter.add(
                diagnostic(
                    .error, "the capacity definition names the unknown indicator \"\(ref.value)\"", at: ref,
                    hint: Suggestion.hint(for: ref.value, in: ids, otherwise: "name an indicator of Data/indicators")))
        }
        let keys = definition.keys.map(\.id)
        for ref in c.keys where !keys.contains(ref.value) {
            reporter.add(
                diagnostic(
                    .error, "the capacity definition names the unknown key \"\(ref.value)\"", at: ref,
                    hint: Suggestion.hint(for: ref.value, in: keys, otherwise: "name a key of Data/keys")))
        }
    }

    /// The folders files may be read from: the Data folder and the source root.
    var roots: [String] { [Path.normalize(options.data)] + (sourceRoot.isEmpty ? [] : [sourceRoot]) }

    /// A file of the Data folder or the source root; nil if it does not exist
    /// or must not be read (then after a finding, once per file: see `FileAccess`).
    func readFile(_ path: String) -> [UInt8]? {
        if let why = files.refusal(path, roots: roots) {
            if !definitionFiles.refused.contains(path) {
                definitionFiles.refused.insert(path)
                reporter.add(
                    Diagnostic.error(
                        "\(path) is not read: \(why)",
                        hint: "put the file itself into the Data folder or the source root; a link may only point inside them"))
            }
            return nil
        }
        guard let bytes = files.read(path) else { return nil }
        if let hidden = HiddenControls.first(in: bytes), definitionFiles.hidden.insert(path).inserted {
            let source = SourceText(path: path, bytes: bytes)
            let line = (source.lineStarts.lastIndex { $0 <= hidden.offset } ?? 0) + 1
            var column = 1
            for k in source.lineStarts[line - 1]..<hidden.offset where bytes[k] & 0xC0 != 0x80 { column += 1 }
            reporter.add(
                source.diagnostic(
                    .error, "this file holds \(hidden.what), invisible to readers but published on every page that shows the text",
                    line: line, column: column,
                    hint: "delete the character (an editor that shows invisible characters helps), then export the file again"))
        }
        return bytes
    }

    /// Whether `path` exists but was refused (its finding is given; "missing" would be wrong).
    func refused(_ path: String) -> Bool { definitionFiles.refused.contains(path) }

    /// A definition file, read once: diagnostics quote its lines later.
    func readSource(_ path: String) -> SourceText? {
        if let cached = definitionFiles.texts[path] { return cached }
        let text = readFile(path).map { SourceText(path: path, bytes: $0) }
        definitionFiles.texts[path] = text
        if let text { definitionFiles.inputs[path] = ContentHash.hex(text.bytes) }
        return text
    }

    /// A diagnostic pointing at a value written in the definition.
    func diagnostic(
        _ severity: Diagnostic.Severity, _ message: String, at located: Located<String>, hint: String? = nil
    ) -> Diagnostic {
        let line = readSource(located.location.path)?.line(located.location.line)
        return Diagnostic(
            severity, message, at: located.location, sourceLine: line, length: located.value.unicodeScalars.count,
            hint: hint)
    }

    /// The table with this id, read once; nil (after a diagnostic) if it is not
    /// declared, its file is missing or it cannot be read.
    /// The later files of a table set (`also:`) as tables of their own
    /// ("inkar+1", …), which every indicator reading the set reads after the
    /// first file.
    mutating func expandTableSets() {
        for (id, def) in definition.tables.sorted(by: { $0.key < $1.key }) where !def.also.isEmpty {
            for (k, file) in def.also.enumerated() {
                var member = def
                member.id = "\(id)+\(k + 1)"
                member.path = file.path
                member.also = []
                member.memberOf = id
                member.datenstand = file.datenstand?.value
                definition.tables[member.id] = member
            }
        }
    }

    mutating func table(_ ref: Located<String>, for user: String) -> Table? {
        if let cached = tables[ref.value] { return cached }
        guard let def = definition.tables[ref.value] else {
            let hint = Suggestion.hint(
                for: ref.value, in: definition.tables.keys, otherwise: "declare it under \"tables:\" in atlas.yaml")
            reporter.add(
                diagnostic(
                    .error, "\(user) refers to table \"\(ref.value)\", which is not declared in atlas.yaml",
                    at: ref, hint: hint))
            return nil  // not cached: each user of an unknown table is told
        }
        let base = def.root == .sources ? sourceRoot : Path.normalize(options.data)
        let path = Path.join(base, def.path.value)
        var result: Table?
        if let bytes = readFile(path) {
            definitionFiles.inputs[path] = ContentHash.hex(bytes)
            let src = SourceText(path: path, bytes: def.encoding == .utf8 ? bytes : Windows1252.utf8(bytes))
            let (table, diags): (Table?, [Diagnostic])
            switch def.form {
            case .plain:
                (table, diags) =
                    path.hasSuffix(".yaml") || path.hasSuffix(".yml")
                    ? YAMLTableReader.read(src) : CSVReader.read(src, dialect: def.dialect)
            case .genesisTable(let spec):
                (table, diags) = GenesisTableReader.read(src, spec: spec, keys: exportKeys)
            case .genesisFlat(let spec):
                (table, diags) = GenesisFlatReader.read(src, spec: spec, keys: exportKeys) { message, at, hint in
                    diagnostic(.error, message, at: at, hint: hint)
                }
            }
            reporter.add(contentsOf: diags)
            result = table
            // A later file of a set must have the first file's columns.
            if let set = def.memberOf, let t = table, let first = self.table(Located(set, at: def.path.location), for: user), t.header != first.header
            {
                let missing = first.header.filter { !t.header.contains($0) }, extra = t.header.filter { !first.header.contains($0) }
                reporter.add(
                    diagnostic(
                        .error,
                        "table \"\(set)\": the file \(path) has other columns than its first file"
                            + (missing.isEmpty ? "" : "; missing: \(missing.joined(separator: ", "))")
                            + (extra.isEmpty ? "" : "; not in the first file: \(extra.joined(separator: ", "))")
                            + (missing.isEmpty && extra.isEmpty ? " (in another order)" : ""),
                        at: def.path, hint: "the files of a table set share one layout; give a file of another layout a table of its own"))
                result = nil
            }
            statistics.tables += 1
            statistics.rows += table?.rows.count ?? 0
        } else if !refused(path) {
            reporter.add(
                diagnostic(
                    .error, "table \"\(def.memberOf ?? ref.value)\": the file \(path) does not exist", at: def.path,
                    hint:
                        "the path is relative to \(def.root == .sources ? "the source root \(sourceRoot)" : "the Data folder"); fix it, or give the source root with --sources DIR"
                ))
        }
        tables[ref.value] = .some(result)
        return result
    }

    /// How keys of official exports map onto the Kreise (regions are loaded first).
    var exportKeys: ExportKeys {
        ExportKeys(regions: regions, changes: definition.territorialChanges, gebietsstand: definition.gebietsstand)
    }

    /// The index of a named column, or nil after a diagnostic suggesting the nearest one.
    func column(_ ref: Located<String>, in table: Table, tableName: String) -> Int? {
        if let i = table.columnIndex(ref.value) { return i }
        let hint = Suggestion.hint(
            for: ref.value, in: table.header,
            otherwise: "the columns of \(table.path) are: \(table.header.joined(separator: ", "))")
        reporter.add(diagnostic(.error, "table \"\(tableName)\" has no column \"\(ref.value)\"", at: ref, hint: hint))
        return nil
    }
}
