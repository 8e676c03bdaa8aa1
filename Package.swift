// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Standortatlas",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "atlas", targets: ["atlas"]),
        .library(name: "AtlasCore", targets: ["AtlasCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // atlas serve: SwiftNIO's HTTP/1 parser (llhttp) with size limits and idle timeouts.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // CLI: parses options, calls one library function, prints diagnostics, sets the exit code.
        .executableTarget(
            name: "atlas",
            dependencies: [
                "AtlasBuild",
                "AtlasCore",
                "AtlasDistribution",
                "AtlasRender",
                "AtlasServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark of the stages on the real data (prints figures; see README).
        .executableTarget(name: "atlas-bench", dependencies: ["AtlasBuild", "AtlasRender", "AtlasCore"]),
        // Persons per region by a distribution key (whole numbers via AtlasNumerics).
        .target(name: "AtlasDistribution", dependencies: ["AtlasCore", "AtlasNumerics"]),
        // Live preview: builds into memory, serves on loopback, rebuilds on change. The only target importing Hummingbird (SwiftNIO).
        .target(
            name: "AtlasServe",
            dependencies: [
                "AtlasBuild", "AtlasRender", "AtlasCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Pipeline: load → compute → render → atomic write.
        .target(name: "AtlasBuild", dependencies: ["AtlasRender", "AtlasCore"]),
        // Page models, templates, charts, maps. Renders the editorial Markdown with Ccmark.
        .target(name: "AtlasRender", dependencies: ["AtlasCore", "AtlasNumerics", "AtlasGeo", "AtlasDistribution", "Ccmark"]),
        // cmark, the CommonMark reference implementation, from Debian's libcmark-dev
        // (installed by .ci/install-deps.sh): linear time, raw HTML and unsafe links left out.
        .systemLibrary(name: "Ccmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // Rankings and summaries on plain identifiers and numbers; no domain types.
        .target(name: "AtlasNumerics"),
        // Map geometry: projection, topology, simplification, SVG paths; no domain types.
        .target(name: "AtlasGeo"),
        // Model, definition, loading and validation. The only target that imports Yams.
        .target(
            name: "AtlasCore",
            dependencies: [.product(name: "Yams", package: "Yams"), "Ccmark"]
        ),
        // Paths and a seeded random number generator for the test targets (used only by them).
        .target(name: "AtlasTestSupport", path: "Tests/AtlasTestSupport"),
        .testTarget(
            name: "AtlasCoreTests",
            dependencies: ["AtlasCore", "AtlasTestSupport"]
        ),
        .testTarget(name: "AtlasNumericsTests", dependencies: ["AtlasNumerics", "AtlasTestSupport"]),
        .testTarget(name: "AtlasGeoTests", dependencies: ["AtlasGeo", "AtlasCore"]),
        .testTarget(name: "AtlasServeTests", dependencies: ["AtlasServe", "AtlasBuild", "AtlasCore"]),
        .testTarget(name: "AtlasDistributionTests", dependencies: ["AtlasDistribution", "AtlasCore", "AtlasNumerics"]),
        .testTarget(name: "AtlasRenderTests", dependencies: ["AtlasRender", "AtlasCore", "AtlasTestSupport"]),
        .testTarget(
            name: "AtlasBuildTests",
            dependencies: ["AtlasBuild", "AtlasRender", "AtlasCore", "AtlasDistribution", "AtlasNumerics", "AtlasTestSupport"]),
        .testTarget(name: "atlasTests", dependencies: ["atlas"]),
    ]
)
