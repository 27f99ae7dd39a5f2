import KendaliData
import Reports

extension History {
    /// The cooperative's reports as an aligned table: stages, land states and zones named
    /// in `language`, the progress with its decimal separator.
    static func table(_ lines: [Line], code: CooperativeCode, ruleSet: RuleSet, language: ReportLanguage) -> String {
        let text = ReportText(language)
        func progress(_ v: Double?) -> String {
            v.map { SnapshotWriter.progressText($0).replacingOccurrences(of: ".", with: language.decimalSeparator) } ?? ""
        }
        let last = lines.last?.revision.record
        var title = text(.historyTitle, code.dotted)
        if let nama = lines.compactMap(\.revision.record.nama).last { title += " — \(nama)" }
        let place = [last?.desa, last?.kecamatan, last?.kabupaten].compactMap { $0 }
        if !place.isEmpty { title += " (\(place.joined(separator: ", ")))" }
        let header = [text(.colWeek), text(.colFile), text(.colRevision), text(.colActive), text(.colStage),
                      text(.colLand), text(.colProgressShort), text(.colZone)]
        let rows = lines.map { l -> [String] in
            let r = l.revision.record, s = l.revision.source
            return [
                s.reportDate.iso, s.fileName, String(s.revision), s.isActive ? text(.activeYes) : text(.activeSuperseded),
                text.stageName(r.tahap), text.landName(r.statusLahan), progress(r.progresFisik), text.zoneName(l.zone),
            ]
        }
        return title + "\n" + Tabular.table(header: header, rows: rows, rightAligned: [2, 6])
            + "\(text(.versionRuleSet)): \(ruleSet.label)\n"
    }
}
