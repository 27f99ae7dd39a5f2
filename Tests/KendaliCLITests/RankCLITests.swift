import Foundation
import Testing

/// `kendali rank` and `kendali whatif` end to end on the small world of
/// ``ForecastCLITests`` (30 cooperatives building in 52.01, 10 whose land stays `diusulkan`
/// in 52.72, one with its land disputed).
@Suite("kendali rank / whatif")
struct RankCLITests {
    static func rows(_ csv: String) -> [[String]] { ForecastCLITests.rows(csv) }

    static func days(_ a: String, _ b: String) -> Int? {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        guard let x = f.date(from: a), let y = f.date(from: b) else { return nil }
        return Int((y.timeIntervalSince(x) / 86_400).rounded())
    }

    @Test("rank CSV: the contract's columns, weeks_gained = p50_now − p50_after, sorted, a reason per row")
    func rankCSV() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = runKendali(["rank", folder.path, "--format", "csv", "--paths", "60", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("kode_koperasi,zone,intervention,p50_now,p50_after,weeks_gained,p_green_by_target_now,p_green_by_target_after,p_green_by_target_change,target_date,from_date,kabupaten,reason,p50_now_lower_bound\n"))
        let body = Self.rows(r.stdout).dropFirst()
        #expect(!body.isEmpty)
        // Default order: the gain in the probability of green by the target, then weeks.
        var previous = (Double.infinity, Int.max)
        for row in body {
            #expect(["kuning", "merah"].contains(row[1]))
            #expect(["land", "labour", "technical", "coaching", "none"].contains(row[2]))
            let gained = try #require(Int(row[5]))
            let chance = try #require(Double(row[8]))
            #expect(gained >= 0)
            #expect(chance < previous.0 + 0.0015)
            if abs(chance - previous.0) < 1e-9 { #expect(gained <= previous.1) }
            previous = (chance, gained)
            if !row[3].isEmpty, !row[4].isEmpty, let d = Self.days(row[4], row[3]) { #expect(d == 7 * gained) }
            #expect(row[9] == "2026-12-31" || row[9].hasPrefix("2025-12-31"))
            #expect(row.count >= 14 && !row[12].isEmpty)
            // The P50 now stays empty beyond the horizon; the lower bound is always a date.
            #expect(!row[13].isEmpty)
            if !row[3].isEmpty { #expect(row[13] == row[3]) }
        }
        let byWeeks = runKendali(["rank", folder.path, "--format", "csv", "--paths", "60", "--seed", "3", "--sort", "weeks"])
        #expect(byWeeks.status == 0, "\(byWeeks.stderr)")
        var previousWeeks = Int.max
        for row in Self.rows(byWeeks.stdout).dropFirst() {
            let gained = try #require(Int(row[5]))
            #expect(gained <= previousWeeks)
            previousWeeks = gained
        }
        // The cooperatives whose land never gets ready are helped by land.
        #expect(body.contains { $0[0].hasPrefix("5272") && $0[2] == "land" && Int($0[5]) ?? 0 > 0 })
        let again = runKendali(["rank", folder.path, "--format", "csv", "--paths", "60", "--seed", "3"])
        #expect(again.stdout == r.stdout)
        let en = runKendali(["rank", folder.path, "--lang", "en", "--top", "3", "--paths", "60"])
        #expect(en.status == 0)
        #expect(en.stdout.contains("Reasons:") && en.stdout.contains("P50 green date"))
    }

    @Test("rank --where narrows to a regency; a P50 beyond the horizon is said with its lower bound")
    func rankWhereAndBeyond() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = runKendali(["rank", folder.path, "--format", "csv", "--paths", "40", "--where", "kabupaten=52.72",
                            "--horizon", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        let body = Self.rows(r.stdout).dropFirst()
        #expect(!body.isEmpty)
        #expect(body.allSatisfy { $0[0].hasPrefix("5272") })
        // Land that never gets ready: the P50 is beyond a 10-week horizon, empty in the CSV,
        // and its lower bound is the first week after the horizon.
        let beyond = body.filter { $0[3].isEmpty }
        #expect(!beyond.isEmpty)
        for row in beyond { #expect(!row[13].isEmpty) }
        let table = runKendali(["rank", folder.path, "--paths", "40", "--where", "kabupaten=52.72", "--horizon", "10"])
        #expect(table.stdout.contains("di luar horizon (setidaknya 11 minggu)"))
        let en = runKendali(["rank", folder.path, "--paths", "40", "--where", "kabupaten=52.72", "--horizon", "10", "--lang", "en"])
        #expect(en.stdout.contains("beyond the horizon (at least 11 weeks)"))
        let unknown = runKendali(["rank", folder.path, "--paths", "40", "--where", "kecamatan=Nowhere"])
        #expect(unknown.status != 0)
    }

    @Test("rank --capacity: a plan within the weekly capacities, with its gain and the check")
    func capacity() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let args = ["rank", folder.path, "--paths", "60", "--capacity", "land=2,coaching=1", "--target", "2026-06-30"]
        let r = runKendali(args + ["--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("week,kode_koperasi,intervention,gain,zone,kabupaten\n"))
        var perWeek: [String: Int] = [:]
        for row in Self.rows(r.stdout).dropFirst() {
            #expect(row[2] == "land" || row[2] == "coaching")
            if row[2] == "land" { perWeek[row[0], default: 0] += 1 }
        }
        #expect(perWeek.values.allSatisfy { $0 <= 2 })
        let j = runKendali(args + ["--format", "json", "--check-plan"])
        #expect(j.status == 0, "\(j.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        let gain = try #require(json["expected_gain"] as? Double)
        #expect(gain > 0)
        let check = try #require(json["check"] as? [String: Any])
        #expect((check["greedy_share_of_best"] as? Double ?? 0) >= 0.98)
        let bad = runKendali(["rank", folder.path, "--capacity", "land=ten"])
        #expect(bad.status != 0 && bad.stderr.contains("land=ten"))
    }

    @Test("whatif: codes from a file, the burn-up with ≥ without, clear errors for unknown codes")
    func whatif() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("parcels.txt")
        try "# land of 52.72\n5272010031\n5272010032, 5272010033\n".write(to: list, atomically: true, encoding: .utf8)
        let r = runKendali([
            "whatif", folder.path, "--resolve", "land", "--where", "kode_koperasi=@\(list.path)", "--paths", "60",
            "--format", "json", "--chart", folder.appendingPathComponent("w.svg").path,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["selected"] as? Int == 3)
        let weeks = try #require(json["weeks"] as? [[String: Any]])
        for w in weeks {
            let a = w["expected_without"] as? Double ?? 0, b = w["expected_with"] as? Double ?? 0
            #expect(b >= a - 1e-9)
        }
        #expect((weeks.last?["expected_with"] as? Double ?? 0) > (weeks.last?["expected_without"] as? Double ?? 0))
        let svg = try String(contentsOf: folder.appendingPathComponent("w.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        // A scenario that changes nothing (the building is already finished) gains nothing.
        let none = runKendali(["whatif", folder.path, "--resolve", "labour", "--where", "kode_koperasi=5201010009",
                               "--paths", "60", "--format", "json"])
        #expect(none.status == 0, "\(none.stderr)")
        let n = try #require(try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [String: Any])
        #expect(n["expected_green_by_target_without"] as? Double == n["expected_green_by_target_with"] as? Double)
        let unknown = runKendali(["whatif", folder.path, "--resolve", "land", "--where", "kode_koperasi=5299010001"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("5299010001") && unknown.stderr.contains("not in the data"))
        let badKind = runKendali(["whatif", folder.path, "--resolve", "roads", "--where", "kabupaten=5201"])
        #expect(badKind.status != 0 && badKind.stderr.contains("roads"))
    }

    @Test("rank and whatif help show an example")
    func help() {
        for command in ["rank", "whatif"] {
            let r = runKendali([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("kendali \(command) "))
        }
    }
}
