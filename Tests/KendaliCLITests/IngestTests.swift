import Foundation
import Randomness
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("kendali ingest and history")
struct IngestTests {
    @Test("a folder goes in by date; a refused file prints every error and stores nothing")
    func ingestFolderWithRefusedFile() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // Names out of date order: the later week sorts first by name.
        try ingestWrite(IngestFixture.week("2025-07-14", progress: "45"), data, "a-second.csv")
        try ingestWrite(IngestFixture.week("2025-07-07"), data, "b-first.csv")
        try ingestWrite(IngestFixture.broken, data, "c-broken.csv")
        let db = folder.appendingPathComponent("store.sqlite").path

        let run = runKendali(["ingest", data.path, "--db", db, "--format", "csv", "--lang", "en"])
        #expect(run.status != 0)
        // Every error of the broken file, with file, line, column, value (in English here).
        #expect(run.stderr.contains("c-broken.csv:2: column 'progres_fisik': value '120'"))
        #expect(run.stderr.contains("c-broken.csv:3: column 'tahap': value 'dibangun'"))
        #expect(run.stderr.contains("c-broken.csv:3: column 'badan_hukum': value 'maybe'"))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "file,report_date,outcome,revision,rows,warnings,errors")
        #expect(lines.contains { $0.hasPrefix("c-broken.csv,,refused,,0,0,") })
        // Stored in date order: the first week first.
        let stored = lines.filter { $0.contains(",imported,") }
        #expect(stored == ["b-first.csv,2025-07-07,imported,1,2,0,0", "a-second.csv,2025-07-14,imported,1,2,0,0"])

        let status = runKendali(["status", "--db", db, "--format", "csv"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains(",2025-07-14,2025-07-07,regency,5201,Lombok Barat,2,"))
    }

    @Test("re-importing the same files: unchanged, and the store file is byte-identical")
    func reimportIsIdempotent() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let week = try ingestWrite(IngestFixture.week("2025-07-07"), folder, "w1.csv")
        let db = folder.appendingPathComponent("store.sqlite").path
        let first = runKendali(["ingest", week, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try #require(ingestBytes(db))
        let again = runKendali(["ingest", week, "--db", db, "--format", "csv"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("w1.csv,2025-07-07,unchanged,1,2,0,0"))
        #expect(ingestBytes(db) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))

        // A refused file leaves the store byte-for-byte as it was.
        let broken = try ingestWrite(IngestFixture.broken, folder, "broken.csv")
        let refused = runKendali(["ingest", broken, "--db", db])
        #expect(refused.status != 0)
        #expect(ingestBytes(db) == before)
        // So does a different file for a stored week without --replace.
        let other = try ingestWrite(IngestFixture.week("2025-07-07", progress: "41"), folder, "w1-fixed.csv")
        let clash = runKendali(["ingest", other, "--db", db])
        #expect(clash.status != 0)
        #expect(clash.stderr.contains("minggu 2025-07-07 sudah tersimpan dari 'w1.csv' (revisi 1);"))
        #expect(clash.stderr.contains("pakai --replace untuk menyimpannya sebagai revisi 2 minggu 2025-07-07"))
        #expect(ingestBytes(db) == before)
    }

    @Test("--replace keeps the old revision; history shows both")
    func replaceAndHistory() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let week = try ingestWrite(IngestFixture.week("2025-07-07"), folder, "w1.csv")
        let fixed = try ingestWrite(IngestFixture.week("2025-07-07", progress: "41.5"), folder, "w1-fixed.csv")
        let db = folder.appendingPathComponent("store.sqlite").path
        #expect(runKendali(["ingest", week, "--db", db]).status == 0)
        let replaced = runKendali(["ingest", fixed, "--db", db, "--replace", "--format", "csv"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("w1-fixed.csv,2025-07-07,replaced,2,2,0,0"))

        let history = runKendali(["history", "5201012002", "--db", db, "--format", "csv"])
        #expect(history.status == 0, "\(history.stderr)")
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "kode_koperasi,report_date,file,revision,active,tahap,status_lahan,progres_fisik,zone,rule_set,reported")
        #expect(lines[1].hasPrefix("5201012002,2025-07-07,w1.csv,1,0,pembangunan,siap,40,kuning,"))
        #expect(lines[2].hasPrefix("5201012002,2025-07-07,w1-fixed.csv,2,1,pembangunan,siap,41.5,kuning,"))

        let json = runKendali(["history", "52.01.01.2001", "--db", db, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"zone\":\"hijau\""))
        #expect(json.stdout.contains("\"active\":false"))

        let unknown = runKendali(["history", "5201019999", "--db", db])
        #expect(unknown.status != 0)
        let missing = runKendali(["history", "5201012002", "--db", folder.appendingPathComponent("none.sqlite").path])
        #expect(missing.status != 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("none.sqlite").path))
    }

    @Test("SIGKILL in the middle of a large import leaves the store as before that file")
    func killedImportLeavesStoreUnchanged() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let small = try ingestWrite(IngestFixture.week("2025-07-07"), folder, "w1.csv")
        #expect(runKendali(["ingest", small, "--db", db]).status == 0)
        let before = try #require(ingestBytes(db))

        // 200,000 cooperatives, seeded, all valid (names given: each appears first here).
        let rows = 200_000
        var generator = IngestRandom(seed: 20_250_714)
        var text = IngestCSV.header + "\n"
        text.reserveCapacity(rows * 130)
        let stages = ["terdaftar", "portal", "pembangunan", "selesai", "beroperasi"]
        let lands = ["tidak_ada", "diusulkan", "verifikasi", "siap", "sengketa"]
        for i in 0..<rows {
            let kode = 5_201_010_000 + i
            let stage = stages[generator.below(5)]
            let progress = stage == "pembangunan" ? String(generator.below(100)) : ""
            text += "\(kode),Koperasi \(i),Desa \(i),Kecamatan \(i / 100),Kabupaten \(i / 10_000),"
            text += "2025-07-14,\(stage),1,\(generator.below(2)),\(generator.below(80)),1,1,0,1,1,"
            text += "\(lands[generator.below(5)]),\(progress),\(generator.below(8)),,,0,0,1,0,\n"
        }
        let big = try ingestWrite(text, folder, "w2-big.csv")

        let process = Process()
        let executable: URL = try #require(CLIRunner.executable)
        process.executableURL = executable
        process.arguments = ["ingest", big, "--db", db]
        var environment = ProcessInfo.processInfo.environment
        environment["KENDALI_TEST_PAUSE_AFTER_ROWS"] = "100000"
        process.environment = environment
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(300)
        while !seen.contains("test pause inside the import transaction"), Date() < deadline {
            let chunk = errPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // the child ended without pausing
            seen += String(decoding: chunk, as: UTF8.self)
        }
        #expect(seen.contains("test pause inside the import transaction"), "stderr: \(seen)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // Uncommitted pages did reach the disk (the write-ahead log: 100,000 rows are more
        // than the page cache holds), but the store file itself was never touched.
        let log = try FileManager.default.attributesOfItem(atPath: db + "-wal")
        #expect(((log[.size] as? NSNumber)?.intValue ?? 0) > 1_000_000)
        #expect(ingestBytes(db) == before)
        // It opens fine, holds only the first week, and closes back to the same bytes.
        let again = runKendali(["ingest", small, "--db", db, "--format", "csv"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("w1.csv,2025-07-07,unchanged,1,2,0,0"))
        let status = runKendali(["status", "--db", db, "--format", "csv"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains(",2025-07-07,,regency,"))
        #expect(!status.stdout.contains("2025-07-14"))
        #expect(ingestBytes(db) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    }
}

/// SplitMix64 (`Randomness`), for reproducible generated files.
typealias IngestRandom = SplitMix64
