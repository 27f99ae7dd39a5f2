#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// The reference CDFs the sampler tests rely on, against closed forms and published table
/// values.
@Suite struct ReferenceDistributionTests {
    /// `P(1, x) = 1 − e⁻ˣ`, `P(½, x) = erf(√x)`, and `P(n, x) = 1 − e⁻ˣ Σₖ<ₙ xᵏ/k!` for
    /// integer n, on both sides of the series / continued-fraction switch.
    @Test func incompleteGammaClosedForms() {
        for x in [0.001, 0.1, 0.7, 1.5, 2.9, 6, 25] {
            #expect(abs(Reference.regularizedGammaP(1, x) + expm1(-x)) < 1e-14)
            #expect(abs(Reference.regularizedGammaP(0.5, x) - erf(x.squareRoot())) < 1e-14)
            var term = 1.0, sum = 1.0
            for k in 1..<5 {
                term *= x / Double(k)
                sum += term
            }
            #expect(abs(Reference.regularizedGammaP(5, x) - (1 - exp(-x) * sum)) < 1e-13)
        }
        #expect(Reference.regularizedGammaP(2.5, 0) == 0)
    }

    /// Chi-square upper-tail critical values at α = 0.001 from the standard tables (NIST/
    /// SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4,
    /// <https://doi.org/10.18434/M32189>), to their printed three decimals.
    @Test(arguments: [(1, 10.828), (4, 18.467), (10, 29.588), (14, 36.123), (50, 86.661), (100, 149.449)])
    func chiSquareCriticalValues(df: Int, tabled: Double) {
        #expect(abs(Reference.chiSquareCritical(alpha: 0.001, df: df) - tabled) < 6e-4)
        #expect(abs(Reference.chiSquareUpperTail(tabled, df: df) - 0.001) < 1e-6)
    }

    /// `I_x(1, 1) = x`, `I_x(a, 1) = xᵃ`, `I_x(1, b) = 1 − (1 − x)ᵇ`, `I_½(a, a) = ½`,
    /// `I_x(½, ½) = (2/π) asin √x`, and the symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)`.
    @Test func incompleteBetaClosedForms() {
        for x in [0.001, 0.05, 0.3, 0.5, 0.77, 0.999] {
            #expect(abs(Reference.regularizedBeta(x, 1, 1) - x) < 1e-14)
            #expect(abs(Reference.regularizedBeta(x, 3.5, 1) - pow(x, 3.5)) < 1e-14)
            #expect(abs(Reference.regularizedBeta(x, 1, 0.3) + expm1(0.3 * log1p(-x))) < 1e-14)
            #expect(abs(Reference.regularizedBeta(x, 0.5, 0.5) - 2 / Double.pi * asin(x.squareRoot())) < 1e-13)
            #expect(abs(Reference.regularizedBeta(x, 3, 4) + Reference.regularizedBeta(1 - x, 4, 3) - 1) < 1e-14)
        }
        for a in [0.3, 2.0, 12.0] {
            #expect(abs(Reference.regularizedBeta(0.5, a, a) - 0.5) < 1e-14)
        }
    }

    /// Φ at 0, ±1.96 and in the tail.
    @Test func normalCDF() {
        #expect(Reference.normalCDF(0) == 0.5)
        #expect(abs(Reference.normalCDF(1.959_963_984_540_054) - 0.975) < 1e-15)
        #expect(abs(Reference.normalCDF(-1.959_963_984_540_054) - 0.025) < 1e-15)
        #expect(abs(Reference.normalCDF(-5) - 2.866_515_718_791_939e-7) < 1e-20)
    }
}
