import Analysis
import KendaliData

extension ReportLayout {
    /// The section "Operasional dan kesehatan usaha": the operating cooperatives per unit
    /// one level down (count, business units, turnover median and quartiles, active
    /// members, falling), the turnover chart, the falling cooperatives with their reasons
    /// and this week's turnover slips.
    mutating func health() {
        let h = r.health
        var blocks: [ReportDocument.Block] = []
        let total = h.total
        func rupiah(_ v: Double?) -> Cell { v.map { .integer(HealthTableFormat.rupiah($0)) } ?? .empty }
        func rupiahText(_ v: Double?) -> String { v.map { f.integer(Int($0.rounded())) } ?? ReportFormatter.missing }
        func share(_ v: Double?) -> Cell { v.map { .percent(HealthTableFormat.share($0), digits: 1) } ?? .empty }
        func trend(_ row: HealthRow) -> Cell {
            row.trend.map { .text(trendText($0.relativePerWeek)) } ?? .empty
        }

        if total.operating == 0 {
            blocks.append(.note(t(.healthNoneOperating)))
        } else {
            var sentence = t(.healthIntro, f.integer(total.operating), f.integer(total.unitsActive)) + " "
            if total.turnover.count > 0 {
                sentence += t(.healthTurnover, rupiahText(total.turnover.median), rupiahText(total.turnover.p25),
                              rupiahText(total.turnover.p75))
            } else {
                sentence += t(.healthNoTurnover)
            }
            sentence += total.activeMemberShare.map { t(.healthMembers, f.percent($0, digits: 1)) } ?? "."
            blocks.append(.paragraph(sentence))
            if let tr = total.trend {
                blocks.append(.paragraph(t(.healthTrendSentence, f.integer(h.trendReports),
                                           trendText(tr.relativePerWeek))))
            }
        }

        let level = c.levelName(h.level, plural: false)
        let lines = h.rows.map { ($0, String($0.unit.code), $0.name) } + [(total, "total", t(.total))]
        tables.append(DataTable(name: "health", columns: [
            .data("level", t(.colKind)), .data("unit_code", t(.colCode)), .init("unit_name", level),
            .init("operating", t(.colOperating)), .init("units_active", t(.colUnitsActive)),
            .init("median_omzet", t(.colMedianTurnover)), .init("p25_omzet", t(.colP25Turnover)),
            .init("p75_omzet", t(.colP75Turnover)), .init("active_member_share", t(.colActiveMemberShare)),
            .init("falling", t(.colFalling)), .display("trend", t(.colTrendPerWeek)),
        ], rows: lines.map { row, code, name in
            [.text(h.level.rawValue), .text(code), .text(name), .integer(row.operating), .integer(row.unitsActive),
             rupiah(row.turnover.median), rupiah(row.turnover.p25), rupiah(row.turnover.p75),
             share(row.activeMemberShare), .integer(row.falling), trend(row)]
        }))
        blocks.append(.table("health", caption: t(.healthTableCaption), limit: nil))

        if total.series.contains(where: { $0.count > 0 }), addChart("health", .health, alt: t(.healthChartTitle, level.lowercased())) {
            blocks.append(.figure("health", caption: t(.healthCaption)))
        }
        var series: [[Cell]] = []
        for (row, code, _) in lines {
            for (k, s) in row.series.enumerated() where s.count > 0 {
                series.append([.text(code), .date(h.dates[k]), .integer(s.count), rupiah(s.median), rupiah(s.p25),
                               rupiah(s.p75)])
            }
        }
        tables.append(DataTable(name: "health_turnover", columns: [
            .init("unit_code", t(.colCode)), .init("date", t(.colDate)), .init("figures", t(.colTurnoverFigures)),
            .init("median_omzet", t(.colMedianTurnover)), .init("p25_omzet", t(.colP25Turnover)),
            .init("p75_omzet", t(.colP75Turnover)),
        ], rows: series))

        let w = h.rules.turnoverWindowReports
        if h.falling.isEmpty {
            blocks.append(.paragraph(t(.healthNoFalling)))
        } else {
            blocks.append(.paragraph(t(.healthFallingIntro, f.integer(h.falling.count), f.integer(w),
                                       f.percent(h.rules.turnoverFallRatio), f.percent(h.rules.minimumActiveMemberShare))))
        }
        tables.append(DataTable(name: "health_falling", columns: [
            .init("kode_koperasi", t(.colCode)), .init("nama_koperasi", t(.colName)),
            .init("kecamatan", t(.colDistrict)), .init("kabupaten", t(.colRegency)), .init("reason", t(.colReason)),
            .init("omzet_now", t(.colTurnoverNow)), .init("omzet_before", t(.colTurnoverBefore)),
            .init("active_member_share", t(.colActiveMemberShare)), .init("units_now", t(.colUnitsNow)),
            .init("units_before", t(.colUnitsBefore)),
        ], rows: h.falling.map { c in
            let a = c.assessment
            return [.text(c.kode.description), .text(c.names.nama ?? ""), .text(c.names.kecamatan ?? ""),
                    .text(c.names.kabupaten ?? ""), .text(HealthReason.sentence(a, language: f.language)),
                    rupiah(a.turnoverNow), rupiah(a.turnoverBefore), share(a.activeMemberShare), .integer(a.unitsNow),
                    a.unitsBefore.map(Cell.integer) ?? .empty]
        }))
        if !h.falling.isEmpty { blocks.append(.table("health_falling", caption: nil, limit: 30)) }

        tables.append(DataTable(name: "health_slips", columns: [
            .init("kode_koperasi", t(.colCode)), .init("nama_koperasi", t(.colName)), .init("date", t(.colDate)),
            .init("omzet", t(.colValue)), .init("reference", t(.colReference)),
        ], rows: h.slips.map { s in
            [.text(s.kode.description), .text(s.name), .date(s.date), .integer(Int(s.value)), rupiah(s.reference)]
        }))
        if !h.slips.isEmpty {
            blocks.append(.note(t(.healthSlips, f.integer(h.slips.count), f.integer(Int(h.rules.unitSlipFactor)),
                                  f.integer(h.slipsAllWeeks))))
            blocks.append(.table("health_slips", caption: nil, limit: 20))
        }
        if let zone = h.rules.fallingZone {
            blocks.append(.paragraph(t(.healthRulesFromSet, h.ruleSet, zoneName(zone).lowercased())))
        } else {
            blocks.append(.paragraph(t(.healthRulesStandard, h.ruleSet)))
        }
        sections.append(.init(id: "kesehatan-usaha", title: t(.sectionHealth), blocks: blocks))
    }

    /// A relative weekly trend as a signed percentage with one decimal: `+1,2%`.
    func trendText(_ relative: Double) -> String {
        f.signedDecimal(relative * 100, digits: 1) + "%"
    }
}

/// The rounding of the health figures written for programs, shared by the report's data
/// files and `kendali health`, so both give the same numbers.
public enum HealthTableFormat {
    /// A share rounded to 4 decimals (0.4523).
    public static func share(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// Rupiah rounded to the whole rupiah.
    public static func rupiah(_ value: Double) -> Int { Int(value.rounded()) }
}
