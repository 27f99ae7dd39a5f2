import KendaliData
import Testing

@Suite("Snapshot history sources")
struct StoreHistoryTests {
    @Test("a folder is read in date order and equals the store's history")
    func folderEqualsStore() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let files = try (0..<4).map { try storeTestFile(count: 25, week: $0) }
        // Written under names that do not sort by date.
        for (i, f) in files.enumerated() {
            try SnapshotWriter.write(f.records, to: folder + "/\(9 - i)-week.csv")
        }
        let fromFolder = try SnapshotHistory.load(folder: folder)
        #expect(fromFolder.dates == files.map(\.reportDate))
        #expect(fromFolder.source == .folder(path: folder))
        let store = try HistoryStore.open(path: folder + "/store.sqlite")
        for f in files.reversed() { _ = try store.ingest(file: f) }  // any order
        let fromStore = try SnapshotHistory.load(store: folder + "/store.sqlite")
        #expect(fromStore.weeks.map(\.records) == fromFolder.weeks.map(\.records))
        #expect(fromStore.weeks.map(\.warnings.count) == fromFolder.weeks.map(\.warnings.count))
        #expect(fromStore.weeks.map { $0.warnings.map(\.kind) } == fromFolder.weeks.map { $0.warnings.map(\.kind) })
        // The same warnings, naming the file (and line) each was read from.
        func located(_ h: SnapshotHistory) -> [[String]] {
            h.weeks.map { $0.warnings.map { "\($0.column ?? "") \($0.value ?? "") \($0.expected)" } }
        }
        #expect(located(fromStore) == located(fromFolder))
        #expect(fromFolder.weeks.map(\.fileName) == ["9-week.csv", "8-week.csv", "7-week.csv", "6-week.csv"])

        let cut = try SnapshotHistory.load(folder: folder, asOf: files[1].reportDate.adding(days: 3))
        #expect(cut.dates == [files[0].reportDate, files[1].reportDate])
        let cutStore = try SnapshotHistory.load(store: folder + "/store.sqlite", asOf: files[1].reportDate)
        #expect(cutStore.dates == cut.dates)
        #expect(throws: SnapshotHistoryError.self) {
            _ = try SnapshotHistory.load(folder: folder, asOf: files[0].reportDate.adding(days: -1))
        }
    }

    @Test("a refused file and a week given twice are all reported")
    func folderProblems() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let week0 = try storeTestFile(count: 5, week: 0)
        try SnapshotWriter.write(week0.records, to: folder + "/a.csv")
        try SnapshotWriter.write(Array(week0.records.dropLast()), to: folder + "/b.csv")
        storeWriteText("kode_koperasi\n123\n", to: folder + "/c.csv")
        storeWriteText("not a snapshot", to: folder + "/notes.txt")
        do {
            _ = try SnapshotHistory.load(folder: folder)
            Issue.record("a folder with problems was read")
        } catch {
            #expect(error.refusedFiles.map(\.fileName) == ["c.csv"])
            let duplicates = error.problems.compactMap { problem -> [String]? in
                if case let .duplicateWeek(_, files) = problem { files } else { nil }
            }
            #expect(duplicates == [["a.csv", "b.csv"]])
            #expect(error.description.contains("c.csv"))
        }
        #expect(throws: SnapshotHistoryError.self) {
            _ = try SnapshotHistory.load(folder: folder + "/missing")
        }
    }

    @Test("cooperative names: the latest report wins, an empty one never erases")
    func cooperativeNames() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let store = try HistoryStore.open(path: folder + "/store.sqlite")
        let week1 = try storeTestFile(count: 3, week: 1)
        let kode = week1.records[0].kode
        _ = try store.ingest(file: week1)
        let week2 = try storeTestFile(count: 3, week: 2) { records in
            let i = records.firstIndex { $0.kode == kode }!
            records[i].desa = "Desa Baru"
            records[i].nama = nil
        }
        _ = try store.ingest(file: week2)
        var names = try store.cooperatives()
        #expect(names[kode]?.desa == "Desa Baru")
        #expect(names[kode]?.nama == week1.records[0].nama)
        #expect(names[kode]?.firstSeen == week1.reportDate)
        // An older week imported later neither overrides the names nor is later than
        // the first report.
        let week0 = try storeTestFile(count: 3, week: 0) { records in
            let i = records.firstIndex { $0.kode == kode }!
            records[i].desa = "Desa Lama"
        }
        _ = try store.ingest(file: week0)
        names = try store.cooperatives()
        #expect(names[kode]?.desa == "Desa Baru")
        #expect(names[kode]?.firstSeen == week0.reportDate)
        let history = try store.loadHistory()
        #expect(history.cooperativeNames()[kode]?.desa == "Desa Baru")
        #expect(history.cooperativeNames()[kode]?.firstSeen == week0.reportDate)
    }
}
