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
    ],
    targets: [
        // CLI: parses options, calls one library function, prints diagnostics, sets the exit code.
        .executableTarget(
            name: "atlas",
            dependencies: [
                "AtlasCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Model, definition, loading and validation. The only target that imports Yams.
        .target(
            name: "AtlasCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .testTarget(
            name: "AtlasCoreTests",
            dependencies: ["AtlasCore"]
        ),
    ]
)
