/// A weekly snapshot file that passed validation: its records and the warnings found.
public struct SnapshotFile: Sendable {
    /// The file name as given to the reader.
    public var fileName: String
    /// The report date shared by every row (`tanggal_laporan`).
    public var reportDate: Day
    /// The validated rows, sorted by cooperative code.
    public var records: [SnapshotRecord]
    /// The 1-based physical line on which each record starts, parallel to `records`
    /// (used to place cross-week warnings).
    public var recordLines: [Int]
    /// Warnings found while reading (unknown columns, `progres_fisik` = 100 while still
    /// `pembangunan`); cross-week warnings come from `SnapshotValidator`.
    public var warnings: [SnapshotIssue]
    /// SHA-256 of the raw bytes of the file, 64 lower-case hex digits: two files with the
    /// same digest are the same file, which makes re-importing a file idempotent. Empty
    /// when the file was read without digests (`SnapshotReader.read(contentsOfFiles:sheet:digests:)`).
    public var contentDigest: String
    /// Size of the raw file in bytes.
    public var byteCount: Int
    /// The sheet and header columns when the file is a workbook (`nil` for CSV): issues
    /// found later, against last week, name their cell with it.
    var workbookPlace: WorkbookPlace?

    /// `issues` with their cells named when the file is a workbook; as they are otherwise.
    func located(_ issues: [SnapshotIssue]) -> [SnapshotIssue] {
        guard let workbookPlace else { return issues }
        return issues.map(workbookPlace.locate)
    }

    /// A validated file.
    public init(
        fileName: String, reportDate: Day, records: [SnapshotRecord],
        recordLines: [Int]? = nil, warnings: [SnapshotIssue],
        contentDigest: String, byteCount: Int
    ) {
        self.fileName = fileName
        self.reportDate = reportDate
        self.records = records
        self.recordLines = recordLines ?? Array(repeating: 0, count: records.count)
        self.warnings = warnings
        self.contentDigest = contentDigest
        self.byteCount = byteCount
    }
}
