import ArgumentParser
import Forecasting
import Foundation
import KendaliData

/// `kendali factors`: what each delay factor costs, and the weather season learned.
struct Factors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factors",
        abstract: "What each delay factor (land, weather, labour, technical) costs, with 95 % intervals.",
        discussion: """
            Fits the pooled construction model Δp = s_i · h(p) · Π θ_k^flag_k on every pair of \
            consecutive weekly reports under construction (h the S-curve's rate at progress p, \
            s_i each cooperative's speed, θ_k = 1 − δ_k) by Levenberg–Marquardt, with standard \
            errors clustered by cooperative. Per factor: δ, the share of a week's work lost \
            when the flag is raised; the progress lost per flagged week (points); and the weeks \
            of construction lost (flagged weeks × δ) across the province and per regency, each \
            with a 95 % interval. Then the weather season learned from the data: the \
            probability of a weather-flagged week by month, per island or province.

            Weeks of delay are counted in one accounting with the report's chart and causes \
            table: before construction, each week a cooperative waited with its land not \
            ready (factor land) or with its land ready but building not started (factor \
            start); during construction, flagged weeks × δ per factor (land here is a land \
            problem on site).

            CSV columns: factor, scope (province or a regency code), flagged_weeks, \
            share_lost, share_lost_lower, share_lost_upper, points_lost_per_week, \
            points_lower, points_upper, weeks_of_delay, weeks_lower, weeks_upper, phase \
            (during_construction or before_construction; before construction flagged_weeks \
            are the weeks waited and the model's columns are empty).

            Examples:
              kendali factors datasets/ntb/snapshots
              kendali factors --db ntb.sqlite --as-of 2026-03-13 --format json
            """)

    @OptionGroup var source: DataSourceOptions

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    func run() throws {
        let history = try source.loadHistory()
        let panel = Panel(history: history)
        guard panel.weekCount > 0 else {
            throw CLIError("no week in the \(source.sourceDescription)")
        }
        let model = DelayFactorModel(panel: panel, upTo: panel.weekCount - 1)
        let fit: DelayFactorFit
        do {
            fit = try model.fit()
        } catch {
            throw CLIError("cannot fit the delay-factor model: \(error.description)")
        }
        let season = WeatherSeason(sample: model.sample, panel: panel)
        let accounting = DelayAccounting(panel: panel, upTo: panel.weekCount - 1, fit: fit, sample: model.sample)
        print(Self.render(fit: fit, season: season, panel: panel, accounting: accounting, format: format), terminator: "")
    }

    struct Row {
        var factor: String
        var phase = DelayPhase.duringConstruction
        var scope: String
        var flagged: Int
        var share: (Double, Double, Double)
        var points: (Double, Double, Double)
        var weeks: (Double, Double, Double)
    }

    /// The rows of every output: per construction factor the model's δ and points lost,
    /// and for every factor and phase the weeks of delay of the one accounting
    /// (``DelayAccounting``), province-wide then per regency; the weeks waited before
    /// construction come last.
    static func rows(_ fit: DelayFactorFit, panel: Panel, accounting: DelayAccounting) -> [Row] {
        let none = (Double.nan, Double.nan, Double.nan)
        let scopes: [(String, Int?)] = [("province", nil)] + panel.regencies.indices.map { (String(panel.regencies[$0]), $0) }
        let totals = scopes.map { _, g in accounting.totals { i in g.map { Int(panel.regencyIndex[i]) == $0 } ?? true } }
        var out: [Row] = []
        for e in fit.factorSummary {
            let s = FactorEffect.interval(e.shareLost, e.shareLostStandardError)
            let p = FactorEffect.interval(e.pointsLostPerFlaggedWeek, e.pointsLostStandardError)
            for (k, scope) in scopes.enumerated() {
                let t = totals[k][DelayItem(e.factor).rawValue]
                out.append(Row(factor: e.factor.description, scope: scope.0, flagged: t.countedWeeks,
                               share: (e.shareLost, s.lower, s.upper),
                               points: (e.pointsLostPerFlaggedWeek, p.lower, p.upper),
                               weeks: (t.weeks, t.lower, t.upper)))
            }
        }
        // Before construction: weeks waited, counted (no interval).
        for (k, scope) in scopes.enumerated() {
            for t in totals[k] where t.item.phase == .beforeConstruction {
                out.append(Row(factor: t.item.description, phase: .beforeConstruction, scope: scope.0, flagged: t.countedWeeks,
                               share: none, points: none, weeks: (t.weeks, t.weeks, t.weeks)))
            }
        }
        return out
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Mean probability per calendar month (bins whose first day falls in the month).
    static func monthly(_ curve: [Double]) -> [Double] {
        var sums = [Double](repeating: 0, count: 12)
        var counts = [Double](repeating: 0, count: 12)
        for b in 0..<curve.count {
            let day = Day(year: 2025, month: 1, day: 1)?.adding(days: 7 * b + 3)
            let m = (day?.components.month ?? 1) - 1
            sums[m] += curve[b]
            counts[m] += 1
        }
        return (0..<12).map { counts[$0] > 0 ? sums[$0] / counts[$0] : 0 }
    }

    static func render(
        fit: DelayFactorFit, season: WeatherSeason, panel: Panel, accounting: DelayAccounting, format: OutputFormat
    ) -> String {
        let f3 = { (x: Double) in x.isNaN ? "" : String(format: "%.3f", x) }
        let f2 = { (x: Double) in String(format: "%.2f", x) }
        let f1 = { (x: Double) in String(format: "%.1f", x) }
        let all = rows(fit, panel: panel, accounting: accounting)
        switch format {
        case .csv:
            var out = "factor,scope,flagged_weeks,share_lost,share_lost_lower,share_lost_upper,points_lost_per_week,points_lower,points_upper,weeks_of_delay,weeks_lower,weeks_upper,phase\n"
            for r in all {
                out += [r.factor, r.scope, String(r.flagged), f3(r.share.0), f3(r.share.1), f3(r.share.2),
                        f3(r.points.0), f3(r.points.1), f3(r.points.2), f2(r.weeks.0), f2(r.weeks.1), f2(r.weeks.2),
                        r.phase.rawValue]
                    .joined(separator: ",") + "\n"
            }
            return out
        case .json:
            let j = Tabular.jsonString
            let n = { (x: Double) in x.isNaN ? "null" : Tabular.jsonNumber(x) }
            var out = "{\n  \"rows\": \(fit.rows), \"converged\": \(fit.converged),\n"
            out += "  \"multiplicative_noise\": \(n(fit.multiplicativeNoise)), \"reporting_noise_points\": \(n(fit.reportingNoise)),\n"
            out += "  \"progress_rate_curve\": {\"nodes\": [" + fit.curve.nodes.map { n($0) }.joined(separator: ", ")
                + "], \"points_per_week\": [" + fit.curve.values.map { n($0) }.joined(separator: ", ") + "]},\n"
            out += "  \"factors\": [\n" + all.map { r in
                "    {\"factor\": \(j(r.factor)), \"scope\": \(j(r.scope)), \"flagged_weeks\": \(r.flagged), "
                    + "\"share_lost\": [\(n(r.share.0)), \(n(r.share.1)), \(n(r.share.2))], "
                    + "\"points_lost_per_week\": [\(n(r.points.0)), \(n(r.points.1)), \(n(r.points.2))], "
                    + "\"weeks_of_delay\": [\(n(r.weeks.0)), \(n(r.weeks.1)), \(n(r.weeks.2))], "
                    + "\"phase\": \(j(r.phase.rawValue))}"
            }.joined(separator: ",\n") + "\n  ],\n"
            out += "  \"weather_season\": {\"bandwidth_weeks\": \(n(season.bandwidth)), \"strength\": \(n(season.strength)), "
                + "\"overall_rate\": \(n(season.overallRate)), \"groups\": [\n"
            out += season.groupCurves.map { g in
                "    {\"group\": \(j(g.name)), \"by_month\": [" + monthly(g.curve).map { n(($0 * 1000).rounded() / 1000) }.joined(separator: ", ")
                    + "], \"by_week_of_year\": [" + g.curve.map { n(($0 * 1000).rounded() / 1000) }.joined(separator: ", ") + "]}"
            }.joined(separator: ",\n") + "\n  ]}\n}\n"
            return out
        case .table:
            var out = "Delay factors — \(fit.rows) construction weeks; 95 % intervals clustered by cooperative\n\n"
            let province = all.filter { $0.scope == "province" && $0.phase == .duringConstruction }
            out += Tabular.table(
                header: ["Factor", "Flagged weeks", "Work lost δ", "95 % CI", "Points lost/flagged wk", "95 % CI", "Weeks of delay", "95 % CI"],
                rows: province.map { r in
                    [r.factor, String(r.flagged), f3(r.share.0), "\(f3(r.share.1))–\(f3(r.share.2))",
                     f2(r.points.0), "\(f2(r.points.1))–\(f2(r.points.2))", f1(r.weeks.0), "\(f1(r.weeks.1))–\(f1(r.weeks.2))"]
                }, rightAligned: [1, 2, 4, 6])
            let waited = all.filter { $0.scope == "province" && $0.phase == .beforeConstruction }
            out += "\nBefore construction — weeks waited, counted from the reports (land: land not ready; "
            out += "start: land ready, building not started)\n"
            out += Tabular.table(
                header: ["Factor", "Weeks of delay"], rows: waited.map { [$0.factor, f1($0.weeks.0)] }, rightAligned: [1])
            out += "\nWeeks of delay per regency (during construction: 95 % CI)\n"
            var regRows: [[String]] = []
            for (g, code) in panel.regencies.enumerated() {
                var row = ["\(code) \(panel.regencyNames[g])"]
                for phase in [DelayPhase.beforeConstruction] {
                    for factor in ["land", "start"] {
                        let r = all.first { $0.factor == factor && $0.phase == phase && $0.scope == String(code) }
                        row.append(r.map { f1($0.weeks.0) } ?? "")
                    }
                }
                for factor in DelayFactor.allCases {
                    if let r = all.first(where: { $0.factor == factor.description && $0.phase == .duringConstruction && $0.scope == String(code) }) {
                        row.append("\(f1(r.weeks.0)) (\(f1(r.weeks.1))–\(f1(r.weeks.2)))")
                    } else {
                        row.append("")
                    }
                }
                regRows.append(row)
            }
            out += Tabular.table(
                header: ["Regency", "land (before)", "start (before)"] + DelayFactor.allCases.map { $0.description + (($0 == .land) ? " (on site)" : "") },
                rows: regRows)
            out += "\nWeather season learned (P(weather-flagged week) by month; bandwidth \(f1(season.bandwidth)) weeks, "
            out += "prior strength \(f1(season.strength)) weeks)\n"
            out += Tabular.table(
                header: ["Group"] + monthNames,
                rows: season.groupCurves.map { g in [g.name] + monthly(g.curve).map(f2) },
                rightAligned: Set(1...12))
            return out
        }
    }
}
