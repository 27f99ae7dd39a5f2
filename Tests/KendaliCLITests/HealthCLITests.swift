import Foundation
import Testing

/// `kendali health` end to end on the five cooperatives of the analysis tests' health
/// fixture, written as weekly CSV files (figures counted by hand there):
///
/// | kode | regency | last week |
/// | --- | --- | --- |
/// | A 5201012001 | Lombok Barat | operating, 2 units, turnover 6 M after 10 M: falling |
/// | B 5201012002 | Lombok Barat | operating, 20 M, 2 units after 3: falling |
/// | C 5202012003 | Lombok Tengah | operating, 5 of 50 members active, turnover 4,000 (a slip): falling |
/// | D 5202012004 | Lombok Tengah | under construction |
/// | E 5202022005 | Lombok Tengah | operating since week 4, 8 M |
@Suite("kendali health")
struct HealthCLITests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// One CSV row of cooperative `i` (0 = A … 4 = E) in week `t`.
    static func row(_ i: Int, week t: Int, date: String) -> String {
        var tahap = "beroperasi", units = 0, members = 20
        var active = "", omzet = ""
        switch i {
        case 0: (units, members, active, omzet) = (2, 30, "15", t < 6 ? "10000000" : "6000000")
        case 1: (units, members, active, omzet) = (t < 6 ? 3 : 2, 40, "20", t == 7 ? "20000" : "20000000")
        case 2: (units, members, active, omzet) = (1, 50, "5", t == 9 ? "4000" : "4000000")
        case 3: tahap = "pembangunan"
        default:
            if t < 4 { tahap = "selesai" } else { (units, active, omzet) = (1, "10", "8000000") }
        }
        let codes = ["5201012001", "5201012002", "5202012003", "5202012004", "5202022005"]
        let kecamatan = i < 2 ? "Batu Layar" : (i < 4 ? "Praya" : "Jonggat")
        let kabupaten = i < 2 ? "Kabupaten Lombok Barat" : "Kabupaten Lombok Tengah"
        let progres = tahap == "pembangunan" ? "50" : "100"
        return [codes[i], "Koperasi \(["A", "B", "C", "D", "E"][i])", "Desa \(i + 1)", kecamatan, kabupaten, date, tahap,
                "1", "1", String(members), "1", "1", "1", "1", "1", "siap", progres, String(units), omzet, active,
                "0", "0", "0", "0", ""].joined(separator: ",")
    }

    static func fixture() throws -> URL {
        let folder = try ingestTemporaryFolder()
        let dates = ["2026-01-02", "2026-01-09", "2026-01-16", "2026-01-23", "2026-01-30", "2026-02-06", "2026-02-13",
                     "2026-02-20", "2026-02-27", "2026-03-06"]
        for (t, date) in dates.enumerated() {
            let text = ([IngestCSV.header] + (0..<5).map { row($0, week: t, date: date) }).joined(separator: "\n") + "\n"
            try ingestWrite(text, folder, date + ".csv")
        }
        return folder
    }

    @Test("the summary CSV: its header contract and the figures counted by hand")
    func summaryCSV() throws {
        let folder = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = runKendali(["health", folder.path, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            level,unit_code,unit_name,operating,units_active,median_omzet,p25_omzet,p75_omzet,active_member_share,falling
            regency,5201,Kabupaten Lombok Barat,2,4,13000000,9500000,16500000,0.5,2
            regency,5202,Kabupaten Lombok Tengah,2,2,8000000,8000000,8000000,0.2143,1
            regency,total,Total,4,6,8000000,7000000,14000000,0.3571,3

            """)
    }

    @Test("the falling CSV: its header contract, reasons in either language")
    func fallingCSV() throws {
        let folder = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = runKendali(["health", folder.path, "--falling", "--format", "csv", "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            kode_koperasi,nama_koperasi,kecamatan,kabupaten,reason,omzet_now,omzet_before,active_member_share,units_now,units_before
            5201012001,Koperasi A,Batu Layar,Kabupaten Lombok Barat,"median turnover down 40% (Rp6,000,000 from Rp10,000,000)",6000000,10000000,0.5,2,2
            5201012002,Koperasi B,Batu Layar,Kabupaten Lombok Barat,business units down from 3 to 2,20000000,20000000,0.5,2,3
            5202012003,Koperasi C,Praya,Kabupaten Lombok Tengah,only 10.0% of members active,4000000,4000000,0.1,1,1

            """)
        let id = runKendali(["health", folder.path, "--falling", "--format", "csv"])
        #expect(id.stdout.contains("median omzet turun 40% (Rp6.000.000 dari Rp10.000.000)"))
        #expect(id.stdout.contains("hanya 10,0% anggota aktif"))
    }

    @Test("districts, --where by name without the prefix, JSON naming the rule set")
    func levelsAndWhere() throws {
        let folder = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let district = runKendali(["health", folder.path, "--level", "district", "--format", "csv"])
        #expect(district.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(4).joined(separator: ",") } == [
            "level,unit_code,unit_name,operating", "district,520101,Batu Layar,2", "district,520201,Praya,1",
            "district,520202,Jonggat,1", "district,total,Total,4",
        ])
        let narrowed = runKendali(["health", folder.path, "--where", "kabupaten=LOMBOK tengah", "--format", "csv"])
        #expect(narrowed.status == 0, "\(narrowed.stderr)")
        #expect(narrowed.stdout.split(separator: "\n").count == 3)
        #expect(narrowed.stdout.contains("regency,total,Total,2,2,8000000"))
        let byCode = runKendali(["health", folder.path, "--where", "kecamatan=52.02.01", "--format", "csv"])
        #expect(byCode.stdout.contains("regency,total,Total,1,1,,,,0.1,1"))
        let json = runKendali(["health", folder.path, "--format", "json"])
        #expect(json.stdout.hasPrefix("{\"rule_set\":{\"name\":\"KDKMP rule set 1\",\"version\":1,"))
        #expect(json.stdout.contains("\"turnover_slips\":1"))
        let table = runKendali(["health", folder.path])
        #expect(table.stdout.contains("Aturan zona: KDKMP rule set 1 (version 1)"))
        let unknown = runKendali(["health", folder.path, "--where", "kabupaten=Sumbawa"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no kabupaten 'Sumbawa' in the data"))
        let badKey = runKendali(["health", folder.path, "--where", "desa=x"])
        #expect(badKey.status != 0 && badKey.stderr.contains("the key must be kabupaten or kecamatan"))
    }

    @Test("an ambiguous name lists its matches; the full name picks one")
    func ambiguousName() throws {
        let data = Self.root.appendingPathComponent("datasets/ntb/snapshots").path
        let run = runKendali(["health", data, "--where", "kabupaten=bima"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("'bima' matches several: Kabupaten Bima (52.06), Kota Bima (52.72)"))
        let one = runKendali(["health", data, "--where", "kabupaten=kota bima", "--format", "csv"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("regency,5272,Kota Bima,"))
    }

    @Test("--help shows an example")
    func help() {
        let run = runKendali(["health", "--help"])
        #expect(run.stdout.contains("kendali health datasets/ntb/snapshots"))
    }
}
