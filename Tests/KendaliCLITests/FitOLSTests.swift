import Foundation
import Testing

/// End-to-end tests of `kendali fit ols` and `kendali selfcheck`: the built binary is run
/// with Foundation `Process` (see `runKendali`), its output parsed and compared.
@Suite("kendali fit ols")
struct FitOLSTests {
    /// NIST StRD Longley (Longley.dat; J. W. Longley, JASA 62, 1967): rows `y, x1 … x6`.
    static let longleyRows: [[Double]] = [
        [60323, 83.0, 234289, 2356, 1590, 107608, 1947], [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
        [60171, 88.2, 258054, 3682, 1616, 109773, 1949], [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
        [63221, 96.2, 328975, 2099, 3099, 112075, 1951], [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
        [64989, 99.0, 365385, 1870, 3547, 115094, 1953], [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
        [66019, 101.2, 397469, 2904, 3048, 117388, 1955], [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
        [68169, 108.4, 442769, 2936, 2798, 120445, 1957], [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
        [68655, 112.6, 482704, 3813, 2552, 123366, 1959], [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
        [69331, 115.7, 518173, 4806, 2572, 127852, 1961], [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
    ]
    /// NIST's certified Longley estimates and standard deviations (15 digits), B0 … B6.
    static let longleyEstimates: [Double] = [
        -3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683,
        -1.03322686717359, -0.511041056535807E-01, 1829.15146461355,
    ]
    static let longleySDs: [Double] = [
        890420.383607373, 84.9149257747669, 0.334910077722432E-01, 0.488399681651699,
        0.214274163161675, 0.226073200069370, 455.478499142212,
    ]

    /// A temporary file holding `text`, removed by the caller.
    static func temporaryFile(_ text: String, name: String = "data.csv") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kendali-ols-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func remove(_ url: URL) { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }

    static var longleyCSV: String {
        "employed,x1,x2,x3,x4,x5,x6\n" + longleyRows.map { row in
            row.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

    @Test("JSON has the documented shape and NIST's Longley values")
    func longleyJSON() throws {
        let file = try Self.temporaryFile(Self.longleyCSV)
        defer { Self.remove(file) }
        let r = runKendali(["fit", "ols", "--csv", file.path, "--y", "employed", "--x", "x1,x2,x3", "--x", "x4,x5,x6", "--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.isEmpty)
        // Key order: coefficients first (intercept, then --x order), residual_sd, r_squared.
        #expect(r.stdout.hasPrefix("{\"coefficients\":[{\"term\":\"intercept\",\"estimate\":"))
        let sdAt = try #require(r.stdout.range(of: "],\"residual_sd\":"))
        let r2At = try #require(r.stdout.range(of: ",\"r_squared\":"))
        #expect(sdAt.lowerBound < r2At.lowerBound)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["term"] as? String } == ["intercept", "x1", "x2", "x3", "x4", "x5", "x6"])
        for (j, c) in coefficients.enumerated() {
            #expect(Set(c.keys) == ["term", "estimate", "std_error"])
            let estimate = try #require(c["estimate"] as? Double)
            let se = try #require(c["std_error"] as? Double)
            #expect(Self.relativeError(estimate, Self.longleyEstimates[j]) <= 1e-12, "B\(j): \(estimate)")
            #expect(Self.relativeError(se, Self.longleySDs[j]) <= 1e-12, "SD B\(j): \(se)")
        }
        let residualSD = try #require(object["residual_sd"] as? Double)
        let rSquared = try #require(object["r_squared"] as? Double)
        #expect(Self.relativeError(residualSD, 304.854073561965) <= 1e-12)
        #expect(Self.relativeError(rSquared, 0.995479004577296) <= 1e-13)
    }

    /// NIST StRD NoInt1 (NoInt1.dat): y = B1·x, certified B1 = 2.07438016528926,
    /// SD 0.165289256198347E-01, residual SD 3.56753034006338, uncentred R² 0.999365492298663.
    @Test("--no-intercept fits through the origin with uncentred R²")
    func noIntercept() throws {
        let rows = (0...10).map { "\(130 + $0),\(60 + $0)" }.joined(separator: "\n")
        let file = try Self.temporaryFile("y,x\n" + rows + "\n")
        defer { Self.remove(file) }
        let r = runKendali(["fit", "ols", "--csv", file.path, "--y", "y", "--x", "x", "--no-intercept", "--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.count == 1 && coefficients[0]["term"] as? String == "x")
        let b1 = try #require(coefficients[0]["estimate"] as? Double)
        let sd = try #require(coefficients[0]["std_error"] as? Double)
        #expect(Self.relativeError(b1, 2.07438016528926) <= 1e-13)
        #expect(Self.relativeError(sd, 0.165289256198347E-01) <= 1e-13)
        #expect(Self.relativeError(try #require(object["r_squared"] as? Double), 0.999365492298663) <= 1e-13)
        #expect(Self.relativeError(try #require(object["residual_sd"] as? Double), 3.56753034006338) <= 1e-13)
    }

    @Test("table and csv formats")
    func tableAndCSV() throws {
        let file = try Self.temporaryFile(Self.longleyCSV)
        defer { Self.remove(file) }
        let table = runKendali(["fit", "ols", "--csv", file.path, "--y", "employed", "--x", "x1,x2,x3,x4,x5,x6"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("intercept") && table.stdout.contains("R²") && table.stdout.contains("residual SD"))
        #expect(table.stdout.contains("-3482258.635"))
        let csv = runKendali(["fit", "ols", "--csv", file.path, "--y", "employed", "--x", "x6", "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "term,estimate,std_error")
        #expect(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) } == ["intercept", "x6"])
    }

    @Test("quoted fields, CRLF line ends and a byte-order mark are read")
    func rfc4180() throws {
        let text = "\u{FEFF}\"y\",\"x value\",note\r\n1,\"1\",\"a, \"\"quoted\"\"\r\nnote\"\r\n3,2,\r\n5,3,b\r\n8,4,c\r\n"
        let file = try Self.temporaryFile(text)
        defer { Self.remove(file) }
        let r = runKendali(["fit", "ols", "--csv", file.path, "--y", "y", "--x", "x value", "--format", "csv"])
        // Slope by hand: x̄ = 2.5, ȳ = 4.25, Sxy = 11.5, Sxx = 5 → 2.3; intercept 4.25 − 5.75 = −1.5.
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("x value,2.3"))
        #expect(r.stdout.contains("intercept,-1.5"))
    }

    @Test("a text cell is reported as FILE:LINE:COLUMN")
    func textInNumber() throws {
        let file = try Self.temporaryFile("a,b,c\n1,2,3\n4,oops,6\n7,8,9\n10,11,13\n")
        defer { Self.remove(file) }
        let r = runKendali(["fit", "ols", "--csv", file.path, "--y", "a", "--x", "b,c"])
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("\(file.path):3:2: value 'oops' in column 'b': expected a number"), "\(r.stderr)")
    }

    /// A quoted field spanning two physical lines shifts the line numbers that follow.
    @Test("line numbers count physical lines inside quoted fields")
    func physicalLines() throws {
        let file = try Self.temporaryFile("y,x,note\n1,1,\"two\nlines\"\n2,bad,\n3,3,\n")
        defer { Self.remove(file) }
        let r = runKendali(["fit", "ols", "--csv", file.path, "--y", "y", "--x", "x"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(file.path):4:2: value 'bad' in column 'x': expected a number"), "\(r.stderr)")
    }

    @Test("empty cells, NaN and infinity are not numbers")
    func emptyAndNonFinite() throws {
        for bad in ["", "nan", "inf", "1e999"] {
            let file = try Self.temporaryFile("y,x\n1,1\n2,\(bad)\n3,3\n4,5\n")
            defer { Self.remove(file) }
            let r = runKendali(["fit", "ols", "--csv", file.path, "--y", "y", "--x", "x"])
            #expect(r.status != 0)
            #expect(r.stderr.contains(":3:2: value '\(bad)' in column 'x': expected a number"), "\(bad): \(r.stderr)")
        }
    }

    @Test("missing column, empty file, too few rows, ragged row, missing file")
    func badFiles() throws {
        let cases: [(text: String?, args: [String], message: String)] = [
            ("a,b\n1,2\n3,4\n5,7\n", ["--y", "a", "--x", "nope"], "no column 'nope' (columns: a, b)"),
            ("", ["--y", "a", "--x", "b"], "the file is empty"),
            ("a,b\n1,2\n3,4\n", ["--y", "a", "--x", "b"], "2 data rows for 2 coefficients; need at least 3"),
            ("a,b\n", ["--y", "a", "--x", "b"], "no data rows"),
            ("a,b\n1,2\n3,4,5\n6,7\n", ["--y", "a", "--x", "b"], ":3: 3 fields, but the header has 2"),
            ("a,b\n1,\"2\n", ["--y", "a", "--x", "b"], "quoted field is not closed"),
            (nil, ["--y", "a", "--x", "b"], "cannot read the file"),
        ]
        for c in cases {
            let file = try Self.temporaryFile(c.text ?? "")
            defer { Self.remove(file) }
            let path = c.text == nil ? file.path + ".missing" : file.path
            let r = runKendali(["fit", "ols", "--csv", path] + c.args)
            #expect(r.status != 0, "\(c.message)")
            #expect(r.stderr.contains(c.message), "expected '\(c.message)' in: \(r.stderr)")
            #expect(r.stderr.hasPrefix("error: \(path)"), "\(r.stderr)")
        }
    }

    @Test("rank deficiency is a warning and the aliased term prints null")
    func rankDeficiency() throws {
        let file = try Self.temporaryFile("y,x,twice\n1,1,2\n3,2,4\n5,3,6\n8,4,8\n")
        defer { Self.remove(file) }
        let r = runKendali(["fit", "ols", "--csv", file.path, "--y", "y", "--x", "x,twice", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: rank deficient"))
        #expect(r.stdout.contains("\"estimate\":null,\"std_error\":null"))
        #expect(r.stdout.contains("\"rank\":2"))
    }

    @Test("usage errors and help")
    func usage() {
        let noX = runKendali(["fit", "ols", "--csv", "f.csv", "--y", "a"])
        #expect(noX.status != 0 && noX.stderr.contains("--x"))
        let sameColumn = runKendali(["fit", "ols", "--csv", "f.csv", "--y", "a", "--x", "a"])
        #expect(sameColumn.status != 0 && sameColumn.stderr.contains("both --y and --x"))
        let help = runKendali(["fit", "ols", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Example:") && help.stdout.contains("--no-intercept"))
    }

    @Test("selfcheck names the library and passes")
    func selfcheck() {
        let r = runKendali(["selfcheck"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("LAPACK library"))
        #expect(r.stdout.contains("BLAS threads"))
        #expect(r.stdout.hasSuffix("PASS\n"))
    }
}
