import AtlasBuild
import AtlasCore
import AtlasRender
import Foundation
import Hummingbird
import Logging

/// `atlas serve`: builds the atlas into memory, serves it on loopback, watches
/// the data and theme folders and the source root and rebuilds on change.
/// After a data error it keeps serving the last good build, shows the
/// findings in the terminal, on /__atlas/errors and in a banner on every page.
/// A small script, added only here and never to published pages, reloads the
/// page after a rebuild.
///
/// The HTTP layer is Hummingbird on SwiftNIO (llhttp parses in linear time; the
/// former FlyingFox took 7 s of CPU for a 128 KB request line, quadratically
/// more for longer ones, and never timed a silent client out). Limits: a
/// request line and its headers of at most 16 KB (431 beyond, from the
/// parser), a connection idle for 10 s is closed, only GET and HEAD are
/// answered (405 otherwise), and only loopback host names are accepted (403
/// otherwise: a web page elsewhere cannot read the preview through DNS
/// rebinding).
public actor PreviewServer {
    public struct Options: Sendable {
        public var build: BuildOptions
        public var host: String
        public var port: UInt16
        /// Folders whose changes trigger a rebuild (the source root is added
        /// once the atlas names it).
        public var watch: [String]
        public var pollInterval: Duration
        public var idleTimeout: Duration

        public init(
            build: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 8080, watch: [String], pollInterval: Duration = .milliseconds(400),
            idleTimeout: Duration = .seconds(10)
        ) {
            self.build = build
            self.host = host
            self.port = port
            self.watch = watch
            self.pollInterval = pollInterval
            self.idleTimeout = idleTimeout
        }
    }

    /// The largest request line plus headers, in bytes.
    public static let maxHeaderBytes = 16 * 1024

    let options: Options
    let log: @Sendable (String) -> Void
    var site: Site?
    var errors: String = ""
    var version = 0
    var fingerprint: [String] = []
    var watched: [String]
    var listeningPort: Int?
    var stopping = false

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
        self.watched = options.watch
    }

    /// The port actually listened on (useful with port 0).
    public func port() async -> UInt16? { listeningPort.map { UInt16($0) } }

    func listening(on port: Int?) { listeningPort = port }

    public func run() async throws {
        rebuild()
        let responder = CallbackResponder<BasicRequestContext> { [weak self] request, _ in
            guard let self else { return Response(status: .serviceUnavailable) }
            return await self.respond(to: request)
        }
        var quiet = Logger(label: "atlas-serve")
        quiet.logLevel = .critical
        let seconds = options.idleTimeout.components.seconds
        let app = Application(
            responder: responder,
            server: .http1(
                configuration: .init(
                    idleTimeout: .seconds(max(1, seconds)),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: Self.maxHeaderBytes, maxHeaderListSize: Self.maxHeaderBytes, maxHeaderFieldCount: 100))),
            configuration: .init(address: .hostname(options.host == "localhost" ? "127.0.0.1" : options.host, port: Int(options.port))),
            onServerRunning: { [weak self] channel in await self?.listening(on: channel.localAddress?.port) },
            logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            group.addTask { try await self.watchLoop() }
            try await group.next()
            group.cancelAll()
        }
    }

    public func waitUntilListening() async throws {
        while listeningPort == nil { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// Ends `run()`: the watch loop returns, and the server is cancelled with it.
    public func stop() { stopping = true }

    /// Whether a Host header names this machine's loopback (with any port).
    public static func isLoopback(authority: String?) -> Bool {
        guard var host = authority?.lowercased(), !host.isEmpty else { return false }
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        let ip4Loopback = octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
        return host == "localhost" || host == "::1" || ip4Loopback
    }

    func respond(to request: Request) -> Response {
        func plain(_ status: HTTPResponse.Status, _ text: String, _ extra: HTTPFields = [:]) -> Response {
            var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
            headers.append(contentsOf: extra)
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
        }
        guard Self.isLoopback(authority: request.head.authority) else {
            return plain(.forbidden, "atlas serve answers requests for localhost and 127.0.0.1 only")
        }
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "atlas serve answers GET and HEAD only", [.allow: "GET, HEAD"])
        }
        let reply = respond(to: request.uri.path)
        var headers: HTTPFields = [.contentType: reply.contentType, .cacheControl: "no-store"]
        headers[.contentLength] = String(reply.body.count)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
        return Response(status: .init(code: reply.status), headers: headers, body: body)
    }

    struct Reply {
        var status: Int
        var contentType: String
        var body: [UInt8]
    }

    func watchLoop() async throws {
        fingerprint = Self.fingerprint(watched)
        while !Task.isCancelled && !stopping {
            try await Task.sleep(for: options.pollInterval)
            let now = Self.fingerprint(watched)
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
        // The source tables are watched too, once the atlas names their folder.
        if let root = result.load.atlas?.sourceRoot, !watched.contains(root) {
            watched = options.watch + [root]
            fingerprint = Self.fingerprint(watched)
        }
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

    func respond(to rawPath: String) -> Reply {
        var path = rawPath.removingPercentEncoding ?? rawPath
        while path.hasPrefix("/") { path.removeFirst() }
        if path == "__atlas/version" {
            return Reply(status: 200, contentType: "text/plain", body: Array(String(version).utf8))
        }
        if path == "__atlas/errors" {
            let body =
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>atlas serve: findings</title></head><body><h1>"
                + (errors.isEmpty ? "No findings: the last build is current" : "The data have errors; the last good build is shown")
                + "</h1><pre>" + Escape.html(errors) + "</pre>" + reloadScript() + "</body></html>"
            return Reply(status: 200, contentType: "text/html; charset=utf-8", body: Array(body.utf8))
        }
        guard let site else {
            return Reply(status: 503, contentType: "text/plain; charset=utf-8", body: Array(("No build yet.\n" + errors).utf8))
        }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        var status = 200
        var bytes = site.files[path] ?? site.files[path + "/index.html"]
        if bytes == nil {
            status = 404
            path = "404.html"
            bytes = site.files[path]
        }
        guard var body = bytes else { return Reply(status: 404, contentType: "text/plain; charset=utf-8", body: Array("Not found\n".utf8)) }
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
        return Reply(status: status, contentType: Self.contentType(path), body: body)
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
