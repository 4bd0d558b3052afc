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
        subcommands: [Regions.self, Import.self, Build.self, OSMProfileCommand.self, Stats.self, QACommand.self, RouteCommand.self, MatrixCommand.self, Access.self, CentralityCommand.self, ScenarioCommand.self, AppraiseCommand.self, CorridorsCommand.self, GovernanceCommand.self, HoldUpCommand.self, GatesCommand.self, RoadmapCommand.self, DockingCommand.self, CriticalityCommand.self, BorderZoneCommand.self, CatchmentCommand.self, BorderEffectCommand.self, CohesionCommand.self, LandSeaCommand.self, DemandCommand.self, AssignCommand.self, ValidateCommand.self, CalibrateCommand.self, ReportCommand.self, MergeCommand.self, Bench.self])
}

extension Corridor {
    /// The entry point: interrupts (SIGINT, SIGTERM) remove the temporary files being written,
    /// leave any existing output untouched and exit 130 or 143.
    static func main() {
        TemporaryFiles.removeOnInterrupt()
        if ProcessInfo.processInfo.environment["CORRIDOR_DIAGNOSTICS"] == "1" {
            // What the process read and built, for the load-once tests.
            atexit { FileHandle.standardError.write(Data("diagnostics: \(ProcessCounters.summary)\n".utf8)) }
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            main(try PostGIS.foldingTableOption(arguments))
        } catch let e as PostGIS.TableOptionError {
            exit(withError: ValidationError(e.message))
        } catch {
            exit(withError: error)
        }
    }
}
