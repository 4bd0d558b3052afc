import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Network statistics: nodes, edges, components, border edges, crossings by status, mode and country.",
        discussion: "Example: corridor stats --region korea --json")

    @OptionGroup var source: NetworkSourceOptions
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func run() throws {
        let (network, report) = try source.build()
        let stats = NetworkStats(network, report: report)
        if json { try printJSON(stats); return }
        print(stats.text)
    }
}
