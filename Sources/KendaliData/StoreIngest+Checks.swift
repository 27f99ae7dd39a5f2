import GRDB

/// The checks of a file against what the store holds beyond the cooperatives' previous
/// reports (those are `SnapshotValidator`'s): the register of cooperatives, codes never
/// seen, the reporting weekday, and the cooperatives that have been silent for weeks.
///
/// | check | severity | kind |
/// | --- | --- | --- |
/// | a code not in the register | error | `unregistered_code` |
/// | `desa`, `kecamatan`, `kabupaten` other than the register's | warning | `register_mismatch` |
/// | a registered cooperative silent two weeks or more, or never reported | warning | `not_reported` |
/// | without a register: a code with no report in an earlier stored week | warning | `new_code` |
/// | a report date on another weekday than most stored weeks | warning | `unusual_weekday` |
///
/// The warnings are stored with the week beside the cross-week ones (origin `history`)
/// and recomputed with them when an earlier week changes.
extension HistoryStore {
    /// Unknown codes named with their nearest registered codes for at most this many rows
    /// of a file (each search reads the whole register); later ones are still errors.
    static let suggestedCodesPerFile = 50

    /// The errors of `file` against `register`: every code not registered, with the
    /// nearest registered codes (`CooperativeRegister.nearestCodes(to:limit:)`).
    static func registerErrors(file: SnapshotFile, register: StoredRegister?) -> [SnapshotIssue] {
        guard let stored = register else { return [] }
        let reg = stored.register
        var issues: [SnapshotIssue] = []
        for (i, r) in file.records.enumerated() where !reg.contains(r.kode) {
            var expected = "a code of the register (\(reg.fileName), revision \(stored.revision))"
            if issues.count < suggestedCodesPerFile {
                let near = reg.nearestCodes(to: r.kode)
                if !near.isEmpty {
                    expected += "; nearest registered: " + near.map(\.description).joined(separator: ", ")
                }
            }
            issues.append(SnapshotIssue(
                .unregisteredCode, file: file.fileName, line: i < file.recordLines.count ? file.recordLines[i] : nil,
                column: "kode_koperasi", value: r.kode.description, expected: expected))
        }
        return file.located(issues)
    }

    /// The warnings of `file` against the store's register, the stored weeks and the
    /// silent cooperatives (the table above), in line order, those without a line last.
    ///
    /// - Parameter previous: each cooperative's latest active report before the file's
    ///   week (`previousReports`).
    static func storeWarnings(
        _ db: Database, file: SnapshotFile, previous: [CooperativeCode: SnapshotRecord],
        register: StoredRegister?
    ) throws -> [SnapshotIssue] {
        let day = file.reportDate
        let weeks = try imports(db, where: "f.active = 1", arguments: []).filter { $0.reportDate != day }
        let earlier = weeks.filter { $0.reportDate < day }
        var rows: [SnapshotIssue] = []
        var tail: [SnapshotIssue] = []
        if let w = ReportWeek.weekdayWarning(date: day, stored: weeks.map(\.reportDate), fileName: file.fileName) {
            tail.append(w)
        }
        func line(_ i: Int) -> Int? { i < file.recordLines.count ? file.recordLines[i] : nil }
        if let reg = register?.register {
            for (i, r) in file.records.enumerated() {
                guard let e = reg.entry(of: r.kode) else { continue }
                for (column, given, registered) in [
                    ("desa", r.desa, e.desa), ("kecamatan", r.kecamatan, e.kecamatan),
                    ("kabupaten", r.kabupaten, e.kabupaten),
                ] {
                    guard let given, !given.isEmpty, !CooperativeRegister.sameName(given, registered) else { continue }
                    rows.append(SnapshotIssue(
                        .registerMismatch, file: file.fileName, line: line(i), column: column, value: given,
                        expected: "'\(registered)', the register's \(column) of \(r.kode); the register's name is shown"))
                }
            }
            tail += try silentRegistered(db, file: file, previous: previous, register: reg, earlier: earlier)
        } else if !earlier.isEmpty {
            for (i, r) in file.records.enumerated() where previous[r.kode] == nil {
                rows.append(SnapshotIssue(
                    .newCode, file: file.fileName, line: line(i), column: "kode_koperasi",
                    value: r.kode.description,
                    expected: "a code reported before (none of the \(earlier.count) earlier stored weeks has it: a new cooperative, or a mistyped code; give a register with --registry to check codes)"))
            }
        }
        return file.located(rows) + tail
    }

    /// The `not_reported` warnings of a week: every registered cooperative without a row
    /// in `file` that did not report in the latest earlier week either (those are
    /// `cooperative_missing` warnings already), with the weeks it has been silent and its
    /// last report; by code.
    private static func silentRegistered(
        _ db: Database, file: SnapshotFile, previous: [CooperativeCode: SnapshotRecord],
        register: CooperativeRegister, earlier: [StoredImport]
    ) throws -> [SnapshotIssue] {
        let present = Set(file.records.map(\.kode))
        let lastWeek = earlier.last?.reportDate
        var out: [SnapshotIssue] = []
        for e in register.entries where !present.contains(e.kode) {
            let last: Day?
            if let p = previous[e.kode] {
                if p.tanggal == lastWeek { continue }
                last = p.tanggal
            } else {
                last = try lastReport(db, kode: e.kode, in: earlier)
            }
            let silent = 1 + earlier.count { week in last.map { week.reportDate > $0 } ?? true }
            let expected = if let last {
                "a report: silent \(silent) weeks, last report \(last.iso)"
            } else {
                "a report: never reported in the \(silent) stored week\(silent == 1 ? "" : "s") up to this one"
            }
            out.append(SnapshotIssue(
                .notReported, file: file.fileName, line: nil, column: "kode_koperasi",
                value: e.kode.description, expected: expected))
        }
        return out
    }

    /// The date of the latest report of `kode` in the weeks `earlier` (oldest first), by
    /// key lookups from the latest back to its first report (`cooperative.first_seen`).
    private static func lastReport(_ db: Database, kode: CooperativeCode, in earlier: [StoredImport]) throws -> Day? {
        guard let firstText = try String.fetchOne(
            db, sql: "SELECT first_seen FROM cooperative WHERE kode = ?", arguments: [kode.value]),
            let first = Day(parsing: firstText)
        else { return nil }
        for week in earlier.reversed() {
            if week.reportDate < first { break }
            if try record(db, importID: week.id, kode: kode, date: week.reportDate, withText: false) != nil {
                return week.reportDate
            }
        }
        return nil
    }

    /// The number of cooperatives whose rows differ between `file` and the stored rows
    /// `stored` (both by code): a row changed, or a row only on one side.
    static func differingRows(_ file: [SnapshotRecord], _ stored: [SnapshotRecord]) -> Int {
        var byCode: [CooperativeCode: SnapshotRecord] = [:]
        byCode.reserveCapacity(stored.count)
        for r in stored { byCode[r.kode] = r }
        var differing = 0
        for r in file {
            if let s = byCode.removeValue(forKey: r.kode) {
                if s != r { differing += 1 }
            } else {
                differing += 1
            }
        }
        return differing + byCode.count
    }
}
