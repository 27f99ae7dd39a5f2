import Foundation
import LinearAlgebra
import Testing

@testable import Estimation

/// One NIST StRD linear set, the model NIST certifies for it, and the accuracy it must reach.
///
/// Source of every certified value: the set's own `.dat` file (NIST ITL StRD, linear least
/// squares, <https://www.itl.nist.gov/div898/strd/lls/lls.shtml>). The regressors are raw
/// powers `x, x², …` as given — no centring in the input.
struct LinearCase: Sendable, CustomStringConvertible {
    var name: String
    /// Polynomial degree in the single predictor, or `nil` to use the data columns as given.
    var degree: Int?
    var intercept: Bool
    /// Minimum LRE required of every coefficient.
    var coefficientBar: Double
    /// Minimum LRE required of every standard deviation and of the residual SD (or, when the
    /// certified value is 0, the absolute tolerance `absoluteTolerance · max|y|`).
    var sdBar: Double
    /// Minimum LRE of R².
    var rSquaredBar: Double
    var description: String { name }

    /// The bars. The project requires coefficients ≥ 9 digits everywhere except Filip and
    /// Wampler5 (≥ 7); the reference README reports Householder QR reaching 12.3–15.7
    /// digits in the SDs (Filip 8.0). Iterative refinement does better, so every bar here is
    /// set about one digit below what this implementation measured, so that a regression
    /// shows. Wampler1/2 (exact fits, certified SD 0) use an absolute tolerance instead.
    static let all: [LinearCase] = [
        LinearCase(name: "Norris", degree: 1, intercept: true, coefficientBar: 13, sdBar: 13, rSquaredBar: 14),
        LinearCase(name: "Pontius", degree: 2, intercept: true, coefficientBar: 12.5, sdBar: 13, rSquaredBar: 14),
        LinearCase(name: "NoInt1", degree: 1, intercept: false, coefficientBar: 14, sdBar: 14, rSquaredBar: 14),
        LinearCase(name: "NoInt2", degree: 1, intercept: false, coefficientBar: 14, sdBar: 14, rSquaredBar: 14),
        LinearCase(name: "Filip", degree: 10, intercept: true, coefficientBar: 7.5, sdBar: 8, rSquaredBar: 9.5),
        LinearCase(name: "Longley", degree: nil, intercept: true, coefficientBar: 13.5, sdBar: 14, rSquaredBar: 14),
        LinearCase(name: "Wampler1", degree: 5, intercept: true, coefficientBar: 14, sdBar: 0, rSquaredBar: 14),
        LinearCase(name: "Wampler2", degree: 5, intercept: true, coefficientBar: 12, sdBar: 0, rSquaredBar: 14),
        LinearCase(name: "Wampler3", degree: 5, intercept: true, coefficientBar: 14, sdBar: 13.5, rSquaredBar: 14),
        LinearCase(name: "Wampler4", degree: 5, intercept: true, coefficientBar: 14, sdBar: 13.5, rSquaredBar: 14),
        LinearCase(name: "Wampler5", degree: 5, intercept: true, coefficientBar: 14, sdBar: 13.5, rSquaredBar: 14),
    ]

    /// The model for a loaded data set.
    func model(_ data: NISTDataset) -> LinearModel {
        if let degree {
            let x = data.x[0]
            // Powers by repeated multiplication, as NumPy's `vander` forms them (the input of
            // the README's comparison table). For Filip the rounding of these columns alone
            // limits any solver: the exact solution of this Double input, computed in 60-digit
            // arithmetic, agrees with the certificate to 7.9 digits.
            var columns: [[Double]] = []
            var power = [Double](repeating: 1, count: x.count)
            for _ in 1...degree {
                for i in x.indices { power[i] *= x[i] }
                columns.append(power)
            }
            return LinearModel(response: data.y, regressors: columns, intercept: intercept)
        }
        return LinearModel(response: data.y, regressors: data.x, intercept: intercept)
    }
}

/// Measured accuracy of one fit against its certificate.
struct LinearAccuracy {
    var coefficientLRE: Double
    var sdLRE: Double
    var residualSDLRE: Double
    var rSquaredLRE: Double
    /// Largest absolute SD / residual-SD error, for sets certified with SD = 0.
    var largestAbsoluteSDError: Double

    init(fit: LinearFit, data: NISTDataset) {
        coefficientLRE = zip(fit.coefficients, data.parameters).map { logRelativeError($0, $1.estimate) }.min() ?? 0
        sdLRE = zip(fit.standardErrors, data.parameters).map { logRelativeError($0, $1.standardDeviation) }.min() ?? 0
        residualSDLRE = logRelativeError(fit.residualStandardDeviation, data.residualStandardDeviation)
        rSquaredLRE = logRelativeError(fit.rSquared, data.rSquared ?? .nan)
        largestAbsoluteSDError = (fit.standardErrors + [fit.residualStandardDeviation]).map(abs).max() ?? .infinity
    }
}

@Suite("NIST StRD linear regression")
struct NISTLinearTests {
    @Test("coefficients, SDs, residual SD and R² reach the bars", arguments: LinearCase.all)
    func certifiedValues(_ c: LinearCase) throws {
        let data = try NISTDataset.load(c.name)
        let fit = try c.model(data).fit()
        #expect(fit.coefficients.count == data.parameters.count)
        let a = LinearAccuracy(fit: fit, data: data)
        #expect(a.coefficientLRE >= c.coefficientBar, "\(c.name): coefficient LRE \(a.coefficientLRE)")
        #expect(a.rSquaredLRE >= c.rSquaredBar, "\(c.name): R² LRE \(a.rSquaredLRE)")
        if data.residualStandardDeviation == 0 {
            // Wampler1/2 fit exactly: certified SDs are 0; absolute tolerance 1e-8·max|y|.
            let tolerance = 1e-8 * (data.y.map(abs).max() ?? 1)
            #expect(a.largestAbsoluteSDError <= tolerance, "\(c.name): SD error \(a.largestAbsoluteSDError)")
            #expect(abs(fit.rSquared - 1) <= 1e-12)
        } else {
            #expect(a.sdLRE >= c.sdBar, "\(c.name): SD LRE \(a.sdLRE)")
            #expect(a.residualSDLRE >= c.sdBar, "\(c.name): residual SD LRE \(a.residualSDLRE)")
        }
        #expect(fit.rank == data.parameters.count, "\(c.name): full rank expected")
        #expect(fit.degreesOfFreedom == data.y.count - data.parameters.count)
    }

    /// Prints the full LRE table (and writes it to the file named by `KENDALI_LRE_TABLE`, if
    /// set). It also fails if any coefficient falls below 7 digits.
    @Test("LRE table")
    func lreTable() throws {
        // NumPy `lstsq` (SVD, default cut-off, unscaled columns) on the same input, from the
        // reference README: Filip 0.0, Pontius 6.3, Wampler5 5.8 coefficient digits.
        let numpy = ["Filip": "0.0", "Pontius": "6.3", "Wampler5": "5.8"]
        var lines = [
            "| set | min coefficient LRE | min SD LRE | residual-SD LRE | R² LRE | condition (scaled) | refinement steps | NumPy lstsq coefficient LRE |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for c in LinearCase.all {
            let data = try NISTDataset.load(c.name)
            let fit = try c.model(data).fit()
            let a = LinearAccuracy(fit: fit, data: data)
            func f(_ v: Double) -> String { String(format: "%.1f", v) }
            let sd = data.residualStandardDeviation == 0
                ? String(format: "abs err %.1e", a.largestAbsoluteSDError) : f(a.sdLRE)
            let rsd = data.residualStandardDeviation == 0
                ? String(format: "abs err %.1e", abs(fit.residualStandardDeviation)) : f(a.residualSDLRE)
            lines.append("| \(c.name) | \(f(a.coefficientLRE)) | \(sd) | \(rsd) | \(f(a.rSquaredLRE)) | \(String(format: "%.2e", fit.conditionNumber)) | \(fit.refinementSteps) | \(numpy[c.name] ?? "") |")
            #expect(a.coefficientLRE >= 7)
        }
        let table = lines.joined(separator: "\n") + "\n"
        print(table)
        if let path = ProcessInfo.processInfo.environment["KENDALI_LRE_TABLE"] {
            try table.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
