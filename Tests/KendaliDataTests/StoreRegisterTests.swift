import GRDB
import Testing

@testable import KendaliData

/// The store's checks beyond the cooperatives' previous reports: the register of
/// cooperatives, new codes, the reporting weekday, silent cooperatives, and a week stored
/// twice.
@Suite("Store: register, new codes, weekday, silence")
struct StoreRegisterTests {
    private func withStore<T>(_ body: (HistoryStore, String) throws -> T) throws -> T {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let path = folder + "/store.sqlite"
        return try body(try HistoryStore.open(path: path), path)
    }

    @Test("a register is stored once, replaced as a new revision, and read back")
    func registerRevisions() throws {
        try withStore { store, _ in
            #expect(try store.register() == nil)
            let first = try storeTestRegister(count: 10)
            let stored = try store.storeRegister(first, importedAt: "2025-07-01T00:00:00Z")
            #expect(stored.stored && stored.current.revision == 1 && stored.replacedRevision == nil)
            #expect(try store.register()?.register == first)
            #expect(try store.storeRegister(first).stored == false)
            let second = try storeTestRegister(count: 12, fileName: "koperasi-2.csv")
            let replaced = try store.storeRegister(second)
            #expect(replaced.current.revision == 2 && replaced.replacedRevision == 1)
            #expect(try store.register()?.register.count == 12)
        }
    }

    @Test("with a register: an unregistered code refuses the file, naming the nearest codes; the store is untouched")
    func unregisteredCodeRefused() throws {
        try withStore { store, path in
            _ = try store.storeRegister(try storeTestRegister(count: 10))
            _ = try store.ingest(file: try storeTestFile(count: 10, week: 0))
            let before = storeFileBytes(path)
            let typo = try storeTestFile(count: 10, week: 1) { records in
                records[3].kode = CooperativeCode(value: records[3].kode.value + 10)!  // 2004 → 2014
            }
            let wrong = try #require(typo.records.firstIndex { $0.kode.value % 10_000 == 2014 })
            do {
                _ = try store.ingest(file: typo)
                Issue.record("a file with an unregistered code was stored")
            } catch let error as StoreError {
                guard case let .refused(e) = error else { throw error }
                #expect(e.issues.count == 1)
                let issue = try #require(e.issues.first)
                #expect(issue.kind == .unregisteredCode && issue.line == typo.recordLines[wrong])
                #expect(issue.expected.contains("nearest registered: "))
                #expect(issue.expected.contains("koperasi.csv, revision 1"))
            }
            #expect(storeFileBytes(path) == before)
            #expect(try store.weeks().count == 1)
        }
    }

    @Test("with a register: place names other than the register's are warnings, and the register's names are shown")
    func placeMismatch() throws {
        try withStore { store, _ in
            _ = try store.storeRegister(try storeTestRegister(count: 9))
            let file = try storeTestFile(count: 9, week: 0) { records in
                records[1].kabupaten = "Kab. Bima"
                records[2].desa = "  desa 2 "  // the same name, spelt with other case and spaces
            }
            let outcome = try store.ingest(file: file)
            let renamed = try #require(file.records.firstIndex { $0.kabupaten == "Kab. Bima" })
            let mismatches = outcome.warnings.filter { $0.kind == .registerMismatch }
            #expect(mismatches.count == 1)
            #expect(mismatches.first?.column == "kabupaten" && mismatches.first?.value == "Kab. Bima")
            #expect(mismatches.first?.line == file.recordLines[renamed])
            let history = try store.loadHistory()
            #expect(history.register != nil)
            let shown = history.weeks[0].records.first { $0.kode == file.records[renamed].kode }
            #expect(shown?.kabupaten == "Kabupaten 2")
            let status = try #require(try store.statusReport(level: .regency))
            #expect(status.units.map(\.name) == ["Kabupaten 1", "Kabupaten 2", "Kabupaten 3"])
        }
    }

    @Test("with a register: every registered cooperative silent two weeks or more is listed with its weeks")
    func silentRegistered() throws {
        try withStore { store, _ in
            _ = try store.storeRegister(try storeTestRegister(count: 8))
            // Cooperative 7 never reports; 6 stops after week 0; 5 misses week 2 only.
            let weeks = try (0..<3).map { w in
                try storeTestFile(count: 8, week: w) { records in
                    records.removeAll { r in
                        let i = Int(r.kode.value % 10_000) - 2001
                        return i == 7 || (i == 6 && w > 0) || (i == 5 && w == 2)
                    }
                }
            }
            for f in weeks { _ = try store.ingest(file: f) }
            let last = try store.warnings(week: weeks[2].reportDate)
            let silent = last.filter { $0.kind == .notReported }
            #expect(silent.count == 2)
            let byCode = Dictionary(uniqueKeysWithValues: silent.map { ($0.value ?? "", $0.expected) })
            #expect(byCode.values.contains("a report: silent 2 weeks, last report \(weeks[0].reportDate.iso)"))
            #expect(byCode.values.contains("a report: never reported in the 3 stored weeks up to this one"))
            // Cooperative 5, silent this week only, is the validator's cooperative_missing.
            #expect(last.filter { $0.kind == .cooperativeMissing }.count == 1)

            let list = try #require(try store.silence())
            #expect(list.cooperatives.map(\.weeksSilent) == [3, 2])
            #expect(list.cooperatives[0].lastSeen == nil && list.cooperatives[0].desa == "Desa 7")
            #expect(list.cooperatives[1].lastSeen == weeks[0].reportDate)
            let one = try #require(try store.silence(minimumWeeks: 1))
            #expect(one.cooperatives.count == 3)
        }
    }

    @Test("without a register: a code not reported in an earlier week is a warning, the first week excepted")
    func newCodes() throws {
        try withStore { store, _ in
            let w0 = try storeTestFile(count: 6, week: 0)
            #expect(try store.ingest(file: w0).warnings.filter { $0.kind == .newCode }.isEmpty)
            let w1 = try storeTestFile(count: 8, week: 1)
            let fresh = try store.ingest(file: w1).warnings.filter { $0.kind == .newCode }
            let old = Set(w0.records.map(\.kode))
            #expect(Set(fresh.compactMap(\.value)) == Set(w1.records.filter { !old.contains($0.kode) }.map(\.kode.description)))
            #expect(fresh.count == 2)
            #expect(fresh.first?.expected.contains("--registry") == true)
        }
    }

    @Test("a date on another weekday than the stored weeks is a warning naming the usual day")
    func unusualWeekday() throws {
        try withStore { store, _ in
            for w in 0..<2 { _ = try store.ingest(file: try storeTestFile(count: 4, week: w)) }
            var late = try storeTestFile(count: 4, week: 2)
            let tuesday = late.reportDate.adding(days: 1)
            late.reportDate = tuesday
            for i in late.records.indices { late.records[i].tanggal = tuesday }
            let warnings = try store.ingest(file: late).warnings.filter { $0.kind == .unusualWeekday }
            #expect(warnings.count == 1)
            #expect(warnings.first?.expected == "a Monday, the usual reporting day of the stored weeks")
        }
    }

    @Test("a week stored twice: the message names the stored file, its revision and the rows that differ")
    func weekStoredTwice() throws {
        try withStore { store, _ in
            let file = try storeTestFile(count: 10, week: 0)
            _ = try store.ingest(file: file)
            let changed = try storeTestFile(count: 10, week: 0, name: "laporan.csv") { records in
                records[0].jumlahAnggota += 1
                records.removeLast()
            }
            #expect(throws: StoreError.weekAlreadyStored(
                file.reportDate, existingFile: file.fileName, revision: 1, differingRows: 2)) {
                try store.ingest(file: changed)
            }
            let message = StoreError.weekAlreadyStored(
                file.reportDate, existingFile: file.fileName, revision: 1, differingRows: 2).description
            #expect(message.contains("2 rows differ") && message.contains("use --replace to store this file as revision 2"))
            // A file named for the next week: --replace is not suggested.
            let misnamed = try storeTestFile(count: 10, week: 0, name: "\(file.reportDate.adding(days: 7).iso).csv") { records in
                records[0].jumlahAnggota += 1
            }
            do {
                _ = try store.ingest(file: misnamed)
                Issue.record("a different file for a stored week was stored")
            } catch let error as StoreError {
                #expect(!error.description.contains("use --replace"))
                #expect(error.description.contains("its name says \(file.reportDate.adding(days: 7).iso)"))
            }
        }
    }

    @Test("a v2 store is migrated to the register tables; read-only it is read without a register")
    func migrationFromV2() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let path = folder + "/store.sqlite"
        do {
            let store = try HistoryStore.open(path: path)
            _ = try store.ingest(file: try storeTestFile(count: 5, week: 0))
            try store.queue.write { db in
                try db.execute(sql: "DROP TABLE register_entry")
                try db.execute(sql: "DROP TABLE register_revision")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3'")
            }
        }
        let old = try HistoryStore.open(path: path, mode: .readOnly)
        #expect(!old.hasRegisterTables)
        #expect(try old.register() == nil)
        #expect(try old.loadHistory().weeks.count == 1)
        #expect(try old.silence()?.cooperatives.isEmpty == true)
        let migrated = try HistoryStore.open(path: path)
        #expect(migrated.hasRegisterTables)
        _ = try migrated.storeRegister(try storeTestRegister(count: 5))
        #expect(try HistoryStore.open(path: path, mode: .readOnly).register()?.revision == 1)
        _ = try migrated.ingest(file: try storeTestFile(count: 5, week: 1))
    }
}
