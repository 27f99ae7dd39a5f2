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
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "KendaliData", targets: ["KendaliData"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Randomness", targets: ["Randomness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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
        .target(name: "Charts"),
        // The seeded generators (SplitMix64, xoshiro256**) and the samplers drawn from them
        // (uniform, normal, lognormal, gamma, beta, geometric), shared by the simulator, the
        // forecast, the benchmarks and the tests.
        .target(name: "Randomness", swiftSettings: optimisedInDebug),
        // SHA-256 with the x86 SHA instructions, for the content digest of snapshot files.
        .target(name: "CSHA256", path: "Sources/CSHA256", cSettings: [.unsafeFlags(["-O2"])]),

        // MARK: - Domain
        .target(
            name: "KendaliData",
            dependencies: ["CSHA256", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: optimisedInDebug
        ),
        .target(name: "Forecasting", dependencies: ["LinearAlgebra", "Estimation", "KendaliData", "Randomness"], swiftSettings: optimisedInDebug),
        .target(name: "Simulation", dependencies: ["KendaliData", "Randomness"], swiftSettings: optimisedInDebug),
        .target(name: "Reports", dependencies: ["Charts", "Forecasting", "KendaliData"], swiftSettings: optimisedInDebug),

        // MARK: - Command-line tool
        .executableTarget(
            name: "kendali",
            dependencies: [
                "LinearAlgebra", "Estimation", "Charts", "KendaliData", "Forecasting",
                "Simulation", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Benchmarks (a plain executable, never part of the test run)
        .executableTarget(
            name: "KendaliBench",
            dependencies: [
                "LinearAlgebra", "Estimation", "Charts", "KendaliData", "Forecasting", "Simulation",
                "Reports", "Randomness",
            ],
            path: "Benchmarks/KendaliBench"
        ),

        // MARK: - Tests
        // Millions of draws and their goodness-of-fit statistics: optimised like the numerics.
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"], swiftSettings: optimisedInDebug),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "EstimationTests", dependencies: ["Estimation", "LinearAlgebra", "Randomness"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], exclude: ["Golden"]),
        .testTarget(name: "KendaliDataTests", dependencies: ["KendaliData", "Randomness"], exclude: ["Fixtures"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "KendaliData", "Randomness"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "KendaliData", "Simulation"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Charts", "KendaliData"]),
        .testTarget(name: "KendaliCLITests", dependencies: ["kendali", "Randomness"]),
    ]
)
