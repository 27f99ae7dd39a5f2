import Forecasting
import KendaliData
import Reports

/// The forecast for people: the tables in a language, and the per-cooperative rows as a
/// workbook sheet.
extension Forecast {
    /// The aggregates per regency and for all, then one line per cooperative not green:
    /// zones, stages and main factors named in `language`, numbers in its format, dates ISO.
    static func table(_ f: GreenForecast, panel: Panel, language: ReportLanguage) -> String {
        let text = ReportText(language)
        let fm = ReportFormatter(language)
        let beyond = text(.beyond)
        func date(_ offset: Int?) -> String { offset.map { f.date(ofWeek: f.asOfWeek + $0).iso } ?? beyond }
        func week(_ w: Int?) -> String { w.map { f.date(ofWeek: $0).iso } ?? beyond }
        var out = text(.forecastTitle, fm.date(f.asOfDate), panel.rules.label, String(f.options.seed),
                       fm.integer(f.options.paths), fm.integer(f.options.horizon)) + "\n\n"
        let rows = f.curves.map { c -> [String] in
            [
                c.name == "all" ? text(.total) : curveName(c, panel: panel), fm.integer(c.total),
                fm.integer(greenThisWeek(c, f, panel: panel)), fm.integer(c.greenAtAsOf),
                fm.integer(c.total - c.greenAtAsOf), fm.decimal(c.expected[min(26, f.options.horizon)], digits: 0),
                date(c.weeksTo50), date(c.weeksTo90), date(c.weeksTo100),
            ]
        }
        out += Tabular.table(
            header: [text(.colUnit), text(.colCooperatives), text(.colGreenNow), text(.colEverGreen), text(.colNeverGreen),
                     text(.colGreenIn26), text(.colPercentGreen, "50"), text(.colPercentGreen, "90"),
                     text(.colPercentGreen, "100")],
            rows: rows, rightAligned: [1, 2, 3, 4, 5])
        if let all = f.curves.first(where: { $0.name == "all" }) {
            let now = greenThisWeek(all, f, panel: panel)
            out += "\n" + text(.greenBothSentence, fm.integer(now), fm.integer(all.greenAtAsOf),
                                fm.integer(max(0, all.greenAtAsOf - now))) + "\n"
        }
        out += "\n"
        let coopRows = f.cooperatives.map { c -> [String] in
            [c.code.description, c.zone.map(text.zoneName) ?? "", text.stageName(c.stage), fm.decimal(c.progress, digits: 1),
             week(c.p10), week(c.p50), week(c.p90), fm.decimal(c.probabilityGreenByTarget, digits: 2),
             text.causeName(c.mainCause), text.dataQualityName(c.dataQuality)]
        }
        out += Tabular.table(
            header: [text(.colCode), text(.colZone), text(.colStage), text(.colProgressShort), "P10", "P50", "P90",
                     text(.colProbabilityBy, f.targetDate.iso), text(.colMainFactor), text(.colDataQuality)],
            rows: coopRows, rightAligned: [3, 7])
        if !f.assumptions.isEmpty {
            out += "\n" + text(.assumptionsIntro) + "\n" + f.assumptions.map { "  - " + $0 }.joined(separator: "\n") + "\n"
        }
        let noted = f.cooperatives.filter { !$0.assumptions.isEmpty }
        if !noted.isEmpty {
            out += text(.assumptionsCarried, fm.integer(noted.count)) + "\n"
        }
        return out
    }

    /// The CSV's columns and rows as a workbook sheet: headers in `language` above the
    /// machine names, dates as dates (empty beyond the horizon), numbers as numbers, zones,
    /// stages and factors as their names in `language`.
    static func sheet(_ f: GreenForecast, language: ReportLanguage) -> DataTable {
        let text = ReportText(language)
        func week(_ w: Int?) -> Cell { w.map { .date(f.date(ofWeek: $0)) } ?? .empty }
        let columns: [DataTable.Column] = [
            .init("kode_koperasi", text(.colCode)), .init("p10", "P10"), .init("p50", "P50"), .init("p90", "P90"),
            .init("zone", text(.colZone)), .init("main_factor", text(.colMainFactor)),
            .init("p_green_by_target", text(.colProbabilityBy, f.targetDate.iso)),
            .init("target_date", text(.colTargetDate)), .init("stage", text(.colStage)),
            .init("progress", text(.colProgressShort)), .init("regency", text(.colRegency)),
            .init("assumptions", text(.colAssumptions)), .init("data_quality", text(.colDataQuality)),
        ]
        let rows = f.cooperatives.map { c -> [Cell] in
            [
                .text(c.code.description), week(c.p10), week(c.p50), week(c.p90), c.zone.map(Cell.zone) ?? .empty,
                .coded(c.mainCause.description, label: text.causeName(c.mainCause)),
                .number(c.probabilityGreenByTarget, digits: 3), .date(f.targetDate),
                .coded(c.stage.rawValue, label: text.stageName(c.stage)), .number(c.progress, digits: 1),
                .integer(c.regency), .text(c.assumptions.joined(separator: "; ")),
                .coded(c.dataQuality.rawValue, label: text.dataQualityName(c.dataQuality)),
            ]
        }
        return DataTable(name: "forecast", columns: columns, rows: rows)
    }
}
