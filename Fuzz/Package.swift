// swift-tools-version:6.0
// libFuzzer targets for Kendali's snapshot reader (CSV text, and .xlsx workbooks); built
// and run by run.sh, never part of the main build or the test run.
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
        // The same reader given workbooks: seeded with the committed .xlsx fixtures.
        .executableTarget(
            name: "WorkbookReaderFuzz",
            dependencies: [.product(name: "KendaliData", package: "Kendali")]
        ),
    ]
)
