import AtlasCore
import Foundation
import Testing

/// Official exports read as they come: a GENESIS-Online flat CSV and a
/// Regionaldatenbank table in Latin-1 (`Tests/Fixtures/variants/genesis`,
/// laid over the mini atlas); each fixture of `genesis-invalid` has one
/// defect and gives exactly the messages in its expected.txt.
@Suite struct GenesisTests {
    static let genesisInvalid = Fixtures.root.appendingPathComponent("genesis-invalid")

    static func files(_ defect: String? = nil) -> MemoryFiles {
        var files = Fixtures.miniAtlas(overlay: "genesis", from: Fixtures.variants).files
        if let defect {
            for (path, bytes) in Fixtures.files(in: genesisInvalid.appendingPathComponent(defect)) where path != "expected.txt" {
                files[path] = bytes
            }
        }
        return MemoryFiles(bytes: files)
    }

    @Test func exportsLoadCleanWithTheirFigures() throws {
        let result = AtlasLoader.load(LoadOptions(data: "Data"), files: Self.files())
        #expect(Fixtures.render(result.diagnostics) == "")
        let atlas = try #require(result.atlas)

        // Flat CSV: the top-level categories summed over sex; the nested AK-2 is not added again.
        let schutz = try #require(atlas.values("schutz", level: .kreis))
        #expect(schutz.observation("01001", year: 2024) == Observation(value: 135))
        #expect(schutz.observation("01002", year: 2024) == Observation(value: 200))
        // A secret cell makes the sum secret, never a smaller number.
        #expect(schutz.observation("09162", year: 2024) == Observation(symbol: .unknownOrSecret))
        // The reporting unit: Wartburgkreis's figure belongs to the group, not to the Kreis.
        #expect(schutz.observation("16063", year: 2024) == nil)
        let group = try #require(schutz.group(of: "16051"))
        #expect(group.reportedBy == "16063")
        #expect(group.covers == ["16051", "16063"])
        #expect(group.series[2024] == Observation(value: 40))

        // Table form: only "Insgesamt" rows, hierarchy rows and parts left out as declared.
        let schueler = try #require(atlas.values("schueler", level: .kreis))
        #expect(schueler.observation("01001", year: 2023) == Observation(value: 150))
        #expect(schueler.observation("09162", year: 2023) == Observation(value: 300))
        #expect(schueler.observation("16063", year: 2023) == Observation(value: 180))
        #expect(schueler.series.count == 5)
    }

    static var defects: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: genesisInvalid.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(arguments: defects)
    func defectGivesItsExactMessage(_ name: String) throws {
        let result = AtlasLoader.load(LoadOptions(data: "Data", today: "2026-11-22"), files: Self.files(name))
        let rendered = Fixtures.render(result.diagnostics)
        let expectedURL = Self.genesisInvalid.appendingPathComponent(name).appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        #expect(rendered == (try String(contentsOf: expectedURL, encoding: .utf8)))
        #expect(result.diagnostics.errorCount >= 1)
        #expect(result.atlas == nil)
    }

    @Test func keysFitADeclaredRuleOrAreAFinding() {
        let regions = Regions([
            .land: [Region(code: "11", name: "Berlin", level: .land), Region(code: "01", name: "SH", level: .land)],
            .kreis: [
                Region(code: "11000", name: "Berlin", level: .kreis, parent: "11"),
                Region(code: "01001", name: "Flensburg", level: .kreis, parent: "01"),
                Region(code: "01002", name: "Kiel", level: .kreis, parent: "01"),
            ],
        ])
        let keys = ExportKeys(regions: regions, changes: [], gebietsstand: "2021-07-01")
        var rules = KeyRules()
        rules.leadingZeroLost = true
        rules.laender = .cityStates
        rules.eightDigits = true
        rules.parts = .leaveOut
        #expect(keys.classify("1001", rules: rules) == .kreis("01001"))
        #expect(keys.classify("11", rules: rules) == .kreis("11000"))
        #expect(keys.classify("1", rules: rules) == .leaveOut)
        #expect(keys.classify("01002000", rules: rules) == .kreis("01002"))
        #expect(keys.classify("11001001", rules: rules) == .leaveOut)
        if case .finding = keys.classify("DG", rules: rules) {} else { Issue.record("DG without a rule must be a finding") }
        if case .finding = keys.classify("1001", rules: KeyRules()) {} else { Issue.record("a lost zero must be declared") }
        if case .finding = keys.classify("01099", rules: rules) {} else { Issue.record("an unknown Kreis needs former_kreise") }
    }
}
