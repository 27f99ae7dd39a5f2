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
            with a 95 % interval. Then whether construction starts are rationed, per regency \
            (per province in a panel of more than 40 regencies): a start hazard per \
            cooperative ready and waiting against a queue served at a weekly capacity that \
            may change every 8 weeks, chosen by BIC (table and JSON; the CSV lists the \
            factors only). Then the weather season learned from the data: the \
            probability of a weather-flagged week by month, per island or province.

            CSV columns: factor, scope (province or a regency code), flagged_weeks, \
            share_lost, share_lost_lower, share_lost_upper, points_lost_per_week, \
            points_lower, points_upper, weeks_of_delay, weeks_lower, weeks_upper.

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
        let starts = (try? StartCapacityFit(panel: panel, asOfWeek: panel.weekCount - 1)) ?? .none
        print(Self.render(fit: fit, season: season, panel: panel, format: format, starts: starts), terminator: "")
    }

    struct Row {
        var factor: String
        var scope: String
        var flagged: Int
        var share: (Double, Double, Double)
        var points: (Double, Double, Double)
        var weeks: (Double, Double, Double)
    }

    static func rows(_ fit: DelayFactorFit, panel: Panel) -> [Row] {
        var out: [Row] = []
        for e in fit.factorSummary {
            let s = FactorEffect.interval(e.shareLost, e.shareLostStandardError)
            let p = FactorEffect.interval(e.pointsLostPerFlaggedWeek, e.pointsLostStandardError)
            let w = FactorEffect.interval(e.weeksOfDelay, e.weeksOfDelayStandardError)
            out.append(Row(factor: e.factor.description, scope: "province", flagged: e.flaggedWeeks,
                           share: (e.shareLost, s.lower, s.upper),
                           points: (e.pointsLostPerFlaggedWeek, p.lower, p.upper),
                           weeks: (e.weeksOfDelay, w.lower, w.upper)))
            for (g, n) in e.flaggedWeeksByRegency.enumerated() {
                let x = Double(n) * e.shareLost
                let se = Double(n) * e.shareLostStandardError
                out.append(Row(factor: e.factor.description, scope: String(panel.regencies[g]), flagged: n,
                               share: (e.shareLost, s.lower, s.upper),
                               points: (e.pointsLostPerFlaggedWeek, p.lower, p.upper),
                               weeks: (x, x - 1.959_964 * se, x + 1.959_964 * se)))
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

    static func render(fit: DelayFactorFit, season: WeatherSeason, panel: Panel, format: OutputFormat,
                       starts: StartCapacityFit = .none) -> String {
        let f3 = { (x: Double) in String(format: "%.3f", x) }
        let f2 = { (x: Double) in String(format: "%.2f", x) }
        let f1 = { (x: Double) in String(format: "%.1f", x) }
        let all = rows(fit, panel: panel)
        switch format {
        case .csv:
            var out = "factor,scope,flagged_weeks,share_lost,share_lost_lower,share_lost_upper,points_lost_per_week,points_lower,points_upper,weeks_of_delay,weeks_lower,weeks_upper\n"
            for r in all {
                out += [r.factor, r.scope, String(r.flagged), f3(r.share.0), f3(r.share.1), f3(r.share.2),
                        f3(r.points.0), f3(r.points.1), f3(r.points.2), f2(r.weeks.0), f2(r.weeks.1), f2(r.weeks.2)]
                    .joined(separator: ",") + "\n"
            }
            return out
        case .json:
            let j = Tabular.jsonString
            let n = Tabular.jsonNumber
            var out = "{\n  \"rows\": \(fit.rows), \"converged\": \(fit.converged),\n"
            out += "  \"multiplicative_noise\": \(n(fit.multiplicativeNoise)), \"reporting_noise_points\": \(n(fit.reportingNoise)),\n"
            out += "  \"progress_rate_curve\": {\"nodes\": [" + fit.curve.nodes.map { n($0) }.joined(separator: ", ")
                + "], \"points_per_week\": [" + fit.curve.values.map { n($0) }.joined(separator: ", ") + "]},\n"
            out += "  \"factors\": [\n" + all.map { r in
                "    {\"factor\": \(j(r.factor)), \"scope\": \(j(r.scope)), \"flagged_weeks\": \(r.flagged), "
                    + "\"share_lost\": [\(n(r.share.0)), \(n(r.share.1)), \(n(r.share.2))], "
                    + "\"points_lost_per_week\": [\(n(r.points.0)), \(n(r.points.1)), \(n(r.points.2))], "
                    + "\"weeks_of_delay\": [\(n(r.weeks.0)), \(n(r.weeks.1)), \(n(r.weeks.2))]}"
            }.joined(separator: ",\n") + "\n  ],\n"
            out += "  \"weather_season\": {\"bandwidth_weeks\": \(n(season.bandwidth)), \"strength\": \(n(season.strength)), "
                + "\"overall_rate\": \(n(season.overallRate)), \"groups\": [\n"
            out += season.groupCurves.map { g in
                "    {\"group\": \(j(g.name)), \"by_month\": [" + monthly(g.curve).map { n(($0 * 1000).rounded() / 1000) }.joined(separator: ", ")
                    + "], \"by_week_of_year\": [" + g.curve.map { n(($0 * 1000).rounded() / 1000) }.joined(separator: ", ") + "]}"
            }.joined(separator: ",\n") + "\n  ]},\n"
            out += "  \"start_capacity\": " + startCapacityJSON(starts) + "\n}\n"
            return out
        case .table:
            var out = "Delay factors — \(fit.rows) construction weeks; 95 % intervals clustered by cooperative\n\n"
            let province = all.filter { $0.scope == "province" }
            out += Tabular.table(
                header: ["Factor", "Flagged weeks", "Work lost δ", "95 % CI", "Points lost/flagged wk", "95 % CI", "Weeks of delay", "95 % CI"],
                rows: province.map { r in
                    [r.factor, String(r.flagged), f3(r.share.0), "\(f3(r.share.1))–\(f3(r.share.2))",
                     f2(r.points.0), "\(f2(r.points.1))–\(f2(r.points.2))", f1(r.weeks.0), "\(f1(r.weeks.1))–\(f1(r.weeks.2))"]
                }, rightAligned: [1, 2, 4, 6])
            out += "\nWeeks of delay per regency (95 % CI)\n"
            var regRows: [[String]] = []
            for (g, code) in panel.regencies.enumerated() {
                var row = ["\(code) \(panel.regencyNames[g])"]
                for factor in DelayFactor.allCases {
                    if let r = all.first(where: { $0.factor == factor.description && $0.scope == String(code) }) {
                        row.append("\(f1(r.weeks.0)) (\(f1(r.weeks.1))–\(f1(r.weeks.2)))")
                    } else {
                        row.append("")
                    }
                }
                regRows.append(row)
            }
            out += Tabular.table(header: ["Regency"] + DelayFactor.allCases.map(\.description), rows: regRows)
            out += startCapacityTable(starts)
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

extension Factors {
    /// The start-capacity section of the table: one row a unit.
    static func startCapacityTable(_ starts: StartCapacityFit) -> String {
        let f1 = { (x: Double) in String(format: "%.1f", x) }
        var out = "\nConstruction starts: a start hazard per cooperative or a queue at a weekly capacity "
        out += "(by \(starts.unit.rawValue); BIC, capacity in blocks of \(starts.blockWeeks) weeks)\n"
        out += Tabular.table(
            header: ["Unit", "Coop-weeks waiting", "Starts", "BIC hazard", "BIC queue", "Choice", "Capacity/wk", "s.e.", "Order"],
            rows: starts.units.map { u in
                let waiting = u.blocks.reduce(0) { $0 + $1.waiting }
                let started = u.blocks.reduce(0) { $0 + $1.starts }
                return [String(u.code), String(waiting), String(started), f1(u.hazardBIC), f1(u.queueBIC),
                        u.rationed ? "rationed" : "hazard", u.rationed ? f1(u.capacity) : "",
                        u.rationed ? f1(u.capacityStandardError) : "",
                        u.rationed ? (u.order == .firstReadyFirstServed ? "first ready" : "random") : ""]
            }, rightAligned: [1, 2, 3, 4, 6, 7])
        return out
    }

    /// The start-capacity fit as a JSON object.
    static func startCapacityJSON(_ starts: StartCapacityFit) -> String {
        let n = Tabular.jsonNumber
        let units = starts.units.map { u in
            "    {\"code\": \(u.code), \"rationed\": \(u.rationed), \"hazard_bic\": \(n(u.hazardBIC)), "
                + "\"queue_bic\": \(n(u.queueBIC)), \"capacity\": \(n(u.capacity)), "
                + "\"capacity_se\": \(n(u.capacityStandardError)), \"request_probability\": \(n(u.requestProbability)), "
                + "\"order\": \(Tabular.jsonString(u.order.rawValue)), "
                + "\"order_concordance\": \(u.orderConcordance.map { n($0) } ?? "null"), "
                + "\"observed_weeks\": \(u.observedWeeks)}"
        }
        return "{\"unit\": \(Tabular.jsonString(starts.unit.rawValue)), \"block_weeks\": \(starts.blockWeeks), \"units\": [\n"
            + units.joined(separator: ",\n") + "\n  ]}"
    }
}
