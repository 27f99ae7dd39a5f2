import ArgumentParser
import KendaliData

/// Where an analysis command reads the weekly snapshots from: a folder of CSV files or a
/// history store, exactly one of them, and optionally the week to look at.
///
/// Every analysis command takes these options (`kendali X [FOLDER | --db PATH]
/// [--as-of DATE]`), so a planner can work straight from the files received or from the
/// store kept by `kendali ingest`, with the same results.
struct DataSourceOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "A folder of weekly snapshot CSV files (every *.csv in it is read and validated).",
        valueName: "folder"))
    var folder: String?

    @Option(help: ArgumentHelp(
        "A history store (SQLite file) written by 'kendali ingest'.", valueName: "path"))
    var db: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The week to report: the latest week on or before this date, YYYY-MM-DD (default: the latest week).",
        valueName: "date"))
    var asOf: String?

    func validate() throws {
        switch (folder, db) {
        case (nil, nil):
            throw ValidationError("give the data: a FOLDER of weekly CSV files or --db PATH")
        case (.some, .some):
            throw ValidationError("give either a FOLDER or --db PATH, not both")
        default:
            break
        }
        if let asOf, Day(parsing: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date YYYY-MM-DD")
        }
    }

    /// The `--as-of` day, if given (already validated).
    var asOfDay: Day? { asOf.flatMap { Day(parsing: $0) } }

    /// A short description of the source, for reports.
    var sourceDescription: String {
        if let db { return "store \(db)" }
        return "folder \(folder ?? "")"
    }

    /// Loads the history, up to `--as-of` when given.
    ///
    /// On failure prints every problem (each refused file with all its errors) on standard
    /// error and exits with status 1.
    func loadHistory() throws -> SnapshotHistory {
        do {
            if let db {
                return try SnapshotHistory.load(store: db, asOf: asOfDay)
            }
            return try SnapshotHistory.load(folder: folder ?? ".", asOf: asOfDay)
        } catch {
            printError("error: cannot read the data from the \(sourceDescription):")
            printError(error.description)
            let refused = error.refusedFiles.count
            if refused > 0 {
                printError("\(refused) file\(refused == 1 ? "" : "s") refused; nothing was analysed")
            }
            throw ExitCode.failure
        }
    }
}
