import ArgumentParser
import CorridorStudy
import Foundation

@main
struct Corridor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor",
        abstract: "Geospatial corridor and network analysis: borders, crossings, ports and access.",
        discussion: """
            Exit codes: 0 success; 1 bad input or failed computation (one line on stderr
            names the file, feature or value at fault); 64 usage error.
            """,
        version: CorridorVersion.string,
        subcommands: [Regions.self, Import.self, Build.self, OSMProfileCommand.self, Stats.self, QACommand.self, RouteCommand.self, MatrixCommand.self, Access.self, CentralityCommand.self, ScenarioCommand.self, AppraiseCommand.self, CorridorsCommand.self, GovernanceCommand.self, HoldUpCommand.self, GatesCommand.self, RoadmapCommand.self, DockingCommand.self, CriticalityCommand.self, BorderZoneCommand.self, CatchmentCommand.self, BorderEffectCommand.self, CohesionCommand.self, LandSeaCommand.self, DemandCommand.self, AssignCommand.self, ValidateCommand.self, ReportCommand.self, MergeCommand.self, Bench.self])
}

extension Corridor {
    /// The entry point: interrupts (SIGINT, SIGTERM) remove the temporary files being written,
    /// leave any existing output untouched and exit 130 or 143.
    static func main() {
        Interrupts.install()
        if ProcessInfo.processInfo.environment["CORRIDOR_DIAGNOSTICS"] == "1" {
            // What the process read and built, for the load-once tests.
            atexit { FileHandle.standardError.write(Data("diagnostics: \(ProcessCounters.summary)\n".utf8)) }
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            main(try tableFolded(arguments))
        } catch {
            exit(withError: error)
        }
    }

    /// `--table NAME` (any command) names the table of a PostGIS output: it becomes the
    /// output connection string's `table=NAME` keyword (see `PostGIS`), so every command with
    /// `-o` takes it without an option of its own.
    /// - Throws: `ValidationError` when `--table` has no value or the command has no `PG:` output.
    static func tableFolded(_ arguments: [String]) throws -> [String] {
        var args = arguments
        var table: String?
        if let i = args.firstIndex(where: { $0 == "--table" || $0.hasPrefix("--table=") }) {
            if args[i] == "--table" {
                guard i + 1 < args.count else { throw ValidationError("--table needs a table name") }
                table = args[i + 1]
                args.removeSubrange(i...(i + 1))
            } else {
                table = String(args[i].dropFirst("--table=".count))
                args.remove(at: i)
            }
        }
        guard let table else { return args }
        for i in args.indices.dropLast() where ["-o", "--output"].contains(args[i]) && args[i + 1].hasPrefix("PG:") {
            args[i + 1] += " table=\(table)"
            return args
        }
        if let i = args.firstIndex(where: { ($0.hasPrefix("-o=") || $0.hasPrefix("--output=")) && $0.contains("=PG:") }) {
            args[i] += " table=\(table)"
            return args
        }
        throw ValidationError("--table \(table): applies to a PostGIS output (-o PG:...)")
    }
}

/// Ctrl-C and SIGTERM during a write: the temporary file (and its journals) goes, the output
/// that was there stays, and the exit status is 128 + the signal.
enum Interrupts {
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    static func install() {
        let queue = DispatchQueue(label: "corridor.interrupts")
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                TemporaryFiles.removeAll()
                let name = sig == SIGINT ? "interrupted" : "terminated"
                FileHandle.standardError.write(Data("\ncorridor: \(name); temporary files removed\n".utf8))
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
