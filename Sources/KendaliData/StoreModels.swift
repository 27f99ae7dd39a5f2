/// One stored file: a revision of a week in the history store.
public struct StoredImport: Hashable, Sendable, Codable {
    /// The store's id of the file (increasing in import order).
    public var id: Int64
    /// The week the file reports.
    public var reportDate: Day
    /// 1 for the first file stored for the week, 2 for the one that replaced it, …
    public var revision: Int
    /// The file name as given when it was imported.
    public var fileName: String
    /// SHA-256 of the raw bytes, 64 lower-case hex digits.
    public var contentDigest: String
    /// Size of the raw file in bytes.
    public var byteCount: Int
    /// Number of reports (rows) stored from the file.
    public var rowCount: Int
    /// When the file was imported, ISO 8601 UTC (`2025-07-08T09:30:00Z`).
    public var importedAt: String
    /// True for the revision in use; false once another file replaced it.
    public var isActive: Bool
    /// The id of the revision that replaced this one, when it was replaced.
    public var supersededBy: Int64?

    /// A stored file's description.
    public init(
        id: Int64, reportDate: Day, revision: Int, fileName: String, contentDigest: String,
        byteCount: Int, rowCount: Int, importedAt: String, isActive: Bool, supersededBy: Int64?
    ) {
        self.id = id
        self.reportDate = reportDate
        self.revision = revision
        self.fileName = fileName
        self.contentDigest = contentDigest
        self.byteCount = byteCount
        self.rowCount = rowCount
        self.importedAt = importedAt
        self.isActive = isActive
        self.supersededBy = supersededBy
    }
}

/// One stored report of a cooperative: the record and the file revision it came from.
public struct StoredRevision: Hashable, Sendable {
    /// The file (week revision) the report belongs to.
    public var source: StoredImport
    /// The report as stored.
    public var record: SnapshotRecord

    /// A report and its file.
    public init(source: StoredImport, record: SnapshotRecord) {
        self.source = source
        self.record = record
    }
}

/// What `HistoryStore.ingest(file:replace:)` did with a file.
public struct IngestOutcome: Sendable {
    /// The three ways a valid file can end.
    public enum Kind: String, Sendable, Codable {
        /// The week was new: the file is its first revision.
        case imported
        /// The same content (same digest) is already the week's active revision; nothing
        /// was written.
        case unchanged
        /// The file became the week's new active revision; the old one is kept, marked
        /// superseded.
        case replaced
    }

    /// What happened.
    public var kind: Kind
    /// The stored file: the new revision, or the existing one when `unchanged`.
    public var stored: StoredImport
    /// The revision that was active before, when `replaced`.
    public var superseded: StoredImport?
    /// The warnings stored with the week: those of the file and those found against the
    /// previous weeks (for `unchanged`, the ones stored before).
    public var warnings: [SnapshotIssue]

    /// An outcome.
    public init(
        kind: Kind, stored: StoredImport, superseded: StoredImport?, warnings: [SnapshotIssue]
    ) {
        self.kind = kind
        self.stored = stored
        self.superseded = superseded
        self.warnings = warnings
    }
}

/// A cooperative's names as last reported, and its first report date.
public struct CooperativeNames: Hashable, Sendable, Codable {
    /// `nama_koperasi`, when ever given.
    public var nama: String?
    /// `desa`.
    public var desa: String?
    /// `kecamatan`.
    public var kecamatan: String?
    /// `kabupaten`.
    public var kabupaten: String?
    /// First report date.
    public var firstSeen: Day

    /// Names and first report date.
    public init(
        nama: String?, desa: String?, kecamatan: String?, kabupaten: String?, firstSeen: Day
    ) {
        self.nama = nama
        self.desa = desa
        self.kecamatan = kecamatan
        self.kabupaten = kabupaten
        self.firstSeen = firstSeen
    }
}
