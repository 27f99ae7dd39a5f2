import Testing

@testable import LinearAlgebra

/// Small least-squares problems whose answers are known in closed form.
@Suite("Least squares")
struct LeastSquaresTests {
    /// The line through (0,1), (1,2), (2,2), (3,4): by the textbook formulas
    /// slope = Sxy/Sxx = 4.5/5 = 0.9, intercept = ȳ − 0.9·x̄ = 0.9, RSS = 0.7.
    static let line = Matrix(rows: [[1, 0], [1, 1], [1, 2], [1, 3]])
    static let lineY: [Double] = [1, 2, 2, 4]

    @Test func qrSolvesKnownLine() throws {
        let s = try LeastSquares.qr(Self.line, Self.lineY)
        #expect(abs(s.solution[0] - 0.9) <= 1e-14)
        #expect(abs(s.solution[1] - 0.9) <= 1e-14)
        #expect(abs(s.residualSumOfSquares - 0.7) <= 1e-14)
        #expect(s.rank == 2)
        #expect(s.conditionNumber > 1 && s.conditionNumber < 100)
        #expect(s.method == .pivotedQR)
    }

    @Test func svdSolvesKnownLine() throws {
        let s = try LeastSquares.svd(Self.line, Self.lineY)
        #expect(abs(s.solution[0] - 0.9) <= 1e-14)
        #expect(abs(s.solution[1] - 0.9) <= 1e-14)
        #expect(abs(s.residualSumOfSquares - 0.7) <= 1e-14)
        #expect(s.rank == 2)
        #expect(s.singularValues.count == 2 && s.singularValues[0] >= s.singularValues[1])
        #expect(abs(s.conditionNumber - s.singularValues[0] / s.singularValues[1]) <= 1e-12)
    }

    /// Columns 1, x, 2x: rank 2. The minimum-norm solution splits the slope 0.9 as
    /// a + 2b = 0.9 with (a, b) ∥ (1, 2): a = 0.18, b = 0.36. QR's basic solution leaves one
    /// of the two collinear columns at 0 and still fits the line.
    @Test func rankDeficientReportsRank() throws {
        let a = Matrix(rows: [[1, 0, 0], [1, 1, 2], [1, 2, 4], [1, 3, 6]])
        let svd = try LeastSquares.svd(a, Self.lineY)
        #expect(svd.rank == 2)
        #expect(abs(svd.solution[0] - 0.9) <= 1e-13)
        #expect(abs(svd.solution[1] - 0.18) <= 1e-13)
        #expect(abs(svd.solution[2] - 0.36) <= 1e-13)
        let qr = try LeastSquares.qr(a, Self.lineY)
        #expect(qr.rank == 2)
        #expect(qr.solution[1] == 0 || qr.solution[2] == 0)
        #expect(abs(qr.solution[1] + 2 * qr.solution[2] - 0.9) <= 1e-13)
        #expect(abs(qr.residualSumOfSquares - 0.7) <= 1e-13)
        let refined = try RefinedLeastSquares(a)
        #expect(refined.rank == 2)
        #expect(refined.isBasic.filter { !$0 }.count == 1)
    }

    @Test func nanAndInfinityAreRefused() {
        var bad = Self.line
        bad[2, 1] = .nan
        #expect(throws: LinearAlgebraError.nonFiniteInput(argument: "A")) { try LeastSquares.qr(bad, Self.lineY) }
        #expect(throws: LinearAlgebraError.nonFiniteInput(argument: "A")) { try LeastSquares.svd(bad, Self.lineY) }
        #expect(throws: LinearAlgebraError.nonFiniteInput(argument: "b")) {
            try LeastSquares.qr(Self.line, [1, 2, .infinity, 4])
        }
        #expect(throws: LinearAlgebraError.nonFiniteInput(argument: "A")) { try RefinedLeastSquares(bad) }
    }

    @Test func dimensionMismatchIsReported() {
        #expect(throws: LinearAlgebraError.self) { try LeastSquares.qr(Self.line, [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.emptyInput(operation: "dgeqp3")) {
            try QRFactorization(Matrix(rows: 0, columns: 2))
        }
        do {
            _ = try LeastSquares.svd(Self.line, [1])
            Issue.record("expected a dimension mismatch")
        } catch {
            guard case .dimensionMismatch = error else {
                Issue.record("wrong error \(error)")
                return
            }
        }
    }

    /// A 10 × 7 Vandermonde system in x = 1…10 with integer entries and an integer solution
    /// (1, −2, 3, −4, 5, −6, 7), so A and b are exact in double precision and the true
    /// least-squares solution is known. Column-scaled cond ≈ 1e7: refinement must recover
    /// the solution to ≤ 1e-13 relative.
    @Test func refinementRecoversExactSolution() throws {
        let truth: [Double] = [1, -2, 3, -4, 5, -6, 7]
        let rows = (1...10).map { i in (0..<7).map { k in pow(Double(i), k) } }
        let a = Matrix(rows: rows)
        let b = rows.map { r in zip(r, truth).reduce(0.0) { $0 + $1.0 * $1.1 } }
        let solver = try RefinedLeastSquares(a)
        let s = try solver.solve(b)
        #expect(s.converged)
        for (x, t) in zip(s.coefficients, truth) { #expect(abs(x - t) <= 1e-13 * abs(t), "\(x) vs \(t)") }
        #expect(s.residuals.allSatisfy { abs($0) <= 1e-6 })
    }

    /// `(AᵀA)⁻¹` of the line design, by hand: AᵀA = [[4, 6], [6, 14]], det 20,
    /// inverse [[0.7, −0.3], [−0.3, 0.2]].
    @Test func normalMatrixInverseMatchesClosedForm() throws {
        let solver = try RefinedLeastSquares(Self.line)
        for refine in [false, true] {
            let inv = try solver.normalMatrixInverse(refine: refine).matrix
            #expect(abs(inv[0, 0] - 0.7) <= 1e-14)
            #expect(abs(inv[0, 1] + 0.3) <= 1e-14)
            #expect(abs(inv[1, 0] + 0.3) <= 1e-14)
            #expect(abs(inv[1, 1] - 0.2) <= 1e-14)
        }
    }

    /// Ogita, Rump & Oishi (2005): a sum that cancels completely in plain arithmetic.
    @Test func compensatedArithmeticKeepsCancelledBits() {
        #expect(Compensated.dot([1e16, 1, -1e16], [1, 1, 1]) == 1)
        #expect(Compensated.sum([1, 1e100, 1, -1e100]) == 2)
        let (p, e) = Compensated.twoProduct(1 + 0x1p-30, 1 - 0x1p-30)
        #expect(p == 1 && e == -0x1p-60)
    }
}

private func pow(_ x: Double, _ k: Int) -> Double {
    (0..<k).reduce(1.0) { acc, _ in acc * x }
}
