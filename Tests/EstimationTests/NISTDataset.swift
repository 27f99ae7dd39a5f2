import Foundation
import Testing

/// One NIST StRD file: its data and the certified values from its header.
///
/// Source: NIST ITL Statistical Reference Datasets, <https://www.itl.nist.gov/div898/strd/>;
/// the copies used here are described in `datasets/reference/README.md`.
/// Format: the header's "File Format" block names the data lines; certified parameters are
/// `B<i> estimate sd` (linear) or `b<i> = start1 start2 estimate sd` (nonlinear); numbers may
/// use Fortran exponents (`0.358E-01`); trailing blank or space-only lines are skipped.
struct NISTDataset: Sendable {
    /// A certified parameter.
    struct Parameter: Sendable {
        var name: String
        var estimate: Double
        var standardDeviation: Double
        /// Nonlinear sets only.
        var start1: Double?
        var start2: Double?
    }

    var name: String
    /// The response, first column of the data block.
    var y: [Double]
    /// The predictors, the remaining data columns, as columns.
    var x: [[Double]]
    var parameters: [Parameter]
    var residualStandardDeviation: Double
    /// Linear sets only.
    var rSquared: Double?
    /// Nonlinear sets only.
    var residualSumOfSquares: Double?

    enum ParseError: Error, CustomStringConvertible {
        case missing(String, file: String)
        case badNumber(String, line: Int, file: String)
        var description: String {
            switch self {
            case .missing(let what, let file): return "\(file): no \(what) found"
            case .badNumber(let t, let line, let file): return "\(file):\(line): bad number '\(t)'"
            }
        }
    }

    /// Parses the text of a `.dat` file.
    static func parse(_ text: String, name: String) throws -> NISTDataset {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: "\r", with: "")
        }
        func number(_ token: String, _ line: Int) throws -> Double {
            guard let v = Double(token) else { throw ParseError.badNumber(token, line: line, file: name) }
            return v
        }
        // "Data  (lines 61 to 96)" in the File Format block.
        var dataRange: ClosedRange<Int>?
        for line in lines.prefix(15) where line.contains("Data") && line.contains("lines") {
            let digits = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if digits.count >= 2 { dataRange = digits[0]...digits[1] }
        }
        guard let range = dataRange else { throw ParseError.missing("data line range", file: name) }

        var parameters: [Parameter] = []
        var residualSD: Double?
        var rSquared: Double?
        var rss: Double?
        for (index, line) in lines.enumerated() where index + 1 < range.lowerBound {
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = tokens.first else { continue }
            let lineNumber = index + 1
            if first.count >= 2, first.first == "B" || first.first == "b",
               first.dropFirst().allSatisfy(\.isNumber)
            {
                if tokens.count == 6, tokens[1] == "=" {
                    parameters.append(Parameter(
                        name: first, estimate: try number(tokens[4], lineNumber),
                        standardDeviation: try number(tokens[5], lineNumber),
                        start1: try number(tokens[2], lineNumber), start2: try number(tokens[3], lineNumber)))
                } else if tokens.count == 3 {
                    parameters.append(Parameter(
                        name: first, estimate: try number(tokens[1], lineNumber),
                        standardDeviation: try number(tokens[2], lineNumber)))
                }
            } else if line.contains("Standard Deviation"), let last = tokens.last, let v = Double(last) {
                residualSD = v
            } else if first == "R-Squared", let last = tokens.last {
                rSquared = try number(last, lineNumber)
            } else if line.contains("Residual Sum of Squares:"), let last = tokens.last {
                rss = try number(last, lineNumber)
            }
        }
        guard !parameters.isEmpty else { throw ParseError.missing("certified parameters", file: name) }
        guard let sd = residualSD else { throw ParseError.missing("residual standard deviation", file: name) }

        var rows: [[Double]] = []
        for lineNumber in range where lineNumber <= lines.count {
            let tokens = lines[lineNumber - 1].split(whereSeparator: { $0 == " " || $0 == "\t" })
            if tokens.isEmpty { continue }
            rows.append(try tokens.map { try number(String($0), lineNumber) })
        }
        guard let width = rows.first?.count, width >= 2, rows.allSatisfy({ $0.count == width }) else {
            throw ParseError.missing("rectangular data block", file: name)
        }
        return NISTDataset(
            name: name, y: rows.map { $0[0] },
            x: (1..<width).map { j in rows.map { $0[j] } },
            parameters: parameters, residualStandardDeviation: sd, rSquared: rSquared,
            residualSumOfSquares: rss)
    }

    /// Loads `<name>.dat` from the project's reference folder.
    static func load(_ name: String) throws -> NISTDataset {
        guard let dir = NISTFixtures.directory else {
            throw ParseError.missing("reference folder \(NISTFixtures.relativePath)", file: name)
        }
        let text = try String(contentsOf: dir.appendingPathComponent("\(name).dat"), encoding: .utf8)
        return try parse(text, name: name)
    }
}

/// Where the NIST StRD files are: `datasets/reference/nist-strd` under the package root.
enum NISTFixtures {
    static let relativePath = "datasets/reference/nist-strd"

    /// The package root: the nearest folder above this file holding `Package.swift`.
    static var packageRoot: URL? {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    /// The folder, or `nil` when it is absent.
    static var directory: URL? {
        guard let root = packageRoot else { return nil }
        let dir = root.appendingPathComponent(relativePath).standardizedFileURL
        return FileManager.default.fileExists(atPath: dir.appendingPathComponent("Norris.dat").path) ? dir : nil
    }
}

/// The log relative error, `−log10(|computed − certified| / |certified|)`, capped at 15
/// (the certified digits); the absolute error's `−log10` when `certified == 0`.
/// Reference: McCullough, "Assessing the reliability of statistical software", The American
/// Statistician 52 (1998), and the reference README (`datasets/reference/README.md`).
func logRelativeError(_ computed: Double, _ certified: Double) -> Double {
    guard computed.isFinite else { return 0 }
    if computed == certified { return 15 }
    let err = certified == 0 ? abs(computed) : abs(computed - certified) / abs(certified)
    return min(15, max(0, -log10(err)))
}
