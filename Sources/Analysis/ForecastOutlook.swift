import Forecasting
import KendaliData

/// The forecast side of an analysis: the green-date forecast of the unit's province (or of
/// everything for a national report), and the sections built from it.
///
/// The models are fitted on the whole province so a regency or district borrows strength
/// from its neighbours; the burn-up and the factor costs are then taken for the unit.
struct ForecastOutlook {
    /// The burn-up's forecast curve.
    var curve: SectionContent<ForecastCurve>
    /// The delay-factor section.
    var factors: SectionContent<FactorSection>
    /// The forecast, when made.
    var forecast: GreenForecast?
    /// The panel the forecast ran on.
    var panel: Panel?
    /// Average share of a week's work done given the delays reported (Π θ^f over the
    /// construction rows).
    var averageMultiplier: Double?
    /// The options used.
    var forecastOptions: ForecastOptions?
    /// Rows and convergence of the construction model.
    var construction: (rows: Int, converged: Bool)?
    /// Weeks of delay observed so far per cooperative, factor and phase.
    var accounting: DelayAccounting?

    /// The forecast of cooperative `kode`, if it was forecast (not yet green).
    func cooperativeForecast(_ kode: CooperativeCode) -> CooperativeForecast? {
        guard let list = forecast?.cooperatives else { return nil }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].code < kode { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && list[lo].code == kode ? list[lo] : nil
    }

    /// The panel index of `kode`.
    func panelIndex(_ kode: CooperativeCode) -> Int? {
        guard let codes = panel?.codes else { return nil }
        var lo = 0, hi = codes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if codes[mid] < kode { lo = mid + 1 } else { hi = mid }
        }
        return lo < codes.count && codes[lo] == kode ? lo : nil
    }

    /// Paths per cooperative chosen by size: 500 up to 2,000 cooperatives (P10–P90 of a
    /// province's count then move by well under 1 % between seeds), then fewer (at least
    /// 100) so the simulated cooperative-paths stay near one million.
    static func automaticPaths(cooperatives n: Int) -> Int {
        n <= 2000 ? 500 : max(100, 1_000_000 / max(n, 1))
    }

    static func make(
        weeks: [SnapshotHistory.Week], source: SnapshotHistory.Source, unit: AdminUnit, pass: ZonePass,
        options: AnalysisOptions
    ) -> ForecastOutlook {
        guard options.forecast else {
            return ForecastOutlook(
                curve: .unavailable(.forecastNotRequested, detail: nil),
                factors: .unavailable(.forecastNotRequested, detail: nil))
        }
        // The forecast's scope: the unit's province, or everything.
        let scope = unit.level == .national ? unit : AdminUnit(pass.cooperatives[0].kode, at: .province)
        let scopeWeeks: [SnapshotHistory.Week]
        if scope.level == .national {
            scopeWeeks = weeks
        } else {
            let codes = ZonePass.codeRange(of: scope)
            scopeWeeks = weeks.map { week in
                let rows = ZonePass.rows(of: week.records, in: codes)
                if rows.count == week.records.count { return week }
                return SnapshotHistory.Week(
                    date: week.date, fileName: week.fileName, contentDigest: week.contentDigest,
                    records: Array(week.records[rows]),
                    recordLines: rows.upperBound <= week.recordLines.count ? Array(week.recordLines[rows]) : nil,
                    warnings: [])
            }
        }
        let panel = Panel(history: SnapshotHistory(source: source, weeks: scopeWeeks), rules: options.rules)
        let paths = options.paths ?? automaticPaths(cooperatives: panel.cooperativeCount)
        // The target of P(green by target) and of the priority ranking (as `kendali rank`).
        let lastDate = panel.dates.last ?? Day(daysSinceEpoch: 0)
        let forecastOptions = ForecastOptions(
            seed: options.seed, paths: paths, target: ForecastOptions.defaultTarget(lastReport: lastDate))
        let forecast: GreenForecast
        do {
            forecast = try GreenForecaster.forecast(
                panel: panel, asOfWeek: panel.weekCount - 1, options: forecastOptions)
        } catch {
            return ForecastOutlook(
                curve: .unavailable(.forecastFailed, detail: error.description),
                factors: .unavailable(.forecastFailed, detail: error.description),
                panel: panel, forecastOptions: nil)
        }
        let fit = forecast.model.construction
        var outlook = ForecastOutlook(
            curve: .unavailable(.forecastNotAtDistrict, detail: nil), factors: .unavailable(.forecastFailed, detail: nil),
            forecast: forecast, panel: panel, forecastOptions: forecastOptions,
            construction: (fit.rows, fit.converged))

        // The unit's curve: the whole forecast, or its regency's.
        let curveName: String? = unit == scope ? "all" : (unit.level == .regency ? String(unit.code) : nil)
        var unitCurve = curveName.flatMap { name in forecast.curves.first { $0.name == name } }
        if unitCurve == nil {
            // A district (or any other unit): summed from the same paths.
            let range = ZonePass.codeRange(of: unit)
            unitCurve = forecast.curve(name: String(unit.code), panel: panel) { range.contains(panel.codes[$0].value) }
        }
        if let c = unitCurve {
            let T = forecast.asOfWeek
            let dates = c.expected.indices.map { forecast.date(ofWeek: T + $0) }
            outlook.curve = .available(ForecastCurve(
                dates: dates, expected: c.expected, lower: c.lower, upper: c.upper,
                date50: c.weeksTo50.map { forecast.date(ofWeek: T + $0) },
                date90: c.weeksTo90.map { forecast.date(ofWeek: T + $0) },
                date100: c.weeksTo100.map { forecast.date(ofWeek: T + $0) },
                horizonEnd: dates.last ?? forecast.asOfDate, total: c.total, greenAtAsOf: c.greenAtAsOf,
                paths: forecastOptions.paths, assumptions: forecast.assumptions))
        }

        // Delay factors: δ from the model; the weeks of delay of the unit's cooperatives from
        // the one accounting (flagged construction weeks × δ, and the weeks waited before).
        let sample = ConstructionSample(panel: panel, upTo: forecast.asOfWeek)
        let unitCodes = ZonePass.codeRange(of: unit)
        var multiplierSum = 0.0
        let theta = fit.theta
        for r in 0..<sample.count {
            let f = sample.flags[r]
            var m = 1.0
            for k in 0..<min(4, theta.count) where f & (1 << k) != 0 { m *= theta[k] }
            multiplierSum += m
        }
        outlook.averageMultiplier = sample.count > 0 ? multiplierSum / Double(sample.count) : nil
        let accounting = DelayAccounting(panel: panel, upTo: forecast.asOfWeek, fit: fit, sample: sample)
        outlook.accounting = accounting
        let totals = accounting.totals { unitCodes.contains(panel.codes[$0].value) }
        let rows = fit.factorSummary.map { e -> FactorRow in
            let n = totals[DelayItem(e.factor).rawValue].countedWeeks
            let weeks = Double(n) * e.shareLost
            return FactorRow(
                factor: e.factor, estimated: e.estimated, shareLost: e.shareLost,
                shareLostInterval: FactorEffect.interval(e.shareLost, e.shareLostStandardError),
                flaggedWeeks: n, weeksLost: weeks,
                weeksLostInterval: FactorEffect.interval(weeks, Double(n) * e.shareLostStandardError),
                pointsPerFlaggedWeek: e.pointsLostPerFlaggedWeek)
        }
        outlook.factors = .available(FactorSection(
            factors: rows, modelRows: fit.rows,
            delays: totals))
        return outlook
    }
}
