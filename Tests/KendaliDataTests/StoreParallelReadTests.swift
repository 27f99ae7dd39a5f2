@testable import KendaliData
import Testing

@Suite("Reading the history in blocks of weeks")
struct StoreParallelReadTests {
    /// A store of 9 weeks (one replaced) whose names change, go missing and come back, and
    /// whose cooperatives skip weeks; returns its path, in `folder`, and the active files.
    private func makeStore(in folder: String) throws -> (path: String, files: [SnapshotFile]) {
        let path = folder + "/store.sqlite"
        let store = try HistoryStore.open(path: path)
        var files: [SnapshotFile] = []
        for week in 0..<9 {
            let file = try storeTestFile(count: 40, week: week) { records in
                if week % 3 == 1 { records.remove(at: 5) }  // a cooperative misses the week
                if week >= 2 { records[0].desa = "Desa Baru \(week / 4)" }
                if week == 4 { records[1].nama = nil }
                if week == 5 { records[2].kecamatan = "" }
                if week % 2 == 0 { records[3].kabupaten = "Kabupaten \(week)" }
            }
            _ = try store.ingest(file: file)
            files.append(file)
        }
        // Week 3 replaced: the active revision is the second file, and week 4's warnings
        // against it are recomputed.
        let replacement = try storeTestFile(count: 40, week: 3, seed: 99, name: "koreksi.csv")
        _ = try store.ingest(file: replacement, replace: true)
        files[3] = replacement
        return (path, files)
    }

    private func weeksEqual(_ a: SnapshotHistory, _ b: SnapshotHistory) -> Bool {
        a.weeks.count == b.weeks.count
            && zip(a.weeks, b.weeks).allSatisfy { x, y in
                x.date == y.date && x.fileName == y.fileName && x.contentDigest == y.contentDigest
                    && x.records == y.records && x.recordLines == y.recordLines
                    && x.warnings == y.warnings
            }
    }

    @Test("any number of blocks reads the same history as one transaction")
    func blocksReadTheSameHistory() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let (path, files) = try makeStore(in: folder)
        let store = try HistoryStore.open(path: path, mode: .readOnly)
        let whole = try store.loadHistory(asOf: nil, blocks: 1)
        #expect(whole.weeks.map(\.records) == files.map(\.records))
        #expect(whole.weeks.map(\.fileName)[3] == "koreksi.csv")
        #expect(whole.weeks.contains { !$0.warnings.isEmpty })
        for blocks in [2, 3, 4, 9, 20] {
            let parallel = try store.loadHistory(asOf: nil, blocks: blocks)
            #expect(weeksEqual(parallel, whole), "blocks: \(blocks)")
            #expect(parallel.source == whole.source)
        }
        #expect(weeksEqual(try store.loadHistory(), whole))
        // A cut-off date leaves the same weeks out either way.
        let asOf = files[5].reportDate
        let cut = try store.loadHistory(asOf: asOf, blocks: 1)
        #expect(cut.weeks.count == 6)
        #expect(weeksEqual(try store.loadHistory(asOf: asOf, blocks: 2), cut))
        // A store opened for writing reads the same.
        let writable = try HistoryStore.open(path: path)
        #expect(weeksEqual(try writable.loadHistory(asOf: nil, blocks: 3), whole))
    }

    @Test("repeated names share one string, and names read back as stored")
    func namesAreSharedAndExact() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let (path, files) = try makeStore(in: folder)
        let store = try HistoryStore.open(path: path, mode: .readOnly)
        let history = try store.loadHistory(asOf: nil, blocks: 2)
        #expect(history.weeks.map(\.records) == files.map(\.records))
        // Cooperative 2 keeps its name in the first weeks, read in one block: every week's
        // name is the first week's string (the same storage), not a copy.
        func storage(_ s: String?) -> UnsafeRawPointer? {
            guard var s else { return nil }
            return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        let first = storage(history.weeks[0].records[2].nama)
        #expect(first != nil)
        #expect(storage(history.weeks[1].records[2].nama) == first)
        #expect(storage(history.weeks[2].records[2].nama) == first)
    }

    @Test("blocks are contiguous, cover every week, and balance the reports")
    func blockRanges() {
        let counts = [10, 10, 10, 10, 10, 10, 10, 10]
        #expect(HistoryStore.blockRanges(counts, blocks: 2) == [0..<4, 4..<8])
        #expect(HistoryStore.blockRanges(counts, blocks: 1) == [0..<8])
        #expect(HistoryStore.blockRanges([], blocks: 3) == [])
        #expect(HistoryStore.blockRanges([5, 5], blocks: 8) == [0..<1, 1..<2])
        #expect(HistoryStore.blockRanges([100, 1, 1, 1], blocks: 2) == [0..<1, 1..<4])
        #expect(HistoryStore.blockRanges([1, 1, 1, 100], blocks: 3) == [0..<2, 2..<3, 3..<4])
        var random = StoreTestRandom(seed: 3)
        for _ in 0..<200 {
            let n = random.below(30)
            let values = (0..<n).map { _ in random.below(1000) }
            let blocks = 1 + random.below(6)
            let ranges = HistoryStore.blockRanges(values, blocks: blocks)
            #expect(ranges.count == min(blocks, n))
            #expect(ranges.allSatisfy { !$0.isEmpty })
            #expect(ranges.first?.lowerBound ?? 0 == 0)
            #expect(ranges.last?.upperBound ?? 0 == n)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
    }

    @Test("a small store is read in one transaction, a large one on every processor")
    func blockChoice() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let (path, _) = try makeStore(in: folder)
        let store = try HistoryStore.open(path: path, mode: .readOnly)
        #expect(store.parallelReadBlocks(reports: 360, processors: 8) == 1)
        #expect(store.parallelReadBlocks(reports: HistoryStore.parallelReadMinimumReports, processors: 1) == 1)
        #expect(store.parallelReadBlocks(reports: HistoryStore.parallelReadMinimumReports, processors: 2) == 2)
    }
}

@Suite("Zone windows")
struct ZoneWindowTests {
    /// A random report of one cooperative in week `t`, moving through the stages.
    private func report(_ t: Int, random: inout StoreTestRandom) -> SnapshotRecord {
        var r = storeTestRecord(random.below(50), week: t, date: Day(daysSinceEpoch: Int32(20_000 + 7 * t)), random: &random)
        let stages: [Tahap] = [.portal, .pembangunan, .pembangunan, .pembangunan, .selesai, .beroperasi]
        r.tahap = stages[random.below(stages.count)]
        r.progresFisik = r.tahap == .pembangunan
            ? (random.below(6) == 0 ? nil : Double(random.below(5)) + Double(t) * (random.below(2) == 0 ? 0.2 : 2))
            : r.progresFisik
        r.statusLahan = StatusLahan.allCases[random.below(8) < 6 ? 3 : random.below(5)]
        return r
    }

    @Test("classifying with the windows gives the zones and red reasons of the full history")
    func windowsAgreeWithTheHistory() {
        var random = StoreTestRandom(seed: 11)
        var reasons = Set<RedReason>()
        for window in [1, 2, 4, 6] {
            var rules = RuleSet.default
            rules.stallWindowReports = window
            let classifier = ZoneClassifier(rules: rules)
            for _ in 0..<40 {
                let history = (0..<30).map { report($0, random: &random) }
                var windows = ZoneWindows(count: 3, capacity: window)
                for (i, r) in history.enumerated() {
                    let (zone, reason) = classifier.classify(r, after: 1, in: windows)
                    #expect(zone == classifier.zone(history: history, at: i))
                    #expect(reason == (zone == .merah ? classifier.redReason(history: history, at: i) : nil))
                    if let reason { reasons.insert(reason) }
                    windows.append(r, to: 1)
                }
                #expect(windows.remembered(0) == 0)
                #expect(windows.remembered(1) == window)
                #expect(windows.step(1, back: 1).tahap == history[history.count - 1].tahap)
                #expect(windows.step(1, back: window).progresFisik == history[history.count - window].progresFisik)
            }
        }
        #expect(reasons == [.landDisputed, .noLand, .stalledConstruction])
    }
}
