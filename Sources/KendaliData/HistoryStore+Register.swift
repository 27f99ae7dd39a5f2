import GRDB

/// The register of cooperatives as the store keeps it: the register in use and its
/// revision.
public struct StoredRegister: Hashable, Sendable {
    /// 1 for the first register given, 2 for the one that replaced it, …
    public var revision: Int
    /// When it was stored, ISO 8601 UTC.
    public var importedAt: String
    /// The register.
    public var register: CooperativeRegister

    /// A stored register from its parts.
    public init(revision: Int, importedAt: String, register: CooperativeRegister) {
        self.revision = revision
        self.importedAt = importedAt
        self.register = register
    }
}

/// What `HistoryStore.storeRegister(_:importedAt:)` did.
public struct RegisterOutcome: Hashable, Sendable {
    /// Whether the register was stored (`false`: the same file is already in use).
    public var stored: Bool
    /// The register in use afterwards.
    public var current: StoredRegister
    /// The revision it replaced, when there was one and it was replaced.
    public var replacedRevision: Int?
}

extension HistoryStore {
    /// Stores `register` as the register in use, in one transaction: a new revision (the
    /// older ones are kept), or nothing when the register in use has the same content.
    ///
    /// - Throws: `StoreError.database`; the store is then as before.
    /// - Complexity: O(n) for n registered cooperatives.
    public func storeRegister(_ register: CooperativeRegister, importedAt: String? = nil)
        throws(StoreError) -> RegisterOutcome
    {
        precondition(mode == .readWrite, "HistoryStore.storeRegister needs a store opened .readWrite")
        let timestamp = importedAt ?? Self.nowISO8601()
        var outcome: RegisterOutcome?
        do {
            try queue.inTransaction(.immediate) { db in
                let current = try Self.currentRegister(db)
                if let current, current.register.contentDigest == register.contentDigest {
                    outcome = RegisterOutcome(stored: false, current: current, replacedRevision: nil)
                    return .rollback
                }
                let revision = (current?.revision ?? 0) + 1
                try db.execute(sql: """
                    INSERT INTO register_revision (revision, file_name, content_digest, entry_count, imported_at)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [revision, register.fileName, register.contentDigest, register.count, timestamp])
                let id = db.lastInsertedRowID
                let insert = try StoreStatement(db, """
                    INSERT INTO register_entry (revision_id, kode, nama, desa, kecamatan, kabupaten)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for e in register.entries {
                    insert.bind(1, id)
                    insert.bind(2, e.kode.value)
                    insert.bind(3, e.nama)
                    insert.bind(4, e.desa)
                    insert.bind(5, e.kecamatan)
                    insert.bind(6, e.kabupaten)
                    try insert.run()
                }
                outcome = RegisterOutcome(
                    stored: true,
                    current: StoredRegister(revision: revision, importedAt: timestamp, register: register),
                    replacedRevision: current?.revision)
                return .commit
            }
        } catch {
            throw Self.storeError(error)
        }
        guard let outcome else { throw .database("storing the register ended without an outcome") }
        return outcome
    }

    /// The register in use (the latest revision), or `nil` when none was given.
    public func register() throws(StoreError) -> StoredRegister? {
        guard hasRegisterTables else { return nil }
        return try read { db in try Self.currentRegister(db) }
    }

    /// The register in use, or `nil` when none was given or the store predates the
    /// register tables (an older store opened read-only).
    static func currentRegisterIfAny(_ db: Database) throws -> StoredRegister? {
        guard try db.tableExists("register_revision") else { return nil }
        return try currentRegister(db)
    }

    /// The latest register revision with its entries.
    static func currentRegister(_ db: Database) throws -> StoredRegister? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, revision, file_name, content_digest, imported_at FROM register_revision
            ORDER BY revision DESC LIMIT 1
            """)
        else { return nil }
        let id: Int64 = row["id"]
        let s = try StoreStatement(db, """
            SELECT kode, nama, desa, kecamatan, kabupaten FROM register_entry
            WHERE revision_id = ? ORDER BY kode
            """)
        s.bind(1, id)
        var entries: [RegisteredCooperative] = []
        while try s.next() {
            guard let kode = CooperativeCode(value: s.int64(0)) else {
                throw StoreError.database("a registered code \(s.int64(0)) is not a 10-digit code")
            }
            entries.append(RegisteredCooperative(
                kode: kode, nama: s.optionalString(1), desa: s.string(2), kecamatan: s.string(3),
                kabupaten: s.string(4)))
        }
        return StoredRegister(
            revision: row["revision"], importedAt: row["imported_at"],
            register: CooperativeRegister(
                fileName: row["file_name"], contentDigest: row["content_digest"], entries: entries))
    }
}

extension SnapshotHistory {
    /// The history with the register's names on the reports of registered cooperatives
    /// (`nama_koperasi`, `desa`, `kecamatan`, `kabupaten`), so that every table and report
    /// shows the names on file rather than a report's spelling; reports of codes not in
    /// the register keep theirs. The stored reports are not changed.
    ///
    /// - Complexity: O(r + n) for r reports and n registered cooperatives (a merge by code
    ///   per week).
    public func withNames(from register: CooperativeRegister) -> SnapshotHistory {
        var out = self
        out.register = register
        for w in out.weeks.indices { Self.applyNames(from: register, to: &out.weeks[w].records) }
        return out
    }

    /// Puts the register's names on the reports of registered cooperatives in `records`
    /// (sorted by code), in place: `nama_koperasi` when the register gives one, `desa`,
    /// `kecamatan` and `kabupaten` always. One string per name, shared by every report of
    /// the cooperative.
    ///
    /// - Complexity: O(r + n) for r reports and n registered cooperatives.
    static func applyNames(from register: CooperativeRegister, to records: inout [SnapshotRecord]) {
        let entries = register.entries
        var e = 0
        for i in records.indices {
            let kode = records[i].kode
            while e < entries.count, entries[e].kode < kode { e += 1 }
            guard e < entries.count, entries[e].kode == kode else { continue }
            if let nama = entries[e].nama { records[i].nama = nama }
            records[i].desa = entries[e].desa
            records[i].kecamatan = entries[e].kecamatan
            records[i].kabupaten = entries[e].kabupaten
        }
    }
}
