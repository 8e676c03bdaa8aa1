import Foundation

/// Reads the borders named under `geometry:` and checks that shapes and
/// regions match one to one.
extension LoadRun {
    /// The border files read and parsed, on another core while the tables
    /// are read (parsing needs nothing else of the atlas); `loadShapes` waits
    /// for it and checks the shapes against the regions.
    final class ParsedShapes: @unchecked Sendable {
        let group = DispatchGroup()
        var results: [RegionLevel: ([RegionShape], [Diagnostic])] = [:]

        var parsed: [RegionLevel: ([RegionShape], [Diagnostic])] {
            group.wait()
            return results
        }
    }

    mutating func startParsingShapes() -> ParsedShapes {
        let parsed = ParsedShapes()
        var jobs: [(RegionLevel, [UInt8], String, String)] = []
        for (level, source) in definition.geometry.sorted(by: { $0.key < $1.key }) {
            let path = Path.join(sourceRoot, source.path.value)
            guard let bytes = readFile(path) else { continue }
            definitionFiles.inputs[path] = ContentHash.hex(bytes)
            jobs.append((level, bytes, path, source.keyProperty))
        }
        let work = jobs
        DispatchQueue.global().async(group: parsed.group) {
            for (level, bytes, path, key) in work {
                parsed.results[level] = GeoJSONReader.read(bytes, path: path, keyProperty: key, level: level)
            }
        }
        return parsed
    }

    mutating func loadShapes(_ parsedShapes: ParsedShapes) -> [RegionLevel: [RegionShape]] {
        var out: [RegionLevel: [RegionShape]] = [:]
        let parsed = parsedShapes.parsed
        for (level, source) in definition.geometry.sorted(by: { $0.key < $1.key }) {
            let path = Path.join(sourceRoot, source.path.value)
            guard let (shapes, diagnostics) = parsed[level] else {
                reporter.add(
                    diagnostic(
                        .error, "geometry \"\(level.rawValue)\": the file \(path) does not exist", at: source.path,
                        hint: "the path is relative to the source root \(sourceRoot)"))
                continue
            }
            reporter.add(contentsOf: diagnostics)
            let fileLocation = SourceLocation(path: path, line: 0, column: 0)
            var byCode: [String: RegionShape] = [:]
            for shape in shapes {
                guard regions.contains(shape.code, level: level) else {
                    var hint = "remove the feature, or add the region to the region table"
                    if let change = definition.territorialChanges.first(where: { $0.level == level && $0.oldCode == shape.code }) {
                        hint =
                            "\(change.oldName) (\(change.oldCode)) was merged into \(change.newName) (\(change.newCode)) on \(change.date); use borders of the Gebietsstand \(definition.gebietsstand)"
                    }
                    reporter.add(
                        Diagnostic.error(
                            "feature \(shape.featureIndex) (\(source.keyProperty) \(shape.code)) has no region: no \(level.nameDE) \(shape.code) in the Gebietsstand \(definition.gebietsstand)",
                            at: fileLocation, hint: hint))
                    continue
                }
                byCode[shape.code] = shape
            }
            let missing = regions.list(level).filter { byCode[$0.code] == nil }
            if !missing.isEmpty && diagnostics.isEmpty {
                let shown = missing.prefix(5).map { "\($0.code) \($0.name)" }.joined(separator: ", ")
                reporter.add(
                    Diagnostic.error(
                        "\(missing.count) \(missing.count == 1 ? level.nameDE : level.pluralDE) without a shape: \(shown)\(missing.count > 5 ? " …" : "")",
                        at: fileLocation, hint: "every region needs a feature with its key in properties.\(source.keyProperty)"))
            }
            out[level] = regions.list(level).compactMap { byCode[$0.code] }
        }
        return out
    }
}
