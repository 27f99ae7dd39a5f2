import ArgumentParser
import Forecasting
import Foundation
import KendaliData
import Reports

/// `kendali why`: why one cooperative is not green and why its forecast moved.
struct Why: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Explain one cooperative: what it misses for green and why its forecast moved.",
        discussion: """
            Prints the cooperative's zone, the conditions of the green rule it misses (its \
            score and the score needed), the quality of its data, its green-date forecast \
            (P10/P50/P90) now and as of each of the last --weeks weeks, each forecast made \
            on the data up to its week (as 'forecast --history-weeks'). For every week in \
            which the P50 moved by 2 weeks or more it lists the inputs of that week's report \
            that changed since the report before (status_lahan verifikasi → tidak_ada, \
            progres_fisik, the kendala_* flags, the institutional and legal items). Each of \
            those changes the forecast reads is reverted alone and the cooperative \
            re-forecast with the same models and random streams; the change whose reversal \
            takes back the most of the move, at least half of it, is named as the one that \
            explains it. A date beyond the horizon counts as the week after it.

            JSON: {"kode_koperasi", "zone", "missing_for_green": [{"criterion", "value", \
            "needed"}], "forecast_history": [{"as_of", "p10", "p50", "p90", "changes": \
            [{"column", "from", "to"}]}]} with more keys (data_quality, p50_move_weeks, \
            explained_by).

            Examples:
              kendali why 5271051006 datasets/ntb/snapshots
              kendali why 52.71.05.1006 --db ntb.sqlite --weeks 12 --lang en --format json
              kendali why 5271051006 --db ntb.sqlite --format xlsx --out why-5271051006.xlsx

            --format xlsx --out FILE writes two sheets: the criteria missed for green, and the \
            forecast history with one row per changed input (explains_move = 1 marks the change \
            named as explaining the move); headers in --lang above the machine names.
            """)

    /// The formats of `why`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, xlsx
    }

    @Argument(help: ArgumentHelp(
        "The cooperative's code, 10 digits (5201012001) or dotted (52.01.01.2001).", valueName: "kode"))
    var kode: String

    @OptionGroup var source: DataSourceOptions

    @Option(help: "Weeks of forecast history before the as-of week.")
    var weeks: Int = 8

    @Option(help: "Seed of the Monte Carlo (as 'forecast').")
    var seed: UInt64 = 1

    @Option(help: "Monte Carlo paths per forecast (at least 10).")
    var paths: Int = 500

    @Option(help: ArgumentHelp("A rule set file (JSON); the default rule set otherwise.", valueName: "file"))
    var rules: String?

    @OptionGroup var language: LanguageOption

    @Option(help: "Output format: table, json, or xlsx (an Excel workbook, with --out FILE).")
    var format: Format = .table

    @Option(help: ArgumentHelp("With --format xlsx: the workbook to write (its folders are created).", valueName: "file.xlsx"))
    var out: String?

    func validate() throws {
        guard CooperativeCode(parsing: kode) != nil else {
            throw ValidationError("'\(kode)' is not a cooperative code: 10 digits or 52.01.01.2001")
        }
        if weeks < 0 || weeks > 104 { throw ValidationError("--weeks must be within 0…104") }
        if paths < 10 { throw ValidationError("--paths must be at least 10") }
        if format == .xlsx, out == nil { throw ValidationError("--format xlsx needs --out FILE, the workbook to write") }
        if format != .xlsx, let out {
            throw ValidationError("--out \(out) is for --format xlsx; table and json are printed on standard output")
        }
    }

    func run() throws {
        guard let code = CooperativeCode(parsing: kode) else { throw ExitCode.validationFailure }
        let lang = language.reportLanguage
        if format == .xlsx, let out { try OutputPaths.prepareFile(out, for: "--out") }
        let ruleSet = try Status.loadRules(rules)
        let history = try source.loadHistory(digests: false)
        let panel = Panel(history: history, rules: ruleSet)
        guard panel.weekCount > 0 else { throw CLIError("no week in the \(source.sourceDescription)") }
        guard let i = panel.codes.firstIndex(of: code) else {
            let near = CooperativeCode.nearest(to: code, among: panel.codes).map(\.description)
            throw CLIError("no cooperative \(code) in the \(source.sourceDescription)"
                + (near.isEmpty ? "" : "; nearest known codes: " + near.joined(separator: ", ")))
        }
        if progressIsVisible {
            writeToStandardError(lang == .id
                ? "memprakirakan per minggu untuk \(weeks + 1) minggu terakhir…"
                : "forecasting as of each of the last \(weeks + 1) weeks…")
        }
        let explanation: WhyExplanation
        do {
            explanation = try WhyExplanation(
                history: history, panel: panel, cooperative: i, weeks: weeks,
                options: ForecastOptions(seed: seed, paths: paths))
        } catch {
            throw CLIError("cannot forecast: \(error.description)")
        }
        switch format {
        case .json: print(explanation.json(), terminator: "")
        case .table: print(explanation.table(language: lang), terminator: "")
        case .xlsx:
            guard let out else { throw ExitCode.validationFailure }
            let sheets = explanation.sheets(language: lang)
            try XLSXOutput.write(sheets, to: out, language: lang)
            let rows = sheets.reduce(0) { $0 + $1.rows.count }
            print(ReportText(lang)(.workbookWritten, out, ReportFormatter(lang).integer(rows)))
        }
    }
}
