import KendaliData
import Testing

@Suite("History store")
struct StoreTests {
    /// Runs `body` with a store path in a fresh folder, then removes the folder.
    private func withStorePath(_ body: (String) throws -> Void) throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        try body(folder + "/history.sqlite")
    }

    /// Opens the store, runs `body`, and closes it (the queue is released on return).
    private func withStore<T>(_ path: String, _ body: (HistoryStore) throws -> T) throws -> T {
        let store = try HistoryStore.open(path: path)
        return try body(store)
    }

    @Test("a new week is imported and reads back")
    func importAndRead() throws {
        try withStorePath { path in
            let file = try storeTestFile(count: 40, week: 0)
            let outcome = try withStore(path) { try $0.ingest(file: file) }
            #expect(outcome.kind == .imported)
            #expect(outcome.stored.revision == 1)
            #expect(outcome.stored.rowCount == 40)
            #expect(outcome.stored.isActive)
            try withStore(path) { store in
                #expect(try store.weeks() == [file.reportDate])
                #expect(try store.records(on: file.reportDate) == file.records)
                #expect(try store.records(on: file.reportDate.adding(days: 7)).isEmpty)
                let names = try store.cooperatives()
                #expect(names.count == 40)
                let first = file.records[0]
                #expect(names[first.kode]?.desa == first.desa)
                #expect(names[first.kode]?.firstSeen == file.reportDate)
            }
        }
    }

    @Test("the same file twice: unchanged, and the store file is byte-identical")
    func idempotentReimport() throws {
        try withStorePath { path in
            let file = try storeTestFile(count: 30, week: 0)
            _ = try withStore(path) { try $0.ingest(file: file) }
            let before = storeFileBytes(path)
            #expect(before != nil)
            let renamed = try storeTestFile(count: 30, week: 0, name: "copy-of-week.csv")
            let outcome = try withStore(path) { try $0.ingest(file: renamed) }
            #expect(outcome.kind == .unchanged)
            #expect(outcome.stored.fileName == file.fileName)
            #expect(storeFileBytes(path) == before)
            #expect(!storeFileExists(path + "-journal"))
            #expect(!storeFileExists(path + "-wal"))
        }
    }

    @Test("another file for a stored week is refused without --replace, store untouched")
    func weekAlreadyStored() throws {
        try withStorePath { path in
            let file = try storeTestFile(count: 20, week: 0)
            _ = try withStore(path) { try $0.ingest(file: file) }
            let before = storeFileBytes(path)
            let other = try storeTestFile(count: 20, week: 0, seed: 99, name: "other.csv")
            #expect(other.contentDigest != file.contentDigest)
            // Every row's random fields differ between the two seeds.
            #expect(throws: StoreError.weekAlreadyStored(
                file.reportDate, existingFile: file.fileName, revision: 1, differingRows: 20)) {
                _ = try withStore(path) { try $0.ingest(file: other) }
            }
            #expect(storeFileBytes(path) == before)
        }
    }

    @Test("--replace keeps the old revision, superseded, and history shows both")
    func replaceKeepsHistory() throws {
        try withStorePath { path in
            let file = try storeTestFile(count: 20, week: 0)
            let other = try storeTestFile(count: 20, week: 0, name: "corrected.csv") { records in
                records[0].jumlahAnggota += 1000
            }
            let first = try withStore(path) { try $0.ingest(file: file) }
            let second = try withStore(path) { try $0.ingest(file: other, replace: true) }
            #expect(second.kind == .replaced)
            #expect(second.stored.revision == 2)
            #expect(second.superseded?.id == first.stored.id)
            #expect(second.superseded?.supersededBy == second.stored.id)
            try withStore(path) { store in
                #expect(try store.records(on: file.reportDate) == other.records)
                let all = try store.allImports()
                #expect(all.map(\.revision) == [1, 2])
                #expect(all.map(\.isActive) == [false, true])
                #expect(all[0].supersededBy == all[1].id)
                let kode = other.records[0].kode
                let history = try store.history(of: kode)
                #expect(history.count == 2)
                #expect(history.map(\.source.revision) == [1, 2])
                #expect(history.map(\.source.isActive) == [false, true])
                #expect(history[1].record.jumlahAnggota == history[0].record.jumlahAnggota + 1000)
                #expect(history.map(\.source.fileName) == [file.fileName, "corrected.csv"])
            }
            // Re-importing the corrected file is a no-op; the first one is a new revision.
            let again = try withStore(path) { try $0.ingest(file: other, replace: true) }
            #expect(again.kind == .unchanged)
            let back = try withStore(path) { try $0.ingest(file: file, replace: true) }
            #expect(back.kind == .replaced)
            #expect(back.stored.revision == 3)
        }
    }

    @Test("a new cooperative without names is refused against the stored history")
    func firstAppearanceRefused() throws {
        try withStorePath { path in
            let week0 = try storeTestFile(count: 10, week: 0)
            _ = try withStore(path) { try $0.ingest(file: week0) }
            let before = storeFileBytes(path)
            // Week 1: known cooperatives drop their names (allowed), a new one has none.
            let week1 = try storeTestFile(count: 11, week: 1) { records in
                for i in records.indices {
                    records[i].desa = nil
                    records[i].kecamatan = nil
                    records[i].kabupaten = nil
                }
            }
            do {
                _ = try withStore(path) { try $0.ingest(file: week1) }
                Issue.record("a file with a nameless new cooperative was stored")
            } catch let StoreError.refused(error) {
                #expect(error.issues.count == 3)
                #expect(Set(error.issues.compactMap(\.column)) == ["desa", "kecamatan", "kabupaten"])
                #expect(error.issues.allSatisfy { $0.line != nil })
            }
            #expect(storeFileBytes(path) == before)
            // Without the new cooperative the same nameless file is fine.
            let ok = try storeTestFile(count: 10, week: 1) { records in
                for i in records.indices { records[i].desa = nil }
            }
            let outcome = try withStore(path) { try $0.ingest(file: ok) }
            #expect(outcome.kind == .imported)
            let names = try withStore(path) { try $0.cooperatives() }
            #expect(names[ok.records[0].kode]?.desa == week0.records[0].desa)
            #expect(names[ok.records[0].kode]?.firstSeen == week0.reportDate)
        }
    }

    @Test("cross-week warnings are stored with the week, and refreshed out of order")
    func crossWeekWarnings() throws {
        try withStorePath { path in
            let week0 = try storeTestFile(count: 12, week: 0)
            let target = week0.records.first { $0.tahap == .pembangunan }!
            let week2 = try storeTestFile(count: 12, week: 2)
            // A cooperative under construction in weeks 1 and 2, whose week-1 progress is
            // set above its week-2 progress: week 2 gets a warning only once week 1 is in.
            let probe = try #require(week2.records.first {
                $0.tahap == .pembangunan && $0.kode != target.kode && $0.kode.value % 2 == 1
            })
            let week1 = try storeTestFile(count: 12, week: 1) { records in
                let i = records.firstIndex { $0.kode == target.kode }!
                records[i].tahap = .pembangunan
                records[i].progresFisik = 0.5
                let j = records.firstIndex { $0.kode == probe.kode }!
                records[j].tahap = .pembangunan
                records[j].progresFisik = 99.5
                let keep = target.kode
                records.removeAll { $0.kode != keep && $0.kode.value % 2 == 0 }
            }
            // Import weeks 0 and 2, then 1 in between: week 2's warnings must be refreshed.
            try withStore(path) { store in
                _ = try store.ingest(file: week0)
                _ = try store.ingest(file: week2)
                let outcome = try store.ingest(file: week1)
                #expect(outcome.warnings.contains { $0.kind == .progressDecreased && $0.column == "progres_fisik" })
                let stored = try store.warnings(week: week1.reportDate)
                #expect(stored == outcome.warnings)
                let missing = stored.filter { $0.kind == .cooperativeMissing }
                #expect(missing.count == 12 - week1.records.count)
                // Week 2 is now compared with week 1.
                let week2Warnings = try store.warnings(week: week2.reportDate)
                #expect(week2Warnings.contains {
                    $0.kind == .progressDecreased && $0.expected.contains("99.5")
                })
                let history = try store.loadHistory()
                let rebuilt = try SnapshotHistory.build(files: [week0, week1, week2])
                #expect(history.weeks.map(\.warnings) == rebuilt.weeks.map(\.warnings))
                #expect(history.weeks.map(\.records) == rebuilt.weeks.map(\.records))
                #expect(history.dates == rebuilt.dates)
            }
        }
    }

    @Test("CSV → store → CSV loses nothing")
    func losslessRoundTrip() throws {
        try withStorePath { path in
            let date = Day(year: 2025, month: 7, day: 7)!
            var random = StoreTestRandom(seed: 3)
            var records = (0..<25).map { storeTestRecord($0, week: 0, date: date, random: &random) }
            records[0].progresFisik = 33.333333333333336
            records[1].progresFisik = 1e-05
            records[2].progresFisik = 0.1 + 0.2
            records[3].progresFisik = 100
            records[4].omzetBulanan = 9_007_199_254_740_993
            records[5].catatan = "  spasi di tepi, \"kutip\"; titik-koma\r\nbaris baru ✓ "
            records[6].nama = "Koperasi \"Maju\", Jaya"
            records[7].anggotaAktif = 0
            records[8].jumlahAnggota = 0
            records.sort { $0.kode < $1.kode }
            let bytes = SnapshotWriter.bytes(records)
            let file = try SnapshotReader.parse(bytes: bytes, fileName: "round.csv")
            _ = try withStore(path) { try $0.ingest(file: file) }
            let stored = try withStore(path) { try $0.records(on: date) }
            #expect(stored == file.records)
            #expect(SnapshotWriter.bytes(stored) == bytes)
            for (a, b) in zip(stored, file.records) {
                #expect(a.progresFisik?.bitPattern == b.progresFisik?.bitPattern)
            }
        }
    }

    @Test("Reports across multi-row insert batches are stored whole, with progress every 1,024")
    func batchedInsertRoundTrip() throws {
        try withStorePath { path in
            let date = Day(year: 2025, month: 7, day: 7)!
            var random = StoreTestRandom(seed: 5)
            // Sixteen full batches of 64 and a remainder stored one at a time.
            var records = (0..<1_094).map { storeTestRecord($0, week: 0, date: date, random: &random) }
            records.sort { $0.kode < $1.kode }
            records[63].catatan = String(repeating: "panjang ", count: 20_000)
            let bytes = SnapshotWriter.bytes(records)
            let file = try SnapshotReader.parse(bytes: bytes, fileName: "batches.csv")
            var calls: [Int] = []
            let outcome = try withStore(path) { store in
                try store.ingest(file: file) { written, total in
                    #expect(total == 1_094)
                    calls.append(written)
                }
            }
            #expect(outcome.stored.rowCount == 1_094)
            #expect(calls == [1_024, 1_094])
            let stored = try withStore(path) { try $0.records(on: date) }
            #expect(stored == file.records)
            #expect(SnapshotWriter.bytes(stored) == bytes)
        }
    }

    @Test("allActiveRecords is ordered by code then date and skips superseded revisions")
    func allActiveRecords() throws {
        try withStorePath { path in
            let files = try (0..<3).map { try storeTestFile(count: 15, week: $0) }
            let replacement = try storeTestFile(count: 15, week: 1, name: "fix.csv") { records in
                records[3].jumlahAnggota = 4242
            }
            try withStore(path) { store in
                for f in files { _ = try store.ingest(file: f) }
                _ = try store.ingest(file: replacement, replace: true)
                let all = try store.allActiveRecords()
                #expect(all.count == 45)
                let expected = (files[0].records + replacement.records + files[2].records)
                    .sorted { $0.kode != $1.kode ? $0.kode < $1.kode : $0.tanggal < $1.tanggal }
                #expect(all == expected)
            }
        }
    }

    @Test("opening: read-only never creates, a foreign file is not a store")
    func openingErrors() throws {
        try withStorePath { path in
            #expect(throws: StoreError.storeNotFound(path: path)) {
                _ = try HistoryStore.open(path: path, mode: .readOnly)
            }
            #expect(!storeFileExists(path))
            let junk = path + ".txt"
            storeWriteText(String(repeating: "not a database at all\n", count: 100), to: junk)
            do {
                _ = try HistoryStore.open(path: junk)
                Issue.record("a text file opened as a store")
            } catch let StoreError.notAStore(p, _) {
                #expect(p == junk)
            }
            _ = try HistoryStore.open(path: path)
            let store = try HistoryStore.open(path: path, mode: .readOnly)
            #expect(try store.weeks().isEmpty)
            #expect(try store.loadHistory().weeks.isEmpty)
        }
    }
}
