// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for every parser of user input. Their own package, because a fuzz
// executable links libFuzzer's driver and only builds with `-sanitize=fuzzer`.
// Run: make fuzz (scripts/fuzz), or scripts/fuzz TARGET SECONDS.
let corridor: [Target.Dependency] = [
    "FuzzDriver",
    .product(name: "CorridorNetwork", package: "Corridor"),
    .product(name: "CorridorAnalysis", package: "Corridor"),
    .product(name: "CorridorData", package: "Corridor"),
    .product(name: "CorridorGeo", package: "Corridor"),
]
// The executables have no top-level code; `<target>_main` (the name SwiftPM links as `main`)
// hands control to libFuzzer.
let library: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
// lld: gold (Debian 12's default) stops with an internal error in its DWARF reader on these links.
let lld: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
    name: "CorridorFuzz",
    dependencies: [.package(name: "Corridor", path: "../")],
    targets: [
        .target(name: "FuzzDriver"),
        // Scenario files: JSON, then every operation resolved against the two-countries network.
        .executableTarget(name: "FuzzScenario", dependencies: corridor, swiftSettings: library, linkerSettings: lld),
        // DIMACS/PACE .gr text, then the CSR graph, Dijkstra and the contraction hierarchy.
        .executableTarget(name: "FuzzDIMACS", dependencies: corridor, swiftSettings: library, linkerSettings: lld),
        // Layer files through GDAL and the network builder (attributes, geometry, CRS).
        .executableTarget(name: "FuzzLayers", dependencies: corridor, swiftSettings: library, linkerSettings: lld),
        // The WKB decoder that every geometry read passes through.
        .executableTarget(name: "FuzzWKB", dependencies: corridor, swiftSettings: library, linkerSettings: lld),
    ]
)
