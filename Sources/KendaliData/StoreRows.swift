import GRDB

/// The mapping between `SnapshotRecord` and a row of the `report` table.
enum StoreRows {
    /// The report columns after `import_id`, in binding and reading order.
    static let reportColumns = [
        "kode", "nama", "desa", "kecamatan", "kabupaten", "tahap", "badan_hukum",
        "pengurus_lengkap", "jumlah_anggota", "rapat_anggota", "nib", "npwp", "rekening_bank",
        "laporan_tepat_waktu", "status_lahan", "progres_fisik", "unit_usaha_aktif",
        "omzet_bulanan", "anggota_aktif", "kendala_lahan", "kendala_cuaca",
        "kendala_tenaga_kerja", "kendala_teknis", "catatan", "line",
    ]

    /// The column of `line` (the file line of the report) among the report columns read
    /// with `selectList(_:)` or `selectListWithoutText(_:)`, from 0: the last one.
    static let lineColumn = Int32(reportColumns.count - 1)

    /// The parameters of one row of `insertSQL(rows:)`.
    static let insertParameterCount = Int32(reportColumns.count + 1)

    /// The rows of one multi-row insert (`insertSQL(rows:)`): one `sqlite3_step` stores this
    /// many reports, which saves most of the per-statement work of a row at a time.
    /// 64 × 26 parameters stays well under SQLite's limit (32,766 since 3.32; 999 before,
    /// hence `insertBatchRowsFallback`).
    static let insertBatchRows = 64

    /// The batch size when the SQLite library allows at most 999 parameters.
    static let insertBatchRowsFallback = 32

    /// `INSERT INTO report (import_id, …) VALUES (?, …)`, one row.
    static let insertSQL: String = insertSQL(rows: 1)

    /// `INSERT INTO report (import_id, …) VALUES (?, …), (?, …), …` with `rows` rows; row
    /// `k` (from 0) binds its values from parameter `k × insertParameterCount + 1`.
    static func insertSQL(rows: Int) -> String {
        let names = ["import_id"] + reportColumns
        let marks = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        return "INSERT INTO report (\(names.joined(separator: ", "))) VALUES "
            + Array(repeating: marks, count: max(rows, 1)).joined(separator: ", ")
    }

    /// The report columns qualified by `alias`, ready for a `SELECT` list; read them with
    /// `record(from:at:date:)`.
    static func selectList(_ alias: String) -> String {
        reportColumns.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// Like `selectList(_:)`, with `NULL` in place of the free-text columns (`nama`, `desa`,
    /// `kecamatan`, `kabupaten`, `catatan`): for the checks against earlier weeks, which
    /// look only at codes, stages, land status and progress, at a fraction of the cost.
    static func selectListWithoutText(_ alias: String) -> String {
        let text: Set<String> = ["nama", "desa", "kecamatan", "kabupaten", "catatan"]
        return reportColumns.map { text.contains($0) ? "NULL" : "\(alias).\($0)" }
            .joined(separator: ", ")
    }

    /// Binds `record` (and its line, 0 for unknown) to the insert statement, its text held
    /// in `arena` until the statement runs.
    ///
    /// - Parameter row: the row of a multi-row insert (`insertSQL(rows:)`) to bind, from 0.
    static func bind(
        _ s: StoreStatement, importID: Int64, record r: SnapshotRecord, line: Int,
        row: Int = 0, arena: inout TextArena
    ) {
        let s = s.offset(by: Int32(row) * insertParameterCount)
        s.bind(1, importID)
        s.bind(2, r.kode.value)
        s.bind(3, r.nama, arena: &arena)
        s.bind(4, r.desa, arena: &arena)
        s.bind(5, r.kecamatan, arena: &arena)
        s.bind(6, r.kabupaten, arena: &arena)
        s.bind(7, r.tahap.rawValue, arena: &arena)
        s.bind(8, r.badanHukum)
        s.bind(9, r.pengurusLengkap)
        s.bind(10, r.jumlahAnggota)
        s.bind(11, r.rapatAnggota)
        s.bind(12, r.nib)
        s.bind(13, r.npwp)
        s.bind(14, r.rekeningBank)
        s.bind(15, r.laporanTepatWaktu)
        s.bind(16, r.statusLahan.rawValue, arena: &arena)
        s.bind(17, r.progresFisik)
        s.bind(18, r.unitUsahaAktif)
        s.bind(19, r.omzetBulanan)
        s.bind(20, r.anggotaAktif)
        s.bind(21, r.kendalaLahan)
        s.bind(22, r.kendalaCuaca)
        s.bind(23, r.kendalaTenagaKerja)
        s.bind(24, r.kendalaTeknis)
        s.bind(25, r.catatan, arena: &arena)
        s.bind(26, line > 0 ? line : nil)
    }

    /// The record in the current row, whose report columns start at column `first`, its
    /// names sharing the storage of `previous`'s when equal (the row's `line` is left to
    /// the caller: `lineColumn`).
    ///
    /// - Parameter previous: an earlier report of the same cooperative, or `nil`; a name with
    ///   the same bytes as its name is that string itself (loading a long history then
    ///   allocates each name once, not weekly). Read in place, not copied.
    /// - Throws: `StoreError.database` when a stored value is outside the schema (a store
    ///   edited by hand).
    /// - Complexity: O(length of the row's text).
    @inline(__always)
    static func record(
        from s: StoreStatement, at first: Int32, date: Day,
        sharingNamesWith previous: UnsafePointer<SnapshotRecord>?
    ) throws(StoreError) -> SnapshotRecord {
        let c = first
        let kodeValue = s.int64(c)
        guard let kode = CooperativeCode(value: kodeValue) else {
            throw .database("stored kode_koperasi \(kodeValue) is not a 10-digit code")
        }
        guard let tahap = s.value(c + 5, among: tahapForms) else {
            throw .database("stored tahap '\(s.string(c + 5))' of \(kode) is unknown")
        }
        guard let status = s.value(c + 14, among: statusLahanForms) else {
            throw .database("stored status_lahan '\(s.string(c + 14))' of \(kode) is unknown")
        }
        return SnapshotRecord(
            kode: kode, nama: s.optionalString(c + 1, reusing: previous?.pointee.nama),
            desa: s.optionalString(c + 2, reusing: previous?.pointee.desa),
            kecamatan: s.optionalString(c + 3, reusing: previous?.pointee.kecamatan),
            kabupaten: s.optionalString(c + 4, reusing: previous?.pointee.kabupaten),
            tanggal: date, tahap: tahap, badanHukum: s.bool(c + 6),
            pengurusLengkap: s.bool(c + 7), jumlahAnggota: s.int(c + 8),
            rapatAnggota: s.bool(c + 9), nib: s.bool(c + 10), npwp: s.bool(c + 11),
            rekeningBank: s.bool(c + 12), laporanTepatWaktu: s.bool(c + 13),
            statusLahan: status, progresFisik: s.optionalDouble(c + 15),
            unitUsahaAktif: s.int(c + 16), omzetBulanan: s.optionalInt64(c + 17),
            anggotaAktif: s.optionalInt(c + 18), kendalaLahan: s.bool(c + 19),
            kendalaCuaca: s.bool(c + 20), kendalaTenagaKerja: s.bool(c + 21),
            kendalaTeknis: s.bool(c + 22), catatan: s.optionalString(c + 23))
    }

    /// The record in the current row, whose report columns start at column `first`, and
    /// its file line (0 when unknown).
    ///
    /// - Throws: `StoreError.database` when a stored value is outside the schema (a store
    ///   edited by hand).
    static func record(from s: StoreStatement, at first: Int32, date: Day)
        throws(StoreError) -> (record: SnapshotRecord, line: Int)
    {
        let record = try Self.record(from: s, at: first, date: date, sharingNamesWith: nil)
        return (record, s.optionalInt(first + lineColumn) ?? 0)
    }

    /// The stored text of each stage, to read stages without making a string per row.
    static let tahapForms = StoredForms(Tahap.allCases)

    /// The stored text of each land status.
    static let statusLahanForms = StoredForms(StatusLahan.allCases)

    /// The `import_file` columns, in reading order for `storedImport(from:at:)`.
    static func importSelectList(_ alias: String) -> String {
        [
            "id", "report_date", "revision", "file_name", "content_digest", "byte_count",
            "row_count", "imported_at", "active", "superseded_by",
        ].map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The stored file in the current row, whose `import_file` columns start at `first`.
    static func storedImport(from s: StoreStatement, at first: Int32) throws(StoreError)
        -> StoredImport
    {
        let c = first
        let dateText = s.string(c + 1)
        guard let date = Day(parsing: dateText) else {
            throw .database("stored report_date '\(dateText)' is not a date")
        }
        return StoredImport(
            id: s.int64(c), reportDate: date, revision: s.int(c + 2), fileName: s.string(c + 3),
            contentDigest: s.string(c + 4), byteCount: s.int(c + 5), rowCount: s.int(c + 6),
            importedAt: s.string(c + 7), isActive: s.bool(c + 8),
            supersededBy: s.optionalInt64(c + 9))
    }

    /// The `warning` columns, in reading order for `issue(from:at:)`.
    static let warningSelectList =
        "w.severity, w.kind, w.file, w.line, w.column_name, w.value, w.expected"

    /// The issue in the current row, whose warning columns start at `first`.
    static func issue(from s: StoreStatement, at first: Int32) throws(StoreError) -> SnapshotIssue {
        let c = first
        let kindText = s.string(c + 1)
        guard let kind = SnapshotIssue.Kind(rawValue: kindText) else {
            throw .database("stored warning kind '\(kindText)' is unknown")
        }
        let severity = SnapshotIssue.Severity(rawValue: s.string(c)) ?? .warning
        return SnapshotIssue(
            kind, file: s.string(c + 2), line: s.optionalInt(c + 3),
            column: s.optionalString(c + 4), value: s.optionalString(c + 5),
            expected: s.string(c + 6), severity: severity)
    }
}
