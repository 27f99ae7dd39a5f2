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
            Why.self,
        ]
    )

    /// Every error message starts with `error: `, ArgumentParser's own included.
    static var _errorPrefix: String { CLIError.prefix }

    /// Parks OpenBLAS's idle workers (they would spin on a core for the first tenth of a
    /// second, while the command reads its files on every core), then parses the command
    /// line and runs the command.
    ///
    /// When the command line cannot be parsed and holds an option the command does not
    /// declare, that option is what is reported (``UnknownOption``), whatever check failed
    /// first. ArgumentParser prints every error; a ``CLIError`` exits with its own status
    /// (ArgumentParser alone would exit with 1 for any error but its own).
    static func main() {
        BLASInfo.parkWorkerThreads()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command: ParsableCommand
            do {
                command = try parseAsRoot(arguments)
            } catch where exitCode(for: error) != .success {
                throw UnknownOption.check(arguments, root: Kendali.self) ?? error
            }
            try command.run()
        } catch let error as CLIError where error.exitCode != .failure {
            writeToStandardError(fullMessage(for: error))
            exit(withError: error.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}

/// The tool's version, printed by `--version` and named in every report.
enum KendaliVersion {
    static let string = "0.1.0"
}
