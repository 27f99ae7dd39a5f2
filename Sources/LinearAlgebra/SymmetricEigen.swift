import CLAPACK

/// The eigendecomposition `A = V·diag(λ)·Vᵀ` of a real symmetric matrix (`dsyevd`,
/// divide and conquer).
///
/// Only the lower triangle of `A` is read. Reference: LAPACK Users' Guide, 3rd ed., §2.4.4.
///
/// - Complexity: O(n³) flops.
public struct SymmetricEigen: Sendable, Equatable {
    /// The eigenvalues in ascending order.
    public let eigenvalues: [Double]
    /// Orthonormal eigenvectors: column `k` belongs to `eigenvalues[k]`.
    public let eigenvectors: Matrix

    /// Decomposes the symmetric `a`.
    ///
    /// - Parameter a: n × n, n ≥ 1, finite; its lower triangle is used.
    /// - Throws: `.dimensionMismatch` when not square, `.emptyInput`, `.nonFiniteInput`,
    ///   `.convergenceFailure` when the algorithm fails to converge.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else {
            throw .dimensionMismatch(operation: "dsyevd", detail: "A is \(a.rows)×\(a.columns), not square")
        }
        guard a.rows > 0 else { throw .emptyInput(operation: "dsyevd") }
        try LAPACKSupport.requireFinite(a, "A")
        var n = try LAPACKSupport.integer(a.rows, "dsyevd")
        _ = try LAPACKSupport.integer(a.rows * a.rows, "dsyevd")
        var lda = n
        var v = a.elements
        var w = [Double](repeating: 0, count: a.rows)
        var info: Int32 = 0
        var query = [Double](repeating: 0, count: 1)
        var iquery = [Int32](repeating: 0, count: 1)
        var lwork: Int32 = -1
        var liwork: Int32 = -1
        dsyevd_("V", "L", &n, &v, &lda, &w, &query, &lwork, &iquery, &liwork, &info,
                fortranCharLength, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dsyevd") { .convergenceFailure(routine: "dsyevd", info: $0) }
        lwork = try LAPACKSupport.workspaceLength(query[0], minimum: 1, "dsyevd")
        liwork = try LAPACKSupport.integer(max(1, Int(iquery[0])), "dsyevd")
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_("V", "L", &n, &v, &lda, &w, &work, &lwork, &iwork, &liwork, &info,
                fortranCharLength, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dsyevd") { .convergenceFailure(routine: "dsyevd", info: $0) }
        self.eigenvalues = w
        self.eigenvectors = Matrix(rows: a.rows, columns: a.rows, columnMajor: v)
    }
}
