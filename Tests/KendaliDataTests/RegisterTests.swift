import Foundation
import KendaliData
import Spreadsheet
import Testing

/// The register of the test files of `storeTestFile(count:week:)`: cooperatives 0..<count
/// with the names `storeTestRecord` gives them.
func storeTestRegister(count: Int, fileName: String = "koperasi.csv") throws -> CooperativeRegister {
    let file = try storeTestFile(count: count, week: 0)
    let entries = file.records.map {
        RegisteredCooperative(
            kode: $0.kode, nama: $0.nama, desa: $0.desa ?? "", kecamatan: $0.kecamatan ?? "",
            kabupaten: $0.kabupaten ?? "")
    }
    let text = CooperativeRegister.csv(entries)
    return CooperativeRegister(
        fileName: fileName, contentDigest: SnapshotDigest.sha256Hex(Array(text.utf8)), entries: entries)
}

@Suite("Week checks: the date in a file's name and the reporting weekday")
struct ReportWeekTests {
    @Test("a name carries a date when it holds exactly one, in either order, not inside a number")
    func namesCarryDates() {
        let day = Day(year: 2026, month: 12, day: 4)
        #expect(ReportWeek.dateInFileName("2026-12-04.csv") == day)
        #expect(ReportWeek.dateInFileName("laporan_2026-12-04.xlsx") == day)
        #expect(ReportWeek.dateInFileName("some/folder/NTB 04-12-2026.csv") == day)
        #expect(ReportWeek.dateInFileName("laporan_2026_12_04_final.csv") == day)
        #expect(ReportWeek.dateInFileName("minggu-49.csv") == nil)
        #expect(ReportWeek.dateInFileName("20261204.csv") == nil)
        #expect(ReportWeek.dateInFileName("2026-12-04_vs_2026-12-11.csv") == nil)
        #expect(ReportWeek.dateInFileName("2026-12-04_dan_04-12-2026.csv") == day)
        #expect(ReportWeek.dateInFileName("12026-12-04.csv") == nil)
        #expect(ReportWeek.dateInFileName("2026-13-04.csv") == nil)
        #expect(ReportWeek.dateInFileName("2026-12/04.csv") == nil)
    }

    @Test("the usual weekday is the most common one, ties to the latest date's")
    func usualWeekday() throws {
        let friday = try #require(Day(year: 2026, month: 11, day: 27))
        #expect(friday.isoWeekday == 5)
        #expect(ReportWeek.usualWeekday(of: []) == nil)
        #expect(ReportWeek.usualWeekday(of: [friday, friday.adding(days: 7), friday.adding(days: 13)]) == 5)
        #expect(ReportWeek.usualWeekday(of: [friday, friday.adding(days: 6)]) == 4)
        let warning = try #require(ReportWeek.weekdayWarning(
            date: friday.adding(days: 6), stored: [friday, friday.adding(days: -7)], fileName: "x.csv"))
        #expect(warning.kind == .unusualWeekday && warning.severity == .warning)
        #expect(warning.expected.contains("Friday") && warning.value?.contains("Thursday") == true)
        #expect(ReportWeek.weekdayWarning(date: friday, stored: [friday.adding(days: -7)], fileName: "x.csv") == nil)
        #expect(ReportWeek.weekdayWarning(date: friday, stored: [], fileName: "x.csv") == nil)
    }
}

@Suite("The register of cooperatives")
struct RegisterTests {
    static let header = "kode_koperasi,nama_koperasi,desa,kecamatan,kabupaten\n"

    @Test("CSV with commas or semicolons, a BOM, dotted codes, extra columns, any order")
    func readsCSV() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        storeWriteText(Self.header + "5201011001,KKMP A,A,Kec,Kabupaten Lombok Barat\n52.01.01.2002,,B,Kec,Kabupaten Lombok Barat\n\n", to: folder + "/a.csv")
        let a = try CooperativeRegister.read(contentsOf: folder + "/a.csv")
        #expect(a.count == 2 && a.fileName == "a.csv")
        #expect(a.entry(of: CooperativeCode(value: 5_201_012_002)!)?.nama == nil)
        storeWriteText("\u{FEFF}Kabupaten;Desa;KODE_KOPERASI;catatan;Nama_Koperasi;kecamatan\nLombok;A;5201011001;x;KKMP A;Kec\n", to: folder + "/b.csv")
        let b = try CooperativeRegister.read(contentsOf: folder + "/b.csv")
        #expect(b.entries == [RegisteredCooperative(
            kode: CooperativeCode(value: 5_201_011_001)!, nama: "KKMP A", desa: "A", kecamatan: "Kec", kabupaten: "Lombok")])
    }

    @Test("every problem of a register is reported and nothing is returned")
    func refusesBadRegisters() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        storeWriteText(Self.header + "52010X1001,A,A,K,B\n5201011002,A,A,K,B\n5201011002,A,A,K,B\n5201011003,A,,K,B\n", to: folder + "/bad.csv")
        do {
            _ = try CooperativeRegister.read(contentsOf: folder + "/bad.csv")
            Issue.record("a register with errors was read")
        } catch {
            #expect(error.problems.count == 3)
            #expect(error.description.hasPrefix("bad.csv: register refused, 3 errors"))
            #expect(error.problems[0].hasPrefix("bad.csv:2: column 'kode_koperasi'"))
            #expect(error.problems[1].contains("already registered at bad.csv:3"))
            #expect(error.problems[2].contains("empty desa"))
        }
        storeWriteText("kode_koperasi,desa\n5201011001,A\n", to: folder + "/cols.csv")
        #expect(throws: RegisterError.self) { try CooperativeRegister.read(contentsOf: folder + "/cols.csv") }
        storeWriteText("%PDF-1.4 not a table", to: folder + "/x.pdf")
        do {
            _ = try CooperativeRegister.read(contentsOf: folder + "/x.pdf")
            Issue.record("a PDF was read as a register")
        } catch {
            #expect(error.description.contains("PDF"))
        }
    }

    @Test("an .xlsx register is read through the workbook reader, codes as numbers or text")
    func readsWorkbook() throws {
        let folder = storeTemporaryFolder()
        defer { storeRemoveFolder(folder) }
        let table = SpreadsheetTable(name: "Daftar", headerRows: [RegisterTests.columns], rows: [
            [.number(5_201_011_001), .string("KKMP A"), .string("A"), .string("Kec"), .string("Kab")],
            [.string("5201011002"), .empty, .string("B"), .string("Kec"), .string("Kab")],
        ])
        try WorkbookWriter.write([table], to: URL(fileURLWithPath: folder + "/koperasi.xlsx"))
        let register = try CooperativeRegister.read(contentsOf: folder + "/koperasi.xlsx")
        #expect(register.entries.map(\.kode.value) == [5_201_011_001, 5_201_011_002])
        #expect(register.entries[1].nama == nil)
    }

    static let columns = CooperativeRegister.columns

    @Test("the nearest codes: edit distance on the ten digits, then the closest number")
    func nearestCodes() throws {
        let codes: [Int64] = [5_201_011_999, 5_201_019_990, 5_201_012_001, 5_202_019_999, 5_301_019_998]
        let register = CooperativeRegister(fileName: "k.csv", contentDigest: "", entries: codes.map {
            RegisteredCooperative(kode: CooperativeCode(value: $0)!, nama: nil, desa: "d", kecamatan: "k", kabupaten: "b")
        })
        let near = register.nearestCodes(to: CooperativeCode(value: 5_201_019_999)!)
        // One digit away: 5201011999, 5201019990, 5202019999; 5301019998 is two away.
        #expect(near.map(\.value) == [5_201_019_990, 5_201_011_999, 5_202_019_999])
        // A swap of neighbouring digits counts one.
        #expect(register.nearestCodes(to: CooperativeCode(value: 5_201_021_001)!, limit: 1).map(\.value) == [5_201_012_001])
        #expect(register.nearestCodes(to: CooperativeCode(value: 7_777_777_777)!).isEmpty)
        #expect(register.name(of: AdminUnit(level: .regency, code: 5201)) == "b")
        #expect(register.name(of: AdminUnit(level: .regency, code: 5203)) == nil)
        #expect(CooperativeRegister.sameName("Kabupaten  Lombok Tengah ", "kabupaten lombok tengah"))
        #expect(!CooperativeRegister.sameName("Kab. Lombok Tengah", "Kabupaten Lombok Tengah"))
    }

    @Test("the bundled register lists every cooperative of the bundled data with its names")
    func bundledRegister() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let register = try CooperativeRegister.read(contentsOf: root.path + "/datasets/ntb/koperasi.csv")
        #expect(register.count == 1166)
        let history = try SnapshotHistory.load(folder: root.path + "/datasets/ntb/snapshots")
        let names = history.cooperativeNames()
        #expect(Set(names.keys) == Set(register.entries.map(\.kode)))
        for e in register.entries {
            let n = try #require(names[e.kode])
            #expect(n.nama == e.nama && n.desa == e.desa && n.kecamatan == e.kecamatan && n.kabupaten == e.kabupaten)
        }
    }
}
