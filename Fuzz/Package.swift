// swift-tools-version:6.0
// A libFuzzer target for Kendali's snapshot reader; built and run by run.sh, never part of
// the main build or the test run.
import PackageDescription

let package = Package(
    name: "KendaliFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Kendali", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "SnapshotReaderFuzz",
            dependencies: [.product(name: "KendaliData", package: "Kendali")]
        ),
    ]
)
