import Analysis
import ArgumentParser
import Charts
import Foundation
import KendaliData
import Reports

/// `kendali chart`: one chart of the weekly report, alone, as an SVG file.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Write one chart of the weekly report as an SVG file.",
        discussion: """
            The charts:
              trend      cooperatives per zone per week (stacked area)
              burnup     cooperatives green: observed, forecast and its P10–P90 band
              factors    construction weeks lost per delay factor, with 95 % intervals
              km         Kaplan–Meier time to green, by the units one level down
              scurve     S-curves: observed progress and projection (--kode for given cooperatives)
              breakdown  zones per unit (heat table)
              health     median monthly turnover of the operating cooperatives per unit, with P25–P75

            The chart is the report's own, for the same data, tier and language (see \
            'kendali report --help'); the file is written atomically.

            Examples:
              kendali chart trend datasets/ntb/snapshots --out trend.svg
              kendali chart burnup --db ntb.sqlite --level regency 5202 --out burnup.svg --lang en
              kendali chart scurve datasets/ntb/snapshots --kode 5202012001 --out kurva.svg
            """)

    @Argument(help: ArgumentHelp("trend, burnup, factors, km, scurve, breakdown or health.", valueName: "chart"))
    var kind: String

    @OptionGroup var source: DataSourceOptions

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "The tier: province [CODE], regency CODE or district CODE.", valueName: "level"))
    var level: [String] = ["province"]

    @Option(help: ArgumentHelp("The SVG file to write.", valueName: "file"))
    var out: String

    @OptionGroup var lang: LanguageOption

    @Option(help: ArgumentHelp("For scurve: the cooperatives to draw (kode_koperasi, comma-separated).",
                               valueName: "kode"))
    var kode: String?

    @Option(help: "The forecast's random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Monte Carlo paths per cooperative (default: by size).", valueName: "n"))
    var paths: Int?

    @Option(help: ArgumentHelp("A rule set file (JSON); the default rule set otherwise.", valueName: "file"))
    var rules: String?

    func validate() throws {
        guard chartKind != nil else {
            throw ValidationError("unknown chart '\(kind)'; expected one of: "
                + ReportChartKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        do {
            _ = try ReportLevel(parsing: level)
        } catch {
            throw ValidationError(error.description)
        }
        guard !out.isEmpty else { throw ValidationError("--out must name a file") }
        if kode != nil, chartKind != .scurve { throw ValidationError("--kode applies to the scurve chart only") }
        if let paths, !(10...100_000).contains(paths) {
            throw ValidationError("--paths must be 10…100000, got \(paths)")
        }
        _ = try codes()
    }

    private var chartKind: ReportChartKind? {
        ReportChartKind(rawValue: kind == "scurves" ? "scurve" : kind.lowercased())
    }

    private func codes() throws -> [CooperativeCode]? {
        guard let kode else { return nil }
        return try kode.split(separator: ",").map { piece in
            let text = piece.trimmingCharacters(in: .whitespaces)
            guard let code = CooperativeCode(parsing: text) else {
                throw ValidationError("--kode '\(text)' is not a kode_koperasi (10 digits)")
            }
            return code
        }
    }

    func run() throws {
        guard let chartKind else { throw ExitCode.validationFailure }
        try OutputPaths.prepareFile(out, for: "--out")
        let ruleSet = try Status.loadRules(rules)
        let history = try source.loadHistory()
        let needsForecast = [.burnup, .factors, .scurve].contains(chartKind)
        let options = AnalysisOptions(
            level: try ReportLevel(parsing: level), asOf: source.asOfDay, rules: ruleSet, forecast: needsForecast,
            seed: seed, paths: paths, sCurveCodes: try codes(), toolVersion: KendaliVersion.string)
        let svg: String
        do {
            let report = try Analyser.analyse(history: history, options: options)
            let charts = ReportCharts(analysis: report, language: lang.reportLanguage)
            switch charts.chart(chartKind) {
            case let .available(chart):
                svg = chart.svg(SVGOptions(embedding: .standalone, idPrefix: chartKind.rawValue))
            case let .unavailable(reason, detail):
                throw ReportError.chartUnavailable(
                    chartKind.rawValue, reason: ReportText(.en)(ReportText.Key(reason)) + (detail.map { " (\($0))" } ?? ""))
            }
            if chartKind == .burnup, case let .unavailable(_, detail) = report.burnUp.forecast {
                writeToStandardError("note: the forecast is not available; the chart shows the observed counts only"
                    + (detail.map { " (\($0))" } ?? ""))
            }
            try ReportWriter.writeFile(svg, to: out)
        } catch let error as AnalysisError {
            throw CLIError(error.description)
        } catch let error as ReportError {
            throw CLIError(error.description)
        }
        print(out)
    }
}
