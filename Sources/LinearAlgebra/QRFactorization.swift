import CLAPACK

/// A Householder QR factorisation `A·P = Q·R`, optionally with column pivoting.
///
/// With pivoting (LAPACK `dgeqp3`, Businger & Golub 1965) the diagonal of `R` decreases in
/// magnitude, which reveals the numerical rank; without it (`dgeqrf`) `P` is the identity.
/// `Q` (m × m, orthogonal) is kept in LAPACK's compact form — the Householder vectors and
/// their scalars — and applied with `dormqr`; `R` is upper trapezoidal, `min(m, n) × n`.
///
/// The numerical rank is the number of leading diagonal elements with
/// `|R[k,k]| > tolerance · max_j |R[j,j]|` (counted from the top, stopping at the first that
/// fails). See Golub & Van Loan, *Matrix Computations*, 4th ed., §5.4.2.
///
/// - Complexity: `2mn² − 2n³/3` flops to factor; `4mn − 2n²` to apply `Q` or `Qᵀ` to a vector.
public struct QRFactorization: Sendable {
    /// Rows of the factored matrix, `m`.
    public let rows: Int
    /// Columns of the factored matrix, `n`.
    public let columns: Int
    /// Whether columns were pivoted (`dgeqp3`) or kept in order (`dgeqrf`).
    public let isPivoted: Bool
    /// The column permutation `P`: column `k` of `A·P` is column `permutation[k]` of `A` (0-based).
    public let permutation: [Int]
    /// Numerical rank: the leading block `R11` (rank × rank) is treated as nonsingular.
    public let rank: Int
    /// The relative tolerance that decided `rank`.
    public let rankTolerance: Double
    /// LAPACK's estimate of the reciprocal condition number of `R11` in the 1-norm
    /// (`dtrcon`); 0 when the rank is 0.
    public let reciprocalCondition: Double

    /// `dgeqp3`/`dgeqrf` output: `R` on and above the diagonal, Householder vectors below.
    let factors: [Double]
    /// Householder scalars, `min(m, n)` of them.
    let tau: [Double]

    /// Factors `a`.
    ///
    /// - Parameters:
    ///   - a: the m × n matrix, m ≥ 1, n ≥ 1, finite.
    ///   - pivoting: `true` for QR with column pivoting (rank-revealing), `false` for plain QR.
    ///   - rankTolerance: relative tolerance for the rank decision, ≥ 0; `nil` means
    ///     `max(m, n) · ε` with ε = 2⁻⁵² (the MATLAB/NumPy default).
    /// - Throws: `LinearAlgebraError.emptyInput`, `.nonFiniteInput`, `.sizeTooLarge`.
    public init(_ a: Matrix, pivoting: Bool = true, rankTolerance: Double? = nil)
        throws(LinearAlgebraError)
    {
        try LAPACKSupport.requireFinite(a, "A")
        try self.init(checkedFinite: a, pivoting: pivoting, rankTolerance: rankTolerance)
    }

    /// Factors `a`, which the caller has already checked to be finite.
    init(checkedFinite a: Matrix, pivoting: Bool, rankTolerance: Double?) throws(LinearAlgebraError) {
        let op = pivoting ? "dgeqp3" : "dgeqrf"
        guard a.rows > 0, a.columns > 0 else { throw .emptyInput(operation: op) }
        var m = try LAPACKSupport.integer(a.rows, op)
        var n = try LAPACKSupport.integer(a.columns, op)
        _ = try LAPACKSupport.integer(a.rows * a.columns, op)
        var lda = m
        var elements = a.elements
        let k = min(a.rows, a.columns)
        var tau = [Double](repeating: 0, count: k)
        var jpvt = [Int32](repeating: 0, count: a.columns)
        var info: Int32 = 0
        var query = [Double](repeating: 0, count: 1)
        var lwork: Int32 = -1
        if pivoting {
            dgeqp3_(&m, &n, &elements, &lda, &jpvt, &tau, &query, &lwork, &info)
        } else {
            dgeqrf_(&m, &n, &elements, &lda, &tau, &query, &lwork, &info)
        }
        try LAPACKSupport.check(info, routine: op) { .convergenceFailure(routine: op, info: $0) }
        lwork = try LAPACKSupport.workspaceLength(query[0], minimum: 3 * a.columns + 1, op)
        var work = [Double](repeating: 0, count: Int(lwork))
        if pivoting {
            dgeqp3_(&m, &n, &elements, &lda, &jpvt, &tau, &work, &lwork, &info)
        } else {
            dgeqrf_(&m, &n, &elements, &lda, &tau, &work, &lwork, &info)
        }
        try LAPACKSupport.check(info, routine: op) { .convergenceFailure(routine: op, info: $0) }

        let tolerance = rankTolerance ?? Double(max(a.rows, a.columns)) * LAPACKSupport.epsilon
        precondition(tolerance >= 0 && !tolerance.isNaN, "rankTolerance must be non-negative")
        var largest = 0.0
        for j in 0..<k { largest = max(largest, abs(elements[j + j * a.rows])) }
        var r = 0
        while r < k, largest > 0, abs(elements[r + r * a.rows]) > tolerance * largest { r += 1 }

        let rcond = r == 0 ? 0 : try QRFactorization.triangularRCond(elements, lda: a.rows, order: r)
        self.rows = a.rows
        self.columns = a.columns
        self.isPivoted = pivoting
        self.permutation = pivoting ? jpvt.map { Int($0) - 1 } : Array(0..<a.columns)
        self.rank = r
        self.rankTolerance = tolerance
        self.factors = elements
        self.tau = tau
        self.reciprocalCondition = rcond
    }

    /// `dtrcon` on the leading `order` × `order` upper triangle of a matrix with leading
    /// dimension `lda`: reciprocal 1-norm condition estimate.
    static func triangularRCond(_ a: [Double], lda: Int, order: Int)
        throws(LinearAlgebraError) -> Double
    {
        var n = try LAPACKSupport.integer(order, "dtrcon")
        var ld = try LAPACKSupport.integer(lda, "dtrcon")
        var rcond = 0.0
        var work = [Double](repeating: 0, count: 3 * order)
        var iwork = [Int32](repeating: 0, count: order)
        var info: Int32 = 0
        dtrcon_("1", "U", "N", &n, a, &ld, &rcond, &work, &iwork, &info,
                fortranCharLength, fortranCharLength, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dtrcon") { .convergenceFailure(routine: "dtrcon", info: $0) }
        return rcond
    }

    /// The upper-trapezoidal factor `R`, `min(m, n) × n`, columns in pivoted order.
    public var r: Matrix {
        let k = min(rows, columns)
        var out = Matrix(rows: k, columns: columns)
        for j in 0..<columns {
            for i in 0...min(j, k - 1) { out.elements[i + j * k] = factors[i + j * rows] }
        }
        return out
    }

    /// The absolute values of the diagonal of `R`, decreasing when pivoted.
    public var diagonalMagnitudes: [Double] {
        (0..<min(rows, columns)).map { abs(factors[$0 + $0 * rows]) }
    }

    /// `Qᵀ·v` for a vector of length m (`dormqr`, side L, trans T).
    ///
    /// - Throws: `.dimensionMismatch` when `v.count != rows`, `.nonFiniteInput` for NaN/∞.
    public func multiplyQTransposed(_ v: [Double]) throws(LinearAlgebraError) -> [Double] {
        try applyQ(v, transpose: true)
    }

    /// `Q·v` for a vector of length m (`dormqr`, side L, trans N).
    ///
    /// - Throws: `.dimensionMismatch` when `v.count != rows`, `.nonFiniteInput` for NaN/∞.
    public func multiplyQ(_ v: [Double]) throws(LinearAlgebraError) -> [Double] {
        try applyQ(v, transpose: false)
    }

    private func applyQ(_ v: [Double], transpose: Bool) throws(LinearAlgebraError) -> [Double] {
        guard v.count == rows else {
            throw .dimensionMismatch(operation: "dormqr", detail: "Q is \(rows)×\(rows), vector has \(v.count)")
        }
        try LAPACKSupport.requireFinite(v, "v")
        return try applyQUnchecked(v, transpose: transpose)
    }

    /// `Q·v` or `Qᵀ·v` for a finite vector of length m (checked by the caller).
    func applyQUnchecked(_ v: [Double], transpose: Bool) throws(LinearAlgebraError) -> [Double] {
        var m = try LAPACKSupport.integer(rows, "dormqr")
        var one: Int32 = 1
        var k = try LAPACKSupport.integer(tau.count, "dormqr")
        var lda = m
        var ldc = m
        var c = v
        var info: Int32 = 0
        var query = [Double](repeating: 0, count: 1)
        var lwork: Int32 = -1
        let trans = transpose ? "T" : "N"
        dormqr_("L", trans, &m, &one, &k, factors, &lda, tau, &c, &ldc, &query, &lwork, &info,
                fortranCharLength, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dormqr") { .convergenceFailure(routine: "dormqr", info: $0) }
        lwork = try LAPACKSupport.workspaceLength(query[0], minimum: 1, "dormqr")
        var work = [Double](repeating: 0, count: Int(lwork))
        dormqr_("L", trans, &m, &one, &k, factors, &lda, tau, &c, &ldc, &work, &lwork, &info,
                fortranCharLength, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dormqr") { .convergenceFailure(routine: "dormqr", info: $0) }
        return c
    }

    /// Solves `R11·z = b` (or `R11ᵀ·z = b` when `transposed`) with the leading rank × rank
    /// block of `R` (`dtrtrs`). The unknowns are in pivoted order.
    ///
    /// - Parameter b: length `rank`.
    /// - Throws: `.dimensionMismatch`, `.nonFiniteInput`, `.singularMatrix` when a diagonal
    ///   element is exactly zero.
    public func solveR(_ b: [Double], transposed: Bool = false) throws(LinearAlgebraError) -> [Double] {
        guard b.count == rank else {
            throw .dimensionMismatch(operation: "dtrtrs", detail: "R11 is \(rank)×\(rank), vector has \(b.count)")
        }
        if rank == 0 { return [] }
        try LAPACKSupport.requireFinite(b, "b")
        var n = try LAPACKSupport.integer(rank, "dtrtrs")
        var nrhs: Int32 = 1
        var lda = try LAPACKSupport.integer(rows, "dtrtrs")
        var ldb = n
        var x = b
        var info: Int32 = 0
        dtrtrs_("U", transposed ? "T" : "N", "N", &n, &nrhs, factors, &lda, &x, &ldb, &info,
                fortranCharLength, fortranCharLength, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dtrtrs") { .singularMatrix(index: $0 - 1) }
        return x
    }

    /// `R11⁻¹`, the inverse of the leading rank × rank block of `R` (`dtrtri`), upper triangular.
    ///
    /// - Throws: `.singularMatrix` when a diagonal element is exactly zero.
    public func inverseR() throws(LinearAlgebraError) -> Matrix {
        let k = rank
        if k == 0 { return Matrix(rows: 0, columns: 0) }
        var t = Matrix(rows: k, columns: k)
        for j in 0..<k {
            for i in 0...j { t.elements[i + j * k] = factors[i + j * rows] }
        }
        var n = try LAPACKSupport.integer(k, "dtrtri")
        var lda = n
        var info: Int32 = 0
        dtrtri_("U", "N", &n, &t.elements, &lda, &info, fortranCharLength, fortranCharLength)
        try LAPACKSupport.check(info, routine: "dtrtri") { .singularMatrix(index: $0 - 1) }
        return t
    }
}
