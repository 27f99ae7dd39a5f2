import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// A thin, fast cursor over one of GRDB's cached statements: binds and reads columns
/// through the SQLite C interface, without boxing every value in a `DatabaseValue`.
///
/// Used only for the store's bulk paths (inserting and loading reports), inside a GRDB
/// database access (`read`, `inTransaction`), which keeps GRDB's serialisation guarantees.
/// Statements come from `Database.cachedStatement(sql:)`, so each is prepared once per
/// connection.
struct StoreStatement {
    private let db: Database
    private let handle: OpaquePointer
    /// Added to every parameter index given to `bind` (see `offset(by:)`).
    private var parameterOffset: Int32 = 0

    /// SQLite's `SQLITE_TRANSIENT`: SQLite copies the bound text before the call returns.
    private static let transient = unsafeBitCast(Int(-1), to: sqlite3_destructor_type.self)

    /// The cached statement for `sql`, reset with its bindings cleared.
    init(_ db: Database, _ sql: String) throws {
        self.db = db
        let statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The same statement, whose `bind` index 1 is the parameter `offset + 1`: binds one
    /// row of a multi-row `INSERT` with the indexes of a single row.
    func offset(by offset: Int32) -> StoreStatement {
        var shifted = self
        shifted.parameterOffset = parameterOffset + offset
        return shifted
    }

    /// Resets the statement for another execution (bindings are kept).
    func reset() {
        sqlite3_reset(handle)
    }

    // MARK: Binding (1-based indexes, as in SQLite)

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, parameterOffset + index, value)
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, parameterOffset + index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, parameterOffset + index, value ? 1 : 0)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, parameterOffset + index, value) } else { sqlite3_bind_null(handle, parameterOffset + index) }
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, parameterOffset + index, value) } else { sqlite3_bind_null(handle, parameterOffset + index) }
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, parameterOffset + index)
            return
        }
        value.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, parameterOffset + index, chars.baseAddress, Int32(chars.count), Self.transient)
            }
        }
    }

    /// Binds `value` without SQLite copying it: its bytes are copied into `arena` and bound
    /// in place (`SQLITE_STATIC`), so they must stay there until the statement has run
    /// (`TextArena.reset()` after `run()`). Copied by SQLite as `bind(_:_:)` does when the
    /// arena is full.
    func bind(_ index: Int32, _ value: String?, arena: inout TextArena) {
        guard var value else {
            sqlite3_bind_null(handle, parameterOffset + index)
            return
        }
        let inPlace = value.withUTF8 { utf8 -> Bool in
            let count = utf8.count
            guard arena.used + count <= arena.capacity else { return false }
            let target = arena.base + arena.used
            if count > 0, let source = utf8.baseAddress {
                UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count)
            }
            sqlite3_bind_text(handle, parameterOffset + index, target, Int32(count), nil)
            arena.used += count
            return true
        }
        if !inPlace { bind(index, value) }
    }

    /// Clears every binding (before the memory of arena-bound text is released).
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    // MARK: Stepping

    /// Runs the statement to completion (an `INSERT`, `UPDATE` or `DELETE`).
    func run() throws {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
    }

    /// Advances to the next row: true when there is one, false at the end.
    func next() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        if code == SQLITE_DONE { return false }
        throw failure(code)
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }

    // MARK: Reading the current row (0-based columns, as in SQLite)

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(handle, column) != 0
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : sqlite3_column_int64(handle, column)
    }

    func optionalInt(_ column: Int32) -> Int? {
        isNull(column) ? nil : Int(sqlite3_column_int64(handle, column))
    }

    func optionalDouble(_ column: Int32) -> Double? {
        isNull(column) ? nil : sqlite3_column_double(handle, column)
    }

    func optionalString(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The text of `column`, returning `previous` itself when it holds the same bytes:
    /// repeated names (a cooperative's desa every week) then share one string's storage
    /// instead of allocating a copy each.
    ///
    /// `previous` is taken owned, so that a string given as a temporary copy is returned
    /// without another reference-count update.
    func optionalString(_ column: Int32, reusing previous: __owned String?) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        let bytes = UnsafeBufferPointer(start: text, count: count)
        if let same = CSVBytes.same(previous, as: UnsafeRawBufferPointer(bytes)) { return same }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value of `forms` whose text is the text of `column`, compared byte for byte
    /// without making a string; `nil` when none matches (or the column is `NULL`).
    func value<Value>(_ column: Int32, among forms: StoredForms<Value>) -> Value? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        for (bytes, value) in forms.forms where bytes.count == count {
            let same = bytes.withUnsafeBufferPointer { b -> Bool in
                guard let base = b.baseAddress else { return count == 0 }
                return memcmp(base, text, count) == 0
            }
            if same { return value }
        }
        return nil
    }

    func string(_ column: Int32) -> String {
        optionalString(column) ?? ""
    }
}

/// The stored texts (raw values, UTF-8) of an enumeration's cases, for
/// `StoreStatement.value(_:among:)`.
struct StoredForms<Value: Sendable>: Sendable {
    /// Each case's bytes and the case.
    let forms: [(bytes: [UInt8], value: Value)]

    /// The forms of `cases`, in order.
    init<C: Collection>(_ cases: C) where C.Element == Value, Value: RawRepresentable,
        Value.RawValue == String
    {
        forms = cases.map { (Array($0.rawValue.utf8), $0) }
    }
}

/// Memory holding the text bound to one execution of a bulk insert (one row, or the rows
/// of a multi-row `INSERT`; `StoreStatement.bind(_:_:arena:)`): one allocation reused for
/// every execution instead of a copy made by SQLite for each value.
struct TextArena {
    /// The start of the memory.
    let base: UnsafeMutablePointer<CChar>
    /// Its size in bytes.
    let capacity: Int
    /// The bytes in use by the current execution.
    var used = 0

    /// Allocates `capacity` bytes; release them with `deallocate()`.
    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// Makes the whole arena available again (the previous execution has run).
    mutating func reset() { used = 0 }

    /// Releases the memory.
    func deallocate() { base.deallocate() }
}
