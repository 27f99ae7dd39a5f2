import Foundation
import Testing

/// `kendali ingest --registry` and `--week`, `status --missing` and the gaps of `history`.
@Suite("Register, week checks and silence on the command line")
struct RegisterCLITests {
    /// A week of three cooperatives of one district; `skip` leaves codes out.
    static func week(_ date: String, skip: Set<String> = [], kabupaten: String = "Lombok Barat", extra: String? = nil) -> String {
        var csv = IngestCSV()
        for (kode, desa) in [("5201012001", "Sandik"), ("5201012002", "Senteluk"), ("5201012003", "Meninting")]
        where !skip.contains(kode) {
            csv.add(kode: kode, date: date, tahap: "portal", lahan: "siap", desa: desa, kecamatan: "Batu Layar",
                    kabupaten: kabupaten)
        }
        if let extra {
            csv.add(kode: extra, date: date, tahap: "portal", lahan: "siap", desa: "Baru", kecamatan: "Batu Layar",
                    kabupaten: kabupaten)
        }
        return csv.text
    }

    static let register = """
        kode_koperasi,nama_koperasi,desa,kecamatan,kabupaten
        5201012001,KDMP Sandik,Sandik,Batu Layar,Lombok Barat
        5201012002,KDMP Senteluk,Senteluk,Batu Layar,Lombok Barat
        5201012003,KDMP Meninting,Meninting,Batu Layar,Lombok Barat
        5201012004,KDMP Batu Layar,Batu Layar,Batu Layar,Lombok Barat

        """

    @Test("the date in the file's name must be tanggal_laporan; --week overrides it")
    func nameDateChecked() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let misnamed = try ingestWrite(Self.week("2025-07-14"), folder, "laporan_2025-07-07.csv")
        let refused = runKendali(["ingest", "--lang", "en", misnamed, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("column 'tanggal_laporan': value '2025-07-14' — expected 2025-07-07, the date in the file's name"))
        #expect(refused.stderr.contains("--week 2025-07-14"))
        #expect(!FileManager.default.fileExists(atPath: db))
        let wrongWeek = runKendali(["ingest", "--lang", "en", misnamed, "--db", db, "--week", "2025-07-07"])
        #expect(wrongWeek.status == 1)
        #expect(wrongWeek.stderr.contains("the week given with --week"))
        let accepted = runKendali(["ingest", "--lang", "en", misnamed, "--db", db, "--week", "2025-07-14", "--format", "csv"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("laporan_2025-07-07.csv,2025-07-14,imported,1,3,0,0"))
        #expect(runKendali(["ingest", "--lang", "en", misnamed, misnamed, "--db", db, "--week", "2025-07-14"]).status == 1)
        #expect(runKendali(["ingest", "--lang", "en", misnamed, "--db", db, "--week", "2025-07-32"]).status != 0)

        // This week's rows in a file named for the stored week are refused by the name
        // check before the store is asked, so nothing suggests overwriting that week.
        let stale = try ingestWrite(Self.week("2025-07-21"), folder, "2025-07-14.csv")
        let clash = runKendali(["ingest", "--lang", "en", stale, "--db", db])
        #expect(clash.status == 1)
        #expect(!clash.stderr.contains("--replace"))
        // A different file for a stored week: which week, from which file, how many rows.
        let other = try ingestWrite(Self.week("2025-07-14", skip: ["5201012003"]), folder, "2025-07-14.csv")
        let twice = runKendali(["ingest", "--lang", "en", other, "--db", db])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("week 2025-07-14 is already stored from 'laporan_2025-07-07.csv' (revision 1)"))
        #expect(twice.stderr.contains("1 row differ"))
        #expect(twice.stderr.contains("use --replace to store this file as revision 2 of the week 2025-07-14"))
    }

    @Test("--registry: a mistyped code is refused naming the nearest; names from the register; later ingests check without the flag")
    func registerChecks() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let register = try ingestWrite(Self.register, folder, "koperasi.csv")
        let w1 = try ingestWrite(Self.week("2025-07-07"), folder, "2025-07-07.csv")
        let first = runKendali(["ingest", "--lang", "en", w1, "--db", db, "--registry", register, "--warnings"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("register koperasi.csv: 4 cooperatives, stored as revision 1\n"))
        #expect(first.stderr.contains("warning: column 'kode_koperasi': value '5201012004' — expected a report: never reported"))

        // 2010 for 2001: two digits swapped.
        let typo = try ingestWrite(Self.week("2025-07-14", extra: "5201012010"), folder, "laporan 2025-07-14.csv")
        let refused = runKendali(["ingest", "--lang", "en", typo, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("column 'kode_koperasi': value '5201012010' — expected a code of the register (koperasi.csv, revision 1); nearest registered: 5201012001"))
        #expect(refused.stdout.contains("refused"))

        let renamed = try ingestWrite(Self.week("2025-07-14", kabupaten: "Kabupaten Bima"), folder, "2025-07-14.csv")
        let warned = runKendali(["ingest", "--lang", "en", renamed, "--db", db, "--warnings"])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("column 'kabupaten': value 'Kabupaten Bima' — expected 'Lombok Barat', the register's kabupaten of 5201012001"))
        let status = runKendali(["status", "--db", db, "--format", "csv"])
        #expect(status.stdout.contains(",regency,5201,Lombok Barat,"), "\(status.stdout)")

        // The same register again is unchanged; another is a new revision.
        let again = runKendali(["ingest", "--lang", "en", "--db", db, "--registry", register])
        #expect(again.status == 0 && again.stdout == "register koperasi.csv: 4 cooperatives, unchanged (revision 1)\n")
        let bigger = try ingestWrite(Self.register + "5201012010,KDMP Baru,Baru,Batu Layar,Lombok Barat\n", folder, "koperasi-2.csv")
        let replaced = runKendali(["ingest", "--lang", "en", typo, "--db", db, "--registry", bigger, "--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("stored as revision 2, replacing revision 1"))

        let broken = try ingestWrite("kode_koperasi,desa\n5201012001,Sandik\n", folder, "rusak.csv")
        let bad = runKendali(["ingest", "--lang", "en", w1, "--db", folder.appendingPathComponent("new.sqlite").path, "--registry", broken])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("rusak.csv: register refused, 1 error"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.sqlite").path))
    }

    @Test("without a register a new code after the first week is a warning; status --missing and history show silence")
    func silence() throws {
        let folder = try ingestTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        let weeks = [
            try ingestWrite(Self.week("2025-07-07", skip: ["5201012003"]), folder, "2025-07-07.csv"),
            try ingestWrite(Self.week("2025-07-14"), folder, "2025-07-14.csv"),
            try ingestWrite(Self.week("2025-07-21", skip: ["5201012002"]), folder, "2025-07-21.csv"),
            try ingestWrite(Self.week("2025-07-28", skip: ["5201012002"]), folder, "2025-07-28.csv"),
        ]
        let ingest = runKendali(["ingest"] + weeks + ["--db", db, "--warnings", "--lang", "en"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("2025-07-14.csv:4: warning: column 'kode_koperasi': value '5201012003' — expected a code reported before"))

        for source in [[folder.path], ["--db", db]] {
            let missing = runKendali(["status"] + source + ["--missing", "--format", "csv"])
            #expect(missing.status == 0, "\(missing.stderr)")
            #expect(missing.stdout == """
                as_of,kode_koperasi,nama_koperasi,desa,kecamatan,kabupaten,last_seen,weeks_silent
                2025-07-28,5201012002,Koperasi,Senteluk,Batu Layar,Lombok Barat,2025-07-14,2

                """)
        }
        let table = runKendali(["status", "--db", db, "--missing"])
        #expect(table.stdout.contains("5201012002  Koperasi  Senteluk  Batu Layar  Lombok Barat    2025-07-14"))
        let json = runKendali(["status", "--db", db, "--missing", "--format", "json"])
        #expect(json.stdout.contains("\"last_seen\":\"2025-07-14\",\"weeks_silent\":2"))

        let history = runKendali(["history", "5201012002", "--db", db, "--format", "csv"])
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasSuffix(",rule_set,reported"))
        #expect(lines[3].hasPrefix("5201012002,2025-07-21,,,,,,,,") && lines[3].hasSuffix(",0"))
        #expect(lines[4].hasPrefix("5201012002,2025-07-28,,,,,,,,"))
        let historyTable = runKendali(["history", "5201012002", "--db", db])
        #expect(historyTable.stdout.contains("Minggu tanpa laporan: 2 (2025-07-21, 2025-07-28)"))
        let historyJSON = runKendali(["history", "5201012003", "--db", db, "--format", "json"])
        #expect(historyJSON.stdout.contains("\"missing_weeks\":[]"))
        #expect(historyJSON.stdout.contains("\"reported\":true"))
    }
}
