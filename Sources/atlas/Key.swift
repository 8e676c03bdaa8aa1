import ArgumentParser
import AtlasCore
import AtlasDistribution
import AtlasRender
import Foundation

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Distribute a number of persons by a distribution key (Data/keys/<id>.yaml), in whole persons.")

    enum Level: String, ExpressibleByArgument, CaseIterable { case land, kreis }
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

    @OptionGroup var options: DataOptions

    @Argument(help: "The key's id, e.g. koenigstein-2019.")
    var id: String

    @Option(help: "How many persons to distribute.")
    var persons: Int

    @Option(help: "Per Land or per district (Kreis).")
    var level: Level = .land

    @Option(help: "hare (largest remainder) or sainte-lague.")
    var method: Distribution.Method = .hare

    @Option(help: "table (for people) or csv: code, name, share, quota, persons.")
    var format: Format = .table

    @Flag(
        name: .customLong("two-stage"), help: "Per district: first the Länder, then the districts within each Land (always so for a Land-level key).")
    var twoStage = false

    func validate() throws {
        guard persons >= 0 else { throw ValidationError("--persons must be 0 or more") }
    }

    func run() throws {
        let result = AtlasLoader.load(options.loadOptions)
        guard let atlas = result.atlas else {
            Console.printDiagnostics(result.diagnostics)
            print(Console.summary(result, seconds: 0))
            throw ExitCode(1)
        }
        guard let shares = atlas.keyShares[id] else {
            let known = atlas.keyShares.keys.sorted()
            throw ValidationError("unknown key \"\(id)\"; the keys are: \(known.joined(separator: ", "))")
        }
        let rows: [Distribution.Row]
        do {
            rows =
                level == .land
                ? try Distribution.laender(shares, atlas: atlas, persons: persons, method: method)
                : try Distribution.kreise(shares, atlas: atlas, persons: persons, method: method, twoStage: twoStage || shares.kreis == nil)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        switch format {
        case .csv:
            // The same layout as the key downloads of the site.
            print(CSVExport.keyCSV([(level.rawValue, rows)]), terminator: "")
        case .table:
            let nameWidth = min(44, rows.map(\.name.count).max() ?? 10)
            print("\(shares.key.title["de"]) – \(Console.grouped(persons)) persons, \(method.rawValue), per \(level.rawValue)")
            for r in rows {
                let name =
                    r.name.count > nameWidth
                    ? String(r.name.prefix(nameWidth - 1)) + "…" : r.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                print(
                    "\(r.code)  \(name)  \(String(format: "%9.5f %%", r.share * 100))  \(String(format: "%12.3f", r.quota))  \(String(format: "%9d", r.persons))"
                )
            }
            print("sum: \(Console.grouped(rows.reduce(0) { $0 + $1.persons })) persons in \(rows.count) regions")
        }
    }
}

extension Distribution.Method: ExpressibleByArgument {}
