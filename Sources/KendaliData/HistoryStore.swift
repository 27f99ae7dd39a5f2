import Dispatch
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The history of every weekly snapshot imported: one SQLite file (through GRDB) that a
/// planner can copy.
///
/// Every stored file is a *revision* of its week; a week has exactly one active revision,
/// and replaced revisions stay queryable (`history(of:)`). The schema is described in
/// `StoreSchema` and versioned with GRDB's `DatabaseMigrator`.
///
/// ## Durability
///
/// Each imported file is one transaction, written through SQLite's write-ahead log
/// (`journal_mode = WAL`) with `synchronous = NORMAL`:
///
/// - a refused file, an error, or a killed process (even `SIGKILL` in the middle of a
///   file) leaves the store as it was before that file: uncommitted pages only ever go
///   to the log, never to the store file, and the next opening discards them;
/// - a committed file survives the process; after a power loss the store is still
///   consistent, but the last files committed before it may have to be imported again
///   (re-importing is idempotent). `synchronous = FULL` would make each commit wait for
///   the disk: measured, it made importing 70 weekly files take 2–3 times as long.
/// - when the last connection closes, SQLite folds the log into the store file and
///   deletes it, so between commands the store is one file a planner can copy. After a
///   crash the `-wal` file beside the store holds the last committed files: keep it with
///   the store (SQLite recovers it at the next opening).

/// `HistoryStore` is a value holding a `DatabaseQueue`, which serialises every access; it
/// can be shared between threads.
public struct HistoryStore: Sendable {
    /// How a store is opened.
    public enum AccessMode: Sendable, Equatable {
        /// Created when missing, migrated to the current schema, writable.
        case readWrite
        /// Must exist with the current schema; never written.
        case readOnly
    }

    /// The path of the SQLite file.
    public let path: String
    /// How the store was opened.
    public let mode: AccessMode
    let queue: DatabaseQueue
    /// True when the store keeps the unit names of each stored file (`unit_name`, schema
    /// v2): always for a writable store (migrated at opening); a v1 store opened read-only
    /// has none, and what needs them reads the reports instead.
    let hasUnitNames: Bool
    /// True when the store has the register tables (schema v3): always for a writable
    /// store; an older store opened read-only has no register.
    let hasRegisterTables: Bool

    private init(
        path: String, mode: AccessMode, queue: DatabaseQueue, hasUnitNames: Bool,
        hasRegisterTables: Bool = false
    ) {
        self.path = path
        self.mode = mode
        self.queue = queue
        self.hasUnitNames = hasUnitNames
        self.hasRegisterTables = hasRegisterTables
    }

    /// Opens the store at `path`.
    ///
    /// With `.readWrite` a missing file is created and an older schema is migrated; with
    /// `.readOnly` the file must exist and is never written (and no `-wal` or `-shm` file is
    /// left beside it when the file is writable).
    ///
    /// - Throws: `StoreError.storeNotFound` (read-only, no file), `.notAStore` (not SQLite,
    ///   or another program's database), `.newerSchema` (written by a newer Kendali),
    ///   `.outdatedSchema` (read-only and not migrated), `.database`.
    public static func open(path: String, mode: AccessMode = .readWrite) throws(StoreError)
        -> HistoryStore
    {
        let exists = access(path, F_OK) == 0
        if mode == .readOnly, !exists { throw .storeNotFound(path: path) }
        var config = Configuration()
        // A store opened for reading still gets a read-write connection when the file and
        // its folder are writable: only then can SQLite remove its `-wal` and `-shm` files
        // when the connection closes, which keeps the store one file. Nothing is written
        // through it (`HistoryStore` only reads in `.readOnly`, and GRDB's reads run with
        // `query_only`). A store that can't be written is opened by SQLite read-only.
        let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        config.readonly = mode == .readOnly
            && (access(path, W_OK) != 0 || access(folder.isEmpty ? "/" : folder, W_OK) != 0)
        config.label = "kendali-store"
        // A second process holding the write lock: wait for it rather than fail at once.
        config.busyMode = .timeout(10)
        let writable = mode == .readWrite
        config.prepareDatabase { db in
            if writable {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            // 8 MiB of page cache: imports append pages, so more cache buys little, and a
            // large file spills its uncommitted pages to the log early (which the kill test
            // relies on to exercise recovery).
            try db.execute(sql: "PRAGMA cache_size = -8192")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        } catch {
            throw .database(String(describing: error))
        }
        let opened = HistoryStore(path: path, mode: mode, queue: queue, hasUnitNames: false)
        let applied = try opened.checkSchema()
        return HistoryStore(
            path: path, mode: mode, queue: queue,
            hasUnitNames: applied.contains(StoreSchema.unitNamesVersion),
            hasRegisterTables: applied.contains(StoreSchema.registerVersion))
    }

    /// Checks the schema, migrating a writable store when needed; returns the migrations
    /// applied.
    ///
    /// A store opened read-only may lack the migrations that only add data derived from
    /// the reports (`StoreSchema.derivedDataVersions`): it is read without them.
    private func checkSchema() throws(StoreError) -> Set<String> {
        let migrator = StoreSchema.migrator
        let known = Set(StoreSchema.migrationIdentifiers)
        let state: (applied: [String], foreignTables: Bool)
        do {
            state = try queue.read { db in
                let hasMigrations = try db.tableExists("grdb_migrations")
                let applied = hasMigrations ? try migrator.appliedMigrations(db) : []
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    """)
                return (applied, !hasMigrations && !tables.isEmpty)
            }
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        } catch {
            throw .database(String(describing: error))
        }
        if state.foreignTables {
            throw .notAStore(path: path, reason: "an SQLite database of another program")
        }
        let unknown = state.applied.filter { !known.contains($0) }
        if !unknown.isEmpty { throw .newerSchema(path: path, unknownVersions: unknown) }
        // Migrate only when something is missing: an up-to-date store is not written.
        let applied = Set(state.applied)
        guard applied != known else { return applied }
        if mode == .readOnly {
            if known.subtracting(applied).isSubset(of: StoreSchema.derivedDataVersions) {
                return applied
            }
            throw .outdatedSchema(path: path)
        }
        do {
            try migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        } catch {
            throw .database(String(describing: error))
        }
        return known
    }

    private static func openError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            .notAStore(path: path, reason: "not an SQLite database")
        case .SQLITE_CANTOPEN:
            .cannotOpen(path: path, reason: error.message ?? "unable to open the file")
        default:
            .database(error.message ?? error.description)
        }
    }

    /// Runs `body` in a read access, mapping errors to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Maps any error thrown inside a database access to `StoreError`.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return .database(error.message ?? error.description)
        }
        return .database(String(describing: error))
    }

    // MARK: - Queries

    /// The weeks stored (each with an active revision), oldest first.
    ///
    /// - Complexity: O(w) for w weeks.
    public func weeks() throws(StoreError) -> [Day] {
        try activeImports().map(\.reportDate)
    }

    /// The active revision of every week, oldest week first.
    public func activeImports() throws(StoreError) -> [StoredImport] {
        try read { db in
            try Self.imports(db, where: "f.active = 1", arguments: [])
        }
    }

    /// Every stored file, active or superseded, by week then revision.
    public func allImports() throws(StoreError) -> [StoredImport] {
        try read { db in
            try Self.imports(db, where: "1", arguments: [])
        }
    }

    /// The active revision of the week `day`, or `nil` when the week is not stored.
    public func activeImport(on day: Day) throws(StoreError) -> StoredImport? {
        try read { db in
            try Self.activeImport(db, on: day)
        }
    }

    static func activeImport(_ db: Database, on day: Day) throws -> StoredImport? {
        try imports(db, where: "f.report_date = ? AND f.active = 1", arguments: [day.iso]).first
    }

    static func imports(_ db: Database, where condition: String, arguments: [String])
        throws -> [StoredImport]
    {
        let s = try StoreStatement(db, """
            SELECT \(StoreRows.importSelectList("f")) FROM import_file f
            WHERE \(condition) ORDER BY f.report_date, f.revision
            """)
        for (i, a) in arguments.enumerated() { s.bind(Int32(i + 1), a) }
        var out: [StoredImport] = []
        while try s.next() { out.append(try StoreRows.storedImport(from: s, at: 0)) }
        return out
    }

    /// The active reports of the week `day`, by cooperative code; empty when the week is
    /// not stored.
    ///
    /// - Complexity: O(n) for n reports of the week (one index range scan).
    public func records(on day: Day) throws(StoreError) -> [SnapshotRecord] {
        try read { db in
            guard let file = try Self.activeImport(db, on: day) else { return [] }
            return try Self.records(db, importID: file.id, date: file.reportDate).records
        }
    }

    /// The reports of one stored file, by code, with the line of each in its file.
    ///
    /// - Parameter withText: false leaves the free-text fields `nil` (see
    ///   `StoreRows.selectListWithoutText`).
    static func records(_ db: Database, importID: Int64, date: Day, withText: Bool = true) throws
        -> (records: [SnapshotRecord], lines: [Int])
    {
        let expected = try Int.fetchOne(
            db, sql: "SELECT row_count FROM import_file WHERE id = ?", arguments: [importID])
        return try records(
            db, importID: importID, date: date, withText: withText, expected: expected ?? 0,
            sharingNamesWith: [])
    }

    /// The reports of one stored file, by code, with the line of each in its file; a name
    /// equal to the same cooperative's name in `previous` (an earlier week's reports, sorted
    /// by code) shares that string's storage instead of allocating a copy.
    ///
    /// - Parameters:
    ///   - expected: the file's row count (`import_file.row_count`), reserved up front.
    ///   - previous: reports sorted by code whose names may be shared; empty for none.
    /// - Complexity: O(n + p) for n rows and p previous reports (one index range scan and
    ///   one merge by code, no hashing).
    static func records(
        _ db: Database, importID: Int64, date: Day, withText: Bool = true, expected: Int,
        sharingNamesWith previous: [SnapshotRecord]
    ) throws -> (records: [SnapshotRecord], lines: [Int]) {
        let columns = withText ? StoreRows.selectList("r") : StoreRows.selectListWithoutText("r")
        let s = try StoreStatement(db, """
            SELECT \(columns) FROM report r WHERE r.import_id = ? ORDER BY r.kode
            """)
        s.bind(1, importID)
        var records: [SnapshotRecord] = []
        var lines: [Int] = []
        records.reserveCapacity(max(0, expected))
        lines.reserveCapacity(max(0, expected))
        try previous.withUnsafeBufferPointer { previous in
            var j = 0  // the first previous report whose code is not below the current row's
            while try s.next() {
                if withText {
                    let kode = s.int64(0)
                    while j < previous.count, previous[j].kode.value < kode { j += 1 }
                    let same = j < previous.count && previous[j].kode.value == kode
                    records.append(try StoreRows.record(
                        from: s, at: 0, date: date,
                        sharingNamesWith: same ? previous.baseAddress.map { $0 + j } : nil))
                    lines.append(s.optionalInt(StoreRows.lineColumn) ?? 0)
                } else {
                    let (record, line) = try StoreRows.record(from: s, at: 0, date: date)
                    records.append(record)
                    lines.append(line)
                }
            }
        }
        return (records, lines)
    }

    /// The reports of one stored file whose codes are in `wanted`, without their free
    /// text, by code value (one range scan of the file's rows).
    static func records(_ db: Database, importID: Int64, date: Day, keeping wanted: Set<Int64>)
        throws -> [Int64: SnapshotRecord]
    {
        let s = try StoreStatement(db, """
            SELECT \(StoreRows.selectListWithoutText("r")) FROM report r WHERE r.import_id = ?
            """)
        s.bind(1, importID)
        var out: [Int64: SnapshotRecord] = [:]
        out.reserveCapacity(wanted.count)
        while try s.next() {
            let kode = s.int64(0)
            guard wanted.contains(kode) else { continue }
            out[kode] = try StoreRows.record(from: s, at: 0, date: date).record
        }
        return out
    }

    /// Every stored report of `kode`: each revision of each week, by week then revision,
    /// with the file it came from and whether that revision is active.
    ///
    /// - Complexity: O(f log n): one key lookup per stored file.
    public func history(of kode: CooperativeCode) throws(StoreError) -> [StoredRevision] {
        try read { db in
            var out: [StoredRevision] = []
            for file in try Self.imports(db, where: "1", arguments: []) {
                if let record = try Self.record(db, importID: file.id, kode: kode, date: file.reportDate) {
                    out.append(StoredRevision(source: file, record: record))
                }
            }
            return out
        }
    }

    /// The report of `kode` in one stored file, if any (one primary-key lookup).
    static func record(
        _ db: Database, importID: Int64, kode: CooperativeCode, date: Day, withText: Bool = true
    ) throws -> SnapshotRecord? {
        let columns = withText ? StoreRows.selectList("r") : StoreRows.selectListWithoutText("r")
        let s = try StoreStatement(db, """
            SELECT \(columns) FROM report r WHERE r.import_id = ? AND r.kode = ?
            """)
        s.bind(1, importID)
        s.bind(2, kode.value)
        guard try s.next() else { return nil }
        defer { s.reset() }
        return try StoreRows.record(from: s, at: 0, date: date).record
    }

    /// The warnings stored with the active revision of the week `day` (the file's own and
    /// those found against earlier weeks), in the order found; empty when the week is not
    /// stored.
    public func warnings(week day: Day) throws(StoreError) -> [SnapshotIssue] {
        try read { db in
            guard let file = try Self.activeImport(db, on: day) else { return [] }
            return try Self.warnings(db, importID: file.id)
        }
    }

    static func warnings(_ db: Database, importID: Int64) throws -> [SnapshotIssue] {
        let s = try StoreStatement(db, """
            SELECT \(StoreRows.warningSelectList) FROM warning w
            WHERE w.import_id = ? ORDER BY w.line IS NULL, w.line, w.id
            """)
        s.bind(1, importID)
        var out: [SnapshotIssue] = []
        while try s.next() { out.append(try StoreRows.issue(from: s, at: 0)) }
        return out
    }

    /// Every cooperative ever stored, with its names as last reported.
    public func cooperatives() throws(StoreError) -> [CooperativeCode: CooperativeNames] {
        try read { db in
            let s = try StoreStatement(db, """
                SELECT kode, nama, desa, kecamatan, kabupaten, first_seen FROM cooperative
                """)
            var out: [CooperativeCode: CooperativeNames] = [:]
            while try s.next() {
                guard let kode = CooperativeCode(value: s.int64(0)),
                      let first = Day(parsing: s.string(5))
                else { throw StoreError.database("a stored cooperative row is malformed") }
                out[kode] = CooperativeNames(
                    nama: s.optionalString(1), desa: s.optionalString(2),
                    kecamatan: s.optionalString(3), kabupaten: s.optionalString(4),
                    firstSeen: first)
            }
            return out
        }
    }

    /// The whole active history in memory: every week's active reports (by code), its
    /// warnings and its file — what the models and reports work from.
    ///
    /// A large store is read on every processor: contiguous blocks of weeks, each through
    /// its own read-only connection (see `loadHistory(asOf:blocks:)`); the result is the
    /// same as reading it in one transaction.
    ///
    /// - Parameter asOf: when given, weeks after this day are left out.
    /// - Complexity: O(total reports): one index range scan per week, spread over the
    ///   processors for a store of at least `parallelReadMinimumReports` reports.
    ///
    /// With a register of cooperatives (`register()`), the reports of registered
    /// cooperatives carry the register's names (`SnapshotHistory.withNames(from:)`).
    public func loadHistory(asOf: Day? = nil) throws(StoreError) -> SnapshotHistory {
        let register = try self.register()?.register
        var history = try loadHistory(asOf: asOf, blocks: nil, register: register)
        history.register = register
        return history
    }

    /// The stored reports from which `loadHistory(asOf:)` reads on several threads: below
    /// this, opening the extra connections costs about what the threads save.
    static let parallelReadMinimumReports = 200_000

    /// The number of blocks of weeks `loadHistory(asOf:)` reads in parallel for a store of
    /// `reports` reports on `processors` processors: 1 (read in one transaction) for a
    /// small store, an in-memory database or a single processor.
    func parallelReadBlocks(reports: Int, processors: Int) -> Int {
        guard processors > 1, reports >= Self.parallelReadMinimumReports,
              !path.isEmpty, path != ":memory:"
        else { return 1 }
        return processors
    }

    /// `loadHistory(asOf:)`, reading the weeks in `blocks` contiguous blocks (of about as
    /// many reports each), in parallel, each block through its own read-only connection and
    /// in its own read transaction; `nil` chooses (`parallelReadBlocks`), 1 reads
    /// everything in one transaction on the calling thread.
    ///
    /// Consistency: the active files and the warnings of every week are read first, in one
    /// transaction (importing a replacement week rewrites the next week's warnings, so they
    /// must come from the same view as the list). The reports are then read by the id of
    /// each listed file: the rows of a stored file never change once its transaction has
    /// committed (a replaced week keeps its rows under its own id, and the replacement gets
    /// a new id), so reading them later, from another connection, gives exactly the rows
    /// the first transaction would have seen.
    ///
    /// - Complexity: O(total reports) work; names are shared with the previous week of the
    ///   same block (one allocation per distinct name and block, not per report).
    ///
    /// - Parameter register: when given, its names are put on the reports of registered
    ///   cooperatives as each week is read (`SnapshotHistory.withNames(from:)`).
    func loadHistory(asOf: Day?, blocks requested: Int?, register: CooperativeRegister? = nil)
        throws(StoreError) -> SnapshotHistory
    {
        enum Listing {
            case read([SnapshotHistory.Week])
            case files([(file: StoredImport, warnings: [SnapshotIssue])], blocks: Int)
        }
        let processors = ProcessInfo.processInfo.activeProcessorCount
        let listing: Listing = try read { db in
            let files = try Self.activeFiles(db, asOf: asOf)
            let reports = files.reduce(0) { $0 + max(0, $1.rowCount) }
            let blocks = min(
                files.count,
                requested ?? parallelReadBlocks(reports: reports, processors: processors))
            if blocks <= 1 { return .read(try Self.readWeeks(db, files: files, warnings: nil, register: register)) }
            return .files(try files.map { file in
                (file, try Self.warnings(db, importID: file.id))
            }, blocks: blocks)
        }
        let listed: [(file: StoredImport, warnings: [SnapshotIssue])]
        let count: Int
        switch listing {
        case let .read(weeks):
            return SnapshotHistory(source: .store(path: path), weeks: weeks)
        case let .files(files, blocks):
            listed = files
            count = blocks
        }
        let ranges = Self.blockRanges(listed.map(\.file.rowCount), blocks: count)
        let slots = ParallelSlots<Result<[SnapshotHistory.Week], StoreError>>(count: ranges.count)
        let path = self.path
        DispatchQueue.concurrentPerform(iterations: ranges.count) { b in
            do throws(StoreError) {
                let store = b == 0 ? self : try HistoryStore.open(path: path, mode: .readOnly)
                let part = listed[ranges[b]]
                let weeks = try store.read { db in
                    try Self.readWeeks(
                        db, files: part.map(\.file), warnings: part.map(\.warnings), register: register)
                }
                slots.store(.success(weeks), at: b)
            } catch {
                slots.store(.failure(error), at: b)
            }
        }
        var weeks: [SnapshotHistory.Week] = []
        weeks.reserveCapacity(listed.count)
        for result in slots.values {
            switch result {
            case let .success(part): weeks.append(contentsOf: part)
            case let .failure(error): throw error
            }
        }
        return SnapshotHistory(source: .store(path: path), weeks: weeks)
    }

    /// The active files up to `asOf` (every one when `nil`), oldest week first.
    static func activeFiles(_ db: Database, asOf: Day?) throws -> [StoredImport] {
        let files = try imports(db, where: "f.active = 1", arguments: [])
        guard let asOf else { return files }
        return files.filter { $0.reportDate <= asOf }
    }

    /// Every week of `files` (in order) with its reports, read through `db`, and its
    /// warnings: `warnings[k]` for `files[k]` when given (read earlier), read through `db`
    /// otherwise. Names are shared with the previous week's reports; with a `register`, the
    /// reports of registered cooperatives carry its names.
    ///
    /// - Complexity: O(reports of the files).
    static func readWeeks(
        _ db: Database, files: [StoredImport], warnings given: [[SnapshotIssue]]?,
        register: CooperativeRegister? = nil
    ) throws -> [SnapshotHistory.Week] {
        var weeks: [SnapshotHistory.Week] = []
        weeks.reserveCapacity(files.count)
        var previous: [SnapshotRecord] = []
        for (k, file) in files.enumerated() {
            let read = try records(
                db, importID: file.id, date: file.reportDate, expected: file.rowCount,
                sharingNamesWith: previous)
            var reports = read.records
            if let register { SnapshotHistory.applyNames(from: register, to: &reports) }
            let issues = try given.map { $0[k] } ?? warnings(db, importID: file.id)
            weeks.append(SnapshotHistory.Week(
                date: file.reportDate, fileName: file.fileName,
                contentDigest: file.contentDigest, records: reports, recordLines: read.lines,
                warnings: issues))
            previous = reports
        }
        return weeks
    }

    /// Splits `counts.indices` into at most `blocks` contiguous, non-empty ranges holding
    /// about the same total count each (in order; fewer ranges when there are fewer items).
    ///
    /// - Complexity: O(n) for n counts.
    static func blockRanges(_ counts: [Int], blocks: Int) -> [Range<Int>] {
        let n = counts.count
        let b = max(1, min(blocks, n))
        guard b > 1 else { return n == 0 ? [] : [0..<n] }
        let total = counts.reduce(0) { $0 + max(0, $1) }
        var ranges: [Range<Int>] = []
        var start = 0, running = 0
        for i in 0..<n {
            running += max(0, counts[i])
            let made = ranges.count + 1  // the block that would end after item i
            let left = n - i - 1  // items after i
            let blocksLeft = b - made  // blocks still to make after this one
            guard blocksLeft > 0 else { continue }
            // End the block when it reaches its share of the total, or when every later
            // item is needed to give each remaining block one item.
            if running * b >= total * made || left == blocksLeft {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        ranges.append(start..<n)
        return ranges
    }

    /// Every active report, ordered by cooperative code then report date.
    ///
    /// - Complexity: O(n log n) for n reports (loaded week by week, then sorted).
    public func allActiveRecords() throws(StoreError) -> [SnapshotRecord] {
        let history = try loadHistory()
        var all: [SnapshotRecord] = []
        all.reserveCapacity(history.weeks.reduce(0) { $0 + $1.records.count })
        for week in history.weeks { all.append(contentsOf: week.records) }
        all.sort { $0.kode != $1.kode ? $0.kode < $1.kode : $0.tanggal < $1.tanggal }
        return all
    }
}
