import ArgumentParser
import AtlasBuild
import AtlasCore
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the atlas, then render the site and replace the output folder atomically.")

    @OptionGroup var options: DataOptions

    @OptionGroup var look: ThemeOptions

    @Option(help: "The folder to write the site to; replaced only by a complete build.")
    var output = "Site"

    @Option(name: .customLong("base-url"), help: "The address the site is published at, for canonical links.")
    var baseURL: String?

    @Flag(
        help:
            "A build for the public (the nightly job): refuse a missing or local base URL and placeholders [[…]] left in Data/pages, one message each."
    )
    var publish = false

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        // Progress only on a terminal: logs of CI stay clean.
        var progress: (@Sendable (Int, Int) -> Void)?
        if isatty(STDERR_FILENO) != 0 {
            progress = { done, total in
                let end = done == total ? "\n" : ""
                FileHandle.standardError.write(Data("\rrendering pages: \(done)/\(total)\(end)".utf8))
            }
        }
        var build = BuildOptions(
            load: options.loadOptions, themes: look.themes, theme: look.theme, output: output, baseURL: baseURL, progress: progress)
        build.publish = publish
        let result = Builder.build(build)
        var all = result.load.diagnostics
        all.append(contentsOf: result.diagnostics.all)
        Console.printDiagnostics(all)
        let seconds = (clock.now - start) / .seconds(1)
        if result.skipped {
            print(
                "atlas build: no input, option or program changed since the last build; nothing rendered or written (\(String(format: "%.2f", seconds)) s)"
            )
            return
        }
        guard !result.hasErrors, let site = result.summary else {
            print(Console.summary(result.load, seconds: seconds))
            let more = result.diagnostics.all.filter { $0.severity == .error }.count
            print("atlas build failed\(more > 0 ? " (\(more) more errors after the check)" : ""): nothing was written; \(output)/ is unchanged")
            throw ExitCode(1)
        }
        let stages = result.stages.map { String(format: "%@ %.2f s", $0.name, $0.seconds) }.joined(separator: ", ")
        let nothing = result.report.map { $0.added + $0.changed + $0.removed == 0 } ?? false
        print(
            "atlas build: \(Console.grouped(site.pageCount)) pages, \(Console.grouped(site.fileCount)) files, "
                + "\(Console.grouped(site.byteCount)) bytes \(nothing ? "rendered" : "written to \(output)/") in \(String(format: "%.2f", seconds)) s (\(stages))"
        )
        if let report = result.report { print("atlas build: " + report.summary + (nothing ? "; nothing written" : "")) }
    }
}
