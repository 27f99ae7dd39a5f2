import Foundation
import Testing

/// What the tool says when something is wrong: the `error: ` messages and exit statuses,
/// unknown options, level names in either language and the folders commands write into.
///
/// Runs on the small world of ``ForecastCLITests`` (regency 52.01 with district 52.01.01,
/// regency 52.72 with district 52.72.01, 24 weeks from 2025-08-01).
@Suite("kendali: errors, unknown options, level names, output folders")
struct CLIErrorTests {
    /// A fresh temporary folder.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kendali-cli-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A folder that does not exist: a command that reads it before checking its outputs
    /// fails with a message about the data instead.
    static let missingData = "/nonexistent-kendali-data-folder"

    // MARK: - Unknown options

    @Test("an unknown option gets one message, with or without a value after it, and exit status 64")
    func unknownOptionWithOrWithoutValue() {
        let cases: [(args: [String], name: String, hint: String?, command: String)] = [
            (["status", "--db", "x.sqlite", "--frmat", "csv"], "--frmat", "--format", "status"),
            (["status", "--db", "x.sqlite", "--frmat"], "--frmat", "--format", "status"),
            (["status", "--frmat=csv", "--db", "x.sqlite"], "--frmat", "--format", "status"),
            (["rank", "--db", "x.sqlite", "--tpo", "5"], "--tpo", "--top", "rank"),
            (["rank", "--db", "x.sqlite", "--tpo"], "--tpo", "--top", "rank"),
            (["report", "--db", "x.sqlite", "--out", "r", "--levle", "regency", "5201"], "--levle", "--level", "report"),
            (["fit", "ols", "--csv", "data.csv", "--y", "a", "--frmat", "csv"], "--frmat", "--format", "fit ols"),
            (["fit", "coxph", "--csv", "d.csv", "--duration", "a", "--event", "b", "--x", "c"], "--x", nil, "fit coxph"),
            (["status", "--db", "x.sqlite", "--completely-unrelated", "3"], "--completely-unrelated", nil, "status"),
        ]
        for c in cases {
            let r = runKendali(c.args)
            var first = "error: unknown option '\(c.name)'"
            if let hint = c.hint { first += "; did you mean '\(hint)'?" }
            #expect(r.status == 64, "\(c.args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix(first + "\nUsage: kendali \(c.command) "), "\(c.args): \(r.stderr)")
            #expect(r.stderr.hasSuffix("\n  See 'kendali \(c.command) --help' for more information.\n"), "\(r.stderr)")
        }
    }

    @Test("options declared in shared groups are known; after a lone -- nothing is an option")
    func declaredOptionsAreKnown() {
        // --db and --as-of (data source), --seed and --paths (simulation options): known, so
        // the command gets as far as reading the missing store.
        let r = runKendali(["rank", "--db", "/nonexistent/x.sqlite", "--as-of", "2025-09-01", "--seed", "3", "--paths", "20"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("error: cannot read the data from the store /nonexistent/x.sqlite:\n"), "\(r.stderr)")
        #expect(!r.stderr.contains("unknown option"))
        let help = runKendali(["status", "--help"])
        #expect(help.status == 0)
        let version = runKendali(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
    }

    // MARK: - Error messages and exit statuses

    @Test("failures print 'error: ' and the message on standard error and exit with 1")
    func failureMessages() throws {
        let world = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: world) }
        let oneWeek = runKendali(["backtest", world.path, "--as-of", "2025-08-01"])
        #expect(oneWeek.status == 1)
        #expect(oneWeek.stderr == "error: the backtest needs at least two weeks of data\n")
        #expect(oneWeek.stdout.isEmpty)

        let unknownCode = runKendali([
            "whatif", world.path, "--resolve", "land", "--where", "kode_koperasi=5201019999", "--paths", "20",
        ])
        #expect(unknownCode.status == 1)
        #expect(unknownCode.stderr == "error: --where kode_koperasi: 1 code(s) not in the data: 5201019999\n",
                "\(unknownCode.stderr)")

        let lateFrom = runKendali(["rank", world.path, "--from", "2020-01-03", "--paths", "20"])
        #expect(lateFrom.status == 1)
        #expect(lateFrom.stderr.hasPrefix("error: --from 2020-01-03 is not after the as-of week "), "\(lateFrom.stderr)")
        #expect(lateFrom.stderr.hasSuffix(": an intervention acts from a later week\n"))

        // A target on or before the as-of week names both dates, in rank, whatif and forecast.
        for (command, option) in [(["rank"], "--target"), (["whatif", "--resolve", "land", "--where", "kabupaten=5201"], "--target"),
                                  (["forecast"], "--by")] {
            let pastTarget = runKendali(command + [world.path, option, "2020-12-31", "--paths", "20"])
            #expect(pastTarget.status == 1, "\(command)")
            #expect(pastTarget.stderr.hasPrefix("error: \(option) 2020-12-31 is not after the as-of week "),
                    "\(command): \(pastTarget.stderr)")
            #expect(pastTarget.stdout.isEmpty)
        }
    }

    @Test("a refused data file: every problem on several lines after one 'error: ', exit status 1")
    func severalLines() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("kode_koperasi,tanggal_laporan\n52010X1003,2025-08-01\n".utf8)
            .write(to: folder.appendingPathComponent("2025-08-01.csv"))
        let r = runKendali(["status", folder.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: cannot read the data from the folder \(folder.path):\n"), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("\n1 file refused; nothing was analysed\n"), "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "error: ").count == 2, "one error prefix: \(r.stderr)")
    }

    @Test("ArgumentParser's own checks: 'error: ', the usage, exit status 64")
    func validationMessages() {
        let both = runKendali(["status", "folder", "--db", "x.sqlite"])
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("error: give either a FOLDER or --db PATH, not both\nUsage: kendali status "), "\(both.stderr)")
        let missing = runKendali(["status", "--db"])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("error: "), "\(missing.stderr)")
    }

    // MARK: - Level names

    @Test("status: kabupaten = regency, kecamatan = district, provinsi = province")
    func statusLevelNames() throws {
        let world = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: world) }
        for (english, indonesian) in [("regency", "kabupaten"), ("district", "kecamatan"), ("province", "provinsi")] {
            let a = runKendali(["status", world.path, "--level", english, "--format", "csv"])
            let b = runKendali(["status", world.path, "--level", indonesian, "--format", "csv"])
            #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
            #expect(!a.stdout.isEmpty && a.stdout == b.stdout, "\(english) / \(indonesian)")
        }
        let wrong = runKendali(["status", world.path, "--level", "desa"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.hasPrefix("error: The value 'desa' is invalid for '--level <level>'"), "\(wrong.stderr)")
    }

    @Test("health: kabupaten = regency, kecamatan = district, in --level and in --where")
    func healthLevelNames() throws {
        let folder = try HealthCLITests.fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pairs: [([String], [String])] = [
            (["--level", "regency"], ["--level", "kabupaten"]),
            (["--level", "district"], ["--level", "kecamatan"]),
            (["--where", "kecamatan=52.02.01"], ["--where", "district=52.02.01"]),
            (["--where", "kabupaten=5201"], ["--where", "regency=5201"]),
        ]
        for (english, indonesian) in pairs {
            let a = runKendali(["health", folder.path, "--format", "csv"] + english)
            let b = runKendali(["health", folder.path, "--format", "csv"] + indonesian)
            #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
            #expect(!a.stdout.isEmpty && a.stdout == b.stdout, "\(english) / \(indonesian)")
        }
    }

    @Test("report: the same tier from either language's level name")
    func reportLevelNames() throws {
        let world = try ForecastCLITests.world()
        let base = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: world)
            try? FileManager.default.removeItem(at: base)
        }
        for (english, indonesian) in [(["regency", "5201"], ["kabupaten", "5201"]),
                                      (["district", "520101"], ["kecamatan", "52.01.01"]),
                                      (["province", "52"], ["provinsi", "52"])] {
            var tables: [String] = []
            for words in [english, indonesian] {
                let out = base.appendingPathComponent(words.joined(separator: "-"))
                let r = runKendali(["report", world.path, "--level"] + words
                                   + ["--out", out.path, "--no-forecast", "--no-priorities"])
                #expect(r.status == 0, "\(words): \(r.stderr)")
                tables.append((try? String(contentsOf: out.appendingPathComponent("data/breakdown.csv"), encoding: .utf8)) ?? "")
            }
            #expect(!tables[0].isEmpty && tables[0] == tables[1], "\(english) / \(indonesian)")
        }
    }

    @Test("chart: the same tier from either language's level name")
    func chartLevelNames() throws {
        let world = try ForecastCLITests.world()
        let base = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: world)
            try? FileManager.default.removeItem(at: base)
        }
        var svgs: [String] = []
        for words in [["district", "520101"], ["kecamatan", "520101"]] {
            let out = base.appendingPathComponent(words[0] + ".svg")
            let r = runKendali(["chart", "trend", world.path, "--level"] + words + ["--out", out.path])
            #expect(r.status == 0, "\(words): \(r.stderr)")
            svgs.append((try? String(contentsOf: out, encoding: .utf8)) ?? "")
        }
        #expect(!svgs[0].isEmpty && svgs[0] == svgs[1])
    }

    @Test("whatif --where: regency = kabupaten, district = kecamatan")
    func whatIfLevelNames() throws {
        let world = try ForecastCLITests.world()
        defer { try? FileManager.default.removeItem(at: world) }
        for (english, indonesian) in [("regency=5272", "kabupaten=5272"), ("district=527201", "kecamatan=527201")] {
            let common = ["whatif", world.path, "--resolve", "land", "--paths", "20", "--format", "csv", "--where"]
            let a = runKendali(common + [english])
            let b = runKendali(common + [indonesian])
            #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
            #expect(!a.stdout.isEmpty && a.stdout == b.stdout, "\(english) / \(indonesian)")
        }
        let wrong = runKendali(["whatif", world.path, "--resolve", "land", "--where", "desa=1"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.hasPrefix(
            "error: --where: 'desa=1': the key must be kode_koperasi, kecamatan (district) or kabupaten (regency)\n"),
            "\(wrong.stderr)")
    }

    // MARK: - Output folders

    @Test("report --out: missing folders above it are created")
    func reportCreatesFolders() throws {
        let world = try ForecastCLITests.world()
        let base = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: world)
            try? FileManager.default.removeItem(at: base)
        }
        let out = base.appendingPathComponent("rep/2025/prov")
        let r = runKendali(["report", world.path, "--out", out.path, "--no-forecast", "--no-priorities"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }

    @Test("an output that cannot be written is refused before the data is read")
    func outputsRefusedFirst() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let folder = base.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = Self.missingData
        let under = file.appendingPathComponent("inside").path
        let cases: [(args: [String], message: String)] = [
            (["report", data, "--out", under + "/prov"], "--out \(under)/prov: \(file.path) is a file, not a folder"),
            (["report", data, "--out", file.path], "\(file.path): cannot write the report (it is a file, not a folder)"),
            (["chart", "trend", data, "--out", under + ".svg"], "--out \(under).svg: \(file.path) is a file, not a folder"),
            (["chart", "trend", data, "--out", folder.path], "--out \(folder.path): it is a folder, not a file"),
            (["whatif", data, "--resolve", "land", "--where", "kabupaten=5201", "--chart", folder.path],
             "--chart \(folder.path): it is a folder, not a file"),
            (["backtest", data, "--pit", under], "--pit \(under): \(file.path) is a file, not a folder"),
            (["forecast", data, "--history-weeks", "2", "--history-out", folder.path],
             "--history-out \(folder.path): it is a folder, not a file"),
            (["simulate", "--out", under], "--out \(under): \(file.path) is a file, not a folder"),
        ]
        for c in cases {
            let r = runKendali(c.args)
            #expect(r.status == 1, "\(c.args): \(r.stderr)")
            #expect(r.stderr == "error: \(c.message)\n", "\(c.args)")
        }
        #expect(!FileManager.default.fileExists(atPath: data))
    }

    @Test("chart --out and whatif --chart: missing folders above the file are created")
    func fileOutputsCreateFolders() throws {
        let world = try ForecastCLITests.world()
        let base = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: world)
            try? FileManager.default.removeItem(at: base)
        }
        let chart = base.appendingPathComponent("charts/week/trend.svg")
        let r = runKendali(["chart", "trend", world.path, "--out", chart.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: chart.path))
        let whatIf = base.appendingPathComponent("whatif/land.svg")
        let w = runKendali(["whatif", world.path, "--resolve", "land", "--where", "kabupaten=5272",
                            "--paths", "20", "--chart", whatIf.path])
        #expect(w.status == 0, "\(w.stderr)")
        #expect(FileManager.default.fileExists(atPath: whatIf.path))
    }
}
