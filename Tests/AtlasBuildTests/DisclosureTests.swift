import AtlasBuild
import AtlasCore
import AtlasTestSupport
import Foundation
import Testing

/// Issue 18, item 2: no published figure lets anyone re-derive a secret one.
/// The fixture is built to leak: Gemeinde counts of 1 and 2, one secret
/// Gemeinde ("."), Kreis and Land totals from tables of their own, and a
/// total with its two categories. The test reads the published download
/// (daten/atlas.csv) as an attacker would, sets up every sum it knows of
/// (Kreis = Σ Gemeinden, Land = Σ Kreise, total = Σ categories) and solves
/// them exactly (fractions, not floating point) for every cell it cannot
/// read. The same solver run on the source tables finds the leak, so the
/// test can fail.
@Suite struct DisclosureTests {
    /// A cell of the download: indicator, level, code.
    struct Cell: Hashable, Comparable, CustomStringConvertible {
        var indicator: String, level: String, code: String
        static func < (a: Cell, b: Cell) -> Bool { (a.indicator, a.level, a.code) < (b.indicator, b.level, b.code) }
        var description: String { "\(indicator) \(level) \(code)" }
    }

    /// total = Σ parts.
    struct Sum { var total: Cell, parts: [Cell] }

    /// An exact fraction (the sums have coefficients ±1; numbers stay small).
    struct Fraction: Equatable {
        var n: Int, d: Int
        init(_ n: Int, _ d: Int = 1) {
            let g = Self.gcd(abs(n), abs(d))
            let s = d < 0 ? -1 : 1
            self.n = g == 0 ? 0 : s * n / g
            self.d = g == 0 ? 1 : s * d / g
        }
        static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        static func - (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d - b.n * a.d, a.d * b.d) }
        static func * (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.n, a.d * b.d) }
        static func / (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d, a.d * b.n) }
        var isZero: Bool { n == 0 }
    }

    /// The cells a reader cannot read that the sums determine exactly: the
    /// unknowns' coefficient rows brought to reduced row echelon form; an
    /// unknown is determined when its pivot row holds no other unknown.
    static func determined(_ sums: [Sum], known: [Cell: Int]) -> Set<Cell> {
        var unknowns: [Cell] = []
        var column: [Cell: Int] = [:]
        var rows: [[Int: Fraction]] = []
        for s in sums {
            var row: [Int: Fraction] = [:]
            for (c, sign) in [(s.total, 1)] + s.parts.map({ ($0, -1) }) where known[c] == nil {
                if column[c] == nil {
                    column[c] = unknowns.count
                    unknowns.append(c)
                }
                row[column[c]!] = (row[column[c]!] ?? Fraction(0)) - Fraction(-sign)  // + sign
            }
            row = row.filter { !$0.value.isZero }
            if !row.isEmpty { rows.append(row) }
        }
        // Gauss–Jordan, exact.
        var pivots: [(column: Int, row: [Int: Fraction])] = []
        for var row in rows {
            for pivot in pivots where row[pivot.column] != nil {
                let f = row[pivot.column]!
                for (col, v) in pivot.row { row[col] = (row[col] ?? Fraction(0)) - f * v }
                row = row.filter { !$0.value.isZero }
            }
            guard let j = row.keys.min() else { continue }
            let f = row[j]!
            row = row.mapValues { $0 / f }
            for k in pivots.indices where pivots[k].row[j] != nil {
                let g = pivots[k].row[j]!
                for (col, v) in row { pivots[k].row[col] = (pivots[k].row[col] ?? Fraction(0)) - g * v }
                pivots[k].row = pivots[k].row.filter { !$0.value.isZero }
            }
            pivots.append((j, row))
        }
        return Set(pivots.filter { $0.row.count == 1 }.map { unknowns[$0.column] })
    }

    /// The sums an attacker knows of, from the fixture's region tables and
    /// the categories of "faelle".
    static func sums(regions: URL) throws -> [Sum] {
        func rows(_ name: String) throws -> [[String]] {
            try String(contentsOf: regions.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").dropFirst()
                .map { line in
                    // Names with commas are quoted; the codes stand first and last.
                    let cells = line.split(separator: ",").map(String.init)
                    return [cells.first!, cells.last!]
                }
        }
        let gemeinden = try rows("gemeinden.csv"), kreise = try rows("kreise.csv")
        var sums: [Sum] = []
        for kreis in kreise {
            sums.append(
                Sum(
                    total: Cell(indicator: "faelle", level: "kreis", code: kreis[0]),
                    parts: gemeinden.filter { $0[1] == kreis[0] }.map { Cell(indicator: "faelle", level: "gemeinde", code: $0[0]) }))
            sums.append(
                Sum(
                    total: Cell(indicator: "faelle", level: "kreis", code: kreis[0]),
                    parts: ["faelle-offen", "faelle-entschieden"].map { Cell(indicator: $0, level: "kreis", code: kreis[0]) }))
        }
        for land in Set(kreise.map { $0[1] }) {
            sums.append(
                Sum(
                    total: Cell(indicator: "faelle", level: "land", code: land),
                    parts: kreise.filter { $0[1] == land }.map { Cell(indicator: "faelle", level: "kreis", code: $0[0]) }))
        }
        return sums
    }

    @Test func noSecretFigureCanBeReDerivedFromTheDownload() throws {
        let mini = try Paths.mini(overlay: "disclosure")
        let out = mini.deletingLastPathComponent().appendingPathComponent("Site")
        let result = Paths.build(data: mini.appendingPathComponent("Data").path, output: out.path)
        #expect(!result.hasErrors)
        let sums = try Self.sums(regions: mini.appendingPathComponent("sources"))

        // The source tables as they are: Gemeinde B (".") is Wartburgkreis's 25
        // minus 1, 7 and 12 — the leak this issue is about.
        var raw: [Cell: Int] = [:]
        func read(_ file: String, level: String, columns: [String: String]) throws {
            let lines = try String(contentsOf: mini.appendingPathComponent("sources/\(file)"), encoding: .utf8).split(separator: "\n")
            let header = lines[0].split(separator: ",").map(String.init)
            for line in lines.dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                for (column, indicator) in columns {
                    let text = cells[header.firstIndex(of: column)!]
                    if let v = Int(text) { raw[Cell(indicator: indicator, level: level, code: cells[0])] = v }
                    if text == "–" { raw[Cell(indicator: indicator, level: level, code: cells[0])] = 0 }
                }
            }
        }
        try read("faelle_gemeinden.csv", level: "gemeinde", columns: ["faelle": "faelle"])
        try read("faelle_kreise.csv", level: "kreis", columns: ["faelle": "faelle", "offen": "faelle-offen", "entschieden": "faelle-entschieden"])
        try read("faelle_laender.csv", level: "land", columns: ["faelle": "faelle"])
        #expect(Self.determined(sums, known: raw) == [Cell(indicator: "faelle", level: "gemeinde", code: "16063002")])
        #expect(raw[Cell(indicator: "faelle", level: "gemeinde", code: "16063001")] == 1)

        // The download: every figure a reader can read, and the cells shown as ".".
        var published: [Cell: Int] = [:]
        var secret: Set<Cell> = []
        for line in Paths.text(out, "daten/atlas.csv").components(separatedBy: "\r\n").dropFirst() where line.contains(",faelle") {
            // level,code,name,indicator,year,value,symbol,…; the name may be quoted with a comma.
            let unquoted = line.replacingOccurrences(of: "\"[^\"]*\"", with: "name", options: .regularExpression)
            let f = unquoted.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f[3].hasPrefix("faelle"), f[3] != "faelle-je-1000" else { continue }
            let cell = Cell(indicator: f[3], level: f[0], code: f[1])
            if let v = Double(f[5]) {
                published[cell] = Int(v)
            } else if f[6] == "–" {
                published[cell] = 0
            } else {
                secret.insert(cell)
            }
            // No small count is published, at any level.
            if let v = Double(f[5]) { #expect(v == 0 || v >= 3, "\(cell) = \(v) is published") }
        }
        let leaks = Self.determined(sums, known: published)
        #expect(leaks.isEmpty, "re-derivable from the download: \(leaks.sorted())")
        // The small counts and the secret cell are among the hidden; the rest stays published.
        for c in [
            Cell(indicator: "faelle", level: "gemeinde", code: "16063001"), Cell(indicator: "faelle", level: "gemeinde", code: "16063002"),
            Cell(indicator: "faelle", level: "gemeinde", code: "16051000"), Cell(indicator: "faelle", level: "kreis", code: "16051"),
            Cell(indicator: "faelle-entschieden", level: "kreis", code: "01001"),
        ] {
            #expect(secret.contains(c), "\(c) must be secret")
        }
        #expect(secret.count == 9, "\(secret.sorted())")
        #expect(published[Cell(indicator: "faelle", level: "land", code: "16")] == 27)
        // A rate whose numerator is secret is secret too.
        let csv = Paths.text(out, "daten/atlas.csv")
        #expect(csv.contains("kreis,16063,Wartburgkreis,faelle-je-1000,2022,,.,"))
        #expect(csv.contains("kreis,16051,\"Erfurt, Stadt\",faelle-je-1000,2022,,.,"))
        // The Steckbrief shows the "." too, not a figure formed otherwise.
        let page = Paths.text(out, "kreis/16063/index.html")
        #expect(!page.contains(">25<") && !page.contains(">25 "), "the secondary cell's figure is not on the page")
        // The indicator page says how its figures are protected.
        #expect(Paths.text(out, "indikator/faelle/index.html").contains("Werte von 1 bis 2 stehen als „.“ (geheim zu halten)"))
    }

    /// The atlas's own exact check finds what the simple rule misses: three
    /// sums with two unknown cells each (no single sum gives one away) that
    /// together determine all three — L = A + B, A = C + D, B = C + E.
    @Test func theExactCheckCatchesWhatNoSingleSumShows() {
        typealias C = DisclosureControl.Cell
        let l = C("x", .land, "L", 2022), a = C("x", .kreis, "A", 2022), b = C("x", .kreis, "B", 2022)
        let c = C("x", .gemeinde, "C", 2022), d = C("x", .gemeinde, "D", 2022), e = C("x", .gemeinde, "E", 2022)
        var values: DisclosureControl.Values = [:]
        func set(_ cell: C, _ o: Observation) {
            values[cell.indicator, default: [:]][cell.level, default: IndicatorValues(level: cell.level)].series[cell.code, default: [:]][cell.year] =
                o
        }
        for cell in [a, b, c] { set(cell, Observation(symbol: .unknownOrSecret)) }
        set(l, Observation(value: 10))
        set(d, Observation(value: 1))
        set(e, Observation(value: 2))
        let relations = [
            DisclosureControl.Relation(total: l, parts: [a, b]),
            DisclosureControl.Relation(total: a, parts: [c, d]),
            DisclosureControl.Relation(total: b, parts: [c, e]),
        ]
        #expect(DisclosureControl.determined(relations, values: values) == [a, b, c].sorted())
        let outcome = DisclosureControl.protect(&values, minimum: [:], relations: relations)
        #expect(!outcome.secondary.isEmpty)
        #expect(DisclosureControl.determined(relations, values: values).isEmpty)
    }
}
