import ArgumentParser
import AtlasBuild
import AtlasCore
import AtlasServe
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build into memory, serve on loopback, rebuild when Data/ or Themes/ change.")

    @OptionGroup var options: DataOptions

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8080

    @Option(help: "The address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @OptionGroup var look: ThemeOptions

    func run() async throws {
        let build = BuildOptions(load: options.loadOptions, themes: look.themes, theme: look.theme, output: "", baseURL: "http://\(host):\(port)/")
        let server = PreviewServer(
            options: .init(build: build, host: host, port: port, watch: [options.loadOptions.data, look.themes]),
            log: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) })
        FileHandle.standardError.write(Data("atlas serve: http://\(host):\(port)/ (Ctrl-C stops)\n".utf8))
        try await server.run()
    }
}
