import Foundation
import Testing

/// `kendali forecast`, `factors` and `backtest` end to end on a small hand-made world.
///
/// 24 weekly files from 2025-08-01. Regency 52.01: 30 cooperatives; cooperative k starts
/// building in week 2 + k mod 8 (land `siap`, registered the week before), progress +10
/// points a week (+5 in a week flagged for weather, every 4th week; +7 with a labour flag
/// every 5th), `selesai` at 100, `beroperasi` with one unit two weeks later; every
/// institutional and legal item held. Planted edge cases: 5201010001 has its land disputed
/// for the whole history (no progress ever); 5201010002 reports progress going backwards
/// once; 5201010003 misses week 10. Regency 52.72: 10 cooperatives whose land stays
/// `diusulkan` — no completed cooperative there to learn from.
@Suite("kendali forecast / factors / backtest")
struct ForecastCLITests {
    static func date(_ week: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let start = calendar.date(from: DateComponents(year: 2025, month: 8, day: 1)) ?? Date()
        let day = calendar.date(byAdding: .day, value: 7 * week, to: start) ?? start
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static let header = """
        kode_koperasi,nama_koperasi,desa,kecamatan,kabupaten,tanggal_laporan,tahap,badan_hukum,\
        pengurus_lengkap,jumlah_anggota,rapat_anggota,nib,npwp,rekening_bank,laporan_tepat_waktu,\
        status_lahan,progres_fisik,unit_usaha_aktif,omzet_bulanan,anggota_aktif,kendala_lahan,\
        kendala_cuaca,kendala_tenaga_kerja,kendala_teknis,catatan
        """

    static func world() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-forecast-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for t in 0..<24 {
            var lines = [header]
            for k in 0..<40 {
                let regency = k < 30 ? "5201" : "5272"
                let code = regency + "01" + String(format: "%04d", k + 1)
                if k == 2 && t == 10 { continue }
                var tahap = "terdaftar", lahan = "diusulkan", progres = ""
                var units = 0, weather = 0, labour = 0
                if k == 0 {
                    lahan = "sengketa"
                } else if k < 30 {
                    let start = 2 + k % 8
                    if t >= start - 1 { lahan = "siap"; tahap = "portal" }
                    if t >= start {
                        var p = 0.0
                        var done = -1
                        for s in start...t {
                            let w = s % 4 == 0, l = s % 5 == 0
                            p += w ? 5 : (l ? 7 : 10)
                            if s == t { weather = w ? 1 : 0; labour = l ? 1 : 0 }
                            if p >= 100 && done < 0 { done = s }
                        }
                        if done >= 0 {
                            tahap = t >= done + 2 ? "beroperasi" : "selesai"
                            units = t >= done + 2 ? 1 : 0
                            progres = "100"
                            weather = 0
                            labour = 0
                        } else {
                            tahap = "pembangunan"
                            if k == 1 && t == start + 3 { p -= 12 }  // a report going backwards
                            progres = String(format: "%.1f", p)
                        }
                    }
                }
                lines.append([code, "Koperasi \(k)", "Desa \(k)", "Kecamatan", "Kab \(regency)", date(t), tahap,
                              "1", "1", "30", "1", "1", "1", "1", "1", lahan, progres, String(units), "", "",
                              "0", String(weather), String(labour), "0", ""].joined(separator: ","))
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8)
                .write(to: folder.appendingPathComponent("\(date(t)).csv"))
        }
        return folder
    }

    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("forecast CSV: the contract's columns, ordered quantiles, edge cases answered, deterministic")
    func forecastCSV() throws {
        let folder = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let args = ["forecast", folder.path, "--format", "csv", "--paths", "60", "--seed", "5"]
        let r = runKendali(args)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("kode_koperasi,p10,p50,p90,zone,main_factor,"))
        let table = Self.rows(r.stdout)
        let body = table.dropFirst()
        #expect(!body.isEmpty)
        for row in body {
            #expect(row.count == 13)
            #expect(["ok", "stale", "inconsistent"].contains(row[12]))
            for k in 1...3 where !row[k].isEmpty { #expect(row[k].count == 10 && row[k].hasPrefix("20")) }
            if !row[1].isEmpty, !row[2].isEmpty { #expect(row[1] <= row[2]) }
            if !row[2].isEmpty, !row[3].isEmpty { #expect(row[2] <= row[3]) }
            #expect(["land", "weather", "labour", "technical", "start", "operations", "institutional"].contains(row[5]))
        }
        // Land disputed for the whole history: a row, no date, the assumption said.
        let disputed = try #require(body.first { $0[0] == "5201010001" })
        #expect(disputed[2].isEmpty)
        #expect(disputed[4] == "merah")
        #expect(disputed[11].contains("sengketa"))
        // The regency with no completed cooperative is forecast too.
        #expect(body.contains { $0[10] == "5272" })
        // Deterministic for a seed.
        let again = runKendali(args)
        #expect(again.stdout == r.stdout)
        // Both counts of green, named: green this week and ever green.
        let json = runKendali(["forecast", folder.path, "--format", "json", "--paths", "20", "--seed", "5"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"green_at_as_of\": ") && json.stdout.contains("\"green_this_week\": "))
        let text = runKendali(["forecast", folder.path, "--paths", "20", "--seed", "5", "--lang", "en"])
        #expect(text.stdout.contains("Green this week") && text.stdout.contains("Ever green"))
        #expect(text.stdout.contains("Two counts of green: green this week "))
    }

    @Test("factors and backtest run and write their CSV headers")
    func factorsAndBacktest() throws {
        let folder = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let f = runKendali(["factors", folder.path, "--format", "csv"])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(f.stdout.hasPrefix("factor,scope,flagged_weeks,share_lost,"))
        // Weather halves a week's 10 points: δ ≈ 0.5 (by construction of the world).
        let weather = try #require(Self.rows(f.stdout).first { $0[0] == "weather" && $0[1] == "province" })
        let delta = try #require(Double(weather[3]))
        #expect(abs(delta - 0.5) < 0.1)
        // One accounting, both phases: construction rows then the weeks waited before it.
        #expect(Self.rows(f.stdout).first?.last == "phase")
        #expect(weather.last == "during_construction")
        let waited = try #require(Self.rows(f.stdout).first { $0[0] == "land" && $0[1] == "province" && $0.last == "before_construction" })
        #expect(waited[3].isEmpty && (Double(waited[9]) ?? 0) > 0)
        #expect(Self.rows(f.stdout).contains { $0[0] == "start" && $0.last == "before_construction" })
        // The table and the JSON say, per regency, whether construction starts are rationed.
        let factorsTable = runKendali(["factors", folder.path, "--lang", "en"])
        #expect(factorsTable.status == 0, "\(factorsTable.stderr)")
        #expect(factorsTable.stdout.contains("Construction starts: a start hazard per cooperative or a queue at a weekly capacity"))
        let factorsJSON = runKendali(["factors", folder.path, "--format", "json"])
        #expect(factorsJSON.stdout.contains("\"start_capacity\": {\"unit\": \"regency\", \"block_weeks\": 24"))
        let b = runKendali(["backtest", folder.path, "--format", "csv", "--paths", "30", "--cutoffs", Self.date(14)])
        #expect(b.status == 0, "\(b.stderr)")
        let methods = Self.rows(b.stdout).dropFirst().map { $0[1] }
        #expect(methods == ["model", "linear", "earned_schedule"])

        // --by-stage: the overall rows (stage `all`, the same numbers) then each stage's,
        // whose scored counts add up to the overall one.
        let s = runKendali(["backtest", folder.path, "--format", "csv", "--paths", "30", "--cutoffs", Self.date(14),
                            "--by-stage"])
        #expect(s.status == 0, "\(s.stderr)")
        let table = Self.rows(s.stdout)
        #expect(table.first?.last == "stage")
        let overall = table.dropFirst().filter { $0.last == "all" }
        #expect(overall.map { Array($0.dropLast()) } == Array(Self.rows(b.stdout).dropFirst()))
        let model = table.dropFirst().filter { $0[1] == "model" && $0.last != "all" }
        #expect(!model.isEmpty)
        #expect(Set(model.compactMap(\.last)).isSubset(of: ["not_started", "building", "complete"]))
        #expect(model.compactMap { Int($0[4]) }.reduce(0, +) == overall.first.flatMap { Int($0[4]) })
        let json = runKendali(["backtest", folder.path, "--format", "json", "--paths", "30", "--cutoffs", Self.date(14),
                               "--by-stage"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"by_stage\": [{\"stage\": "))
    }

    @Test("forecast help shows an example")
    func help() {
        let r = runKendali(["forecast", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("kendali forecast"))
        #expect(r.stdout.contains("kode_koperasi, p10, p50, p90"))
    }
}
