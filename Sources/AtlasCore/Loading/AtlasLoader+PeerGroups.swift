/// Peer groups: each Kreis's group (e.g. its BBSR settlement type) from a
/// table; every Kreis must have one, and only the declared groups exist.
extension LoadRun {
    mutating func loadPeerGroups() -> [String: String] {
        guard let def = definition.peerGroups, let table = table(def.table, for: "peer_groups") else { return [:] }
        guard let keyIdx = column(def.keyColumn, in: table, tableName: def.table.value),
            let valueIdx = column(def.valueColumn, in: table, tableName: def.table.value)
        else { return [:] }
        let known = def.names.map(\.code)
        var out: [String: String] = [:]
        for row in table.rows {
            let code = row.cells[keyIdx], group = row.cells[valueIdx]
            guard regions.contains(code, level: .kreis) else {
                reporter.add(
                    table.diagnostic(
                        .error, "\"\(code)\" is no Kreis of the Gebietsstand \(definition.gebietsstand) (peer groups)", row: row, column: keyIdx,
                        hint: "the peer-group table needs one row per Kreis; declare its key rules under \"keys:\" of the table"))
                continue
            }
            guard known.contains(group) else {
                reporter.add(
                    table.diagnostic(
                        .error, "\"\(group)\" is not one of the peer groups \(known.joined(separator: ", "))", row: row, column: valueIdx,
                        hint: "declare it under \"names:\" of peer_groups in atlas.yaml, or correct the table"))
                continue
            }
            if let other = out[code], other != group {
                reporter.add(
                    table.diagnostic(
                        .error, "Kreis \(code) is in group \(other) and in group \(group)", row: row, column: valueIdx,
                        hint: "each Kreis belongs to one group"))
            }
            out[code] = group
        }
        let missing = regions.list(.kreis).filter { out[$0.code] == nil }
        if !missing.isEmpty, !incompleteLevels.contains(.kreis) {
            reporter.add(
                diagnostic(
                    .error,
                    "\(missing.count) Kreise have no peer group: \(missing.prefix(5).map { "\($0.code) \($0.name)" }.joined(separator: ", "))\(missing.count > 5 ? " …" : "")",
                    at: def.table, hint: "every Kreis must be in the peer-group table"))
        }
        return out
    }
}
