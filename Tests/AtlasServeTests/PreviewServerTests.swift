import AtlasBuild
import AtlasCore
import AtlasServe
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// atlas serve on loopback: a change in a data file is served after the
/// rebuild; a broken data file keeps the last good site and shows the error.
@Suite struct PreviewServerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func get(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Polls until `condition` holds for the page, at most `seconds`.
    func eventually(_ url: String, seconds: Double = 20, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try await get(url).1
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(200))
        }
        return last
    }

    @Test func servesRebuildsAndKeepsTheLastGoodSiteOnAnError() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-serve-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Tests/Fixtures/mini"), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("Data").path
        let build = BuildOptions(load: LoadOptions(data: data), themes: Self.repository.appendingPathComponent("Themes").path, output: "")
        let server = PreviewServer(
            options: .init(build: build, port: 0, watch: [data, dir.appendingPathComponent("sources").path], pollInterval: .milliseconds(100)),
            log: { _ in })
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening()
        let port = try #require(await server.port())
        let page = "http://127.0.0.1:\(port)/kreis/01001/index.html"

        // On a loaded machine (the whole suite runs in parallel) the first
        // answer can be an error from the HTTP layer; the site must come within a minute.
        var (status, first) = try await get(page)
        let deadline = Date().addingTimeInterval(60)
        while status != 200, Date() < deadline {
            try await Task.sleep(for: .milliseconds(500))
            (status, first) = try await get(page)
        }
        #expect(status == 200)
        #expect(first.contains("<dt>Wert 2021</dt><dd>8,0\u{00A0}%</dd>"))
        #expect(first.contains("/__atlas/version"), "the reload script is added in serve mode")
        #expect(try await get("http://127.0.0.1:\(port)/does/not/exist").0 == 404)

        // A new value in the data file is served after the rebuild.
        let werte = dir.appendingPathComponent("sources/werte.csv")
        let original = try String(contentsOf: werte, encoding: .utf8)
        try original.replacingOccurrences(of: "01001,2021,8.0", with: "01001,2021,9.5").write(to: werte, atomically: true, encoding: .utf8)
        let changed = try await eventually(page) { $0.contains("<dt>Wert 2021</dt><dd>9,5\u{00A0}%</dd>") }
        #expect(changed.contains("9,5\u{00A0}%"))

        // A broken file: the last good site stays up, the error is shown.
        try original.replacingOccurrences(of: "01001,2021,8.0", with: "01001,2021,9.5x").write(to: werte, atomically: true, encoding: .utf8)
        let broken = try await eventually(page) { $0.contains("Die Daten enthalten Fehler") }
        #expect(broken.contains("<dt>Wert 2021</dt><dd>9,5\u{00A0}%</dd>"))
        let errors = try await get("http://127.0.0.1:\(port)/__atlas/errors").1
        #expect(errors.contains("werte.csv:4:12: error: &quot;9.5x&quot; is not a number (column &quot;alq&quot;)"))
        await server.stop()
    }
}
