import ArgumentParser
import CSV
import Estimation
import Foundation

/// `kendali fit ols`: ordinary least squares of one CSV column on others.
struct FitOLS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ols",
        abstract: "Ordinary least-squares regression of one CSV column on others.",
        discussion: """
            Fits y = b0 + b1·x1 + … + bk·xk (without b0 when --no-intercept) by Householder QR \
            with column pivoting and iterative refinement, and prints each coefficient with its \
            standard error, the residual standard deviation and R² (centred with an intercept, \
            uncentred without). Rank deficiency and ill conditioning are printed as warnings \
            to stderr; a left-out coefficient prints as NaN (null in JSON).

            The CSV file needs a header row; every cell of the named columns must be a number \
            (decimal point '.'). A bad cell is reported as FILE:LINE:COLUMN.

            Example:
              kendali fit ols --csv longley.csv --y y --x x1,x2,x3 --format json
            """
    )

    @Option(help: "CSV file with a header row.")
    var csv: String

    @Option(help: "Column with the response y.")
    var y: String

    @Option(help: ArgumentHelp(
        "Regressor columns, comma-separated (the option may repeat; names cannot contain commas).",
        valueName: "COL[,COL...]"))
    var x: [String]

    @Flag(help: "Fit without an intercept (R² is then uncentred, 1 − RSS/Σy²).")
    var noIntercept = false

    @Option(help: "Output: table, csv (the coefficient table) or json.")
    var format: OutputFormat = .table

    /// `--x` split on commas, blanks dropped.
    var regressorNames: [String] {
        x.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        guard !regressorNames.isEmpty || !noIntercept else {
            throw ValidationError("--x names no column and --no-intercept leaves nothing to fit")
        }
        let names = regressorNames
        if let repeated = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw ValidationError("--x names column '\(repeated)' twice")
        }
        if names.contains(y) { throw ValidationError("column '\(y)' is both --y and --x") }
    }

    func run() throws {
        let table: NumericCSV
        let response: [Double]
        var regressors: [[Double]] = []
        do {
            table = try NumericCSV.read(path: csv)
            // Check every named column exists before reading any cell.
            for name in [y] + regressorNames { _ = try table.index(of: name) }
            response = try table.numbers(y)
            for name in regressorNames { regressors.append(try table.numbers(name)) }
        } catch {
            throw CLIError(error.description)
        }
        let model = LinearModel(response: response, regressors: regressors, names: regressorNames, intercept: !noIntercept)
        let fit: LinearFit
        do {
            fit = try model.fit()
        } catch {
            switch error {
            case .tooFewObservations(let n, let p):
                throw CLIError("\(csv): \(n) data rows for \(p) coefficients; need at least \(p + 1)")
            default:
                throw CLIError("\(csv): \(error.description)")
            }
        }
        for warning in fit.warnings { writeToStandardError("warning: \(warning.description)") }
        print(OLSOutput.render(fit, format: format, response: y), terminator: "")
    }
}

/// The three renderings of an OLS fit: an aligned table for people, CSV and JSON.
enum OLSOutput {
    /// The fit in `format`, ending with a newline.
    static func render(_ fit: LinearFit, format: OutputFormat, response: String) -> String {
        switch format {
        case .json: return json(fit) + "\n"
        case .csv: return csv(fit)
        case .table: return table(fit, response: response)
        }
    }

    /// `{"coefficients":[{"term":…,"estimate":…,"std_error":…},…],"residual_sd":…,"r_squared":…, …}`
    /// with the intercept first; numbers in shortest round-trip form, NaN as `null`.
    static func json(_ fit: LinearFit) -> String {
        let coefficients = fit.terms.indices.map { j in
            "{\"term\":\(jsonString(fit.terms[j])),\"estimate\":\(jsonNumber(fit.coefficients[j])),\"std_error\":\(jsonNumber(fit.standardErrors[j]))}"
        }
        let warnings = fit.warnings.map { jsonString($0.description) }
        return "{\"coefficients\":[\(coefficients.joined(separator: ","))]"
            + ",\"residual_sd\":\(jsonNumber(fit.residualStandardDeviation))"
            + ",\"r_squared\":\(jsonNumber(fit.rSquared))"
            + ",\"observations\":\(fit.observationCount)"
            + ",\"degrees_of_freedom\":\(fit.degreesOfFreedom)"
            + ",\"rank\":\(fit.rank)"
            + ",\"condition_number\":\(jsonNumber(fit.conditionNumber))"
            + ",\"warnings\":[\(warnings.joined(separator: ","))]}"
    }

    /// `term,estimate,std_error` then one row per coefficient.
    static func csv(_ fit: LinearFit) -> String {
        var out = "term,estimate,std_error\n"
        for j in fit.terms.indices {
            out += "\(csvField(fit.terms[j])),\(plain(fit.coefficients[j])),\(plain(fit.standardErrors[j]))\n"
        }
        return out
    }

    /// An aligned table with 10 significant digits, then the summary statistics.
    static func table(_ fit: LinearFit, response: String) -> String {
        let header = ["term", "estimate", "std_error", "t"]
        let rows = fit.terms.indices.map { j in
            [fit.terms[j], g(fit.coefficients[j]), g(fit.standardErrors[j]), g(fit.tStatistics[j], digits: 4)]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { c in
                c == 0 ? cells[c].padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cells[c].count) + cells[c]
            }.joined(separator: "  ")
        }
        var out = "OLS of \(response) on \(fit.terms.joined(separator: " + "))\n\n"
        out += line(header) + "\n"
        for r in rows { out += line(r) + "\n" }
        out += "\n"
        out += "residual SD  \(g(fit.residualStandardDeviation))  (\(fit.degreesOfFreedom) degrees of freedom)\n"
        out += "R²           \(g(fit.rSquared, digits: 12))\(fit.hasIntercept ? "" : "  (uncentred)")\n"
        out += "observations \(fit.observationCount)\n"
        return out
    }

    static func g(_ v: Double, digits: Int = 10) -> String {
        v.isFinite ? String(format: "%.\(digits)g", v) : "NaN"
    }

    static func plain(_ v: Double) -> String { v.isFinite ? "\(v)" : "NaN" }

    static func jsonNumber(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }

    static func jsonString(_ s: String) -> String { JSONText.string(s) }

    static func csvField(_ s: String) -> String { CSVWriter.field(s) }
}
