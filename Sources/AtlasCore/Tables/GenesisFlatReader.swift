import Foundation

/// Reads a GENESIS-Online flat CSV ("ffcsv"): one row per cell of the table,
/// each dimension a `N_variable_code` / `N_variable_attribute_code` column
/// pair, the figure in `value`. The declaration names the region dimension,
/// the dimensions to add up and, per column of the result, which attribute
/// codes it adds up; the result is an ordinary `Table` with the columns
/// `ags`, `year` and the declared ones, one row per Kreis and year.
///
/// Written for speed rather than on top of `CSVReader`: the Schutzsuchende
/// table is 33 MB and 116,738 rows of 25 fields, and making a String of every
/// field cost more than the rest of `atlas check`. Fields are located in the
/// bytes; only codes are interned (each distinct code becomes a String once).
enum GenesisFlatReader {
    /// `declared` makes a finding about a code written in atlas.yaml.
    static func read(
        _ source: SourceText, spec: GenesisFlatSpec, keys: ExportKeys,
        declared: (String, Located<String>, String?) -> Diagnostic
    ) -> (Table?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let bytes = source.bytes
        let lines = source.lineStarts
        guard bytes.firstIndex(of: UInt8(ascii: "\"")) == nil else {
            diagnostics.append(
                source.diagnostic(
                    .error, "this flat file has quoted fields, which GENESIS-Online's flat CSV does not write", line: 1, column: 1,
                    hint: "download the table again as \"CSV (flat)\"; or declare it as form: csv"))
            return (nil, diagnostics)
        }
        if let invalid = source.firstInvalidUTF8(from: source.bomLength, to: bytes.count) {
            return (nil, [source.notUTF8(at: invalid)])
        }
        func fields(line n: Int) -> [String] {
            (source.line(n) ?? "").split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        // The header: which field holds what.
        let header = fields(line: 1).map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        func index(_ name: String) -> Int? { header.firstIndex(of: name) }
        var dimensions: [(code: Int, attribute: Int)] = []
        var n = 1
        while let c = index("\(n)_variable_code"), let a = index("\(n)_variable_attribute_code") {
            dimensions.append((c, a))
            n += 1
        }
        guard let timeIdx = index("time"), let valueIdx = index("value"), !dimensions.isEmpty else {
            let missing = ["time", "value", "1_variable_code", "1_variable_attribute_code"].filter { index($0) == nil }
            diagnostics.append(
                source.diagnostic(
                    .error, "this is not a GENESIS flat CSV: the header has no column \(missing.map { "\"\($0)\"" }.joined(separator: ", "))",
                    line: 1, column: 1, hint: "download the table from GENESIS-Online as \"CSV (flat)\", or declare the table as form: csv"))
            return (nil, diagnostics)
        }
        let width = header.count

        // Pass over the rows: field boundaries, interned codes, running sums.
        var variables: [String?] = Array(repeating: nil, count: dimensions.count)
        var codes = Array(repeating: Interned(), count: dimensions.count)
        var times = Interned()
        var rows: [(line: Int, time: Int32, codes: [Int32], value: Observation)] = []
        rows.reserveCapacity(lines.count)
        var starts = [Int](repeating: 0, count: width + 1)
        var codeBuffer = [Int32](repeating: 0, count: dimensions.count)
        bytes.withUnsafeBufferPointer { b in
            for lineNo in 2...max(2, lines.count) where lineNo <= lines.count {
                let from = lines[lineNo - 1]
                var to = lineNo < lines.count ? lines[lineNo] : b.count
                while to > from, b[to - 1] == 0x0A || b[to - 1] == 0x0D { to -= 1 }
                if to == from { continue }
                var k = 0
                starts[0] = from
                var i = from
                while i < to, k < width {
                    if b[i] == UInt8(ascii: ";") {
                        k += 1
                        starts[k] = i + 1
                    }
                    i += 1
                }
                guard k == width - 1 else {
                    diagnostics.append(
                        source.diagnostic(
                            .error, "this row has \(k + 1) fields, but the header (line 1) has \(width)", line: lineNo, column: 1,
                            hint: "a flat CSV has one cell per row; the file may be cut off or edited by hand"))
                    continue
                }
                starts[width] = to + 1
                func field(_ f: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: b[starts[f]..<(starts[f + 1] - 1)])
                }
                for (d, dim) in dimensions.enumerated() {
                    if variables[d] == nil { variables[d] = String(decoding: field(dim.code), as: UTF8.self) }
                    codeBuffer[d] = codes[d].id(field(dim.attribute), line: lineNo, column: starts[dim.attribute] - from + 1)
                }
                let time = times.id(field(timeIdx), line: lineNo, column: starts[timeIdx] - from + 1)
                let valueField = field(valueIdx)
                var value = 0.0
                var plain = !valueField.isEmpty && valueField.count < 16
                for c in valueField {
                    guard c >= 0x30, c <= 0x39 else {
                        plain = false
                        break
                    }
                    value = value * 10 + Double(c - 0x30)
                }
                let observation: Observation
                if plain {
                    observation = Observation(value: value)
                } else {
                    let text = String(decoding: valueField, as: UTF8.self)
                    switch ValueParser.parse(text, dialect: .german) {
                    case .success(let o): observation = o
                    case .failure(let f):
                        diagnostics.append(
                            source.diagnostic(
                                .error, "\"\(text)\" is not a number (column \"value\")", line: lineNo, column: starts[valueIdx] - from + 1,
                                length: max(1, text.unicodeScalars.count), hint: f.hint))
                        continue
                    }
                }
                rows.append((lineNo, time, codeBuffer, observation))
            }
        }

        // The declaration against the codes the file holds.
        let dimensionNames = variables.map { $0 ?? "" }
        guard let regionDim = dimensionNames.firstIndex(of: spec.region.value) else {
            diagnostics.append(
                declared(
                    "the flat file has no dimension \"\(spec.region.value)\"", spec.region,
                    Suggestion.hint(
                        for: spec.region.value, in: dimensionNames, otherwise: "its dimensions are \(dimensionNames.joined(separator: ", "))")))
            return (nil, diagnostics)
        }
        var summed: Set<Int> = []
        for s in spec.sum {
            if let d = dimensionNames.firstIndex(of: s.value) {
                summed.insert(d)
            } else {
                diagnostics.append(
                    declared(
                        "the flat file has no dimension \"\(s.value)\"", s,
                        Suggestion.hint(for: s.value, in: dimensionNames, otherwise: "its dimensions are \(dimensionNames.joined(separator: ", "))")))
            }
        }
        // Per dimension and code: the columns that take it (a bit each).
        guard spec.columns.count <= 64 else {
            diagnostics.append(declared("a flat table can give at most 64 columns", spec.columns[64].name, nil))
            return (nil, diagnostics)
        }
        var masks = codes.map { [UInt64](repeating: 0, count: $0.strings.count) }
        for (d, _) in dimensions.enumerated() where d == regionDim || summed.contains(d) {
            for k in masks[d].indices { masks[d][k] = ~0 }
        }
        var ok = true
        for (c, column) in spec.columns.enumerated() {
            let bit: UInt64 = 1 << UInt64(c)
            var said: Set<Int> = []
            for (dimension, selection) in column.select {
                guard let d = dimensionNames.firstIndex(of: dimension.value), d != regionDim else {
                    ok = false
                    diagnostics.append(
                        declared(
                            "the flat file has no dimension \"\(dimension.value)\""
                                + (dimension.value == spec.region.value ? " to choose codes from (it is the region)" : ""),
                            dimension,
                            Suggestion.hint(
                                for: dimension.value, in: dimensionNames.filter { $0 != spec.region.value },
                                otherwise: "its dimensions are \(dimensionNames.joined(separator: ", "))")))
                    continue
                }
                said.insert(d)
                switch selection {
                case .all:
                    for k in masks[d].indices { masks[d][k] |= bit }
                case .codes(let list):
                    for code in list {
                        if let k = codes[d].strings.firstIndex(of: code.value) {
                            masks[d][k] |= bit
                        } else {
                            ok = false
                            let near = Suggestion.nearest(to: code.value, in: codes[d].strings, count: 3)
                            diagnostics.append(
                                declared(
                                    "dimension \(dimension.value) of the flat file has no code \"\(code.value)\"", code,
                                    near.isEmpty
                                        ? "its codes are \(codes[d].strings.sorted().prefix(12).joined(separator: ", "))"
                                        : "nearest codes: \(near.joined(separator: ", "))"))
                        }
                    }
                }
            }
            for d in dimensions.indices where d != regionDim && !summed.contains(d) && !said.contains(d) {
                ok = false
                diagnostics.append(
                    declared(
                        "column \"\(column.name.value)\" does not say which codes of dimension \(dimensionNames[d]) it takes", column.name,
                        "add \(dimensionNames[d]): [codes] to the column (codes: \(codes[d].strings.sorted().prefix(8).joined(separator: ", "))…), or list \(dimensionNames[d]) under \"sum:\" to add up all its codes"
                    ))
            }
        }
        guard ok, diagnostics.allSatisfy({ $0.severity != .error }) else { return (nil, diagnostics) }

        // Regions: each code classified once.
        let regionCodes = codes[regionDim]
        var target: [String?] = []
        for (k, code) in regionCodes.strings.enumerated() {
            switch keys.classify(code, rules: spec.keys) {
            case .kreis(let c): target.append(c)
            case .successor(let c, _): target.append(c)
            case .leaveOut, .leaveOutIfEmpty: target.append(nil)
            case .finding(let message, let hint):
                target.append(nil)
                let (line, column) = regionCodes.firstSeen[k]
                diagnostics.append(source.diagnostic(.error, message, line: line, column: column, length: code.unicodeScalars.count, hint: hint))
            }
        }
        // The sums per Kreis and year.
        struct Slot {
            var line: Int
            var regionColumn: Int
            var sums: [Double]
            var symbol: [Symbol?]
            var any: [Bool]
        }
        var slots: [String: Slot] = [:]
        let columnCount = spec.columns.count
        for row in rows {
            let region = Int(row.codes[regionDim])
            guard let kreis = target[region] else { continue }
            var mask: UInt64 = ~0
            for d in dimensions.indices { mask &= masks[d][Int(row.codes[d])] }
            let key = kreis + "|" + times.strings[Int(row.time)]
            var slot =
                slots.removeValue(forKey: key)
                ?? Slot(
                    line: regionCodes.firstSeen[region].line, regionColumn: regionCodes.firstSeen[region].column,
                    sums: Array(repeating: 0, count: columnCount), symbol: Array(repeating: nil, count: columnCount),
                    any: Array(repeating: false, count: columnCount))
            var m = mask
            while m != 0 {
                let c = m.trailingZeroBitCount
                m &= m - 1
                slot.any[c] = true
                if let v = row.value.value {
                    slot.sums[c] += v
                } else if let s = row.value.symbol, s != .nothing, s != .blank {
                    slot.symbol[c] = slot.symbol[c] == nil || slot.symbol[c] == s ? s : .unknownOrSecret
                }
            }
            slots[key] = slot
        }
        let names = ["ags", "year"] + spec.columns.map(\.name.value)
        var table = Table(
            source: source, header: names, headerColumns: Array(repeating: 1, count: names.count), headerLine: 1, rows: [],
            dialect: .german)
        for key in slots.keys.sorted() {
            let slot = slots[key]!
            let parts = key.split(separator: "|")
            guard let year = GenesisTableReader.year(of: String(parts[1])) else {
                diagnostics.append(
                    source.diagnostic(
                        .error, "\"\(parts[1])\" in column \"time\" is not a reference date", line: slot.line, column: 1,
                        hint: "GENESIS writes the reference date as 2024-12-31 or the year"))
                continue
            }
            var cells = [String(parts[0]), String(year)]
            for c in 0..<columnCount {
                // A selection without any cell: GENESIS leaves out empty cells.
                if let s = slot.symbol[c] {
                    cells.append(s.spelling)
                } else {
                    cells.append(slot.any[c] ? ValueParser.format(Observation(value: slot.sums[c]), dialect: .german) : Symbol.nothing.spelling)
                }
            }
            table.rows.append(
                Table.Row(line: slot.line, cells: cells, columns: Array(repeating: Int32(slot.regionColumn), count: cells.count)))
        }
        return (table, diagnostics)
    }

    /// Distinct codes of one field, each made a String once, with where it
    /// was first seen (for findings).
    struct Interned {
        var strings: [String] = []
        var firstSeen: [(line: Int, column: Int)] = []
        private var index: [UInt64: [Int32]] = [:]

        mutating func id(_ field: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> Int32 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for c in field { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
            if let candidates = index[h] {
                for id in candidates where strings[Int(id)].utf8.elementsEqual(field) { return id }
            }
            let id = Int32(strings.count)
            strings.append(String(decoding: field, as: UTF8.self))
            firstSeen.append((line, column))
            index[h, default: []].append(id)
            return id
        }
    }
}
