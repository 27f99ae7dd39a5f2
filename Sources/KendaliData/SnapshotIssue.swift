/// One problem found in a weekly snapshot file: an error (the file is rejected) or a
/// warning (the row is kept and the warning reported).
///
/// The `description` names the file, the physical line, the column, the value found and
/// what was expected, for example
///
/// ```
/// 2025-07-07.csv:12: column 'progres_fisik': value '120' — expected a number 0–100
/// ```
public struct SnapshotIssue: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// How serious an issue is.
    public enum Severity: String, Hashable, Sendable, Codable {
        /// The file is rejected; nothing of it is stored.
        case error
        /// The row is kept; the issue is reported.
        case warning
    }

    /// What went wrong — one case for every error and warning of the snapshot spec
    /// (version 1), plus the few the reader needs beyond it (an empty file, an unclosed
    /// quote).
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        // MARK: File-level errors
        /// The bytes are neither UTF-8 nor Windows-1252 (one issue for the file, at its
        /// first byte that is not UTF-8).
        case invalidUTF8 = "invalid_utf8"
        /// The file has no header line (it is empty, or holds only a byte-order mark).
        case missingHeader = "missing_header"
        /// A quoted field is still open at the end of the file.
        case unterminatedQuote = "unterminated_quote"
        /// Text follows the closing quote of a quoted field (RFC 4180 allows only a
        /// delimiter or a line end there).
        case malformedQuote = "malformed_quote"
        /// More errors than the reader keeps (10,000); the value gives how many were left
        /// out (`SnapshotFileError/omitted` counts them by column and kind).
        case tooManyErrors = "too_many_errors"
        /// A required column is absent from the header.
        case missingColumn = "missing_column"
        /// A column is named twice in the header.
        case duplicateColumn = "duplicate_column"
        /// The file has a header but no rows.
        case noRows = "no_rows"
        /// The file could not be read from disk, or is a workbook that can't be read.
        case unreadableFile = "unreadable_file"
        /// The file is neither CSV text nor an `.xlsx` workbook (an `.xls`, a PDF, another
        /// binary); `expected` says what it is and what to save it as.
        case notATable = "not_a_table"

        // MARK: Row errors
        /// A row has more or fewer fields than the header.
        case wrongFieldCount = "wrong_field_count"
        /// `kode_koperasi` is not 10 digits (or the dotted `52.01.01.2001`).
        case malformedCode = "malformed_code"
        /// The same `kode_koperasi` appears twice in the file.
        case duplicateCode = "duplicate_code"
        /// `tanggal_laporan` is not a valid `YYYY-MM-DD` or `DD/MM/YYYY` date.
        case unreadableDate = "unreadable_date"
        /// `tanggal_laporan` differs from the week's date, the date most rows carry.
        case differingDate = "differing_date"
        /// `tahap` is not one of the five stages.
        case unknownTahap = "unknown_tahap"
        /// `status_lahan` is not one of the five land statuses.
        case unknownStatusLahan = "unknown_status_lahan"
        /// A 0/1 field holds something else.
        case invalidFlag = "invalid_flag"
        /// `progres_fisik` is not a number.
        case progressNotNumber = "progress_not_a_number"
        /// `progres_fisik` is a number outside 0–100.
        case progressOutOfRange = "progress_out_of_range"
        /// `unit_usaha_aktif` is not an integer in 0–7.
        case unitsOutOfRange = "units_out_of_range"
        /// A count (`jumlah_anggota`, `omzet_bulanan`, `anggota_aktif`) is negative.
        case negativeCount = "negative_count"
        /// A count is not an integer at all (or too large).
        case invalidCount = "invalid_count"
        /// A number that reads two ways the column would both accept (`1.000` in a count
        /// of a file whose decimal mark is the point: 1000 or 1); `expected` shows both.
        case ambiguousNumber = "ambiguous_number"
        /// A required value is empty (a required column's cell, or `desa`, `kecamatan`,
        /// `kabupaten` for a cooperative seen for the first time).
        case missingValue = "missing_value"
        /// `kode_koperasi` is not in the register of cooperatives the store keeps; `expected`
        /// names the nearest registered codes.
        case unregisteredCode = "unregistered_code"
        /// `tanggal_laporan` differs from the date in the file's name (`FileNameDate`).
        case fileNameDate = "file_name_date"

        // MARK: Warnings
        /// An unknown extra column, ignored.
        case unknownColumn = "unknown_column"
        /// `progres_fisik` is lower than the same cooperative's previous report.
        case progressDecreased = "progress_decreased"
        /// `tahap` went backwards against the previous report.
        case tahapBackwards = "tahap_backwards"
        /// A cooperative present in the previous report is missing from this file.
        case cooperativeMissing = "cooperative_missing"
        /// `progres_fisik` is 100 while `tahap` is still `pembangunan`.
        case completeButUnderConstruction = "complete_but_under_construction"
        /// A row that repeats an earlier row of the file exactly: it is kept once.
        case duplicateRow = "duplicate_row"
        /// The file is not UTF-8 but Windows-1252 (as Excel on Windows saves CSV): it was
        /// read as such; the value names the encoding.
        case windows1252Text = "windows_1252_text"
        /// `desa`, `kecamatan` or `kabupaten` differs from the register's for the code; the
        /// register's name is the one shown.
        case registerMismatch = "register_mismatch"
        /// A code never reported in an earlier stored week, in a store without a register
        /// (a new cooperative, or a mistyped code).
        case newCode = "new_code"
        /// The report date is not the weekday most stored weeks fall on.
        case unusualWeekday = "unusual_weekday"
        /// A registered cooperative that has not reported for two weeks or more, or never:
        /// `expected` gives the weeks it has been silent and its last report.
        case notReported = "not_reported"

        /// The severity an issue of this kind has under spec version 1.
        public var defaultSeverity: Severity {
            switch self {
            case .unknownColumn, .progressDecreased, .tahapBackwards, .cooperativeMissing,
                 .completeButUnderConstruction, .duplicateRow, .windows1252Text:
                .warning
            case .registerMismatch, .newCode, .unusualWeekday, .notReported:
                .warning
            default:
                .error
            }
        }
    }

    /// Error or warning.
    public var severity: Severity
    /// What went wrong.
    public var kind: Kind
    /// The file name as given to the reader (not a full path unless the caller gave one).
    public var file: String
    /// 1-based physical line in the file where the row (or the field) starts; `nil` for
    /// file-level issues.
    public var line: Int?
    /// The sheet and cell (`Sheet!C12`), or the sheet and row (`Sheet!12:12`), when the
    /// file is a workbook; `line` is then the sheet's row number. Messages show it in place
    /// of the line.
    public var cell: String?
    /// The column concerned, as named in the spec (lower case), when there is one.
    public var column: String?
    /// The value found, when there is one (cut to 200 characters).
    public var value: String?
    /// What was expected, in a few words.
    public var expected: String

    /// An issue; `severity` defaults to the kind's `defaultSeverity`.
    public init(
        _ kind: Kind, file: String, line: Int?, column: String? = nil, value: String? = nil,
        expected: String, severity: Severity? = nil
    ) {
        self.kind = kind
        self.severity = severity ?? kind.defaultSeverity
        self.file = file
        self.line = line
        self.column = column
        if let value, value.unicodeScalars.count > 200 {
            self.value = String(String.UnicodeScalarView(value.unicodeScalars.prefix(200))) + "…"
        } else {
            self.value = value
        }
        self.expected = expected
    }

    /// `FILE:LINE: column 'c': value 'v' — expected …` (`FILE:Sheet!C12: …` for a
    /// workbook), with the parts that are absent left out, and `warning: ` in front of
    /// warnings; `FILE: what it is; save it as …` for a file that is no table.
    public var description: String {
        var s = file
        if let cell {
            s += ":" + cell
        } else if let line {
            s += ":" + String(line)
        }
        s += ": "
        if kind == .notATable { return s + expected }
        if severity == .warning { s += "warning: " }
        var parts: [String] = []
        if let column { parts.append("column '\(column)'") }
        if let value { parts.append("value '\(value)'") }
        s += parts.joined(separator: ": ")
        s += parts.isEmpty ? "" : " — "
        s += "expected " + expected
        return s
    }
}

/// A snapshot file that was rejected: every error found in it (not only the first).
public struct SnapshotFileError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file name as given to the reader.
    public var fileName: String
    /// All errors of the file, in order of line (file-level issues first); past
    /// `SnapshotReader.maximumIssues` the rest are counted in `omitted`, and a last
    /// `tooManyErrors` issue says how many.
    public var issues: [SnapshotIssue]
    /// The errors counted but not kept in `issues`, by column and kind.
    public var omitted: [SnapshotIssueCount]

    /// A rejection of `fileName` for `issues`, and the errors `omitted` from them.
    public init(fileName: String, issues: [SnapshotIssue], omitted: [SnapshotIssueCount] = []) {
        self.fileName = fileName
        self.issues = issues
        self.omitted = omitted
    }

    /// Decodes a rejection; `omitted` may be absent (none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fileName = try container.decode(String.self, forKey: .fileName)
        issues = try container.decode([SnapshotIssue].self, forKey: .issues)
        omitted = try container.decodeIfPresent([SnapshotIssueCount].self, forKey: .omitted) ?? []
    }
}
