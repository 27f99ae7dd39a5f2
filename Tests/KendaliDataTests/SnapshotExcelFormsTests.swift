import CSV
import Foundation
import Testing
@testable import KendaliData

/// A week's rows with the values a test sets, as text: `row` writes one row of the spec's
/// columns (`,` or `;` between fields).
enum ExcelForms {
    static func row(
        _ code: Int64, date: String = "2026-02-02", anggota: String = "25", progres: String = "50",
        omzet: String = "", nib: String = "1", catatan: String = "", separator: String = ","
    ) -> String {
        [
            String(code), "KDMP \(code)", "Desa", "Kec", "Kab", date, "pembangunan", "1", "1", anggota,
            "1", nib, "1", "1", "1", "siap", progres, "1", omzet, "", "0", "0", "0", "0", catatan,
        ].joined(separator: separator)
    }

    /// The header and `rows`, `;`-separated when `separator` is `;`.
    static func file(_ rows: [String], separator: String = ",") -> [UInt8] {
        let header = SnapshotFixtures.header.replacingOccurrences(of: ",", with: separator)
        return Array(([header] + rows).joined(separator: "\n").utf8) + [0x0A]
    }

    /// The file read by the fast and the careful lanes, which must agree.
    static func read(_ bytes: [UInt8], _ label: String = "") -> Result<SnapshotFile, SnapshotFileError> {
        let (fast, careful) = bytes.withUnsafeBytes { raw in
            var a = SnapshotParser(bytes: raw, fileName: "f.csv", fastLane: true)
            var b = SnapshotParser(bytes: raw, fileName: "f.csv", fastLane: false)
            return (a.run(), b.run())
        }
        switch (fast, careful) {
        case let (.success(a), .success(b)):
            #expect(a.records == b.records && a.warnings == b.warnings && a.reportDate == b.reportDate,
                    "\(label): the lanes differ")
        case let (.failure(a), .failure(b)):
            #expect(a.issues == b.issues && a.omitted == b.omitted, "\(label): the lanes differ")
        default:
            Issue.record("\(label): one lane accepted the file, the other refused it")
        }
        return fast
    }

    /// The one record of a file of one row, or `nil` with the issue recorded.
    static func record(_ row: String, separator: String = ",") -> SnapshotRecord? {
        switch read(file([row], separator: separator), row) {
        case let .success(file): return file.records.first
        case let .failure(error):
            Issue.record("\(row): \(error)")
            return nil
        }
    }

    /// The issues of a file of one row (empty when accepted).
    static func issues(_ row: String, separator: String = ",") -> [SnapshotIssue] {
        switch read(file([row], separator: separator), row) {
        case .success: return []
        case let .failure(error): return error.issues
        }
    }
}

@Suite("Snapshot reader: CSV saved by Excel on Windows (Windows-1252)")
struct SnapshotWindows1252Tests {
    @Test("a Windows-1252 file with curly quotes in catatan is read, with one warning naming the encoding")
    func readWithWarning() throws {
        let file = try SnapshotFixtures.read("windows-1252.csv")
        #expect(file.records.count == 4)
        let byCode = Dictionary(uniqueKeysWithValues: file.records.map { ($0.kode.value, $0) })
        #expect(byCode[5201012001]?.catatan == "“hujan deras” – material terlambat")
        #expect(byCode[5202011001]?.catatan == "koperasi ‘percontohan’, café €")
        #expect(byCode[5201012001]?.omzetBulanan == 15_000_000)
        #expect(byCode[5202011001]?.omzetBulanan == 85_000_000)
        #expect(byCode[5201012001]?.progresFisik == 62.5)
        #expect(file.warnings.map(\.kind) == [.windows1252Text])
        let warning = try #require(file.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.description.hasPrefix("windows-1252.csv: warning: value 'Windows-1252' — expected UTF-8 text"))
        // The digest and size are the file's own bytes.
        let bytes = try FileBytes.read(path: SnapshotFixtures.path("windows-1252.csv"))
        #expect(file.byteCount == bytes.count)
        #expect(file.contentDigest == bytes.withUnsafeBytes { SnapshotDigest.sha256Hex($0) })
        // The same week in UTF-8 gives the same records, without the warning.
        let utf8 = bytes.withUnsafeBytes { TextEncoding.utf8(fromWindows1252: $0) }
        let same = try SnapshotReader.parse(bytes: utf8, fileName: "utf8.csv")
        #expect(same.records == file.records)
        #expect(same.warnings.isEmpty)
    }

    @Test("a file that is neither UTF-8 nor Windows-1252 is refused with one message, however many bytes are bad")
    func neitherOneMessage() throws {
        var rows: [String] = []
        for k in 0..<50 { rows.append(ExcelForms.row(5201012001 + Int64(k), catatan: "QUOTE\(k)QUOTE")) }
        let bytes = ExcelForms.file(rows)
        // Every QUOTE a Windows-1252 curly quote (0x93), then one byte undefined there.
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i...].starts(with: Array("QUOTE".utf8)) {
                out.append(0x93)
                i += 5
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        out.insert(0x81, at: out.count - 3)
        guard case let .failure(error) = ExcelForms.read(out) else {
            Issue.record("accepted")
            return
        }
        #expect(error.issues.count == 1)
        #expect(error.errorCount == 1)
        let issue = try #require(error.issues.first)
        #expect(issue.kind == .invalidUTF8)
        #expect(issue.line == 2)
        #expect(issue.value?.hasPrefix("byte 0x93 at offset ") == true)
        #expect(issue.expected.contains("byte 0x81"))
        #expect(issue.expected.contains("undefined in Windows-1252"))
        #expect(error.description.split(separator: "\n").count == 2)
    }

    @Test("bad bytes after a UTF-8 byte-order mark are one error: the mark declares UTF-8")
    func byteOrderMark() {
        let bytes = [0xEF, 0xBB, 0xBF] + ExcelForms.file([ExcelForms.row(5201012001, catatan: "x")]).dropLast(2)
            + [0x93, 0x0A]
        guard case let .failure(error) = ExcelForms.read(Array(bytes)) else {
            Issue.record("accepted")
            return
        }
        #expect(error.issues.map(\.kind) == [.invalidUTF8])
        #expect(error.issues.first?.expected.contains("byte-order mark") == true)
    }
}

@Suite("Snapshot reader: thousands separators and rupiah")
struct SnapshotThousandsTests {
    @Test("omzet_bulanan in Indonesian forms reads as a whole number of rupiah", arguments: [
        ("3.551.000", 3_551_000), ("Rp 3.551.000", 3_551_000), ("Rp3.551.000", 3_551_000),
        ("Rp. 3.551.000", 3_551_000), ("rp 3.551.000", 3_551_000), ("RP.3.551.000", 3_551_000),
        ("Rp 3551000", 3_551_000), ("Rp\u{00A0}3.551.000", 3_551_000), ("\"Rp 3.551.000,00\"", 3_551_000),
        ("\"3.551.000,-\"", 3_551_000), ("1.234", 1234), ("Rp 1.000", 1000), ("\"1.000,-\"", 1000),
        ("12.345.678.901", 12_345_678_901), ("3551000", 3_551_000), ("+5", 5), ("500.000", 500_000),
        ("25.000", 25_000),
    ] as [(String, Int64)])
    func money(text: String, value: Int64) {
        #expect(ExcelForms.record(ExcelForms.row(5201012001, omzet: text))?.omzetBulanan == value)
    }

    @Test("counts take thousands dots; a file with decimal commas reads 1.000 as 1000", arguments: [
        ("1.234", ",", 1234), ("12.345", ",", 12345), ("1.000", ";", 1000), ("25.000", ";", 25000),
    ] as [(String, String, Int)])
    func counts(text: String, separator: String, value: Int) {
        let row = ExcelForms.row(5201012001, anggota: text, separator: separator)
        #expect(ExcelForms.record(row, separator: separator)?.jumlahAnggota == value)
    }

    @Test("a separator file with decimal commas reads rupiah with a comma tail", arguments: [
        "3.551.000,00", "Rp 3.551.000,00", "3.551.000", "Rp3.551.000,-",
    ])
    func semicolonMoney(text: String) {
        let row = ExcelForms.row(5201012001, progres: "62,5", omzet: text, separator: ";")
        let record = ExcelForms.record(row, separator: ";")
        #expect(record?.omzetBulanan == 3_551_000)
        #expect(record?.progresFisik == 62.5)
    }

    @Test("malformed groupings stay errors", arguments: [
        "3.55.000", "3551.000", "0.500", "1.2345", "Rp", "\"3.551.000,5\"", "\"Rp 3,551,000\"", "1..000",
        ".500", "3.551.000.", "Rp 3.551.000 juta", "12.5", "1e3",
    ])
    func malformed(text: String) {
        #expect(ExcelForms.issues(ExcelForms.row(5201012001, omzet: text)).map(\.kind) == [.invalidCount])
    }

    @Test("the rupiah forms belong to omzet_bulanan alone")
    func rupiahOnlyInMoney() {
        #expect(ExcelForms.issues(ExcelForms.row(5201012001, anggota: "Rp 25")).map(\.kind) == [.invalidCount])
        #expect(ExcelForms.issues(ExcelForms.row(5201012001, anggota: "\"1.000,-\"")).map(\.kind) == [.invalidCount])
    }

    @Test("negative amounts in any form are negative counts", arguments: ["-3.551.000", "-Rp 5.000", "Rp -5.000"])
    func negative(text: String) {
        #expect(ExcelForms.issues(ExcelForms.row(5201012001, omzet: text)).map(\.kind) == [.negativeCount])
    }

    @Test("1.000 in a count of a file whose decimal mark is the point is an error showing both readings")
    func ambiguous() throws {
        let issues = ExcelForms.issues(ExcelForms.row(5201012001, anggota: "1.000"))
        try #require(issues.count == 1)
        #expect(issues[0].kind == .ambiguousNumber)
        #expect(issues[0].column == "jumlah_anggota")
        #expect(issues[0].value == "1.000")
        #expect(issues[0].description == "f.csv:2: column 'jumlah_anggota': value '1.000' — expected a number "
            + "with one reading: this is 1000 (dot as thousands separator) or 1 (dot as decimal point); write 1000 or 1")
        // anggota_aktif too; rupiah are never written with three decimals.
        let aktif = ExcelForms.file([ExcelForms.row(5201012001).replacingOccurrences(of: ",,0,0,0,0,", with: ",25.000,0,0,0,0,")])
        guard case let .failure(error) = ExcelForms.read(aktif) else {
            Issue.record("anggota_aktif 25.000 accepted")
            return
        }
        #expect(error.issues.map(\.kind) == [.ambiguousNumber])
        #expect(error.issues.first?.column == "anggota_aktif")
        #expect(error.issues.first?.expected.contains("or 25 (dot as decimal point)") == true)
    }

    @Test("progres_fisik reads 1.234,5 as 1234.5 (out of range) and keeps its plain forms")
    func decimalColumn() {
        let grouped = Array("1.234,5".utf8).withUnsafeBytes { CSVBytes.groupedDecimal($0, 0, $0.count) }
        #expect(grouped == 1234.5)
        let millions = Array("1.234.567".utf8).withUnsafeBytes { CSVBytes.groupedDecimal($0, 0, $0.count) }
        #expect(millions == 1_234_567)
        for text in ["1.234", "62,5", "0.500", "1.2345"] {
            let none = Array(text.utf8).withUnsafeBytes { CSVBytes.groupedDecimal($0, 0, $0.count) }
            #expect(none == nil, "\(text)")
        }
        #expect(ExcelForms.issues(ExcelForms.row(5201012001, progres: "1.234,5", separator: ";"), separator: ";")
            .map(\.kind) == [.progressOutOfRange])
        #expect(ExcelForms.issues(ExcelForms.row(5201012001, progres: "\"1.234,5\"")).map(\.kind)
            == [.progressOutOfRange])
        // Accepted before, accepted now: the thousands reading 1234 is outside 0–100.
        #expect(ExcelForms.record(ExcelForms.row(5201012001, progres: "1.234"))?.progresFisik == 1.234)
        #expect(ExcelForms.record(ExcelForms.row(5201012001, progres: "1.234", separator: ";"), separator: ";")?
            .progresFisik == 1.234)
        #expect(ExcelForms.record(ExcelForms.row(5201012001, progres: "62,5", separator: ";"), separator: ";")?
            .progresFisik == 62.5)
    }
}

@Suite("Snapshot reader: a long list of errors summarised, and the week's date")
struct SnapshotErrorSummaryTests {
    @Test("at most 20 errors are listed, then one line per column and kind with the rest")
    func summary() throws {
        var rows: [String] = []
        for k in 0..<30 { rows.append(ExcelForms.row(5201012001 + Int64(k), omzet: "sekitar \(k)")) }
        for k in 30..<40 { rows.append(ExcelForms.row(5201012001 + Int64(k), nib: "2")) }
        rows.append(ExcelForms.row(5201012090, omzet: "lima", nib: "3"))
        guard case let .failure(error) = ExcelForms.read(ExcelForms.file(rows)) else {
            Issue.record("accepted")
            return
        }
        #expect(error.errorCount == 42)
        #expect(error.issues.count == 42)
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.first == "f.csv: rejected, 42 errors")
        #expect(lines.count == 1 + 20 + 2)
        #expect(lines[1] == "  f.csv:2: column 'omzet_bulanan': value 'sekitar 0' — expected an integer ≥ 0")
        #expect(lines[20].hasPrefix("  f.csv:21: "))
        #expect(lines[21] == "  and 11 more in omzet_bulanan: not a whole number ≥ 0")
        #expect(lines[22] == "  and 11 more in nib: not 0 or 1")
        #expect(error.unlistedCounts.reduce(0) { $0 + $1.count } == 22)
    }

    @Test("past the errors kept, the total and the counts by column and kind still add up")
    func pastTheLimit() throws {
        var text = SnapshotFixtures.header + "\n"
        let extra = 5
        for k in 0..<(SnapshotReader.maximumIssues + extra) {
            text += ExcelForms.row(5201012001 + Int64(k), omzet: "x") + "\n"
        }
        do {
            _ = try SnapshotReader.parse(bytes: Array(text.utf8), fileName: "big.csv")
            Issue.record("accepted")
        } catch {
            let total = SnapshotReader.maximumIssues + extra
            #expect(error.errorCount == total)
            #expect(error.issues.count == SnapshotReader.maximumIssues + 1)
            #expect(error.omitted == [SnapshotIssueCount(column: "omzet_bulanan", kind: .invalidCount, count: extra)])
            let lines = error.description.split(separator: "\n")
            #expect(lines.first == "big.csv: rejected, \(total) errors")
            #expect(lines.count == 22)
            #expect(lines.last == "  and \(total - 20) more in omzet_bulanan: not a whole number ≥ 0")
        }
    }

    @Test("the week's date is the one most rows carry: ten rows with another date are ten errors",
          arguments: [0, 17, 190])
    func majorityDate(firstOdd: Int) throws {
        var rows: [String] = []
        for k in 0..<200 {
            let odd = k >= firstOdd && k < firstOdd + 10
            rows.append(ExcelForms.row(5201012001 + Int64(k), date: odd ? "09/02/2026" : "2026-02-02"))
        }
        guard case let .failure(error) = ExcelForms.read(ExcelForms.file(rows), "first odd \(firstOdd)") else {
            Issue.record("accepted")
            return
        }
        #expect(error.issues.count == 10)
        #expect(error.issues.allSatisfy { $0.kind == .differingDate && $0.value == "09/02/2026" })
        #expect(error.issues.map(\.line) == (firstOdd..<(firstOdd + 10)).map { $0 + 2 })
        #expect(error.issues.first?.expected == "2026-02-02, the date of most rows (190 of 200)")
        #expect(error.description.hasPrefix("f.csv: rejected, 10 errors\n"))
    }

    @Test("when the first rows carry the minority date, those rows are the errors, as written")
    func majorityLaterInFile() throws {
        var rows: [String] = []
        for k in 0..<3 { rows.append(ExcelForms.row(5201012001 + Int64(k), date: "2026-02-09")) }
        for k in 3..<8 { rows.append(ExcelForms.row(5201012001 + Int64(k), date: k == 5 ? "02/02/2026" : "2026-02-02")) }
        guard case let .failure(error) = ExcelForms.read(ExcelForms.file(rows)) else {
            Issue.record("accepted")
            return
        }
        #expect(error.issues.map(\.line) == [2, 3, 4])
        #expect(error.issues.map(\.value) == ["2026-02-09", "2026-02-09", "2026-02-09"])
        #expect(error.issues.first?.expected == "2026-02-02, the date of most rows (5 of 8)")
    }

    @Test("on a tie the date met first is the week's")
    func tie() throws {
        let rows = (0..<4).map { k in
            ExcelForms.row(5201012001 + Int64(k), date: k % 2 == 0 ? "2026-02-02" : "2026-02-09")
        }
        guard case let .failure(error) = ExcelForms.read(ExcelForms.file(rows)) else {
            Issue.record("accepted")
            return
        }
        #expect(error.issues.map(\.line) == [3, 5])
        #expect(error.issues.first?.expected == "2026-02-02, the date of most rows (2 of 4)")
    }

    @Test("a valid file's week is its date, whatever lane reads its rows")
    func validWeek() throws {
        let rows = (0..<5).map { ExcelForms.row(5201012001 + Int64($0), date: $0 == 2 ? "02/02/2026" : "2026-02-02") }
        guard case let .success(file) = ExcelForms.read(ExcelForms.file(rows)) else {
            Issue.record("refused")
            return
        }
        #expect(file.reportDate == SnapshotFixtures.day("2026-02-02"))
        #expect(file.records.count == 5)
    }
}
