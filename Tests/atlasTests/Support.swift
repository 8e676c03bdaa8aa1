import Foundation

/// Where the fixtures and the repository are.
enum Fixtures {
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = repository.appendingPathComponent("Tests/Fixtures")
    static let mini = root.appendingPathComponent("mini")
}
