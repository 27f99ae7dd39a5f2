import Foundation
import Testing

/// Where the Rossi reference files are: inside the project, at
/// `<package root>/datasets/reference/survival` (sources in `datasets/reference/README.md`).
enum FitSurvivalReference {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // KendaliCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("datasets/reference/survival", isDirectory: true)

    static var rossi: String { directory.appendingPathComponent("rossi.csv").path }

    /// The `efron` or `breslow` block of `rossi_coxph_<ties>.json`.
    static func cox(_ ties: String) throws -> [String: Any] {
        let url = directory.appendingPathComponent("rossi_coxph_\(ties).json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return try #require(root?[ties] as? [String: Any])
    }

    /// The Rossi covariates, in the reference's covariance order.
    static let covariates = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]

    /// A temporary file holding `text`; remove its folder with `remove(_:)`.
    static func temporaryFile(_ text: String, name: String = "data.csv") throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-survival-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }
}

/// End-to-end tests of `kendali fit km` and `kendali fit coxph` on the Rossi recidivism
/// data: the built binary is run (see `runKendali`) and its JSON/CSV compared with the
/// 40-digit reference values of reference README §2.
@Suite("kendali fit km / fit coxph")
struct FitSurvivalTests {
    typealias Ref = FitSurvivalReference

    /// Checks a `fit coxph --format json` output against one reference block.
    private func checkCoxJSON(_ stdout: String, ties: String) throws {
        let reference = try Ref.cox(ties)
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        let estimates = try #require(reference["coefficients"] as? [String: Double])
        let errors = try #require(reference["standard_errors"] as? [String: Double])
        #expect(coefficients.compactMap { $0["term"] as? String } == Ref.covariates)
        for c in coefficients {
            let term = try #require(c["term"] as? String)
            let estimate = try #require(c["estimate"] as? Double)
            let se = try #require(c["std_error"] as? Double)
            let hr = try #require(c["hazard_ratio"] as? Double)
            #expect(Ref.relativeError(estimate, try #require(estimates[term])) <= 1e-9, "\(term)")
            #expect(Ref.relativeError(se, try #require(errors[term])) <= 1e-9, "\(term) SE")
            #expect(Ref.relativeError(hr, exp(estimate)) <= 1e-15)
            #expect(c["z"] is Double && c["p"] is Double)
        }
        let ll = try #require(object["log_likelihood"] as? Double)
        let llNull = try #require(object["log_likelihood_null"] as? Double)
        let concordance = try #require(object["concordance"] as? Double)
        #expect(Ref.relativeError(ll, try #require(reference["log_likelihood"] as? Double)) <= 1e-10)
        #expect(Ref.relativeError(llNull, try #require(reference["log_likelihood_null"] as? Double))
                <= 1e-12)
        #expect(abs(concordance - (try #require(reference["concordance"] as? Double))) <= 1e-12)
        #expect(object["ties"] as? String == ties)
        #expect(object["converged"] as? Bool == true)
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test("fit coxph: JSON contract and the Efron reference")
    func coxEfronJSON() throws {
        let r = runKendali(["fit", "coxph", "--csv", Ref.rossi, "--duration", "week",
                            "--event", "arrest", "--covariates", Ref.covariates.joined(separator: ","),
                            "--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.hasPrefix("{\"coefficients\":[{\"term\":\"fin\",\"estimate\":"))
        try checkCoxJSON(r.stdout, ties: "efron")
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["n"] as? Int == 432)
        #expect(object["events"] as? Int == 114)
        let pairs = try #require(object["concordance_pairs"] as? [String: Int])
        #expect(pairs["concordant"] == 27242 && pairs["tied_risk"] == 49 && pairs["admissible"] == 42582)
    }

    @Test("fit coxph --ties breslow: the Breslow reference")
    func coxBreslowJSON() throws {
        let r = runKendali(["fit", "coxph", "--csv", Ref.rossi, "--duration", "week",
                            "--event", "arrest", "--covariates", Ref.covariates.joined(separator: ","),
                            "--ties", "breslow", "--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        try checkCoxJSON(r.stdout, ties: "breslow")
    }

    /// The same model on weekly (start, stop] rows, written to a temporary CSV.
    @Test("fit coxph --start: weekly counting-process rows give the reference fit")
    func coxCountingProcess() throws {
        let text = try String(contentsOfFile: Ref.rossi, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        var out = "start,stop,event," + header + "\n"
        for line in lines {
            let fields = line.split(separator: ",")
            let week = try #require(Int(fields[0]))
            let arrest = fields[1] == "1"
            for k in 1...week {
                out += "\(k - 1),\(k),\(arrest && k == week ? 1 : 0),\(line)\n"
            }
        }
        let file = try Ref.temporaryFile(out)
        defer { Ref.remove(file) }
        let r = runKendali(["fit", "coxph", "--csv", file.path, "--start", "start",
                            "--duration", "stop", "--event", "event",
                            "--covariates", Ref.covariates.joined(separator: ","), "--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        try checkCoxJSON(r.stdout, ties: "efron")
    }

    @Test("fit coxph: table and CSV formats")
    func coxTableAndCSV() throws {
        let args = ["fit", "coxph", "--csv", Ref.rossi, "--duration", "week", "--event", "arrest",
                    "--covariates", "fin,age,prio"]
        let table = runKendali(args)
        #expect(table.status == 0, "stderr: \(table.stderr)")
        #expect(table.stdout.contains("efron ties"))
        #expect(table.stdout.contains("concordance:"))
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix(" fin") })
        let csv = runKendali(args + ["--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "term,estimate,std_error,hazard_ratio,z,p,lower_95,upper_95")
        #expect(rows.dropFirst().map { $0.split(separator: ",").first ?? "" } == ["fin", "age", "prio"])
    }

    /// A group name from the user's file that a spreadsheet would run as a formula
    /// (`=HYPERLINK(…)`, CSV injection) is written with a leading `'` in the CSV, the same
    /// guard as the report's data tables, and quoted per RFC 4180; the JSON keeps the name
    /// as it is. Needs no reference data.
    @Test("fit km --group: formula-like group names are inert in CSV, intact in JSON")
    func kmGroupNamesAreEscaped() throws {
        let file = try Ref.temporaryFile(
            "w,e,g\n3,1,=HYPERLINK(\"x\")\n5,0,=HYPERLINK(\"x\")\n4,1,\"a,b\"\n6,1,\"a,b\"\n")
        defer { Ref.remove(file) }
        let csv = runKendali(["fit", "km", "--csv", file.path, "--duration", "w", "--event", "e",
                              "--group", "g", "--format", "csv"])
        #expect(csv.status == 0, "stderr: \(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "group,time,at_risk,events,censored,survival,std_error,lower,upper")
        #expect(lines.contains { $0.hasPrefix("\"'=HYPERLINK(\"\"x\"\")\",3,2,1,1,0.5,") })
        #expect(lines.contains { $0.hasPrefix("\"a,b\",4,2,1,0,0.5,") })
        let json = runKendali(["fit", "km", "--csv", file.path, "--duration", "w", "--event", "e",
                               "--group", "g", "--format", "json"])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let groups = try #require(root["groups"] as? [[String: Any]])
        #expect(Set(groups.compactMap { $0["group"] as? String }) == ["=HYPERLINK(\"x\")", "a,b"])
    }

    /// rossi_km.csv: one row per event week, survival in 40-digit arithmetic rounded to
    /// double.
    @Test("fit km --format csv reproduces rossi_km.csv")
    func kmCSV() throws {
        let r = runKendali(["fit", "km", "--csv", Ref.rossi, "--duration", "week",
                            "--event", "arrest", "--format", "csv"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let reference = try String(
            contentsOf: Ref.directory.appendingPathComponent("rossi_km.csv"), encoding: .utf8)
        let expected = reference.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        var got = r.stdout.split(separator: "\n")
        #expect(got.removeFirst() == "time,at_risk,events,censored,survival,std_error,lower,upper")
        try #require(got.count == expected.count)
        for (line, want) in zip(got, expected) {
            let fields = line.split(separator: ",")
            #expect(fields[0] == want[0] && fields[1] == want[1] && fields[2] == want[2])
            let s = try #require(Double(fields[4]))
            let sRef = try #require(Double(want[3]))
            #expect(abs(s - sRef) <= 1e-14, "S(\(fields[0]))")
            let lower = try #require(Double(fields[6]))
            let upper = try #require(Double(fields[7]))
            #expect(lower < s && s < upper)
        }
    }

    @Test("fit km --group: one curve per group in JSON, a table for people")
    func kmGroups() throws {
        let r = runKendali(["fit", "km", "--csv", Ref.rossi, "--duration", "week",
                            "--event", "arrest", "--group", "fin", "--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.compactMap { $0["group"] as? String } == ["0", "1"])
        #expect(groups.compactMap { $0["n"] as? Int }.reduce(0, +) == 432)
        #expect(groups.compactMap { $0["events"] as? Int }.reduce(0, +) == 114)
        for g in groups {
            let rows = try #require(g["rows"] as? [[String: Any]])
            #expect(!rows.isEmpty)
            for row in rows {
                #expect(Set(row.keys).isSuperset(of: ["time", "at_risk", "events", "survival", "lower", "upper"]))
            }
        }
        let table = runKendali(["fit", "km", "--csv", Ref.rossi, "--duration", "week",
                                "--event", "arrest", "--group", "fin"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("fin = 0: 216 observations"))
        #expect(table.stdout.contains("log-log 95% confidence band"))
    }

    @Test("Bad input: file:line:column, the value and what was expected; non-zero exit")
    func badInput() throws {
        let file = try Ref.temporaryFile("week,arrest,x\n3,1,0.5\nabc,0,1\n4,2,1\n")
        defer { Ref.remove(file) }
        let notNumber = runKendali(["fit", "km", "--csv", file.path, "--duration", "week",
                                    "--event", "arrest"])
        #expect(notNumber.status != 0)
        #expect(notNumber.stdout.isEmpty)
        #expect(notNumber.stderr.contains("\(file.path):3:1: value 'abc' in column week (--duration) is not a finite number"),
                "\(notNumber.stderr)")

        let badEvent = try Ref.temporaryFile("week,arrest,x\n3,1,0.5\n5,0,1\n4,2,1\n")
        defer { Ref.remove(badEvent) }
        let event = runKendali(["fit", "coxph", "--csv", badEvent.path, "--duration", "week",
                                "--event", "arrest", "--covariates", "x"])
        #expect(event.status != 0)
        #expect(event.stderr.contains("\(badEvent.path):4:3: value '2' in column arrest (--event)"))
        #expect(event.stderr.contains("expected 1 (event) or 0 (censored)"))

        let missing = runKendali(["fit", "coxph", "--csv", file.path, "--duration", "weeks",
                                  "--event", "arrest", "--covariates", "x"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no column named weeks (given to --duration)"))
        #expect(missing.stderr.contains("the header has: week, arrest, x"))

        let constant = try Ref.temporaryFile("t,e,x,c\n1,1,0,7\n2,1,1,7\n3,0,0,7\n4,1,1,7\n")
        defer { Ref.remove(constant) }
        let flat = runKendali(["fit", "coxph", "--csv", constant.path, "--duration", "t",
                               "--event", "e", "--covariates", "x,c"])
        #expect(flat.status != 0)
        #expect(flat.stderr.contains("covariate c has the same value on every row"))

        let noEvents = try Ref.temporaryFile("t,e,x\n1,0,0\n2,0,1\n3,0,0\n")
        defer { Ref.remove(noEvents) }
        let none = runKendali(["fit", "coxph", "--csv", noEvents.path, "--duration", "t",
                               "--event", "e", "--covariates", "x"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("no row has an event in column e"))

        let interval = try Ref.temporaryFile("a,b,e,x\n0,1,1,0\n2,2,1,1\n0,3,0,1\n")
        defer { Ref.remove(interval) }
        let empty = runKendali(["fit", "coxph", "--csv", interval.path, "--start", "a",
                                "--duration", "b", "--event", "e", "--covariates", "x"])
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("line 3: start 2 (a) is not before 2 (b)"), "\(empty.stderr)")

        let unreadable = runKendali(["fit", "km", "--csv", file.path + ".missing",
                                     "--duration", "week", "--event", "arrest"])
        #expect(unreadable.status != 0)
        #expect(unreadable.stderr.contains("cannot read the file"))
    }

    @Test("--help shows an example")
    func help() {
        for command in ["km", "coxph"] {
            let r = runKendali(["fit", command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Example:"))
            #expect(r.stdout.contains("kendali fit \(command) --csv"))
        }
    }
}
