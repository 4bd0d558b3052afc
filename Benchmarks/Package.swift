// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that `swift test` at the top stays lean.
// Run: cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
let package = Package(
    name: "CorridorBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Corridor", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark")],
            path: "Support"),
        .executableTarget(
            name: "RegionBuild",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CorridorAnalysis", package: "Corridor"),
                .product(name: "CorridorNetwork", package: "Corridor"),
                .product(name: "CorridorData", package: "Corridor"),
            ],
            path: "Benchmarks/RegionBuild",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "Analysis",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CorridorAnalysis", package: "Corridor"),
                .product(name: "CorridorNetwork", package: "Corridor"),
                .product(name: "CorridorData", package: "Corridor"),
            ],
            path: "Benchmarks/Analysis",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "Governance",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CorridorGovernance", package: "Corridor"),
                .product(name: "CorridorAnalysis", package: "Corridor"),
                .product(name: "CorridorNetwork", package: "Corridor"),
                .product(name: "CorridorData", package: "Corridor"),
            ],
            path: "Benchmarks/Governance",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
