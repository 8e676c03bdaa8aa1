import ArgumentParser
import AtlasCore
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the atlas, then build the site (rendering comes with the site issue).")

    @OptionGroup var options: DataOptions

    @Option(help: "The folder to write the site to.")
    var output = "Site"

    func run() throws {
        let result = Console.check(options.loadOptions)
        if result.atlas == nil { throw ExitCode(1) }
        print(
            "atlas build: the data are checked; rendering pages is not implemented yet, so nothing was written to \(output)/"
        )
    }
}
