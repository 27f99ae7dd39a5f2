import ArgumentParser
import LinearAlgebra

/// The `kendali` command: the root of every subcommand.
@main
struct Kendali: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kendali",
        abstract: "Analytics and forecasting for the KDKMP village cooperatives.",
        discussion: """
            Reads the weekly snapshot CSVs, keeps their history, classifies every cooperative \
            into hijau/kuning/merah, forecasts when each reaches green and writes the weekly report.

            Example:
              kendali selfcheck
            """,
        version: KendaliVersion.string,
        subcommands: [
            SelfCheck.self,
            Fit.self,
            Simulate.self,
            Ingest.self,
            History.self,
            Status.self,
            Health.self,
            Report.self,
            ChartCommand.self,
            Factors.self,
            Forecast.self,
            Backtest.self,
            Rank.self,
            WhatIfCommand.self,
        ]
    )

    /// Parks OpenBLAS's idle workers (they would spin on a core for the first tenth of a
    /// second, while the command reads its files on every core), then runs the command.
    static func main() {
        BLASInfo.parkWorkerThreads()
        main(nil)
    }
}

/// The tool's version, printed by `--version` and named in every report.
enum KendaliVersion {
    static let string = "0.1.0"
}
