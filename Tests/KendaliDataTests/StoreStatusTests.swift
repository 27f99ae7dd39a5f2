import GRDB
import Testing

@testable import KendaliData

/// The status read from the store's few weeks (`HistoryStore.statusReport`) against the
/// status computed from the whole history, and the v2 schema (unit names) on old stores.
@Suite("Status from the store")
struct StoreStatusTests {
    /// Eight weeks of 60 cooperatives: a quarter stuck under construction at the same
    /// progress (stalled under the default rules after four reports, under a window of two
    /// after two), some missing a week now and then, district names sometimes left empty
    /// and a regency renamed from week 3.
    private static func files(replaced: Bool = false) throws -> [SnapshotFile] {
        try (0..<8).map { week in
            try storeTestFile(count: 60, week: week, seed: replaced ? 99 : 7) { records in
                records.removeAll { r in
                    let i = Int(r.kode.value % 10_000) - 2001
                    return week > 0 && (i + week) % 7 == 0
                }
                for j in records.indices {
                    let i = Int(records[j].kode.value % 10_000) - 2001
                    if i % 4 == 0 {
                        records[j].tahap = .pembangunan
                        records[j].statusLahan = .siap
                        records[j].progresFisik = i % 8 == 0 ? 30 : 30 + Double(week) * 0.4
                    }
                    if week >= 2, i % 5 == 0 { records[j].kecamatan = nil }
                    if week >= 3, i % 3 == 1 { records[j].kabupaten = "Kabupaten Baru \(i % 2)" }
                }
            }
        }
    }

    private static func stallRules() -> RuleSet {
        var rules = RuleSet.default
        rules.stallWindowReports = 2
        return rules
    }

    /// Every week, level and rule set: the store's status equals the history's.
    private static func expectSameStatus(_ store: HistoryStore) throws {
        let history = try store.loadHistory()
        let days: [Day?] = [nil] + history.dates + [history.dates[0].adding(days: -1)]
        for day in days {
            for level in [AdminLevel.province, .regency, .district] {
                for rules in [RuleSet.default, stallRules()] {
                    let fast = try store.statusReport(asOf: day, level: level, rules: rules)
                    let full = StatusReport.compute(
                        history: history, asOf: day, level: level, rules: rules)
                    #expect(fast?.asOf == full?.asOf, "\(String(describing: day)) \(level)")
                    #expect(fast?.previousWeek == full?.previousWeek)
                    #expect(fast?.units == full?.units, "\(String(describing: day)) \(level)")
                    #expect(fast?.total == full?.total)
                    #expect((fast == nil) == (full == nil))
                }
            }
        }
    }

    @Test("the status from the store's few weeks equals the one from the whole history")
    func sameAsHistory() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let store = try HistoryStore.open(path: folder + "/store.sqlite")
        // Out of order, and week 5 replaced by another revision.
        let files = try Self.files()
        for week in [0, 1, 2, 4, 6, 5, 3, 7] { _ = try store.ingest(file: files[week]) }
        _ = try store.ingest(file: try Self.files(replaced: true)[5], replace: true)
        #expect(store.hasUnitNames)

        // The fixture exercises the stall rule and missing weeks.
        let history = try store.loadHistory()
        let merah = StatusReport.compute(history: history, level: .regency)?.total.current.merah
        let merahWindow2 = StatusReport.compute(
            history: history, level: .regency, rules: Self.stallRules())?.total.current.merah
        #expect((merahWindow2 ?? 0) > (merah ?? 0))
        try Self.expectSameStatus(store)

        let read = try HistoryStore.open(path: folder + "/store.sqlite", mode: .readOnly)
        try Self.expectSameStatus(read)
        let report = try StatusReport.compute(store: folder + "/store.sqlite", level: .district)
        #expect(report.units == StatusReport.compute(history: history, level: .district)?.units)
    }

    @Test("errors: an empty store, no week on or before the date")
    func errors() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let path = folder + "/store.sqlite"
        _ = try HistoryStore.open(path: path)
        #expect(throws: SnapshotHistoryError.self) { try StatusReport.compute(store: path, level: .regency) }
        do {
            _ = try StatusReport.compute(store: path, level: .regency)
        } catch {
            #expect(error.description.contains("holds no week yet"))
        }
        let store = try HistoryStore.open(path: path)
        _ = try store.ingest(file: try Self.files()[0])
        do {
            _ = try StatusReport.compute(
                store: path, asOf: Day(year: 2025, month: 1, day: 1), level: .regency)
            Issue.record("expected no week")
        } catch {
            #expect(error.description.contains("no week reported on or before 2025-01-01"))
        }
        #expect(throws: SnapshotHistoryError.self) {
            try StatusReport.compute(store: folder + "/none.sqlite", level: .regency)
        }
    }

    @Test("a v1 store: read as it is when read-only, migrated to v2 when opened for writing")
    func migrationFromV1() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let path = folder + "/store.sqlite"
        let files = try Self.files()
        let expected: [[String]]
        do {
            let store = try HistoryStore.open(path: path)
            for file in files.prefix(6) { _ = try store.ingest(file: file) }
            expected = try store.queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT import_id, level, code, name FROM unit_name ORDER BY 1, 2, 3
                    """).map { row in (0..<4).map { String(describing: row[$0] as DatabaseValue) } }
            }
            #expect(expected.count > 6 * 3)
            // Back to schema v1: no unit names, v2 not applied.
            try store.queue.write { db in
                try db.execute(sql: "DROP TABLE unit_name")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2'")
            }
        }

        let old = try HistoryStore.open(path: path, mode: .readOnly)
        #expect(!old.hasUnitNames)
        try Self.expectSameStatus(old)

        let migrated = try HistoryStore.open(path: path)
        #expect(migrated.hasUnitNames)
        let names = try migrated.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT import_id, level, code, name FROM unit_name ORDER BY 1, 2, 3
                """).map { row in (0..<4).map { String(describing: row[$0] as DatabaseValue) } }
        }
        #expect(names == expected)
        for file in files.suffix(2) { _ = try migrated.ingest(file: file) }
        try Self.expectSameStatus(migrated)
    }

    @Test("unit names: the highest code's non-empty name, sorted or not")
    func unitNames() {
        let day = Day(year: 2025, month: 7, day: 7)!
        var random = StoreTestRandom(seed: 3)
        var records = (0..<24).map { storeTestRecord($0, week: 0, date: day, random: &random) }
        records[23].kecamatan = ""
        records.sort { $0.kode < $1.kode }
        let sorted = HistoryStore.unitNames(records, level: .district)
        let shuffled = HistoryStore.unitNames(records.reversed(), level: .district)
        #expect(sorted.map(\.0) == shuffled.map(\.0))
        #expect(sorted.map(\.1) == shuffled.map(\.1))
        var names = AdminNames()
        names.observe(contentsOf: records)
        for (code, name) in sorted {
            #expect(names.name(of: AdminUnit(level: .district, code: code)) == name)
        }
    }
}
