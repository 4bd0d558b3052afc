import ArgumentParser
import CorridorReport
import CorridorStudy
import Foundation

struct CohesionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohesion",
        abstract: "Cohesion of a city cluster: mean and maximum travel time between its cities, shares within 1 h and 2 h, route redundancy.",
        discussion: """
            Examples:
              corridor cohesion --region korea --cities "Seoul,Incheon,Suwon,Goyang-si,Seongnam-si"
              corridor cohesion --region north-america --name "Detroit–Windsor" --cities "Detroit,Windsor,Dearborn" --json
            Redundancy: for each pair the fastest route's links are removed and the pair
            routed again; a pair with no such alternative hangs on one path.
            """)

    @OptionGroup var source: NetworkSourceOptions
    @Option(help: "The cluster's cities, comma-separated (place names).") var cities: String
    @Option(help: "A name for the cluster.") var name: String = "cluster"
    @OptionGroup var mode: LandOption
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func validate() throws {
        guard cities.split(separator: ",").count >= 2 else { throw ValidationError("--cities \(cities): give at least two places") }
    }

    func run() throws {
        let network = try mode.restrict(try source.twoWayNetwork(for: "cohesion").0)
        let indices = try cities.split(separator: ",").map { raw -> Int in
            let n = raw.trimmingCharacters(in: .whitespaces)
            let p = try network.resolvePlace(n, option: "--cities"), i = network.places.firstIndex(of: p)!
            return i
        }
        let r = ClusterCohesion.compute(network, name: name, cities: indices, weights: network.arcSeconds(excluding: mode.excluding))
        if json { try printJSON(r); return }
        print(BorderText.cohesion(r))
    }
}
