import CLAPACK

/// The solution of a linear least-squares problem `min ‖b − A·x‖₂`, with its diagnostics.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// The algorithm that produced a solution.
    public enum Method: String, Sendable {
        /// Householder QR with column pivoting (`dgeqp3` + `dormqr` + `dtrtrs`).
        case pivotedQR
        /// Singular value decomposition, divide and conquer (`dgelsd`).
        case svd
    }

    /// The solution `x`, length n. For a rank-deficient `A` (rank r < n): with QR, the
    /// *basic* solution (the n − r columns pivoted last get 0); with SVD, the minimum-norm one.
    public let solution: [Double]
    /// The numerical rank of `A` under the tolerance used.
    public let rank: Int
    /// A condition-number estimate of the part of `A` that was used: for QR, `1 / rcond` of
    /// the leading rank × rank block of `R` in the 1-norm (`dtrcon`); for SVD, the 2-norm
    /// ratio `σ₁ / σ_rank`. `+∞` when the rank is 0.
    public let conditionNumber: Double
    /// The residual sum of squares `‖b − A·x‖₂²`.
    public let residualSumOfSquares: Double
    /// The singular values of `A`, decreasing (SVD only; empty for QR).
    public let singularValues: [Double]
    /// Which algorithm solved the problem.
    public let method: Method
}

/// Dense linear least squares through LAPACK.
///
/// Both solvers accept any shape (over- or under-determined) and any rank, refuse NaN/∞,
/// and report the numerical rank. Neither scales or centres the columns: a caller that
/// wants invariance to column units (as statistical regression does) scales first.
///
/// References: Golub & Van Loan, *Matrix Computations*, 4th ed., §5.5 (rank-deficient least
/// squares); LAPACK Users' Guide, 3rd ed., §2.4.2 (`xGELSY`, `xGELSD`).
public enum LeastSquares {
    /// Solves `min ‖b − A·x‖₂` by QR with column pivoting: `A·P = Q·R`,
    /// `x = P·[R11⁻¹·(Qᵀb)₁..r ; 0]`.
    ///
    /// - Parameters:
    ///   - a: m × n, finite, m ≥ 1, n ≥ 1.
    ///   - b: length m, finite.
    ///   - rankTolerance: relative threshold on the diagonal of `R` (see `QRFactorization`);
    ///     `nil` means `max(m, n) · ε`.
    /// - Throws: `LinearAlgebraError` for NaN/∞, mismatched lengths or empty input.
    /// - Complexity: `2mn² − 2n³/3` flops.
    public static func qr(_ a: Matrix, _ b: [Double], rankTolerance: Double? = nil)
        throws(LinearAlgebraError) -> LeastSquaresSolution
    {
        guard b.count == a.rows else {
            throw .dimensionMismatch(operation: "least squares", detail: "A is \(a.rows)×\(a.columns), b has \(b.count)")
        }
        try LAPACKSupport.requireFinite(b, "b")
        let f = try QRFactorization(a, pivoting: true, rankTolerance: rankTolerance)
        let qtb = try f.multiplyQTransposed(b)
        let z = try f.solveR(Array(qtb[0..<f.rank]))
        var x = [Double](repeating: 0, count: a.columns)
        for k in 0..<f.rank { x[f.permutation[k]] = z[k] }
        var rss = 0.0
        for i in f.rank..<a.rows { rss += qtb[i] * qtb[i] }
        return LeastSquaresSolution(
            solution: x, rank: f.rank,
            conditionNumber: f.rank == 0 ? .infinity : 1 / f.reciprocalCondition,
            residualSumOfSquares: rss, singularValues: [], method: .pivotedQR)
    }

    /// Solves `min ‖b − A·x‖₂` with the minimum-norm solution by SVD (`dgelsd`): singular
    /// values `σ_i ≤ rcond · σ₁` are treated as zero.
    ///
    /// - Parameters:
    ///   - a: m × n, finite, m ≥ 1, n ≥ 1.
    ///   - b: length m, finite.
    ///   - rcond: relative singular-value cut-off, ≥ 0; `nil` means `max(m, n) · ε` (the
    ///     NumPy `lstsq` default — which, note, drops a singular value of the raw Filip
    ///     design and loses every digit; scale the columns first).
    /// - Throws: `LinearAlgebraError` for NaN/∞, mismatched lengths, empty input, or
    ///   `.convergenceFailure` when the SVD does not converge.
    /// - Complexity: O(mn·min(m, n)) flops.
    public static func svd(_ a: Matrix, _ b: [Double], rcond: Double? = nil)
        throws(LinearAlgebraError) -> LeastSquaresSolution
    {
        guard a.rows > 0, a.columns > 0 else { throw .emptyInput(operation: "dgelsd") }
        guard b.count == a.rows else {
            throw .dimensionMismatch(operation: "least squares", detail: "A is \(a.rows)×\(a.columns), b has \(b.count)")
        }
        try LAPACKSupport.requireFinite(a, "A")
        try LAPACKSupport.requireFinite(b, "b")
        let cut = rcond ?? Double(max(a.rows, a.columns)) * LAPACKSupport.epsilon
        precondition(cut >= 0, "rcond must be non-negative")
        var m = try LAPACKSupport.integer(a.rows, "dgelsd")
        var n = try LAPACKSupport.integer(a.columns, "dgelsd")
        var nrhs: Int32 = 1
        var lda = m
        let ldbCount = max(a.rows, a.columns)
        var ldb = try LAPACKSupport.integer(ldbCount, "dgelsd")
        var elements = a.elements
        var bb = b + [Double](repeating: 0, count: ldbCount - a.rows)
        var s = [Double](repeating: 0, count: min(a.rows, a.columns))
        var rc = cut
        var rank: Int32 = 0
        var info: Int32 = 0
        var query = [Double](repeating: 0, count: 1)
        var iquery = [Int32](repeating: 0, count: 1)
        var lwork: Int32 = -1
        dgelsd_(&m, &n, &nrhs, &elements, &lda, &bb, &ldb, &s, &rc, &rank, &query, &lwork, &iquery, &info)
        try LAPACKSupport.check(info, routine: "dgelsd") { .convergenceFailure(routine: "dgelsd", info: $0) }
        lwork = try LAPACKSupport.workspaceLength(query[0], minimum: 1, "dgelsd")
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iquery[0])))
        dgelsd_(&m, &n, &nrhs, &elements, &lda, &bb, &ldb, &s, &rc, &rank, &work, &lwork, &iwork, &info)
        try LAPACKSupport.check(info, routine: "dgelsd") { .convergenceFailure(routine: "dgelsd", info: $0) }
        let x = Array(bb[0..<a.columns])
        let r = Int(rank)
        var rss = 0.0
        for i in 0..<a.rows {
            var fitted = 0.0
            for j in 0..<a.columns { fitted += a.elements[i + j * a.rows] * x[j] }
            let e = b[i] - fitted
            rss += e * e
        }
        return LeastSquaresSolution(
            solution: x, rank: r,
            conditionNumber: r == 0 ? .infinity : s[0] / s[r - 1],
            residualSumOfSquares: rss, singularValues: s, method: .svd)
    }
}
