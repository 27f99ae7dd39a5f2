import Foundation
import Testing

/// A file committed with the snapshot reader's tests.
private func readerFixture(_ name: String) -> String {
    let here = #filePath
    guard let slash = here.lastIndex(of: "/") else { return name }
    return String(here[..<slash]) + "/../KendaliDataTests/Fixtures/" + name
}

@Suite("kendali ingest: files as Excel writes them, and long lists of errors")
struct IngestExcelFormsTests {
    @Test("a Windows-1252 CSV is stored with one warning naming the encoding")
    func windows1252() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let run = runKendali(["ingest", readerFixture("windows-1252.csv"), "--db", db, "--warnings", "--format", "csv", "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("windows-1252.csv,2026-02-02,imported,1,4,1,0"), "\(run.stdout)")
        #expect(run.stderr.contains("windows-1252.csv: warning: value 'Windows-1252' — expected UTF-8 text"))
        let id = runKendali(["ingest", readerFixture("windows-1252.csv"), "--db", db, "--warnings"])
        #expect(id.stderr.contains("berkas dibaca sebagai Windows-1252"), "\(id.stderr)")
    }

    @Test("a file with many errors lists 20, counts the rest by column and kind, and reports the total")
    func summarised() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = IngestCSV()
        for k in 0..<60 {
            csv.add(kode: String(5201012001 + k), date: "2026-02-02", tahap: "pembangunan", lahan: "siap",
                    progres: k < 45 ? "sekitar 5" : "40", units: k < 45 ? 0 : 9)
        }
        let path = try ingestWrite(csv.text, folder, "2026-02-02.csv")
        let db = folder.appendingPathComponent("store.sqlite").path
        let run = runKendali(["ingest", path, "--db", db, "--format", "json", "--lang", "en"])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "error: 2026-02-02.csv: rejected, 60 errors")
        #expect(lines.filter { $0.hasPrefix("  2026-02-02.csv:") }.count == 20)
        #expect(lines.contains("  and 25 more in progres_fisik: not a number"), "\(run.stderr)")
        #expect(lines.contains("  and 15 more in unit_usaha_aktif: not an integer 0–7"), "\(run.stderr)")
        #expect(run.stdout.contains("\"outcome\":\"refused\""))
        #expect(run.stdout.contains("\"errors\":60"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: db))
        let id = runKendali(["ingest", path, "--db", db]).stderr.split(separator: "\n").map(String.init)
        #expect(id.first == "error: 2026-02-02.csv: ditolak, 60 kesalahan")
        #expect(id.filter { $0.hasPrefix("  2026-02-02.csv:") }.count == 20)
        #expect(id.contains("  dan 25 lagi di progres_fisik: bukan angka"), "\(id)")
    }

    @Test("refused workbooks beside a stored week leave the store byte-identical")
    func refusedWorkbookLeavesStore() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let week = readerFixture("valid.csv")
        let first = runKendali(["ingest", week, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try #require(ingestBytes(db))
        let seed = try #require(ingestBytes(readerFixture("valid-openpyxl.xlsx")))
        // Cut short, a byte of the compressed sheet changed, and a zip of nothing.
        var flipped = [UInt8](seed)
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        func isSheetHeader(_ at: Int) -> Bool {
            guard at + 30 + name.count <= flipped.count, flipped[at] == 0x50, flipped[at + 1] == 0x4B,
                  flipped[at + 2] == 0x03 else { return false }
            return Array(flipped[(at + 30)..<(at + 30 + name.count)]) == name
        }
        let found = (0..<flipped.count).first(where: isSheetHeader)
        let header = try #require(found)
        flipped[header + 30 + name.count + 40] ^= 0xFF
        let mutants: [[UInt8]] = [
            Array(seed.prefix(seed.count / 2)), Array(seed.prefix(seed.count - 30)), flipped,
            [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18),
        ]
        for (k, bytes) in mutants.enumerated() {
            let path = folder.appendingPathComponent("2026-02-09-\(k).xlsx").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            // The stored week again (unchanged) opens the store; the workbook is refused.
            let run = runKendali(["ingest", week, path, "--db", db, "--format", "csv"])
            #expect(run.status == 1, "mutant \(k): \(run.stdout)")
            #expect(run.stdout.contains("2026-02-09-\(k).xlsx,,refused,"), "mutant \(k): \(run.stdout)")
            #expect(run.stdout.contains("valid.csv,2026-02-02,unchanged,"), "mutant \(k): \(run.stdout)")
            #expect(ingestBytes(db) == before, "mutant \(k): the store changed")
            #expect(!FileManager.default.fileExists(atPath: db + "-wal"), "mutant \(k)")
        }
    }
}
