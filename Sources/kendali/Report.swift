import Analysis
import ArgumentParser
import Foundation
import KendaliData
import Reports

/// `kendali report`: the weekly report as `index.html`, `report.md`, `charts/` and `data/`.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the weekly report: a self-contained HTML page, Markdown with SVG charts, and the data.",
        discussion: """
            Writes into the folder --out (created, or replaced when it holds an earlier report; \
            the report is built next to it and moved into place in one step, so a failure \
            leaves nothing behind):
              index.html   one page, inline SVG and CSS, no network, prints on A4
              report.md    the same content in Markdown, linking charts/*.svg
              charts/      every chart as an SVG file
              data/        every table as CSV and JSON, and all of them in laporan.xlsx
                           (a sheet a table; headers in the report's language above
                           the machine names)
              laporan.pdf  with --pdf: index.html printed on A4 by headless Chromium

            Content for the chosen tier: headline figures (zones, the stage pipeline, the \
            change since last week), the zone trend, the forecast burn-up with its P10–P90 \
            band and the dates of 50/90/100 % green, the delay factors and what they cost, \
            Kaplan–Meier time to green by the units one level down, the priority list (the \
            unit's yellow and red cooperatives ranked as 'kendali rank' does, from the \
            report's own forecast; or the CSV of 'kendali rank' given with --priorities; \
            --no-priorities leaves it out), the zones per unit, the cooperatives \
            that changed zone this week, S-curves of the top-priority (or most delayed) \
            cooperatives, the operating cooperatives' business health and those falling, \
            data warnings, and the rule set, model and data versions. \
            Bahasa Indonesia by default (1.166 and 27 November 2026), English with --lang en.

            --level takes one or two words: national, province [CODE], regency CODE, \
            district CODE (or regency:5201). Without a code, province means the data's only \
            province, or the national report when the data hold several provinces. Put \
            FOLDER before --level.

            Examples:
              kendali report datasets/ntb/snapshots --out laporan
              kendali report --db ntb.sqlite --as-of 2026-02-06 --level regency 5202 --out lombok-tengah --lang en
              kendali report datasets/ntb/snapshots --level district 520201 --out praya --priorities rank.csv
            """)

    @OptionGroup var source: DataSourceOptions

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "The tier: national, province [CODE], regency CODE or district CODE.", valueName: "level"))
    var level: [String] = ["province"]

    @Option(help: ArgumentHelp("The folder to write the report into.", valueName: "dir"))
    var out: String

    @OptionGroup var lang: LanguageOption

    @Option(help: "The forecast's random seed (the same seed gives the same report).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Monte Carlo paths per cooperative (default: 500 for a province, fewer for larger data).",
                               valueName: "n"))
    var paths: Int?

    @Option(help: ArgumentHelp("The priority ranking: the CSV written by 'kendali rank --format csv'.", valueName: "file"))
    var priorities: String?

    @Option(help: ArgumentHelp("A rule set file (JSON); the default rule set otherwise.", valueName: "file"))
    var rules: String?

    @Flag(help: "Leave the forecast out (its sections then say so).")
    var noForecast = false

    @Flag(help: "Without --priorities: leave the priority ranking out instead of computing it from the forecast.")
    var noPriorities = false

    @Flag(help: "Also print index.html to laporan.pdf (A4) through headless Chromium, which must be installed.")
    var pdf = false

    @Option(help: ArgumentHelp(
        "The footer's time zone: WIB, WITA, WIT or UTC+H (default: the province's zone; WIB for the national report).",
        valueName: "zone"))
    var timezone: String?

    func validate() throws {
        _ = try parsedLevel()
        guard !out.isEmpty else { throw ValidationError("--out must name a folder") }
        if let paths, !(10...100_000).contains(paths) {
            throw ValidationError("--paths must be 10…100000, got \(paths)")
        }
        if let timezone, ReportTimeZone(parsing: timezone) == nil {
            throw ValidationError("--timezone must be WIB, WITA, WIT, UTC or UTC+H (e.g. UTC+8), got '\(timezone)'")
        }
    }

    private func parsedLevel() throws -> ReportLevel {
        do {
            return try ReportLevel(parsing: level)
        } catch {
            throw ValidationError(error.description + (level.count > 2 ? " (put FOLDER before --level)" : ""))
        }
    }

    func run() throws {
        // The browser is checked before any work, so a missing one costs nothing.
        let printer = pdf ? PDFPrinter.find() : nil
        if pdf, printer == nil {
            throw CLIError("--pdf: " + PDFPrinter.installHint)
        }
        // The destination is made ready (its parents created) or refused before any work.
        try OutputPaths.prepareFolder(above: out, for: "--out")
        do {
            try ReportWriter.checkDestination(out)
        } catch {
            throw CLIError(error.description)
        }
        let showProgress = progressIsVisible
        let ruleSet = try Status.loadRules(rules)
        let ranking = try Self.loadPriorities(priorities)
        if showProgress { writeToStandardError("reading the data…") }
        let history = try source.loadHistory()
        var options = AnalysisOptions(
            level: try parsedLevel(), asOf: source.asOfDay, rules: ruleSet,
            ruleSetSource: rules.map { URL(fileURLWithPath: $0).lastPathComponent }, forecast: !noForecast,
            seed: seed, paths: paths, priorities: ranking, toolVersion: KendaliVersion.string)
        options.computePriorities = !noPriorities
        // Analyse, then render.
        let report: WeeklyAnalysis
        do {
            report = try Analyser.analyse(history: history, options: options) { stage in
                guard showProgress else { return }
                switch stage {
                case .zones: writeToStandardError("classifying zones…")
                case .forecast: if !noForecast { writeToStandardError("fitting the models and forecasting…") }
                case .sections: writeToStandardError("building the sections…")
                }
            }
        } catch {
            throw CLIError(error.description)
        }
        if showProgress { writeToStandardError("writing \(out)…") }
        let zone = timezone.flatMap(ReportTimeZone.init(parsing:)) ?? ReportTimeZone.of(report.unit)
        let document = ReportDocument(analysis: report, language: lang.reportLanguage, generatedAt: zone.timestamp(Date()))
        do {
            try ReportWriter.write(document, to: out)
        } catch {
            throw CLIError(error.description)
        }
        if let printer {
            if showProgress { writeToStandardError("printing laporan.pdf…") }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            do {
                try printer.printPDF(page: folder.appendingPathComponent("index.html"),
                                     to: folder.appendingPathComponent("laporan.pdf"))
            } catch {
                throw CLIError(error.description)
            }
        }
        if case let .unavailable(.forecastFailed, detail) = report.burnUp.forecast {
            writeToStandardError("note: the forecast sections are empty: the models could not be fitted" + (detail.map { " (\($0))" } ?? ""))
        }
        let folder = URL(fileURLWithPath: out).standardizedFileURL.path
        let language = lang.reportLanguage
        let text = ReportText(language)
        print(text(.cliWritten, report.unitName, ReportFormatter(language).date(report.asOf), folder + "/"))
        print(text(.cliIndex))
        print(text(.cliMarkdown))
        print(text(.cliCharts, String(document.charts.count)))
        print(text(.cliData, String(document.tables.count)))
        if pdf { print(text(.cliPDF)) }
    }

    /// The priority ranking of `path`, or `nil`.
    static func loadPriorities(_ path: String?) throws -> PriorityInput? {
        guard let path else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLIError("\(path): cannot read the priority ranking (\(error.localizedDescription))")
        }
        do {
            return try PriorityList.parse(csv: text, source: URL(fileURLWithPath: path).lastPathComponent)
        } catch {
            throw CLIError(error.description)
        }
    }
}
