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

    /// Polls until `condition` holds for the page, at most `seconds` (the whole
    /// suite runs in parallel on two cores: a rebuild can wait its turn).
    func eventually(_ url: String, seconds: Double = 90, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try await get(url).1
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(200))
        }
        return last
    }

    /// A copy of the mini atlas and a preview server on it (port 0) that watches
    /// its Data folder only: the source root (sources/, named in atlas.yaml) is
    /// watched without being listed.
    func miniServer(idleTimeout: Duration = .seconds(10)) throws -> (dir: URL, server: PreviewServer) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-serve-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Tests/Fixtures/mini"), to: dir)
        let data = dir.appendingPathComponent("Data").path
        let build = BuildOptions(load: LoadOptions(data: data), themes: Self.repository.appendingPathComponent("Themes").path, output: "")
        let server = PreviewServer(
            options: .init(build: build, port: 0, watch: [data], pollInterval: .milliseconds(100), idleTimeout: idleTimeout), log: { _ in })
        return (dir, server)
    }

    @Test func servesRebuildsAndKeepsTheLastGoodSiteOnAnError() async throws {
        let (dir, server) = try miniServer()
        defer { try? FileManager.default.removeItem(at: dir) }
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

    /// Sends raw bytes to the port and returns what came back before the
    /// server closed the connection (or `wait` seconds passed).
    static func exchange(_ port: UInt16, _ bytes: [UInt8], wait: Double = 20) -> (answer: String, closed: Bool) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return ("", false) }
        var timeout = timeval(tv_sec: Int(wait), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return (String(decoding: answer, as: UTF8.self), true) }
            if n < 0 { return (String(decoding: answer, as: UTF8.self), false) }
            answer += buffer[0..<n]
        }
    }

    /// Issue 18, item 8: a long request line is refused by the parser (no
    /// quadratic work: FlyingFox took 7 s of CPU for 128 KB), a foreign Host
    /// is refused (DNS rebinding), other methods answer 405 with Allow, and a
    /// silent connection is closed after the idle timeout.
    @Test func limitsRequestsHostsMethodsAndIdleConnections() async throws {
        let (dir, server) = try miniServer(idleTimeout: .seconds(2))
        defer { try? FileManager.default.removeItem(at: dir) }
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening()
        let port = try #require(await server.port())
        func request(_ line: String, host: String = "127.0.0.1:\(port)", extra: String = "") -> String {
            Self.exchange(port, Array("\(line)\r\nHost: \(host)\r\n\(extra)Connection: close\r\n\r\n".utf8)).answer
        }
        // On a loaded machine (the whole suite runs in parallel) the first answer can take a while.
        var first = request("GET /kreis/01001/index.html HTTP/1.1")
        let deadline = Date().addingTimeInterval(60)
        while !first.hasPrefix("HTTP/1.1 200"), Date() < deadline {
            try await Task.sleep(for: .milliseconds(500))
            first = request("GET /kreis/01001/index.html HTTP/1.1")
        }
        #expect(first.hasPrefix("HTTP/1.1 200"))
        #expect(request("GET / HTTP/1.1", host: "localhost:\(port)").hasPrefix("HTTP/1.1 200"))
        #expect(request("HEAD / HTTP/1.1").hasPrefix("HTTP/1.1 200"))
        // A request line of 128 KB, and 64 KB of headers: refused, not parsed for seconds.
        let long = request("GET /" + String(repeating: "a", count: 128 * 1024) + " HTTP/1.1")
        #expect(long.hasPrefix("HTTP/1.1 4") || long.isEmpty, "\(long.prefix(80))")
        #expect(!long.hasPrefix("HTTP/1.1 200") && !long.hasPrefix("HTTP/1.1 404"))
        let headers = request("GET / HTTP/1.1", extra: (0..<64).map { "X-\($0): " + String(repeating: "b", count: 1000) + "\r\n" }.joined())
        #expect(!headers.hasPrefix("HTTP/1.1 200"), "\(headers.prefix(80))")
        // DNS rebinding: a page of evil.example resolving to 127.0.0.1 reads nothing.
        let foreign = request("GET / HTTP/1.1", host: "evil.example")
        #expect(foreign.hasPrefix("HTTP/1.1 403"), "\(foreign.prefix(80))")
        #expect(!foreign.contains("<html"))
        for method in ["POST", "OPTIONS", "PUT", "DELETE"] {
            let answer = request("\(method) / HTTP/1.1", extra: "Content-Length: 0\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 405"), "\(method): \(answer.prefix(80))")
            #expect(answer.lowercased().contains("allow: get, head"))
        }
        // A client that connects and says nothing is let go (timeout 2 s here).
        let idle = Self.exchange(port, [], wait: 30)
        #expect(idle.closed, "an idle connection must be closed by the server")
        #expect(PreviewServer.isLoopback(authority: "[::1]:8080") && PreviewServer.isLoopback(authority: "127.0.0.1"))
        for foreign in ["127.0.0.1.evil.example", "127.evil.example.com", "localhost.evil.example", "evil.example:80", "", "127.0.0.300"] {
            #expect(!PreviewServer.isLoopback(authority: foreign), "\(foreign)")
        }
        #expect(!PreviewServer.isLoopback(authority: nil))
        await server.stop()
    }
}
