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

        // The dimensions' variable codes, from the first data row.
        let first = fields(line: 2)
        guard first.count == width else {
            diagnostics.append(
                source.diagnostic(
                    .error, "the flat file has no data row with \(width) fields after its header", line: 2, column: 1,
                    hint: "download the table again as \"CSV (flat)\""))
            return (nil, diagnostics)
        }
        let dimensionNames = dimensions.map { first[$0.code] }
        func unknownDimension(_ name: Located<String>, _ extra: String = "") -> Diagnostic {
            declared(
                "the flat file has no dimension \"\(name.value)\"\(extra)", name,
                Suggestion.hint(
                    for: name.value, in: dimensionNames.filter { $0 != spec.region.value },
                    otherwise: "its dimensions are \(dimensionNames.joined(separator: ", "))"))
        }
        guard let regionDim = dimensionNames.firstIndex(of: spec.region.value) else {
            diagnostics.append(unknownDimension(spec.region))
            return (nil, diagnostics)
        }
        var summed: Set<Int> = []
        for name in spec.sum {
            if let d = dimensionNames.firstIndex(of: name.value) { summed.insert(d) } else { diagnostics.append(unknownDimension(name)) }
        }
        guard spec.columns.count <= 64 else {
            diagnostics.append(declared("a flat table can give at most 64 columns", spec.columns[64].name, nil))
            return (nil, diagnostics)
        }
        // Dimensions a column does not mention (reported after the pass, with their codes).
        var unsaid: [(Located<String>, Int)] = []
        // Per column and dimension: the codes it takes (nil: all).
        var chosen = Array(repeating: [Int: Set<String>?](), count: spec.columns.count)
        for (c, column) in spec.columns.enumerated() {
            for (dimension, selection) in column.select {
                guard let d = dimensionNames.firstIndex(of: dimension.value), d != regionDim else {
                    diagnostics.append(
                        unknownDimension(dimension, dimension.value == spec.region.value ? " to choose codes from (it is the region)" : ""))
                    continue
                }
                switch selection {
                case .all: chosen[c][d] = .some(nil)
                case .codes(let list): chosen[c][d] = .some(Set(list.map(\.value)))
                }
            }
            for d in dimensions.indices where d != regionDim && !summed.contains(d) && chosen[c][d] == nil { unsaid.append((column.name, d)) }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        /// The columns that take a code of a dimension (a bit each).
        let (fixedChosen, fixedSummed) = (chosen, summed)
        let mask: @Sendable (Int, String) -> UInt64 = { d, code in
            if d == regionDim || fixedSummed.contains(d) { return ~0 }
            var m: UInt64 = 0
            for c in fixedChosen.indices {
                if let set = fixedChosen[c][d], set.map({ $0.contains(code) }) ?? true { m |= 1 << UInt64(c) }
            }
            return m
        }
        let dims = dimensions

        // The rows in pieces on all cores, each piece with its own codes and
        // slots (fields located in the bytes, codes interned, figures added
        // into their (region, time) slot at once); then merged by code text.
        let columnCount = spec.columns.count
        let lastLine = lines.count
        let pieces = lastLine > 20_000 ? ProcessInfo.processInfo.activeProcessorCount : 1
        let bounds = (0...pieces).map { k in 2 + (lastLine - 1) * k / pieces }
        let passes = ParallelSlots<Pass>(count: pieces)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            bytes.withUnsafeBufferPointer { b in
                var pass = Pass(dimensions: dims.count)
                var starts = [Int](repeating: 0, count: width + 1)
                for lineNo in bounds[piece]..<bounds[piece + 1] where lineNo <= lastLine {
                    let from = lines[lineNo - 1]
                    var to = lineNo < lines.count ? lines[lineNo] : b.count
                    while to > from, b[to - 1] == 0x0A || b[to - 1] == 0x0D { to -= 1 }
                    if to == from { continue }
                    let k = fieldStarts(b, from: from, to: to, into: &starts, width: width)
                    guard k == width - 1 else {
                        pass.diagnostics.append(
                            source.diagnostic(
                                .error, "this row has \(k + 1) fields, but the header (line 1) has \(width)", line: lineNo, column: 1,
                                hint: "a flat CSV has one cell per row; the file may be cut off or edited by hand"))
                        continue
                    }
                    starts[width] = to + 1
                    func field(_ f: Int) -> UnsafeBufferPointer<UInt8> {
                        UnsafeBufferPointer(rebasing: b[starts[f]..<(starts[f + 1] - 1)])
                    }
                    var rowMask: UInt64 = ~0
                    var region: Int32 = 0
                    for d in dims.indices {
                        let a = dims[d].attribute
                        let id = pass.codes[d].id(field(a), line: lineNo, column: starts[a] - from + 1)
                        if Int(id) == pass.masks[d].count { pass.masks[d].append(mask(d, pass.codes[d].strings[Int(id)])) }
                        rowMask &= pass.masks[d][Int(id)]
                        if d == regionDim { region = id }
                    }
                    let time = pass.times.id(field(timeIdx), line: lineNo, column: starts[timeIdx] - from + 1)
                    let slot = pass.slot(region: region, time: time, columns: columnCount)
                    if rowMask == 0 { continue }
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
                    var symbol: Symbol?
                    if !plain {
                        let text = String(decoding: valueField, as: UTF8.self)
                        switch ValueParser.parse(text, dialect: .german) {
                        case .success(let o):
                            value = o.value ?? 0
                            symbol = o.symbol
                        case .failure(let f):
                            pass.diagnostics.append(
                                source.diagnostic(
                                    .error, "\"\(text)\" is not a number (column \"value\")", line: lineNo, column: starts[valueIdx] - from + 1,
                                    length: max(1, text.unicodeScalars.count), hint: f.hint))
                            continue
                        }
                    }
                    var m = rowMask
                    while m != 0 {
                        let c = m.trailingZeroBitCount
                        m &= m - 1
                        pass.add(at: slot * columnCount + c, value: value, symbol: symbol)
                    }
                }
                passes.set(piece, pass)
            }
        }
        // The pieces merged: codes by their text (first seen earliest), slots by (region, time).
        var codes = Array(repeating: CodeList(), count: dimensions.count)
        var times = CodeList()
        var slotOf: [Int: Int] = [:]
        var slotKeys: [(region: Int32, time: Int32)] = []
        var sums: [Double] = []
        var taken: [Bool] = []
        var symbols: [Symbol?] = []
        for piece in 0..<pieces {
            let pass = passes[piece]!
            diagnostics += pass.diagnostics
            let regionIDs = pass.codes[regionDim].strings.indices.map { k in
                codes[regionDim].id(pass.codes[regionDim].strings[k], seen: pass.codes[regionDim].firstSeen[k])
            }
            for d in dimensions.indices where d != regionDim {
                for k in pass.codes[d].strings.indices { _ = codes[d].id(pass.codes[d].strings[k], seen: pass.codes[d].firstSeen[k]) }
            }
            let timeIDs = pass.times.strings.indices.map { k in times.id(pass.times.strings[k], seen: pass.times.firstSeen[k]) }
            for (slot, key) in pass.slotKeys.enumerated() {
                let region = regionIDs[Int(key.region)], time = timeIDs[Int(key.time)]
                let global = Int(region) << 32 | Int(time)
                let target: Int
                if let known = slotOf[global] {
                    target = known
                } else {
                    target = slotKeys.count
                    slotOf[global] = target
                    slotKeys.append((region, time))
                    sums += repeatElement(0, count: columnCount)
                    taken += repeatElement(false, count: columnCount)
                    symbols += repeatElement(nil, count: columnCount)
                }
                for c in 0..<columnCount {
                    let from = slot * columnCount + c, to = target * columnCount + c
                    sums[to] += pass.sums[from]
                    taken[to] = taken[to] || pass.taken[from]
                    if let s = pass.symbols[from] { symbols[to] = symbols[to] == nil || symbols[to] == s ? s : .unknownOrSecret }
                }
            }
        }
        for (name, d) in unsaid {
            diagnostics.append(
                declared(
                    "column \"\(name.value)\" does not say which codes of dimension \(dimensionNames[d]) it takes", name,
                    "add \(dimensionNames[d]): [codes] to the column (codes: \(codes[d].strings.sorted().prefix(8).joined(separator: ", "))\(codes[d].strings.count > 8 ? " …" : "")), or list \(dimensionNames[d]) under \"sum:\" to add up all its codes"
                ))
        }
        // Codes named in the declaration that the file does not hold.
        for column in spec.columns {
            for (dimension, selection) in column.select {
                guard case .codes(let list) = selection, let d = dimensionNames.firstIndex(of: dimension.value) else { continue }
                for code in list where !codes[d].strings.contains(code.value) {
                    let near = Suggestion.nearest(to: code.value, in: codes[d].strings, count: 3)
                    diagnostics.append(
                        declared(
                            "dimension \(dimension.value) of the flat file has no code \"\(code.value)\"", code,
                            near.isEmpty ? "the file holds no code of \(dimension.value)" : "nearest codes: \(near.joined(separator: ", "))"))
                }
            }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }

        // Regions: each code classified once; slots of the same Kreis and
        // year (a former Kreis merged into its successor) added up.
        let regionCodes = codes[regionDim]
        var target: [String?] = []
        for (k, code) in regionCodes.strings.enumerated() {
            switch keys.classify(code, rules: spec.keys) {
            case .kreis(let c), .successor(let c, _): target.append(c)
            case .leaveOut, .leaveOutIfEmpty: target.append(nil)
            case .finding(let message, let hint):
                target.append(nil)
                let (line, column) = regionCodes.firstSeen[k]
                diagnostics.append(source.diagnostic(.error, message, line: line, column: column, length: code.unicodeScalars.count, hint: hint))
            }
        }
        var rowsByKey: [String: (line: Int, column: Int, sums: [Double], taken: [Bool], symbols: [Symbol?])] = [:]
        for (slot, key) in slotKeys.enumerated() {
            guard let kreis = target[Int(key.region)] else { continue }
            guard let year = GenesisTableReader.year(of: times.strings[Int(key.time)]) else {
                let (line, column) = times.firstSeen[Int(key.time)]
                diagnostics.append(
                    source.diagnostic(
                        .error, "\"\(times.strings[Int(key.time)])\" in column \"time\" is not a reference date", line: line, column: column,
                        hint: "GENESIS writes the reference date as 2024-12-31 or the year"))
                continue
            }
            let range = slot * columnCount..<(slot + 1) * columnCount
            let id = kreis + "|" + String(year)
            if var known = rowsByKey[id] {
                for (c, at) in range.enumerated() {
                    known.sums[c] += sums[at]
                    known.taken[c] = known.taken[c] || taken[at]
                    if let s = symbols[at] { known.symbols[c] = known.symbols[c] == nil || known.symbols[c] == s ? s : .unknownOrSecret }
                }
                rowsByKey[id] = known
            } else {
                let (line, column) = regionCodes.firstSeen[Int(key.region)]
                rowsByKey[id] = (line, column, Array(sums[range]), Array(taken[range]), Array(symbols[range]))
            }
        }
        let names = ["ags", "year"] + spec.columns.map(\.name.value)
        var table = Table(
            source: source, header: names, headerColumns: Array(repeating: 1, count: names.count), headerLine: 1, rows: [],
            dialect: .german)
        for id in rowsByKey.keys.sorted() {
            let r = rowsByKey[id]!
            let parts = id.split(separator: "|")
            var cells = [String(parts[0]), String(parts[1])]
            for c in 0..<columnCount {
                // A selection without any cell is "–": GENESIS leaves out empty cells.
                if let s = r.symbols[c] {
                    cells.append(s.spelling)
                } else {
                    cells.append(r.taken[c] ? ValueParser.format(Observation(value: r.sums[c]), dialect: .german) : Symbol.nothing.spelling)
                }
            }
            table.rows.append(Table.Row(line: r.line, cells: cells, columns: Array(repeating: Int32(r.column), count: cells.count)))
        }
        return (table, diagnostics)
    }

    /// Where the fields of a line start (`starts[0]` = `from`); returns the
    /// number of ";" found, stopping at `width`. Eight bytes at a time: a
    /// word's ";" bytes are found by the exact zero-byte test on the word
    /// XOR ";;;;;;;;" (the line loop was half of reading the 33 MB export).
    static func fieldStarts(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into starts: inout [Int], width: Int) -> Int {
        starts[0] = from
        var k = 0
        var i = from
        let raw = UnsafeRawPointer(b.baseAddress!)
        while i + 8 <= to {
            let t = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x3B3B_3B3B_3B3B_3B3B
            var m = ~(((t & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | t | 0x7F7F_7F7F_7F7F_7F7F)
            while m != 0 {
                k += 1
                if k >= width { return k }
                starts[k] = i + m.trailingZeroBitCount / 8 + 1
                m &= m - 1
            }
            i += 8
        }
        while i < to {
            if b[i] == UInt8(ascii: ";") {
                k += 1
                if k >= width { return k }
                starts[k] = i + 1
            }
            i += 1
        }
        return k
    }

    /// What one piece of the rows gave: its codes and its sums per (region, time).
    struct Pass {
        var codes: [Interned]
        var masks: [[UInt64]]
        var times = Interned()
        var slotOf: [Int: Int] = [:]
        var slotKeys: [(region: Int32, time: Int32)] = []
        var sums: [Double] = []
        var taken: [Bool] = []
        var symbols: [Symbol?] = []
        var diagnostics: [Diagnostic] = []

        init(dimensions: Int) {
            codes = Array(repeating: Interned(), count: dimensions)
            masks = Array(repeating: [], count: dimensions)
        }

        mutating func slot(region: Int32, time: Int32, columns: Int) -> Int {
            let key = Int(region) << 32 | Int(time)
            if let known = slotOf[key] { return known }
            let slot = slotKeys.count
            slotOf[key] = slot
            slotKeys.append((region, time))
            sums += repeatElement(0, count: columns)
            taken += repeatElement(false, count: columns)
            symbols += repeatElement(nil, count: columns)
            return slot
        }

        /// "–" and empty cells add nothing; another symbol makes the sum unknown.
        mutating func add(at i: Int, value: Double, symbol: Symbol?) {
            taken[i] = true
            if let s = symbol {
                if s != .nothing, s != .blank { symbols[i] = symbols[i] == nil || symbols[i] == s ? s : .unknownOrSecret }
            } else {
                sums[i] += value
            }
        }
    }

    /// The codes of all pieces, by text.
    struct CodeList {
        var strings: [String] = []
        var firstSeen: [(line: Int, column: Int)] = []
        private var index: [String: Int32] = [:]

        mutating func id(_ code: String, seen: (line: Int, column: Int)) -> Int32 {
            if let id = index[code] {
                if seen.line < firstSeen[Int(id)].line { firstSeen[Int(id)] = seen }
                return id
            }
            let id = Int32(strings.count)
            strings.append(code)
            firstSeen.append(seen)
            index[code] = id
            return id
        }
    }

    /// Distinct codes of one field, each made a String once, with where it
    /// was first seen (for findings). An open-addressing table on an FNV-1a
    /// hash of the bytes: half a million lookups per build, where a
    /// Dictionary keyed by String would make a String of every field.
    struct Interned {
        var strings: [String] = []
        var firstSeen: [(line: Int, column: Int)] = []
        private var bytes: [[UInt8]] = []
        private var slots = [Int32](repeating: -1, count: 64)
        private var hashes = [UInt64](repeating: 0, count: 64)

        mutating func id(_ field: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> Int32 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for c in field { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
            var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
            while slots[i] >= 0 {
                let id = slots[i]
                if hashes[i] == h, bytes[Int(id)].elementsEqual(field) { return id }
                i = (i + 1) & (slots.count - 1)
            }
            let id = Int32(strings.count)
            strings.append(String(decoding: field, as: UTF8.self))
            bytes.append(Array(field))
            firstSeen.append((line, column))
            slots[i] = id
            hashes[i] = h
            if strings.count * 2 > slots.count { grow() }
            return id
        }

        private mutating func grow() {
            let old = zip(slots, hashes).filter { $0.0 >= 0 }
            slots = [Int32](repeating: -1, count: slots.count * 2)
            hashes = [UInt64](repeating: 0, count: slots.count)
            for (id, h) in old {
                var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
                while slots[i] >= 0 { i = (i + 1) & (slots.count - 1) }
                slots[i] = id
                hashes[i] = h
            }
        }
    }
}
