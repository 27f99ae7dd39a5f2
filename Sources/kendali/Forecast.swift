import ArgumentParser
import Forecasting
import Foundation
import KendaliData
import Reports

/// `kendali forecast`: each cooperative's green date, P10/P50/P90, with aggregates.
struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast each cooperative's green date (P10/P50/P90) by seeded Monte Carlo.",
        discussion: """
            Fits every model on the history up to the as-of week — land and start (a Markov \
            chain per regency, with a programme pace per path, each cooperative's frailty and \
            its share of failed land verifications, and the regency's start capacity where \
            starts are rationed), construction along the S-curve with the delay factors, each \
            cooperative's pooled speed and the public holidays' effects, the flags' episodes, \
            land disputes on building sites (which can stop a site), the seasonal weather, the \
            first business unit and the \
            institutional and legal items — and simulates each cooperative not yet green \
            forward (--paths paths, parameter uncertainty included). Deterministic for a \
            given --seed, on any number of cores.

            CSV columns (a stable contract): kode_koperasi, p10, p50, p90 (ISO report dates; \
            empty when beyond the horizon), zone, main_factor, then p_green_by_target, \
            target_date, stage, progress, regency, assumptions, data_quality. One row per \
            cooperative not green at the as-of week. main_factor is the cause with the largest expected delay: \
            land, weather, labour, technical, start, operations or institutional. \
            data_quality is ok, stale (no report for 3 weeks or more) or inconsistent (the \
            last report contradicts the one before: progress fell by more than 2 points or \
            the stage went back); such a cooperative's paths start from both readings of its \
            state, and its P10–P90 is never narrower than its last report read as fresh gives.

            --format xlsx --out FILE writes the CSV's columns as an Excel workbook instead: one \
            sheet, the column names in --lang above the machine names (two frozen header rows), \
            numbers as numbers, dates as dates.

            The table and JSON add, per regency and for all: expected number green per week \
            with a P10–P90 band across the simulated worlds, and the dates by which 50 %, 90 % \
            and 100 % are green. Every assumption made where the data say nothing is listed. \
            Two counts of green are named apart: "green this week" (green_this_week: the \
            cooperatives whose report of the as-of week is green, as `kendali status` and the \
            report's headline count) and "ever green" (green_at_as_of: green at some report so \
            far); the forecast is about the first time a cooperative is green, so its curves \
            and dates count ever green.

            --history-weeks N --history-out FILE also re-runs the forecast as of each of the \
            last N weeks (each on the data up to it) and writes how each cooperative's P10/P50/P90 \
            moved: CSV kode_koperasi, as_of, p10, p50, p90.

            Examples:
              kendali forecast datasets/ntb/snapshots
              kendali forecast datasets/ntb/snapshots --format xlsx --out prakiraan.xlsx
              kendali forecast datasets/ntb/snapshots --history-weeks 8 --history-out history.csv
              kendali forecast --db ntb.sqlite --as-of 2026-03-13 --seed 7 --paths 2000 --format csv
            """)

    @OptionGroup var source: DataSourceOptions

    @Option(help: "Seed of the Monte Carlo.")
    var seed: UInt64 = 1

    @Option(help: "Monte Carlo paths per cooperative (at least 10).")
    var paths: Int = 500

    @Option(help: "Horizon in weeks after the as-of week; later dates are left empty.")
    var horizon: Int = 104

    @Option(name: .customLong("by"), help: ArgumentHelp(
        "Target date of p_green_by_target, YYYY-MM-DD (default: 26 weeks after the as-of week).",
        valueName: "date"))
    var target: String?

    @Option(help: ArgumentHelp("A rule set file (JSON); the default rule set otherwise.", valueName: "file"))
    var rules: String?

    @Option(name: .customLong("history-weeks"), help: ArgumentHelp(
        "Also re-run the forecast as of each of the last N weeks and write each cooperative's forecast history to --history-out.",
        valueName: "n"))
    var historyWeeks: Int = 0

    @Option(name: .customLong("history-out"), help: ArgumentHelp(
        "File for the forecast history: CSV kode_koperasi,as_of,p10,p50,p90.", valueName: "file"))
    var historyOut: String?

    @OptionGroup var output: TableOutputOptions

    @OptionGroup var lang: LanguageOption

    var format: OutputFormat { output.textFormat }

    @Flag(help: "Keep a start hazard per cooperative everywhere: do not look for rationed construction starts (a queue at a weekly capacity).")
    var noStartCapacity = false

    func validate() throws {
        if historyWeeks < 0 { throw ValidationError("--history-weeks must be ≥ 0") }
        if historyWeeks > 0 && historyOut == nil { throw ValidationError("--history-weeks needs --history-out FILE") }
        if paths < 10 { throw ValidationError("--paths must be at least 10") }
        if horizon < 1 || horizon > 1000 { throw ValidationError("--horizon must be within 1…1000") }
        if let target, Day(parsing: target) == nil {
            throw ValidationError("--by '\(target)' is not a date YYYY-MM-DD")
        }
    }

    func run() throws {
        if historyWeeks > 0, let historyOut { try OutputPaths.prepareFile(historyOut, for: "--history-out") }
        try output.prepare()
        let ruleSet = try Status.loadRules(rules)
        let history = try source.loadHistory(digests: false)
        let panel = Panel(history: history, rules: ruleSet)
        // Only the panel is used from here on.
        history.releaseInBackground()
        guard panel.weekCount > 0 else {
            throw CLIError("no week in the \(source.sourceDescription)")
        }
        if let day = target.flatMap({ Day(parsing: $0) }), let last = panel.dates.last,
           let problem = ForecastOptions.targetProblem(day, asOf: last, option: "--by") {
            throw CLIError(problem)
        }
        let options = ForecastOptions(
            seed: seed, paths: paths, horizon: horizon, target: target.flatMap { Day(parsing: $0) },
            rationStarts: !noStartCapacity)
        let forecast: GreenForecast
        do {
            forecast = try GreenForecaster.forecast(panel: panel, asOfWeek: panel.weekCount - 1, options: options)
        } catch {
            throw CLIError("cannot forecast: \(error.description)")
        }
        if output.workbookPath != nil {
            print(try output.write([Self.sheet(forecast, language: lang.reportLanguage)], language: lang.reportLanguage), terminator: "")
        } else {
            print(Self.render(forecast, panel: panel, format: format, language: lang.reportLanguage), terminator: "")
        }
        if historyWeeks > 0, let historyOut {
            let last = panel.weekCount - 1
            let weeks = Array(max(1, last - historyWeeks + 1)...last)
            do {
                let h = try ForecastHistory(panel: panel, weeks: weeks, options: options)
                var out = "kode_koperasi,as_of,p10,p50,p90\n"
                for (k, w) in h.weeks.enumerated() {
                    for (i, q) in h.forecasts[k].sorted(by: { $0.key < $1.key }) {
                        out += "\(panel.codes[i]),\(panel.date(ofWeek: w).iso),\(Self.iso(forecast, q.p10)),\(Self.iso(forecast, q.p50)),\(Self.iso(forecast, q.p90))\n"
                    }
                }
                try out.write(toFile: historyOut, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("forecast history: \(error)")
            }
        }
    }

    // MARK: - Rendering

    static func iso(_ f: GreenForecast, _ week: Int?) -> String {
        week.map { f.date(ofWeek: $0).iso } ?? ""
    }

    static func render(_ f: GreenForecast, panel: Panel, format: OutputFormat, language: ReportLanguage) -> String {
        switch format {
        case .csv: return csv(f)
        case .json: return json(f, panel: panel)
        case .table: return table(f, panel: panel, language: language)
        }
    }

    static func csv(_ f: GreenForecast) -> String {
        var out = "kode_koperasi,p10,p50,p90,zone,main_factor,p_green_by_target,target_date,stage,progress,regency,assumptions,data_quality\n"
        let target = f.targetDate.iso
        for c in f.cooperatives {
            let fields: [String] = [
                c.code.description, iso(f, c.p10), iso(f, c.p50), iso(f, c.p90),
                c.zone?.rawValue ?? "", c.mainCause.description,
                String(format: "%.3f", c.probabilityGreenByTarget), target, c.stage.rawValue,
                String(format: "%.1f", c.progress), String(c.regency),
                Tabular.csvField(c.assumptions.joined(separator: "; ")), c.dataQuality.rawValue,
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    static func curveName(_ c: GreenCurve, panel: Panel) -> String {
        if let code = Int(c.name), let k = panel.regencies.firstIndex(of: code) {
            return "\(code) \(panel.regencyNames[k])"
        }
        return c.name
    }

    static func json(_ f: GreenForecast, panel: Panel) -> String {
        let j = Tabular.jsonString
        let n = Tabular.jsonNumber
        var out = "{\n"
        out += "  \"as_of\": \(j(f.asOfDate.iso)),\n"
        out += "  \"rule_set\": \(j(panel.rules.label)),\n"
        out += "  \"seed\": \(f.options.seed), \"paths\": \(f.options.paths), \"horizon_weeks\": \(f.options.horizon),\n"
        out += "  \"target_date\": \(j(f.targetDate.iso)),\n"
        out += "  \"assumptions\": [" + f.assumptions.map(j).joined(separator: ", ") + "],\n"
        out += "  \"aggregates\": [\n"
        out += f.curves.map { c in
            let weeks = (0...f.options.horizon).map { o in
                "{\"date\": \(j(f.date(ofWeek: f.asOfWeek + o).iso)), \"expected\": \(n(c.expected[o])), \"p10\": \(n(c.lower[o])), \"p90\": \(n(c.upper[o]))}"
            }
            return "    {\"unit\": \(j(c.name)), \"name\": \(j(curveName(c, panel: panel))), \"cooperatives\": \(c.total), "
                + "\"green_at_as_of\": \(c.greenAtAsOf), \"green_this_week\": \(greenThisWeek(c, f, panel: panel)), "
                + "\"date_50_percent\": \(c.weeksTo50.map { j(f.date(ofWeek: f.asOfWeek + $0).iso) } ?? "null"), "
                + "\"date_90_percent\": \(c.weeksTo90.map { j(f.date(ofWeek: f.asOfWeek + $0).iso) } ?? "null"), "
                + "\"date_100_percent\": \(c.weeksTo100.map { j(f.date(ofWeek: f.asOfWeek + $0).iso) } ?? "null"), "
                + "\"weeks\": [" + weeks.joined(separator: ", ") + "]}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"cooperatives\": [\n"
        out += f.cooperatives.map { c in
            let delays = DelayCause.allCases.map { "\(j($0.description)): \(n((c.expectedDelay[$0.rawValue] * 10).rounded() / 10))" }
            return "    {\"kode_koperasi\": \(j(c.code.description)), \"p10\": \(c.p10.map { j(f.date(ofWeek: $0).iso) } ?? "null"), "
                + "\"p50\": \(c.p50.map { j(f.date(ofWeek: $0).iso) } ?? "null"), "
                + "\"p90\": \(c.p90.map { j(f.date(ofWeek: $0).iso) } ?? "null"), "
                + "\"zone\": \(c.zone.map { j($0.rawValue) } ?? "null"), \"main_factor\": \(j(c.mainCause.description)), "
                + "\"p_green_by_target\": \(n(c.probabilityGreenByTarget)), \"stage\": \(j(c.stage.rawValue)), "
                + "\"progress\": \(n(c.progress)), \"regency\": \(c.regency), "
                + "\"expected_delay_weeks\": {" + delays.joined(separator: ", ") + "}, "
                + "\"assumptions\": [" + c.assumptions.map(j).joined(separator: ", ") + "], "
                + "\"data_quality\": \(j(c.dataQuality.rawValue))}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }

    /// The cooperatives of curve `c` whose report of the as-of week is green: "green this
    /// week", where ``GreenCurve/greenAtAsOf`` is "ever green".
    static func greenThisWeek(_ c: GreenCurve, _ f: GreenForecast, panel: Panel) -> Int {
        let T = f.asOfWeek
        let regency = Int(c.name)
        var n = 0
        for i in 0..<panel.cooperativeCount where regency == nil || panel.codes[i].regency == regency {
            if panel.isGreenReport(i, at: T) { n += 1 }
        }
        return n
    }
}
