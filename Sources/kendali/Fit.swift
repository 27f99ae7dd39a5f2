import ArgumentParser

/// `kendali fit`: the command group of model fits on a CSV file.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a statistical model to the columns of a CSV file.",
        subcommands: [FitOLS.self, FitKM.self, FitCoxPH.self]
    )
}
