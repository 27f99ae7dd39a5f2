import ArgumentParser
import CSV
import Charts
import Forecasting
import Foundation
import KendaliData
import Reports

/// `kendali backtest`: the forecast scored against what happened after several cut-offs.
struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score the green-date forecast at past cut-offs against what happened afterwards.",
        discussion: """
            For each cut-off the models are fitted on the weeks up to it and the cooperatives \
            not green then are forecast; the forecast is scored against the first green report \
            after the cut-off (cooperatives not green by the last week are censored), or \
            against a truth file (--truth, e.g. the truth.csv of 'kendali simulate'). Scores: \
            MAE of P50 in weeks, bias, P10–P90 coverage, the pinball (quantile) loss at 0.1, \
            0.5 and 0.9, the CRPS (approximated as twice the mean of those three pinball \
            losses) and Harrell's concordance of the predicted order — for the model and two \
            planners' baselines: linear extrapolation of recent progress and Earned Schedule \
            (SPI(t), IEAC(t)) on a 90-working-day plan. --compare scores an outside forecast \
            CSV (columns kode_koperasi,p10,p50,p90 as ISO dates) made at a cut-off, e.g. the \
            oracle of 'kendali simulate --oracle-as-of'.

            Coverage: dates are whole weeks, so a true date often falls exactly on P10 or \
            P90. The table's coverage counts such a date as half inside (a calibrated forecast \
            then scores 80 %); counting it wholly inside overstates the coverage. The CSV and \
            JSON give both: coverage_p10_p90 (both ends inside) and \
            coverage_p10_p90_half_ends (half).

            PIT: the probability integral transform of each true date under the forecast, \
            binned at the quantiles: [0, 0.1), [0.1, 0.5), [0.5, 0.9), [0.9, 1]; a date on a \
            quantile is split half to each side. A calibrated forecast puts 10, 40, 40 and \
            10 % of the dates in these bins. --pit FILE.svg draws the observed against the \
            expected shares for the model and --compare, one panel per cut-off; JSON gives \
            the bin counts of every method (pit_counts).

            CSV columns: cutoff, method, forecast, censored, scored, mae_weeks, bias_weeks, \
            coverage_p10_p90, crps_weeks, concordance, coverage_p10_p90_half_ends, \
            pinball_p10_weeks, pinball_p50_weeks, pinball_p90_weeks. --by-stage adds the same \
            scores among the cooperatives at each stage at the cut-off (not started, building, \
            complete): a table per stage, a last CSV column `stage` (`all` on the overall \
            rows), a `by_stage` list in JSON.

            The model is also scored among the cooperatives of each data quality at the \
            cut-off (ok; stale: no report for 3 weeks or more; inconsistent: the last report \
            contradicts the one before), whose intervals are widened: a table after the \
            scores, a `model_by_data_quality` list in JSON, and with --by-quality the model's \
            rows per data quality in the CSV with a last column `data_quality` (`all` on the \
            other rows).

            Examples:
              kendali backtest datasets/ntb/snapshots --truth datasets/ntb/truth.csv
              kendali backtest datasets/ntb/snapshots --cutoffs 2026-03-13 --compare 2026-03-13=peer.csv
              kendali backtest datasets/ntb/snapshots --list-cutoffs
              kendali backtest datasets/ntb/snapshots --truth datasets/ntb/truth.csv --by-stage
              kendali backtest datasets/ntb/snapshots --truth datasets/ntb/truth.csv --pit pit.svg
            """)

    @OptionGroup var source: DataSourceOptions

    @Option(help: ArgumentHelp(
        "Cut-off dates, comma-separated YYYY-MM-DD (default: 40, 55, 70 and 85 % through the weeks).",
        valueName: "dates"))
    var cutoffs: String?

    @Option(help: ArgumentHelp("A truth CSV with columns kode_koperasi and green_date.", valueName: "file"))
    var truth: String?

    @Option(help: ArgumentHelp(
        "An outside forecast to score: DATE=FILE (its cut-off and CSV), or FILE when there is one cut-off. Repeatable.",
        valueName: "file"))
    var compare: [String] = []

    @Option(help: "Seed of the Monte Carlo.")
    var seed: UInt64 = 1

    @Option(help: "Monte Carlo paths per cooperative.")
    var paths: Int = 500

    @Option(help: "Horizon in weeks.")
    var horizon: Int = 104

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "Keep a start hazard per cooperative everywhere: do not look for rationed construction starts (a queue at a weekly capacity).")
    var noStartCapacity = false

    @Flag(help: "Print the cut-off dates (one YYYY-MM-DD a line) and exit without fitting.")
    var listCutoffs = false

    @Flag(help: "Also score among the cooperatives at each stage at the cut-off (not started, building, complete).")
    var byStage = false

    @Flag(help: "In the CSV, also the model's scores per data quality at the cut-off (ok, stale, inconsistent).")
    var byQuality = false

    @Option(help: ArgumentHelp(
        "Also write the PIT histogram of the model (and of --compare) as an SVG file, one panel per cut-off.",
        valueName: "file"))
    var pit: String?

    func validate() throws {
        if paths < 10 { throw ValidationError("--paths must be at least 10") }
        if let pit, pit.isEmpty { throw ValidationError("--pit must name a file") }
        for d in (cutoffs ?? "").split(separator: ",") where Day(parsing: d.trimmingCharacters(in: .whitespaces)) == nil {
            throw ValidationError("--cutoffs: '\(d)' is not a date YYYY-MM-DD")
        }
    }

    func run() throws {
        if let pit { try OutputPaths.prepareFile(pit, for: "--pit") }
        let history = try source.loadHistory(digests: false)
        let panel = Panel(history: history)
        guard panel.weekCount > 1 else {
            throw CLIError("the backtest needs at least two weeks of data")
        }
        var weeks: [Int] = Backtester.defaultCutoffs(weeks: panel.weekCount)
        if let cutoffs {
            weeks = cutoffs.split(separator: ",").compactMap {
                Day(parsing: $0.trimmingCharacters(in: .whitespaces)).flatMap { panel.weekIndex(onOrBefore: $0) }
            }
        }
        weeks = Array(Set(weeks.filter { $0 >= 1 && $0 < panel.weekCount - 1 })).sorted()
        guard !weeks.isEmpty else {
            throw CLIError("no cut-off inside the data (a cut-off needs a week before and after it)")
        }
        if listCutoffs {
            for w in weeks { print(panel.date(ofWeek: w).iso) }
            return
        }
        var truthWeeks: [Int?]?
        if let truth { truthWeeks = try Self.readTruth(truth, panel: panel) }
        var other: [Int: [Int64: QuantileForecast]] = [:]
        for spec in compare {
            var file = spec
            var week = weeks.count == 1 ? weeks[0] : nil
            if let eq = spec.firstIndex(of: "="), let d = Day(parsing: String(spec[..<eq])) {
                file = String(spec[spec.index(after: eq)...])
                week = panel.weekIndex(onOrBefore: d)
            }
            guard let w = week else {
                throw CLIError("--compare \(spec): give DATE=FILE when there are several cut-offs")
            }
            if !weeks.contains(w) { weeks = (weeks + [w]).sorted() }
            other[w] = try Self.readForecast(file, panel: panel)
        }
        let options = ForecastOptions(seed: seed, paths: paths, horizon: horizon, rationStarts: !noStartCapacity)
        let results: [BacktestCutoff]
        do {
            results = try Backtester.run(panel: panel, cutoffs: weeks, options: options, truth: truthWeeks, compare: other)
        } catch {
            throw CLIError(error.description)
        }
        if let pit {
            do {
                try ReportWriter.writeFile(BacktestPITChart.chart(results).svg(
                    SVGOptions(embedding: .standalone, idPrefix: "pit")), to: pit)
            } catch {
                throw CLIError(error.description)
            }
        }
        print(Self.render(results, format: format, scoredAgainst: truth == nil ? "the data" : "the truth file",
                          byStage: byStage, byQuality: byQuality), terminator: "")
    }

    /// Reads `kode_koperasi,green_date` (other columns ignored) into week indices by panel order.
    static func readTruth(_ path: String, panel: Panel) throws -> [Int?] {
        let rows = try readCSV(path)
        guard let header = rows.first, let k = header.firstIndex(of: "kode_koperasi"),
              let g = header.firstIndex(of: "green_date")
        else {
            throw CLIError("\(path): needs the columns kode_koperasi and green_date")
        }
        var byCode: [Int64: Int?] = [:]
        let first = panel.dates.first ?? Day(daysSinceEpoch: 0)
        for r in rows.dropFirst() where r.count > max(k, g) {
            guard let code = CooperativeCode(parsing: r[k]) else { continue }
            byCode[code.value] = Day(parsing: r[g]).map { first.weeks(to: $0, rounding: .nearest) }
        }
        return panel.codes.map { byCode[$0.value] ?? nil }
    }

    /// Reads `kode_koperasi,p10,p50,p90` (ISO dates; empty = beyond the horizon).
    static func readForecast(_ path: String, panel: Panel) throws -> [Int64: QuantileForecast] {
        let rows = try readCSV(path)
        guard let header = rows.first, let k = header.firstIndex(of: "kode_koperasi"),
              let a = header.firstIndex(of: "p10"), let b = header.firstIndex(of: "p50"),
              let c = header.firstIndex(of: "p90")
        else {
            throw CLIError("\(path): needs the columns kode_koperasi, p10, p50, p90")
        }
        let first = panel.dates.first ?? Day(daysSinceEpoch: 0)
        func week(_ s: String) -> Int? {
            Day(parsing: s).map { first.weeks(to: $0, rounding: .nearest) }
        }
        var out: [Int64: QuantileForecast] = [:]
        for r in rows.dropFirst() where r.count > max(k, a, b, c) {
            guard let code = CooperativeCode(parsing: r[k]) else { continue }
            out[code.value] = QuantileForecast(p10: week(r[a]), p50: week(r[b]), p90: week(r[c]))
        }
        return out
    }

    /// The records of the CSV file at `path` (the `CSV` module's RFC 4180 reader), blank
    /// lines left out, fields trimmed of spaces; the header (first record) in lower case, so
    /// that its column names match whatever their case.
    static func readCSV(_ path: String) throws -> [[String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError("\(path): cannot read the file")
        }
        let records: [CSVRecord]
        do {
            records = try CSVReader().records(text)
        } catch {
            throw CLIError("\(path):\(error)")
        }
        let rows = records.filter { !$0.isEmptyLine }.map { record in
            record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard let header = rows.first else { return [] }
        return [header.map { $0.lowercased() }] + rows.dropFirst()
    }

    static func render(_ results: [BacktestCutoff], format: OutputFormat, scoredAgainst: String,
                       byStage: Bool = false, byQuality: Bool = false) -> String {
        let f = { (x: Double?) in x.map { String(format: "%.3f", $0) } ?? "" }
        switch format {
        case .csv:
            var out = "cutoff,method,forecast,censored,scored,mae_weeks,bias_weeks,coverage_p10_p90,crps_weeks,concordance,"
                + "coverage_p10_p90_half_ends,pinball_p10_weeks,pinball_p50_weeks,pinball_p90_weeks"
                + (byStage ? ",stage" : "") + (byQuality ? ",data_quality\n" : "\n")
            func line(_ r: BacktestCutoff, _ s: BacktestScore, stage: String?, quality: String? = nil,
                      forecast: Int? = nil) -> String {
                ([r.date.iso, s.method, String(forecast ?? r.forecast), String(r.censored), String(s.scored),
                  f(s.meanAbsoluteError), f(s.bias), f(s.coverage), f(s.crps), f(s.concordance),
                  f(s.coverageHalfEnds)] + s.pinball.map { f($0) }
                    + (stage.map { [$0] } ?? []) + (byQuality ? [quality ?? "all"] : [])).joined(separator: ",") + "\n"
            }
            for r in results {
                for s in r.scores { out += line(r, s, stage: byStage ? "all" : nil) }
                if byStage {
                    for group in r.scoresByStage {
                        for s in group.scores { out += line(r, s, stage: group.stage.rawValue) }
                    }
                }
                guard byQuality else { continue }
                for q in r.modelScoresByDataQuality {
                    out += line(r, q.score, stage: byStage ? "all" : nil, quality: q.quality.rawValue, forecast: q.forecast)
                }
            }
            return out
        case .json:
            let n = Tabular.jsonNumber
            let j = Tabular.jsonString
            func scoreList(_ scores: [BacktestScore]) -> String {
                "[" + scores.map { (s: BacktestScore) -> String in
                    let head: String = "{\"method\": \(j(s.method)), \"scored\": \(s.scored), "
                        + "\"mae_weeks\": \(n(s.meanAbsoluteError)), \"bias_weeks\": \(n(s.bias)), "
                    let middle: String = "\"coverage_p10_p90\": \(n(s.coverage)), \"crps_weeks\": \(n(s.crps)), "
                        + "\"concordance\": \(n(s.concordance)), "
                        + "\"coverage_p10_p90_half_ends\": \(n(s.coverageHalfEnds)), "
                    let pinball: String = zip(["p10", "p50", "p90"], s.pinball)
                        .map { (name: String, loss: Double) in "\"pinball_\(name)_weeks\": \(n(loss)), " }.joined()
                    // Counts are sums of fractions (a date on a quantile is split): 3 decimals.
                    let pit: String = "\"pit_counts\": ["
                        + s.pit.map { n(($0 * 1000).rounded() / 1000) }.joined(separator: ", ") + "]}"
                    return head + middle + pinball + pit
                }.joined(separator: ", ") + "]"
            }
            return "{\"scored_against\": \(j(scoredAgainst)), \"pit_bins\": ["
                + ForecastScores.pitEdges().map { n($0) }.joined(separator: ", ") + "], \"cutoffs\": [\n" + results.map { r in
                "  {\"cutoff\": \(j(r.date.iso)), \"forecast\": \(r.forecast), \"censored\": \(r.censored), \"scores\": "
                    + scoreList(r.scores)
                    + (byStage
                        ? ", \"by_stage\": [" + r.scoresByStage.map { g in
                            "{\"stage\": \(j(g.stage.rawValue)), \"scores\": \(scoreList(g.scores))}"
                        }.joined(separator: ", ") + "]"
                        : "")
                    + ", \"model_by_data_quality\": [" + r.modelScoresByDataQuality.map { q in
                        "{\"data_quality\": \(j(q.quality.rawValue)), \"forecast\": \(q.forecast), \"scores\": \(scoreList([q.score]))}"
                    }.joined(separator: ", ") + "]"
                    + "}"
            }.joined(separator: ",\n") + "\n]}\n"
        case .table:
            var out = "Backtest of the green-date forecast, scored against \(scoredAgainst)\n\n"
            out += table(results.map { ($0, $0.scores) }) + "\n" + tableNotes
            out += qualityTable(results)
            guard byStage else { return out }
            for stage in [CooperativeStage.notStarted, .building, .complete] {
                let parts = results.compactMap { r in
                    r.scoresByStage.first { $0.stage == stage }.map { (r, $0.scores) }
                }
                guard !parts.isEmpty else { continue }
                let name = switch stage {
                case .notStarted: "not started"
                case .building: "building"
                case .complete: "building complete, not green"
                }
                out += "\nCooperatives \(name) at the cut-off\n\n" + table(parts)
            }
            return out
        }
    }

    /// The table of `parts` (a cut-off and its scores, overall or of one stage).
    static func table(_ parts: [(cutoff: BacktestCutoff, scores: [BacktestScore])]) -> String {
        var rows: [[String]] = []
        for (r, scores) in parts {
            let best = scores.filter { $0.method == "linear" || $0.method == "earned_schedule" }
                .map(\.meanAbsoluteError).min()
            for s in scores {
                let ratio = s.method == "model" ? best.map { String(format: "%.2f", s.meanAbsoluteError / max($0, 1e-9)) } ?? "" : ""
                rows.append([r.date.iso, s.method, String(r.forecast), String(s.scored),
                             String(format: "%.2f", s.meanAbsoluteError), String(format: "%+.2f", s.bias),
                             s.coverageHalfEnds.map { String(format: "%.1f %%", 100 * $0) } ?? "",
                             String(format: "%.2f", s.crps),
                             s.pinball.map { String(format: "%.2f", $0) }.joined(separator: " / "),
                             s.concordance.map { String(format: "%.3f", $0) } ?? "", ratio])
            }
        }
        return Tabular.table(
            header: ["Cut-off", "Method", "Forecast", "Scored", "MAE (wk)", "Bias", "P10–P90 cover*", "CRPS",
                     "Pinball 10/50/90", "C-index", "MAE / best baseline"],
            rows: rows, rightAligned: [2, 3, 4, 5, 6, 7, 8, 9, 10])
    }

    /// The model's scores per data quality at each cut-off, when some cooperative's data
    /// were stale or inconsistent there (empty otherwise).
    static func qualityTable(_ results: [BacktestCutoff]) -> String {
        guard results.contains(where: { r in r.modelScoresByDataQuality.contains { $0.quality != .ok } }) else { return "" }
        var rows: [[String]] = []
        for r in results {
            for q in r.modelScoresByDataQuality {
                let s = q.score
                rows.append([r.date.iso, q.quality.rawValue, String(q.forecast), String(s.scored),
                             String(format: "%.2f", s.meanAbsoluteError), String(format: "%+.2f", s.bias),
                             s.coverageHalfEnds.map { String(format: "%.1f %%", 100 * $0) } ?? "",
                             s.coverage.map { String(format: "%.1f %%", 100 * $0) } ?? "",
                             String(format: "%.2f", s.crps)])
            }
        }
        return "\nForecast scores by data quality at the cut-off (stale: no report for 3 weeks or more; inconsistent:\n"
            + "the last report contradicts the one before; their intervals are widened)\n\n"
            + Tabular.table(
                header: ["Cut-off", "Data quality", "Forecast", "Scored", "MAE (wk)", "Bias", "P10–P90 cover*",
                         "Both ends", "CRPS"],
                rows: rows, rightAligned: [2, 3, 4, 5, 6, 7, 8])
    }

    /// What the table's coverage and pinball columns count.
    static let tableNotes = """
        * A true date exactly on P10 or P90 counts half inside (dates are whole weeks; a calibrated
          forecast scores 80 %); coverage_p10_p90 in the CSV and JSON counts it wholly inside.
          CRPS = twice the mean pinball loss at 10/50/90 %.

        """
}
