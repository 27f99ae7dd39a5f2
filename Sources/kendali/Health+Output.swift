import Analysis
import KendaliData
import Reports

/// The outputs of `kendali health`: the summary and the falling list as a table, CSV or JSON.
extension Health {
    /// The summary's CSV columns (a stable contract).
    static let csvHeader = [
        "level", "unit_code", "unit_name", "operating", "units_active", "median_omzet", "p25_omzet", "p75_omzet",
        "active_member_share", "falling",
    ]

    /// The falling list's CSV columns (a stable contract).
    static let fallingHeader = [
        "kode_koperasi", "nama_koperasi", "kecamatan", "kabupaten", "reason", "omzet_now", "omzet_before",
        "active_member_share", "units_now", "units_before",
    ]

    /// The rows and the total line with their codes (`total` for the total).
    static func lines(_ s: HealthSection) -> [(row: HealthRow, code: String)] {
        s.rows.map { ($0, String($0.unit.code)) } + [(s.total, "total")]
    }

    static func rupiah(_ v: Double?) -> String { v.map { String(HealthTableFormat.rupiah($0)) } ?? "" }

    static func share(_ v: Double?) -> String { v.map { Tabular.jsonNumber(HealthTableFormat.share($0)) } ?? "" }

    static func csv(_ s: HealthSection) -> String {
        var out = csvHeader.joined(separator: ",") + "\n"
        for (row, code) in lines(s) {
            let fields = [
                s.level.rawValue, code, Tabular.csvField(row.name), String(row.operating), String(row.unitsActive),
                rupiah(row.turnover.median), rupiah(row.turnover.p25), rupiah(row.turnover.p75),
                share(row.activeMemberShare), String(row.falling),
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    static func fallingCSV(_ s: HealthSection, language: ReportLanguage) -> String {
        var out = fallingHeader.joined(separator: ",") + "\n"
        for c in s.falling {
            let a = c.assessment
            let fields = [
                c.kode.description, Tabular.csvField(c.names.nama ?? ""), Tabular.csvField(c.names.kecamatan ?? ""),
                Tabular.csvField(c.names.kabupaten ?? ""),
                Tabular.csvField(HealthReason.sentence(a, language: language)), rupiah(a.turnoverNow),
                rupiah(a.turnoverBefore), share(a.activeMemberShare), String(a.unitsNow),
                a.unitsBefore.map(String.init) ?? "",
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    static func json(_ s: HealthSection, rules: RuleSet, language: ReportLanguage, fallingOnly: Bool) -> String {
        func number(_ v: Double?) -> String { v.map { String(HealthTableFormat.rupiah($0)) } ?? "null" }
        func shareJSON(_ v: Double?) -> String { v.map { Tabular.jsonNumber(HealthTableFormat.share($0)) } ?? "null" }
        func unit(_ row: HealthRow, code: String) -> String {
            "{\"code\":\(Tabular.jsonString(code)),\"name\":\(Tabular.jsonString(row.name)),"
                + "\"operating\":\(row.operating),\"units_active\":\(row.unitsActive),"
                + "\"median_omzet\":\(number(row.turnover.median)),\"p25_omzet\":\(number(row.turnover.p25)),"
                + "\"p75_omzet\":\(number(row.turnover.p75)),"
                + "\"active_member_share\":\(shareJSON(row.activeMemberShare)),\"falling\":\(row.falling),"
                + "\"trend_per_week\":\(row.trend.map { Tabular.jsonNumber(HealthTableFormat.share($0.relativePerWeek)) } ?? "null")}"
        }
        let fallingItems = s.falling.map { c -> String in
            let a = c.assessment
            return "{\"kode_koperasi\":\(Tabular.jsonString(c.kode.description)),"
                + "\"nama_koperasi\":\(Tabular.jsonString(c.names.nama ?? "")),"
                + "\"kecamatan\":\(Tabular.jsonString(c.names.kecamatan ?? "")),"
                + "\"kabupaten\":\(Tabular.jsonString(c.names.kabupaten ?? "")),"
                + "\"reasons\":[" + a.reasons.map { Tabular.jsonString($0.rawValue) }.joined(separator: ",") + "],"
                + "\"reason\":\(Tabular.jsonString(HealthReason.sentence(a, language: language))),"
                + "\"omzet_now\":\(number(a.turnoverNow)),\"omzet_before\":\(number(a.turnoverBefore)),"
                + "\"active_member_share\":\(shareJSON(a.activeMemberShare)),\"units_now\":\(a.unitsNow),"
                + "\"units_before\":\(a.unitsBefore.map(String.init) ?? "null")}"
        }
        let h = s.rules
        var out = "{\"rule_set\":{\"name\":\(Tabular.jsonString(rules.name)),\"version\":\(rules.version),"
            + "\"label\":\(Tabular.jsonString(rules.label))},"
            + "\"health_rules\":{\"turnover_window_reports\":\(h.turnoverWindowReports),"
            + "\"turnover_fall_ratio\":\(Tabular.jsonNumber(h.turnoverFallRatio)),"
            + "\"minimum_active_member_share\":\(Tabular.jsonNumber(h.minimumActiveMemberShare)),"
            + "\"unit_slip_factor\":\(Tabular.jsonNumber(h.unitSlipFactor)),"
            + "\"falling_zone\":\(h.fallingZone.map { Tabular.jsonString($0.rawValue) } ?? "null")},"
            + "\"as_of\":\(Tabular.jsonString(s.asOf.iso)),\"level\":\(Tabular.jsonString(s.level.rawValue)),"
        if !fallingOnly {
            out += "\"trend_reports\":\(s.trendReports),"
                + "\"units\":[" + s.rows.map { unit($0, code: String($0.unit.code)) }.joined(separator: ",") + "],"
                + "\"total\":\(unit(s.total, code: "total")),"
                + "\"turnover_slips\":\(s.slips.count),"
        }
        return out + "\"falling\":[" + fallingItems.joined(separator: ",") + "]}\n"
    }

    /// The words of the tables.
    static func words(_ language: ReportLanguage) -> (title: String, rules: String, fallingTitle: String, none: String) {
        language == .id
            ? ("Kesehatan usaha koperasi yang beroperasi per", "Aturan zona", "Koperasi beroperasi yang menurun",
               "Tidak ada koperasi beroperasi yang menurun.")
            : ("Business health of the operating cooperatives by", "Zone rules", "Operating cooperatives that are falling",
               "No operating cooperative is falling.")
    }

    /// The level's name in `language`.
    static func levelName(_ level: AdminLevel, _ language: ReportLanguage) -> String {
        let text = ReportText(language)
        return switch level {
        case .regency: text(.levelRegency)
        case .district: text(.levelDistrict)
        default: level.rawValue
        }
    }

    static func table(_ s: HealthSection, language: ReportLanguage) -> String {
        let text = ReportText(language)
        let f = ReportFormatter(language)
        let w = words(language)
        func rupiah(_ v: Double?) -> String { v.map { f.integer(HealthTableFormat.rupiah($0)) } ?? ReportFormatter.missing }
        let header = [
            levelName(s.level, language), text(.colCode), text(.colOperating), text(.colUnitsActive),
            text(.colMedianTurnover), text(.colP25Turnover), text(.colP75Turnover), text(.colActiveMemberShare),
            text(.colFalling), text(.colTrendPerWeek),
        ]
        let rows = lines(s).map { row, code -> [String] in
            [code == "total" ? text(.total) : row.name, code == "total" ? "" : row.unit.dotted, f.integer(row.operating),
             f.integer(row.unitsActive), rupiah(row.turnover.median), rupiah(row.turnover.p25), rupiah(row.turnover.p75),
             row.activeMemberShare.map { f.percent($0, digits: 1) } ?? ReportFormatter.missing, f.integer(row.falling),
             row.trend.map { f.signedDecimal($0.relativePerWeek * 100, digits: 1) + "%" } ?? ReportFormatter.missing]
        }
        var out = "\(w.title) \(levelName(s.level, language).lowercased()) — \(s.asOf.iso)\n"
        out += "\(w.rules): \(s.ruleSet)\n\n"
        out += Tabular.table(header: header, rows: rows, rightAligned: Set(2..<header.count))
        out += "\n" + notes(s, language: language)
        return out
    }

    /// The lines under a table: turnover slips and where the thresholds come from.
    static func notes(_ s: HealthSection, language: ReportLanguage) -> String {
        let text = ReportText(language)
        let f = ReportFormatter(language)
        var out = ""
        if !s.slips.isEmpty {
            out += text(.healthSlips, f.integer(s.slips.count), f.integer(Int(s.rules.unitSlipFactor)),
                        f.integer(s.slipsAllWeeks)) + "\n"
        }
        if let zone = s.rules.fallingZone {
            out += text(.healthRulesFromSet, s.ruleSet, text.zoneName(zone).lowercased()) + "\n"
        } else {
            out += text(.healthRulesStandard, s.ruleSet) + "\n"
        }
        return out
    }

    static func fallingTable(_ s: HealthSection, language: ReportLanguage) -> String {
        let text = ReportText(language)
        let w = words(language)
        var out = "\(w.fallingTitle) — \(s.asOf.iso)\n\(w.rules): \(s.ruleSet)\n\n"
        if s.falling.isEmpty { return out + w.none + "\n" }
        let header = [text(.colCode), text(.colName), text(.colDistrict), text(.colRegency), text(.colReason)]
        let rows = s.falling.map { c in
            [c.kode.description, c.names.nama ?? "", c.names.kecamatan ?? "", c.names.kabupaten ?? "",
             HealthReason.sentence(c.assessment, language: language)]
        }
        out += Tabular.table(header: header, rows: rows)
        out += "\n" + notes(s, language: language)
        return out
    }
}
