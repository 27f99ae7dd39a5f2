import Analysis
import Forecasting
import KendaliData

extension ReportLayout {
    /// The section on the forecasts that moved most since last week, with the reason, and
    /// how many cooperatives' data are stale or inconsistent; left out without a forecast.
    mutating func forecastMoves() {
        guard let m = r.forecastMoves else { return }
        var blocks: [ReportDocument.Block] = []
        tables.append(DataTable(name: "forecast_moves", columns: [
            .init("kode_koperasi", t(.colCode)), .init("nama_koperasi", t(.colName)), .init("desa", t(.colVillage)),
            .init("zone", t(.colZone)), .init("data_quality", t(.colDataQuality)),
            .init("p50_before", t(.colP50Before)), .init("p50_now", t(.colP50Now)),
            .init("move_weeks", t(.colMoveWeeks)), .init("reason", t(.colReason)),
        ], rows: m.rows.map { row in
            [.text(row.kode.description), .text(row.nama ?? ""), .text(row.desa ?? ""),
             row.zone.map(Cell.zone) ?? .empty, .text(qualityName(row.dataQuality)),
             row.p50Before.map(Cell.date) ?? .text(t(.beyondHorizon)),
             row.p50Now.map(Cell.date) ?? .text(t(.beyondHorizon)),
             .integer(row.moveWeeks), .text(moveReason(row))]
        }))
        if m.rows.isEmpty {
            blocks.append(.paragraph(t(.movesNone, f.date(m.previousDate))))
        } else {
            blocks.append(.paragraph(t(.movesIntro, f.integer(m.rows.count), f.date(m.previousDate))))
            blocks.append(.table("forecast_moves", caption: nil, limit: nil))
        }
        if m.stale + m.inconsistent > 0 {
            blocks.append(.note(t(.dataQualityNote, f.integer(m.stale), f.integer(m.forecast), f.integer(m.inconsistent))))
        }
        sections.append(.init(id: "prakiraan-bergeser", title: t(.sectionMoves), blocks: blocks))
    }

    /// A data quality in the report's words.
    func qualityName(_ q: DataQuality) -> String {
        switch q {
        case .ok: t(.qualityOk)
        case .stale: t(.qualityStale)
        case .inconsistent: t(.qualityInconsistent)
        }
    }

    /// A change as `column: from → to`, stage and land values in the report's words.
    func changeText(_ c: InputChange) -> String {
        func value(_ v: String) -> String {
            if c.column == "status_lahan", let s = StatusLahan(rawValue: v) { return landName(s) }
            if c.column == "tahap", let s = Tahap(rawValue: v) { return stageName(s) }
            return v.isEmpty ? ReportFormatter.missing : v
        }
        return "\(c.column): \(value(c.from)) → \(value(c.to))"
    }

    /// Why a row's P50 moved: the change that explains most of it, or the changes, or that
    /// it did not report or reported the same.
    func moveReason(_ row: ForecastMoveRow) -> String {
        if let c = row.explainedBy, let w = row.explainedWeeks {
            return t(.moveExplained, changeText(c), w > 0 ? "+\(f.integer(w))" : f.integer(w))
        }
        if !row.reportedThisWeek { return t(.moveNoReport) }
        if row.changes.isEmpty { return t(.moveSameReport) }
        let shown = row.changes.prefix(4).map(changeText).joined(separator: "; ")
        return t(.moveNotExplained, row.changes.count > 4 ? shown + "; …" : shown)
    }
}
