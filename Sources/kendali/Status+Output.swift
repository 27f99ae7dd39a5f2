import KendaliData
import Reports

/// The status for people: the table in a language, and the same rows as a workbook sheet.
extension Status {
    /// The label of the count column `key` (a ``countColumns`` key) in `text`'s language:
    /// the report's names of the zones and stages.
    static func countLabel(_ key: String, _ text: ReportText) -> String {
        switch key {
        case "cooperatives": text(.colCooperatives)
        case "hijau": text.zoneName(.hijau)
        case "kuning": text.zoneName(.kuning)
        case "merah": text.zoneName(.merah)
        case "terdaftar": text.stageName(Tahap.terdaftar)
        case "portal": text.stageName(Tahap.portal)
        case "pembangunan": text.stageName(Tahap.pembangunan)
        case "selesai": text.stageName(Tahap.selesai)
        case "beroperasi": text.stageName(Tahap.beroperasi)
        case "portal_land_not_ready": text(.stagePortalLandNotReady)
        default: key
        }
    }

    /// The aligned table: one line per unit and a total line, each count with its change
    /// since the previous week in brackets, numbers in the language's format.
    static func table(_ report: StatusReport, language: ReportLanguage) -> String {
        let text = ReportText(language)
        let f = ReportFormatter(language)
        let hasPrevious = report.previousWeek != nil
        func cell(_ value: Int, _ change: Int) -> String {
            guard hasPrevious, change != 0 else { return f.integer(value) }
            return "\(f.integer(value)) (\(f.signedInteger(change)))"
        }
        var header = [text.levelName(report.level, plural: false), text(.colCode)]
        header += countColumns.map { countLabel($0.key, text) }
        header += [text(.colImproved), text(.colWorsened)]
        let lines = report.units.map { ($0, $0.unit.dotted) } + [(report.total, "")]
        let rows = lines.map { u, code -> [String] in
            let change = u.change
            return [u.name, code] + countColumns.map { cell($0.value(u.current), $0.value(change)) }
                + [f.integer(u.changes.improved), f.integer(u.changes.worsened)]
        }
        var out = text(.statusTitle, text.levelName(report.level, plural: true), f.date(report.asOf))
        if let previous = report.previousWeek { out += text(.statusChangeSince, f.date(previous)) }
        out += "\n\(text(.versionRuleSet)): \(report.rules.label)\n\n"
        out += Tabular.table(header: header, rows: rows, rightAligned: Set(2..<(header.count)))
        if hasPrevious {
            let pairs = ZoneChangeCounts.pairs.map { pair in
                "\(text.zoneName(pair.from).lowercased())→\(text.zoneName(pair.to).lowercased()) "
                    + f.integer(report.total.changes[pair.from, pair.to])
            }
            out += "\n" + text(.statusTransitions, pairs.joined(separator: ", ")) + "\n"
        } else {
            out += "\n" + text(.firstWeekNoChanges) + "\n"
        }
        return out
    }

    /// The CSV's columns and rows as a workbook sheet: headers in `language` above the
    /// machine names, counts as numbers, dates as dates.
    static func sheet(_ report: StatusReport, language: ReportLanguage) -> DataTable {
        let text = ReportText(language)
        var columns: [DataTable.Column] = [
            .init("rule_set", text(.versionRuleSet)), .init("as_of", text(.colAsOf)),
            .init("previous_week", text(.colPreviousWeek)), .init("level", text(.colLevel)),
            .init("unit_code", text(.colCode)), .init("unit_name", text(.colName)),
        ]
        columns += countColumns.map { .init($0.key, countLabel($0.key, text)) }
        columns += countColumns.map { .init("change_" + $0.key, text(.changeOf, countLabel($0.key, text))) }
        columns += zip(pairKeys, ZoneChangeCounts.pairs).map { key, pair in
            .init(key, text.zoneName(pair.from) + " → " + text.zoneName(pair.to))
        }
        let level = Cell.coded(report.level.rawValue, label: text.levelName(report.level, plural: false))
        let lines = report.units.map { ($0, Cell.text(String($0.unit.code))) }
            + [(report.total, Cell.coded("total", label: text(.total)))]
        let rows = lines.map { u, code -> [Cell] in
            var row: [Cell] = [
                .text(report.rules.label), .date(report.asOf), report.previousWeek.map(Cell.date) ?? .empty,
                level, code, .text(u.name),
            ]
            row += countColumns.map { .integer($0.value(u.current)) }
            row += countColumns.map { report.previousWeek == nil ? .empty : .integer($0.value(u.change)) }
            row += ZoneChangeCounts.pairs.map { .integer(u.changes[$0.from, $0.to]) }
            return row
        }
        return DataTable(name: "status", columns: columns, rows: rows)
    }
}
