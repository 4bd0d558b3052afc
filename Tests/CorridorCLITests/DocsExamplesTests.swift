import Foundation
import Testing

/// Every example in docs/*.md and the README runs again and prints what the guide shows: the outputs there
/// come from `scripts/docs-examples`, and this test keeps them true. Lines starting with
/// "seconds" (a wall-clock time) are not compared.
@Suite struct DocsExamplesTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var page: String
        var command: String
        var output: String
        var testDescription: String { "\(page): \(command.prefix(60))" }
    }

    static let docs = CLIRun.packageRoot.appendingPathComponent("docs")

    static var examples: [Example] {
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        var out: [Example] = []
        for page in pages + ["../README.md"] {
            guard let text = try? String(contentsOf: docs.appendingPathComponent(page), encoding: .utf8) else { continue }
            let parts = text.components(separatedBy: "<!-- example -->\n```console\n").dropFirst()
            for part in parts {
                guard let end = part.range(of: "```") else { continue }
                let block = String(part[..<end.lowerBound])
                var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let command = lines.removeFirst()
                out.append(Example(page: page, command: String(command.dropFirst(2)), output: lines.joined(separator: "\n")))
            }
        }
        return out
    }

    /// Shell-like words: spaces separate, double or single quotes group.
    static func words(_ s: String) -> [String] {
        var out: [String] = [], word = "", quote: Character? = nil, started = false
        for c in s {
            if let q = quote { if c == q { quote = nil } else { word.append(c) } }
            else if c == "\"" || c == "'" { quote = c; started = true }
            else if c == " " { if started || !word.isEmpty { out.append(word) }; word = ""; started = false }
            else { word.append(c) }
        }
        if started || !word.isEmpty { out.append(word) }
        return out
    }

    static func comparable(_ s: String) -> [String] {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .filter { !$0.hasPrefix("seconds") && !$0.isEmpty }
    }

    @Test func everyPageHasExamples() {
        let pages = Set(Self.examples.map(\.page))
        for page in ["network-and-routes.md", "access-and-matrices.md", "scenarios-corridors-criticality.md", "cross-border.md",
                     "flows.md", "appraisal.md", "outputs-and-report.md", "your-own-data.md", "osm.md", "../README.md"] {
            #expect(pages.contains(page), "\(page) has no example")
        }
    }

    @Test(arguments: examples)
    func exampleStillPrintsWhatTheGuideShows(_ e: Example) throws {
        var argv = Self.words(e.command)
        #expect(argv.first == "corridor")
        argv.removeFirst()
        // The TNTP networks live in the shared data; a clone elsewhere finds them through
        // CORRIDOR_SHARED_DATA, as scripts/test sets it.
        let root = CLIRun.packageRoot
        let beside = root.appendingPathComponent("../shared/data").standardized.path
        var shared: String? = nil
        if !FileManager.default.fileExists(atPath: beside), let env = ProcessInfo.processInfo.environment["CORRIDOR_SHARED_DATA"] {
            shared = env
            argv = argv.map { $0.replacingOccurrences(of: "../shared/data", with: env) }
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("out"), withIntermediateDirectories: true)
        let r = try CLIRun.run(argv + ["--quiet"].filter { _ in !["regions", "osm-profile"].contains(argv.first ?? "") })
        #expect(r.status == 0, "\(e.page): `\(e.command)` exited \(r.status): \(r.stderr)")
        let stdout = shared.map { r.stdout.replacingOccurrences(of: $0, with: "../shared/data") } ?? r.stdout
        #expect(Self.comparable(stdout) == Self.comparable(e.output),
                "\(e.page): `\(e.command)` prints something else now; run scripts/docs-examples and review the change")
    }
}
