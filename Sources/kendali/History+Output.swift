import KendaliData
import Reports

extension History {
    /// The cooperative's reports as an aligned table: stages, land states and zones named
    /// in `language`, the progress with its decimal separator; a week without a report is a
    /// row of its own (reported: no), and `gaps` are counted under the table.
    static func table(_ lines: [Line], code: CooperativeCode, ruleSet: RuleSet, gaps: [Day] = [],
                      language: ReportLanguage) -> String {
        let text = ReportText(language)
        func progress(_ v: Double?) -> String {
            v.map { SnapshotWriter.progressText($0).replacingOccurrences(of: ".", with: language.decimalSeparator) } ?? ""
        }
        let records = lines.compactMap(\.stored?.record)
        let last = records.last
        var title = text(.historyTitle, code.dotted)
        if let nama = records.compactMap(\.nama).last { title += " — \(nama)" }
        let place = [last?.desa, last?.kecamatan, last?.kabupaten].compactMap { $0 }
        if !place.isEmpty { title += " (\(place.joined(separator: ", ")))" }
        let header = [text(.colWeek), text(.colFile), text(.colRevision), text(.colActive), text(.colStage),
                      text(.colLand), text(.colProgressShort), text(.colZone), text(.colReported)]
        let rows = lines.map { l -> [String] in
            guard let stored = l.stored, let zone = l.zone else {
                return [l.week.iso, "-", "-", "-", "-", "-", "", "-", text(.reportedNo)]
            }
            let r = stored.record, s = stored.source
            return [
                s.reportDate.iso, s.fileName, String(s.revision), s.isActive ? text(.activeYes) : text(.activeSuperseded),
                text.stageName(r.tahap), text.landName(r.statusLahan), progress(r.progresFisik), text.zoneName(zone),
                text(.reportedYes),
            ]
        }
        var out = title + "\n" + Tabular.table(header: header, rows: rows, rightAligned: [2, 6])
        if !gaps.isEmpty {
            out += text(.historyGaps, ReportFormatter(language).integer(gaps.count), gaps.map(\.iso).joined(separator: ", ")) + "\n"
        }
        return out + "\(text(.versionRuleSet)): \(ruleSet.label)\n"
    }
}
