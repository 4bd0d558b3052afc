import ArgumentParser
import CorridorGeo
import Foundation

struct Regions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the embedded study regions and their layers.",
        discussion: "Example: corridor regions --json")

    @Option(name: .customLong("data-dir"), help: "The GeoData folder (default: $CORRIDOR_GEODATA, ./GeoData, or beside the binary).")
    var dataDir: String?

    @Flag(help: "Machine-readable JSON on stdout.")
    var json = false

    func run() throws {
        let dir = try GeoDataLocator.locate(explicit: dataDir)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { FileManager.default.fileExists(atPath: "\(dir)/\($0)/manifest.json") }
            .sorted()
        if json {
            let data = try JSONSerialization.data(withJSONObject: ["dataDirectory": dir, "regions": names], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else if names.isEmpty {
            print("No regions in \(dir).")
        } else {
            for name in names { print(name) }
        }
    }
}

/// Finds the GeoData folder: an explicit option, $CORRIDOR_GEODATA, ./GeoData, or a GeoData
/// folder in an ancestor of the executable (a source checkout's .build/<config>/corridor).
enum GeoDataLocator {
    static func locate(explicit: String?) throws -> String {
        let fm = FileManager.default
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let env = ProcessInfo.processInfo.environment["CORRIDOR_GEODATA"] { candidates.append(env) }
        candidates.append(fm.currentDirectoryPath + "/GeoData")
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("GeoData").path)
            dir = dir.deletingLastPathComponent()
        }
        for c in candidates {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: c, isDirectory: &isDir), isDir.boolValue { return c }
            if c == explicit { throw ValidationError("--data-dir \(c): no such directory") }
        }
        throw ValidationError("no GeoData folder found; pass --data-dir or set CORRIDOR_GEODATA")
    }
}
