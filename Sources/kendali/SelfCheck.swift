import ArgumentParser
import Estimation
import Foundation
import LinearAlgebra

/// `kendali selfcheck`: which LAPACK/BLAS the tool runs on, and a certified problem solved.
struct SelfCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selfcheck",
        abstract: "Show the LAPACK/BLAS library in use and verify the numerics on a certified problem.",
        discussion: """
            Prints the shared library that provides LAPACK (found through the dynamic linker), \
            its OpenBLAS build and thread count when it is OpenBLAS, then fits the NIST StRD \
            Longley regression through the same code as `kendali fit ols` and compares every \
            coefficient, standard error, the residual SD and R² with NIST's certified values. \
            Prints PASS or FAIL; exits with status 1 on FAIL.

            Example:
              OPENBLAS_NUM_THREADS=1 kendali selfcheck
            """
    )

    /// Minimum log relative error accepted (significant digits). The OLS path measures about
    /// 14.6 on Longley; the NIST reference README calls 10 (coefficients) and 11 (SDs) good.
    static let requiredDigits = 10.0

    func run() throws {
        let info = BLASInfo.current()
        print("LAPACK library : \(info.libraryPath ?? "not found")")
        if let resolved = info.resolvedLibraryPath, resolved != info.libraryPath {
            print("  resolves to  : \(resolved)")
        }
        print("OpenBLAS       : \(info.openBLASConfig ?? "no (another LAPACK/BLAS implementation)")")
        if let core = info.openBLASCoreName { print("OpenBLAS core  : \(core)") }
        print("BLAS threads   : \(info.threadCount.map(String.init) ?? "unknown")"
            + (ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"].map { " (OPENBLAS_NUM_THREADS=\($0))" } ?? ""))

        let result = SelfCheck.longley()
        print("")
        print("Longley (NIST StRD), OLS through QR with pivoting and refinement:")
        for line in result.lines { print("  " + line) }
        if result.passed {
            print("PASS")
        } else {
            print("FAIL")
            throw ExitCode.failure
        }
    }

    /// Fits Longley and compares with the certificate.
    static func longley() -> (passed: Bool, lines: [String]) {
        let data = LongleyReference.data
        let model = LinearModel(
            response: data.map { $0[0] },
            regressors: (1...6).map { j in data.map { $0[j] } },
            names: (1...6).map { "x\($0)" })
        let fit: LinearFit
        do {
            fit = try model.fit()
        } catch {
            return (false, ["fit failed: \(error.description)"])
        }
        func lre(_ computed: Double, _ certified: Double) -> Double {
            guard computed.isFinite else { return 0 }
            if computed == certified { return 15 }
            return min(15, -log10(abs(computed - certified) / abs(certified)))
        }
        let coefficientDigits = zip(fit.coefficients, LongleyReference.estimates).map { lre($0, $1) }.min() ?? 0
        let sdDigits = zip(fit.standardErrors, LongleyReference.standardDeviations).map { lre($0, $1) }.min() ?? 0
        let residualDigits = lre(fit.residualStandardDeviation, LongleyReference.residualStandardDeviation)
        let r2Digits = lre(fit.rSquared, LongleyReference.rSquared)
        let checks = [
            ("coefficients", coefficientDigits), ("standard errors", sdDigits),
            ("residual SD", residualDigits), ("R²", r2Digits),
        ]
        let lines = checks.map { name, digits in
            name.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: " %5.1f correct digits (need %.0f)", digits, requiredDigits)
        }
        return (checks.allSatisfy { $0.1 >= requiredDigits }, lines)
    }
}

/// The NIST StRD Longley data set and its certified regression results.
///
/// Source: NIST Information Technology Laboratory, Statistical Reference Datasets, linear
/// regression, "Longley" (Longley.dat), <https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml>
/// — J. W. Longley (1967), "An appraisal of least squares programs for the electronic computer
/// from the point of view of the user", JASA 62, 819–841. Public domain (US Government work).
/// The certified values are given to 15 significant digits.
enum LongleyReference {
    /// Rows `y, x1 … x6`.
    static let data: [[Double]] = [
        [60323, 83.0, 234289, 2356, 1590, 107608, 1947],
        [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
        [60171, 88.2, 258054, 3682, 1616, 109773, 1949],
        [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
        [63221, 96.2, 328975, 2099, 3099, 112075, 1951],
        [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
        [64989, 99.0, 365385, 1870, 3547, 115094, 1953],
        [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
        [66019, 101.2, 397469, 2904, 3048, 117388, 1955],
        [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
        [68169, 108.4, 442769, 2936, 2798, 120445, 1957],
        [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
        [68655, 112.6, 482704, 3813, 2552, 123366, 1959],
        [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
        [69331, 115.7, 518173, 4806, 2572, 127852, 1961],
        [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
    ]
    /// Certified B0 … B6.
    static let estimates: [Double] = [
        -3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683,
        -1.03322686717359, -0.511041056535807E-01, 1829.15146461355,
    ]
    /// Certified standard deviations of B0 … B6.
    static let standardDeviations: [Double] = [
        890420.383607373, 84.9149257747669, 0.334910077722432E-01, 0.488399681651699,
        0.214274163161675, 0.226073200069370, 455.478499142212,
    ]
    /// Certified residual standard deviation.
    static let residualStandardDeviation = 304.854073561965
    /// Certified R².
    static let rSquared = 0.995479004577296
}
