import Foundation
import Testing

/// Paths the tests read: fixtures beside the tests, and the shared source data beside the repo.
enum TestPaths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// The shared source data: CORRIDOR_SHARED_DATA (scripts/test sets it), else beside the repo.
    static let sharedData = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }
    static func shared(_ relative: String) -> String { sharedData.appendingPathComponent(relative).path }

    /// A fresh empty temporary directory for one test.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// |a - b| <= tolerance * max(1, |b|).
func isClose(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}
