/// Reads the region lists (Länder, Kreise, optionally Gemeinden) and checks
/// them: keys of the right length, each once, each with an existing parent
/// whose key it starts with (the AGS is hierarchical: LL R KK GGG).
extension LoadRun {
    mutating func loadRegions() {
        for level in RegionLevel.allCases {
            guard let def = definition.regions[level] else { continue }
            let user = "regions \"\(level.rawValue)\""
            let errorsBefore = reporter.diagnostics.errorCount
            defer { if reporter.diagnostics.errorCount > errorsBefore { incompleteLevels.insert(level) } }
            guard let table = table(def.table, for: user) else { continue }
            guard let keyCol = column(def.keyColumn, in: table, tableName: def.table.value),
                let nameCol = column(def.nameColumn, in: table, tableName: def.table.value)
            else { continue }
            let shortCol = def.shortNameColumn.flatMap { column($0, in: table, tableName: def.table.value) }
            let typeCol = def.typeColumn.flatMap { column($0, in: table, tableName: def.table.value) }
            let parentCol = def.parentColumn.flatMap { column($0, in: table, tableName: def.table.value) }
            var list: [Region] = []
            var firstLine: [String: Int] = [:]
            for row in table.rows {
                let code = row.cells[keyCol]
                guard code.count == level.keyLength, code.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
                    var hint = "a \(level.nameDE) key has \(level.keyLength) digits"
                    if code.count < level.keyLength, code.allSatisfy(\.isNumber) {
                        hint =
                            "write \"\(String(repeating: "0", count: level.keyLength - code.count) + code)\": Excel drops leading zeros; format the key column as text before exporting"
                    }
                    reporter.add(
                        table.diagnostic(
                            .error,
                            "\"\(code)\" is not a \(level.keyLength)-digit \(level.nameDE) key (column \"\(def.keyColumn.value)\")",
                            row: row, column: keyCol, hint: hint))
                    continue
                }
                if let first = firstLine[code] {
                    reporter.add(
                        table.diagnostic(
                            .error, "\(level.nameDE) \"\(code)\" is listed twice (first on line \(first))", row: row,
                            column: keyCol, hint: "keep one row per region"))
                    continue
                }
                firstLine[code] = row.line
                let name = row.cells[nameCol]
                if name.isEmpty {
                    reporter.add(
                        table.diagnostic(
                            .error, "\(level.nameDE) \"\(code)\" has no name (column \"\(def.nameColumn.value)\")",
                            row: row, column: nameCol))
                }
                var parent: String?
                if let parentLevel = level.parent {
                    // Without a parent column the AGS says it: its first digits.
                    let p = parentCol.map { row.cells[$0] } ?? String(code.prefix(parentLevel.keyLength))
                    if !regions.contains(p, level: parentLevel) {
                        reporter.add(
                            table.diagnostic(
                                .error,
                                "\(level.nameDE) \"\(code)\" names the unknown \(parentLevel.nameDE) \"\(p)\""
                                    + (def.parentColumn.map { " (column \"\($0.value)\")" } ?? " (the first digits of its key)"),
                                row: row, column: parentCol ?? keyCol,
                                hint:
                                    "write the \(parentLevel.keyLength)-digit key of a \(parentLevel.nameDE) listed in regions \"\(parentLevel.rawValue)\""
                            ))
                    } else if !code.hasPrefix(p) {
                        reporter.add(
                            table.diagnostic(
                                .error,
                                "\(level.nameDE) \"\(code)\" does not start with the key of its \(parentLevel.nameDE) \"\(p)\"",
                                row: row, column: parentCol ?? keyCol,
                                hint: "an AGS starts with the key of the region above it; check both keys"))
                    }
                    parent = p
                }
                list.append(
                    Region(
                        code: code, name: name,
                        shortName: shortCol.map { row.cells[$0] }.flatMap { $0.isEmpty ? nil : $0 },
                        level: level, parent: parent, type: typeCol.map { row.cells[$0] }))
            }
            regions.set(Self.toldApart(list), for: level)
        }
    }

    /// Names that can be told apart wherever a name stands alone: a city and
    /// the Landkreis around it share a name in the region table (Bamberg,
    /// Bamberg); each gets its type from the table, "Bamberg (kreisfreie
    /// Stadt)" and "Bamberg (Landkreis)". Names used once stay as they are.
    static func toldApart(_ list: [Region]) -> [Region] {
        var count: [String: Int] = [:]
        for r in list { count[r.name, default: 0] += 1 }
        var shortCount: [String: Int] = [:]
        for r in list { if let s = r.shortName { shortCount[s, default: 0] += 1 } }
        return list.map { r in
            guard let type = r.type, !type.isEmpty else { return r }
            var r = r
            if count[r.name, default: 0] > 1 { r.name += " (\(type))" }
            if let s = r.shortName, shortCount[s, default: 0] > 1 { r.shortName = s + " (\(type))" }
            return r
        }
    }
}
