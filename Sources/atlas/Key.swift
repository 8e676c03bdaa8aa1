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

    @Option(
        name: .customLong("weight"),
        help:
            "A component's weight other than the key's, as component=weight (e.g. kita=1/2); repeat for more. District keys made of components only.")
    var weights: [String] = []

    @Option(
        name: .customLong("add"),
        help:
            "Add an indicator as one more component, as indicator=weight (e.g. arbeitslosenquote=1/3): a count by its share, a rate times the population, inverted where lower is better; as the key lab on the key's page does."
    )
    var extras: [String] = []

    func validate() throws {
        guard (0...KeyDefinition.maxPersons).contains(persons) else {
            throw ValidationError("--persons must be a number from 0 to \(KeyDefinition.maxPersons), not \(persons)")
        }
    }

    func run() throws {
        let result = AtlasLoader.load(options.loadOptions)
        guard let atlas = result.atlas else {
            Console.printDiagnostics(result.diagnostics)
            print(Console.summary(result, seconds: 0))
            throw ExitCode(1)
        }
        guard let published = atlas.keyShares[id] else {
            let known = atlas.keyShares.keys.sorted()
            throw ValidationError("unknown key \"\(id)\"; the keys are: \(known.joined(separator: ", "))")
        }
        let shares = try reweighted(published, atlas: atlas)
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
                    "\(r.code)  \(name)  \(String(format: "%9.5f %%", r.share * 100))  \(String(format: "%12.3f", r.quota))  \(Self.rightAligned(r.persons, width: 9))"
                )
            }
            print("sum: \(Console.grouped(rows.reduce(0) { $0 + $1.persons })) persons in \(rows.count) regions")
        }
    }
}

extension Key {
    /// A whole number right-aligned (not "%9d", which takes 32 bits: 1e11 persons printed negative).
    static func rightAligned(_ n: Int, width: Int) -> String {
        let text = String(n)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// The key's shares under the weights and added components given on the
    /// command line (KeyShares.withWeights, as the key lab computes them).
    func reweighted(_ shares: KeyShares, atlas: Atlas) throws -> KeyShares {
        guard !weights.isEmpty || !extras.isEmpty else { return shares }
        guard case .composite(let parts) = shares.key.kind, shares.key.level == .kreis else {
            throw ValidationError("--weight and --add change district keys made of components; \"\(id)\" is not one")
        }
        func split(_ text: String, option: String) throws -> (String, Double) {
            let pair = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let w = KeyComponent.weight(pair[1]) else {
                throw ValidationError(
                    "--\(option) \(text): write name=weight, the weight a number from 0 to \(Int(KeyDefinition.maxWeight)) (e.g. 0.25) or a fraction such as 1/3"
                )
            }
            return (pair[0], w)
        }
        var w = parts.map(\.weight)
        for text in weights {
            let (component, value) = try split(text, option: "weight")
            guard let k = parts.firstIndex(where: { $0.id == component }) else {
                throw ValidationError(
                    "--weight \(text): the key \"\(id)\" has no component \"\(component)\"; its components are: \(parts.map(\.id).joined(separator: ", "))"
                )
            }
            w[k] = value
        }
        let extra = try extras.map { text in
            let (indicator, value) = try split(text, option: "add")
            guard let c = atlas.extraComponents[indicator] else {
                throw ValidationError(
                    "--add \(text): \"\(indicator)\" is no indicator with district figures; these can be added: \(atlas.extraComponents.keys.sorted().joined(separator: ", "))"
                )
            }
            return (shares: c.shares, weight: value)
        }
        guard (w + extra.map(\.weight)).contains(where: { $0 > 0 }) else { throw ValidationError("at least one weight must be more than 0") }
        return shares.withWeights(w, extra: extra, kreise: atlas.regions.list(.kreis))
    }
}

extension Distribution.Method: ExpressibleByArgument {}
