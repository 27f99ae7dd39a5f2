import Foundation
import Testing

@testable import LinearAlgebra

/// Cholesky, LU, the symmetric eigenproblem and products on matrices with closed-form answers.
@Suite("Factorisations")
struct FactorizationTests {
    /// A = [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]]; det 8; A⁻¹ = [[3, −2], [−2, 4]]/8.
    static let spd = Matrix(rows: [[4, 2], [2, 3]])

    @Test func choleskyFactorSolveInverse() throws {
        let c = try Cholesky(Self.spd)
        let l = c.lower
        #expect(abs(l[0, 0] - 2) <= 1e-15 && abs(l[1, 0] - 1) <= 1e-15)
        #expect(abs(l[1, 1] - 2.0.squareRoot()) <= 1e-15 && l[0, 1] == 0)
        let x = try c.solve([8, 7])  // A·[1.25, 1.5] = [8, 7]
        #expect(abs(x[0] - 1.25) <= 1e-15 && abs(x[1] - 1.5) <= 1e-15)
        let inv = try c.inverse()
        #expect(abs(inv[0, 0] - 3.0 / 8) <= 1e-15 && abs(inv[0, 1] + 2.0 / 8) <= 1e-15)
        #expect(abs(inv[1, 0] + 2.0 / 8) <= 1e-15 && abs(inv[1, 1] - 4.0 / 8) <= 1e-15)
        #expect(abs(c.logDeterminant - log(8.0)) <= 1e-14)
        // 1-norm condition: ‖A‖₁ = 6, ‖A⁻¹‖₁ = 6/8 → κ = 4.5; dpocon estimates it closely.
        #expect(abs(1 / c.reciprocalCondition - 4.5) <= 1e-12)
    }

    @Test func choleskyRefusesIndefiniteAndNaN() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try Cholesky(Matrix(rows: [[1, 2], [2, 1]]))
        }
        #expect(throws: LinearAlgebraError.nonFiniteInput(argument: "A")) {
            try Cholesky(Matrix(rows: [[1, .nan], [.nan, 1]]))
        }
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Self.spd).solve([1, 2, 3]) }
    }

    /// [[2, 1, 1], [1, 3, 2], [1, 0, 0]]·[1, 2, 3] = [7, 13, 1].
    @Test func luSolvesKnownSystem() throws {
        let a = Matrix(rows: [[2, 1, 1], [1, 3, 2], [1, 0, 0]])
        let x = try LU.solve(a, [7, 13, 1])
        for (v, t) in zip(x, [1.0, 2, 3]) { #expect(abs(v - t) <= 1e-14) }
    }

    @Test func luReportsSingularMatrix() {
        let singular = Matrix(rows: [[1, 2], [2, 4]])
        #expect(throws: LinearAlgebraError.singularMatrix(index: 1)) { try LU.solve(singular, [1, 2]) }
        #expect(throws: LinearAlgebraError.nonFiniteInput(argument: "B")) {
            try LU.solve(Self.spd, [1, .infinity])
        }
    }

    /// [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
    @Test func symmetricEigenKnownPair() throws {
        let e = try SymmetricEigen(Matrix(rows: [[2, 1], [1, 2]]))
        #expect(abs(e.eigenvalues[0] - 1) <= 1e-15 && abs(e.eigenvalues[1] - 3) <= 1e-15)
        let v = e.eigenvectors
        let h = 0.5.squareRoot()
        #expect(abs(abs(v[0, 0]) - h) <= 1e-15 && abs(v[0, 0] + v[1, 0]) <= 1e-15)
        #expect(abs(abs(v[0, 1]) - h) <= 1e-15 && abs(v[0, 1] - v[1, 1]) <= 1e-15)
        #expect(throws: LinearAlgebraError.nonFiniteInput(argument: "A")) {
            try SymmetricEigen(Matrix(rows: [[1, .nan], [.nan, 1]]))
        }
    }

    @Test func productsAndTransposes() throws {
        let a = Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        let b = Matrix(rows: [[7, 8], [9, 10], [11, 12]])
        #expect(try Matrix.product(a, b) == Matrix(rows: [[58, 64], [139, 154]]))
        #expect(try Matrix.product(a, a, transposeB: true) == Matrix(rows: [[14, 32], [32, 77]]))
        #expect(try Matrix.product(a, a, transposeA: true)[2, 2] == 45)
        #expect(try Matrix.product(a, [1, 1, 1]) == [6, 15])
        #expect(try Matrix.product(a, [1, 1], transpose: true) == [5, 7, 9])
        #expect(throws: LinearAlgebraError.self) { try Matrix.product(a, a) }
        #expect(throws: LinearAlgebraError.nonFiniteInput(argument: "x")) { try Matrix.product(a, [1, .nan, 1]) }
    }

    @Test func blasInfoFindsTheLibrary() {
        let info = BLASInfo.current()
        let path = info.resolvedLibraryPath ?? info.libraryPath ?? ""
        #expect(path.contains("lapack") || path.contains("blas"), "library \(path)")
        if info.isOpenBLAS {
            #expect((info.threadCount ?? 0) >= 1)
            #expect(BLASInfo.setThreadCount(1))
            #expect(BLASInfo.current().threadCount == 1)
        } else {
            #expect(info.threadCount == nil)
        }
        #expect(!info.description.isEmpty)
    }
}
