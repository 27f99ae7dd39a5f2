import Foundation
import LinearAlgebra
import Testing

@testable import Estimation

/// Levenberg–Marquardt behaviour beyond the NIST certificates.
@Suite("Nonlinear least squares")
struct NonlinearLeastSquaresTests {
    static let x: [Double] = (0..<12).map(Double.init)
    /// Exact data from y = 3·exp(−0.4·x): any correct minimiser returns (3, 0.4), RSS 0.
    static let y: [Double] = x.map { 3 * exp(-0.4 * $0) }
    static let model = NonlinearModel(predictors: x, response: y) { x, b in b[0] * exp(-b[1] * x) }

    @Test func recoversExactParameters() throws {
        let fit = try Self.model.fit(start: [1, 1])
        #expect(fit.converged, "\(fit.termination)")
        #expect(abs(fit.parameters[0] - 3) <= 1e-12 && abs(fit.parameters[1] - 0.4) <= 1e-12)
        #expect(fit.residualSumOfSquares <= 1e-24)
        #expect(fit.degreesOfFreedom == 10 && fit.jacobianRank == 2)
    }

    /// Weights 1/σᵢ² on data with one wild point at weight 0: the fit ignores that point.
    @Test func weightsAreHonoured() throws {
        var y = Self.y
        y[5] += 10
        var w = [Double](repeating: 1, count: y.count)
        w[5] = 0
        let model = NonlinearModel(predictors: Self.x, response: y, weights: w) { x, b in b[0] * exp(-b[1] * x) }
        let fit = try model.fit(start: [1, 1])
        #expect(fit.converged)
        #expect(abs(fit.parameters[0] - 3) <= 1e-12 && abs(fit.parameters[1] - 0.4) <= 1e-12)
        #expect(fit.observationCount == 11)
    }

    @Test func evaluationBudgetIsReportedAsNotConverged() throws {
        var options = LevenbergMarquardtOptions()
        options.maximumEvaluations = 6
        let fit = try Self.model.fit(start: [1, 1], options: options)
        #expect(!fit.converged)
        #expect(fit.termination == .maximumEvaluations)
    }

    /// y = b1·x/(b2·b3 + x)... here b2 and b3 enter only as a product: the Jacobian is rank
    /// 2 of 3 everywhere, so no stop may be called convergence.
    @Test func unidentifiedParametersAreNotConvergence() throws {
        let x: [Double] = [1, 2, 3, 4, 5, 6, 8, 10]
        let y = x.map { 2 * $0 / (3 + $0) }
        let model = NonlinearModel(predictors: x, response: y) { x, b in b[0] * x / (b[1] * b[2] + x) }
        let fit = try model.fit(start: [1, 1, 1])
        #expect(!fit.converged, "\(fit.termination)")
        #expect(fit.jacobianRank == 2)
        #expect(fit.standardErrors.allSatisfy { $0.isNaN })
    }

    @Test func badInputThrows() {
        #expect(throws: RegressionError.modelNotFiniteAtStart(observation: 0)) {
            try NonlinearModel(predictors: Self.x, response: Self.y) { x, b in log(b[0] * x) }.fit(start: [1])
        }
        #expect(throws: RegressionError.jacobianSizeMismatch(expected: 2, actual: 1)) {
            try NonlinearModel(predictors: Self.x, response: Self.y, gradient: { _, _ in [1] }) { x, b in
                b[0] * exp(-b[1] * x)
            }.fit(start: [1, 1])
        }
        #expect(throws: RegressionError.nonFiniteValue(what: "start", index: 1)) {
            try Self.model.fit(start: [1, .nan])
        }
        #expect(throws: RegressionError.tooFewObservations(observations: 2, parameters: 2)) {
            try NonlinearModel(predictors: [1, 2], response: [1, 2]) { x, b in b[0] + b[1] * x }.fit(start: [0, 0])
        }
        #expect(throws: RegressionError.lengthMismatch(what: "predictors", expected: 12, actual: 2)) {
            try NonlinearModel(predictors: [1, 2], response: Self.y) { x, b in b[0] * x }.fit(start: [0])
        }
    }

    /// A two-predictor model through a struct predictor, with forward differences.
    @Test func structPredictorsAndForwardDifferences() throws {
        struct Point: Sendable { var u: Double; var v: Double }
        let points = (0..<20).map { Point(u: Double($0 % 5), v: Double($0 / 5)) }
        let y = points.map { 1.5 * $0.u + exp(0.3 * $0.v) }
        var options = LevenbergMarquardtOptions()
        options.differencing = .forward
        let fit = try NonlinearModel(predictors: points, response: y) { p, b in b[0] * p.u + exp(b[1] * p.v) }
            .fit(start: [1, 0.1], options: options)
        #expect(fit.converged)
        #expect(abs(fit.parameters[0] - 1.5) <= 1e-10 && abs(fit.parameters[1] - 0.3) <= 1e-10)
    }
}
