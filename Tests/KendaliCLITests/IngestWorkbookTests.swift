import Foundation
import Testing

/// The `.xlsx` weeks committed with the snapshot reader's tests.
private func workbookFixture(_ name: String) -> String {
    let here = #filePath
    guard let slash = here.lastIndex(of: "/") else { return name }
    return String(here[..<slash]) + "/../KendaliDataTests/Fixtures/" + name
}

@Suite("kendali ingest: workbooks, other files and paths")
struct IngestWorkbookTests {
    @Test("a folder with a .csv week and an .xlsx week stores both")
    func folderWithCSVAndWorkbook() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: workbookFixture("valid-xlsxwriter.xlsx"),
                                         toPath: data.appendingPathComponent("2026-02-02.xlsx").path)
        // The next week: the same rows a week later.
        let csv = try String(contentsOfFile: workbookFixture("valid.csv"), encoding: .utf8)
        try ingestWrite(csv.replacingOccurrences(of: "2026-02-02", with: "2026-02-09"), data, "2026-02-09.csv")
        let db = folder.appendingPathComponent("store.sqlite").path
        let run = runKendali(["ingest", data.path, "--db", db, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let stored = run.stdout.split(separator: "\n").filter { $0.contains(",imported,") }
        #expect(stored.count == 2)
        #expect(stored.first?.hasPrefix("2026-02-02.xlsx,2026-02-02,imported,1,4,") == true)
    }

    @Test("--sheet picks the worksheet; an error names the sheet and cell")
    func sheetOptionAndCellError() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let run = runKendali(["ingest", workbookFixture("valid-xlsxwriter.xlsx"), "--sheet", "Salah", "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("valid-xlsxwriter.xlsx:Salah!Q3: kolom 'progres_fisik': nilai '120'"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("an .xls file is one line saying what to save it as")
    func xlsOneLine() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        bytes += (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        try Data(bytes).write(to: folder.appendingPathComponent("minggu.xls"))
        let db = folder.appendingPathComponent("store.sqlite").path
        let run = runKendali(["ingest", folder.path, "--db", db])
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors == ["error: minggu.xls: an old Excel 97-2003 workbook (.xls) or a password-protected "
            + "workbook; save it as Excel Workbook (.xlsx) without a password, or as CSV UTF-8"])
    }

    @Test("a missing path is an error naming it, and no store is created")
    func missingPath() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let missing = folder.appendingPathComponent("nope").path + "/"
        let run = runKendali(["ingest", missing, "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: \(missing): tidak ada berkas atau folder dengan nama ini"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("an empty folder exits 1 with a hint, for ingest and for a folder read")
    func emptyFolder() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("store.sqlite").path
        let run = runKendali(["ingest", empty.path, "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("tidak ada berkas laporan (.csv atau .xlsx) di folder ini"))
        #expect(run.stderr.contains("petunjuk: "))
        #expect(!FileManager.default.fileExists(atPath: db))
        let status = runKendali(["status", empty.path])
        #expect(status.status == 1)
        #expect(status.stderr.contains("hint: "))
    }
}
