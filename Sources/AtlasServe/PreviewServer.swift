import AtlasBuild
import AtlasCore
import AtlasRender
import FlyingFox
import FlyingSocks
import Foundation

/// `atlas serve`: builds the atlas into memory, serves it on loopback, watches
/// the data and theme folders and rebuilds on change. After a data error it
/// keeps serving the last good build, shows the findings in the terminal, on
/// /__atlas/errors and in a banner on every page. A small script, added only
/// here and never to published pages, reloads the page after a rebuild.
public actor PreviewServer {
    public struct Options: Sendable {
        public var build: BuildOptions
        public var host: String
        public var port: UInt16
        /// Folders whose changes trigger a rebuild.
        public var watch: [String]
        public var pollInterval: Duration

        public init(
            build: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 8080, watch: [String], pollInterval: Duration = .milliseconds(400)
        ) {
            self.build = build
            self.host = host
            self.port = port
            self.watch = watch
            self.pollInterval = pollInterval
        }
    }

    let options: Options
    let log: @Sendable (String) -> Void
    var site: Site?
    var errors: String = ""
    var version = 0
    var fingerprint: [String] = []
    var server: HTTPServer?

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
    }

    /// The port actually listened on (useful with port 0).
    public func port() async -> UInt16? {
        guard let address = await server?.listeningAddress else { return nil }
        if case .ip4(_, let port) = address { return port }
        if case .ip6(_, let port) = address { return port }
        return nil
    }

    public func run() async throws {
        rebuild()
        let address = try sockaddr_in.inet(ip4: options.host == "localhost" ? "127.0.0.1" : options.host, port: options.port)
        let server = HTTPServer(address: address, logger: .disabled)
        self.server = server
        await server.appendRoute("GET,HEAD *") { [weak self] (request: HTTPRequest) -> HTTPResponse in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.respond(to: request.path)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask { try await self.watchLoop() }
            try await group.next()
            group.cancelAll()
        }
    }

    public func waitUntilListening() async throws {
        while server == nil { try await Task.sleep(for: .milliseconds(20)) }
        try await server?.waitUntilListening()
    }

    public func stop() async {
        await server?.stop(timeout: 1)
    }

    func watchLoop() async throws {
        fingerprint = Self.fingerprint(options.watch)
        while !Task.isCancelled {
            try await Task.sleep(for: options.pollInterval)
            let now = Self.fingerprint(options.watch)
            if now != fingerprint {
                fingerprint = now
                log("atlas serve: change seen, rebuilding …")
                rebuild()
            }
        }
    }

    func rebuild() {
        let clock = ContinuousClock()
        let start = clock.now
        let result = Builder.render(options.build, write: false)
        var all = result.load.diagnostics
        all.append(contentsOf: result.diagnostics.all)
        let text = all.sorted.map(DiagnosticRenderer.render).joined(separator: "\n")
        if let site = result.site, !result.hasErrors {
            self.site = site
            errors = ""
            version += 1
            let seconds = (clock.now - start) / .seconds(1)
            log("atlas serve: built \(site.pageCount) pages in \(String(format: "%.2f", seconds)) s" + (all.all.isEmpty ? "" : "\n" + text))
        } else {
            errors = text
            version += 1
            log(text + "atlas serve: the data have errors; still serving the last good build")
        }
    }

    func respond(to rawPath: String) -> HTTPResponse {
        var path = rawPath.removingPercentEncoding ?? rawPath
        while path.hasPrefix("/") { path.removeFirst() }
        if path == "__atlas/version" {
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain", .init("Cache-Control"): "no-store"], body: Data(String(version).utf8))
        }
        if path == "__atlas/errors" {
            let body =
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>atlas serve: findings</title></head><body><h1>"
                + (errors.isEmpty ? "No findings: the last build is current" : "The data have errors; the last good build is shown")
                + "</h1><pre>" + Escape.html(errors) + "</pre>" + reloadScript() + "</body></html>"
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: Data(body.utf8))
        }
        guard let site else {
            return HTTPResponse(
                statusCode: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"], body: Data(("No build yet.\n" + errors).utf8))
        }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        var status = HTTPStatusCode.ok
        var bytes = site.files[path] ?? site.files[path + "/index.html"]
        if bytes == nil {
            status = .notFound
            path = "404.html"
            bytes = site.files[path]
        }
        guard var body = bytes else { return HTTPResponse(statusCode: .notFound) }
        if path.hasSuffix(".html") {
            var html = String(decoding: body, as: UTF8.self)
            var extra = reloadScript()
            if !errors.isEmpty {
                extra =
                    "<p style=\"position:fixed;top:0;left:0;right:0;margin:0;padding:.5rem;background:#d55e00;color:#fff;font-weight:700;z-index:99\">Die Daten enthalten Fehler – gezeigt wird der letzte gute Stand. <a style=\"color:#fff\" href=\"/__atlas/errors\">Fehler anzeigen</a></p>"
                    + extra
            }
            if let r = html.range(of: "</body>", options: .backwards) { html.replaceSubrange(r, with: extra + "</body>") }
            body = Array(html.utf8)
        }
        return HTTPResponse(
            statusCode: status, headers: [.contentType: Self.contentType(path), .init("Cache-Control"): "no-store"], body: Data(body))
    }

    /// Polls /__atlas/version and reloads when it changes (serve mode only).
    func reloadScript() -> String {
        "<script>(function(){var v=\"\(version)\";setInterval(function(){fetch(\"/__atlas/version\",{cache:\"no-store\"}).then(function(r){return r.text()}).then(function(t){if(t!==v){location.reload()}}).catch(function(){})},1000)})();</script>"
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "csv": "text/csv; charset=utf-8"
        case "json": "application/json"
        case "xml", "rdf": "application/xml"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// Paths, sizes and modification times of every file below the folders.
    static func fingerprint(_ folders: [String]) -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        for folder in folders {
            guard let e = fm.enumerator(atPath: folder) else { continue }
            while let rel = e.nextObject() as? String {
                let full = folder + "/" + rel
                if let a = try? fm.attributesOfItem(atPath: full), (a[.type] as? FileAttributeType) == .typeRegular {
                    let m = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                    out.append("\(full)|\(a[.size] ?? 0)|\(m)")
                }
            }
        }
        return out.sorted()
    }
}
