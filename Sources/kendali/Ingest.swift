import ArgumentParser
import Foundation
import KendaliData
import Reports

/// `kendali ingest`: validates weekly snapshot files and stores them in the history store.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Validate weekly snapshot files and store them in the history store.",
        discussion: """
            Each file is validated and stored in its own transaction: a refused file stores \
            nothing and all its errors (file, line, column, value, expected) are printed on \
            standard error, while the other files still go in. Files are stored in date order. \
            A file already stored (same content) is left as it is; a different file for a \
            week already stored is refused unless --replace is given, which stores it as a \
            new revision and keeps the old one.

            The week is checked: when a file's name holds a date (2026-12-04.csv, \
            laporan_2026-12-04.xlsx, 04-12-2026.csv), tanggal_laporan must be that date, or the \
            file is refused naming both; --week DATE says which week the file holds instead \
            (tanggal_laporan must then be DATE). A date on another weekday than most stored \
            weeks is a warning naming the usual day.

            --registry FILE stores the register of cooperatives (CSV or .xlsx with the columns \
            kode_koperasi, nama_koperasi, desa, kecamatan, kabupaten) in the store; this and \
            every later ingest checks against it: a code not in it refuses the file, naming \
            the nearest registered codes; a desa, kecamatan or kabupaten other than the \
            register's is a warning (the register's names are shown); every registered \
            cooperative silent two weeks or more, or never reported, is a warning with the \
            weeks and its last report. A new --registry replaces it as a new revision (the \
            register is stored even when every file is refused). Without a register, a code \
            never reported in an earlier stored week is a warning.

            Prints one line per file: imported, unchanged, replaced or refused, with its rows \
            and warnings. Exits with status 1 when any file was refused.

            Examples:
              kendali ingest snapshots/ --db ntb.sqlite
              kendali ingest 2025-09-01.csv --db ntb.sqlite --replace
              kendali ingest 2025-09-08.xlsx --sheet Minggu --db ntb.sqlite
              kendali ingest snapshots/ --db ntb.sqlite --registry koperasi.csv
              kendali ingest laporan-minggu-lalu.csv --week 2025-09-12 --db ntb.sqlite
            """)

    @Argument(help: ArgumentHelp(
        "Snapshot files (CSV or .xlsx), or folders whose *.csv and *.xlsx files are all read (none with --registry alone).",
        valueName: "file-or-folder"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp(
        "The history store (SQLite file); created when missing.", valueName: "path"))
    var db: String

    @Option(help: ArgumentHelp(
        "The worksheet read from each .xlsx workbook (default: the first sheet).", valueName: "name"))
    var sheet: String?

    @Flag(help: "Store a different file for a week already stored, as a new revision.")
    var replace = false

    @Option(help: ArgumentHelp(
        "The register of cooperatives (CSV or .xlsx: kode_koperasi, nama_koperasi, desa, kecamatan, kabupaten), kept in the store and checked against by this and later ingests.",
        valueName: "file"))
    var registry: String?

    @Option(help: ArgumentHelp(
        "The week the file holds, YYYY-MM-DD, instead of the date in its name (tanggal_laporan must be this date).",
        valueName: "date"))
    var week: String?

    @Flag(help: "List every warning on standard error (by default only their number is shown).")
    var warnings = false

    @Option(help: "Summary format: table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var lang: LanguageOption

    func validate() throws {
        guard !inputs.isEmpty || registry != nil else {
            throw ValidationError("give at least one FILE or FOLDER")
        }
        if let week {
            guard Day(parsing: week) != nil else {
                throw ValidationError("--week '\(week)' is not a date YYYY-MM-DD")
            }
        }
    }

    /// The week `--week` gives, if any (already validated).
    private var weekDay: Day? { week.flatMap { Day(parsing: $0) } }

    /// Above this many rows in all files together, files are read twice (once to learn
    /// their dates, once to store them) instead of being kept in memory.
    private static let rowsKeptInMemory = 2_000_000

    func run() throws {
        let language = lang.reportLanguage
        var lines: [IngestLine] = []
        var paths: [String] = []
        var anyRefused = false
        // The register is read first: a refused register stores nothing at all.
        let register: CooperativeRegister?
        do throws(RegisterError) {
            register = try registry.map { path throws(RegisterError) in
                // A register workbook is read from its first sheet: --sheet names the weeks' sheet.
                try CooperativeRegister.read(contentsOf: path)
            }
        } catch {
            throw CLIError(error.description)
        }
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
                CLIError(ReportText(language)(.noSuchInput, input)).report()
                anyRefused = true
                continue
            }
            if isFolder.boolValue {
                do throws(SnapshotHistoryError) {
                    let files = try SnapshotHistory.snapshotFiles(in: input)
                    if files.isEmpty {
                        throw SnapshotHistoryError(problems: [.noFiles(path: input)])
                    }
                    paths.append(contentsOf: files)
                } catch {
                    CLIError(IngestMessages.text(error, language)).report()
                    anyRefused = true
                }
            } else {
                paths.append(input)
            }
        }
        if weekDay != nil, paths.count > 1 {
            throw CLIError("--week names the week of one file; \(paths.count) files were given")
        }

        // Validate every file; keep the valid ones in date order.
        var valid: [(date: Day, path: String, file: SnapshotFile?)] = []
        var rowsKept = 0
        for path in paths {
            do {
                let file = try SnapshotReader.read(contentsOf: path, sheet: sheet)
                try checkWeek(file)
                rowsKept += file.records.count
                valid.append((file.reportDate, path, rowsKept <= Self.rowsKeptInMemory ? file : nil))
            } catch {
                anyRefused = true
                CLIError(IngestMessages.text(error, language)).report()
                lines.append(IngestLine(
                    file: error.fileName, date: nil, outcome: "refused", revision: nil, rows: 0,
                    warnings: 0, errors: error.errorCount))
            }
        }
        valid = valid.enumerated().sorted {
            $0.element.date != $1.element.date ? $0.element.date < $1.element.date : $0.offset < $1.offset
        }.map(\.element)

        // Nothing to store (every path missing, empty or refused): no store is created.
        if valid.isEmpty && register == nil {
            if !lines.isEmpty { print(IngestLine.render(lines, format: format, store: db, language: language), terminator: "") }
            throw ExitCode.failure
        }
        let store: HistoryStore
        do {
            store = try HistoryStore.open(path: db)
        } catch {
            throw CLIError(IngestMessages.text(error, language))
        }
        if let register {
            do {
                let outcome = try store.storeRegister(register)
                let line = Self.registerLine(outcome)
                if format == .table { print(line) } else { writeToStandardError(line) }
            } catch {
                throw CLIError(error.description)
            }
        }
        let showProgress = progressIsVisible
        let pauseAfter = Self.testPauseAfterRows()
        for (n, entry) in valid.enumerated() {
            let file: SnapshotFile
            if let kept = entry.file {
                file = kept
            } else {
                do {
                    file = try SnapshotReader.read(contentsOf: entry.path, sheet: sheet)
                } catch {
                    anyRefused = true
                    CLIError(IngestMessages.text(error, language)).report()
                    lines.append(IngestLine(
                        file: error.fileName, date: entry.date, outcome: "refused", revision: nil,
                        rows: 0, warnings: 0, errors: error.errorCount))
                    continue
                }
            }
            var paused = false
            let progress: (Int, Int) -> Void = { written, total in
                if showProgress {
                    printStoreProgress("[\(n + 1)/\(valid.count)] \(file.fileName): \(written)/\(total) rows")
                }
                if let pauseAfter, !paused, written >= pauseAfter {
                    paused = true
                    writeToStandardError("kendali: test pause inside the import transaction of \(file.fileName)")
                    Thread.sleep(forTimeInterval: 3600)
                }
            }
            do {
                let outcome = try store.ingest(file: file, replace: replace, progress: progress)
                if showProgress { printStoreProgress(nil) }
                lines.append(IngestLine(
                    file: file.fileName, date: file.reportDate, outcome: outcome.kind.rawValue,
                    revision: outcome.stored.revision, rows: outcome.stored.rowCount,
                    warnings: outcome.warnings.count, errors: 0))
                if warnings {
                    for w in outcome.warnings { writeToStandardError(SnapshotIssueText.line(w, language: language)) }
                }
            } catch {
                if showProgress { printStoreProgress(nil) }
                anyRefused = true
                CLIError(IngestMessages.text(error, language)).report()
                let count = if case let .refused(e) = error { e.errorCount } else { 1 }
                lines.append(IngestLine(
                    file: file.fileName, date: file.reportDate, outcome: "refused", revision: nil,
                    rows: 0, warnings: 0, errors: count))
            }
        }
        if !lines.isEmpty || !inputs.isEmpty {
            print(IngestLine.render(lines, format: format, store: db, language: language), terminator: "")
        }
        // Each refused file was reported above, as it was met: only the status is left to give.
        if anyRefused { throw ExitCode.failure }
    }

    /// Refuses `file` when its `tanggal_laporan` is not the week it must hold: `--week`
    /// when given, else the date in its name (`ReportWeek.dateInFileName`), if any.
    private func checkWeek(_ file: SnapshotFile) throws(SnapshotFileError) {
        if let weekDay {
            if file.reportDate != weekDay { throw ReportWeek.mismatch(file, expected: weekDay, source: .option) }
        } else if let named = ReportWeek.dateInFileName(file.fileName), named != file.reportDate {
            throw ReportWeek.mismatch(file, expected: named, source: .fileName)
        }
    }

    /// The line saying what became of `--registry`.
    static func registerLine(_ outcome: RegisterOutcome) -> String {
        let r = outcome.current
        let n = r.register.count
        let what = "\(n) cooperative\(n == 1 ? "" : "s")"
        if !outcome.stored {
            return "register \(r.register.fileName): \(what), unchanged (revision \(r.revision))"
        }
        let replaced = outcome.replacedRevision.map { ", replacing revision \($0)" } ?? ""
        return "register \(r.register.fileName): \(what), stored as revision \(r.revision)\(replaced)"
    }

    /// Test-only hook: when `KENDALI_TEST_PAUSE_AFTER_ROWS` is a number N, the import stops
    /// for an hour once N rows of a file are written, inside that file's transaction, after
    /// printing a line on standard error. The tests use it to kill the process at a known
    /// point and check that the store is as before the file. Not for normal use.
    private static func testPauseAfterRows() -> Int? {
        ProcessInfo.processInfo.environment["KENDALI_TEST_PAUSE_AFTER_ROWS"].flatMap { Int($0) }
    }
}

/// One line of the ingest summary.
struct IngestLine: Codable {
    var file: String
    var date: Day?
    var outcome: String
    var revision: Int?
    var rows: Int
    var warnings: Int
    var errors: Int

    static func render(_ lines: [IngestLine], format: OutputFormat, store: String, language: ReportLanguage) -> String {
        switch format {
        case .csv:
            var out = "file,report_date,outcome,revision,rows,warnings,errors\n"
            for l in lines {
                out += [
                    Tabular.csvField(l.file), l.date?.iso ?? "", l.outcome,
                    l.revision.map(String.init) ?? "", String(l.rows), String(l.warnings),
                    String(l.errors),
                ].joined(separator: ",") + "\n"
            }
            return out
        case .json:
            let items = lines.map { l in
                "{\"file\":\(Tabular.jsonString(l.file)),\"report_date\":\(l.date.map { Tabular.jsonString($0.iso) } ?? "null"),"
                    + "\"outcome\":\(Tabular.jsonString(l.outcome)),\"revision\":\(l.revision.map(String.init) ?? "null"),"
                    + "\"rows\":\(l.rows),\"warnings\":\(l.warnings),\"errors\":\(l.errors)}"
            }
            return "{\"store\":\(Tabular.jsonString(store)),\"files\":[" + items.joined(separator: ",") + "]}\n"
        case .table:
            return table(lines, store: store, language: language)
        }
    }
}

/// Writes a transient progress line on standard error (`nil` clears it).
func printStoreProgress(_ text: String?) {
    let line = text.map { "\r\u{1B}[2K" + $0 } ?? "\r\u{1B}[2K"
    FileHandle.standardError.write(Data(line.utf8))
}
