import Forecasting
import KendaliData
import Reports

extension Factors {
    /// The factors' costs for the province, the weeks of delay per regency and the weather
    /// season, as aligned tables in `language` (factor names, month names and numbers in
    /// its conventions).
    static func table(rows all: [Row], fit: DelayFactorFit, season: WeatherSeason, panel: Panel,
                      language: ReportLanguage, starts: StartCapacityFit = .none, disputes: SiteDisputes? = nil) -> String {
        let text = ReportText(language)
        let fm = ReportFormatter(language)
        func d(_ x: Double, _ digits: Int) -> String { fm.decimal(x, digits: digits) }
        func range(_ a: Double, _ b: Double, _ digits: Int) -> String { d(a, digits) + "–" + d(b, digits) }
        func name(_ code: String) -> String {
            DelayFactor.allCases.first { $0.description == code }.map(text.factorName) ?? code
        }
        func beforeName(_ code: String) -> String { code == "land" ? text(.delayLand) : text(.delayStart) }
        var out = text(.factorsTitle, fm.integer(fit.rows)) + "\n\n"
        let province = all.filter { $0.scope == "province" && $0.phase == .duringConstruction }
        let interval = text(.colInterval)
        out += Tabular.table(
            header: [text(.colFactor), text(.colFlaggedWeeks), text(.colWorkLost), interval, text(.colPointsLost), interval,
                     text(.colWeeksOfDelay), interval],
            rows: province.map { r in
                [name(r.factor), fm.integer(r.flagged), d(r.share.0, 3), range(r.share.1, r.share.2, 3),
                 d(r.points.0, 2), range(r.points.1, r.points.2, 2), d(r.weeks.0, 1), range(r.weeks.1, r.weeks.2, 1)]
            }, rightAligned: [1, 2, 4, 6])
        let waited = all.filter { $0.scope == "province" && $0.phase == .beforeConstruction }
        out += "\n" + text(.factorsBefore) + "\n"
        out += Tabular.table(
            header: [text(.colFactor), text(.colWeeksOfDelay)],
            rows: waited.map { [beforeName($0.factor), d($0.weeks.0, 1)] }, rightAligned: [1])
        out += "\n" + text(.factorsPerRegency) + "\n"
        var regRows: [[String]] = []
        for (g, code) in panel.regencies.enumerated() {
            var row = ["\(code) \(panel.regencyNames[g])"]
            for factor in ["land", "start"] {
                let r = all.first { $0.factor == factor && $0.phase == .beforeConstruction && $0.scope == String(code) }
                row.append(r.map { d($0.weeks.0, 1) } ?? "")
            }
            for factor in DelayFactor.allCases {
                if let r = all.first(where: {
                    $0.factor == factor.description && $0.phase == .duringConstruction && $0.scope == String(code)
                }) {
                    row.append("\(d(r.weeks.0, 1)) (\(range(r.weeks.1, r.weeks.2, 1)))")
                } else {
                    row.append("")
                }
            }
            regRows.append(row)
        }
        let during = DelayFactor.allCases.map { $0 == .land ? text(.delayLandOnSite) : text.factorName($0) }
        out += Tabular.table(
            header: [text(.colRegency), beforeName("land"), beforeName("start")] + during, rows: regRows)
        out += startCapacityTable(starts, language: language)
        out += holidayTable(fit.holidays, weekShock: fit.weekShock, language: language)
        out += disputeTable(disputes, language: language)
        out += "\n" + text(.factorsSeason, d(season.bandwidth, 1), d(season.strength, 1)) + "\n"
        out += Tabular.table(
            header: [text(.colGroup)] + language.monthAbbreviations,
            rows: season.groupCurves.map { g in [g.name] + monthly(g.curve).map { d($0, 2) } },
            rightAligned: Set(1...12))
        return out
    }
}
