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
        .executableTarget(
            name: "evaluate-option",
            dependencies: [
                .product(name: "CorridorData", package: "Corridor"),
                .product(name: "CorridorNetwork", package: "Corridor"),
                .product(name: "CorridorAnalysis", package: "Corridor"),
            ]),
    ]
)
