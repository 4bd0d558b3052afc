// swift-tools-version: 6.0
import PackageDescription

// MARK: - System libraries (Debian: libgeos-dev, libproj-dev, libgdal-dev)

let systemLibraries: [Target] = [
    .systemLibrary(
        name: "CGEOS", pkgConfig: "geos",
        providers: [.apt(["libgeos-dev"])]),
    .systemLibrary(
        name: "CPROJ", pkgConfig: "proj",
        providers: [.apt(["libproj-dev"])]),
    .systemLibrary(
        name: "CGDAL", pkgConfig: "gdal",
        providers: [.apt(["libgdal-dev"])]),
    .systemLibrary(
        name: "CLZMA", pkgConfig: "liblzma",
        providers: [.apt(["liblzma-dev"])]),
]

// MARK: - Library layers (data flows top to bottom)

// The test command sets CORRIDOR_OPTIMIZE_DEBUG=1: the graph layers are then compiled with
// optimisation in debug builds too, so the oracle and real-region tests run the code at the
// speed it ships at (a debug contraction hierarchy is 20 times slower). Off by default, so a
// package depending on Corridor never sees unsafe flags.
let optimizeDebug: [SwiftSetting] = Context.environment["CORRIDOR_OPTIMIZE_DEBUG"] == "1"
    ? [.unsafeFlags(["-O"], .when(configuration: .debug))] : []

let libraries: [Target] = [
    // Safe Swift over GEOS, PROJ and GDAL/OGR. The only module that imports the C modules.
    .target(
        name: "CorridorGeo",
        dependencies: ["CGEOS", "CPROJ", "CGDAL", "CLZMA"]),
    // Region specs, manifests, and the import that builds GeoData/ from the shared sources.
    .target(
        name: "CorridorData",
        dependencies: ["CorridorGeo"]),
    // The model: CSR graph, modes, costs, countries, border crossings; the network builder.
    .target(
        name: "CorridorNetwork",
        dependencies: ["CorridorData", "CorridorGeo"],
        swiftSettings: optimizeDebug),
    // Algorithms on the graph. No I/O.
    .target(
        name: "CorridorAnalysis",
        dependencies: ["CorridorNetwork", "CorridorData"],
        swiftSettings: optimizeDebug),
    // Flows: demand, all-or-nothing loading, user equilibrium (MSA, FW, CFW, BFW), select
    // link; readers of the TNTP test networks and OD matrices. No I/O in the algorithms.
    .target(
        name: "CorridorFlows",
        dependencies: ["CorridorAnalysis", "CorridorNetwork"],
        swiftSettings: optimizeDebug),
    // Money and shares: discounting, the accessibility (logsum) benefit and the rule of a half,
    // cost and benefit shares across countries, Shapley values, spillovers, equity.
    .target(
        name: "CorridorAppraisal",
        dependencies: ["CorridorAnalysis", "CorridorFlows", "CorridorNetwork", "CorridorData"],
        swiftSettings: optimizeDebug),
    // Governance: jurisdiction profiles of routes and corridors, hold-up power, gates
    // (preconditions), the easy-first roadmap, docking hotspots and twin cities.
    .target(
        name: "CorridorGovernance",
        dependencies: ["CorridorAnalysis", "CorridorNetwork", "CorridorData", "CorridorGeo"],
        swiftSettings: optimizeDebug),
    // One door: a study opens a network once (region, compiled file, layers, OSM) with the
    // cache and the day, owns the region's facts, the analysis session and the baseline flows,
    // and takes options (presets, scenario files, open/close/delay) as values.
    .target(
        name: "CorridorStudy",
        dependencies: ["CorridorAnalysis", "CorridorAppraisal", "CorridorFlows", "CorridorGovernance", "CorridorNetwork", "CorridorData", "CorridorGeo"],
        swiftSettings: optimizeDebug),
    // Tables, GIS layers and the HTML report. No metrics computed here.
    .target(
        name: "CorridorReport",
        dependencies: ["CorridorAnalysis", "CorridorAppraisal", "CorridorFlows", "CorridorGovernance", "CorridorNetwork", "CorridorData", "CorridorGeo",
                       "CorridorStudy"]),
]

// MARK: - Command-line tool

let executables: [Target] = [
    .executableTarget(
        name: "corridor",
        dependencies: [
            "CorridorGeo",
            "CorridorData",
            "CorridorNetwork",
            "CorridorAnalysis",
            "CorridorFlows",
            "CorridorAppraisal",
            "CorridorGovernance",
            "CorridorReport",
            "CorridorStudy",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
]

// MARK: - Tests (one target per module, plus end-to-end tests of the binary)

let tests: [Target] = [
    .testTarget(
        name: "CorridorGeoTests",
        dependencies: ["CorridorGeo"],
        exclude: ["Fixtures"]),
    .testTarget(
        name: "CorridorDataTests",
        dependencies: ["CorridorData", "CorridorGeo"]),
    .testTarget(
        name: "CorridorNetworkTests",
        dependencies: ["CorridorNetwork", "CorridorAnalysis", "CorridorData", "CorridorGeo"],
        exclude: ["Fixtures"]),
    .testTarget(
        name: "CorridorAnalysisTests",
        dependencies: ["CorridorAnalysis", "CorridorNetwork", "CorridorData"],
        exclude: ["Fixtures"]),
    .testTarget(
        name: "CorridorFlowsTests",
        dependencies: ["CorridorFlows", "CorridorAnalysis", "CorridorNetwork", "CorridorData"],
        exclude: ["Fixtures"]),
    .testTarget(
        name: "CorridorAppraisalTests",
        dependencies: ["CorridorAppraisal", "CorridorAnalysis", "CorridorFlows", "CorridorNetwork", "CorridorData"]),
    .testTarget(
        name: "CorridorGovernanceTests",
        dependencies: ["CorridorGovernance", "CorridorAnalysis", "CorridorNetwork", "CorridorData", "CorridorGeo"],
        exclude: ["Fixtures"]),
    .testTarget(
        name: "CorridorStudyTests",
        dependencies: ["CorridorStudy", "CorridorAnalysis", "CorridorFlows", "CorridorNetwork", "CorridorData"]),
    .testTarget(
        name: "CorridorCLITests",
        dependencies: ["corridor"]),
]

let package = Package(
    name: "Corridor",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CorridorGeo", targets: ["CorridorGeo"]),
        .library(name: "CorridorData", targets: ["CorridorData"]),
        .library(name: "CorridorNetwork", targets: ["CorridorNetwork"]),
        .library(name: "CorridorAnalysis", targets: ["CorridorAnalysis"]),
        .library(name: "CorridorFlows", targets: ["CorridorFlows"]),
        .library(name: "CorridorAppraisal", targets: ["CorridorAppraisal"]),
        .library(name: "CorridorGovernance", targets: ["CorridorGovernance"]),
        .library(name: "CorridorReport", targets: ["CorridorReport"]),
        .library(name: "CorridorStudy", targets: ["CorridorStudy"]),
        .executable(name: "corridor", targets: ["corridor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation`: the DocC catalogs in Sources/*/*.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: systemLibraries + libraries + executables + tests
)
