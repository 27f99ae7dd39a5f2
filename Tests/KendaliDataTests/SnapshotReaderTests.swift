import Testing
@testable import KendaliData

@Suite("Snapshot reader: valid files")
struct SnapshotReaderValidTests {
    @Test("the plain fixture reads to the expected records")
    func plainFile() throws {
        let file = try SnapshotFixtures.read("valid.csv")
        #expect(file.fileName == "valid.csv")
        #expect(file.reportDate == SnapshotFixtures.day("2026-02-02"))
        #expect(file.records.count == 4)
        #expect(file.warnings.isEmpty)
        #expect(file.records.map(\.kode.value) == [5201012001, 5201012002, 5202011001, 5271011001])
        #expect(file.recordLines == [2, 3, 4, 6])
        let first = file.records[0]
        #expect(first.nama == "KDMP Gerung Utara")
        #expect(first.kecamatan == "Gerung")
        #expect(first.tahap == .pembangunan)
        #expect(first.progresFisik == 62.5)
        #expect(first.unitUsahaAktif == 2)
        #expect(first.omzetBulanan == 15_000_000)
        #expect(first.anggotaAktif == 30)
        #expect(first.kendalaCuaca && !first.kendalaLahan)
        #expect(first.catatan == "hujan deras, material terlambat")
        let second = file.records[1]
        #expect(second.progresFisik == nil)
        #expect(second.omzetBulanan == nil)
        #expect(second.catatan == nil)
        #expect(second.statusLahan == .verifikasi)
        #expect(file.records[2].catatan == "catatan \"khusus\"\nbaris kedua")
        #expect(file.contentDigest.count == 64)
        #expect(file.byteCount > 0)
    }

    @Test("the Excel-style twin imports to the same records as the plain file")
    func excelTwin() throws {
        let plain = try SnapshotFixtures.read("valid.csv")
        let excel = try SnapshotFixtures.read("excel-style.csv")
        #expect(excel.records == plain.records)
        #expect(excel.reportDate == plain.reportDate)
        #expect(excel.recordLines == [2, 3, 4, 6])
        #expect(excel.contentDigest != plain.contentDigest)
        #expect(excel.warnings.isEmpty)
    }

    @Test("lone CR line ends, blank lines and rows of only delimiters are accepted")
    func lineEndsAndBlankLines() throws {
        let plain = try SnapshotFixtures.read("valid.csv")
        let text = String(decoding: SnapshotWriter.bytes(plain.records), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Header, blank, a row of delimiters, then the rows with CR endings.
        let crText = String(lines[0]) + "\r\n\n,,,\r" + lines[1...].joined(separator: "\r")
        let file = try SnapshotReader.parse(bytes: Array(crText.utf8), fileName: "cr.csv")
        #expect(file.records.map(\.kode) == plain.records.map(\.kode))
        #expect(file.records[2].catatan == plain.records[2].catatan?.replacingNewlines(with: "\r"))
    }

    @Test("keywords are case-insensitive and 0/1 words are accepted", arguments: [
        ("Ya", true), ("TIDAK", false), ("y", true), ("N", false), ("True", true),
        ("fAlSe", false), ("1", true), ("0", false), (" 1 ", true),
    ])
    func flagWords(word: String, expected: Bool) throws {
        var r = SnapshotFixtures.record()
        r.nib = !expected
        let text = SnapshotWriter.csv([r]).replacingFirstFlag(column: "nib", with: word)
        let file = try SnapshotReader.parse(bytes: Array(text.utf8), fileName: "f.csv")
        #expect(file.records[0].nib == expected)
    }

    @Test("status_lahan accepts 'tidak ada' and any case")
    func landWords() throws {
        let r = SnapshotFixtures.record(lahan: .tidakAda)
        let text = SnapshotWriter.csv([r]).replacingOccurrences("tidak_ada", with: "Tidak Ada")
        let file = try SnapshotReader.parse(bytes: Array(text.utf8), fileName: "f.csv")
        #expect(file.records[0].statusLahan == .tidakAda)
    }

    @Test("a header-only file is rejected with noRows; an empty file with missingHeader")
    func emptyFiles() {
        let noRows = SnapshotFixtures.errors(text: SnapshotFixtures.header + "\n")
        #expect(noRows.map(\.kind) == [.noRows])
        let empty = SnapshotFixtures.errors(text: "")
        #expect(empty.map(\.kind) == [.missingHeader])
        let bomOnly = SnapshotFixtures.errors(text: "\u{FEFF}")
        #expect(bomOnly.map(\.kind) == [.missingHeader])
    }

    @Test("rows out of code order are sorted, lines follow their records")
    func sorting() throws {
        let a = SnapshotFixtures.record(5202011001)
        let b = SnapshotFixtures.record(5201012001)
        let file = try SnapshotReader.parse(bytes: SnapshotWriter.bytes([a, b]), fileName: "s.csv")
        #expect(file.records.map(\.kode.value) == [5201012001, 5202011001])
        #expect(file.recordLines == [3, 2])
    }

    @Test("an exact copy of a row is kept once with a warning; a different row with the same code is an error")
    func duplicateRows() throws {
        let a = SnapshotFixtures.record(5201012001)
        let b = SnapshotFixtures.record(5202011001)
        let file = try SnapshotReader.parse(bytes: SnapshotWriter.bytes([a, b, a, a]), fileName: "d.csv")
        #expect(file.records.map(\.kode.value) == [5201012001, 5202011001])
        #expect(file.recordLines == [2, 3])
        #expect(file.warnings.map(\.kind) == [.duplicateRow, .duplicateRow])
        #expect(file.warnings.map(\.line) == [4, 5])
        #expect(file.warnings.first?.expected.contains("line 2") == true)
        var changed = a
        changed.jumlahAnggota += 1
        do {
            _ = try SnapshotReader.parse(bytes: SnapshotWriter.bytes([a, b, a, changed]), fileName: "d.csv")
            Issue.record("a conflicting duplicate was accepted")
        } catch {
            #expect(error.issues.map(\.kind) == [.duplicateCode])
            #expect(error.issues.map(\.line) == [5])
        }
    }

    @Test("a missing file is an unreadableFile error")
    func missingFile() {
        do {
            _ = try SnapshotReader.read(contentsOf: SnapshotFixtures.path("no-such-file.csv"))
            Issue.record("expected an error")
        } catch {
            #expect(error.fileName == "no-such-file.csv")
            #expect(error.issues.map(\.kind) == [.unreadableFile])
        }
    }

    @Test("desa, kecamatan and kabupaten columns may be absent")
    func optionalNameColumns() throws {
        let keep = SnapshotColumns.all.filter { !["desa", "kecamatan", "kabupaten"].contains($0) }
        let r = SnapshotFixtures.record()
        let full = SnapshotWriter.csv([r]).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        var text = ""
        for line in full {
            let kept = zip(SnapshotColumns.all, line).filter { keep.contains($0.0) }.map { String($0.1) }
            text += kept.joined(separator: ",") + "\n"
        }
        let file = try SnapshotReader.parse(bytes: Array(text.utf8), fileName: "n.csv")
        #expect(file.records[0].desa == nil)
        #expect(file.records[0].kecamatan == nil)
        #expect(file.records[0].nama == r.nama)
    }
}

@Suite("Snapshot reader: one fixture for every error")
struct SnapshotReaderErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var fixture: String
        var kind: SnapshotIssue.Kind
        var line: Int?
        var column: String?
        var value: String?
        var description: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "error-invalid-utf8.csv", kind: .invalidUTF8, line: 3, column: nil,
             value: "byte 0x81 at offset 512"),
        Case(fixture: "error-missing-column.csv", kind: .missingColumn, line: 1, column: "tahap",
             value: nil),
        Case(fixture: "error-duplicate-column.csv", kind: .duplicateColumn, line: 1,
             column: "nib", value: "NIB"),
        Case(fixture: "error-field-count.csv", kind: .wrongFieldCount, line: 3, column: nil,
             value: "24 fields"),
        Case(fixture: "error-malformed-code.csv", kind: .malformedCode, line: 3,
             column: "kode_koperasi", value: "52010120O2"),
        Case(fixture: "error-duplicate-code.csv", kind: .duplicateCode, line: 6,
             column: "kode_koperasi", value: "5201012001"),
        Case(fixture: "error-unreadable-date.csv", kind: .unreadableDate, line: 3,
             column: "tanggal_laporan", value: "2026-02-30"),
        Case(fixture: "error-differing-date.csv", kind: .differingDate, line: 6,
             column: "tanggal_laporan", value: "09/02/2026"),
        Case(fixture: "error-unknown-tahap.csv", kind: .unknownTahap, line: 3, column: "tahap",
             value: "dibangun"),
        Case(fixture: "error-unknown-status-lahan.csv", kind: .unknownStatusLahan, line: 3,
             column: "status_lahan", value: "ada"),
        Case(fixture: "error-invalid-flag.csv", kind: .invalidFlag, line: 3, column: "nib",
             value: "2"),
        Case(fixture: "error-progress-out-of-range.csv", kind: .progressOutOfRange, line: 2,
             column: "progres_fisik", value: "120"),
        Case(fixture: "error-progress-not-number.csv", kind: .progressNotNumber, line: 2,
             column: "progres_fisik", value: "sekitar 50"),
        Case(fixture: "error-units-out-of-range.csv", kind: .unitsOutOfRange, line: 3,
             column: "unit_usaha_aktif", value: "8"),
        Case(fixture: "error-negative-count.csv", kind: .negativeCount, line: 3,
             column: "jumlah_anggota", value: "-5"),
        Case(fixture: "error-unterminated-quote.csv", kind: .unterminatedQuote, line: 6,
             column: nil, value: nil),
    ]

    @Test("each malformed fixture reports its one error", arguments: cases)
    func oneError(_ c: Case) throws {
        let issues = SnapshotFixtures.errors(c.fixture)
        try #require(issues.count == 1, "\(issues)")
        let issue = issues[0]
        #expect(issue.kind == c.kind)
        #expect(issue.severity == .error)
        #expect(issue.file == c.fixture)
        #expect(issue.line == c.line)
        #expect(issue.column == c.column)
        #expect(issue.value == c.value)
        #expect(!issue.expected.isEmpty)
    }

    @Test("a file with several errors reports all of them, with the right lines")
    func manyErrors() {
        let issues = SnapshotFixtures.errors("error-many.csv")
        let summary = issues.map { "\($0.line ?? 0) \($0.column ?? "-") \($0.kind.rawValue)" }
        #expect(summary == [
            "2 progres_fisik progress_out_of_range",
            "3 status_lahan unknown_status_lahan",
            "3 nib invalid_flag",
            "6 tahap unknown_tahap",
            "6 jumlah_anggota negative_count",
        ])
    }

    @Test("the error description names file, line, column, value and expectation")
    func description() {
        let issue = SnapshotFixtures.errors("error-progress-out-of-range.csv")[0]
        #expect(issue.description
            == "error-progress-out-of-range.csv:2: column 'progres_fisik': value '120' — expected a number 0–100")
        let error = SnapshotFileError(fileName: "x.csv", issues: [issue, issue])
        #expect(error.description.hasPrefix("x.csv: rejected, 2 errors\n  error-progress"))
    }

    @Test("every kind has a default severity; warnings are the spec's four, unknown columns, repeated rows and the store's checks")
    func severities() {
        let warnings = SnapshotIssue.Kind.allCases.filter { $0.defaultSeverity == .warning }
        #expect(Set(warnings) == [.unknownColumn, .progressDecreased, .tahapBackwards,
                                  .cooperativeMissing, .completeButUnderConstruction, .duplicateRow,
                                  .windows1252Text, .registerMismatch, .newCode, .unusualWeekday, .notReported])
        #expect(SnapshotIssue.Kind.unregisteredCode.defaultSeverity == .error)
        #expect(SnapshotIssue.Kind.fileNameDate.defaultSeverity == .error)
    }

    @Test("line numbers stay right after multi-line quoted fields with CRLF inside")
    func linesAfterQuotedLineBreaks() {
        var r = SnapshotFixtures.record(5201012001)
        r.catatan = "satu\r\ndua\ntiga"
        var bad = SnapshotFixtures.record(5201012002)
        bad.catatan = "x"
        bad.tahap = .portal
        // Corrupt the second row's tahap (the first row keeps 'pembangunan').
        let corrupted = SnapshotWriter.csv([r, bad]).replacingOccurrences(",portal,", with: ",bangun,")
        let issues = SnapshotFixtures.errors(text: corrupted)
        #expect(issues.map(\.line) == [5])
        #expect(issues.map(\.kind) == [.unknownTahap])
    }

    @Test("structural errors: text after a closing quote")
    func malformedQuote() {
        let r = SnapshotFixtures.record()
        let text = SnapshotWriter.csv([r]).replacingOccurrences("KDMP 5201012001", with: "\"KDMP\" x")
        let issues = SnapshotFixtures.errors(text: text)
        #expect(issues.map(\.kind) == [.malformedQuote])
        #expect(issues.first?.line == 2)
    }

    @Test("empty required values are missingValue errors")
    func emptyRequired() {
        let r = SnapshotFixtures.record()
        let text = SnapshotWriter.csv([r]).replacingOccurrences(",pembangunan,", with: ",,")
        let issues = SnapshotFixtures.errors(text: text)
        #expect(issues.map(\.kind) == [.missingValue])
        #expect(issues.first?.column == "tahap")
    }

    @Test("count overflow and decimals are invalidCount errors",
          arguments: ["99999999999999999999", "12.5", "1e3", "abc"])
    func invalidCounts(value: String) {
        let r = SnapshotFixtures.record(anggota: 77)
        let text = SnapshotWriter.csv([r]).replacingOccurrences(",77,", with: ",\(value),")
        let issues = SnapshotFixtures.errors(text: text)
        #expect(issues.map(\.kind) == [.invalidCount])
    }

    @Test("more than the maximum number of errors is summarised")
    func tooManyErrors() {
        var text = SnapshotFixtures.header + "\n"
        for i in 0..<(SnapshotReader.maximumIssues + 5) {
            text += "x\(i)\n"
        }
        let issues = SnapshotFixtures.errors(text: text)
        #expect(issues.count == SnapshotReader.maximumIssues + 1)
        #expect(issues.last?.kind == .tooManyErrors)
        #expect(issues.last?.value == "5 more errors not listed")
    }
}

@Suite("Snapshot reader: warnings of the file alone")
struct SnapshotReaderWarningTests {
    @Test("an unknown column is ignored with a warning")
    func unknownColumn() throws {
        let file = try SnapshotFixtures.read("warning-unknown-column.csv")
        #expect(file.records.count == 4)
        try #require(file.warnings.count == 1)
        let w = file.warnings[0]
        #expect(w.kind == .unknownColumn)
        #expect(w.severity == .warning)
        #expect(w.line == 1)
        #expect(w.column == "Keterangan Tambahan")
        #expect(w.description.contains("warning: "))
    }

    @Test("progres_fisik 100 while pembangunan is a warning")
    func completeUnderConstruction() throws {
        let file = try SnapshotFixtures.read("warning-complete-under-construction.csv")
        try #require(file.warnings.count == 1)
        let w = file.warnings[0]
        #expect(w.kind == .completeButUnderConstruction)
        #expect(w.line == 2)
        #expect(w.column == "progres_fisik")
        #expect(w.value == "100")
        #expect(file.records[0].progresFisik == 100)
    }
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String, count: Int = .max) -> String {
        var result = ""
        var rest = Substring(self)
        var done = 0
        while done < count, let r = rest.firstRange(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
            done += 1
        }
        return result + rest
    }

    func replacingNewlines(with s: String) -> String {
        replacingOccurrences("\r\n", with: "\n").replacingOccurrences("\n", with: s)
    }

    /// Replaces the value of a 0/1 `column` in the first data row of canonical CSV text.
    func replacingFirstFlag(column: String, with word: String) -> String {
        guard let k = SnapshotColumns.all.firstIndex(of: column) else { return self }
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[k] = word
        lines[1] = fields.joined(separator: ",")
        return lines.joined(separator: "\n")
    }
}
