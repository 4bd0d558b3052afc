// swift-tools-version: 6.0
// An example package that uses Corridor as a library, by path, the way another project would.
// Built and run by the test command (scripts/test), so the public API stays usable from outside.
import PackageDescription

let package = Package(
    name: "CorridorExamples",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Corridor", path: "../"),
    ],
    targets: [
        // One option's gains by country (ScenarioEvaluator on a study's baseline).
        .executableTarget(
            name: "evaluate-option",
            dependencies: [.product(name: "CorridorStudy", package: "Corridor")]),
        // The code of the DocC article "Open a study and ask many questions" (CorridorStudy).
        .executableTarget(
            name: "open-a-study",
            dependencies: [.product(name: "CorridorStudy", package: "Corridor")]),
    ]
)
