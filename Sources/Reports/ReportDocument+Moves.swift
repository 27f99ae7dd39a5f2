import Analysis
import KendaliData

extension ReportLayout {
    /// The forecasts that moved most since last week, with the reason, and how many
    /// cooperatives' data are stale or inconsistent: blocks added to the priorities section
    /// (the section before), so the contents and the printed pages keep their shape; left
    /// out without a forecast.
    mutating func forecastMoves() {
        guard let m = r.forecastMoves else { return }
        var blocks: [ReportDocument.Block] = []
        tables.append(DataTable(name: "forecast_moves", columns: [
            .init("kode_koperasi", t(.colCode)), .init("nama_koperasi", t(.colName)), .init("zone", t(.colZone)),
            .init("p50_before", t(.colP50Before)), .init("p50_now", t(.colP50NowShort)),
            .init("move_weeks", t(.colMoveWeeks)), .init("reason", t(.colReason)),
            .data("data_quality", t(.colDataQuality)), .data("explained_by", t(.colExplainedBy)),
            .data("explained_weeks", t(.colExplainedWeeks)), .data("changed_columns", t(.colChangedColumns)),
        ], rows: m.rows.map { row in
            [.text(row.kode.description), .text(row.nama ?? row.desa ?? ""), row.zone.map(Cell.zone) ?? .empty,
             p50Cell(row.p50Before), p50Cell(row.p50Now),
             .change(row.moveWeeks), .text(moveReason(row)),
             .text(row.dataQuality.rawValue), row.explainedBy.map { .text($0.column) } ?? .empty,
             row.explainedWeeks.map(Cell.change) ?? .empty, .text(row.changes.map(\.column).joined(separator: " "))]
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
        if let last = sections.indices.last {
            sections[last].blocks += blocks
        } else {
            sections.append(.init(id: "prakiraan-bergeser", title: t(.sectionMoves), blocks: blocks))
        }
    }

    /// A P50 as a short date (ISO in the data files), or "beyond the horizon" (empty there).
    func p50Cell(_ day: Day?) -> Cell {
        day.map { .coded($0.iso, label: f.shortDate($0)) } ?? .coded("", label: t(.beyondHorizon))
    }

    /// A data quality in the report's words.
    func qualityName(_ q: DataQuality) -> String { text.dataQualityName(q) }

    /// A change as `column: from → to`; the land and the stage named in the report's words.
    func changeText(_ c: InputChange) -> String {
        if c.column == "status_lahan", let a = StatusLahan(rawValue: c.from), let b = StatusLahan(rawValue: c.to) {
            return t(.colLand) + ": " + landName(a) + " → " + landName(b)
        }
        if c.column == "tahap", let a = Tahap(rawValue: c.from), let b = Tahap(rawValue: c.to) {
            return t(.colStage) + ": " + stageName(a) + " → " + stageName(b)
        }
        func value(_ v: String) -> String { v.isEmpty ? ReportFormatter.missing : v }
        return "\(c.column): \(value(c.from)) → \(value(c.to))"
    }

    /// Why a row's P50 moved, in a few words: the change that explains most of it with the
    /// weeks it accounts for, or how many inputs changed with none explaining most, or that
    /// it did not report or reported the same; led by its data quality when not ok.
    func moveReason(_ row: ForecastMoveRow) -> String {
        let quality = row.dataQuality == .ok ? "" : "[" + qualityName(row.dataQuality) + "] "
        if let c = row.explainedBy, let w = row.explainedWeeks {
            return quality + changeText(c) + " (" + (w > 0 ? "+" : "") + f.integer(w) + ")"
        }
        if !row.reportedThisWeek { return quality + t(.moveNoReport) }
        if row.changes.isEmpty { return quality + t(.moveSameReport) }
        return quality + t(.moveNotExplained, f.integer(row.changes.count))
    }
}
