// swift-tools-version:6.0
// Kendali — analytics and forecasting for the KDKMP village cooperatives.
import PackageDescription

/// The numeric and data modules are compiled with optimisation in debug builds too: the
/// test suite runs the forecast, the ranking and the notebooks' commands on the bundled
/// dataset, which unoptimised Swift would make several times slower. Assertions
/// (`precondition`) stay on.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Kendali",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kendali", targets: ["kendali"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Estimation", targets: ["Estimation"]),
        .library(name: "CivilCalendar", targets: ["CivilCalendar"]),
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "KendaliData", targets: ["KendaliData"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Randomness", targets: ["Randomness"]),
        .library(name: "Spreadsheet", targets: ["Spreadsheet"]),
        .library(name: "CSV", targets: ["CSV"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // MARK: - System library: Debian's LAPACK (OpenBLAS by default through alternatives)
        .systemLibrary(
            name: "CLAPACK",
            path: "Sources/CLAPACK",
            pkgConfig: "lapack",
            providers: [.apt(["liblapack-dev", "libopenblas-dev"])]
        ),

        // MARK: - Domain-free numerics and charts
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"], swiftSettings: optimisedInDebug),
        .target(name: "Estimation", dependencies: ["LinearAlgebra"], swiftSettings: optimisedInDebug),
        // The civil-date type (`Day`) shared by the charts' date axes and the domain.
        .target(name: "CivilCalendar", swiftSettings: optimisedInDebug),
        .target(name: "Charts", dependencies: ["CivilCalendar"]),
        // The seeded generators (SplitMix64, xoshiro256**) and the samplers drawn from them
        // (uniform, normal, lognormal, gamma, beta, geometric), shared by the simulator, the
        // forecast, the benchmarks and the tests.
        .target(name: "Randomness", swiftSettings: optimisedInDebug),
        // CSV (RFC 4180) reading and writing, and JSON string escaping: the one reader and
        // writer of the package, used by the snapshot reader, the report's data tables, the
        // simulator and the command-line tool.
        .target(name: "CSV", swiftSettings: optimisedInDebug),
        // Office Open XML workbooks (.xlsx) read as streamed rows and written as tables,
        // with file-kind sniffing and limits against hostile archives.
        .target(
            name: "Spreadsheet",
            dependencies: ["CivilCalendar", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: optimisedInDebug
        ),

        // MARK: - Domain
        .target(
            name: "KendaliData",
            dependencies: [
                "CivilCalendar", "CSV", "Spreadsheet", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: optimisedInDebug
        ),
        .target(name: "Forecasting", dependencies: ["LinearAlgebra", "Estimation", "KendaliData", "Randomness"], swiftSettings: optimisedInDebug),
        .target(name: "Simulation", dependencies: ["CSV", "KendaliData", "Randomness"], swiftSettings: optimisedInDebug),
        // The week's analysis of one unit (zones, counts, forecast, ranking, survival,
        // S-curves, warnings), computed once; the report only renders it.
        .target(
            name: "Analysis", dependencies: ["CSV", "Estimation", "Forecasting", "KendaliData"],
            swiftSettings: optimisedInDebug
        ),
        .target(name: "Reports", dependencies: ["Analysis", "CSV", "Charts", "KendaliData", "Spreadsheet"], swiftSettings: optimisedInDebug),

        // MARK: - Command-line tool
        .executableTarget(
            name: "kendali",
            dependencies: [
                "CSV", "LinearAlgebra", "Estimation", "Charts", "KendaliData", "Forecasting",
                "Simulation", "Analysis", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Benchmarks (a plain executable, never part of the test run)
        .executableTarget(
            name: "KendaliBench",
            dependencies: [
                "LinearAlgebra", "Estimation", "Charts", "KendaliData", "Forecasting", "Simulation",
                "Analysis", "Reports", "Randomness",
            ],
            path: "Benchmarks/KendaliBench"
        ),
        // Reading a weekly table as a workbook beside the same table as CSV.
        .executableTarget(
            name: "SpreadsheetBench",
            dependencies: ["CSV", "Spreadsheet", "KendaliData"],
            path: "Benchmarks/SpreadsheetBench"
        ),

        // MARK: - Tests
        // Millions of draws and their goodness-of-fit statistics: optimised like the numerics.
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"], swiftSettings: optimisedInDebug),
        .testTarget(name: "CSVTests", dependencies: ["CSV", "Randomness"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "EstimationTests", dependencies: ["Estimation", "LinearAlgebra", "Randomness"]),
        .testTarget(name: "CivilCalendarTests", dependencies: ["CivilCalendar"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], exclude: ["Golden"]),
        .testTarget(name: "KendaliDataTests", dependencies: ["CSV", "KendaliData", "Randomness", "Spreadsheet"], exclude: ["Fixtures"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "KendaliData", "Randomness"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "KendaliData", "Simulation"]),
        // The fixture world (a small deterministic province) the analysis and report tests share.
        .target(name: "AnalysisFixtures", dependencies: ["Analysis", "KendaliData"], path: "Tests/AnalysisFixtures"),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "AnalysisFixtures", "KendaliData", "Forecasting", "Simulation"]),
        .testTarget(name: "ReportsTests", dependencies: ["CSV", "Spreadsheet", "Reports", "Analysis", "AnalysisFixtures", "Charts", "KendaliData"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"], exclude: ["Fixtures"]),
        .testTarget(name: "KendaliCLITests", dependencies: ["kendali", "Randomness", "Spreadsheet"]),
    ]
)
