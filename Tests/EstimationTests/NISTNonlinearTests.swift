import Foundation
import LinearAlgebra
import Testing

@testable import Estimation

/// One NIST StRD nonlinear set: its model `y = f(x, b)` as NIST states it, with the analytic
/// gradient for the tests of that path.
///
/// Source of every certified value and starting point: the set's own `.dat` file (NIST ITL
/// StRD, nonlinear regression, <https://www.itl.nist.gov/div898/strd/nls/nls_main.shtml>).
struct NonlinearCase: Sendable, CustomStringConvertible {
    var name: String
    var function: NonlinearModel<Double>.Function
    var gradient: NonlinearModel<Double>.Gradient
    var description: String { name }

    static let all: [NonlinearCase] = [
        NonlinearCase(
            name: "Misra1a",
            function: { x, b in b[0] * (1 - exp(-b[1] * x)) },
            gradient: { x, b in [1 - exp(-b[1] * x), b[0] * x * exp(-b[1] * x)] }),
        NonlinearCase(
            name: "Chwirut2",
            function: { x, b in exp(-b[0] * x) / (b[1] + b[2] * x) },
            gradient: { x, b in
                let e = exp(-b[0] * x), d = b[1] + b[2] * x
                return [-x * e / d, -e / (d * d), -x * e / (d * d)]
            }),
        NonlinearCase(
            name: "Lanczos2",
            function: { x, b in b[0] * exp(-b[1] * x) + b[2] * exp(-b[3] * x) + b[4] * exp(-b[5] * x) },
            gradient: { x, b in
                let e1 = exp(-b[1] * x), e2 = exp(-b[3] * x), e3 = exp(-b[5] * x)
                return [e1, -x * b[0] * e1, e2, -x * b[2] * e2, e3, -x * b[4] * e3]
            }),
        NonlinearCase(
            name: "Thurber",
            function: { x, b in
                (b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x)
                    / (1 + b[4] * x + b[5] * x * x + b[6] * x * x * x)
            },
            gradient: { x, b in
                let num = b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x
                let den = 1 + b[4] * x + b[5] * x * x + b[6] * x * x * x
                let q = num / (den * den)
                return [1 / den, x / den, x * x / den, x * x * x / den, -x * q, -x * x * q, -x * x * x * q]
            }),
        NonlinearCase(
            name: "Rat42",
            function: { x, b in b[0] / (1 + exp(b[1] - b[2] * x)) },
            gradient: { x, b in
                let e = exp(b[1] - b[2] * x), d = 1 + e
                return [1 / d, -b[0] * e / (d * d), b[0] * x * e / (d * d)]
            }),
        NonlinearCase(
            name: "Rat43",
            function: { x, b in b[0] / pow(1 + exp(b[1] - b[2] * x), 1 / b[3]) },
            gradient: { x, b in
                let e = exp(b[1] - b[2] * x), d = 1 + e
                let f = b[0] / pow(d, 1 / b[3])
                let dd = -f / (b[3] * d)  // ∂f/∂d
                return [f / b[0], dd * e, dd * (-x * e), f * log(d) / (b[3] * b[3])]
            }),
        NonlinearCase(
            name: "MGH09",
            function: { x, b in b[0] * (x * x + x * b[1]) / (x * x + x * b[2] + b[3]) },
            gradient: { x, b in
                let num = x * x + x * b[1], den = x * x + x * b[2] + b[3]
                return [num / den, b[0] * x / den, -b[0] * num * x / (den * den), -b[0] * num / (den * den)]
            }),
        NonlinearCase(
            name: "Eckerle4",
            function: { x, b in (b[0] / b[1]) * exp(-0.5 * ((x - b[2]) / b[1]) * ((x - b[2]) / b[1])) },
            gradient: { x, b in
                let u = (x - b[2]) / b[1]
                let e = exp(-0.5 * u * u)
                let f = (b[0] / b[1]) * e
                return [e / b[1], f * (u * u - 1) / b[1], f * u / b[1]]
            }),
        NonlinearCase(
            name: "BoxBOD",
            function: { x, b in b[0] * (1 - exp(-b[1] * x)) },
            gradient: { x, b in [1 - exp(-b[1] * x), b[0] * x * exp(-b[1] * x)] }),
    ]

    /// The cases run from both starts: (set, start 1 or 2).
    static var runs: [(NonlinearCase, Int)] { all.flatMap { c in [(c, 1), (c, 2)] } }

    func fit(_ data: NISTDataset, start: Int, analytic: Bool) throws -> NonlinearFit {
        let model = NonlinearModel(
            predictors: data.x[0], response: data.y, gradient: analytic ? gradient : nil, function: function)
        let b0 = data.parameters.map { (start == 1 ? $0.start1 : $0.start2) ?? .nan }
        return try model.fit(start: b0)
    }
}

/// Measured accuracy of one nonlinear fit.
struct NonlinearAccuracy {
    var parameterLRE: Double
    var sdLRE: Double
    var rssLRE: Double
    var residualSDLRE: Double

    init(fit: NonlinearFit, data: NISTDataset) {
        parameterLRE = zip(fit.parameters, data.parameters).map { logRelativeError($0, $1.estimate) }.min() ?? 0
        sdLRE = zip(fit.standardErrors, data.parameters).map { logRelativeError($0, $1.standardDeviation) }.min() ?? 0
        rssLRE = logRelativeError(fit.residualSumOfSquares, data.residualSumOfSquares ?? .nan)
        residualSDLRE = logRelativeError(fit.residualStandardDeviation, data.residualStandardDeviation)
    }
}

@Suite("NIST StRD nonlinear regression")
struct NISTNonlinearTests {
    /// The reference README (`datasets/reference/README.md`) asks for parameters ≥ 6 digits, RSS ≥ 9 and SDs ≥ 4 with
    /// a finite-difference Jacobian (certified values have 11 digits; MINPACK reached 6.3–10
    /// in the parameters). This implementation measured ≥ 9.6 (parameters), ≥ 8.9 (SDs) and
    /// ≥ 10.0 (RSS) on every converged run with OpenBLAS's Prescott kernels, but 8.2
    /// (parameters) and 7.6 (SDs) on Thurber from start 1 with its Haswell kernels (another
    /// summation order in the QR factorisation moves the finite-difference steps): the bars
    /// sit below both, and still well above the reference's.
    /// A fit that does not converge must say so; only BoxBOD from start 1 (a known failure
    /// of plain LM) may, and it must never claim convergence with a wrong answer.
    @Test("finite-difference Jacobian, both starts", arguments: NonlinearCase.all, [1, 2])
    func finiteDifferences(_ c: NonlinearCase, start: Int) throws {
        let data = try NISTDataset.load(c.name)
        let fit = try c.fit(data, start: start, analytic: false)
        let a = NonlinearAccuracy(fit: fit, data: data)
        if c.name == "BoxBOD" && start == 1 {
            // Never a wrong answer presented as converged.
            #expect(!fit.converged || a.parameterLRE >= 6, "BoxBOD start 1: \(fit.termination), LRE \(a.parameterLRE)")
            return
        }
        #expect(fit.converged, "\(c.name) start \(start): \(fit.termination)")
        #expect(a.parameterLRE >= 7.5, "\(c.name) start \(start): parameter LRE \(a.parameterLRE)")
        #expect(a.rssLRE >= 9.5, "\(c.name) start \(start): RSS LRE \(a.rssLRE)")
        #expect(a.sdLRE >= 7, "\(c.name) start \(start): SD LRE \(a.sdLRE)")
        #expect(a.residualSDLRE >= 9.5, "\(c.name) start \(start): residual SD LRE \(a.residualSDLRE)")
        #expect(fit.jacobianRank == data.parameters.count)
    }

    /// With the analytic gradient: measured ≥ 10.4 digits in the parameters and ≥ 10.2 in the
    /// SDs on every converged run; bars one digit lower.
    @Test("analytic Jacobian, both starts", arguments: NonlinearCase.all, [1, 2])
    func analytic(_ c: NonlinearCase, start: Int) throws {
        let data = try NISTDataset.load(c.name)
        let fit = try c.fit(data, start: start, analytic: true)
        let a = NonlinearAccuracy(fit: fit, data: data)
        if c.name == "BoxBOD" && start == 1 {
            #expect(!fit.converged || a.parameterLRE >= 6, "BoxBOD start 1: \(fit.termination), LRE \(a.parameterLRE)")
            return
        }
        #expect(fit.converged, "\(c.name) start \(start): \(fit.termination)")
        #expect(a.parameterLRE >= 9.5, "\(c.name) start \(start): parameter LRE \(a.parameterLRE)")
        #expect(a.rssLRE >= 9.5, "\(c.name) start \(start): RSS LRE \(a.rssLRE)")
        #expect(a.sdLRE >= 9.5, "\(c.name) start \(start): SD LRE \(a.sdLRE)")
    }

    /// Prints the nonlinear LRE table (appended to the file named by `KENDALI_LRE_TABLE_NLS`).
    @Test("nonlinear LRE table")
    func table() throws {
        var lines = [
            "| set | start | Jacobian | termination | min parameter LRE | min SD LRE | RSS LRE | residual-SD LRE | iterations | evaluations | cond(J) scaled | gradient cosine | relative GN step |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for c in NonlinearCase.all {
            let data = try NISTDataset.load(c.name)
            for start in [1, 2] {
                for analytic in [false, true] {
                    let fit = try c.fit(data, start: start, analytic: analytic)
                    let a = NonlinearAccuracy(fit: fit, data: data)
                    func f(_ v: Double) -> String { String(format: "%.1f", v) }
                    lines.append("| \(c.name) | \(start) | \(analytic ? "analytic" : "finite differences") | \(fit.termination) | \(f(a.parameterLRE)) | \(f(a.sdLRE)) | \(f(a.rssLRE)) | \(f(a.residualSDLRE)) | \(fit.iterations) | \(fit.evaluations) | \(String(format: "%.1e", fit.jacobianConditionNumber)) | \(String(format: "%.1e", fit.gradientCosine)) | \(String(format: "%.1e", fit.relativeGaussNewtonStep)) |")
                    #expect(!fit.converged || a.parameterLRE >= 6)
                }
            }
        }
        let table = lines.joined(separator: "\n") + "\n"
        print(table)
        if let path = ProcessInfo.processInfo.environment["KENDALI_LRE_TABLE_NLS"] {
            try table.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
