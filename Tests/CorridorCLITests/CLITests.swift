import Foundation
import Testing

/// Runs the built `corridor` binary and captures its output.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static var binary: URL {
        // Tests run from .build/<config>/<Package>PackageTests.xctest; the binary sits beside it.
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("corridor")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("corridor")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// - Parameters:
    ///   - environment: variables set (a nil value removes one) over the test's environment.
    static func run(_ arguments: [String], cwd: URL? = nil, environment: [String: String?] = [:]) throws -> CLIRun {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.currentDirectoryURL = cwd ?? packageRoot
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (k, v) in environment { env[k] = v }
            p.environment = env
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

@Suite struct CLIBasics {
    @Test func versionPrintsSemver() throws {
        let r = try CLIRun.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func helpListsRegions() throws {
        let r = try CLIRun.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("regions"))
    }

    @Test func unknownDataDirFailsWithOneLine() throws {
        let r = try CLIRun.run(["regions", "--data-dir", "/nonexistent/geodata"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("/nonexistent/geodata"))
    }
}
