import Foundation
import Spreadsheet
import Testing

/// `kendali why` end to end on the hand-made world of ``ForecastCLITests``.
@Suite("kendali why")
struct WhyCLITests {
    @Test("JSON: zone, what it misses, the forecast now and over the last weeks, as forecast gives it")
    func json() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 5201010001: land disputed for the whole history, merah, never green.
        let r = runKendali(["why", "5201010001", folder.path, "--format", "json", "--paths", "60", "--weeks", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["kode_koperasi"] as? String == "5201010001")
        #expect(object["zone"] as? String == "merah")
        #expect(object["data_quality"] as? String == "ok")
        let missing = try #require(object["missing_for_green"] as? [[String: Any]])
        let infra = try #require(missing.first { $0["criterion"] as? String == "infrastruktur" })
        #expect(infra["needed"] as? Double == 100)
        #expect((infra["value"] as? Double ?? 100) < 100)
        let history = try #require(object["forecast_history"] as? [[String: Any]])
        #expect(history.count == 4)
        #expect(history.last?["as_of"] as? String == ForecastCLITests.date(23))
        for step in history {
            for key in ["as_of", "p10", "p50", "p90", "changes"] { #expect(step.keys.contains(key)) }
        }

        // The forecast now is the one `forecast` gives (same seed and paths).
        let code = "5201010005"
        let w = runKendali(["why", code, folder.path, "--format", "json", "--paths", "60", "--weeks", "1"])
        let f = runKendali(["forecast", folder.path, "--format", "csv", "--paths", "60"])
        #expect(w.status == 0 && f.status == 0)
        let row = ForecastCLITests.rows(f.stdout).first { $0.first == code }
        let whyObject = try JSONSerialization.jsonObject(with: Data(w.stdout.utf8)) as? [String: Any]
        let now = (whyObject?["forecast_history"] as? [[String: Any]])?.last
        if let row {
            #expect(now?["p50"] as? String == (row[2].isEmpty ? nil : row[2]))
            #expect(now?["p90"] as? String == (row[3].isEmpty ? nil : row[3]))
        } else {
            // Green by the last week: not forecast, and said to be green.
            #expect(whyObject?["zone"] as? String == "hijau")
            #expect((whyObject?["missing_for_green"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("the table is in Indonesian by default, in English with --lang en")
    func languages() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = runKendali(["why", "5201010001", folder.path, "--paths", "30", "--weeks", "2"])
        #expect(id.status == 0, "\(id.stderr)")
        #expect(id.stdout.hasPrefix("Koperasi 52.01.01.0001 — Koperasi 0"))
        #expect(id.stdout.contains("Zona: Merah"))
        #expect(id.stdout.contains("Belum hijau karena:"))
        let en = runKendali(["why", "52.01.01.0001", folder.path, "--paths", "30", "--weeks", "2", "--lang", "en"])
        #expect(en.status == 0, "\(en.stderr)")
        #expect(en.stdout.contains("Zone: Red"))
        #expect(en.stdout.contains("Not green because of:"))
        #expect(en.stdout.contains("Green-date forecast, made as of each week on the data up to it:"))
    }

    @Test("an unknown code fails and names the nearest known codes")
    func unknownCode() throws {
        let folder = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = runKendali(["why", "5201010099", folder.path])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("error: no cooperative 5201010099 in the folder "))
        #expect(r.stderr.contains("nearest known codes: 5201010029, 5201010019, 5201010009"))
        let bad = runKendali(["why", "52010", folder.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("is not a cooperative code"))
    }

    @Test("--format xlsx --out FILE: the criteria and the forecast history as sheets, read back")
    func workbook() throws {
        let folder = try ForecastCLITests.world()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("why-xlsx-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: dir)
        }
        let path = dir.appendingPathComponent("why.xlsx").path
        let args = ["why", "5201010001", folder.path, "--paths", "60", "--weeks", "3"]
        let r = runKendali(args + ["--format", "xlsx", "--out", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Tabel ditulis ke \(path)"), "\(r.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(runKendali(args + ["--format", "json"]).stdout.utf8)) as? [String: Any])
        let reader = try WorkbookReader(contentsOf: URL(fileURLWithPath: path))
        #expect(reader.sheets.map(\.name) == ["missing_for_green", "forecast_history"])
        let criteria = try reader.rows(inSheet: "missing_for_green")
        let missing = try #require(json["missing_for_green"] as? [[String: Any]])
        #expect(criteria.count == missing.count + 2)
        #expect(criteria[1].values(count: 5).map(\.text) == ["kode_koperasi", "zone", "criterion", "value", "needed"])
        let history = try reader.rows(inSheet: "forecast_history")
        let steps = try #require(json["forecast_history"] as? [[String: Any]])
        #expect(history.count >= steps.count + 2)
        let first = history[2].values(count: 10)
        #expect(first[0].text == "5201010001")
        if let asOf = steps.first?["as_of"] as? String, case let .date(d) = first[1] {
            #expect(String(format: "%04d-%02d-%02d", d.year, d.month, d.day) == asOf)
        } else {
            Issue.record("as_of is not a date: \(first[1])")
        }
        let bad = runKendali(["why", "5201010001", folder.path, "--format", "xlsx"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--format xlsx needs --out FILE"))
    }
}
