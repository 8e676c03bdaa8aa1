import AtlasCore
import AtlasRender
import Foundation

public struct BuildOptions: Sendable {
    public var load: LoadOptions
    /// Folder with the themes (Themes/).
    public var themes: String
    public var theme: String
    public var output: String
    /// The address the site is published at (for canonical links); nil: none.
    public var baseURL: String?
    /// Called as pages are rendered (done, total), e.g. to show progress on a terminal.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// A build for the public (the nightly job): refuses what must not be
    /// published (`PublishCheck`); a local build lets it pass.
    public var publish = false

    public init(
        load: LoadOptions = LoadOptions(), themes: String = "Themes", theme: String = "default", output: String = "Site",
        baseURL: String? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        self.load = load
        self.themes = themes
        self.theme = theme
        self.output = output
        self.baseURL = baseURL
        self.progress = progress
    }
}

public struct BuildResult: Sendable {
    public var load: LoadResult
    /// Findings of the theme and the editorial pages.
    public var diagnostics: Diagnostics
    /// The site in memory: only when rendered without writing (atlas serve).
    public var site: Site?
    /// Pages, files and bytes rendered.
    public var summary: RenderSummary?
    /// Whether Site/ was replaced.
    public var written: Bool
    /// What changed against the previous site.
    public var report: SiteWriter.Report?
    /// Nothing was rendered: no input, option or program changed since the last build.
    public var skipped = false
    /// Seconds per stage, in order.
    public var stages: [(name: String, seconds: Double)]

    public var hasErrors: Bool { load.diagnostics.hasErrors || diagnostics.hasErrors || !written }
}

/// The pipeline: load + validate (AtlasCore), compute + render (AtlasRender),
/// write atomically (SiteWriter). Any error stops it before the output folder
/// is touched.
public enum Builder {
    public static func build(_ options: BuildOptions) -> BuildResult {
        render(options, write: true)
    }

    /// Load, check and render; write the site only with `write` (atlas serve
    /// keeps it in memory).
    public static func render(_ options: BuildOptions, write: Bool) -> BuildResult {
        let clock = ContinuousClock()
        var stages: [(String, Double)] = []
        var t = clock.now
        func lap(_ name: String) {
            let now = clock.now
            stages.append((name, (now - t) / .seconds(1)))
            t = now
        }
        // The program's hash (18 MB read) on another core while the rest goes on.
        if write { DispatchQueue.global().async { _ = Fingerprint.programHash } }
        let fingerprintPath = SiteWriter.fingerprintPath(for: options.output)
        let previous =
            write
            ? FileManager.default.contents(atPath: fingerprintPath).flatMap { Fingerprint.parse(String(decoding: $0, as: UTF8.self)) }
            : nil
        // Unchanged inputs, options and program since the last build: nothing to do.
        if let fingerprint = previous, FileManager.default.fileExists(atPath: Path.join(options.output, "index.html")),
            fingerprint.matches(options)
        {
            lap("compare")
            var result = BuildResult(
                load: LoadResult(atlas: nil, diagnostics: Diagnostics(), statistics: LoadStatistics(), inputs: fingerprint.files),
                diagnostics: Diagnostics(), site: nil, written: true, report: SiteWriter.Report(), stages: stages)
            result.skipped = true
            return result
        }
        // The staging folder and the previous site's folders in it are made
        // while the atlas loads (on another core; discarded if the build fails).
        let early = write ? EarlyStream(output: options.output) : nil
        let load = AtlasLoader.load(options.load)
        lap("load+validate")
        var result = BuildResult(load: load, diagnostics: Diagnostics(), site: nil, written: false, report: nil, stages: [])
        guard let atlas = load.atlas else {
            early?.discard()
            result.stages = stages
            return result
        }
        if options.publish {
            result.diagnostics.append(contentsOf: PublishCheck.findings(atlas, baseURL: options.baseURL))
        }
        let (theme, themeDiagnostics) = AtlasRender.Theme.load(
            directory: Path.join(options.themes, options.theme), languages: atlas.definition.languages)
        result.diagnostics.append(contentsOf: themeDiagnostics)
        guard let theme, !result.diagnostics.hasErrors else {
            early?.discard()
            result.stages = stages
            return result
        }
        let (computed, computeDiagnostics) = SiteFacts.compute(atlas)
        result.diagnostics.append(contentsOf: computeDiagnostics)
        lap("compute")
        guard !result.diagnostics.hasErrors else {
            early?.discard()
            result.stages = stages
            return result
        }
        var inputs = load.inputs
        for (k, v) in theme.inputs { inputs[Path.join(Path.join(options.themes, options.theme), k)] = v }
        // build-info.json names the inputs relative to the folder that holds
        // the Data folder, so the site is the same whatever the working directory
        // (the fingerprint keeps the paths it reads the files by).
        let cwd = FileManager.default.currentDirectoryPath
        let project = Path.join(Path.join(cwd, options.load.data), "..")
        let published = Dictionary(inputs.map { (Path.relative(Path.join(cwd, $0.key), from: project), $0.value) }) { a, _ in a }
        guard write else {
            let site = SiteRenderer.render(
                atlas, computed: computed, theme: theme, baseURL: options.baseURL, progress: options.progress, inputs: published)
            lap("render")
            result.site = site
            result.summary = RenderSummary(pageCount: site.pageCount, fileCount: site.files.count, byteCount: site.byteCount)
            result.written = true
            result.stages = stages
            return result
        }
        do {
            let fingerprint = Fingerprint(options: options, files: inputs)
            // Pages go to the staging folder as they are rendered: the site is
            // never held whole in memory, and writing overlaps rendering.
            let stream = try early!.stream()
            let summary = SiteRenderer.render(
                atlas, computed: computed, theme: theme, baseURL: options.baseURL, progress: options.progress, inputs: published,
                into: stream)
            result.summary = summary
            lap("render+write")
            try? FileManager.default.removeItem(atPath: fingerprintPath)
            result.report = try stream.finish()
            result.written = true
            if fingerprint.isWritable {
                try? Data(fingerprint.text.utf8).write(to: URL(fileURLWithPath: fingerprintPath))
            } else {
                try? FileManager.default.removeItem(atPath: fingerprintPath)
            }
        } catch {
            let full = (error as? WriteFailure)?.isDiskFull == true
            result.diagnostics.append(
                Diagnostic.error(
                    "could not write the site to \(options.output): \(error)",
                    hint: full
                        ? "free space on that disk and build again; nothing was replaced (the previous site is unchanged) and the half-written copy is removed"
                        : "nothing was replaced; the previous site is unchanged"))
        }
        lap("swap")
        result.stages = stages
        return result
    }
}

/// A `SiteWriter.Stream` opened on another thread, with the previous site's
/// folders made in it, while the main thread loads.
final class EarlyStream: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<SiteWriter.Stream, Error>?

    init(output: String) {
        DispatchQueue.global().async(group: group) {
            do {
                let stream = try SiteWriter.Stream(to: output)
                stream.prepareFolders()
                self.result = .success(stream)
            } catch {
                self.result = .failure(error)
            }
        }
    }

    func stream() throws -> SiteWriter.Stream {
        group.wait()
        return try result!.get()
    }

    func discard() {
        group.wait()
        if case .success(let s) = result { s.discard() }
    }
}
