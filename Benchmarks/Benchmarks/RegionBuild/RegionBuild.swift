import Benchmark
import BenchmarkSupport
import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

/// Region builds from the embedded GeoData: reading the layers and building the network
/// (topology, countries, crossings, places, ports). Time and peak resident memory. And the
/// data-quality review of north-america, which should cost a fraction of its build.
func buildRegion(_ name: String) throws -> Int {
    try NetworkBuilder.build(region: RegionCatalog(directory: Tracking.geoData).region(name)).0.edgeCount
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = Tracking.configuration

    for region in ["korea", "northeast_asia", "north_america"] {
        Benchmark("RegionBuild_\(region)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try buildRegion(region.replacingOccurrences(of: "_", with: "-")))
            }
        }
    }

    Benchmark("NetworkQA_north_america") { benchmark in
        let (network, report) = try NetworkBuilder.build(region: RegionCatalog(directory: Tracking.geoData).region("north-america"))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(NetworkQA.review(network, report: report).findings.count) }
    }
}
