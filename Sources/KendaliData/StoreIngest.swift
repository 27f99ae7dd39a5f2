import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension HistoryStore {
    /// Stores a validated file as its week's active revision, in one transaction.
    ///
    /// - The same content (same digest) already active for the week: `.unchanged`, and
    ///   nothing is written.
    /// - A new week: `.imported`, revision 1.
    /// - Another file already active for the week: with `replace`, `.replaced` — the old
    ///   revision is kept, marked superseded; without, `StoreError.weekAlreadyStored`.
    ///
    /// The file is checked against the latest active report of each cooperative before its
    /// week (`SnapshotValidator`): a cooperative reporting for the first time without its
    /// names refuses the file; the cross-week warnings are stored with the week, beside
    /// the file's own. It is also checked against the register of cooperatives, the
    /// stored weeks' weekday and the silent cooperatives (`storeWarnings`): a code not in
    /// the register refuses the file. The next stored week's cross-week warnings are recomputed in the
    /// same transaction (its "previous week" may just have changed).
    ///
    /// - Parameters:
    ///   - file: a file read by `SnapshotReader`.
    ///   - replace: store a different file for a week already stored, as a new revision.
    ///   - importedAt: the timestamp stored (ISO 8601 UTC); now when `nil`.
    ///   - progress: called inside the transaction with (reports written, reports in the
    ///     file) every 1,024 reports and at the end.
    /// - Throws: `StoreError.weekAlreadyStored`, `.refused`, `.database`; the store is then
    ///   exactly as before the call.
    /// - Complexity: O(n log N) for n reports in the file and N stored reports.
    public func ingest(
        file: SnapshotFile, replace: Bool = false, importedAt: String? = nil,
        progress: ((_ written: Int, _ total: Int) -> Void)? = nil
    ) throws(StoreError) -> IngestOutcome {
        precondition(mode == .readWrite, "HistoryStore.ingest needs a store opened .readWrite")
        let timestamp = importedAt ?? Self.nowISO8601()
        var outcome: IngestOutcome?
        do {
            try queue.inTransaction(.immediate) { db in
                let existing = try Self.activeImport(db, on: file.reportDate)
                if let existing, existing.contentDigest == file.contentDigest {
                    outcome = IngestOutcome(
                        kind: .unchanged, stored: existing, superseded: nil,
                        warnings: try Self.warnings(db, importID: existing.id))
                    return .rollback
                }
                if let existing, !replace {
                    let stored = try Self.records(db, importID: existing.id, date: existing.reportDate).records
                    let nameDate = ReportWeek.dateInFileName(file.fileName)
                    throw StoreError.weekAlreadyStored(
                        file.reportDate, existingFile: existing.fileName, revision: existing.revision,
                        differingRows: Self.differingRows(file.records, stored),
                        nameDate: nameDate == file.reportDate ? nil : nameDate)
                }
                let register = try Self.currentRegister(db)
                let previous = try Self.previousReports(
                    db, before: file.reportDate, kodes: file.records.map(\.kode))
                let errors = Self.registerErrors(file: file, register: register)
                    + SnapshotValidator.firstAppearanceErrors(previous: previous, current: file)
                if !errors.isEmpty {
                    let sorted = errors.enumerated().sorted {
                        ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset)
                    }.map(\.element)
                    throw StoreError.refused(SnapshotFileError(fileName: file.fileName, issues: sorted))
                }
                let cross = SnapshotValidator.crossWeekWarnings(previous: previous, current: file)
                    + (try Self.storeWarnings(db, file: file, previous: previous, register: register))

                // The file row, made active once the old revision is retired.
                let revision = try Int.fetchOne(
                    db, sql: "SELECT coalesce(max(revision), 0) FROM import_file WHERE report_date = ?",
                    arguments: [file.reportDate.iso]) ?? 0
                let insertFile = try StoreStatement(db, """
                    INSERT INTO import_file (report_date, revision, file_name, content_digest,
                        byte_count, row_count, imported_at, active)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0)
                    """)
                insertFile.bind(1, file.reportDate.iso)
                insertFile.bind(2, revision + 1)
                insertFile.bind(3, file.fileName)
                insertFile.bind(4, file.contentDigest)
                insertFile.bind(5, file.byteCount)
                insertFile.bind(6, file.records.count)
                insertFile.bind(7, timestamp)
                try insertFile.run()
                let id = db.lastInsertedRowID
                if let existing {
                    try db.execute(
                        sql: "UPDATE import_file SET active = 0, superseded_by = ? WHERE id = ?",
                        arguments: [id, existing.id])
                }
                try db.execute(sql: "UPDATE import_file SET active = 1 WHERE id = ?", arguments: [id])

                try Self.insertRecords(db, importID: id, file: file, progress: progress)
                try Self.insertUnitNames(db, importID: id, records: file.records)
                try Self.updateCooperatives(db, importID: id, date: file.reportDate)
                try Self.insertWarnings(db, importID: id, origin: "file", file.warnings)
                try Self.insertWarnings(db, importID: id, origin: "history", cross)
                try Self.refreshNextWeek(db, after: file.reportDate)

                guard let stored = try Self.activeImport(db, on: file.reportDate) else {
                    throw StoreError.database("the imported file is not found after insertion")
                }
                var superseded = existing
                superseded?.isActive = false
                superseded?.supersededBy = id
                outcome = IngestOutcome(
                    kind: existing == nil ? .imported : .replaced, stored: stored,
                    superseded: superseded, warnings: try Self.warnings(db, importID: id))
                return .commit
            }
        } catch {
            throw Self.storeError(error)
        }
        guard let outcome else { throw .database("the import ended without an outcome") }
        return outcome
    }

    /// Inserts the reports of `file`, reporting progress: `StoreRows.insertBatchRows` rows
    /// per statement, the remainder one at a time.
    private static func insertRecords(
        _ db: Database, importID: Int64, file: SnapshotFile,
        progress: ((_ written: Int, _ total: Int) -> Void)?
    ) throws {
        let limit = db.sqliteConnection.map { sqlite3_limit($0, SQLITE_LIMIT_VARIABLE_NUMBER, -1) } ?? 999
        let batch = Int(limit) >= StoreRows.insertBatchRows * Int(StoreRows.insertParameterCount)
            ? StoreRows.insertBatchRows : StoreRows.insertBatchRowsFallback
        let many = try StoreStatement(db, StoreRows.insertSQL(rows: batch))
        let one = try StoreStatement(db, StoreRows.insertSQL)
        var arena = TextArena(capacity: 1 << 17)
        defer {
            many.clearBindings()
            one.clearBindings()
            arena.deallocate()
        }
        let records = file.records
        let total = records.count
        let lines = file.recordLines
        var start = 0
        var reported = 0
        while start < total {
            let statement = total - start >= batch ? many : one
            let count = total - start >= batch ? batch : 1
            for row in 0..<count {
                let i = start + row
                StoreRows.bind(
                    statement, importID: importID, record: records[i],
                    line: i < lines.count ? lines[i] : 0, row: row, arena: &arena)
            }
            try statement.run()
            arena.reset()
            start += count
            if let progress, start / 1024 > reported {
                reported = start / 1024
                progress(reported * 1024, total)
            }
        }
        progress?(total, total)
    }

    /// Stores the names of the file's regencies and districts (`unit_name`): in each unit,
    /// the non-empty name given by the cooperative with the highest code, as `AdminNames`
    /// learns names from reports in code order.
    static func insertUnitNames(_ db: Database, importID: Int64, records: [SnapshotRecord])
        throws
    {
        let insert = try StoreStatement(db, """
            INSERT INTO unit_name (import_id, level, code, name) VALUES (?, ?, ?, ?)
            """)
        for (level, _) in StoreSchema.namedLevels {
            for (unit, name) in unitNames(records, level: level) {
                insert.bind(1, importID)
                insert.bind(2, level.rawValue)
                insert.bind(3, unit)
                insert.bind(4, name)
                try insert.run()
            }
        }
    }

    /// The name of each unit of `level` in `records`: the non-empty name of the highest
    /// code, by unit code. One pass when the records are sorted by code (as a validated
    /// file's are): a unit's records are then consecutive.
    static func unitNames(_ records: [SnapshotRecord], level: AdminLevel) -> [(Int64, String)] {
        func name(_ r: SnapshotRecord) -> String? {
            let name = level == .regency ? r.kabupaten : r.kecamatan
            guard let name, !name.isEmpty else { return nil }
            return name
        }
        // By index, reading fields in place: iterating would copy every record (five
        // strings retained and released each).
        let divisor = level.divisor
        var sorted = true
        for i in records.indices.dropFirst() where records[i - 1].kode.value >= records[i].kode.value {
            sorted = false
            break
        }
        if sorted {
            // Each unit from its highest code down to its first non-empty name.
            var out: [(Int64, String)] = []
            var i = records.count - 1
            while i >= 0 {
                let unit = records[i].kode.value / divisor
                var found: String?
                while i >= 0, records[i].kode.value / divisor == unit {
                    if found == nil {
                        let n = level == .regency ? records[i].kabupaten : records[i].kecamatan
                        if let n, !n.isEmpty { found = n }
                    }
                    i -= 1
                }
                if let found { out.append((unit, found)) }
            }
            out.reverse()
            return out
        }
        var byUnit: [Int64: (kode: CooperativeCode, name: String)] = [:]
        for r in records {
            guard let name = name(r) else { continue }
            let unit = r.kode.unit(at: level).code
            if let known = byUnit[unit], known.kode > r.kode { continue }
            byUnit[unit] = (r.kode, name)
        }
        return byUnit.map { ($0.key, $0.value.name) }.sorted { $0.0 < $1.0 }
    }

    /// Adds the file's cooperatives to `cooperative`, or updates their names and first
    /// report date: a name reported in a week at least as late as the one the stored names
    /// come from wins; an empty name never erases one. Rows that would not change are not
    /// written.
    private static func updateCooperatives(_ db: Database, importID: Int64, date: Day) throws {
        let columns = ["nama", "desa", "kecamatan", "kabupaten"]
        let later = "excluded.names_from >= cooperative.names_from"
        func pick(_ c: String) -> String {
            """
            CASE WHEN \(later) THEN coalesce(excluded.\(c), cooperative.\(c))
                ELSE coalesce(cooperative.\(c), excluded.\(c)) END
            """
        }
        let changed = columns.map { "(\(pick($0))) IS NOT cooperative.\($0)" }
            .joined(separator: " OR ")
        // Only rows that may change reach the upsert: new cooperatives, an earlier first
        // report, or a name given that differs from the stored one (whichever week wins,
        // a name changes only then). Most weeks that is almost none, and skipping the
        // insert attempt of the others is cheaper than letting the upsert's `WHERE`
        // discard them; that `WHERE` still decides.
        let mayChange = columns.map { "(r.\($0) IS NOT NULL AND r.\($0) IS NOT k.\($0))" }
            .joined(separator: " OR ")
        let s = try StoreStatement(db, """
            INSERT INTO cooperative (kode, nama, desa, kecamatan, kabupaten, first_seen, names_from)
            SELECT r.kode, r.nama, r.desa, r.kecamatan, r.kabupaten, ?1, ?1
            FROM report r LEFT JOIN cooperative k ON k.kode = r.kode
            WHERE r.import_id = ?2 AND (k.kode IS NULL OR ?1 < k.first_seen OR \(mayChange))
            ON CONFLICT (kode) DO UPDATE SET
                \(columns.map { "\($0) = \(pick($0))" }.joined(separator: ",\n")),
                first_seen = min(cooperative.first_seen, excluded.first_seen),
                names_from = CASE WHEN \(later) AND (\(changed))
                    THEN excluded.names_from ELSE cooperative.names_from END
            WHERE excluded.first_seen < cooperative.first_seen OR \(changed)
            """)
        s.bind(1, date.iso)
        s.bind(2, importID)
        try s.run()
    }

    private static func insertWarnings(
        _ db: Database, importID: Int64, origin: String, _ issues: [SnapshotIssue]
    ) throws {
        guard !issues.isEmpty else { return }
        let s = try StoreStatement(db, """
            INSERT INTO warning (import_id, origin, severity, kind, file, line, column_name, value, expected)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for issue in issues {
            s.bind(1, importID)
            s.bind(2, origin)
            s.bind(3, issue.severity.rawValue)
            s.bind(4, issue.kind.rawValue)
            s.bind(5, issue.file)
            s.bind(6, issue.line)
            s.bind(7, issue.column)
            s.bind(8, issue.value)
            s.bind(9, issue.expected)
            try s.run()
        }
    }

    /// Recomputes the cross-week warnings of the first active week after `day`, whose
    /// previous reports may have changed.
    private static func refreshNextWeek(_ db: Database, after day: Day) throws {
        guard let next = try imports(
            db, where: "f.active = 1 AND f.report_date > ?", arguments: [day.iso]).first
        else { return }
        let (records, lines) = try records(db, importID: next.id, date: next.reportDate)
        let file = SnapshotFile(
            fileName: next.fileName, reportDate: next.reportDate, records: records,
            recordLines: lines, warnings: [], contentDigest: next.contentDigest,
            byteCount: next.byteCount)
        let previous = try previousReports(db, before: next.reportDate, kodes: records.map(\.kode))
        let cross = SnapshotValidator.crossWeekWarnings(previous: previous, current: file)
            + (try storeWarnings(db, file: file, previous: previous, register: try currentRegister(db)))
        try db.execute(
            sql: "DELETE FROM warning WHERE import_id = ? AND origin = 'history'",
            arguments: [next.id])
        try insertWarnings(db, importID: next.id, origin: "history", cross)
    }

    /// The latest active report before `day` of every cooperative that reported in the
    /// latest active week before `day`, and of each of `kodes` that reported earlier.
    ///
    /// That is everything `SnapshotValidator` looks at for a file of `day` with the
    /// cooperatives `kodes`: their previous reports, and last week's cooperatives (for
    /// the "missing" warning). The records carry no free text (names, note): the checks
    /// don't read it.
    ///
    /// - Complexity: one range scan of the latest earlier week, then for each of `kodes`
    ///   absent from it but seen before `day`, one key lookup per earlier week until found.
    static func previousReports(_ db: Database, before day: Day, kodes: [CooperativeCode])
        throws -> [CooperativeCode: SnapshotRecord]
    {
        let earlier = try imports(
            db, where: "f.active = 1 AND f.report_date < ?", arguments: [day.iso])
        guard let last = earlier.last else { return [:] }
        // Read straight into the map: no array of records copied into it afterwards.
        let s = try StoreStatement(db, """
            SELECT \(StoreRows.selectListWithoutText("r")) FROM report r WHERE r.import_id = ?
            """)
        s.bind(1, last.id)
        var map: [CooperativeCode: SnapshotRecord] = [:]
        map.reserveCapacity(max(last.rowCount, kodes.count) + 16)
        while try s.next() {
            let record = try StoreRows.record(from: s, at: 0, date: last.reportDate).record
            map[record.kode] = record
        }
        let missing = kodes.filter { map[$0] == nil }
        guard !missing.isEmpty, earlier.count > 1 else { return map }

        // Only cooperatives seen before `day` can have an earlier report.
        let seen = try StoreStatement(db, "SELECT first_seen FROM cooperative WHERE kode = ?")
        for kode in missing {
            seen.bind(1, kode.value)
            guard try seen.next() else { continue }
            let firstSeenText = seen.string(0)
            seen.reset()
            guard firstSeenText < day.iso, let firstSeen = Day(parsing: firstSeenText) else {
                continue
            }
            for file in earlier.dropLast().reversed() {
                if file.reportDate < firstSeen { break }
                if let r = try record(
                    db, importID: file.id, kode: kode, date: file.reportDate, withText: false)
                {
                    map[kode] = r
                    break
                }
            }
        }
        return map
    }

    /// The current time as ISO 8601 UTC, `2025-07-08T09:30:00Z`.
    static func nowISO8601() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-"
            + pad(parts.tm_mday, 2) + "T" + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2)
            + ":" + pad(parts.tm_sec, 2) + "Z"
    }
}
