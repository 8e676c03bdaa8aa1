import ArgumentParser
import AtlasCore
import Foundation

@main
struct AtlasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "Standortatlas: checks and builds the atlas of Germany's 400 districts.",
        discussion: "Exit codes: 0 ok, 1 errors in the data, 2 wrong usage.",
        subcommands: [Check.self, Build.self, Key.self, Serve.self]
    )

    /// ArgumentParser exits 64 on a usage error; the atlas promises 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                FileHandle.standardError.write(Data("Run 'atlas --help' for usage.\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every command that reads the atlas shares.
struct DataOptions: ParsableArguments {
    @Option(help: "The folder with the atlas definition (atlas.yaml, themes.yaml, indicators/).")
    var data = "Data"

    @Option(help: "The source root with the source tables; overrides \"sources\" in atlas.yaml.")
    var sources: String?

    /// Paths as the user reads them: relative to the working directory.
    var loadOptions: LoadOptions {
        let cwd = FileManager.default.currentDirectoryPath
        return LoadOptions(
            data: Path.relative(data, from: cwd), sources: sources.map { Path.relative($0, from: cwd) })
    }
}

/// The theme options of the commands that render (build, serve).
struct ThemeOptions: ParsableArguments {
    @Option(help: "The theme (a folder below --themes).")
    var theme = "default"

    @Option(help: "The folder with the themes.")
    var themes = "Themes"
}
