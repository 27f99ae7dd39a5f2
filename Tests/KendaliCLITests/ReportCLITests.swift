import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Writes a simulated NTB world of 40 weeks with `kendali simulate` into `base` and
/// returns its snapshot folder, or `nil` when the simulation failed.
private func simulatedWorld(in base: URL) -> String? {
    let world = base.appendingPathComponent("world")
    let result = runKendali(["simulate", "--out", world.path, "--weeks", "40", "--seed", "11"])
    return result.status == 0 ? world.appendingPathComponent("snapshots").path : nil
}

/// A fresh temporary folder for one test's outputs.
private func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kendali-report-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

@Suite("kendali report and kendali chart")
struct ReportCLITests {
    @Test func writesTheWholeReport() throws {
        let base = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let snapshots = try #require(simulatedWorld(in: base), "kendali simulate failed")
        let out = base.appendingPathComponent("laporan")
        let r = runKendali(["report", snapshots, "--out", out.path, "--no-forecast"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(out.path))
        #expect(r.stdout.contains("index.html"))
        let fm = FileManager.default
        for file in ["index.html", "report.md", "charts/trend.svg", "charts/km.svg", "data/breakdown.csv",
                     "data/breakdown.json", "data/zone_trend.csv", "data/versions.json"] {
            #expect(fm.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
        }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"id\">"))
        #expect(html.contains("Nusa Tenggara Barat"))
        let charts = try fm.contentsOfDirectory(atPath: out.appendingPathComponent("charts").path)
        #expect(!charts.isEmpty)
        for name in charts {
            let svg = try String(contentsOf: out.appendingPathComponent("charts/" + name), encoding: .utf8)
            #expect(isWellFormedXML(svg), "\(name) is not well-formed")
        }
        let csvs = try fm.contentsOfDirectory(atPath: out.appendingPathComponent("data").path)
        #expect(csvs.filter { $0.hasSuffix(".csv") }.count == csvs.filter { $0.hasSuffix(".json") }.count)
        // Nothing but the report is left next to it.
        #expect(try fm.contentsOfDirectory(atPath: base.path).sorted() == ["laporan", "world"])
    }

    @Test func regencyTierInEnglishWithTheForecast() throws {
        let base = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let snapshots = try #require(simulatedWorld(in: base), "kendali simulate failed")
        let out = base.appendingPathComponent("report")
        let r = runKendali(["report", snapshots, "--level", "regency", "5202", "--out", out.path, "--lang", "en",
                            "--paths", "20", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Report for"))
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("# KDKMP Weekly Report — "))
        #expect(md.contains("Zones by district"))
        #expect(md.contains("seed 3, 20 paths per cooperative, horizon 104 weeks"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("data/forecast_dates.csv").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("charts/factors.svg").path))
        let versions = try String(contentsOf: out.appendingPathComponent("data/versions.csv"), encoding: .utf8)
        #expect(versions.contains("data_sha256"))
    }

    @Test func badDataLeavesNothingBehind() throws {
        let base = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let data = base.appendingPathComponent("snapshots")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("kode_koperasi,tanggal_laporan\nnot-a-code,yesterday\n".utf8)
            .write(to: data.appendingPathComponent("2026-01-02.csv"))
        let out = base.appendingPathComponent("laporan")
        let r = runKendali(["report", data.path, "--out", out.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("error"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["snapshots"])
    }

    @Test func badOptionsAreRefusedBeforeAnythingIsWritten() throws {
        let base = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let snapshots = try #require(simulatedWorld(in: base), "kendali simulate failed")
        let out = base.appendingPathComponent("laporan")
        let cases: [[String]] = [
            ["report", snapshots, "--level", "regency", "--out", out.path],
            ["report", snapshots, "--level", "regency", "99", "--out", out.path],
            ["report", snapshots, "--level", "regency", "5299", "--out", out.path, "--no-forecast"],
            ["report", snapshots, "--out", out.path, "--lang", "fr"],
            ["report", snapshots, "--out", out.path, "--priorities", base.appendingPathComponent("none.csv").path],
            ["report", "--out", out.path],
        ]
        for args in cases {
            let r = runKendali(args)
            #expect(r.status != 0, "\(args) succeeded")
            #expect(!r.stderr.isEmpty, "\(args) said nothing")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["world"])
    }

    @Test func prioritiesFromAFileFillTheirSection() throws {
        let base = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let snapshots = try #require(simulatedWorld(in: base), "kendali simulate failed")
        let ranking = base.appendingPathComponent("rank.csv")
        try Data("""
            kode_koperasi,zone,intervention,p50_now,p50_after,weeks_gained,reason
            5201012001,merah,land,2026-09-04,2026-07-31,5,"Resolving the land first | saves 5 weeks"
            """.utf8).write(to: ranking)
        let out = base.appendingPathComponent("laporan")
        let r = runKendali(["report", snapshots, "--out", out.path, "--no-forecast", "--priorities", ranking.path])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("Resolving the land first \\| saves 5 weeks"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("data/priorities.csv").path))
    }

    @Test func chartWritesOneSVG() throws {
        let base = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let snapshots = try #require(simulatedWorld(in: base), "kendali simulate failed")
        for kind in ["trend", "km", "breakdown"] {
            let file = base.appendingPathComponent(kind + ".svg")
            let r = runKendali(["chart", kind, snapshots, "--out", file.path, "--lang", "en"])
            #expect(r.status == 0, "\(kind): \(r.stderr)")
            let svg = try String(contentsOf: file, encoding: .utf8)
            #expect(svg.hasPrefix("<?xml"))
            #expect(isWellFormedXML(svg), "\(kind)")
        }
        let bad = runKendali(["chart", "pie", snapshots, "--out", base.appendingPathComponent("pie.svg").path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown chart"))
        let kode = runKendali(["chart", "trend", snapshots, "--kode", "5201012001",
                               "--out", base.appendingPathComponent("x.svg").path])
        #expect(kode.status != 0)
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("pie.svg").path))
    }

    @Test func helpShowsExamples() {
        let report = runKendali(["report", "--help"])
        #expect(report.status == 0)
        #expect(report.stdout.contains("kendali report datasets/ntb/snapshots --out laporan"))
        #expect(report.stdout.contains("--level"))
        let chart = runKendali(["chart", "--help"])
        #expect(chart.status == 0)
        #expect(chart.stdout.contains("kendali chart trend"))
    }
}
