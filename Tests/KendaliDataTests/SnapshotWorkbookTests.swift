import Foundation
import KendaliData
import Testing

@Suite("snapshot reader: .xlsx workbooks and files that are no table")
struct SnapshotWorkbookTests {
    @Test("a week written by openpyxl or XlsxWriter gives the records of the same week as CSV",
          arguments: ["valid-openpyxl.xlsx", "valid-xlsxwriter.xlsx"])
    func workbookMatchesCSV(name: String) throws {
        let csv = try SnapshotFixtures.read("valid.csv")
        let workbook = try SnapshotFixtures.read(name)
        #expect(workbook.fileName == name)
        #expect(workbook.reportDate == csv.reportDate)
        #expect(workbook.records == csv.records)
        #expect(workbook.warnings.map(\.kind) == csv.warnings.map(\.kind))
        // The digest and size are the workbook's own bytes.
        let bytes = try #require(FileManager.default.contents(atPath: SnapshotFixtures.path(name)))
        #expect(workbook.byteCount == bytes.count)
        #expect(workbook.contentDigest != csv.contentDigest)
        // Each record's line is its row in the sheet (the header is row 1).
        #expect(workbook.recordLines == [2, 3, 4, 5])
    }

    @Test("an error in a cell names the file, sheet and cell, and the column")
    func errorLocatedInCell() throws {
        let path = SnapshotFixtures.path("valid-xlsxwriter.xlsx")
        do {
            _ = try SnapshotReader.read(contentsOf: path, sheet: "Salah")
            Issue.record("the sheet with progres_fisik 120 was accepted")
        } catch {
            #expect(error.issues.count == 1)
            let issue = try #require(error.issues.first)
            #expect(issue.kind == .progressOutOfRange)
            #expect(issue.cell == "Salah!Q3")
            #expect(issue.line == 3)
            #expect(issue.description.hasPrefix(
                "valid-xlsxwriter.xlsx:Salah!Q3: column 'progres_fisik': value '120'"))
        }
    }

    @Test("a warning against last week names the workbook's cell")
    func crossWeekWarningLocated() throws {
        let workbook = try SnapshotFixtures.read("valid-openpyxl.xlsx")
        // Last week 5201012001 (row 2, 62.5 now) was at 70.
        var previous: [CooperativeCode: SnapshotRecord] = [:]
        for var record in try SnapshotFixtures.read("valid.csv").records {
            record.tanggal = try #require(Day(parsing: "2026-01-26"))
            if record.kode.value == 5201012001 { record.progresFisik = 70 }
            previous[record.kode] = record
        }
        let warnings = SnapshotValidator.crossWeekWarnings(previous: previous, current: workbook)
        let decreased = try #require(warnings.first { $0.kind == .progressDecreased })
        #expect(decreased.cell == "Minggu!Q2")
        #expect(decreased.description.hasPrefix("valid-openpyxl.xlsx:Minggu!Q2: warning: column 'progres_fisik'"))
    }

    @Test("a sheet that does not exist is one error naming the sheets there are")
    func missingSheet() {
        do {
            _ = try SnapshotReader.read(contentsOf: SnapshotFixtures.path("valid-openpyxl.xlsx"), sheet: "Tidak")
            Issue.record("a missing sheet was accepted")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.kind == .unreadableFile)
            #expect(error.description.contains("Minggu"))
        }
    }

    @Test("an .xls workbook, or a .csv that is one, is refused in one line saying what to save it as",
          arguments: ["old.xls", "week.csv"])
    func oldExcelOneLine(name: String) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-xls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // An OLE compound file's magic, then bytes that are no UTF-8.
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        bytes += (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SnapshotReader.read(contentsOf: path)
            Issue.record("an .xls file was accepted")
        } catch {
            #expect(error.issues.map(\.kind) == [.notATable])
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("\(name): an old Excel 97-2003 workbook (.xls)"))
            #expect(error.description.contains("save it as Excel Workbook (.xlsx)"))
        }
    }

    @Test("a folder's .xlsx weeks are read beside its .csv weeks")
    func folderWithWorkbook() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: SnapshotFixtures.path("valid-openpyxl.xlsx"),
                                         toPath: folder.appendingPathComponent("2026-02-02.xlsx").path)
        // The next week: the same rows a week later.
        let csv = try String(contentsOfFile: SnapshotFixtures.path("valid.csv"), encoding: .utf8)
        try Data(csv.replacingOccurrences(of: "2026-02-02", with: "2026-02-09").utf8)
            .write(to: folder.appendingPathComponent("week-2.csv"))
        try Data("not a week".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let files = try SnapshotHistory.snapshotFiles(in: folder.path)
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["2026-02-02.xlsx", "week-2.csv"])
        let history = try SnapshotHistory.load(folder: folder.path)
        #expect(history.weeks.count == 2)
    }

    @Test("a folder without a snapshot file is an error with a hint")
    func emptyFolder() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try SnapshotHistory.load(folder: folder.path)
            Issue.record("an empty folder was read")
        } catch {
            #expect(error.description.contains("no snapshot file (.csv or .xlsx) in the folder"))
            #expect(error.description.contains("hint: "))
        }
    }
}
