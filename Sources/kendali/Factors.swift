import ArgumentParser
import Forecasting
import Foundation
import KendaliData
import Reports

/// `kendali factors`: what each delay factor costs, and the weather season learned.
struct Factors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factors",
        abstract: "What each delay factor (land, weather, labour, technical) costs, with 95 % intervals.",
        discussion: """
            Fits the pooled construction model Δp = s_i · h(p) · Π θ_k^flag_k on every pair of \
            consecutive weekly reports under construction (h the S-curve's rate at progress p, \
            s_i each cooperative's speed, θ_k = 1 − δ_k) by Levenberg–Marquardt, with standard \
            errors clustered by cooperative; the week that finishes a building counts as at \
            least what was left (its expected work given that), and h is fitted against each \
            cooperative's own speed where it has 3 weeks of construction or more. Per factor: δ, the share of a week's work lost \
            when the flag is raised; the progress lost per flagged week (points); and the weeks \
            of construction lost (flagged weeks × δ) across the province and per regency, each \
            with a 95 % interval. Then whether construction starts are rationed, per regency \
            (per province in a panel of more than 40 regencies): a start hazard per \
            cooperative ready and waiting against a queue served at a weekly capacity that \
            may change every 24 weeks, chosen by BIC (table and JSON; the CSV lists the \
            factors only). Then the public holidays' effect on the week's work (Christmas, \
            Idul Fitri, Idul Adha: the week of and the week after), learned from the common \
            weekly shocks and shrunk toward none, with the shock left without them (table and \
            JSON). Then land disputes on building sites (status_lahan = sengketa under \
            construction), kept out of the factor model because a dispute can stop a site: the \
            work a disputed week does as a share of what the model expects, how often one \
            arises and how long one lasts (table and JSON). Then the weather season learned from the data: the \
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

    @OptionGroup var lang: LanguageOption

    func run() throws {
        let history = try source.loadHistory(digests: false)
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
        let starts = (try? StartCapacityFit(panel: panel, asOfWeek: panel.weekCount - 1)) ?? .none
        let disputes = SiteDisputes(panel: panel, upTo: panel.weekCount - 1, fit: fit)
        print(Self.render(fit: fit, season: season, panel: panel, accounting: accounting, format: format,
                          language: lang.reportLanguage, starts: starts, disputes: disputes), terminator: "")
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
        fit: DelayFactorFit, season: WeatherSeason, panel: Panel, accounting: DelayAccounting, format: OutputFormat,
        language: ReportLanguage, starts: StartCapacityFit = .none, disputes: SiteDisputes? = nil
    ) -> String {
        let f3 = { (x: Double) in x.isNaN ? "" : String(format: "%.3f", x) }
        let f2 = { (x: Double) in String(format: "%.2f", x) }
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
            }.joined(separator: ",\n") + "\n  ]},\n"
            out += "  \"start_capacity\": " + startCapacityJSON(starts) + ",\n"
            if let disputes { out += "  \"site_disputes\": " + disputeJSON(disputes) + ",\n" }
            out += "  \"holidays\": " + holidayJSON(fit.holidays, weekShock: fit.weekShock) + "\n}\n"
            return out
        case .table:
            return table(rows: all, fit: fit, season: season, panel: panel, language: language, starts: starts,
                         disputes: disputes)
        }
    }
}

extension Factors {
    /// The start-capacity section of the table: one row a unit.
    static func startCapacityTable(_ starts: StartCapacityFit, language: ReportLanguage = .en) -> String {
        let fm = ReportFormatter(language)
        let f1 = { (x: Double) in fm.decimal(x, digits: 1) }
        func pick(_ id: String, _ en: String) -> String { language == .id ? id : en }
        var out = pick("\nMulai pembangunan: hazard mulai per koperasi atau antrean dengan kapasitas mingguan ",
                       "\nConstruction starts: a start hazard per cooperative or a queue at a weekly capacity ")
        out += pick("(per \(starts.unit.rawValue); BIC, kapasitas dalam blok \(starts.blockWeeks) minggu)\n",
                    "(by \(starts.unit.rawValue); BIC, capacity in blocks of \(starts.blockWeeks) weeks)\n")
        out += Tabular.table(
            header: language == .id
                ? ["Wilayah", "Minggu-koperasi menunggu", "Mulai", "BIC hazard", "BIC antrean", "Pilihan", "Kapasitas/mgg", "s.e.", "Urutan"]
                : ["Unit", "Coop-weeks waiting", "Starts", "BIC hazard", "BIC queue", "Choice", "Capacity/wk", "s.e.", "Order"],
            rows: starts.units.map { u in
                let waiting = u.blocks.reduce(0) { $0 + $1.waiting }
                let started = u.blocks.reduce(0) { $0 + $1.starts }
                return [String(u.code), fm.integer(waiting), fm.integer(started), f1(u.hazardBIC), f1(u.queueBIC),
                        u.rationed ? pick("dijatah", "rationed") : "hazard", u.rationed ? f1(u.capacity) : "",
                        u.rationed ? f1(u.capacityStandardError) : "",
                        u.rationed ? (u.order == .firstReadyFirstServed ? pick("siap dulu", "first ready") : pick("acak", "random")) : ""]
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
