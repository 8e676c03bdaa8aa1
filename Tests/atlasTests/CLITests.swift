import Foundation
import Testing

/// The `atlas` executable as a data editor runs it: exit codes 0 / 1 / 2 and
/// the one-line summary. Uses the binary built next to the test bundle.
@Suite struct CLITests {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atlas")
    }

    func run(_ arguments: [String], in directory: URL = Fixtures.root) throws -> (status: Int32, stdout: String, stderr: String) {
        let exe = Self.binary
        try #require(
            FileManager.default.isExecutableFile(atPath: exe.path), "atlas executable not found at \(exe.path)")
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        p.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func checkPassesWithSummaryAndExitZero() throws {
        let r = try run(["check", "--data", "mini/Data"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(
            r.stdout.hasPrefix(
                "atlas check passed: 3 Länder, 5 Kreise; 3 indicators; 24 figures and 6 symbols from 5 tables (38 rows); 0 errors, 0 warnings in "
            ))
    }

    @Test func dataErrorExitsOneWithThePathRelativeToTheWorkingDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Fixtures.mini, to: dir)
        let werte = dir.appendingPathComponent("sources/werte.csv")
        let text = try String(contentsOf: werte, encoding: .utf8).replacingOccurrences(
            of: "09162,2021,4.8", with: "09162,2021,4.8x")
        try text.write(to: werte, atomically: true, encoding: .utf8)
        let r = try run(["check", "--data", dir.appendingPathComponent("Data").path])
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "/sources/werte.csv:10:12: error: \"4.8x\" is not a number (column \"alq\")\n 10 | 09162,2021,4.8x\n    |            ^~~~\n"
            ))
        #expect(r.stdout.hasPrefix("atlas check failed: "))
    }

    @Test func unknownOptionIsAUsageErrorExitingTwo() throws {
        let r = try run(["check", "--dtaa", "mini/Data"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Unknown option '--dtaa'"))
    }

    /// The README's example: the 2019 Königstein key, 329,120 persons per Land, as CSV.
    @Test func keyCommandPrintsSixteenLaenderSummingToN() throws {
        let exe = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: exe.path))
        let p = Process()
        p.executableURL = exe
        p.arguments = ["key", "koenigstein-2019", "--persons", "329120", "--level", "land", "--format", "csv"]
        p.currentDirectoryURL = Fixtures.repository
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        // The layout of the site's key downloads (daten/schluessel-<id>.csv).
        let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "level,code,name,share,quota,persons")
        #expect(lines.count == 17)
        #expect(lines.dropFirst().map { Int($0.split(separator: ",").last!)! }.reduce(0, +) == 329_120)
        #expect(lines.contains("land,05,Nordrhein-Westfalen,0.2107592,69365.067904,69365"))
    }

    /// Other weights and an added component, as the key lab on the key's
    /// page computes them: all 400 districts, N in all, other persons than
    /// the published weights; an unknown component or indicator is named
    /// with the ones there are.
    @Test func keyCommandTakesOtherWeightsAndAnAddedComponent() throws {
        let base = ["key", "aufnahmekapazitaet", "--persons", "1000", "--level", "kreis", "--two-stage", "--format", "csv"]
        let published = try run(base, in: Fixtures.repository)
        let changed = try run(base + ["--weight", "kita=0", "--add", "1/arbeitslosenquote=1/3"], in: Fixtures.repository)
        #expect(published.status == 0 && changed.status == 0, "\(changed.stderr)")
        let rows = changed.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("kreis,") }
        #expect(rows.count == 400)
        #expect(rows.map { Int($0.split(separator: ",").last!)! }.reduce(0, +) == 1000)
        #expect(changed.stdout != published.stdout)
        let unknown = try run(base + ["--weight", "kitta=1"], in: Fixtures.repository)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("has no component \"kitta\"; its components are: bevoelkerung, kita, wohnraum"), "\(unknown.stderr)")
        let notIndicator = try run(base + ["--add", "nichts=1"], in: Fixtures.repository)
        #expect(notIndicator.stderr.contains("\"nichts\" is no indicator with district figures; these can be added: "), "\(notIndicator.stderr)")
    }

    /// Issue 18, item 5: a number of persons beyond any population and a weight
    /// beyond any number are usage errors naming the limit, not a crash
    /// (1e18 persons) or negative persons printed (1e11 through "%9d").
    @Test func keyCommandRefusesNumbersBeyondItsLimits() throws {
        let base = ["key", "aufnahmekapazitaet", "--level", "land"]
        for persons in ["100000000000", "1000000000000000000", "-5"] {
            let r = try run(base + ["--persons=\(persons)"], in: Fixtures.repository)
            #expect(r.status == 64 || r.status == 2 || r.status == 1, "\(persons): \(r.status)")
            #expect(r.stderr.contains("--persons must be a number from 0 to 100000000"), "\(persons): \(r.stderr)")
            #expect(!r.stdout.contains("-"), "no negative persons printed: \(r.stdout)")
        }
        for weight in ["1e400", "nan", "2000000"] {
            let r = try run(base + ["--persons", "1000", "--weight", "kita=\(weight)"], in: Fixtures.repository)
            #expect(r.status != 0)
            #expect(r.stderr.contains("the weight a number from 0 to 1000000"), "\(weight): \(r.stderr)")
        }
        let largest = try run(base + ["--persons", "100000000", "--format", "csv"], in: Fixtures.repository)
        #expect(largest.status == 0, "\(largest.stderr)")
        let persons = largest.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { Int($0.split(separator: ",").last!)! }
        #expect(persons.reduce(0, +) == 100_000_000)
    }

    /// `atlas build --publish` refuses what must not reach the public, one
    /// message each (issue 16, item 7): the bundled Data has no base URL and
    /// ten placeholders in its legal pages; nothing is written. A local build
    /// of the same data passes, and the publish build of the mini atlas (its
    /// address given, no placeholder) passes too.
    @Test func publishBuildRefusesALocalAddressAndPlaceholders() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("Site").path
        let r = try run(["build", "--publish", "--output", out], in: Fixtures.repository)
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        let errors = r.stderr.components(separatedBy: "\n").filter { $0.contains("error: ") }
        #expect(errors.count == 11, "\(errors)")
        #expect(
            errors.contains(
                "error: a published site needs its public address; without it sitemap.xml, robots.txt, the DCAT catalogue and 404.html would point at 127.0.0.1"
            ))
        #expect(errors.filter { $0.contains(": error: the placeholder \"[[") }.count == 10)
        #expect(
            errors.contains(
                "Data/pages/impressum.de.md:7:10: error: the placeholder \"[[E-Mail-Adresse und Telefonnummer]]\" is still in the page; it must not be published"
            ))
        // A placeholder over two lines is one finding, at the line where it opens.
        #expect(
            errors.contains {
                $0.hasPrefix("Data/pages/datenschutz.de.md:19:") && $0.contains("[[Betreiber des Webservers und Speicherdauer der Protokolle]]")
            })
        #expect(r.stdout.contains("atlas build failed (11 more errors after the check): nothing was written"))
        let local = try run(
            [
                "build", "--publish", "--data", "mini/Data", "--base-url", "https://atlas.bund.example.de/", "--themes",
                Fixtures.repository.appendingPathComponent("Themes").path, "--output", dir.appendingPathComponent("mini").path,
            ]
        )
        #expect(local.status == 0, "\(local.stderr)")
        let loopback = try run([
            "build", "--publish", "--data", "mini/Data", "--base-url", "http://127.0.0.1:8080/", "--themes",
            Fixtures.repository.appendingPathComponent("Themes").path, "--output", out,
        ])
        #expect(loopback.status == 1)
        #expect(loopback.stderr.contains("error: the site's address http://127.0.0.1:8080/ is not a public one"))
    }

    /// One cause, one message (issue 16, item 10): a year outside the
    /// indicator's span on five rows is one error with the other rows named,
    /// counted once; a table that cannot be read is one error, not one more
    /// for every key component reading an indicator from it; errors come
    /// before warnings.
    @Test func oneCauseOneMessage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-cause-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Fixtures.mini, to: dir)
        let indicator = dir.appendingPathComponent("Data/indicators/arbeitslosenquote.yaml")
        try String(contentsOf: indicator, encoding: .utf8).replacingOccurrences(
            of: "years: {from: 2019, to: 2021}", with: "years: {from: 2019, to: 2020}"
        )
        .write(to: indicator, atomically: true, encoding: .utf8)
        let r = try run(["check", "--data", dir.appendingPathComponent("Data").path])
        #expect(r.status == 1)
        #expect(r.stderr.components(separatedBy: "error: year 2021 is outside the years 2019–2020").count == 2, "\(r.stderr)")
        #expect(r.stderr.contains("… and the same on 4 more lines of this file: "), "\(r.stderr)")
        #expect(r.stdout.contains("; 1 error, "), "\(r.stdout)")

        // The real atlas with its main INKAR table misnamed: that one error, no follow-on from the keys.
        let data = dir.appendingPathComponent("Real")
        try FileManager.default.copyItem(at: Fixtures.repository.appendingPathComponent("Data"), to: data)
        let atlas = data.appendingPathComponent("atlas.yaml")
        try String(contentsOf: atlas, encoding: .utf8).replacingOccurrences(
            of: "indicators/inkar_kreise_1995-2021.csv", with: "indicators/inkar_kreise_1995-2022.csv"
        ).write(to: atlas, atomically: true, encoding: .utf8)
        let sources = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/data/real").path
        let missing = try run(["check", "--data", data.path, "--sources", sources])
        #expect(missing.status == 1)
        let errors = missing.stderr.components(separatedBy: "\n").filter { $0.contains(" error: ") || $0.hasPrefix("error: ") }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains("inkar_kreise_1995-2022.csv does not exist") == true)
        #expect(!missing.stderr.contains("did you mean"))
    }

    @Test func sourcesOverrideIsUsed() throws {
        let r = try run(["check", "--data", "mini/Data", "--sources", "does-not-exist"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: the source root does-not-exist (from --sources) is not a folder"))
    }

    /// The same inputs give the same site whatever the working directory:
    /// build-info.json names its inputs relative to the folder holding the
    /// Data folder (issue 18, item 9; absolute when run from / before).
    @Test func siteIsTheSameFromAnyWorkingDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-cwd-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = Fixtures.mini.appendingPathComponent("Data").path
        let themes = Fixtures.repository.appendingPathComponent("Themes").path
        var infos: [String] = []
        for (k, cwd) in [Fixtures.root, URL(fileURLWithPath: "/")].enumerated() {
            let out = dir.appendingPathComponent("Site-\(k)").path
            // Relative from the fixtures folder, absolute from /.
            let r = try run(["build", "--data", k == 0 ? "mini/Data" : data, "--themes", themes, "--output", out], in: cwd)
            #expect(r.status == 0, "\(r.stderr)")
            infos.append(try String(contentsOfFile: out + "/build-info.json", encoding: .utf8))
        }
        #expect(infos[0] == infos[1])
        #expect(infos[0].contains("\"Data/atlas.yaml\""), "\(infos[0])")
    }
}
