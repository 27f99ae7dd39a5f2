import Foundation
import Testing

/// `kendali status` on a fixture small enough to count by hand.
///
/// Two weeks, two regencies (52.01 Lombok Barat, 52.02 Lombok Tengah):
///
/// | kode | 2025-07-07 | zone | 2025-07-14 | zone |
/// | --- | --- | --- | --- | --- |
/// | 5201012001 | beroperasi, siap, all good, 2 units | hijau | same | hijau |
/// | 5201012002 | portal, tidak_ada | merah | portal, diusulkan | kuning |
/// | 5201022003 | pembangunan, siap, 40 % | kuning | selesai, all good, 1 unit | hijau |
/// | 5202012004 | terdaftar, tidak_ada | kuning | portal, sengketa | merah |
/// | 5202012005 | portal, siap | kuning | (missing) | — |
/// | 5202022006 | — | — | terdaftar, diusulkan | kuning |
///
/// Counted by hand for 2025-07-14 (change since 2025-07-07):
///
/// - 52.01: 3 cooperatives; hijau 2 (+1), kuning 1 (0), merah 0 (−1); portal 1, pembangunan
///   0 (−1), selesai 1 (+1), beroperasi 1; portal with land not ready 1 (0);
///   merah→kuning 1, kuning→hijau 1.
/// - 52.02: 2 cooperatives; kuning 1 (−1), merah 1 (+1); terdaftar 1, portal 1; portal
///   with land not ready 1 (+1, the old portal one had its land ready); kuning→merah 1.
@Suite("kendali status")
struct StatusTests {
    private static func fixture() throws -> URL {
        let folder = try ingestTemporaryFolder()
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        func places(_ kode: String) -> (String, String, String) {
            kode.hasPrefix("5201")
                ? ("Desa \(kode.suffix(4))", kode.hasPrefix("520101") ? "Batu Layar" : "Gunung Sari", "Lombok Barat")
                : ("Desa \(kode.suffix(4))", kode.hasPrefix("520201") ? "Praya" : "Jonggat", "Lombok Tengah")
        }
        func add(_ csv: inout IngestCSV, _ kode: String, _ date: String, _ tahap: String,
                 _ lahan: String, progres: String = "", units: Int = 0, good: Bool = false) {
            let (d, k, b) = places(kode)
            csv.add(kode: kode, date: date, tahap: tahap, lahan: lahan, progres: progres,
                    units: units, good: good, desa: d, kecamatan: k, kabupaten: b)
        }
        var w1 = IngestCSV()
        let d1 = "2025-07-07"
        add(&w1, "5201012001", d1, "beroperasi", "siap", progres: "100", units: 2, good: true)
        add(&w1, "5201012002", d1, "portal", "tidak_ada")
        add(&w1, "5201022003", d1, "pembangunan", "siap", progres: "40")
        add(&w1, "5202012004", d1, "terdaftar", "tidak_ada")
        add(&w1, "5202012005", d1, "portal", "siap")
        var w2 = IngestCSV()
        let d2 = "2025-07-14"
        add(&w2, "5201012001", d2, "beroperasi", "siap", progres: "100", units: 2, good: true)
        add(&w2, "5201012002", d2, "portal", "diusulkan")
        add(&w2, "5201022003", d2, "selesai", "siap", progres: "100", units: 1, good: true)
        add(&w2, "5202012004", d2, "portal", "sengketa")
        add(&w2, "5202022006", d2, "terdaftar", "diusulkan")
        try ingestWrite(w1.text, data, "\(d1).csv")
        try ingestWrite(w2.text, data, "\(d2).csv")
        return folder
    }

    /// The CSV output as header → value maps, keyed by `unit_code`.
    private static func rows(_ csv: String) -> [String: [String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [:] }
        var out: [String: [String: String]] = [:]
        for line in lines.dropFirst() where line.count == header.count {
            let row = Dictionary(uniqueKeysWithValues: zip(header, line))
            out[row["unit_code"] ?? ""] = row
        }
        return out
    }

    @Test("counts, changes and transitions per regency, checked by hand")
    func regencyCounts() throws {
        let folder = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = runKendali(["status", folder.appendingPathComponent("data").path, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Self.rows(run.stdout)
        #expect(rows.keys.sorted() == ["5201", "5202", "total"])
        let expected: [String: [String: String]] = [
            "5201": [
                "unit_name": "Lombok Barat", "cooperatives": "3", "hijau": "2", "kuning": "1",
                "merah": "0", "terdaftar": "0", "portal": "1", "pembangunan": "0", "selesai": "1",
                "beroperasi": "1", "portal_land_not_ready": "1", "change_cooperatives": "0",
                "change_hijau": "1", "change_kuning": "0", "change_merah": "-1",
                "change_pembangunan": "-1", "change_selesai": "1", "change_portal_land_not_ready": "0",
                "merah_to_kuning": "1", "kuning_to_hijau": "1", "merah_to_hijau": "0",
                "hijau_to_kuning": "0", "kuning_to_merah": "0", "hijau_to_merah": "0",
            ],
            "5202": [
                "unit_name": "Lombok Tengah", "cooperatives": "2", "hijau": "0", "kuning": "1",
                "merah": "1", "terdaftar": "1", "portal": "1", "pembangunan": "0", "selesai": "0",
                "beroperasi": "0", "portal_land_not_ready": "1", "change_cooperatives": "0",
                "change_hijau": "0", "change_kuning": "-1", "change_merah": "1",
                "change_terdaftar": "0", "change_portal": "0", "change_portal_land_not_ready": "1",
                "merah_to_kuning": "0", "kuning_to_hijau": "0", "kuning_to_merah": "1",
            ],
            "total": [
                "unit_name": "Total", "cooperatives": "5", "hijau": "2", "kuning": "2", "merah": "1",
                "terdaftar": "1", "portal": "2", "pembangunan": "0", "selesai": "1", "beroperasi": "1",
                "portal_land_not_ready": "2", "change_hijau": "1", "change_kuning": "-1",
                "change_merah": "0", "change_pembangunan": "-1", "change_portal_land_not_ready": "1",
                "merah_to_kuning": "1", "kuning_to_hijau": "1", "kuning_to_merah": "1",
                "hijau_to_merah": "0",
            ],
        ]
        for (unit, fields) in expected {
            for (key, value) in fields {
                #expect(rows[unit]?[key] == value, "\(unit) \(key)")
            }
            #expect(rows[unit]?["as_of"] == "2025-07-14")
            #expect(rows[unit]?["previous_week"] == "2025-07-07")
            #expect(rows[unit]?["level"] == "regency")
            #expect(rows[unit]?["rule_set"]?.isEmpty == false)
        }
    }

    @Test("--as-of picks an earlier week; the first week has no change; districts")
    func asOfAndDistricts() throws {
        let folder = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let run = runKendali(["status", data, "--as-of", "2025-07-10", "--level", "district", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Self.rows(run.stdout)
        #expect(rows.keys.sorted() == ["520101", "520102", "520201", "total"])
        #expect(rows["520101"]?["unit_name"] == "Batu Layar")
        #expect(rows["520101"]?["cooperatives"] == "2")
        #expect(rows["520101"]?["hijau"] == "1")
        #expect(rows["520101"]?["merah"] == "1")
        #expect(rows["520201"]?["portal_land_not_ready"] == "0")
        #expect(rows["total"]?["as_of"] == "2025-07-07")
        #expect(rows["total"]?["previous_week"] == "")
        #expect(rows["total"]?["change_hijau"] == "")

        let early = runKendali(["status", data, "--as-of", "2025-01-01"])
        #expect(early.status != 0)
        #expect(early.stderr.contains("no week reported on or before 2025-01-01"))
    }

    @Test("the store gives the same status as the folder; JSON and table name the rule set")
    func storeMatchesFolderAndFormats() throws {
        let folder = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let db = folder.appendingPathComponent("store.sqlite").path
        #expect(runKendali(["ingest", data, "--db", db]).status == 0)
        let fromFolder = runKendali(["status", data, "--format", "csv", "--level", "province"])
        let fromStore = runKendali(["status", "--db", db, "--format", "csv", "--level", "province"])
        #expect(fromFolder.status == 0 && fromStore.status == 0)
        #expect(fromFolder.stdout == fromStore.stdout)
        #expect(fromStore.stdout.contains(",regency,") == false)
        #expect(fromStore.stdout.contains(",province,52,Nusa Tenggara Barat,5,2,2,1,"))

        let json = runKendali(["status", "--db", db, "--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["rule_set"] as? [String: Any])?["version"] as? Int == 1)
        #expect(object?["as_of"] as? String == "2025-07-14")
        #expect(object?["level"] as? String == "regency")
        let units = object?["units"] as? [[String: Any]]
        #expect(units?.count == 2)
        let transitions = (object?["total"] as? [String: Any])?["transitions"] as? [String: Int]
        #expect(transitions?["kuning_to_merah"] == 1)

        let table = runKendali(["status", "--db", db])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Aturan zona:"))
        #expect(table.stdout.contains("Lombok Barat"))
        #expect(table.stdout.contains("merah→kuning 1"))
    }

    @Test("the data source: exactly one of FOLDER and --db; a broken folder fails clearly")
    func dataSourceErrors() throws {
        let folder = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        let neither = runKendali(["status"])
        #expect(neither.status != 0)
        let both = runKendali(["status", data.path, "--db", "x.sqlite"])
        #expect(both.status != 0)
        try ingestWrite(IngestFixture.broken, data, "2025-07-21.csv")
        let broken = runKendali(["status", data.path])
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("2025-07-21.csv:2: column 'progres_fisik': value '120'"))
        #expect(broken.stdout.isEmpty)
    }

    @Test("--where: a regency or district by name without its prefix, any case, or by code; the total is the scope's")
    func whereNarrows() throws {
        let folder = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let regency = runKendali(["status", data, "--where", "kabupaten=lombok BARAT", "--format", "csv"])
        #expect(regency.status == 0, "\(regency.stderr)")
        let rows = Self.rows(regency.stdout)
        #expect(rows.keys.sorted() == ["5201", "total"])
        #expect(rows["total"]?["cooperatives"] == rows["5201"]?["cooperatives"])
        #expect(rows["total"]?["hijau"] == rows["5201"]?["hijau"])
        let prefixed = runKendali(["status", data, "--where", "kabupaten=Kabupaten Lombok Barat", "--format", "csv"])
        #expect(prefixed.stdout == regency.stdout)
        let code = runKendali(["status", data, "--where", "kabupaten=52.01", "--format", "csv"])
        #expect(code.stdout == regency.stdout)
        // A district key makes the rows districts, whatever --level says.
        let district = runKendali(["status", data, "--where", "kecamatan=batu layar", "--format", "csv"])
        #expect(district.status == 0, "\(district.stderr)")
        #expect(Self.rows(district.stdout).keys.sorted() == ["520101", "total"])
        let none = runKendali(["status", data, "--where", "kabupaten=Sumbawa"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("no kabupaten 'Sumbawa'") || none.stderr.contains("Sumbawa"))
        let bad = runKendali(["status", data, "--where", "desa=x"])
        #expect(bad.status != 0)
    }

    @Test("--where: an ambiguous name (Kabupaten Bima and Kota Bima) lists the matches")
    func whereAmbiguous() throws {
        let data = HealthCLITests.root.appendingPathComponent("datasets/ntb/snapshots").path
        let run = runKendali(["status", data, "--where", "kabupaten=bima"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("matches several"))
        #expect(run.stderr.contains("52.06") && run.stderr.contains("52.72"))
        let exact = runKendali(["status", data, "--where", "kabupaten=Kota Bima", "--format", "csv"])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(Self.rows(exact.stdout).keys.sorted() == ["5272", "total"])
    }
}
