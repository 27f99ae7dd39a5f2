import Forecasting
import KendaliData
import Reports

/// The ranking and the capacity plan as workbook sheets: the CSV's columns, headers in the
/// chosen language above the machine names, dates as dates, numbers as numbers, zones and
/// interventions by their names.
extension Rank {
    /// The ranking's rows (the CSV's columns).
    func sheet(_ rows: [PriorityRow], setup: ScenarioSetup) -> DataTable {
        let text = ReportText(lang)
        let f = setup.forecast
        func week(_ w: Int?) -> Cell { w.map { .date(f.date(ofWeek: $0)) } ?? .empty }
        let columns: [DataTable.Column] = [
            .init("kode_koperasi", text(.colCode)), .init("zone", text(.colZone)),
            .init("intervention", text(.colIntervention)), .init("p50_now", text(.colP50Now)),
            .init("p50_after", text(.colP50After)), .init("weeks_gained", text(.colWeeksGained)),
            .init("p_green_by_target_now", text(.colProbabilityNow)),
            .init("p_green_by_target_after", text(.colProbabilityAfter)),
            .init("p_green_by_target_change", text(.colProbabilityChange)),
            .init("target_date", text(.colTargetDate)), .init("from_date", text(.colFromDate)),
            .init("kabupaten", text(.colRegency)), .init("reason", text(.colReason)),
            .init("p50_now_lower_bound", text(.colP50NowLowerBound)),
        ]
        let cells = rows.map { r -> [Cell] in
            [
                .text(r.code.description), .zone(r.zone),
                .coded(r.intervention?.rawValue ?? "none", label: text.interventionName(r.intervention)),
                week(r.now.p50), week(r.after.p50), .integer(r.weeksGained),
                .number(r.now.probabilityGreenByTarget, digits: 3), .number(r.after.probabilityGreenByTarget, digits: 3),
                .number(r.probabilityGain, digits: 3), .date(setup.targetDate), .date(f.date(ofWeek: setup.fromWeek)),
                .integer(r.code.regency), .text(reason(r, setup: setup)), week(r.now.p50 ?? r.beyondWeek),
            ]
        }
        return DataTable(name: "rank", columns: columns, rows: cells)
    }

    /// The capacity plan's rows (the CSV's columns with `--capacity`).
    func planSheet(_ plan: CapacityPlan, setup: ScenarioSetup) -> DataTable {
        let text = ReportText(lang)
        let f = setup.forecast
        let zones = Dictionary(uniqueKeysWithValues: f.cooperatives.map { ($0.index, $0.zone) })
        let columns: [DataTable.Column] = [
            .init("week", text(.colWeek)), .init("kode_koperasi", text(.colCode)),
            .init("intervention", text(.colIntervention)), .init("gain", text(.colAddedGreen)),
            .init("zone", text(.colZone)), .init("kabupaten", text(.colRegency)),
        ]
        let cells = plan.interventions.map { p -> [Cell] in
            [
                .date(f.date(ofWeek: p.week)), .text(p.code.description),
                .coded(p.kind.rawValue, label: text.interventionName(p.kind)), .number(p.gain, digits: 4),
                (zones[p.index] ?? nil).map(Cell.zone) ?? .empty, .integer(p.code.regency),
            ]
        }
        return DataTable(name: "plan", columns: columns, rows: cells)
    }
}
