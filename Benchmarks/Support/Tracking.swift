import Benchmark
import Foundation

/// What both benchmark targets share: where the embedded data lives, and the metrics and
/// tolerances a regression is judged by.
public enum Tracking {
    /// The project's GeoData directory.
    public static let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    /// Metrics and tolerances for `swift package benchmark thresholds check` against the static
    /// thresholds committed in Benchmarks/Thresholds/ (p90 of each metric). The machines are
    /// shared VMs: the same build's korea accessibility took 294 ms (p90 wall clock) and, 40 minutes later
    /// with nothing else on the VM, 419 ms. So time counts as a regression only when it
    /// doubles; peak memory at +25 %; allocation counts at +25 % (worker scheduling moves the
    /// parallel suites' few hundred allocations by up to 20 %).
    public static var configuration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
            warmupIterations: 1,
            maxDuration: .seconds(60),
            maxIterations: 5,
            thresholds: [
                .wallClock: BenchmarkThresholds(relative: [.p90: 100]),
                .cpuTotal: BenchmarkThresholds(relative: [.p90: 100]),
                .peakMemoryResident: BenchmarkThresholds(relative: [.p90: 25]),
                .mallocCountTotal: BenchmarkThresholds(relative: [.p90: 25]),
            ])
    }
}
