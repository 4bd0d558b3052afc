import Foundation
import Testing

/// Ctrl-C (SIGINT) or SIGTERM while `corridor build` writes a GeoPackage: the temporary file and
/// its journal are removed, the output that was there is left as it was, and the exit status
/// is 130 or 143.
@Suite struct InterruptTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedWriteLeavesNothingBehind(_ sig: Int32) throws {
        let dir = try NetworkCommandTests.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("na.gpkg")
        try Data("an earlier output\n".utf8).write(to: output)
        let p = Process()
        p.executableURL = CLIRun.binary
        p.arguments = ["build", "--region", "north-america", "--quiet", "-o", output.path]
        p.currentDirectoryURL = CLIRun.packageRoot
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait for the hidden temporary GeoPackage, then interrupt the write.
        var seen = false
        for _ in 0..<12_000 where p.isRunning {
            if try FileManager.default.contentsOfDirectory(atPath: dir.path).contains(where: { $0.contains(".tmp-") }) { seen = true; break }
            usleep(5_000)
        }
        #expect(seen, "the temporary file never appeared")
        kill(p.processIdentifier, sig)
        p.waitUntilExit()
        #expect(p.terminationStatus == 128 + sig)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["na.gpkg"])
        #expect(try String(contentsOf: output, encoding: .utf8) == "an earlier output\n")
    }
}
