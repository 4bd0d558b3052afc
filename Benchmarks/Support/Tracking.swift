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
    /// shared and noisy, so time may drift 50 % before it counts; memory 25 %; allocation
    /// counts 10 % (they hardly depend on load; worker scheduling moves them a little).
    public static var configuration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
            warmupIterations: 1,
            maxDuration: .seconds(60),
            maxIterations: 5,
            thresholds: [
                .wallClock: BenchmarkThresholds(relative: [.p90: 50]),
                .cpuTotal: BenchmarkThresholds(relative: [.p90: 50]),
                .peakMemoryResident: BenchmarkThresholds(relative: [.p90: 25]),
                .mallocCountTotal: BenchmarkThresholds(relative: [.p90: 10]),
            ])
    }
}
