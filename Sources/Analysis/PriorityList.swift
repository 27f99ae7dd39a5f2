import CSV
import KendaliData

/// Reads the priority ranking written by `kendali rank --format csv` for the report's
/// priority section.
///
/// Columns (header names matched case-insensitively): `kode_koperasi` and `intervention`
/// are required; `zone`, `p50_now`, `p50_after` (ISO dates, empty when beyond the horizon),
/// `weeks_gained` and a one-sentence reason (`reason`, `explanation`, `sentence` or
/// `alasan`) are used when present. Rows keep the file's order (the ranking's).
public enum PriorityList {
    /// The ranking in `text` (CSV); `source` names it in errors and in the report.
    ///
    /// - Throws: ``AnalysisError/invalidPriorities(source:reason:)`` naming the line and the
    ///   value at fault.
    public static func parse(csv text: String, source: String) throws(AnalysisError) -> PriorityInput {
        let rows: [CSVRecord]
        do {
            rows = try CSVReader().records(text)
        } catch {
            throw .invalidPriorities(source: source, reason: "line \(error.line), column \(error.column): \(error.message)")
        }
        guard let header = rows.first?.fields else { throw .invalidPriorities(source: source, reason: "the file is empty") }
        let names = header.map { $0.trimmingSpaces.lowercased() }
        func column(_ candidates: [String]) -> Int? {
            for c in candidates { if let k = names.firstIndex(of: c) { return k } }
            return nil
        }
        guard let codeColumn = column(["kode_koperasi", "kode"]) else {
            throw .invalidPriorities(source: source, reason: "no kode_koperasi column")
        }
        guard let interventionColumn = column(["intervention", "intervensi"]) else {
            throw .invalidPriorities(source: source, reason: "no intervention column")
        }
        let zoneColumn = column(["zone", "zona"])
        let nowColumn = column(["p50_now"])
        let afterColumn = column(["p50_after"])
        let gainedColumn = column(["weeks_gained"])
        let reasonColumn = column(["reason", "explanation", "sentence", "alasan"])
        var entries: [PriorityEntry] = []
        for record in rows.dropFirst() {
            let line = record.line
            let row = record.fields
            if row.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            func field(_ c: Int?) -> String? {
                guard let c, c < row.count else { return nil }
                let v = row[c].trimmingSpaces
                return v.isEmpty ? nil : v
            }
            guard let codeText = field(codeColumn), let code = CooperativeCode(parsing: codeText) else {
                throw .invalidPriorities(source: source, reason: "line \(line): '\(field(codeColumn) ?? "")' is not a kode_koperasi")
            }
            func date(_ c: Int?, _ name: String) throws(AnalysisError) -> Day? {
                guard let v = field(c) else { return nil }
                guard let d = Day(parsing: v) else {
                    throw .invalidPriorities(source: source, reason: "line \(line): \(name) '\(v)' is not a date YYYY-MM-DD")
                }
                return d
            }
            var gained = Double.nan
            if let v = field(gainedColumn) {
                guard let x = Double(v), x.isFinite else {
                    throw .invalidPriorities(source: source, reason: "line \(line): weeks_gained '\(v)' is not a number")
                }
                gained = x
            }
            let now = try date(nowColumn, "p50_now")
            let after = try date(afterColumn, "p50_after")
            if gained.isNaN, let now, let after { gained = Double(after.days(to: now)) / 7 }
            entries.append(PriorityEntry(
                kode: code, zone: field(zoneColumn) ?? "", intervention: field(interventionColumn) ?? "",
                p50Now: now, p50After: after, weeksGained: gained, reason: field(reasonColumn)))
        }
        return PriorityInput(entries: entries, source: source)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
