import CLAPACK

/// Square linear systems by LU factorisation with partial pivoting (`dgesv`).
///
/// Reference: Golub & Van Loan, *Matrix Computations*, 4th ed., §3.4.
public enum LU {
    /// Solves `A·X = B` for every column of `B`.
    ///
    /// - Parameters:
    ///   - a: n × n, n ≥ 1, finite.
    ///   - b: n × k, finite.
    /// - Throws: `.dimensionMismatch`, `.emptyInput`, `.nonFiniteInput`, and
    ///   `.singularMatrix(index:)` when `U` has an exact zero on its diagonal.
    /// - Complexity: `2n³/3 + 2n²k` flops.
    public static func solve(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard a.rows == a.columns else {
            throw .dimensionMismatch(operation: "dgesv", detail: "A is \(a.rows)×\(a.columns), not square")
        }
        guard b.rows == a.rows else {
            throw .dimensionMismatch(operation: "dgesv", detail: "A is \(a.rows)×\(a.columns), B has \(b.rows) rows")
        }
        guard a.rows > 0 else { throw .emptyInput(operation: "dgesv") }
        try LAPACKSupport.requireFinite(a, "A")
        try LAPACKSupport.requireFinite(b, "B")
        if b.columns == 0 { return b }
        var n = try LAPACKSupport.integer(a.rows, "dgesv")
        _ = try LAPACKSupport.integer(a.rows * a.rows, "dgesv")
        var nrhs = try LAPACKSupport.integer(b.columns, "dgesv")
        var lda = n
        var ldb = n
        var lu = a.elements
        var x = b
        var ipiv = [Int32](repeating: 0, count: a.rows)
        var info: Int32 = 0
        dgesv_(&n, &nrhs, &lu, &lda, &ipiv, &x.elements, &ldb, &info)
        try LAPACKSupport.check(info, routine: "dgesv") { .singularMatrix(index: $0 - 1) }
        return x
    }

    /// Solves `A·x = b` for one right-hand side; see `solve(_:_:)` for the errors.
    public static func solve(_ a: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(a, Matrix(rows: b.count, columns: 1, columnMajor: b)).elements
    }
}
