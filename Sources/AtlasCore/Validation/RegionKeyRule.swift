/// Rule: a region key in a table names a region of the atlas's Gebietsstand.
/// Catches the key Excel shortened (`1001` for `01001`), a Gemeinde key where a
/// Kreis key belongs, and a key retired by a territorial change (Eisenach 16056).
struct RegionKeyRule {
    let regions: Regions
    let changes: [TerritorialChange]
    let gebietsstand: String
    /// Where the list of regions of each level comes from, for hints.
    let listPaths: [RegionLevel: String]

    struct Finding: Error {
        var message: String
        var hint: String
        /// A well-formed key that is not in the region list.
        var unknown = false
    }

    func check(_ text: String, level: RegionLevel, column: String) -> Result<String, Finding> {
        let name = level.nameDE
        let len = level.keyLength
        guard !text.isEmpty else {
            return .failure(
                Finding(
                    message: "the \(name) key is empty (column \"\(column)\")",
                    hint: "write the \(len)-digit key of the region"))
        }
        guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .failure(
                Finding(
                    message: "\"\(text)\" is not a \(name) key (column \"\(column)\")",
                    hint: "a \(name) key has \(len) digits, e.g. \(example(level))"))
        }
        if text.utf8.count == len {
            if regions.contains(text, level: level) { return .success(text) }
            if let change = changes.first(where: { $0.level == level && $0.oldCode == text }) {
                return .failure(
                    Finding(
                        message:
                            "\(name) \"\(text)\" (\(change.oldName)) does not exist in the Gebietsstand \(gebietsstand) of this atlas (column \"\(column)\")",
                        hint:
                            "\(change.oldName) (\(change.oldCode)) was merged into \(change.newName) (\(change.newCode)) on \(change.date); use figures on the current Gebietsstand, e.g. the source's newer edition, not figures from before the change"
                    ))
            }
            return .failure(
                Finding(
                    message: "unknown \(name) key \"\(text)\" (column \"\(column)\")",
                    hint:
                        "no \(name) has this key in the Gebietsstand \(gebietsstand); the keys are listed in \(listPaths[level] ?? "the region table")",
                    unknown: true))
        }
        if text.utf8.count < len {
            let padded = String(repeating: "0", count: len - text.utf8.count) + text
            if let r = regions.region(padded, level: level) {
                return .failure(
                    Finding(
                        message:
                            "\(name) key \"\(text)\" has \(text.utf8.count) digits, but \(name) keys have \(len) (column \"\(column)\")",
                        hint:
                            "write \"\(padded)\" (\(r.name)): Excel drops leading zeros; format the key column as text before exporting"
                    ))
            }
        }
        if text.utf8.count > len, let parent = level.parentOfLonger(text) {
            let prefix = String(text.prefix(len))
            if regions.contains(prefix, level: level) {
                return .failure(
                    Finding(
                        message:
                            "\(name) key \"\(text)\" has \(text.utf8.count) digits, but \(name) keys have \(len) (column \"\(column)\")",
                        hint:
                            "this looks like a \(parent) key; its \(name) is \"\(prefix)\" (\(regions.region(prefix, level: level)!.name)). Give figures per \(name), or declare the table at level \(parent.lowercased())"
                    ))
            }
        }
        return .failure(
            Finding(
                message:
                    "\(name) key \"\(text)\" has \(text.utf8.count) digits, but \(name) keys have \(len) (column \"\(column)\")",
                hint: "write the \(len)-digit key, e.g. \(example(level))"))
    }

    func example(_ level: RegionLevel) -> String {
        switch level {
        case .land: "01 for Schleswig-Holstein"
        case .kreis: "01001 for Flensburg"
        case .gemeinde: "01001000 for Flensburg"
        }
    }
}

extension RegionLevel {
    /// The name of the level whose keys have `text`'s length, if finer than this one.
    fileprivate func parentOfLonger(_ text: String) -> String? {
        RegionLevel.allCases.first { $0.keyLength == text.count && $0 > self }?.nameDE
    }
}
