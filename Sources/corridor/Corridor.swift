import ArgumentParser
import CorridorGeo
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
        subcommands: [Regions.self, Import.self, Build.self, Stats.self, QACommand.self, RouteCommand.self, MatrixCommand.self, Access.self, CentralityCommand.self, ScenarioCommand.self, AppraiseCommand.self, CorridorsCommand.self, GovernanceCommand.self, HoldUpCommand.self, GatesCommand.self, RoadmapCommand.self, DockingCommand.self, CriticalityCommand.self, BorderZoneCommand.self, CatchmentCommand.self, BorderEffectCommand.self, CohesionCommand.self, LandSeaCommand.self, DemandCommand.self, AssignCommand.self, ValidateCommand.self, ReportCommand.self, MergeCommand.self, Bench.self])
}

enum CorridorVersion {
    static let string = "0.1.0"
}
