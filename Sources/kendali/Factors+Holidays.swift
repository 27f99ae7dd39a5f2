import Forecasting
import KendaliData
import Reports

extension Factors {
    /// The holidays section of the table: per holiday kind, the week that holds its first
    /// day off and the week after, the log effect on the week's work (raw and shrunk), the
    /// share of the work lost and the common weekly shock without the holiday weeks.
    static func holidayTable(_ holidays: HolidayEffects, weekShock: Double, language: ReportLanguage = .en) -> String {
        guard holidays.estimated else { return "" }
        let fm = ReportFormatter(language)
        func d(_ x: Double, _ digits: Int) -> String { fm.decimal(x, digits: digits) }
        func pick(_ id: String, _ en: String) -> String { language == .id ? id : en }
        var out = pick("\nHari libur nasional: efek pada kerja minggu itu (log, dari guncangan mingguan bersama; "
                        + "dikerutkan ke nol dengan sebaran \(d(holidays.spread, 2)))\n",
                       "\nPublic holidays: effect on the work of the week (log, from the common weekly shocks; "
                        + "shrunk toward none with spread \(d(holidays.spread, 2)))\n")
        let names: [IndonesianHolidays.Kind: String] = [
            .christmas: pick("Natal", "Christmas"), .idulFitri: "Idul Fitri", .idulAdha: "Idul Adha",
        ]
        out += Tabular.table(
            header: language == .id
                ? ["Hari libur", "Minggu", "Minggu data", "Taksiran", "s.e.", "Dipakai", "s.d.", "Kerja hilang"]
                : ["Holiday", "Week", "Weeks seen", "Estimate", "s.e.", "Used", "s.d.", "Work lost"],
            rows: holidays.effects.map { e in
                [names[e.kind] ?? e.kind.description,
                 e.weekAfter == 0 ? pick("minggu itu", "week of") : pick("minggu sesudah", "week after"),
                 fm.integer(e.weeks), e.weeks > 0 ? d(e.estimate, 2) : "", e.weeks > 0 ? d(e.standardError, 2) : "",
                 d(e.logEffect, 2), d(e.logEffectStandardDeviation, 2), d(100 * e.shareLost, 0) + " %"]
            }, rightAligned: [2, 3, 4, 5, 6, 7])
        out += pick("Guncangan mingguan bersama (s.d. log kerja): \(d(weekShock, 3)) semua minggu, "
                        + "\(d(holidays.residualShock, 3)) tanpa minggu libur (\(fm.integer(holidays.ordinaryWeeks)) minggu biasa); "
                        + "minggu biasa \(d(holidays.ordinaryLevel, 3)) dari rata-rata model (log)\n",
                    "Common weekly shock (s.d. of log work): \(d(weekShock, 3)) over all weeks, "
                        + "\(d(holidays.residualShock, 3)) without the holiday weeks (\(fm.integer(holidays.ordinaryWeeks)) ordinary weeks); "
                        + "an ordinary week \(d(holidays.ordinaryLevel, 3)) from the model's average week (log)\n")
        return out
    }

    /// The holiday effects as a JSON object.
    static func holidayJSON(_ holidays: HolidayEffects, weekShock: Double) -> String {
        let n = Tabular.jsonNumber
        let cells = holidays.effects.map { e in
            "    {\"holiday\": \(Tabular.jsonString(e.kind.description)), \"week_after\": \(e.weekAfter), "
                + "\"weeks\": \(e.weeks), \"estimate\": \(n(e.estimate)), \"estimate_se\": \(n(e.standardError)), "
                + "\"log_effect\": \(n(e.logEffect)), \"log_effect_sd\": \(n(e.logEffectStandardDeviation)), "
                + "\"share_lost\": \(n(e.shareLost))}"
        }
        return "{\"estimated\": \(holidays.estimated), \"spread\": \(n(holidays.spread)), "
            + "\"week_shock\": \(n(weekShock)), \"residual_week_shock\": \(n(holidays.residualShock)), "
            + "\"ordinary_weeks\": \(holidays.ordinaryWeeks), \"ordinary_level\": \(n(holidays.ordinaryLevel)), \"effects\": [\n" + cells.joined(separator: ",\n") + "\n  ]}"
    }
}
