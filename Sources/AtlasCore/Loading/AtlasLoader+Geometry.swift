/// Reads the borders named under `geometry:` and checks that shapes and
/// regions match one to one.
extension LoadRun {
    mutating func loadShapes() -> [RegionLevel: [RegionShape]] {
        var out: [RegionLevel: [RegionShape]] = [:]
        for (level, source) in definition.geometry.sorted(by: { $0.key < $1.key }) {
            let path = Path.join(sourceRoot, source.path.value)
            guard let bytes = files.read(path) else {
                reporter.add(diagnostic(
                    .error, "geometry \"\(level.rawValue)\": the file \(path) does not exist", at: source.path,
                    hint: "the path is relative to the source root \(sourceRoot)"))
                continue
            }
            definitionFiles.inputs[path] = ContentHash.hex(bytes)
            let (shapes, diagnostics) = GeoJSONReader.read(bytes, path: path, keyProperty: source.keyProperty, level: level)
            reporter.add(contentsOf: diagnostics)
            let fileLocation = SourceLocation(path: path, line: 0, column: 0)
            var byCode: [String: RegionShape] = [:]
            for shape in shapes {
                guard regions.contains(shape.code, level: level) else {
                    var hint = "remove the feature, or add the region to the region table"
                    if let change = definition.territorialChanges.first(where: { $0.level == level && $0.oldCode == shape.code }) {
                        hint = "\(change.oldName) (\(change.oldCode)) was merged into \(change.newName) (\(change.newCode)) on \(change.date); use borders of the Gebietsstand \(definition.gebietsstand)"
                    }
                    reporter.add(Diagnostic.error(
                        "feature \(shape.featureIndex) (\(source.keyProperty) \(shape.code)) has no region: no \(level.nameDE) \(shape.code) in the Gebietsstand \(definition.gebietsstand)",
                        at: fileLocation, hint: hint))
                    continue
                }
                byCode[shape.code] = shape
            }
            let missing = regions.list(level).filter { byCode[$0.code] == nil }
            if !missing.isEmpty && diagnostics.isEmpty {
                let shown = missing.prefix(5).map { "\($0.code) \($0.name)" }.joined(separator: ", ")
                reporter.add(Diagnostic.error(
                    "\(missing.count) \(missing.count == 1 ? level.nameDE : level.pluralDE) without a shape: \(shown)\(missing.count > 5 ? " …" : "")",
                    at: fileLocation, hint: "every region needs a feature with its key in properties.\(source.keyProperty)"))
            }
            out[level] = regions.list(level).compactMap { byCode[$0.code] }
        }
        return out
    }
}
