import CLAPACK
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factorisation `A = L·Lᵀ` of a symmetric positive-definite matrix (`dpotrf`),
/// with solves (`dpotrs`), the inverse (`dpotri`) and a reciprocal condition estimate
/// (`dpocon`).
///
/// Only the lower triangle of `A` is read; the upper triangle is assumed to mirror it.
/// Reference: Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2.
///
/// - Complexity: `n³/3` flops to factor, `2n²` per solved vector, `n³` more for the inverse.
public struct Cholesky: Sendable {
    /// The order n of the factored matrix.
    public let order: Int
    /// LAPACK's estimate of the reciprocal condition number of `A` in the 1-norm, in [0, 1].
    public let reciprocalCondition: Double
    /// `dpotrf` output: `L` in the lower triangle (the strict upper triangle holds A's values).
    let factor: [Double]

    /// Factors the symmetric positive-definite `a`.
    ///
    /// - Parameter a: n × n, n ≥ 1, finite; its lower triangle is used.
    /// - Throws: `.dimensionMismatch` when not square, `.emptyInput`, `.nonFiniteInput`,
    ///   `.notPositiveDefinite(order:)` when a leading minor is not positive.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else {
            throw .dimensionMismatch(operation: "Cholesky", detail: "A is \(a.rows)×\(a.columns), not square")
        }
        guard a.rows > 0 else { throw .emptyInput(operation: "dpotrf") }
        try LAPACKSupport.requireFinite(a, "A")
        var n = try LAPACKSupport.integer(a.rows, "dpotrf")
        _ = try LAPACKSupport.integer(a.rows * a.rows, "dpotrf")
        var lda = n
        var elements = a.elements
        var work1 = [Double](repeating: 0, count: a.rows)
        let anorm = dlansy_("1", "L", &n, elements, &lda, &work1, fortranCharLength, fortranCharLength)
        var info: Int32 = 0
        dpotrf_("L", &n, &elements, &lda, &info, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dpotrf") { .notPositiveDefinite(order: $0) }
        var norm = anorm
        var rcond = 0.0
        var work = [Double](repeating: 0, count: 3 * a.rows)
        var iwork = [Int32](repeating: 0, count: a.rows)
        dpocon_("L", &n, elements, &lda, &norm, &rcond, &work, &iwork, &info, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dpocon") { .convergenceFailure(routine: "dpocon", info: $0) }
        self.order = a.rows
        self.factor = elements
        self.reciprocalCondition = rcond
    }

    /// The lower-triangular factor `L` with `A = L·Lᵀ`.
    public var lower: Matrix {
        var l = Matrix(rows: order, columns: order)
        for j in 0..<order {
            for i in j..<order { l.elements[i + j * order] = factor[i + j * order] }
        }
        return l
    }

    /// `log det A = 2·Σ log L[i,i]`, finite for a positive-definite `A`.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<order { s += 2 * log(factor[i + i * order]) }
        return s
    }

    /// Solves `A·x = b` for one right-hand side.
    ///
    /// - Throws: `.dimensionMismatch` when `b.count != order`, `.nonFiniteInput`.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).elements
    }

    /// Solves `A·X = B` for every column of `B`.
    ///
    /// - Throws: `.dimensionMismatch` when `b.rows != order`, `.nonFiniteInput`.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else {
            throw .dimensionMismatch(operation: "dpotrs", detail: "A is \(order)×\(order), B has \(b.rows) rows")
        }
        try LAPACKSupport.requireFinite(b, "B")
        if b.columns == 0 { return b }
        var n = try LAPACKSupport.integer(order, "dpotrs")
        var nrhs = try LAPACKSupport.integer(b.columns, "dpotrs")
        var lda = n
        var ldb = n
        var x = b
        var info: Int32 = 0
        dpotrs_("L", &n, &nrhs, factor, &lda, &x.elements, &ldb, &info, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dpotrs") { .convergenceFailure(routine: "dpotrs", info: $0) }
        return x
    }

    /// `A⁻¹`, symmetric, both triangles filled (`dpotri`).
    ///
    /// - Throws: `.singularMatrix` if a diagonal element of `L` is exactly zero (cannot
    ///   happen after a successful factorisation, but LAPACK's code is decoded anyway).
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        var n = try LAPACKSupport.integer(order, "dpotri")
        var lda = n
        var e = factor
        var info: Int32 = 0
        dpotri_("L", &n, &e, &lda, &info, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dpotri") { .singularMatrix(index: $0 - 1) }
        for j in 0..<order {
            for i in 0..<j { e[i + j * order] = e[j + i * order] }
        }
        return Matrix(rows: order, columns: order, columnMajor: e)
    }
}
