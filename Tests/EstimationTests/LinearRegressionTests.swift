import Foundation
import LinearAlgebra
import Testing

@testable import Estimation

/// OLS/WLS behaviour beyond the NIST certificates: weights, rank deficiency, bad input.
@Suite("Linear regression")
struct LinearRegressionTests {
    /// y = 1 + 2x exactly at x = 0…4, plus ±0.1 alternating: by the normal equations the fit
    /// is intercept 1.02, slope 2 (the perturbation (0.1, −0.1, 0.1, −0.1, 0.1) has mean 0.02
    /// and is orthogonal to x − x̄ = (−2, −1, 0, 1, 2)).
    static let x: [Double] = [0, 1, 2, 3, 4]
    static let y: [Double] = [1.1, 2.9, 5.1, 6.9, 9.1]

    @Test func ordinaryLeastSquaresKnownLine() throws {
        let fit = try LinearModel(response: Self.y, regressors: [Self.x], names: ["x"]).fit()
        #expect(fit.terms == ["intercept", "x"])
        #expect(abs(fit.coefficients[0] - 1.02) <= 1e-14)
        #expect(abs(fit.coefficients[1] - 2) <= 1e-14)
        // Residuals: (0.08, −0.12, 0.08, −0.12, 0.08); RSS = 3·0.0064 + 2·0.0144 = 0.048.
        #expect(abs(fit.residualSumOfSquares - 0.048) <= 1e-15)
        #expect(abs(fit.residualStandardDeviation - (0.048 / 3).squareRoot()) <= 1e-15)
        // SE(slope) = s/√Sxx = √(0.016/10); SE(intercept) = s·√(1/5 + 4/10).
        #expect(abs(fit.standardErrors[1] - (0.016 / 10).squareRoot()) <= 1e-15)
        #expect(abs(fit.standardErrors[0] - (0.016 * 0.6).squareRoot()) <= 1e-15)
        #expect(fit.warnings.isEmpty)
        #expect(fit.rank == 2 && fit.degreesOfFreedom == 3)
        for i in 0..<5 { #expect(abs(fit.fittedValues[i] + fit.residuals[i] - Self.y[i]) <= 1e-15) }
    }

    /// Weight 2 on an observation gives the same estimates and RSS as listing it twice.
    @Test func weightsActLikeReplication() throws {
        let weighted = try LinearModel(response: Self.y, regressors: [Self.x], weights: [1, 2, 1, 1, 3]).fit()
        let replicated = try LinearModel(
            response: Self.y + [2.9, 9.1, 9.1], regressors: [Self.x + [1, 4, 4]]).fit()
        for j in 0..<2 { #expect(abs(weighted.coefficients[j] - replicated.coefficients[j]) <= 1e-14) }
        #expect(abs(weighted.residualSumOfSquares - replicated.residualSumOfSquares) <= 1e-14)
        #expect(abs(weighted.rSquared - replicated.rSquared) <= 1e-14)
    }

    @Test func zeroWeightsLeaveObservationsOut() throws {
        let weighted = try LinearModel(response: Self.y + [100], regressors: [Self.x + [2]], weights: [1, 1, 1, 1, 1, 0]).fit()
        let plain = try LinearModel(response: Self.y, regressors: [Self.x]).fit()
        #expect(weighted.warnings.contains(.zeroWeightsDropped(count: 1)))
        #expect(weighted.observationCount == 5)
        for j in 0..<2 { #expect(abs(weighted.coefficients[j] - plain.coefficients[j]) <= 1e-14) }
        #expect(abs(weighted.residuals[5] - (100 - 1.02 - 2 * 2)) <= 1e-12)
    }

    @Test func rankDeficiencyIsAWarningNotAnError() throws {
        let twice = Self.x.map { 2 * $0 }
        let fit = try LinearModel(response: Self.y, regressors: [Self.x, twice], names: ["x", "twice"]).fit()
        #expect(fit.rank == 2)
        #expect(fit.aliased.filter { $0 }.count == 1)
        guard case .rankDeficient(let rank, let p, let aliased)? = fit.warnings.first else {
            Issue.record("expected a rank-deficiency warning, got \(fit.warnings)")
            return
        }
        #expect(rank == 2 && p == 3 && aliased.count == 1)
        let kept = fit.aliased[1] ? 2 : 1
        let dropped = fit.aliased[1] ? 1 : 2
        #expect(fit.coefficients[dropped].isNaN && fit.standardErrors[dropped].isNaN)
        let slope = fit.coefficients[kept] * (kept == 2 ? 2 : 1)
        #expect(abs(slope - 2) <= 1e-13)
        #expect(abs(fit.residualSumOfSquares - 0.048) <= 1e-14)
    }

    @Test func badInputThrowsTypedErrors() {
        #expect(throws: RegressionError.nonFiniteValue(what: "regressor x1", index: 2)) {
            try LinearModel(response: Self.y, regressors: [[0, 1, .nan, 3, 4]]).fit()
        }
        #expect(throws: RegressionError.nonFiniteValue(what: "response", index: 0)) {
            try LinearModel(response: [.infinity, 1, 2, 3, 4], regressors: [Self.x]).fit()
        }
        #expect(throws: RegressionError.lengthMismatch(what: "regressor x1", expected: 5, actual: 4)) {
            try LinearModel(response: Self.y, regressors: [[0, 1, 2, 3]]).fit()
        }
        #expect(throws: RegressionError.tooFewObservations(observations: 2, parameters: 2)) {
            try LinearModel(response: [1, 2], regressors: [[0, 1]]).fit()
        }
        #expect(throws: RegressionError.invalidWeight(index: 1, value: -1)) {
            try LinearModel(response: Self.y, regressors: [Self.x], weights: [1, -1, 1, 1, 1]).fit()
        }
        #expect(throws: RegressionError.emptyInput) { try LinearModel(response: [], regressors: []).fit() }
    }

    @Test func constantResponseHasUndefinedRSquared() throws {
        let fit = try LinearModel(response: [3, 3, 3, 3], regressors: [[1, 2, 3, 5]]).fit()
        #expect(fit.rSquared.isNaN)
        #expect(fit.warnings.contains(.constantResponse))
        #expect(abs(fit.coefficients[0] - 3) <= 1e-15 && abs(fit.coefficients[1]) <= 1e-15)
    }

    /// Without an intercept R² is uncentred, 1 − RSS/Σy² (as NIST certifies NoInt1/2).
    @Test func noInterceptUsesUncentredRSquared() throws {
        let fit = try LinearModel(response: Self.y, regressors: [Self.x], intercept: false).fit()
        let sumY2 = Self.y.reduce(0) { $0 + $1 * $1 }
        #expect(!fit.hasIntercept && fit.terms == ["x1"])
        #expect(abs(fit.rSquared - (1 - fit.residualSumOfSquares / sumY2)) <= 1e-15)
    }
}
